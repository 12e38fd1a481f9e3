"""Imports on PostgreSQL: migration 0003's column and index, and a re-import that adds nobody."""

from __future__ import annotations

from litestar.testing import TestClient
from sqlalchemy import select

from service.app import create_app
from service.db.config import build_engine
from service.db.models import Attendee
from service.settings import Settings
from tests.factories import run_async, seed_event
from tests.service.imports.flow import confirm, upload_fixture


def external_ids(settings: Settings) -> list[str | None]:
    async def read() -> list[str | None]:
        engine = build_engine(settings)
        try:
            async with engine.connect() as connection:
                return list(await connection.scalars(select(Attendee.external_id).order_by(Attendee.external_id)))
        finally:
            await engine.dispose()

    return run_async(read())


def test_a_ticketing_export_imports_twice_on_postgres_without_duplicates(postgres_settings: Settings) -> None:
    seeded = seed_event(postgres_settings, name="Postgres Night")
    with TestClient(app=create_app(postgres_settings), base_url="http://testserver.local") as client:
        first = upload_fixture(client, seeded.organiser_path, "tito.csv")
        assert "2 new, 0 updated, 1 skipped" in first.text
        assert confirm(client, seeded.organiser_path, first).status_code == 303
        again = upload_fixture(client, seeded.organiser_path, "tito.csv")
        assert "0 new, 2 updated, 1 skipped" in again.text
        assert confirm(client, seeded.organiser_path, again).status_code == 303
    assert external_ids(postgres_settings) == ["tito:QX7L-1", "tito:ZP3K-1"]
