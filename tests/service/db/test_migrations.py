import sqlite3
import uuid
from datetime import UTC, datetime
from pathlib import Path

from service.db.migrate import downgrade, upgrade
from service.settings import Settings
from tests.factories import make_settings, schema_differences, stored_attendees

EVENT_ID = uuid.uuid4()


def test_migrations_create_the_schema_in_wal_mode(settings: Settings) -> None:
    connection = sqlite3.connect(settings.data_dir / "mingle.sqlite3")
    tables = {row[0] for row in connection.execute("select name from sqlite_master where type='table'")}
    assert {"event", "attendee", "alembic_version"} <= tables
    assert connection.execute("pragma journal_mode").fetchone()[0] == "wal"


def test_0009_adds_automatic_advance_off_and_keeps_every_attendee(tmp_path: Path) -> None:
    settings = make_settings(tmp_path)
    upgrade(settings, "0008")
    now = datetime.now(UTC).isoformat()
    with sqlite3.connect(tmp_path / "mingle.sqlite3") as db:
        db.execute("pragma foreign_keys=on")  # as the app has it: a rebuilt event would take its attendees along
        db.execute(
            "insert into event (id, name, venue, format, table_min, table_max, rounds_count, round_minutes,"
            " organiser_token, checkin_code, screen_code, created_at, updated_at)"
            " values (?, 'Old', '', 'pairs', 2, 2, 3, 8, 'org-token', 'chk23456', 'scr23456', ?, ?)",
            (EVENT_ID.bytes, now, now),
        )
        for index in range(3):
            db.execute(
                "insert into attendee (id, event_id, token, public_code, display_name, pronouns, affiliation,"
                " interests, offers, seeks, contact, share_contact, present, created_at, updated_at)"
                " values (?, ?, ?, ?, ?, '', '', '[]', '[]', '[]', '', 0, 1, ?, ?)",
                (uuid.uuid4().bytes, EVENT_ID.bytes, f"token-{index}", f"code-{index}", f"Person {index}", now, now),
            )
    upgrade(settings)
    with sqlite3.connect(tmp_path / "mingle.sqlite3") as db:
        assert db.execute("select auto_advance, break_minutes from event").fetchall() == [(0, 0)]
    assert len(stored_attendees(settings, EVENT_ID)) == 3  # ADD COLUMN, not a rebuild
    assert [op for op in schema_differences(settings) if "auto_advance" in repr(op) or "break_min" in repr(op)] == []
    downgrade(settings, "0008")
    with sqlite3.connect(tmp_path / "mingle.sqlite3") as db:
        assert "auto_advance" not in {row[1] for row in db.execute("pragma table_info(event)")}
        assert db.execute("select count(*) from attendee").fetchone()[0] == 3
