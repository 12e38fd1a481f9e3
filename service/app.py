"""The app factory: every piece of the web service is wired together here."""

from __future__ import annotations

import gc
from typing import Any

from advanced_alchemy.extensions.litestar import SQLAlchemyPlugin
from litestar import Litestar, get
from litestar.channels import ChannelsPlugin
from litestar.channels.backends.memory import MemoryChannelsBackend
from litestar.config.csrf import CSRFConfig
from litestar.datastructures import State
from litestar.di import Provide
from litestar.middleware.base import DefineMiddleware
from litestar.plugins.jinja import JinjaTemplateEngine
from litestar.template.config import TemplateConfig
from sqlalchemy.orm import configure_mappers

from service.access_log import AccessLogMiddleware, logging_config
from service.db.config import build_sqlalchemy_config
from service.errors import exception_handlers
from service.events.links import is_loopback_url
from service.middleware.bodies import FORM_BODY_BYTES, BufferedBodyMiddleware
from service.middleware.guards import NulGuardMiddleware
from service.middleware.headers import security_headers_hook
from service.middleware.rate_limits import rate_limit_middleware, rate_limit_stores
from service.paths import TEMPLATES_DIR
from service.privacy.retention import retention_lifespan
from service.settings import Settings
from service.static_files import static_files_router


@get("/healthz", sync_to_thread=False, include_in_schema=False)
def healthz() -> dict[str, str]:
    return {"status": "ok"}


def route_handlers() -> list[Any]:
    # Each domain contributes its controllers here; imported lazily so that a settings
    # object exists before any module reads it.
    from service.attendees.arrival_controllers import AttendeeArrivalController, OrganiserArrivalController
    from service.attendees.controllers import (
        AttendeePageController,
        CheckinController,
        OrganiserAttendeesController,
    )
    from service.events.controllers import HomeController, OrganiserEventController
    from service.followup.controllers import AttendeeFollowupController, OrganiserReportController
    from service.imports.controllers import OrganiserImportController
    from service.preferences.controllers import AttendeeMarksController, OrganiserRulesController
    from service.printing.controllers import PrintingController
    from service.privacy.controllers import AttendeeDeletionController, OrganiserPrivacyController, PublicCardController
    from service.rounds.controllers import AttendeeLiveController, AttendeeRoundsController, OrganiserRoundsController
    from service.rounds.schedule_export import ScheduleExportController
    from service.screen.controllers import ScreenController

    return [
        healthz,
        static_files_router(),
        HomeController,
        OrganiserEventController,
        OrganiserAttendeesController,
        OrganiserImportController,
        CheckinController,
        AttendeePageController,
        PrintingController,
        OrganiserRoundsController,
        AttendeeRoundsController,
        AttendeeLiveController,
        ScreenController,
        PublicCardController,
        AttendeeDeletionController,
        OrganiserPrivacyController,
        AttendeeFollowupController,
        OrganiserReportController,
        OrganiserArrivalController,
        AttendeeArrivalController,
        ScheduleExportController,
        AttendeeMarksController,
        OrganiserRulesController,
    ]


def register_hooks() -> None:
    """Each domain that adds to another's pages plugs in here, explicitly, once per process."""
    from service.rounds import hooks as rounds_hooks

    rounds_hooks.register()


def build_channels_plugin(settings: Settings) -> ChannelsPlugin:
    if settings.redis_url:
        from litestar.channels.backends.redis import RedisChannelsPubSubBackend
        from redis.asyncio import Redis

        backend: Any = RedisChannelsPubSubBackend(redis=Redis.from_url(settings.redis_url))
    else:
        backend = MemoryChannelsBackend(history=20)
    return ChannelsPlugin(backend=backend, arbitrary_channels_allowed=True, create_ws_route_handlers=False)


def configure_templates(engine: JinjaTemplateEngine, settings: Settings) -> None:
    engine.engine.globals["base_url"] = settings.base_url
    # Phones cannot open links to this machine's loopback address: pages say so (see README).
    engine.engine.globals["loopback_base_url"] = is_loopback_url(settings.base_url)


def freeze_startup_objects() -> None:
    """Exempt everything loaded at startup (Litestar, SQLAlchemy, OR-Tools, templates) from the
    garbage collector's full passes: each such pass walked all of it and paused every request
    for up to half a second, e.g. in the middle of a CSV import.

    The database mappers are configured first, so that the first request does not do it on the
    event loop (tens of milliseconds every other request would wait) and its objects are frozen too."""
    configure_mappers()
    gc.collect()
    gc.freeze()


def request_middleware(settings: Settings) -> list[Any]:
    """Run after routing, before dependencies and handlers, outermost first: the access log; rate limits refuse
    a flood before its body is read; the NUL guard refuses impossible links; then the whole body
    is read (no database involved) before any route code starts. Litestar's CSRF check runs
    inside all of these, on the buffered body."""
    return [
        AccessLogMiddleware(),  # outermost, so refusals (429, 413, 404) are logged too
        *(rate_limit_middleware() if settings.rate_limits else []),
        NulGuardMiddleware,
        DefineMiddleware(BufferedBodyMiddleware, read_seconds=settings.body_read_seconds),
    ]


def create_app(settings: Settings | None = None) -> Litestar:
    settings = settings or Settings.from_env()
    register_hooks()
    template_config = TemplateConfig(
        directory=TEMPLATES_DIR,
        engine=JinjaTemplateEngine,
        engine_callback=lambda engine: configure_templates(engine, settings),
    )
    sqlalchemy_config = build_sqlalchemy_config(settings)

    async def close_database_connections() -> None:
        # The plugin leaves pooled connections open at shutdown when given an engine
        # instance; close them so that no connection outlives its app.
        await sqlalchemy_config.get_engine().dispose()

    channels = build_channels_plugin(settings)
    # Imported here, like the controllers: the rounds domain loads once settings exist.
    from service.rounds.auto_advance import AutoAdvancePlugin, ClockKeeper

    keeper = ClockKeeper(sqlalchemy_config.get_engine, channels, settings.clock_check_seconds)
    return Litestar(
        route_handlers=route_handlers(),
        middleware=request_middleware(settings),
        before_send=[security_headers_hook(https=settings.base_url.startswith("https://"))],
        request_max_body_size=FORM_BODY_BYTES,  # per route; the CSV import raises it
        # The automatic advance comes after the channels, so it starts after them and stops before.
        plugins=[SQLAlchemyPlugin(config=sqlalchemy_config), channels, AutoAdvancePlugin(keeper)],
        stores=rate_limit_stores(settings.redis_url),  # shared by every worker when there is Redis
        on_startup=[freeze_startup_objects],
        on_shutdown=[close_database_connections],
        lifespan=[retention_lifespan(sqlalchemy_config.get_engine, settings.retention_check_seconds)],
        dependencies={"settings": Provide(lambda: settings, use_cache=True, sync_to_thread=False)},
        template_config=template_config,
        # No API schema pages: they would list every route and load their scripts from the network.
        openapi_config=None,
        csrf_config=CSRFConfig(
            secret=settings.secret_key,
            cookie_httponly=True,
            cookie_samesite="lax",
            cookie_secure=settings.base_url.startswith("https://"),
        ),
        exception_handlers=exception_handlers,  # type: ignore[arg-type]
        logging_config=logging_config(),
        state=State({"settings": settings}),
        debug=False,
    )
