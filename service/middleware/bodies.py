"""Request bodies are read whole, within a size limit and a time limit, before route code runs.

Why here and not in the handlers: a handler gets its database session (and often runs a first
query) before it awaits ``request.form()``. A client that trickles its body then holds a pooled
connection for as long as it likes; sixteen of them exhausted the pool and took every page down.
This middleware sits after routing (so it knows the route's limit) but before dependencies and
the handler, and needs no database: route code only starts once its input has fully arrived.

The limit is Litestar's own per-route ``request_max_body_size`` (the app sets the default for
ordinary forms; the CSV import raises it). A body over the limit gets a 413 page, a body that is
still arriving after ``read_seconds`` gets a 408 page.
"""

from __future__ import annotations

import asyncio
from typing import Any, cast

from litestar.exceptions import HTTPException
from litestar.types import ASGIApp, Receive, ReceiveMessage, Scope, Send

from service.middleware.form_text import checked_form_body

FORM_BODY_BYTES = 64 * 1024  # every ordinary form: a profile is a few KB at most
DEFAULT_READ_SECONDS = 30.0  # a 1 MB import needs about 270 kbit/s to arrive in time
BODY_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


class BodyTooLarge(HTTPException):
    status_code = 413
    user_facing = True


class BodyTooSlow(HTTPException):
    status_code = 408
    user_facing = True


def too_large(limit: int) -> BodyTooLarge:
    return BodyTooLarge(
        detail=f"That is more than this page accepts in one go (at most {readable_size(limit)}). "
        "Shorten what you entered, or split the file, and send it again."
    )


def readable_size(size: int) -> str:
    return f"{size / 1_000_000:.0f} MB" if size >= 1_000_000 else f"{size // 1024} KB"


def announced_length(scope: Scope) -> int | None:
    for name, value in scope["headers"]:
        if name == b"content-length":
            return int(value) if value.isdigit() else None
    return None


class BufferedBodyMiddleware:
    """Read the whole body first, then hand it to the app in one ``http.request`` message."""

    def __init__(self, app: ASGIApp, read_seconds: float = DEFAULT_READ_SECONDS) -> None:
        self.app = app
        self.read_seconds = read_seconds

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope.get("method") not in BODY_METHODS:
            await self.app(scope, receive, send)
            return
        handler: Any = scope["route_handler"]  # an HTTP route handler: this is an HTTP scope
        limit: int | None = handler.resolve_request_max_body_size()
        announced = announced_length(scope)
        if limit is not None and announced is not None and announced > limit:
            raise too_large(limit)  # refused before reading a byte of it
        body = await self.read_body(receive, limit)
        if body is None:
            return  # the client went away: nobody to answer
        await self.app(scope, replay(checked_form_body(scope, body), receive), send)

    async def read_body(self, receive: Receive, limit: int | None) -> bytes | None:
        chunks = bytearray()
        try:
            async with asyncio.timeout(self.read_seconds):
                while True:
                    message = await receive()
                    if message["type"] == "http.disconnect":
                        return None
                    chunks += cast(bytes, message.get("body", b""))
                    if limit is not None and len(chunks) > limit:
                        raise too_large(limit)
                    if not message.get("more_body", False):
                        return bytes(chunks)
        except TimeoutError:
            raise BodyTooSlow(
                detail="Your connection sent the form too slowly and it was not saved. "
                "Check your connection and send it again."
            ) from None


def replay(body: bytes, receive: Receive) -> Receive:
    """A ``receive`` that gives the buffered body once, then passes on what the server sends
    (only ``http.disconnect`` can follow a complete body)."""
    delivered = False

    async def receive_buffered() -> ReceiveMessage:
        nonlocal delivered
        if delivered:
            return await receive()
        delivered = True
        message: Any = {"type": "http.request", "body": body, "more_body": False}
        return message

    return receive_buffered
