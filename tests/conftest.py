"""Fixtures shared by every test: a real, migrated SQLite file per test, an app on it, a live
server, and the rounds tests' seeded event. Helpers (not fixtures) are in ``tests.factories``."""

from __future__ import annotations

import os
import secrets
import shutil
import socket
import subprocess
import time
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
from tests.live_server import LiveServer, free_port


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


@pytest.fixture(scope="module")
def redis_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A throwaway redis-server for one test module, on a free port of this machine, keeping nothing on disk.
    CI installs it (.ci/run); elsewhere the tests that need it are skipped without it."""
    binary = shutil.which("redis-server")
    if binary is None:
        if os.environ.get("CI"):
            pytest.fail("redis-server is not installed: .ci/run installs it for these tests.")
        pytest.skip("install redis-server (as .ci/run does) to run the Redis tests")
    folder = tmp_path_factory.mktemp("redis")
    port = free_port()
    arguments = ["--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
    log = open(folder / "redis.log", "wb")  # noqa: SIM115  (closed with the process)
    process = subprocess.Popen([binary, *arguments, "--dir", str(folder)], stdout=log, stderr=subprocess.STDOUT)
    log.close()
    try:
        wait_for_port(port, process)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        process.terminate()
        process.wait(timeout=10)


def wait_for_port(port: int, process: subprocess.Popen[bytes], seconds: float = 10) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"redis-server exited with {process.returncode}")
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise RuntimeError(f"redis-server did not listen on port {port} within {seconds} s")
