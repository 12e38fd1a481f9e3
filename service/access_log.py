"""Logging: one access line per request at INFO, errors (with tracebacks) at ERROR.

Everything goes to the ``mingle`` loggers on standard error. The access line never holds a
secret: the organiser's and attendees' tokens in ``/o/…`` and ``/a/…`` paths are masked, so
a log file does not hand out the keys to an event.
"""

from __future__ import annotations

import logging
import re
import time

from litestar.enums import ScopeType
from litestar.logging.config import LoggingConfig
from litestar.middleware import ASGIMiddleware
from litestar.types import ASGIApp, Message, Receive, Scope, Send

access_logger = logging.getLogger("mingle.access")
SECRET_IN_PATH = re.compile(r"^/([oa])/[^/]+")
LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def logging_config() -> LoggingConfig:
    return LoggingConfig(
        configure_root_logger=False,
        formatters={"plain": {"format": LOG_FORMAT}},
        handlers={"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
        loggers={"mingle": {"level": "INFO", "handlers": ["console"], "propagate": True}},
        # service.errors logs unhandled errors itself, once, with the traceback.
        log_exceptions="never",
    )


def loggable_path(path: str) -> str:
    return SECRET_IN_PATH.sub(lambda match: f"/{match.group(1)}/…", path)


class AccessLogMiddleware(ASGIMiddleware):
    """Logs ``METHOD path status milliseconds`` when a response starts (so an event stream is
    logged when it opens, not when it closes)."""

    scopes = (ScopeType.HTTP,)

    async def handle(self, scope: Scope, receive: Receive, send: Send, next_app: ASGIApp) -> None:
        started = time.perf_counter()

        async def send_and_log(message: Message) -> None:
            if message["type"] == "http.response.start":
                milliseconds = (time.perf_counter() - started) * 1000
                method, path = scope.get("method", "?"), loggable_path(scope["path"])
                access_logger.info("%s %s %s %.0f ms", method, path, message["status"], milliseconds)
            await send(message)

        await next_app(scope, receive, send_and_log)
