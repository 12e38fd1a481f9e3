import sqlite3

from service.db.migrate import downgrade, upgrade
from service.settings import Settings


def attendee_columns_and_indexes(settings: Settings) -> tuple[set[str], set[str]]:
    with sqlite3.connect(settings.data_dir / "mingle.sqlite3") as db:
        columns = {row[1] for row in db.execute("pragma table_info(attendee)")}
        indexes = {row[1] for row in db.execute("pragma index_list(attendee)")}
    return columns, indexes


def test_migration_0003_adds_and_removes_the_external_id_on_sqlite(settings: Settings) -> None:
    columns, indexes = attendee_columns_and_indexes(settings)
    assert "external_id" in columns and "ix_attendee_event_external_id" in indexes
    downgrade(settings, "0002")
    columns, indexes = attendee_columns_and_indexes(settings)
    assert "external_id" not in columns and "ix_attendee_event_external_id" not in indexes
    assert {"display_name", "contact", "badge_printed_at"} <= columns
    upgrade(settings)
    assert "external_id" in attendee_columns_and_indexes(settings)[0]
