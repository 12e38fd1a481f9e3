"""Alembic environment: runs migrations on the engine built from Mingle's settings."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Any, cast

from advanced_alchemy.base import metadata_registry
from alembic import context

# Every table on the shared metadata: the foundation's, then each domain's own.
import service.db.models
import service.followup.models
import service.preferences.models
import service.rounds.models  # noqa: F401

if TYPE_CHECKING:
    from advanced_alchemy.alembic.commands import AlembicCommandConfig
    from sqlalchemy.engine import Connection
    from sqlalchemy.ext.asyncio import AsyncEngine

config = cast("AlembicCommandConfig", context.config)


def configure(**kwargs: Any) -> None:
    context.configure(
        target_metadata=metadata_registry.get(config.bind_key),
        version_table=config.version_table_name,
        render_as_batch=config.render_as_batch,
        compare_type=True,
        **kwargs,
    )


def run_offline() -> None:
    configure(url=config.db_url, literal_binds=True, dialect_opts={"paramstyle": "named"})
    with context.begin_transaction():
        context.run_migrations()


def run_sync(connection: Connection) -> None:
    configure(connection=connection)
    with context.begin_transaction():
        context.run_migrations()


async def run_online() -> None:
    engine = cast("AsyncEngine", config.engine)
    async with engine.connect() as connection:
        await connection.run_sync(run_sync)
    await engine.dispose()


if context.is_offline_mode():
    run_offline()
else:
    asyncio.run(run_online())
