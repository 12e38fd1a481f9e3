"""How long the badge sheet takes for 500 attendees (target: under 2 s), end to end through the
web app on a real SQLite file, against baselines measured in the same run: the same sheet with
the QR codes' best-mask search left on (the naive version), and the parts on their own."""

from __future__ import annotations

import asyncio
import logging
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from unittest import mock

from litestar.testing import TestClient
from sqlalchemy.ext.asyncio import async_sessionmaker

from service.app import create_app
from service.attendees.schemas import ProfileInput
from service.attendees.services import add_many, list_attendees
from service.db.config import build_engine
from service.db.migrate import upgrade
from service.events.schemas import EventInput
from service.events.services import create_event
from service.printing import badges
from service.printing.layouts import LAYOUTS
from service.qr import qr_svg
from service.settings import Settings, sqlite_url

ATTENDEES = 500
TARGET_SECONDS = 2.0
REPEATS = 3
TOPICS = [
    "climate tech",
    "seed fundraising",
    "kubernetes",
    "design systems",
    "hiring engineers",
    "machine learning",
    "user research",
    "open source",
    "product management",
    "developer relations",
    "b2b sales",
    "public speaking",
]
NAMES = ["Ana", "Ben", "Chloé", "Dmitri", "Emeka", "Fatima", "Guo Wei", "Hana", "Ines", "João", "محمد", "王小明"]


def profile(index: int) -> ProfileInput:
    pick = lambda offset, count: [TOPICS[(index * 7 + offset + k) % len(TOPICS)] for k in range(count)]  # noqa: E731
    return ProfileInput(
        display_name=f"{NAMES[index % len(NAMES)]} Example-{index:03d}",
        pronouns=["she/her", "he/him", "they/them", ""][index % 4],
        affiliation=f"Organisation number {index} for people who build things",
        interests=pick(0, 3 + index % 3),
        offers=pick(4, 1 + index % 2),
        seeks=pick(8, 1 + index % 2),
    )


async def seed(settings: Settings) -> tuple[str, list]:
    engine = build_engine(settings)
    try:
        async with async_sessionmaker(engine, expire_on_commit=False)() as session:
            event = await create_event(session, EventInput(name="Benchmark Meetup"))
            await add_many(session, event, [profile(i) for i in range(ATTENDEES)])
            await session.commit()
            return event.organiser_token, await list_attendees(session, event)
    finally:
        await engine.dispose()


def fastest_of(action: Callable[[], object]) -> float:
    """The quickest of a few runs: the machine is shared, and the others' work only adds time."""
    times = []
    for _ in range(REPEATS):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return min(times)


def main() -> int:
    logging.getLogger("httpx").setLevel(logging.WARNING)  # one line per request would bury the table
    with tempfile.TemporaryDirectory() as folder:
        data_dir = Path(folder)
        settings = Settings(
            data_dir=data_dir,
            database_url=sqlite_url(data_dir / "bench.sqlite3"),
            secret_key="bench-secret",
            base_url="https://mingle.example.org",
        )
        upgrade(settings)
        token, attendees = asyncio.run(seed(settings))
        urls = [f"{settings.base_url}/a/{a.token}" for a in attendees]
        with TestClient(app=create_app(settings)) as client:

            def sheet(layout: str = "avery-5392", *, cold: bool = True) -> Callable[[], None]:
                def get() -> None:
                    if cold:
                        qr_svg.cache_clear()  # as on the first print: no code drawn yet
                    response = client.get(f"/o/{token}/badges", params={"layout": layout})
                    assert response.status_code == 200 and response.text.count('class="badge"') == ATTENDEES

                return get

            sheet()()  # warm up: templates compiled, connections open
            rows = [
                (f"badge sheet, {ATTENDEES} badges, {layout.title} (first print)", fastest_of(sheet(layout.key)))
                for layout in LAYOUTS.values()
            ]
            rows.append(("same sheet again, QR codes already drawn", fastest_of(sheet(cold=False))))
            with mock.patch.object(badges, "BADGE_QR_MASK", None):
                rows.append(("naive: first print with the QR best-mask search", fastest_of(sheet())))

        def codes(mask: int | None) -> Callable[[], None]:
            def draw() -> None:
                qr_svg.cache_clear()
                for url in urls:
                    qr_svg(url, mask_pattern=mask)

            return draw

        rows.append((f"  part: {ATTENDEES} QR codes, fixed mask", fastest_of(codes(badges.BADGE_QR_MASK))))
        rows.append((f"  part: {ATTENDEES} QR codes, best-mask search", fastest_of(codes(None))))
        layout = LAYOUTS["avery-5392"]
        geometry = badges.badge_geometry(layout)
        rows.append(
            (
                f"  part: fitting text for {ATTENDEES} badges",
                fastest_of(lambda: [badges.talking_points(a, geometry, layout.type.points_pt) for a in attendees]),
            )
        )
    print(f"{'what':<62} {'seconds':>8} {'ms/badge':>9}")
    for what, seconds in rows:
        print(f"{what:<62} {seconds:>8.3f} {seconds / ATTENDEES * 1000:>9.2f}")
    worst = max(seconds for what, seconds in rows if what.startswith("badge sheet"))  # first prints only
    verdict = "meets" if worst < TARGET_SECONDS else "MISSES"
    print(f"slowest layout: {worst:.2f} s for {ATTENDEES} badges, {verdict} the target of {TARGET_SECONDS:.0f} s")
    return 0 if worst < TARGET_SECONDS else 1
