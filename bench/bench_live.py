"""Live updates at room scale: N attendees' phones hold Server-Sent-Events streams to one server
process, and we time the organiser's "next round" until the last phone has the new round.

Two ways, measured in the same run for 1, 100 and 1,000 phones, each on its own "next round":
- now (the notice alone): the "rounds" notice carries the round and the clock, and the phone holds
  its prepared rounds, so a phone has the new round once it has read a notice naming it
  (target: under 1 s for 1,000);
- before (the baseline): every phone re-read its rounds section (``/a/{token}/rounds``) on the
  notice, and had the new round once that answer came back.

The server is the real one (``python -m service serve``, one process, memory channel backend) on
loopback. The clients run in separate processes on plain asyncio sockets, so that client-side
parsing does not count against the server. Every wait is bounded; the server and clients stop by
themselves.
"""

from __future__ import annotations

import asyncio
import json
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
ROUNDS_NOTICE = re.compile(rb'data: (\{[^\r\n]*"topic":\s*"rounds"[^\r\n]*\})\r?\n')
TOPICS = ["climate tech", "fundraising", "kubernetes", "design", "hiring", "machine learning"]


async def seed(settings: Settings) -> tuple[str, list[str]]:
    engine = build_engine(settings)
    try:
        async with async_sessionmaker(engine, expire_on_commit=False)() as session:
            # A round for the start, then one "next round" per measurement, both ways.
            rounds_count = 2 + 2 * len(CLIENT_COUNTS)
            event = await create_event(session, EventInput(name="Live benchmark", rounds_count=rounds_count))
            tokens = []
            for i in range(ATTENDEES):
                profile = ProfileInput(display_name=f"Person {i}", offers=[TOPICS[i % 6]], seeks=[TOPICS[(i + 2) % 6]])
                tokens.append((await check_in(session, event, profile)).token)
            await session.commit()
            return event.organiser_token, tokens
    finally:
        await engine.dispose()


def clients_process(port: int, tokens: list[str], round_number: int, reread: bool, ready: Any, results: Any) -> None:
    """One process holding one SSE connection per phone; reports when all are connected, then for
    each phone the monotonic times (system-wide on Linux) at which it read the notice naming
    ``round_number`` and, with ``reread``, at which it had re-read its rounds section."""
    results.put(asyncio.run(_clients(port, tokens, round_number, reread, ready)))


def get(port: int, path: str, accept: str) -> bytes:
    return f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nAccept: {accept}\r\nConnection: close\r\n\r\n".encode()


async def reread(port: int, token: str, round_number: int) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(get(port, f"/a/{token}/rounds", "text/html"))
    body = await reader.read()  # until the server closes the connection
    writer.close()
    shown = body.split(b"<template", 1)[0]  # what the phone shows; the rest is prepared rounds
    if b" 200 " not in body[:20] or f"Now: Round {round_number} of".encode() not in shown:
        raise RuntimeError("the phone did not get its new round")


def has_round(notice: bytes, round_number: int) -> bool:
    """Whether a notice alone tells the phone that ``round_number`` is under way, with its clock."""
    data = json.loads(notice)
    return data["view"] == f"round-{round_number}-now" and data["clock"]["ends_at_ms"] is not None


async def _clients(port: int, tokens: list[str], round_number: int, reread_after: bool, ready: Any) -> list[Any]:
    count = len(tokens)
    gate = asyncio.Semaphore(CONNECTING_AT_ONCE)
    connected = 0
    all_connected = asyncio.Event()

    async def one(token: str) -> tuple[float, float | None]:
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
            while (found := ROUNDS_NOTICE.search(buffer)) is None:
                chunk = await reader.read(4096)
                if not chunk:
                    raise ConnectionError("the stream closed")
                buffer += chunk
            if not has_round(found.group(1), round_number):
                raise RuntimeError(f"the notice did not name round {round_number}: {found.group(1)[:200]!r}")
            notified = time.monotonic()
        finally:
            writer.close()
        if not reread_after:
            return notified, None
        await reread(port, token, round_number)
        return notified, time.monotonic()

    tasks = [asyncio.create_task(one(token)) for token in tokens]
    await asyncio.wait_for(all_connected.wait(), CONNECT_TIMEOUT_SECONDS)
    ready.put(count)
    return list(await asyncio.wait_for(asyncio.gather(*tasks), CONNECT_TIMEOUT_SECONDS + DELIVERY_TIMEOUT_SECONDS))


def measure(
    server: LiveServer, client: httpx.Client, rounds_path: str, tokens: list[str], round_number: int, reread: bool
) -> dict[str, float]:
    """Connect the phones, press "next round" (to ``round_number``) and time every phone."""
    context = multiprocessing.get_context("spawn")
    ready, results = context.Queue(), context.Queue()
    batches = [tokens[start : start + CLIENTS_PER_PROCESS] for start in range(0, len(tokens), CLIENTS_PER_PROCESS)]
    processes = [
        context.Process(
            target=clients_process, args=(server.port, batch, round_number, reread, ready, results), daemon=True
        )
        for batch in batches
    ]
    for process in processes:
        process.start()
    try:
        connected = sum(ready.get(timeout=CONNECT_TIMEOUT_SECONDS) for _ in processes)
        assert connected == len(tokens)
        time.sleep(0.5)  # let the server settle after the connection storm
        started = time.monotonic()
        response = post_form(client, f"{rounds_path}/clock/next", {"confirm": "yes"})
        answered = time.monotonic() - started
        assert response.status_code == 303, response.text
        times = [t for _ in processes for t in results.get(timeout=DELIVERY_TIMEOUT_SECONDS)]
    finally:
        for process in processes:
            process.join(timeout=5)
            if process.is_alive():
                process.terminate()
    # A phone has the new round when it read the notice (now) or its re-read section (before).
    has_it = sorted((reread_at if reread else notified) - started for notified, reread_at in times)
    return {
        "answered": answered,
        "first": has_it[0],
        "median": statistics.median(has_it),
        "p95": has_it[int(0.95 * (len(has_it) - 1))],
        "last": has_it[-1],
    }


def start_round_one(client: httpx.Client, rounds_path: str, phone: str) -> None:
    assert post_form(client, f"{rounds_path}/plan", {"seconds": "5"}).status_code == 303
    deadline = time.monotonic() + 60
    while client.get(f"{rounds_path}/status").json()["planning"]["running"]:
        assert time.monotonic() < deadline, "planning did not finish"
        time.sleep(0.1)
    assert post_form(client, f"{rounds_path}/publish", {}).status_code == 303
    assert post_form(client, f"{rounds_path}/clock/start", {}).status_code == 303
    # Warm up every path measured below, so the first row is not a cold start.
    assert post_form(client, f"{rounds_path}/clock/add-minute", {}).status_code == 303
    assert client.get(f"/a/{phone}/rounds").status_code == 200


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
                start_round_one(client, rounds_path, phones[0])
                round_number = 1
                for count in CLIENT_COUNTS:
                    for reread in (False, True):
                        round_number += 1
                        result = measure(server, client, rounds_path, phones[:count], round_number, reread)
                        rows.append((count, reread, result))
        finally:
            server.stop()
    return report(rows)


def report(rows: list[tuple[int, bool, dict[str, float]]]) -> int:
    print("From the organiser's 'next round' until each phone has the new round (one server process, loopback):")
    print(
        f"{'phones':>7} | {'how the phone gets the round':<36} | {'POST answered':>13} | {'first':>8} | "
        f"{'median':>8} | {'p95':>8} | {'last':>8}"
    )
    for count, reread, r in rows:
        how = "before: notice, then re-read section" if reread else "now: from the notice alone"
        print(
            f"{count:>7} | {how:<36} | {r['answered'] * 1000:>10.0f} ms | {r['first'] * 1000:>5.0f} ms | "
            f"{r['median'] * 1000:>5.0f} ms | {r['p95'] * 1000:>5.0f} ms | {r['last'] * 1000:>5.0f} ms"
        )
    most = max(CLIENT_COUNTS)
    now = next(r["last"] for count, reread, r in rows if count == most and not reread)
    before = next(r["last"] for count, reread, r in rows if count == most and reread)
    met = now < TARGET_SECONDS
    print(
        f"\nLast of {most:,} phones with the new round: {now:.3f} s from the notice alone "
        f"(target < {TARGET_SECONDS:.0f} s: {'met' if met else 'MISSED'}); "
        f"re-reading each section, as before: {before:.3f} s ({before / now:.0f}x slower)."
    )
    return 0 if met else 1


if __name__ == "__main__":
    raise SystemExit(main())
