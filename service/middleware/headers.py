"""Security headers on every response, set in one ``before_send`` hook (error pages included).

The Content-Security-Policy allows scripts only from /static: no inline script and no inline
event handlers anywhere in the templates. Inline *styles* stay allowed: the print layouts size
each badge and card in ``style`` attributes computed per page, and CSS cannot run script; all
user text is escaped by Jinja, so it cannot add styles either.

Organiser (/o/) and attendee (/a/) pages carry secret tokens in their links and personal data in
their bodies: they are never stored by browsers or proxies (``no-store``). So are check-in pages
(/c/): they set the cookie that remembers an attendee and redirect to their secret page.
``Referrer-Policy: no-referrer`` keeps those links out of other sites' logs.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from litestar.datastructures import MutableScopeHeaders
from litestar.types import Message, Scope

CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    )
)
SECURITY_HEADERS = {
    "content-security-policy": CONTENT_SECURITY_POLICY,
    "x-frame-options": "DENY",
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "cross-origin-opener-policy": "same-origin",
}
PRIVATE_PREFIXES = ("/o/", "/a/", "/c/")
HSTS = "max-age=31536000"


def is_private_path(path: str) -> bool:
    return path.startswith(PRIVATE_PREFIXES)


def security_headers_hook(https: bool) -> Callable[[Message, Scope], Awaitable[None]]:
    """The ``before_send`` hook; with ``https``, browsers are also told to stay on HTTPS."""

    async def add_security_headers(message: Message, scope: Scope) -> None:
        if message["type"] != "http.response.start":
            return
        headers = MutableScopeHeaders.from_message(message)
        for name, value in SECURITY_HEADERS.items():
            headers[name] = value
        if https:
            headers["strict-transport-security"] = HSTS
        if is_private_path(scope.get("path", "")):
            headers["cache-control"] = "no-store"

    return add_security_headers
