import re
import sqlite3

import pytest
from litestar import Litestar
from litestar.testing import TestClient

from service.demo import DEMO_PEOPLE, demo_profiles, print_demo_links
from service.settings import Settings
from tests.factories import seed_event


def counts(settings: Settings) -> tuple[int, int]:
    with sqlite3.connect(settings.data_dir / "mingle.sqlite3") as db:
        return (
            db.execute("select count(*) from event").fetchone()[0],
            db.execute("select count(*) from attendee").fetchone()[0],
        )


def test_the_demo_is_created_once_and_its_links_are_printed_every_time(
    settings: Settings, client: TestClient[Litestar], capsys: pytest.CaptureFixture[str]
) -> None:
    print_demo_links(settings)
    first = capsys.readouterr().out
    assert counts(settings) == (1, len(DEMO_PEOPLE))
    print_demo_links(settings)
    second = capsys.readouterr().out
    assert counts(settings) == (1, len(DEMO_PEOPLE))
    links = re.findall(r"http://testserver\.local(/[a-z]/\S+)", first)
    assert [link[:3] for link in links] == ["/o/", "/c/", "/s/"]
    assert links == re.findall(r"http://testserver\.local(/[a-z]/\S+)", second)
    dashboard = client.get(links[0])
    assert dashboard.status_code == 200 and f"<strong>{len(DEMO_PEOPLE)}</strong> people" in dashboard.text
    assert client.get(links[1]).status_code == 200


def test_an_existing_event_is_not_joined_by_a_demo(
    settings: Settings, client: TestClient[Litestar], capsys: pytest.CaptureFixture[str]
) -> None:

    seeded = seed_event(settings, people=0, name="Real event")
    print_demo_links(settings)
    assert counts(settings) == (1, 0)
    assert seeded.organiser_token in capsys.readouterr().out


def test_demo_people_are_varied_and_can_help_each_other() -> None:
    profiles = demo_profiles()
    assert 25 <= len(profiles) <= 40
    assert len({p.display_name for p in profiles}) == len(profiles)
    assert all(p.interests and p.offers and p.seeks for p in profiles)
    assert len({tag for p in profiles for tag in p.interests}) >= 30
    offered = {tag.casefold() for p in profiles for tag in p.offers}
    helped = [p for p in profiles if any(tag.casefold() in offered for tag in p.seeks)]
    assert len(helped) >= len(profiles) // 2  # many people's seeks are someone else's offer
