"""Attendees' marks through the pages: listed before rounds, changeable, private, honoured by real plans."""

from __future__ import annotations

import re

from litestar.testing import TestClient
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from service.preferences.models import AttendeeMark
from service.rounds.models import PUBLISHED
from service.settings import Settings
from tests.factories import SeededEvent, in_session, plan_and_wait, post_form, seed_event, store_plan, stored_plans

FOUR = [
    {"display_name": "Ana", "offers": ["fundraising"], "seeks": ["kubernetes"], "interests": ["climate tech"]},
    {"display_name": "Ben", "offers": ["kubernetes"], "seeks": ["fundraising"], "interests": ["climate tech"]},
    {"display_name": "Cy", "offers": ["design"], "seeks": ["fundraising"], "interests": ["climate tech"]},
    {"display_name": "Di", "offers": ["hiring"], "seeks": ["design"], "interests": ["climate tech"]},
]


def mark(client: TestClient, event: SeededEvent, who: str, whom: str, choice: str):
    return post_form(client, f"/a/{event.tokens[who]}/mark/{event.ids[whom]}", {"choice": choice})


def suggestion_of(page: str, attendee_id: str) -> str:
    found = re.search(
        rf'<li id="suggest-{attendee_id}">(.*?)</li>\s*(?=<li id="suggest-|</ul>\s*</section>)', page, re.S
    )
    assert found, "the person is not listed"
    return found.group(1)


def test_the_page_lists_people_with_reasons_and_a_mark_can_be_changed_and_cleared(
    client: TestClient, settings: Settings
) -> None:
    event = seed_event(settings, FOUR, rounds_count=3)
    page = client.get(f"/a/{event.tokens['Ana']}/").text
    assert "People you might want to meet" in page
    assert "Ben can help you with kubernetes" in suggestion_of(page, event.ids["Ben"])
    response = mark(client, event, "Ana", "Ben", "meet")
    assert response.status_code == 303
    assert response.headers["location"] == f"/a/{event.tokens['Ana']}?marked=1#suggest-{event.ids['Ben']}"
    page = client.get(f"/a/{event.tokens['Ana']}/?marked=1").text
    assert "Your choice: <strong>I&#39;d like to meet</strong>" in suggestion_of(page, event.ids["Ben"])
    assert 'role="status" aria-live="polite">Saved.' in page
    mark(client, event, "Ana", "Ben", "skip")
    assert "Your choice: <strong>Not this time</strong>" in suggestion_of(
        client.get(f"/a/{event.tokens['Ana']}/").text, event.ids["Ben"]
    )
    mark(client, event, "Ana", "Ben", "clear")
    assert "Your choice" not in suggestion_of(client.get(f"/a/{event.tokens['Ana']}/").text, event.ids["Ben"])


def test_bad_marks_are_refused_and_change_nothing(client: TestClient, settings: Settings) -> None:
    event = seed_event(settings, FOUR)
    assert mark(client, event, "Ana", "Ben", "hate").status_code == 400
    assert post_form(client, f"/a/{event.tokens['Ana']}/mark/not-an-id", {"choice": "meet"}).status_code == 404
    assert post_form(client, f"/a/{event.tokens['Ana']}/mark/{event.ids['Ana']}", {"choice": "meet"}).status_code == 404
    other = seed_event(settings, [{"display_name": "Elsewhere"}])
    assert (
        post_form(client, f"/a/{event.tokens['Ana']}/mark/{other.ids['Elsewhere']}", {"choice": "meet"}).status_code
        == 404
    )
    assert client.post(f"/a/{event.tokens['Ana']}/mark/{event.ids['Ben']}", data={"choice": "meet"}).status_code == 403
    assert "Your choice" not in client.get(f"/a/{event.tokens['Ana']}/").text


def everything_others_see(client: TestClient, event: SeededEvent) -> list[str]:
    """Every page, JSON and CSV someone other than Ana can open about the event and its people."""
    paths = [
        f"/a/{event.tokens['Ben']}/",
        f"/a/{event.tokens['Ben']}/met",
        f"/a/{event.tokens['Ben']}/met.csv",
        f"/a/{event.tokens['Ben']}/edit",
        f"/p/{event.public_codes['Ana']}",
        f"/p/{event.public_codes['Ben']}",
        event.organiser_path + "/",
        event.organiser_path + "/attendees",
        event.organiser_path + "/export.csv",
        event.organiser_path + "/rounds/",
        event.organiser_path + "/rounds/status",
        event.organiser_path + "/report",
        event.organiser_path + "/rules",
    ]
    seen = []
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, path
        seen.append(response.text)
    return seen


def test_nobody_else_sees_a_mark_on_any_page_json_or_csv(client: TestClient, settings: Settings) -> None:
    event = seed_event(settings, FOUR, rounds_count=3)
    everything_others_see(client, event)  # a first visit claims a personal link and greets once
    before = everything_others_see(client, event)
    for choice, whom in (("meet", "Ben"), ("know", "Cy"), ("skip", "Di")):
        assert mark(client, event, "Ana", whom, choice).status_code == 303
    after = everything_others_see(client, event)
    assert after == before
    assert all("Your choice" not in text for text in after)


def test_a_not_this_time_pair_is_never_seated_together_in_a_real_plan(client: TestClient, settings: Settings) -> None:
    # Four people for three rounds in pairs meet everyone exactly once unless a pair is kept apart.
    event = seed_event(settings, FOUR, rounds_count=3)
    mark(client, event, "Ana", "Ben", "skip")
    mark(client, event, "Cy", "Di", "know")
    state = plan_and_wait(client, event, seconds=2)
    assert state["planning"]["error"] is None
    draft = stored_plans(settings, event.event_id)[-1]
    groups = [set(g["members"]) for groups in draft.rounds for g in groups]
    assert len(groups) == 6
    for a, b in (("Ana", "Ben"), ("Cy", "Di")):
        assert not any({event.ids[a], event.ids[b]} <= g for g in groups)
    # The plan does not name who asked, so the organiser cannot tell.
    assert "asked" not in " ".join(draft.notes)


def test_wishes_bring_people_together_in_a_real_plan(client: TestClient, settings: Settings) -> None:
    people = [{"display_name": name} for name in ("Ana", "Ben", "Cy", "Di", "Ed", "Flo")]
    event = seed_event(settings, people, rounds_count=1)
    mark(client, event, "Ana", "Flo", "meet")
    mark(client, event, "Flo", "Ana", "meet")
    plan_and_wait(client, event, seconds=1)
    draft = stored_plans(settings, event.event_id)[-1]
    assert any({event.ids["Ana"], event.ids["Flo"]} <= set(g["members"]) for g in draft.rounds[0])
    assert draft.objective == 5.0  # a mutual wish: 2.5 times the one-sided 2.0, nothing else in common


def test_deleting_my_data_deletes_my_marks_and_the_marks_on_me(client: TestClient, settings: Settings) -> None:
    event = seed_event(settings, FOUR)
    mark(client, event, "Ana", "Ben", "meet")
    mark(client, event, "Ben", "Ana", "skip")
    mark(client, event, "Cy", "Di", "know")
    assert post_form(client, f"/a/{event.tokens['Ana']}/delete", {"confirm": "1"}).status_code in (200, 303)

    async def left(session: AsyncSession) -> list[tuple[str, str]]:
        rows = await session.execute(select(AttendeeMark.attendee_id, AttendeeMark.other_id))
        return [(str(a), str(b)) for a, b in rows.tuples()]

    assert in_session(settings, left) == [(event.ids["Cy"], event.ids["Di"])]


def test_the_list_goes_once_rounds_are_published(client: TestClient, settings: Settings) -> None:
    event = seed_event(settings, FOUR)
    assert "People you might want to meet" in client.get(f"/a/{event.tokens['Ana']}/").text
    ids = event.ids
    rounds = [[{"table": "1", "members": [ids["Ana"], ids["Ben"]]}, {"table": "2", "members": [ids["Cy"], ids["Di"]]}]]
    store_plan(settings, event.event_id, rounds, PUBLISHED)
    assert "People you might want to meet" not in client.get(f"/a/{event.tokens['Ana']}/").text
