"""Looking for what is left of someone in the database: every table, every column, and the file."""

from __future__ import annotations

from collections.abc import Iterable
from uuid import UUID

from sqlalchemy import create_engine

from service.db.models import Attendee, Event
from service.settings import Settings


def needles_for(attendee: Attendee) -> list[str]:
    """Every way this person could still be written down: id (both spellings), token, code, name, contact."""
    found = [str(attendee.id), UUID(str(attendee.id)).hex, attendee.token, attendee.public_code]
    return found + [text for text in (attendee.display_name, attendee.contact) if text]


def traces_in_tables(settings: Settings, needles: Iterable[str]) -> list[str]:
    """ "table.column: value" for every cell of every table in the metadata that contains a needle."""
    wanted = [n.casefold() for n in needles]
    engine = create_engine(f"sqlite:///{settings.data_dir / 'mingle.sqlite3'}")
    found = []
    try:
        with engine.connect() as connection:
            for table in Event.metadata.sorted_tables:
                for row in connection.execute(table.select()).mappings():
                    for column, value in row.items():
                        text = repr(value).casefold() + " " + str(value).casefold()
                        if isinstance(value, UUID):
                            text += " " + value.hex
                        found += [f"{table.name}.{column}: {value!r}" for n in wanted if n in text]
    finally:
        engine.dispose()
    return found


def traces_in_files(settings: Settings, needles: Iterable[str | bytes]) -> list[str]:
    """Needles still present in the bytes of the database file or its write-ahead log (ids are
    stored as 16 raw bytes: pass ``UUID(...).bytes`` for them)."""
    wanted = [n if isinstance(n, bytes) else n.encode() for n in needles]
    found = []
    for path in sorted(settings.data_dir.glob("mingle.sqlite3*")):
        data = path.read_bytes()
        found += [f"{path.name}: {n!r}" for n in wanted if n in data]
    return found


def table_names() -> set[str]:
    return {table.name for table in Event.metadata.sorted_tables}
