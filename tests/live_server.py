"""A real Mingle server process on a free port, on its own SQLite file (as in production)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

# Generous: with tests in parallel on a busy machine, importing the app alone can take 10 s or more.
STARTUP_TIMEOUT_SECONDS = 60


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class LiveServer:
    data_dir: Path
    port: int = field(default_factory=free_port)
    process: subprocess.Popen[bytes] | None = None
    extra_env: dict[str, str] = field(default_factory=dict)  # e.g. MINGLE_BODY_READ_SECONDS

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def env(self) -> dict[str, str]:
        return {
            **os.environ,
            "MINGLE_DATA_DIR": str(self.data_dir),
            "MINGLE_BASE_URL": self.url,
            "MINGLE_SECRET_KEY": "live-server-test-secret",
            **self.extra_env,
        }

    def migrate(self) -> None:
        subprocess.run([sys.executable, "-m", "service", "migrate"], env=self.env(), check=True, capture_output=True)

    def start(self) -> LiveServer:
        log = open(self.data_dir / "server.log", "ab")  # noqa: SIM115  (closed with the process)
        self.process = subprocess.Popen(
            [sys.executable, "-m", "service", "serve", "--port", str(self.port)],
            env=self.env(),
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        log.close()
        deadline = time.monotonic() + STARTUP_TIMEOUT_SECONDS
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"server exited early:\n{self.log_text()}")
            try:
                if httpx.get(f"{self.url}/healthz", timeout=1).status_code == 200:
                    return self
            except httpx.HTTPError:
                time.sleep(0.1)
        self.stop()  # not left running behind a failed test
        raise RuntimeError(f"server did not start in {STARTUP_TIMEOUT_SECONDS}s:\n{self.log_text()}")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None

    def log_text(self) -> str:
        path = self.data_dir / "server.log"
        return path.read_text(errors="replace") if path.exists() else ""


def started_server(data_dir: Path, **extra_env: str) -> LiveServer:
    """A migrated server on its own SQLite file in ``data_dir``, started (``extra_env``: settings)."""
    server = LiveServer(data_dir=data_dir, extra_env=extra_env)
    server.migrate()
    return server.start()
