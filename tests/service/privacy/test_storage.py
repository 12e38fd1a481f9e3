"""A full disk or a read-only data folder: a clear 503 and nothing half-written; the server refuses
to start on a data folder it cannot write.

Tests run as root, whom file permissions do not stop, so the faults here are ones root meets too:
SQLite opening the database read-only (``mode=ro``), SQLite's own size limit (``max_page_count``,
the same "database or disk is full" error as a full disk), and an immutable folder or file
(``chattr +i``; a read-only tmpfs mount where the file system has no such flag).
"""

from __future__ import annotations

import dataclasses
import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from advanced_alchemy.extensions.litestar import SQLAlchemyPlugin
from litestar import Litestar
from litestar.testing import TestClient
from sqlalchemy import event

from service.app import create_app
from service.paths import REPO_ROOT
from service.settings import Settings
from tests.factories import post_form, seed_event, stored_attendees

Client = TestClient[Litestar]
PROFILE = {"display_name": "Ana Silva", "offers": "supply chains", "seeks": "seed fundraising"}


def read_only_settings(settings: Settings) -> Settings:
    path = settings.data_dir / "mingle.sqlite3"
    return dataclasses.replace(settings, database_url=f"sqlite+aiosqlite:///file:{path}?mode=ro&uri=true")


def test_writing_to_a_read_only_database_is_a_clear_503_and_stores_nothing(settings: Settings) -> None:
    seeded = seed_event(settings, people=2)
    with TestClient(app=create_app(read_only_settings(settings)), base_url="http://testserver.local") as client:
        assert client.get(seeded.organiser_path).status_code == 200  # reading still works
        response = post_form(client, seeded.checkin_path, PROFILE)
        assert response.status_code == 503
        assert "cannot write to its data folder" in response.text and "Nothing you sent was saved" in response.text
        as_json = client.post(
            seeded.checkin_path,
            data={"_csrf_token": client.cookies["csrftoken"], **PROFILE},
            headers={"accept": "application/json"},
        )
        assert as_json.status_code == 503 and as_json.json()["status"] == 503
        saved = post_form(client, seeded.organiser_path + "/settings", {"name": "Renamed", "format": "pairs"})
        assert saved.status_code in (400, 503)
    assert sorted(a.display_name for a in stored_attendees(settings, seeded.event_id)) == ["Person 000", "Person 001"]


def limit_database_to_its_current_size(app: Litestar) -> None:
    """Every connection may not grow the file past its size now, as on a disk with no space left."""
    plugin = app.plugins.get(SQLAlchemyPlugin)
    config: Any = plugin.config[0] if isinstance(plugin.config, list | tuple) else plugin.config

    def on_connect(connection: Any, _record: Any) -> None:
        cursor = connection.cursor()
        cursor.execute("PRAGMA page_count")
        pages = cursor.fetchone()[0]
        cursor.execute(f"PRAGMA max_page_count={pages}")
        cursor.close()

    event.listen(config.get_engine().sync_engine, "connect", on_connect)


def test_a_full_disk_is_a_clear_503_and_what_was_saved_before_stays_whole(settings: Settings) -> None:
    seeded = seed_event(settings)
    app = create_app(settings)
    limit_database_to_its_current_size(app)
    with TestClient(app=app, base_url="http://testserver.local") as client:
        accepted = 0
        while accepted < 500:
            client.cookies.clear()
            response = post_form(client, seeded.checkin_path, {**PROFILE, "display_name": f"Person {accepted}"})
            if response.status_code != 303:
                break
            accepted += 1
        assert response.status_code == 503, "the database never filled up"
        assert "disk is full" in response.text and "Nothing you sent was saved" in response.text
        assert client.get(seeded.organiser_path).status_code == 200
    names = {a.display_name for a in stored_attendees(settings, seeded.event_id)}
    assert names == {f"Person {index}" for index in range(accepted)}


@contextmanager
def unwritable(path: Path) -> Iterator[None]:
    """Make ``path`` (a folder or a file) impossible to write, for root too."""
    if subprocess.run(["chattr", "+i", str(path)], capture_output=True, check=False).returncode == 0:
        try:
            yield
        finally:
            subprocess.run(["chattr", "-i", str(path)], check=True)
        return
    if (
        path.is_dir()
        and subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "ro,size=64k", "tmpfs", str(path)], capture_output=True, check=False
        ).returncode
        == 0
    ):
        try:
            yield
        finally:
            subprocess.run(["umount", str(path)], check=True)
        return
    pytest.fail(f"cannot make {path} read-only for root here (neither chattr +i nor a read-only tmpfs mount works)")


def run_service(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "MINGLE_DATA_DIR": str(data_dir), "PYTHONPATH": str(REPO_ROOT)}
    env.pop("DATABASE_URL", None)
    return subprocess.run(
        [sys.executable, "-m", "service", *args], env=env, capture_output=True, text=True, timeout=60, check=False
    )


def free_port() -> str:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return str(sock.getsockname()[1])


def assert_refused(result: subprocess.CompletedProcess[str], data_dir: Path) -> None:
    assert result.returncode == 2, result.stderr
    assert f"Mingle cannot write to its data folder {data_dir}" in result.stderr
    assert "Traceback" not in result.stderr


def test_the_server_refuses_to_start_on_a_data_folder_it_cannot_write(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    with unwritable(data_dir):
        with pytest.raises(OSError):
            (data_dir / "probe").write_text("root cannot write here")
        assert_refused(run_service(data_dir, "migrate"), data_dir)
        assert_refused(run_service(data_dir, "serve", "--port", free_port()), data_dir)
    assert list(data_dir.iterdir()) == []


def test_the_server_refuses_to_start_when_the_database_file_cannot_be_written(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    assert run_service(data_dir, "migrate").returncode == 0
    database = data_dir / "mingle.sqlite3"
    with unwritable(database):
        assert_refused(run_service(data_dir, "serve", "--port", free_port()), data_dir)
    assert run_service(data_dir, "migrate").returncode == 0
