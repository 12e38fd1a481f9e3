"""Every setting Mingle reads from the environment, in one place.

Defaults work with no environment at all: data lives under ``./data`` in a SQLite file and
a secret key is generated there on first run.
"""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from pathlib import Path

SECRET_KEY_FILE = "secret_key"


@dataclass(frozen=True)
class Settings:
    data_dir: Path
    database_url: str
    secret_key: str
    base_url: str
    redis_url: str | None = None
    # How often the server deletes personal data of events past their retention (service.privacy).
    retention_check_seconds: float = 3600.0
    # The longest the automatic advance sleeps between looks at the clocks (service.rounds.auto_advance);
    # it also wakes at every end time and whenever an organiser changes a clock.
    clock_check_seconds: float = 5.0
    body_read_seconds: float = 30.0  # a request body still arriving after this gets a 408
    rate_limits: bool = True  # off only for load tests of one's own server

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> Settings:
        env = os.environ if environ is None else environ
        data_dir = Path(env.get("MINGLE_DATA_DIR", "data")).resolve()
        data_dir.mkdir(parents=True, exist_ok=True)
        return cls(
            data_dir=data_dir,
            database_url=env.get("DATABASE_URL") or sqlite_url(data_dir / "mingle.sqlite3"),
            secret_key=env.get("MINGLE_SECRET_KEY") or stored_secret_key(data_dir),
            base_url=env.get("MINGLE_BASE_URL", "http://127.0.0.1:8000").rstrip("/"),
            redis_url=env.get("MINGLE_REDIS_URL") or None,
            body_read_seconds=float(env.get("MINGLE_BODY_READ_SECONDS") or 30.0),
            rate_limits=env.get("MINGLE_RATE_LIMITS", "on") != "off",
        )

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")


def sqlite_url(path: Path) -> str:
    return f"sqlite+aiosqlite:///{path}"


def stored_secret_key(data_dir: Path) -> str:
    """Read the key kept in the data dir, creating it (readable by its owner only) if absent."""
    key_file = data_dir / SECRET_KEY_FILE
    if not key_file.exists():
        fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_urlsafe(48))
    return key_file.read_text().strip()
