"""Slow uploads cannot take the site down: no request holds a database connection while its
body is still arriving (issue 11 §2). Before the fix, 16 trickling check-ins held every pooled
connection and the projector, check-in and dashboard pages failed after 30 s."""

from __future__ import annotations

import socket
import time
from pathlib import Path

import httpx
import pytest

from tests.factories import SeededEvent
from tests.live_server import LiveServer, started_server
from tests.reliability.clients import SlowUpload, csrf_token, form_body, read_reply, request_head, status_of
from tests.service.imports.flow import import_file

SLOW_UPLOADS = 20  # more than the pool holds (5 + 10 overflow)
TRICKLE_SECONDS = 5.0
ANSWER_WITHIN_SECONDS = 2.0


def timed_get(client: httpx.Client, path: str) -> tuple[int, float]:
    started = time.perf_counter()
    status = client.get(path).status_code
    return status, time.perf_counter() - started


@pytest.mark.slow
@pytest.mark.alone
def test_pages_answer_quickly_while_many_check_ins_trickle_in(server: LiveServer, seeded: SeededEvent) -> None:
    csrf = csrf_token(server)
    uploads = [
        SlowUpload(
            server,
            seeded.checkin_path,
            csrf,
            form_body(csrf, display_name=f"Slow {index:02d}", someone_else="1"),
            TRICKLE_SECONDS,
        )
        for index in range(SLOW_UPLOADS)
    ]
    for upload in uploads:
        upload.start()
    time.sleep(1.0)  # every upload has sent its headers and is trickling its body
    pages = [f"/s/{seeded.screen_code}", seeded.checkin_path, seeded.organiser_path]
    timings: list[tuple[str, int, float]] = []
    with httpx.Client(base_url=server.url, timeout=ANSWER_WITHIN_SECONDS * 5) as client:
        while any(upload.is_alive() for upload in uploads) and len(timings) < 30:
            for path in pages:
                timings.append((path, *timed_get(client, path)))
    for upload in uploads:
        upload.join(TRICKLE_SECONDS + 30)
    slowest = max(seconds for _, _, seconds in timings)
    print(f"{len(timings)} page loads during {SLOW_UPLOADS} slow uploads; slowest {slowest * 1000:.0f} ms")
    assert all(status == 200 for _, status, _ in timings), timings
    assert slowest < ANSWER_WITHIN_SECONDS, timings
    # The slow senders were not cut off: each check-in arrived whole and was stored.
    assert [upload.status for upload in uploads] == [303] * SLOW_UPLOADS, [u.reply[:200] for u in uploads]


@pytest.mark.slow
@pytest.mark.alone
def test_a_body_that_trickles_past_the_time_limit_gets_408(tmp_path: Path) -> None:
    quick = started_server(tmp_path, MINGLE_BODY_READ_SECONDS="1.5")
    try:
        csrf = csrf_token(quick)
        upload = SlowUpload(quick, "/", csrf, form_body(csrf, name="x" * 200), seconds=20)
        started = time.monotonic()
        upload.start()
        upload.join(15)
        assert upload.status == 408, (upload.reply[:300], upload.error)
        assert time.monotonic() - started < 5
        assert b"sent the form too slowly" in upload.reply
    finally:
        quick.stop()


def test_a_body_over_the_route_limit_is_refused_before_it_is_read(server: LiveServer, seeded: SeededEvent) -> None:
    csrf = csrf_token(server)
    # 9.4 MB announced, nothing sent: the answer comes at once, without waiting for the body.
    head = request_head(
        server,
        seeded.checkin_path,
        csrf,
        {"Content-Type": "multipart/form-data; boundary=x", "Content-Length": str(9_400_000)},
    )
    with socket.create_connection(("127.0.0.1", server.port), timeout=5) as sock:
        sock.sendall(head)
        reply = read_reply(sock)
    assert status_of(reply) == 413
    assert b"at most 64 KB" in reply


def test_the_csv_import_accepts_a_file_of_nearly_one_megabyte(server: LiveServer, seeded: SeededEvent) -> None:
    tags = ";".join(f"topic number {k:02d} of a long list" for k in range(10))
    row = "Person {:04d}," + f",{'Organisation ' * 8},{tags},{tags},{tags}\n"
    csv = ("name,email,affiliation,interests,offers,seeks\n" + "".join(row.format(i) for i in range(900))).encode()
    assert 900_000 < len(csv) < 1_000_000
    with httpx.Client(base_url=server.url, timeout=30) as client:
        client.get("/")
        response = import_file(client, seeded.organiser_path, csv)  # preview, then confirm
        assert response.status_code == 303, response.text[:300]
        too_big = client.post(
            seeded.organiser_path + "/import",
            data={"_csrf_token": client.cookies["csrftoken"]},
            files={"file": ("people.csv", csv + b"x" * 200_000, "text/csv")},
        )
        assert too_big.status_code == 413 and "at most 1 MB" in too_big.text
