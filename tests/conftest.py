"""Fixtures shared by every test: a real, migrated SQLite file per test and an app on it."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from litestar import Litestar
from litestar.testing import TestClient

from service.app import create_app
from service.db.migrate import upgrade
from service.settings import Settings, sqlite_url
from tests.live_server import LiveServer

DB_FILENAME = "mingle.sqlite3"


def make_settings(data_dir: Path, base_url: str = "http://testserver.local") -> Settings:
    return Settings(
        data_dir=data_dir,
        database_url=sqlite_url(data_dir / DB_FILENAME),
        secret_key="test-secret-key-not-for-production",
        base_url=base_url,
    )


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
def unlimited_client(settings: Settings) -> Iterator[TestClient[Litestar]]:
    """A client of an app without rate limits, for tests that post many forms on purpose."""
    app = create_app(replace(settings, rate_limits=False))
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
