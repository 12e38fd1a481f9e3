"""The rounds' migration: it creates both tables, and can be undone and redone."""

from __future__ import annotations

import sqlite3

from service.db.migrate import downgrade, upgrade
from service.settings import Settings


def tables(settings: Settings) -> set[str]:
    connection = sqlite3.connect(settings.data_dir / "mingle.sqlite3")
    try:
        return {row[0] for row in connection.execute("select name from sqlite_master where type='table'")}
    finally:
        connection.close()


def test_the_rounds_migration_creates_its_tables_and_can_be_undone(settings: Settings) -> None:
    assert {"round_plan", "round_clock"} <= tables(settings)
    downgrade(settings, "0001")
    assert not {"round_plan", "round_clock"} & tables(settings)
    assert {"event", "attendee"} <= tables(settings)
    upgrade(settings)
    assert {"round_plan", "round_clock"} <= tables(settings)
