"""One tap per meeting: answers are optional, changeable, accepted only for meetings that
happened in the plan, and partners' no-shows reach the organiser's dashboard."""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.ext.asyncio import async_sessionmaker

from service.db.config import build_engine
from service.followup.models import MeetingFeedback
from service.settings import Settings
from tests.factories import post_form, run_async
from tests.service.followup.seeding import Client, Event, answer, keep, seed, set_clock


def stored_answers(settings: Settings, event: Event) -> list[tuple[str, str, int, str | None, int | None, str, str]]:
    names = {v: k for k, v in event.ids.items()}

    async def read() -> list[MeetingFeedback]:
        engine = build_engine(settings)
        try:
            async with async_sessionmaker(engine)() as session:
                return list(await session.scalars(select(MeetingFeedback)))
        finally:
            await engine.dispose()

    return sorted(
        (names[str(r.attendee_id)], names[str(r.partner_id)], r.round_number, r.met, r.usefulness, r.note, r.thanks)
        for r in run_async(read())
    )


def test_one_tap_saves_one_answer_and_every_answer_can_change(client: Client, settings: Settings, event: Event) -> None:
    assert (
        answer(client, event, "ana", "ben", 1, met="yes", back="page")
        .headers["location"]
        .endswith(f"{event.page('ana')}#p-{event.ids['ben']}")
    )
    assert answer(client, event, "ana", "ben", 1, useful="3").status_code == 303
    assert stored_answers(settings, event) == [("ana", "ben", 1, "yes", 3, "", "")]
    page = client.get(f"{event.page('ana')}/met").text
    assert 'value="3" class="choice" aria-pressed="true"' in page
    answer(client, event, "ana", "ben", 1, met="no_show")  # changed her mind: no rating is kept
    assert stored_answers(settings, event) == [("ana", "ben", 1, "no_show", None, "", "")]
    answer(client, event, "ana", "ben", 1, useful="2")  # rating it says they met
    answer(client, event, "ana", "ben", 1, met="")  # and answers can be cleared
    assert stored_answers(settings, event) == [("ana", "ben", 1, None, None, "", "")]


def test_notes_stay_private_and_thanks_reach_the_partner(client: Client, settings: Settings, event: Event) -> None:
    answer(client, event, "chloe", "dev", 1, note="Learnt how  to\nhire a designer", thanks="Thank you, <Dev>!")
    assert stored_answers(settings, event) == [
        ("chloe", "dev", 1, None, None, "Learnt how to hire a designer", "Thank you, <Dev>!")
    ]
    dev = client.get(event.page("dev")).text
    assert "Chloé Martin says thank you" in dev and "Thank you, &lt;Dev&gt;!" in dev
    assert "Learnt how" not in dev and "Learnt how" not in client.get(f"{event.page('dev')}/met.csv").text
    assert "Learnt how" in client.get(f"{event.page('chloe')}/met").text


def test_only_meetings_in_the_plan_that_have_started_are_accepted(
    client: Client, settings: Settings, event: Event
) -> None:
    assert answer(client, event, "ana", "chloe", 1, met="yes").status_code == 404  # they met in round 2
    assert answer(client, event, "ana", "ana", 1, met="yes").status_code == 404
    assert answer(client, event, "ana", "ben", 4, met="yes").status_code == 404
    forged = post_form(client, f"{event.page('ana')}/met/{uuid.uuid4()}/rounds/1", {"met": "yes"})
    assert forged.status_code == 404
    set_clock(settings, event.event_id, "running", 1)
    assert answer(client, event, "ana", "chloe", 2, met="yes").status_code == 404  # round 2 has not started
    assert answer(client, event, "ana", "ben", 1, met="yes").status_code == 303  # during round 1 is fine
    assert stored_answers(settings, event) == [("ana", "ben", 1, "yes", None, "", "")]


def test_bad_answers_are_refused_whole_with_a_reason(client: Client, settings: Settings, event: Event) -> None:
    refused = answer(client, event, "ana", "ben", 1, met="yes", useful="5")
    assert refused.status_code == 400 and "1, 2 or 3" in refused.text
    long_note = answer(client, event, "ana", "ben", 1, note="x" * 281)
    assert long_note.status_code == 400 and "at most 280 characters" in long_note.text
    assert answer(client, event, "ana", "ben", 1, met="perhaps").status_code == 400
    assert stored_answers(settings, event) == []
    assert client.post(f"{event.page('ana')}/met/{event.ids['ben']}/rounds/1", data={"met": "yes"}).status_code == 403


def test_the_forms_work_without_javascript(client: Client, event: Event) -> None:
    page = client.get(event.page("ana")).text
    section = page.split('id="followup"', 1)[1]
    form = f'action="{event.page("ana")}/met/{event.ids["ben"]}/rounds/1"'
    assert form in section and 'name="_csrf_token"' in section
    assert 'name="met" value="no_show"' in section and "They didn't show" in section
    assert f'action="{event.page("ana")}/keep/{event.ids["chloe"]}"' in section


def test_no_shows_reported_by_partners_are_offered_to_the_organiser(client: Client, settings: Settings) -> None:
    event = seed(settings, phase="between", round_number=2)
    answer(client, event, "ben", "wang", 2, met="no_show")
    answer(client, event, "dev", "mo", 2, met="no_show")
    answer(client, event, "wang", "mo", 1, met="no_show")
    answer(client, event, "wang", "mo", 1, met="no_show")  # the same person twice counts once
    dashboard = client.get(f"/o/{event.organiser_token}").text
    assert "2 people reported <bdi>محمد الأحمد</bdi> didn't show." in dashboard
    assert "1 person reported <bdi>王小明</bdi> didn't show." in dashboard
    assert dashboard.index("محمد الأحمد</bdi> didn't show") < dashboard.index("王小明</bdi> didn't show")
    marked = post_form(client, f"/o/{event.organiser_token}/attendees/{event.ids['mo']}/presence", {})
    assert marked.status_code == 303
    dashboard = client.get(f"/o/{event.organiser_token}").text
    assert "محمد الأحمد</bdi> didn't show" not in dashboard


def test_answers_and_keep_in_touch_are_rate_limited_per_attendee(client: Client, event: Event) -> None:
    # 60 a minute from one attendee's page: far above a person tapping through their meetings.
    statuses = [answer(client, event, "ana", "ben", 1, useful=str(1 + i % 3)).status_code for i in range(60)]
    assert set(statuses) == {303}
    refused = answer(client, event, "ana", "ben", 1, useful="1")
    assert refused.status_code == 429 and "wait" in refused.text
    assert keep(client, event, "ana", "ben").status_code == 429  # the same budget
    assert answer(client, event, "ben", "ana", 1, useful="3").status_code == 303  # others are not held up
