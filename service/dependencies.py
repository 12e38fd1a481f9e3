"""What route handlers receive, under short names, for every controller of every domain.

Litestar injects dependencies by parameter name: ``db_session`` and ``db_engine`` (the
SQLAlchemy plugin), ``channels`` (the live-update plugin), ``settings`` (the app) and ``event``
(the organiser's event, for controllers under ``/o/{token}`` that declare
``dependencies = organiser_event_dependency``).
"""

from __future__ import annotations

from typing import Any

from litestar import Request
from litestar.channels import ChannelsPlugin
from litestar.di import NamedDependency, Provide
from litestar.params import FromPath
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from service.db.models import Event
from service.events.services import event_by_organiser_token
from service.settings import Settings

AnyRequest = Request[Any, Any, Any]
DbSession = NamedDependency[AsyncSession]
DbEngine = NamedDependency[AsyncEngine]
Channels = NamedDependency[ChannelsPlugin]
AppSettings = NamedDependency[Settings]
OrganiserEvent = NamedDependency[Event]


async def provide_organiser_event(token: FromPath[str], db_session: DbSession) -> Event:
    """The organiser's event for every ``/o/{token}/...`` handler, or 404."""
    return await event_by_organiser_token(db_session, token)


organiser_event_dependency = {"event": Provide(provide_organiser_event)}
