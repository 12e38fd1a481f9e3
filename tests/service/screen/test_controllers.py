"""The projector screen: public, first names and table labels only, right for every moment."""

from __future__ import annotations

import re

from litestar import Litestar
from litestar.testing import TestClient

from service.settings import Settings
from tests.factories import PEOPLE, SeededEvent, act, plan_and_wait, shown, stored_plans, without_numbers

Client = TestClient[Litestar]


def board(client: Client, seeded: SeededEvent) -> str:
    """What the projector shows (without the clock lines it keeps for notices)."""
    response = client.get(f"/s/{seeded.screen_code}/board")
    assert response.status_code == 200
    return shown(response.text)


def test_an_unknown_screen_code_is_a_404(client: Client) -> None:
    for path in ("/s/nosuchcode", "/s/nosuchcode/board", "/s/nosuchcode/live"):
        assert client.get(path).status_code == 404


def test_before_publishing_the_screen_welcomes_and_offers_check_in(client: Client, seeded: SeededEvent) -> None:
    page = client.get(f"/s/{seeded.screen_code}")
    assert page.status_code == 200
    assert "Welcome to Test Meetup" in page.text
    assert f"/c/{seeded.checkin_code}" in page.text and "<svg" in page.text
    assert 'aria-live="polite"' in page.text and f'data-stream-url="/s/{seeded.screen_code}/live"' in page.text
    plan_and_wait(client, seeded)
    assert "Welcome to Test Meetup" in board(client, seeded)  # a draft is not shown


def test_the_screen_shows_tables_by_first_name_and_never_more(
    client: Client, seeded: SeededEvent, settings: Settings
) -> None:
    plan_and_wait(client, seeded)
    act(client, seeded, "publish")
    html = board(client, seeded)
    assert "Next: round 1" in html and "Starting soon" in html
    assert "Just arrived?" in html  # between rounds: the check-in code for latecomers
    act(client, seeded, "clock/start")
    html = board(client, seeded)
    assert re.search(r"Round 1 <span class=\"of\">of 3</span>", html)
    # During a round the check-in code stays, small, in a corner (no large latecomers column).
    assert 'class="latecomers"' not in html and 'class="corner-checkin"' in html
    assert re.search(r'data-ends-at="\d+"', html) and 'role="timer"' in html
    for person in PEOPLE:
        first, *rest = person["display_name"].split()
        assert first in html
        assert all(part not in html for part in rest), f"{person['display_name']} shown in full"
    assert "example.org" not in html and seeded.organiser_token not in html
    for token in seeded.tokens.values():
        assert token not in html
    # Each table of round 1, with its people in alphabetical order, and the index name -> table.
    [plan] = stored_plans(settings, seeded.event_id)
    names = {pid: name.split()[0] for name, pid in seeded.ids.items()}
    text = re.sub(r"<[^>]+>", "", html)
    for group in plan.rounds[0]:
        expected = " · ".join(sorted(names[m] for m in group["members"]))
        assert f"Table {group['table']} {expected}" in text
    index = re.findall(r'<span class="index-name">([^<]+)</span> <span class="index-table">([^<]+)</span>', html)
    assert [name for name, _ in index] == sorted(names.values())


def test_a_break_shows_the_time_to_the_next_round_and_the_check_in_code(client: Client, seeded: SeededEvent) -> None:
    plan_and_wait(client, seeded)
    act(client, seeded, "publish")
    act(client, seeded, "clock/start")
    act(client, seeded, "clock/break", {"minutes": "5", "confirm": "yes"})
    html = board(client, seeded)
    assert "Break — next round in" in html and "Next: round 2" in html and "Just arrived?" in html
    act(client, seeded, "clock/next")
    act(client, seeded, "clock/pause")
    assert "Paused" in board(client, seeded)
    act(client, seeded, "clock/next", {"confirm": "yes"})
    act(client, seeded, "clock/end-round", {"confirm": "yes"})
    assert "That's all the rounds" in board(client, seeded).replace("&#39;", "'")


def test_the_board_keeps_a_clock_line_for_every_phase_to_follow_notices(
    client: Client, seeded: SeededEvent, settings: Settings
) -> None:
    plan_and_wait(client, seeded)
    act(client, seeded, "publish")
    act(client, seeded, "clock/start")
    whole = client.get(f"/s/{seeded.screen_code}/board").text
    [plan] = stored_plans(settings, seeded.event_id)
    assert f'<template class="live-state" data-plan="{plan.id}" data-view="round-1-now">' in whole
    lines = dict(re.findall(r'<template data-clock-line="(\w+)">(.*?)</template>', whole, re.DOTALL))
    assert sorted(lines) == ["between", "break", "paused", "running", "waiting"]
    assert (
        "Paused" in lines["paused"]
        and "Break — next round in" in lines["break"]
        and "Starting soon" in lines["between"]
    )
    assert "data-ends-at" in lines["running"] and "data-ends-at" not in lines["paused"]
    # The line shown now is the running one, with this round's end time.
    [big_clock] = re.findall(r'<p class="big-clock" data-clock-slot[^>]*>.*?</p>', shown(whole), re.DOTALL)
    assert without_numbers(big_clock) == without_numbers(lines["running"].strip())
    assert "Paused" not in shown(whole)
