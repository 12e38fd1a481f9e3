"""Fixtures shared by every test: a real, migrated SQLite file per test, an app on it, a live
server, and the rounds tests' seeded event. Helpers (not fixtures) are in ``tests.factories``."""

from __future__ import annotations

import os
import secrets
import shutil
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from litestar import Litestar
from litestar.testing import TestClient
from sqlalchemy.engine import make_url

from service.app import create_app
from service.db.migrate import upgrade
from service.settings import Settings
from tests.factories import DB_FILENAME, SeededEvent, make_settings, run_async, seed_rounds_event
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


@pytest.fixture
def seeded(settings: Settings) -> SeededEvent:
    """The rounds tests' event (six named people, 3 rounds), nothing planned yet."""
    return seed_rounds_event(settings)


POSTGRES_URL = os.environ.get("MINGLE_TEST_POSTGRES_URL", "")


async def _postgres_admin(statement: str) -> None:
    import asyncpg  # the test extra has it; only the PostgreSQL tests need it

    server = make_url(POSTGRES_URL)
    connection = await asyncpg.connect(
        host=server.host, port=server.port, user=server.username, password=server.password, database=server.database
    )
    try:
        await connection.execute(statement)
    finally:
        await connection.close()


@pytest.fixture
def postgres_settings(tmp_path: Path) -> Iterator[Settings]:
    """Settings on a database of its own on the throwaway PostgreSQL server that ``.ci/run`` starts
    (one per test, so tests running in parallel never see each other's tables)."""
    if not POSTGRES_URL:
        if os.environ.get("CI"):
            pytest.fail("MINGLE_TEST_POSTGRES_URL is not set: .ci/run starts PostgreSQL for these tests.")
        pytest.skip("set MINGLE_TEST_POSTGRES_URL (as .ci/run does) to run the PostgreSQL tests")
    name = f"mingle_test_{secrets.token_hex(6)}"
    run_async(_postgres_admin(f'CREATE DATABASE "{name}"'))
    url = make_url(POSTGRES_URL).set(database=name).render_as_string(hide_password=False)
    settings = replace(make_settings(tmp_path), database_url=url)
    upgrade(settings)
    yield settings
    run_async(_postgres_admin(f'DROP DATABASE "{name}" WITH (FORCE)'))
