"""Migration 0006 on a real SQLite file: the column comes and goes, child rows survive, and people
who already checked in on a phone count as having claimed their page."""

from __future__ import annotations

import sqlite3

from service.db.migrate import downgrade, upgrade
from service.settings import Settings
from tests.factories import seed_event, store_plan


def rows(settings: Settings, query: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(settings.data_dir / "mingle.sqlite3") as db:
        return db.execute(query).fetchall()


def test_migration_0006_marks_checked_in_people_as_claimed_and_keeps_child_rows(settings: Settings) -> None:
    seeded = seed_event(settings, people=2)
    ids = list(seeded.ids.values())
    store_plan(settings, seeded.event_id, [[{"table": "1", "members": ids}]], "published")
    downgrade(settings, "0005")
    assert "claimed_at" not in {row[1] for row in rows(settings, "pragma table_info(attendee)")}
    with sqlite3.connect(settings.data_dir / "mingle.sqlite3") as db:
        db.execute("update attendee set checked_in_at = null where display_name = 'Person 001'")
    upgrade(settings)
    claimed = dict(rows(settings, "select display_name, claimed_at is not null from attendee"))
    assert claimed == {"Person 000": 1, "Person 001": 0}  # an imported person has not claimed yet
    assert rows(settings, "select count(*) from round_plan") == [(1,)]
