"""Links and cookies with a NUL character are refused before any route code sees them.

No token, code or cookie Mingle makes contains one, and PostgreSQL refuses NUL in text: a NUL in
a link (``/a/%00…``) or in the check-in cookie was a 500 on every route that looks something up.
Such a link is simply wrong, so it gets the same 404 page as any other wrong link; a query string
with one is a 400.
"""

from __future__ import annotations

from litestar import Request
from litestar.exceptions import HTTPException, NotFoundException
from litestar.types import ASGIApp, Receive, Scope, Send

NUL = "\x00"


class NulInQuery(HTTPException):
    status_code = 400
    user_facing = True
    detail = "That address contains a character that is not allowed. Check the link you were given."


def has_nul_in_path_or_cookies(scope: Scope) -> bool:
    if any(isinstance(value, str) and NUL in value for value in scope.get("path_params", {}).values()):
        return True
    if NUL in scope.get("path", ""):
        return True
    return any(NUL in name or NUL in value for name, value in Request(scope).cookies.items())


def has_nul_in_query(scope: Scope) -> bool:
    query = scope.get("query_string", b"")
    return b"\x00" in query or b"%00" in query


class NulGuardMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] in ("http", "websocket"):
            if has_nul_in_path_or_cookies(scope):
                raise NotFoundException()
            if has_nul_in_query(scope):
                raise NulInQuery()
        await self.app(scope, receive, send)
