"""Apply the Alembic migrations (the only way the schema is created or changed)."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from advanced_alchemy.alembic.commands import AlembicCommands

from service.db.config import build_sqlalchemy_config
from service.settings import Settings


def upgrade(settings: Settings, revision: str = "head") -> None:
    # The migration environment starts its own event loop, so it runs on a thread of its
    # own: callers may already be inside one (a test, Playwright, a running server).
    with ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(_upgrade, settings, revision).result()


def _upgrade(settings: Settings, revision: str) -> None:
    config = build_sqlalchemy_config(settings)
    AlembicCommands(sqlalchemy_config=config).upgrade(revision=revision)
