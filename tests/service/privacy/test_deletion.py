"""Deleting data for good: an attendee from their own page, an event by its organiser.

After each, every table of the metadata is searched for what identified the person (and the raw
database file too: SQLite overwrites deleted rows and the log is emptied)."""

from __future__ import annotations

from uuid import UUID

from litestar import Litestar
from litestar.testing import TestClient

from service.rounds.models import PUBLISHED
from service.settings import Settings
from tests.factories import act, plan_and_wait, post_form, seed_rounds_event, stored_attendees, stored_plans
from tests.service.privacy.traces import needles_for, table_names, traces_in_files, traces_in_tables

Client = TestClient[Litestar]


def members_of(plan_rounds: list[list[dict[str, object]]]) -> set[str]:
    return {str(m) for groups in plan_rounds for g in groups for m in g["members"]}  # type: ignore[attr-defined]


def test_an_attendee_deletes_their_own_data_and_nothing_of_theirs_remains(client: Client, settings: Settings) -> None:
    seeded = seed_rounds_event(settings)
    other_event = seed_rounds_event(settings, people=[{"display_name": "Zed Elsewhere"}])
    plan_and_wait(client, seeded, seconds=1)
    assert act(client, seeded, "publish").status_code == 303
    ben = next(a for a in stored_attendees(settings, seeded.event_id) if a.display_name == "Ben Okafor")
    assert ben.contact and str(ben.id) in members_of(stored_plans(settings, seeded.event_id)[-1].rounds)
    page = f"/a/{ben.token}"
    assert traces_in_tables(settings, needles_for(ben)) != []  # what the search below must not find
    assert traces_in_files(settings, [ben.display_name]) != []
    assert 'href="/a/' + ben.token + '/delete"' in client.get(page).text

    confirm = client.get(page + "/delete")
    assert confirm.status_code == 200 and "This cannot be undone" in confirm.text
    unconfirmed = post_form(client, page + "/delete", {})
    assert unconfirmed.status_code == 400 and "Tick the box" in unconfirmed.text
    assert len(stored_attendees(settings, seeded.event_id)) == 6

    done = post_form(client, page + "/delete", {"confirm": "yes"})
    assert done.status_code == 200 and "Your data is deleted" in done.text
    assert (
        f'mingle_me_{seeded.checkin_code}=""' in done.headers["set-cookie"] or "Max-Age=0" in done.headers["set-cookie"]
    )

    needles = needles_for(ben)
    assert traces_in_tables(settings, needles) == []
    assert traces_in_files(settings, [*needles, UUID(str(ben.id)).bytes]) == []
    for path in (page, page + "/edit", page + "/rounds", f"/p/{ben.public_code}"):
        assert client.get(path).status_code == 404, path

    # The others keep their seats and their tables (one person fewer at Ben's).
    remaining = stored_attendees(settings, seeded.event_id)
    assert sorted(a.display_name for a in remaining) == sorted(set(seeded.ids) - {"Ben Okafor"})
    published = next(p for p in stored_plans(settings, seeded.event_id) if p.status == PUBLISHED)
    assert members_of(published.rounds) == {str(a.id) for a in remaining}
    assert len(published.rounds) == 3
    assert str(ben.id) not in published.person_values
    for person in remaining:
        assert client.get(f"/a/{person.token}").status_code == 200
    assert client.get(seeded.rounds_path).status_code == 200
    assert client.get(f"/s/{seeded.screen_code}").status_code == 200
    assert [a.display_name for a in stored_attendees(settings, other_event.event_id)] == ["Zed Elsewhere"]

    # Planning again from here works with the plan as it was left.
    plan_and_wait(client, seeded, seconds=1)
    assert act(client, seeded, "publish").status_code == 303


def test_the_organiser_deletes_the_event_with_everything_in_it(client: Client, settings: Settings) -> None:
    seeded = seed_rounds_event(settings)
    kept = seed_rounds_event(settings, people=[{"display_name": "Zed Elsewhere", "contact": "zed@example.org"}])
    plan_and_wait(client, seeded, seconds=1)
    assert act(client, seeded, "publish").status_code == 303
    people = stored_attendees(settings, seeded.event_id)
    organiser = f"/o/{seeded.organiser_token}"
    assert traces_in_files(settings, [p.contact for p in people if p.contact]) != []
    assert "Delete the event" in client.get(organiser + "/privacy").text

    for typed in ("", "Another Meetup"):
        refused = post_form(client, organiser + "/delete", {"confirm_name": typed})
        assert refused.status_code == 400 and "Nothing was deleted" in refused.text
    assert len(stored_attendees(settings, seeded.event_id)) == 6

    done = post_form(client, organiser + "/delete", {"confirm_name": "  test   MEETUP "})
    assert done.status_code == 200 and "Event deleted" in done.text

    needles = [seeded.organiser_token, seeded.checkin_code, seeded.screen_code, str(seeded.event_id)]
    for person in people:
        needles += needles_for(person)
    assert traces_in_tables(settings, needles) == []
    assert traces_in_files(settings, [*needles, *(UUID(str(p.id)).bytes for p in people)]) == []
    for path in (organiser, organiser + "/rounds", f"/c/{seeded.checkin_code}", f"/s/{seeded.screen_code}"):
        assert client.get(path).status_code == 404, path
    assert {"event", "attendee", "round_plan", "round_clock"} <= table_names()
    [survivor] = stored_attendees(settings, kept.event_id)
    assert (survivor.display_name, survivor.contact) == ("Zed Elsewhere", "zed@example.org")
    assert client.get(f"/o/{kept.organiser_token}").status_code == 200


def test_deleting_needs_the_form_token(client: Client, settings: Settings) -> None:
    seeded = seed_rounds_event(settings)
    token = seeded.tokens["Ana Souza"]
    assert client.post(f"/a/{token}/delete", data={"confirm": "yes"}).status_code == 403
    assert client.post(f"/o/{seeded.organiser_token}/delete", data={"confirm_name": "Test Meetup"}).status_code == 403
    assert len(stored_attendees(settings, seeded.event_id)) == 6
