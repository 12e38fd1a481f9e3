"""Migration 0004 goes up and down on SQLite and PostgreSQL and matches the models; the follow-up on PostgreSQL."""

from __future__ import annotations

import sqlite3

from litestar.testing import TestClient

from service.app import create_app
from service.db.migrate import downgrade, upgrade
from service.settings import Settings
from tests.factories import schema_differences, table_names
from tests.service.followup.seeding import give_answers, report_of, seed

FOLLOWUP_TABLES = {"followup_keep", "followup_feedback"}
CONTACT_OF_DEV = "dev@example.org"


def sqlite_tables(settings: Settings) -> set[str]:
    with sqlite3.connect(settings.data_dir / "mingle.sqlite3") as connection:
        return {row[0] for row in connection.execute("select name from sqlite_master where type='table'")}


def test_0005_goes_down_to_0004_and_up_again_on_sqlite(settings: Settings) -> None:
    assert sqlite_tables(settings) >= FOLLOWUP_TABLES | {"round_plan"}
    downgrade(settings, "0004")
    assert not sqlite_tables(settings) & FOLLOWUP_TABLES
    assert "round_plan" in sqlite_tables(settings)
    upgrade(settings)
    assert sqlite_tables(settings) >= FOLLOWUP_TABLES


def test_the_followup_tables_match_their_models(settings: Settings) -> None:
    assert [op for op in schema_differences(settings) if "followup" in repr(op)] == []


def test_0005_goes_up_and_down_on_postgres(postgres_settings: Settings) -> None:
    assert table_names(postgres_settings) >= FOLLOWUP_TABLES
    downgrade(postgres_settings, "0004")
    assert not table_names(postgres_settings) & FOLLOWUP_TABLES
    upgrade(postgres_settings)
    assert table_names(postgres_settings) >= FOLLOWUP_TABLES


def test_the_report_has_the_same_figures_on_postgres(postgres_settings: Settings) -> None:
    event = seed(postgres_settings)
    with TestClient(app=create_app(postgres_settings), base_url="http://testserver.local") as client:
        give_answers(client, event)
        assert CONTACT_OF_DEV in client.get(f"/a/{event.tokens['chloe']}/met").text
    r = report_of(postgres_settings, event)
    assert (r.held, r.not_held, r.unanswered, r.answered, r.connections, r.useful_people) == (5, 1, 3, 9, 2, 3)
