"""The attendee's rounds section: on their own page and as the live fragment it re-reads."""

from __future__ import annotations

import re

from litestar import Litestar
from litestar.testing import TestClient

from service.settings import Settings
from tests.factories import (
    SeededEvent,
    act,
    plan_and_wait,
    post_form,
    seed_rounds_event,
    shown,
    stored_plans,
    without_numbers,
)

Client = TestClient[Litestar]


def whole_section(client: Client, seeded: SeededEvent, name: str) -> str:
    """The section as sent: what the phone shows, then the prepared rounds and clock lines."""
    response = client.get(f"/a/{seeded.tokens[name]}/rounds")
    assert response.status_code == 200
    return response.text.replace("&#39;", "'")


def section(client: Client, seeded: SeededEvent, name: str) -> str:
    return shown(whole_section(client, seeded, name))


CLOCK_LINE = re.compile(r'<p class="now-clock" data-clock-slot>.*?</p>', re.DOTALL)


def prepared(html: str, key: str) -> str:
    found = re.search(rf'<template data-prepared-view="{key}">(.*?)</template>', html, re.DOTALL)
    assert found, f"no prepared view {key}"
    return found.group(1)


def clock_line_template(html: str, phase: str) -> str:
    found = re.search(rf'<template data-clock-line="{phase}">(.*?)</template>', html, re.DOTALL)
    assert found, f"no clock line for {phase}"
    return found.group(1)


def same_apart_from_the_clock(a: str, b: str) -> bool:
    return " ".join(CLOCK_LINE.sub("[clock]", a).split()) == " ".join(CLOCK_LINE.sub("[clock]", b).split())


def partners_of(settings: Settings, seeded: SeededEvent, name: str, round_index: int) -> tuple[str, list[str]]:
    [plan] = [p for p in stored_plans(settings, seeded.event_id) if p.status == "published"]
    names = {pid: n for n, pid in seeded.ids.items()}
    me = seeded.ids[name]
    group = next(g for g in plan.rounds[round_index] if me in g["members"])
    return group["table"], sorted(names[m] for m in group["members"] if m != me)


def test_a_wrong_attendee_token_is_a_404(client: Client) -> None:
    assert client.get("/a/not-a-token/rounds").status_code == 404
    assert client.get("/a/not-a-token/live").status_code == 404


def test_before_publishing_the_phone_says_the_rounds_are_not_out_yet(client: Client, seeded: SeededEvent) -> None:
    plan_and_wait(client, seeded)
    assert "The rounds are not out yet" in section(client, seeded, "Ana Souza")
    page = client.get(f"/a/{seeded.tokens['Ana Souza']}").text
    assert "The rounds are not out yet" in page and 'aria-live="polite"' in page
    assert f'data-stream-url="/a/{seeded.tokens["Ana Souza"]}/live"' in page


def test_the_phone_shows_now_next_and_talking_points(client: Client, seeded: SeededEvent, settings: Settings) -> None:
    plan_and_wait(client, seeded)
    act(client, seeded, "publish")
    table, partners = partners_of(settings, seeded, "Ana Souza", 0)
    html = section(client, seeded, "Ana Souza")
    assert f"Next: Round 1 of 3</strong>\n  — Table {table} with" in html
    assert all(p in html for p in partners)
    assert "Your next rounds" in html and "Round 2:" in html and "Round 3:" in html
    act(client, seeded, "clock/start")
    html = section(client, seeded, "Ana Souza")
    assert "Now: Round 1 of 3" in html and "Time left:" in html and 'role="timer"' in html
    assert "Things to talk about" in html


def test_talking_points_come_from_both_profiles(client: Client, settings: Settings) -> None:
    pair = seed_rounds_event(
        settings,
        people=[
            {"display_name": "Ana Souza", "offers": ["fundraising"], "seeks": ["kubernetes"]},
            {"display_name": "Ben Okafor", "offers": ["kubernetes"], "seeks": ["fundraising"]},
        ],
        rounds_count=1,
    )
    plan_and_wait(client, pair)
    act(client, pair, "publish")
    html = section(client, pair, "Ana Souza")
    assert "Ben Okafor can help you with kubernetes" in html
    assert "You could help Ben Okafor with fundraising" in html


def test_a_match_by_meaning_quotes_both_wordings_and_the_partners_organisation_shows(
    client: Client, settings: Settings
) -> None:
    pair = seed_rounds_event(
        settings,
        people=[
            {"display_name": "Ana Souza", "offers": ["product strategy"], "affiliation": "Acme Labs"},
            {"display_name": "Ben Okafor", "seeks": ["product analytics"], "affiliation": "City Council"},
        ],
        rounds_count=1,
    )
    plan_and_wait(client, pair)
    act(client, pair, "publish")
    html = section(client, pair, "Ben Okafor")
    assert 'Ana Souza</strong> · <span class="partner-affiliation">Acme Labs</span>' in html
    assert "Ana Souza offers “product strategy”; you're looking for “product analytics”" in html
    assert "can help you with product strategy" not in html


def test_a_thin_profile_still_gets_an_opener_from_what_the_partner_wrote(client: Client, settings: Settings) -> None:
    pair = seed_rounds_event(
        settings,
        people=[
            {"display_name": "Ana Souza", "interests": ["bouldering"], "affiliation": "Acme Labs"},
            {"display_name": "Ben Okafor"},
        ],
        rounds_count=1,
    )
    plan_and_wait(client, pair)
    act(client, pair, "publish")
    html = section(client, pair, "Ben Okafor")
    assert "Ana Souza is into bouldering: ask about it" in html
    assert "Ana Souza is with Acme Labs: ask what they do there" in html
    # Ben wrote nothing and Ana offers nothing: no weight either way, but still a question to ask.
    assert "Ben Okafor hasn't filled in a profile yet: ask what brings them here" in section(client, pair, "Ana Souza")


def test_an_empty_profile_gets_the_helpers_offers_as_an_opener_and_the_partners_role_shows(
    client: Client, settings: Settings
) -> None:
    pair = seed_rounds_event(
        settings,
        people=[
            {"display_name": "Ana Souza", "offers": ["seed fundraising", "pitch decks"], "affiliation": "Acme & <Co>"},
            {"display_name": "Eve Adams", "affiliation": "City Library"},
        ],
        rounds_count=1,
    )
    assert (
        post_form(client, pair.organiser_path + "/rules", {"roles": "Investor, founder", "role_rules": ""}).status_code
        == 303
    )
    profile = {"display_name": "Ana Souza", "offers": "seed fundraising, pitch decks", "affiliation": "Acme & <Co>"}
    assert post_form(client, f"/a/{pair.tokens['Ana Souza']}/edit", {**profile, "role": "investor"}).status_code == 303
    plan_and_wait(client, pair)
    act(client, pair, "publish")
    whole = whole_section(client, pair, "Eve Adams")
    named = (
        'Ana Souza</strong> · <span class="partner-affiliation">Acme &amp; &lt;Co&gt;</span> · '
        '<span class="partner-role"><span class="visually-hidden">here as </span>investor</span>'
    )
    opener = "Ana Souza can help with “seed fundraising” and “pitch decks”: tell them what you're working on"
    assert named in shown(whole) and opener in shown(whole)
    # The live path: every prepared round view the phone switches to draws the partner the same way.
    views = re.findall(r'<template data-prepared-view="(round-1-(?:now|next))">(.*?)</template>', whole, re.DOTALL)
    assert {key for key, _ in views} == {"round-1-now", "round-1-next"}
    assert all(named in view and opener in view for _, view in views)
    ana = section(client, pair, "Ana Souza")
    assert "Eve Adams hasn't filled in a profile yet: ask what brings them here and say what you can help with" in ana
    assert "Eve Adams is with City Library: ask what they do there" in ana
    assert "partner-role" not in ana  # Eve picked no role
    # A role the organiser no longer lists is not shown.
    assert post_form(client, pair.organiser_path + "/rules", {"roles": "founder", "role_rules": ""}).status_code == 303
    assert "partner-role" not in whole_section(client, pair, "Eve Adams")


def test_after_the_event_the_phone_lists_everyone_met_and_no_contact_one_sidedly(
    client: Client, seeded: SeededEvent, settings: Settings
) -> None:
    plan_and_wait(client, seeded)
    act(client, seeded, "publish")
    act(client, seeded, "clock/start")
    act(client, seeded, "clock/next", {"confirm": "yes"})
    act(client, seeded, "clock/next", {"confirm": "yes"})
    act(client, seeded, "clock/end-round", {"confirm": "yes"})
    met = set()
    for index in range(3):
        met |= set(partners_of(settings, seeded, "Dev Patel", index)[1])
    html = section(client, seeded, "Dev Patel")
    assert "That's all the rounds" in html
    assert all(name in html for name in met)
    # Ben ticked "share my contact", Dev did not: contacts are shared only when both want to.
    assert "ben@example.org" not in html and "chloe@example.org" not in html
    assert "People you met" in html


def test_the_phone_holds_every_round_as_the_server_will_show_it(client: Client, seeded: SeededEvent) -> None:
    plan_and_wait(client, seeded)
    act(client, seeded, "publish")
    act(client, seeded, "clock/start")
    held = whole_section(client, seeded, "Ana Souza")
    assert 'data-view="round-1-now"' in held
    for step, key, phase in (
        ("clock/pause", "round-1-now", "paused"),
        ("clock/end-round", "round-2-next", "between"),
        ("clock/break", "round-2-next", "break"),
        ("clock/next", "round-2-now", "running"),
        ("clock/next", "round-3-now", "running"),
    ):
        assert (
            act(
                client,
                seeded,
                step,
                {"minutes": "5", "confirm": "yes"} if step == "clock/break" else {"confirm": "yes"},
            ).status_code
            == 303
        )
        now = whole_section(client, seeded, "Ana Souza")
        assert f'data-view="{key}"' in now
        # The view held since round 1 and the clock line for the phase are what the server shows now.
        assert same_apart_from_the_clock(prepared(held, key), shown(now)), step
        [line] = CLOCK_LINE.findall(shown(now))
        assert without_numbers(clock_line_template(held, phase)) == without_numbers(line), step
    act(client, seeded, "clock/end-round", {"confirm": "yes"})
    assert "That's all the rounds" in section(client, seeded, "Ana Souza")
    assert "That's all the rounds" not in held  # the people met are sent only at the end
