"""The organiser's rules: the rules page, roles at check-in and edit, the plan and the rounds page."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from uuid import uuid4

from litestar.testing import TestClient
from markupsafe import escape

from service.db.migrate import downgrade, upgrade
from service.db.models import Attendee, Event
from service.rounds.solver_adapter import build_instance
from service.settings import Settings
from tests.factories import (
    plan_and_wait,
    post_form,
    schema_differences,
    seed_event,
    stored_attendees,
    stored_plans,
    table_names,
)

RULES = {"roles": "Founder, investor, mentor,  founder", "role_rules": "founder: investor, mentor"}


def test_the_rules_page_saves_rules_and_refuses_bad_ones(client: TestClient, settings: Settings) -> None:
    event = seed_event(settings, 2)
    rules_path = event.organiser_path + "/rules"
    response = post_form(client, rules_path, {**RULES, "avoid_same_organisation": "1"})
    assert response.status_code == 303 and response.headers["location"] == rules_path + "?saved=1"
    page = client.get(rules_path + "?saved=1").text
    assert "Rules saved" in page
    assert 'value="founder, investor, mentor"' in page
    assert "founder: investor, mentor</textarea>" in page
    assert 'name="avoid_same_organisation" value="1" checked' in page
    for bad, message in (
        ({"roles": "founder", "role_rules": "founder: investor"}, "'investor' is not in the list of roles above"),
        ({"roles": "founder", "role_rules": "founder investor"}, "write it like 'founder: investor, mentor'"),
        ({"roles": ", ".join(f"r{k}" for k in range(13)), "role_rules": ""}, "List at most 12 roles (this has 13)"),
    ):
        response = post_form(client, rules_path, bad)
        assert response.status_code == 400
        assert str(escape(message)) in response.text
    assert 'value="founder, investor, mentor"' in client.get(rules_path).text  # unchanged


def test_attendees_pick_a_role_from_the_list_at_check_in_and_edit(client: TestClient, settings: Settings) -> None:
    event = seed_event(settings, [{"display_name": "Ana"}])
    post_form(client, event.organiser_path + "/rules", RULES)
    form = client.get(f"/c/{event.checkin_code}/?new=1").text
    assert '<select id="f-role" name="role"' in form and '<option value="investor">investor</option>' in form
    response = post_form(client, f"/c/{event.checkin_code}/", {"display_name": "Ben", "role": "pirate"})
    assert response.status_code == 400 and "Choose one of the roles in the list." in response.text
    assert {a.display_name for a in stored_attendees(settings, event.event_id)} == {"Ana"}
    response = post_form(client, f"/a/{event.tokens['Ana']}/edit", {"display_name": "Ana", "role": "Investor"})
    assert response.status_code == 303
    assert stored_attendees(settings, event.event_id)[0].role == "investor"
    assert '<option value="investor" selected>' in client.get(f"/a/{event.tokens['Ana']}/edit").text


def test_a_rule_that_cannot_be_met_is_named_on_the_rounds_page_with_whom(
    client: TestClient, settings: Settings
) -> None:
    people = [{"display_name": n} for n in ("Ana", "Bo", "Cy", "Ida")]
    event = seed_event(settings, people, rounds_count=2)
    post_form(client, event.organiser_path + "/rules", RULES)
    for name, role in (("Ana", "founder"), ("Bo", "founder"), ("Cy", "founder"), ("Ida", "investor")):
        post_form(client, f"/a/{event.tokens[name]}/edit", {"display_name": name, "role": role})
    plan_and_wait(client, event, seconds=1)
    notes = stored_plans(settings, event.event_id)[-1].notes
    broken = [n for n in notes if n.startswith("Rule 'founder meets only investor or mentor' could not be met for ")]
    assert len(broken) == 4  # two of the three founders each round
    page = client.get(event.rounds_path + "/").text
    assert "Rules that could not be met" in page
    assert str(escape(broken[0])) in page


def test_colleagues_are_kept_apart_when_the_organiser_asks(client: TestClient, settings: Settings) -> None:
    people = [
        {"display_name": "Ana", "affiliation": "Acme Ltd"},
        {"display_name": "Bo", "affiliation": "  ACME   ltd "},
        {"display_name": "Cy", "affiliation": "Other"},
        {"display_name": "Di"},
    ]
    event = seed_event(settings, people, rounds_count=3)
    post_form(client, event.organiser_path + "/rules", {"avoid_same_organisation": "1", "roles": "", "role_rules": ""})
    plan_and_wait(client, event, seconds=1)
    draft = stored_plans(settings, event.event_id)[-1]
    assert not any({event.ids["Ana"], event.ids["Bo"]} <= set(g["members"]) for r in draft.rounds for g in r)


def test_build_instance_passes_marks_and_rules_to_the_solver() -> None:
    now = datetime(2026, 12, 3, tzinfo=UTC)
    ana, ben = (Attendee(id=uuid4(), display_name=n, checked_in_at=now, present=True) for n in ("Ana", "Ben"))
    ana.affiliation, ana.role, ben.role = "Acme", "founder", "investor"
    for a in (ana, ben):
        a.interests, a.offers, a.seeks = [], [], []
    event = Event(format="pairs", avoid_same_organisation=True, role_rules={"founder": ["investor"]})
    a, b = str(ana.id), str(ben.id)
    instance = build_instance(
        event,
        [ana, ben],
        total_rounds=1,
        time_limit_seconds=1,
        wishes=frozenset({(a, b), (a, "gone")}),
        declined=frozenset({frozenset((a, b)), frozenset((b, "gone"))}),
    )
    assert instance.wishes == {(a, b)} and instance.declined == {frozenset((a, b))}
    assert instance.avoid_same_organisation and instance.role_rules == {"founder": frozenset({"investor"})}
    assert (instance.people[0].organisation, instance.people[0].role) == ("Acme", "founder")


def sqlite_columns(settings: Settings, table: str) -> set[str]:
    with sqlite3.connect(settings.data_dir / "mingle.sqlite3") as connection:
        return {row[1] for row in connection.execute(f"pragma table_info({table})")}


def test_0007_goes_down_to_0006_and_up_again_on_sqlite_keeping_people(settings: Settings) -> None:
    event = seed_event(settings, [{"display_name": "Ana"}])
    assert "role" in sqlite_columns(settings, "attendee")
    downgrade(settings, "0006")
    assert "role" not in sqlite_columns(settings, "attendee")
    assert "roles" not in sqlite_columns(settings, "event")
    assert not sqlite_columns(settings, "attendee_mark")
    upgrade(settings)
    assert {"avoid_same_organisation", "roles", "role_rules"} <= sqlite_columns(settings, "event")
    assert [a.display_name for a in stored_attendees(settings, event.event_id)] == ["Ana"]


def test_the_preferences_schema_matches_the_models(settings: Settings) -> None:
    mine = ("attendee_mark", "role", "avoid_same_organisation", "roles")
    assert [op for op in schema_differences(settings) if any(word in repr(op) for word in mine)] == []


def test_0007_goes_up_and_down_on_postgres(postgres_settings: Settings) -> None:
    assert "attendee_mark" in table_names(postgres_settings)
    downgrade(postgres_settings, "0006")
    assert "attendee_mark" not in table_names(postgres_settings)
    upgrade(postgres_settings)
    event = seed_event(postgres_settings, [{"display_name": "Ana"}])
    assert stored_attendees(postgres_settings, event.event_id)[0].role == ""


def test_the_settings_page_links_to_the_rules(client: TestClient, settings: Settings) -> None:
    event = seed_event(settings, 1)
    page = client.get(event.organiser_path + "/settings").text
    assert page.count(f'href="/o/{event.organiser_token}/rules"') == 1
    assert "<title>Settings · Test Meetup</title>" in page
