"""Apply or undo the Alembic migrations (the only way the schema is created or changed)."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

from advanced_alchemy.alembic.commands import AlembicCommands

from service.db.config import build_sqlalchemy_config
from service.settings import Settings


def upgrade(settings: Settings, revision: str = "head") -> None:
    _on_own_thread(lambda: _commands(settings).upgrade(revision=revision))


def downgrade(settings: Settings, revision: str) -> None:
    _on_own_thread(lambda: _commands(settings).downgrade(revision=revision))


def _commands(settings: Settings) -> AlembicCommands:
    return AlembicCommands(sqlalchemy_config=build_sqlalchemy_config(settings))


def _on_own_thread(command: Callable[[], None]) -> None:
    # The migration environment starts its own event loop, so it runs on a thread of its
    # own: callers may already be inside one (a test, Playwright, a running server).
    with ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(command).result()
