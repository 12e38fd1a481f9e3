"""Storage faults: a full disk or a data folder Mingle cannot write.

At start, ``python -m service serve`` and ``migrate`` refuse to run on a data folder they cannot
write, with a message that says so. While running, a database error caused by the storage becomes
a 503 page that says what is wrong (see ``service.errors``); the transaction was rolled back, so
nothing half-written stays behind.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

SQLITE_SIDE_FILES = ("", "-wal", "-shm")

# What SQLite and PostgreSQL say, lower-cased, and what it means for the person who sees it.
FULL = "The server's disk is full, so nothing can be saved right now. Nothing you sent was saved."
READ_ONLY = "The server cannot write to its data folder right now. Nothing you sent was saved."
BROKEN = "The server's disk is failing, so nothing can be saved right now. Nothing you sent was saved."
AFTER = " Please tell the organiser (the server's log says more) and try again later."
STORAGE_MESSAGES = (
    ("database or disk is full", FULL),
    ("no space left on device", FULL),
    ("could not extend file", FULL),
    ("attempt to write a readonly database", READ_ONLY),
    ("readonly database", READ_ONLY),
    ("read-only file system", READ_ONLY),
    ("read-only transaction", READ_ONLY),
    ("unable to open database file", READ_ONLY),
    ("disk i/o error", BROKEN),
)


class DataFolderNotWritable(Exception):
    """The data folder (or the database file in it) cannot be written."""


def storage_problem(error: BaseException) -> str | None:
    """What to tell people when ``error`` (a database error) comes from the storage, else None."""
    text = str(error).casefold()
    for needle, message in STORAGE_MESSAGES:
        if needle in text:
            return message + AFTER
    return None


def check_data_folder(data_dir: Path, database_file: Path | None = None) -> None:
    """Raise DataFolderNotWritable unless a file can be created in ``data_dir`` and the SQLite
    database (with its log files, when present) can be opened for writing."""
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
        probe = data_dir / f".mingle-write-check-{secrets.token_hex(4)}"
        descriptor = os.open(probe, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            os.write(descriptor, b"ok")
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
            probe.unlink(missing_ok=True)
        for suffix in SQLITE_SIDE_FILES if database_file else ():
            path = Path(f"{database_file}{suffix}")
            if path.exists():
                os.close(os.open(path, os.O_RDWR))
    except OSError as error:
        raise DataFolderNotWritable(
            f"Mingle cannot write to its data folder {data_dir}: {error.strerror or error}. "
            "Check that the disk is not full or read-only and that this user may write there, "
            "or set MINGLE_DATA_DIR to a folder it can write."
        ) from error
