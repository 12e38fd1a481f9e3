"""Fixtures for the reliability tests: a real server process with an event (and its people) seeded."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from service.settings import Settings
from tests.factories import SeededEvent, make_settings, seed_event
from tests.live_server import LiveServer, started_server

SEEDED_PEOPLE = 12


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """One server per test module (starting one takes seconds); tests use events of their own."""
    running = started_server(tmp_path_factory.mktemp("server"))
    yield running
    running.stop()


@pytest.fixture
def seeded(server: LiveServer) -> SeededEvent:
    """An event with a few people, written into the server's own SQLite file."""
    return seed_event(make_settings(server.data_dir, base_url=server.url), people=SEEDED_PEOPLE)


@pytest.fixture
def postgres_server(postgres_settings: Settings, tmp_path: Path) -> Iterator[LiveServer]:
    """A server process on its own PostgreSQL database (the ``postgres_settings`` fixture's)."""
    running = LiveServer(data_dir=tmp_path, extra_env={"DATABASE_URL": postgres_settings.database_url})
    running.migrate()
    running.start()
    yield running
    running.stop()
