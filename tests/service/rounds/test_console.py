"""The console's safety and plain words, through the real endpoints: ending a round that still has
time left needs a yes, people without a good match are named, and late arrivals reach the
dashboard's rounds card."""

from __future__ import annotations

import pytest
from litestar import Litestar
from litestar.testing import TestClient

from service.attendees.names import first_name
from service.events.links import is_loopback_url
from service.screen.views import first_names
from service.settings import Settings
from tests.factories import PEOPLE, SeededEvent, act, check_in_late, plan_and_wait, rounds_status, seed_rounds_event

Client = TestClient[Litestar]


def running(client: Client, seeded: SeededEvent) -> None:
    plan_and_wait(client, seeded)
    assert act(client, seeded, "publish").status_code == 303
    assert act(client, seeded, "clock/start").status_code == 303


@pytest.mark.parametrize("action", ["clock/end-round", "clock/next", "clock/break"])
@pytest.mark.parametrize("paused", [False, True])
def test_cutting_a_round_short_asks_first_and_changes_nothing_until_yes(
    client: Client, seeded: SeededEvent, action: str, paused: bool
) -> None:
    running(client, seeded)
    if paused:
        act(client, seeded, "clock/pause")
    before = rounds_status(client, seeded)
    question = act(client, seeded, action, {"minutes": "5"})
    assert question.status_code == 200
    assert "End round 1 early?" in question.text and 'name="confirm" value="yes"' in question.text
    assert "Keep round 1 going" in question.text
    assert (rounds_status(client, seeded)["phase"], rounds_status(client, seeded)["round_number"]) == (
        before["phase"],
        before["round_number"],
    )
    answered = act(client, seeded, action, {"minutes": "5", "confirm": "yes", "seen": before["clock_key"]})
    assert answered.status_code == 303
    assert rounds_status(client, seeded)["phase"] in ("between", "running", "break")
    assert (rounds_status(client, seeded)["phase"], rounds_status(client, seeded)["round_number"]) != (
        before["phase"],
        1,
    )


def test_a_confirmation_is_not_a_way_round_the_other_checks(client: Client, seeded: SeededEvent) -> None:
    running(client, seeded)
    assert act(client, seeded, "clock/next", {"confirm": "yes"}).status_code == 303
    assert act(client, seeded, "clock/next", {"confirm": "yes"}).status_code == 303
    refused = act(client, seeded, "clock/next", {"confirm": "yes"})
    assert refused.status_code == 400 and "Round 3 is the last round" in refused.text


def test_the_console_separates_ending_a_round_from_the_frequent_actions(client: Client, seeded: SeededEvent) -> None:
    running(client, seeded)
    page = client.get(seeded.rounds_path).text
    frequent = page.split('class="actions frequent"', 1)[1].split("</div>", 1)[0]
    assert "Pause" in frequent and "+1 minute" in frequent
    assert "End round" not in frequent and "Start round" not in frequent
    danger = page.split('class="danger-zone"', 1)[1]
    assert "End round 1 now" in danger and "Start round 2 now" in danger and "data-confirm=" in danger
    assert 'data-done-text="Time&#39;s up"' in page and 'data-suffix=" left"' in page


def test_people_without_a_good_match_are_named_with_why_and_a_link(client: Client, settings: Settings) -> None:
    people = [*PEOPLE, {"display_name": "Quinn Quiet"}]
    seeded = seed_rounds_event(settings, people=people)
    plan_and_wait(client, seeded)
    page = client.get(seeded.rounds_path).text.replace("&#39;", "'")
    assert "have no good match in this plan" in page or "has no good match in this plan" in page
    assert "<strong>Quinn Quiet</strong>: their profile is empty" in page
    assert f'href="/o/{seeded.organiser_token}/attendees/{seeded.ids["Quinn Quiet"]}"' in page
    assert "Weakest person" not in page


def test_late_arrivals_show_on_the_dashboard_card_with_a_re_plan(
    client: Client, seeded: SeededEvent, settings: Settings
) -> None:
    running(client, seeded)
    card = f"/o/{seeded.organiser_token}/rounds/card"
    assert "waiting for a seat" not in client.get(card).text
    check_in_late(settings, seeded.event_id, display_name="Gus Late", offers=["design"])
    html = client.get(card).text
    assert "1 person is waiting for a seat:</strong> Gus Late" in html
    assert f'action="/o/{seeded.organiser_token}/rounds/plan"' in html and "from round 2" in html


def test_a_name_that_starts_with_an_emoji_is_called_by_its_first_word_with_letters() -> None:
    assert first_name("🎉 Zoë Park") == "Zoë"
    assert first_name("  Ana María ") == "Ana"
    assert first_name("王小明") == "王小明"
    assert first_name("🎉🎉") == "🎉🎉"  # nothing better to show


def test_first_names_for_the_projector_skip_a_leading_emoji(client: Client, settings: Settings) -> None:
    from tests.factories import stored_attendees

    seeded = seed_rounds_event(settings, people=[{"display_name": "🎉 Zoë Park"}, {"display_name": "⭐ Zoë Lin"}])
    names = first_names(stored_attendees(settings, seeded.event_id))
    assert sorted(names.values()) == ["Zoë L.", "Zoë P."]


@pytest.mark.parametrize(
    ("url", "loopback"),
    [
        ("http://127.0.0.1:8000", True),
        ("http://localhost:8000", True),
        ("http://[::1]:8000", True),
        ("http://192.168.1.20:8000", False),
        ("https://mingle.example.org", False),
    ],
)
def test_loopback_base_urls_are_recognised(url: str, loopback: bool) -> None:
    assert is_loopback_url(url) is loopback


def test_no_loopback_warning_when_the_base_url_is_reachable(client: Client, seeded: SeededEvent) -> None:
    assert "Phones can" not in client.get(f"/o/{seeded.organiser_token}").text  # testserver.local
