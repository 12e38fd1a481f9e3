"""Live updates at room scale: N attendees' phones hold Server-Sent-Events streams to one server
process, and we time the organiser's "next round" to the last phone receiving the notice
(target: under 1 s for 1,000), and to the last phone having re-read its own rounds section,
as a real phone does on every notice.

The server is the real one (``python -m service serve``, one process, memory channel backend) on
loopback. The clients run in separate processes on plain asyncio sockets, so that client-side
parsing does not count against the server. The baseline, measured in the same run, is a single
client: the floor of one delivery. Every wait is bounded; the server and clients stop by themselves.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import re
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy.ext.asyncio import async_sessionmaker

from service.attendees.schemas import ProfileInput
from service.attendees.services import check_in
from service.db.config import build_engine
from service.events.schemas import EventInput
from service.events.services import create_event
from service.settings import Settings, sqlite_url
from tests.factories import post_form
from tests.live_server import LiveServer

CLIENT_COUNTS = (1, 100, 1000)
ATTENDEES = max(CLIENT_COUNTS)
CLIENTS_PER_PROCESS = 500
TARGET_SECONDS = 1.0
CONNECT_TIMEOUT_SECONDS = 120
DELIVERY_TIMEOUT_SECONDS = 30
CONNECTING_AT_ONCE = 50
CONNECTED = re.compile(rb'"topic":\s*"connected"')
ROUNDS = re.compile(rb'"topic":\s*"rounds"')
TOPICS = ["climate tech", "fundraising", "kubernetes", "design", "hiring", "machine learning"]


async def seed(settings: Settings) -> tuple[str, list[str]]:
    engine = build_engine(settings)
    try:
        async with async_sessionmaker(engine, expire_on_commit=False)() as session:
            event = await create_event(session, EventInput(name="Live benchmark", rounds_count=len(CLIENT_COUNTS) + 2))
            tokens = []
            for i in range(ATTENDEES):
                profile = ProfileInput(
                    display_name=f"Person {i}", offers=[TOPICS[i % 6]], seeks=[TOPICS[(i + 2) % 6]]
                )
                tokens.append((await check_in(session, event, profile)).token)
            await session.commit()
            return event.organiser_token, tokens
    finally:
        await engine.dispose()


def clients_process(port: int, tokens: list[str], ready: Any, results: Any) -> None:
    """One process holding one SSE connection per phone; reports when all are connected, then for
    each phone the monotonic times (system-wide on Linux) at which it received the "rounds"
    notice and at which it had re-read its rounds section."""
    results.put(asyncio.run(_clients(port, tokens, ready)))


def get(port: int, path: str, accept: str) -> bytes:
    return f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nAccept: {accept}\r\nConnection: close\r\n\r\n".encode()


async def reread(port: int, token: str) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(get(port, f"/a/{token}/rounds", "text/html"))
    body = await reader.read()  # until the server closes the connection
    writer.close()
    if b" 200 " not in body[:20] or b"Now: Round" not in body:
        raise RuntimeError("the phone did not get its new round")


async def _clients(port: int, tokens: list[str], ready: Any) -> list[tuple[float, float]]:
    count = len(tokens)
    gate = asyncio.Semaphore(CONNECTING_AT_ONCE)
    connected = 0
    all_connected = asyncio.Event()

    async def one(token: str) -> tuple[float, float]:
        nonlocal connected
        async with gate:
            reader, writer = await asyncio.open_connection("127.0.0.1", port)
            writer.write(get(port, f"/a/{token}/live", "text/event-stream"))
            buffer = b""
            while not CONNECTED.search(buffer):
                chunk = await reader.read(4096)
                if not chunk:
                    raise ConnectionError("the stream closed before it started")
                buffer += chunk
        connected += 1
        if connected == count:
            all_connected.set()
        buffer = b""
        try:
            while not ROUNDS.search(buffer):
                chunk = await reader.read(4096)
                if not chunk:
                    raise ConnectionError("the stream closed")
                buffer = buffer[-64:] + chunk
            notified = time.monotonic()
        finally:
            writer.close()
        await reread(port, token)
        return notified, time.monotonic()

    tasks = [asyncio.create_task(one(token)) for token in tokens]
    await asyncio.wait_for(all_connected.wait(), CONNECT_TIMEOUT_SECONDS)
    ready.put(count)
    return list(await asyncio.wait_for(asyncio.gather(*tasks), CONNECT_TIMEOUT_SECONDS + DELIVERY_TIMEOUT_SECONDS))


def measure(server: LiveServer, client: httpx.Client, rounds_path: str, tokens: list[str]) -> dict[str, float]:
    context = multiprocessing.get_context("spawn")
    ready, results = context.Queue(), context.Queue()
    batches = [tokens[start : start + CLIENTS_PER_PROCESS] for start in range(0, len(tokens), CLIENTS_PER_PROCESS)]
    processes = [
        context.Process(target=clients_process, args=(server.port, batch, ready, results), daemon=True)
        for batch in batches
    ]
    for process in processes:
        process.start()
    try:
        connected = sum(ready.get(timeout=CONNECT_TIMEOUT_SECONDS) for _ in processes)
        assert connected == len(tokens)
        time.sleep(0.5)  # let the server settle after the connection storm
        started = time.monotonic()
        response = post_form(client, f"{rounds_path}/clock/next", {})
        answered = time.monotonic() - started
        assert response.status_code == 303, response.text
        times = [t for _ in processes for t in results.get(timeout=DELIVERY_TIMEOUT_SECONDS)]
        received = sorted(notified - started for notified, _ in times)
        updated = sorted(reread - started for _, reread in times)
    finally:
        for process in processes:
            process.join(timeout=5)
            if process.is_alive():
                process.terminate()
    return {
        "answered": answered,
        "first": received[0],
        "median": statistics.median(received),
        "p95": received[int(0.95 * (len(received) - 1))],
        "last": received[-1],
        "updated": updated[-1],
    }


def start_round_one(client: httpx.Client, rounds_path: str) -> None:
    assert post_form(client, f"{rounds_path}/plan", {"seconds": "5"}).status_code == 303
    deadline = time.monotonic() + 60
    while client.get(f"{rounds_path}/status").json()["planning"]["running"]:
        assert time.monotonic() < deadline, "planning did not finish"
        time.sleep(0.1)
    assert post_form(client, f"{rounds_path}/publish", {}).status_code == 303
    assert post_form(client, f"{rounds_path}/clock/start", {}).status_code == 303
    # Warm up every path measured below, so the first row is not a cold start.
    assert post_form(client, f"{rounds_path}/clock/add-minute", {}).status_code == 303


def main() -> int:
    logging.getLogger("httpx").setLevel(logging.WARNING)
    with tempfile.TemporaryDirectory() as folder:
        server = LiveServer(data_dir=Path(folder))
        server.migrate()
        settings = Settings(
            data_dir=server.data_dir,
            database_url=sqlite_url(server.data_dir / "mingle.sqlite3"),
            secret_key="bench",
            base_url=server.url,
        )
        token, phones = asyncio.run(seed(settings))
        rounds_path = f"/o/{token}/rounds"
        server.start()
        rows = []
        try:
            with httpx.Client(base_url=server.url, timeout=30) as client:
                start_round_one(client, rounds_path)
                for count in CLIENT_COUNTS:
                    rows.append((count, measure(server, client, rounds_path, phones[:count])))
        finally:
            server.stop()
    print("Times from the organiser's 'next round' (one server process, phones on loopback):")
    print(
        f"{'phones':>7} | {'POST answered':>13} | {'first notified':>14} | {'median':>8} | {'p95':>8} | "
        f"{'last notified':>13} | {'last phone re-read its rounds':>29}"
    )
    for count, r in rows:
        print(
            f"{count:>7} | {r['answered'] * 1000:>10.0f} ms | {r['first'] * 1000:>11.0f} ms | "
            f"{r['median'] * 1000:>5.0f} ms | {r['p95'] * 1000:>5.0f} ms | {r['last'] * 1000:>10.0f} ms | "
            f"{r['updated'] * 1000:>26.0f} ms"
        )
    last = rows[-1][1]["last"]
    baseline = rows[0][1]["last"]
    met = last < TARGET_SECONDS
    print(
        f"\n'next round' to the last of {rows[-1][0]:,} phones notified: {last:.3f} s "
        f"(target < {TARGET_SECONDS:.0f} s: {'met' if met else 'MISSED'}); one phone alone: {baseline * 1000:.0f} ms."
    )
    return 0 if met else 1


if __name__ == "__main__":
    raise SystemExit(main())
