"""Errors as responses: friendly pages (or JSON for scripts), never a stack trace for a user.

Business-rule errors (``service.domain_errors``) are mapped to HTTP here; Litestar's own
exceptions (a bad form, a failed CSRF check, an unknown route) get plain words too. Anything
else is a bug: it is logged with its traceback and the person sees a short apology.
"""

from __future__ import annotations

import logging

from litestar import MediaType, Request, Response
from litestar.exceptions import HTTPException, NotFoundException, ValidationException
from litestar.response import Template
from litestar.status_codes import (
    HTTP_400_BAD_REQUEST,
    HTTP_404_NOT_FOUND,
    HTTP_409_CONFLICT,
    HTTP_500_INTERNAL_SERVER_ERROR,
    HTTP_503_SERVICE_UNAVAILABLE,
)
from sqlalchemy.exc import DBAPIError

from service.domain_errors import ConcurrentChange, MingleError, NotFound, UserFacingError
from service.storage import storage_problem

logger = logging.getLogger("mingle")

PLAIN_MESSAGES = {
    400: "Something in that request was not right.",
    403: "This page needs a valid link.",
    404: "We could not find that page. Check the link you were given.",
    405: "That action is not possible on this page.",
    408: "The request took too long to arrive. Please send it again.",
    413: "That upload is too large.",
    429: "Too many requests; please wait a moment and try again.",
}

# Litestar's CSRF check fails with this detail when a form comes back without its cookie or
# token: usually a page left open for long, or a phone that blocks cookies.
CSRF_FAILURE_DETAIL = "CSRF token verification failed"
CSRF_FAILURE_MESSAGE = (
    "This form was open too long or your browser blocked a cookie. Go back, reload the page and send it again."
)


def prefers_json(request: Request) -> bool:
    """A script (say, polling ``/o/{token}/rounds/status``) that asks for JSON and not HTML."""
    accept = request.headers.get("accept", "")
    return "application/json" in accept and "text/html" not in accept


def error_response(
    request: Request, status_code: int, message: str, headers: dict[str, str] | None = None
) -> Response | Template:
    if prefers_json(request):
        return Response(
            {"error": message, "status": status_code},
            status_code=status_code,
            media_type=MediaType.JSON,
            headers=headers,
        )
    return Template(
        "error.html", context={"status_code": status_code, "message": message}, status_code=status_code, headers=headers
    )


def http_exception_handler(request: Request, exc: HTTPException) -> Response | Template:
    status_code = exc.status_code
    if isinstance(exc, ValidationException):
        message = "Some of what was sent could not be read. Please check the form and try again."
    elif isinstance(exc, NotFoundException) or status_code == HTTP_404_NOT_FOUND:
        message = PLAIN_MESSAGES[404]
    elif status_code == 403 and exc.detail == CSRF_FAILURE_DETAIL:
        message = CSRF_FAILURE_MESSAGE
    elif exc.detail and status_code < 500 and getattr(exc, "user_facing", False):
        message = exc.detail  # the web layer's own refusals written for people (413, 408, 429)
    else:
        message = PLAIN_MESSAGES.get(status_code, "Something went wrong.")
    # Kept: e.g. Retry-After on a 429.
    return error_response(request, status_code, message, headers=dict(exc.headers or {}))


def domain_error_handler(request: Request, exc: MingleError) -> Response | Template:
    if isinstance(exc, UserFacingError):
        return error_response(request, HTTP_400_BAD_REQUEST, exc.detail)
    if isinstance(exc, NotFound):
        return error_response(request, HTTP_404_NOT_FOUND, PLAIN_MESSAGES[404])
    if isinstance(exc, ConcurrentChange):
        return error_response(request, HTTP_409_CONFLICT, exc.detail)
    return internal_error_handler(request, exc)


def internal_error_handler(request: Request, exc: Exception) -> Response | Template:
    logger.error("Unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
    return error_response(
        request, HTTP_500_INTERNAL_SERVER_ERROR, "Something went wrong on our side. Please try again."
    )


def database_error_handler(request: Request, exc: DBAPIError) -> Response | Template:
    """A full disk or a read-only data folder is a 503 that says so; other database errors are 500s."""
    problem = storage_problem(exc)
    if problem is None:
        return internal_error_handler(request, exc)
    logger.error("Storage fault on %s %s: %s", request.method, request.url.path, exc.orig)
    return error_response(request, HTTP_503_SERVICE_UNAVAILABLE, problem)


exception_handlers = {
    HTTPException: http_exception_handler,
    MingleError: domain_error_handler,
    DBAPIError: database_error_handler,
    Exception: internal_error_handler,
}
