import sqlite3

from service.settings import Settings


def test_migrations_create_the_schema_in_wal_mode(settings: Settings) -> None:
    connection = sqlite3.connect(settings.data_dir / "mingle.sqlite3")
    tables = {row[0] for row in connection.execute("select name from sqlite_master where type='table'")}
    assert {"event", "attendee", "alembic_version"} <= tables
    assert connection.execute("pragma journal_mode").fetchone()[0] == "wal"
