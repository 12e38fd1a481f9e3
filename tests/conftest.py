"""Fixtures shared by every test: a real, migrated SQLite file per test, an app on it, a live
server, and the rounds tests' seeded event. Helpers (not fixtures) are in ``tests.factories``."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from litestar import Litestar
from litestar.testing import TestClient

from service.app import create_app
from service.db.migrate import upgrade
from service.settings import Settings
from tests.factories import DB_FILENAME, SeededEvent, make_settings, seed_rounds_event
from tests.live_server import LiveServer


@pytest.fixture(scope="session")
def migrated_db_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Migrate once per session through the real Alembic migrations; tests copy the file."""
    data_dir = tmp_path_factory.mktemp("migrated")
    upgrade(make_settings(data_dir))
    return data_dir / DB_FILENAME


@pytest.fixture
def settings(tmp_path: Path, migrated_db_file: Path) -> Settings:
    shutil.copy(migrated_db_file, tmp_path / DB_FILENAME)
    return make_settings(tmp_path)


@pytest.fixture
def app(settings: Settings) -> Litestar:
    return create_app(settings)


@pytest.fixture
def client(app: Litestar) -> Iterator[TestClient[Litestar]]:
    with TestClient(app=app, base_url="http://testserver.local") as test_client:
        yield test_client


@pytest.fixture
def live_server(tmp_path: Path) -> Iterator[LiveServer]:
    """A real server process on a free port, on a freshly migrated SQLite file."""
    server = LiveServer(data_dir=tmp_path)
    server.migrate()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def seeded(settings: Settings) -> SeededEvent:
    """The rounds tests' event (six named people, 3 rounds), nothing planned yet."""
    return seed_rounds_event(settings)
