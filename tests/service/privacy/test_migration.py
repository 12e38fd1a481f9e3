"""Migration 0005 gives every attendee already stored a public code of their own."""

from __future__ import annotations

import sqlite3
import uuid
from datetime import UTC, datetime
from pathlib import Path

from service.db.migrate import downgrade, upgrade
from tests.factories import make_settings


def test_existing_attendees_get_distinct_public_codes_and_the_migration_undoes(tmp_path: Path) -> None:
    settings = make_settings(tmp_path)
    upgrade(settings, "0002")
    now = datetime.now(UTC).isoformat()
    event_id = uuid.uuid4().bytes
    with sqlite3.connect(tmp_path / "mingle.sqlite3") as db:
        db.execute(
            "insert into event (id, name, starts_at, venue, format, table_min, table_max, rounds_count,"
            " round_minutes, organiser_token, checkin_code, screen_code, created_at, updated_at)"
            " values (?, 'Old', null, '', 'pairs', 2, 2, 3, 8, 'org-token', 'chk23456', 'scr23456', ?, ?)",
            (event_id, now, now),
        )
        for index in range(50):
            db.execute(
                "insert into attendee (id, event_id, token, display_name, pronouns, affiliation, interests, offers,"
                " seeks, contact, share_contact, present, created_at, updated_at)"
                " values (?, ?, ?, ?, '', '', '[]', '[]', '[]', '', 0, 1, ?, ?)",
                (uuid.uuid4().bytes, event_id, f"token-{index}", f"Person {index}", now, now),
            )

    upgrade(settings)
    with sqlite3.connect(tmp_path / "mingle.sqlite3") as db:
        codes = [row[0] for row in db.execute("select public_code from attendee")]
        columns = {row[1] for row in db.execute("pragma table_info(event)")}
        unique = [row for row in db.execute("pragma index_list(attendee)") if row[1] == "ix_attendee_public_code"]
    assert len(codes) == 50 and len(set(codes)) == 50
    assert all(len(code) == 16 and code.isalnum() for code in codes)
    assert {"retention_days", "personal_data_deleted_at"} <= columns
    assert unique and unique[0][2] == 1

    downgrade(settings, "0002")
    with sqlite3.connect(tmp_path / "mingle.sqlite3") as db:
        assert "public_code" not in {row[1] for row in db.execute("pragma table_info(attendee)")}
        assert db.execute("select count(*) from attendee").fetchone()[0] == 50
