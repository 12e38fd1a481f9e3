"""What can go wrong by the rules of an event, independent of the web layer.

Services raise these; ``service.errors`` turns them into HTTP responses (a ``UserFacingError``
becomes a 400 page showing its message, ``NotFound`` the plain 404 page). Nothing here imports
Litestar, so the rules can be used and tested without a request.
"""

from __future__ import annotations


class MingleError(Exception):
    """Base class of the errors Mingle's own rules raise."""


class UserFacingError(MingleError):
    """A request that does not fit the moment; ``detail`` is written for the person who sent it."""

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


class NotFound(MingleError):
    """No such event, attendee or page for this link (a wrong token is the same as no token)."""


CONCURRENT_CHANGE_MESSAGE = "Someone else changed this at the same moment — reload to see the current state."


class ConcurrentChange(MingleError):
    """The request was made on a state that changed meanwhile (another organiser, a double tap):
    nothing was done. Shown as a 409 with ``detail``."""

    def __init__(self, detail: str = CONCURRENT_CHANGE_MESSAGE) -> None:
        super().__init__(detail)
        self.detail = detail
