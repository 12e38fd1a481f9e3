"""Clients that misbehave on purpose: slow uploads over raw sockets, floods, and a latency probe.

All of them talk to 127.0.0.1 only, and every one of them stops by itself within seconds.
"""

from __future__ import annotations

import gc
import select
import socket
import threading
import time
from urllib.parse import urlencode

import httpx

from tests.live_server import LiveServer


def csrf_token(server: LiveServer) -> str:
    """A CSRF token (and the cookie it is checked against) as a browser would get it."""
    response = httpx.get(f"{server.url}/", timeout=10)
    return response.cookies["csrftoken"]


def form_body(csrf: str, **fields: str) -> bytes:
    return urlencode({"_csrf_token": csrf, **fields}).encode()


def request_head(server: LiveServer, path: str, csrf: str, headers: dict[str, str]) -> bytes:
    lines = [
        f"POST {path} HTTP/1.1",
        f"Host: 127.0.0.1:{server.port}",
        f"Cookie: csrftoken={csrf}",
        f"X-CSRFToken: {csrf}",
        *(f"{name}: {value}" for name, value in headers.items()),
    ]
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


def status_of(reply: bytes) -> int | None:
    """The status code of a raw HTTP reply, or None when nothing came back."""
    parts = reply.split(b" ", 2)
    return int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else None


class SlowUpload(threading.Thread):
    """Sends the headers at once, then the body one byte at a time over ``seconds``."""

    def __init__(self, server: LiveServer, path: str, csrf: str, body: bytes, seconds: float) -> None:
        super().__init__(daemon=True)
        self.server, self.path, self.csrf, self.body, self.seconds = server, path, csrf, body, seconds
        self.reply = b""
        self.error = ""

    def run(self) -> None:
        head = request_head(
            self.server,
            self.path,
            self.csrf,
            {"Content-Type": "application/x-www-form-urlencoded", "Content-Length": str(len(self.body))},
        )
        pause = self.seconds / max(1, len(self.body))
        try:
            with socket.create_connection(("127.0.0.1", self.server.port), timeout=self.seconds + 20) as sock:
                sock.sendall(head)
                for index in range(len(self.body)):
                    if select.select([sock], [], [], 0)[0]:
                        break  # the server answered (or closed) before the body was complete
                    sock.sendall(self.body[index : index + 1])
                    time.sleep(pause)
                self.reply = read_reply(sock)
        except OSError as error:
            self.error = repr(error)

    @property
    def status(self) -> int | None:
        return status_of(self.reply)


def read_reply(sock: socket.socket) -> bytes:
    """Read until the server closes or a whole reply (headers and Content-Length body) is in."""
    data = b""
    while True:
        try:
            chunk = sock.recv(65536)
        except OSError:
            return data
        if not chunk:
            return data
        data += chunk
        head, _, body = data.partition(b"\r\n\r\n")
        for line in head.split(b"\r\n"):
            if line.lower().startswith(b"content-length:") and len(body) >= int(line.split(b":")[1]):
                return data


class LatencyProbe(threading.Thread):
    """Asks ``path`` again and again (one request at a time) and records how long each answer took.

    The probe lives in the test's process, which also receives the big page under test: while it
    runs, that process's garbage collector is paused, since one full pass over everything the
    tests have loaded takes longer than the lag allowed and would be blamed on the server."""

    def __enter__(self) -> LatencyProbe:
        gc.collect()
        gc.disable()
        self.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.finish()

    def __init__(self, server: LiveServer, path: str = "/healthz") -> None:
        super().__init__(daemon=True)
        self.server, self.path = server, path
        self.latencies: list[float] = []
        self.failures: list[str] = []
        self.stop = threading.Event()

    def run(self) -> None:
        with httpx.Client(base_url=self.server.url, timeout=10) as client:
            while not self.stop.is_set():
                started = time.perf_counter()
                try:
                    status = client.get(self.path).status_code
                except httpx.HTTPError as error:
                    self.failures.append(repr(error))
                    continue
                self.latencies.append(time.perf_counter() - started)
                if status != 200:
                    self.failures.append(f"status {status}")
                time.sleep(0.005)

    def finish(self) -> float:
        self.stop.set()
        self.join(15)
        gc.enable()
        return max(self.latencies, default=0.0)
