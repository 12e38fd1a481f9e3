"""The organiser's rounds actions end to end through the app, with the real solver and a real
SQLite file: every action, and every action at the wrong moment (a clear message, no change)."""

from __future__ import annotations

import re
import time
from typing import Any

import pytest
from litestar import Litestar
from litestar.testing import TestClient

from service.settings import Settings
from solver import Profile, mutual_score
from tests.factories import (
    PEOPLE,
    SeededEvent,
    act,
    check_in_late,
    plan_and_wait,
    post_form,
    rounds_status,
    seed_rounds_event,
    shown,
    stored_attendees,
    stored_plans,
    wait_for_planning,
)

Client = TestClient[Litestar]


def topic_people(count: int, shift: int) -> list[dict[str, object]]:
    """People offering one of six topics and looking for the one ``shift`` places further."""
    topics = ["climate tech", "fundraising", "kubernetes", "design", "hiring", "machine learning"]
    return [
        {"display_name": f"Person{i} Example", "offers": [topics[i % 6]], "seeks": [topics[(i + shift) % 6]]}
        for i in range(count)
    ]


def plan_numbers(rounds: list[list[dict[str, Any]]], profiles: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """Total, per-person value and repeats of stored rounds, by ``mutual_score`` of the profiles."""

    def weight(a: str, b: str) -> float:
        first, second = (
            Profile(*(tuple(profiles[p].get(k, ())) for k in ("interests", "offers", "seeks"))) for p in (a, b)
        )
        return mutual_score(first, second)

    met: set[frozenset[str]] = set()
    values = {m: 0.0 for groups in rounds for g in groups for m in g["members"]}
    objective, repeats = 0.0, 0
    for groups in rounds:
        for group in groups:
            for i, a in enumerate(group["members"]):
                for b in group["members"][i + 1 :]:
                    if frozenset((a, b)) in met:
                        repeats += 1
                        continue
                    met.add(frozenset((a, b)))
                    objective += weight(a, b)
                    values[a] += weight(a, b)
                    values[b] += weight(a, b)
    return {"objective": objective, "values": values, "repeats": repeats}


def published(client: Client, seeded: SeededEvent) -> None:
    plan_and_wait(client, seeded)
    assert act(client, seeded, "publish").status_code == 303


def test_the_rounds_page_offers_to_plan_before_anything_is_planned(client: Client, seeded: SeededEvent) -> None:
    page = client.get(seeded.rounds_path)
    assert page.status_code == 200
    assert "Plan 3 rounds" in page.text
    assert rounds_status(client, seeded)["published"] is False


def test_a_wrong_organiser_token_is_a_404_everywhere(client: Client, seeded: SeededEvent) -> None:
    for path in ("/o/not-a-token/rounds", "/o/not-a-token/rounds/panel", "/o/not-a-token/rounds/status"):
        assert client.get(path).status_code == 404
    assert post_form(client, "/o/not-a-token/rounds/clock/start", {}).status_code == 404


def test_planning_runs_in_the_background_and_leaves_a_draft_with_its_quality(
    client: Client, seeded: SeededEvent, settings: Settings
) -> None:
    state = plan_and_wait(client, seeded)
    assert state["draft"] is True and state["published"] is False
    assert state["planning"]["objective"] is not None
    [draft] = stored_plans(settings, seeded.event_id)
    assert draft.status == "draft" and len(draft.rounds) == 3
    seated = sorted(m for g in draft.rounds[0] for m in g["members"])
    assert seated == sorted(seeded.ids.values())
    page = client.get(seeded.rounds_path).text
    assert "New plan (not published yet)" in page
    assert re.search(r"best possible plan", page)
    assert "People meeting someone twice: <strong>0</strong>" in page
    assert "the least served person gets" in page
    assert 'class="spread-bars"' in page


def test_publish_then_run_every_round_to_the_end(client: Client, seeded: SeededEvent) -> None:
    published(client, seeded)
    assert rounds_status(client, seeded)["phase"] == "waiting"
    steps = [
        ("clock/start", {}, "running", 1),
        ("clock/pause", {}, "paused", 1),
        ("clock/add-minute", {}, "paused", 1),
        ("clock/resume", {}, "running", 1),
        ("clock/end-round", {"confirm": "yes"}, "between", 1),
        ("clock/break", {"minutes": "5"}, "break", 1),
        ("clock/add-minute", {}, "break", 1),
        ("clock/next", {}, "running", 2),
        ("clock/next", {"confirm": "yes"}, "running", 3),
        ("clock/end-round", {"confirm": "yes"}, "finished", 3),
    ]
    for path, data, phase, number in steps:
        response = act(client, seeded, path, data)
        assert response.status_code == 303, (path, response.text)
        state = rounds_status(client, seeded)
        assert (state["phase"], state["round_number"]) == (phase, number), path


def test_pause_freezes_the_clock_and_add_minute_adds_sixty_seconds(client: Client, seeded: SeededEvent) -> None:
    published(client, seeded)
    act(client, seeded, "clock/start")
    assert 8 * 60 - 5 < rounds_status(client, seeded)["remaining_seconds"] <= 8 * 60
    act(client, seeded, "clock/pause")
    frozen = rounds_status(client, seeded)["remaining_seconds"]
    act(client, seeded, "clock/add-minute")
    assert rounds_status(client, seeded)["remaining_seconds"] == pytest.approx(frozen + 60)


def without_time(state: dict[str, Any]) -> dict[str, Any]:
    """The rounds' state without what moves by itself (the seconds left, the planning time)."""
    return {**state, "remaining_seconds": None, "planning": state["planning"] and {**state["planning"], "seconds": 0}}


BAD_SEQUENCES = [
    # (what happens before, the action, the words the organiser reads)
    ([], "clock/start", "Publish a plan before running the rounds"),
    ([], "publish", "There is no plan to publish yet"),
    (["plan"], "clock/start", "Publish a plan before running the rounds"),
    (["plan", "publish"], "publish", "This plan is already published"),
    (["plan", "publish"], "clock/next", "The rounds have not started yet. Start round 1 first"),
    (["plan", "publish"], "clock/pause", "nothing to pause"),
    (["plan", "publish", "clock/start"], "clock/resume", "nothing to resume"),
    (["plan", "publish", "clock/start"], "clock/start", "Round 1 is already under way"),
    (["plan", "publish", "clock/start", "clock/next", "clock/next"], "clock/next", "Round 3 is the last round"),
    (["plan", "publish", "clock/start", "clock/next", "clock/next"], "plan", "The last round has already started"),
    (
        ["plan", "publish", "clock/start", "clock/next", "clock/next", "clock/end-round"],
        "clock/start",
        "All rounds are over",
    ),
    (["plan", "publish"], "clock/end-round", "No round is under way"),
    (["plan", "publish"], "clock/add-minute", "no clock to add a minute to"),
    (["plan", "publish"], "clock/dance", "not something the round clock can do"),
    (["plan", "publish", "clock/start"], "swap", "Swaps are made on a new plan before it is published"),
    ([], "plan/stop", "No plan is being made right now"),
    (["plan", "publish", "clock/start"], "plan/stop", "No plan is being made right now"),
    (["plan", "publish"], "discard", "There is no unpublished plan to discard"),
]


@pytest.mark.parametrize(("before", "action", "message"), BAD_SEQUENCES)
def test_an_action_at_the_wrong_moment_says_why_and_changes_nothing(
    client: Client, seeded: SeededEvent, settings: Settings, before: list[str], action: str, message: str
) -> None:
    for path in before:
        if path == "plan":
            plan_and_wait(client, seeded)
        else:
            assert act(client, seeded, path, {"confirm": "yes"}).status_code == 303, path
    state_before = without_time(rounds_status(client, seeded))
    plans_before = [(p.id, p.status, p.rounds) for p in stored_plans(settings, seeded.event_id)]
    data = {"round": "2", "first": seeded.ids["Ana Souza"], "second": seeded.ids["Ben Okafor"]}
    response = act(client, seeded, action, data if action == "swap" else {"seconds": "2"})
    assert response.status_code == 400
    assert message in response.text.replace("&#39;", "'")
    assert 'role="alert"' in response.text and "Traceback" not in response.text
    assert without_time(rounds_status(client, seeded)) == state_before
    assert [(p.id, p.status, p.rounds) for p in stored_plans(settings, seeded.event_id)] == plans_before


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"minutes": "0"}, "A break lasts between 1 and 60 minutes"),
        ({"minutes": "soon"}, "whole number of minutes"),
    ],
)
def test_a_break_needs_a_sensible_length(
    client: Client, seeded: SeededEvent, data: dict[str, str], message: str
) -> None:
    published(client, seeded)
    act(client, seeded, "clock/start")
    response = act(client, seeded, "clock/break", data)
    assert response.status_code == 400 and message in response.text
    assert rounds_status(client, seeded)["phase"] == "running"


def test_planning_needs_enough_people_and_a_sensible_thinking_time(client: Client, settings: Settings) -> None:
    lonely = seed_rounds_event(settings, people=[{"display_name": "Solo Person"}])
    response = act(client, lonely, "plan", {"seconds": "5"})
    assert response.status_code == 400 and "At least 2 checked-in people are needed" in response.text
    seeded = seed_rounds_event(settings)
    for seconds in ("0", "100000", "abc"):
        response = act(client, seeded, "plan", {"seconds": seconds})
        assert response.status_code == 400 and "thinking time" in response.text.lower()
    assert rounds_status(client, seeded)["planning"] is None


def test_swapping_two_people_by_hand_updates_the_plan_and_its_numbers(
    client: Client, seeded: SeededEvent, settings: Settings
) -> None:
    plan_and_wait(client, seeded)
    [draft] = stored_plans(settings, seeded.event_id)
    first_table = draft.rounds[1][0]["members"]
    other_table = draft.rounds[1][1]["members"]
    a, b = first_table[0], other_table[0]
    response = act(client, seeded, "swap", {"round": "2", "first": a, "second": b})
    assert response.status_code == 303, response.text
    [swapped] = stored_plans(settings, seeded.event_id)
    assert b in swapped.rounds[1][0]["members"] and a in swapped.rounds[1][1]["members"]
    assert swapped.rounds[0] == draft.rounds[0] and swapped.rounds[2] == draft.rounds[2]
    assert swapped.swaps == 1
    # The numbers are the swapped plan's own, under the solver's pair weights: worked out here
    # from the people's profiles, each pair counted at its first meeting.
    expected = plan_numbers(swapped.rounds, {seeded.ids[p["display_name"]]: p for p in PEOPLE})
    assert expected["objective"] > 0
    assert swapped.objective == pytest.approx(expected["objective"])
    assert swapped.person_values == pytest.approx(expected["values"])
    assert swapped.repeats == expected["repeats"]
    assert swapped.gap == pytest.approx(max(0.0, (swapped.upper_bound - swapped.objective) / swapped.upper_bound))
    assert "after 1 swap by hand" in client.get(seeded.rounds_path).text
    # Two people at one table cannot swap with each other.
    together = swapped.rounds[1][0]["members"]
    response = act(client, seeded, "swap", {"round": "2", "first": together[0], "second": together[1]})
    assert response.status_code == 400 and "already sit at the same table" in response.text


def test_a_late_arrival_is_seated_from_the_next_round_and_past_rounds_stay(
    client: Client, seeded: SeededEvent, settings: Settings
) -> None:
    published(client, seeded)
    act(client, seeded, "clock/start")
    [first] = stored_plans(settings, seeded.event_id)
    token, late_id = check_in_late(settings, seeded.event_id, display_name="Gus Late", offers=["design"])
    page = client.get(seeded.rounds_path).text
    assert "Waiting for a seat:</strong> Gus Late" in page
    assert "You are checked in. The organiser will give you a seat" in shown(client.get(f"/a/{token}/rounds").text)

    plan_and_wait(client, seeded)
    page = client.get(seeded.rounds_path).text
    assert "Proposed re-plan" in page and "What changes" in page
    assert re.search(r"Round 2: Gus Late — Table \S+ with", page)
    assert "Round 1: Gus Late" not in page
    assert act(client, seeded, "publish").status_code == 303

    plans = stored_plans(settings, seeded.event_id)
    assert [p.status for p in plans] == ["replaced", "published"]
    replan = plans[1]
    assert replan.rounds[0] == first.rounds[0]
    assert all(any(late_id in g["members"] for g in replan.rounds[r]) for r in (1, 2))
    # The next announced round changes as little as possible: Gus joins one pair, nobody else moves.
    moved = [g for g in replan.rounds[1] if sorted(g["members"]) not in [sorted(h["members"]) for h in first.rounds[1]]]
    assert len(moved) == 1 and late_id in moved[0]["members"] and len(moved[0]["members"]) == 3
    assert "Waiting for a seat" not in client.get(seeded.rounds_path).text
    act(client, seeded, "clock/next", {"confirm": "yes"})
    assert "Now: Round 2 of 3" in shown(client.get(f"/a/{token}/rounds").text)


def test_a_late_arrival_at_a_tables_event_joins_a_table_and_the_other_tables_stay(
    client: Client, settings: Settings
) -> None:
    event = seed_rounds_event(
        settings, people=topic_people(12, shift=1), format="tables", table_min=3, table_max=4, rounds_count=3
    )
    published(client, event)
    act(client, event, "clock/start")
    [first] = stored_plans(settings, event.event_id)
    _, late_id = check_in_late(settings, event.event_id, display_name="Gus Late", offers=["design"])
    plan_and_wait(client, event)
    assert act(client, event, "publish").status_code == 303
    replan = stored_plans(settings, event.event_id)[-1]
    announced = {g["table"]: sorted(g["members"]) for g in first.rounds[1]}
    now = {g["table"]: sorted(g["members"]) for g in replan.rounds[1]}
    changed = [label for label in now if now[label] != announced.get(label)]
    assert len(changed) == 1
    assert sorted(set(now[changed[0]]) - {late_id}) == announced[changed[0]]  # Gus joined; nobody moved


def test_someone_who_left_is_taken_out_of_later_rounds_only(
    client: Client, seeded: SeededEvent, settings: Settings
) -> None:
    published(client, seeded)
    act(client, seeded, "clock/start")
    act(client, seeded, "clock/next", {"confirm": "yes"})
    leaver = seeded.ids["Eve Larsen"]
    response = post_form(client, f"/o/{seeded.organiser_token}/attendees/{leaver}/presence", {})
    assert response.status_code == 303
    assert not next(a for a in stored_attendees(settings, seeded.event_id) if str(a.id) == leaver).present
    assert "Left, but still seated in later rounds:</strong> Eve Larsen" in client.get(seeded.rounds_path).text

    before = stored_plans(settings, seeded.event_id)[0]
    plan_and_wait(client, seeded)
    assert "Re-plan" in client.get(seeded.rounds_path).text
    assert act(client, seeded, "publish").status_code == 303
    after = stored_plans(settings, seeded.event_id)[-1]
    assert after.rounds[:2] == before.rounds[:2]
    assert all(leaver not in g["members"] for g in after.rounds[2])


def test_a_replan_that_no_longer_fits_the_clock_is_refused(
    client: Client, seeded: SeededEvent, settings: Settings
) -> None:
    published(client, seeded)
    check_in_late(settings, seeded.event_id, display_name="Gus Late")
    plan_and_wait(client, seeded)  # made before round 1 started: Gus is seated in round 1 too
    act(client, seeded, "clock/start")
    old, draft = stored_plans(settings, seeded.event_id)
    assert draft.rounds[0] != old.rounds[0]
    response = act(client, seeded, "publish")
    assert response.status_code == 400
    assert "Round 1 started while this plan was being made" in response.text
    assert [p.status for p in stored_plans(settings, seeded.event_id)] == ["published", "draft"]


def test_settings_are_locked_once_rounds_are_planned(client: Client, seeded: SeededEvent) -> None:
    plan_and_wait(client, seeded)
    dashboard = client.get(f"/o/{seeded.organiser_token}").text
    assert "Rounds are planned, so the format and the number of rounds can no longer change." in dashboard
    assert f"/o/{seeded.organiser_token}/rounds" in dashboard


def test_a_long_plan_shows_progress_and_can_be_stopped_keeping_the_best_plan(
    client: Client, settings: Settings
) -> None:
    crowd = seed_rounds_event(
        settings, people=topic_people(40, shift=2), format="tables", table_min=3, table_max=5, rounds_count=4
    )
    assert act(client, crowd, "plan", {"seconds": "120"}).status_code == 303
    deadline = time.monotonic() + 30
    while rounds_status(client, crowd)["planning"]["objective"] is None:
        assert time.monotonic() < deadline, "no progress reported"
        time.sleep(0.05)
    page = client.get(crowd.rounds_path).text
    assert "Making a plan…" in page and "Best plan so far: total" in page and "Stop and keep the best plan" in page
    again = act(client, crowd, "plan", {"seconds": "5"})
    assert again.status_code == 400 and "A plan is already being made" in again.text
    assert act(client, crowd, "plan/stop").status_code == 303
    wait_for_planning(client, crowd, timeout_seconds=15)
    [draft] = stored_plans(settings, crowd.event_id)
    assert draft.stopped_early and len(draft.rounds) == 4
    assert rounds_status(client, crowd)["planning"]["seconds"] < 60
    assert "(stopped early)" in client.get(crowd.rounds_path).text


def test_the_dashboard_card_says_where_the_rounds_stand(client: Client, seeded: SeededEvent) -> None:
    card = f"{seeded.rounds_path}/card"
    assert "Not published yet." in client.get(card).text
    assert 'data-fragment-url="' + card + '"' in client.get(f"/o/{seeded.organiser_token}").text
    published(client, seeded)
    act(client, seeded, "clock/start")
    assert "Round 1 of 3 is on." in client.get(card).text
    assert client.get("/o/not-a-token/rounds/card").status_code == 404


def test_a_double_click_on_next_round_does_not_skip_a_round(client: Client, seeded: SeededEvent) -> None:
    published(client, seeded)
    act(client, seeded, "clock/start")
    page = client.get(seeded.rounds_path).text
    seen = rounds_status(client, seeded)["clock_key"]
    assert seen.startswith("running:1:") and f'name="seen" value="{seen}"' in page
    assert act(client, seeded, "clock/next", {"seen": seen, "confirm": "yes"}).status_code == 303
    second = act(client, seeded, "clock/next", {"seen": seen, "confirm": "yes"})
    assert second.status_code == 409 and "Someone else changed the clock at the same moment" in second.text
    assert rounds_status(client, seeded)["round_number"] == 2


def test_tables_of_three_to_four_are_planned_shown_and_swapped(client: Client, settings: Settings) -> None:
    people = [
        {"display_name": f"{first} Example", "offers": [topic], "seeks": [wish]}
        for first, topic, wish in [
            ("Ana", "design", "hiring"),
            ("Ben", "hiring", "design"),
            ("Cy", "fundraising", "kubernetes"),
            ("Dee", "kubernetes", "fundraising"),
            ("Eli", "climate tech", "design"),
            ("Fay", "design", "climate tech"),
            ("Gil", "hiring", "kubernetes"),
            ("Hal", "kubernetes", "hiring"),
            ("Ivy", "fundraising", "design"),
            ("Jo", "design", "fundraising"),
        ]
    ]
    event = seed_rounds_event(settings, people=people, format="tables", table_min=3, table_max=4, rounds_count=2)
    plan_and_wait(client, event)
    [draft] = stored_plans(settings, event.event_id)
    assert all(3 <= len(g["members"]) <= 4 for groups in draft.rounds for g in groups)
    assert "seats in smaller tables across all rounds" in client.get(event.rounds_path).text
    first, other = draft.rounds[1][0]["members"][0], draft.rounds[1][1]["members"][0]
    assert act(client, event, "swap", {"round": "2", "first": first, "second": other}).status_code == 303
    [swapped] = stored_plans(settings, event.event_id)
    expected = plan_numbers(swapped.rounds, {event.ids[p["display_name"]]: p for p in people})
    assert swapped.objective == pytest.approx(expected["objective"]) and expected["objective"] > 0
    assert swapped.person_values == pytest.approx(expected["values"])
    assert act(client, event, "publish").status_code == 303
    act(client, event, "clock/start")
    board = shown(client.get(f"/s/{event.screen_code}/board").text)
    assert board.count('class="table-card"') == len(draft.rounds[0])
    phone = shown(client.get(f"/a/{event.tokens['Ana Example']}/rounds").text)
    assert re.search(
        r"Now: Round 1 of 2</strong>\s*— Table \S+ with \w+ Example(, \w+ Example)* and \w+ Example", phone
    )


def test_the_thinking_time_last_asked_for_stays_in_the_box(client: Client, seeded: SeededEvent) -> None:
    thinking_box = re.compile(r'name="seconds"[^>]*value="(\d+)"')
    assert thinking_box.findall(client.get(seeded.rounds_path).text) == ["15"]
    plan_and_wait(client, seeded, seconds=3)
    assert thinking_box.findall(client.get(seeded.rounds_path).text) == ["3"]
