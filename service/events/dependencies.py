"""Short names for what route handlers receive, so that handler signatures stay readable.

Litestar injects dependencies by parameter name: ``db_session`` (the SQLAlchemy plugin),
``channels`` (the live-update plugin), ``settings`` (the app) and ``event`` (the organiser's
event, via ``provide_organiser_event`` on every ``/o/{token}`` controller).
"""

from __future__ import annotations

from typing import Any

from litestar import Request
from litestar.channels import ChannelsPlugin
from litestar.di import NamedDependency, Provide
from sqlalchemy.ext.asyncio import AsyncSession

from service.db.models import Event
from service.events.services import provide_organiser_event
from service.settings import Settings

AnyRequest = Request[Any, Any, Any]
DbSession = NamedDependency[AsyncSession]
Channels = NamedDependency[ChannelsPlugin]
AppSettings = NamedDependency[Settings]
OrganiserEvent = NamedDependency[Event]

organiser_event_dependency = {"event": Provide(provide_organiser_event)}
