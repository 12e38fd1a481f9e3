"""The organiser's report, checked against a seeded event whose answers are known: every figure
is an exact number worked out by hand from the answers below."""

from __future__ import annotations

import csv
import io
from collections import Counter
from datetime import UTC, date, datetime, timedelta

import pytest

from service.db.models import Event as EventRow
from service.followup.report import over_time
from service.settings import Settings
from tests.factories import seed_event
from tests.service.followup.seeding import Client, Event, answer, give_answers, report_of, seed, set_clock


@pytest.fixture
def answered(client: Client, event: Event) -> Event:
    give_answers(client, event)
    return event


def test_every_figure_of_the_report(settings: Settings, answered: Event) -> None:
    r = report_of(settings, answered)
    assert (r.checked_in, r.seated, r.meetings_planned, r.meetings_started) == (6, 6, 9, 9)
    assert (r.held, r.not_held, r.unanswered) == (5, 1, 3)
    assert (r.answered, r.sides, r.answer_rate) == (9, 18, 0.5)
    assert (r.useful_people, r.useful_share) == (3, 0.5)  # Ana, Ben, Chloé
    assert (r.connections, r.notes_written, r.thanks_sent) == (2, 2, 1)  # Ana–Ben by their ticks, Chloé–Dev
    assert r.help_given == [("fundraising", 1), ("kubernetes", 1)]
    v = r.values
    assert (v.count, v.minimum, v.p10, v.median, v.mean, v.maximum) == (6, 0.5, 0.5, 1.5, 1.75, 3.0)
    assert [n for _, n in v.bins] == [1, 0, 1, 0, 1, 0, 1, 0, 1, 1]
    per_round = [(f.round_number, f.planned, f.held, f.not_held, f.answered, f.sides) for f in r.rounds]
    assert per_round == [(1, 3, 1, 1, 3, 6), (2, 3, 2, 0, 3, 6), (3, 3, 2, 0, 3, 6)]
    assert [dict(f.usefulness) for f in r.rounds] == [{3: 1, 2: 1}, {1: 1, 3: 1}, {2: 1}]
    assert r.connections_over_time == [("Event day", 2)]  # the event is today: the later periods are to come


def test_the_report_page_shows_the_same_figures(client: Client, answered: Event) -> None:
    html = client.get(f"/o/{answered.organiser_token}/report").text
    for text in (
        '<span class="number">6</span> people checked in',
        '<span class="number">9</span> meetings planned',
        '<span class="number">5</span> held <span class="muted">· 1 not held · 3 not answered',
        '<span class="number">50 %</span> answer rate <span class="muted">(9 of 18 answers)',
        "(3 of 6)",
        '<span class="number">2</span> mutual connections',
        '<span class="number">2</span> notes written <span class="muted">· 1 thank-you notes',
        "<tr><td>fundraising</td><td>1</td></tr>",
        "lowest 0.50, bottom 10 % up to 0.50",
        "median 1.50, mean 1.75, highest 3.00",
    ):
        assert text in html, text
    assert html.count("<svg viewBox") == 3 and "@media print" in html
    assert "Got two investor intros" not in html  # private notes are counted, never shown


def test_the_meetings_csv_has_every_meeting_with_its_outcome(client: Client, answered: Event) -> None:
    response = client.get(f"/o/{answered.organiser_token}/report/meetings.csv")
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert len(rows) == 9
    assert Counter(row["outcome"] for row in rows) == {"held": 5, "not held": 1, "not answered": 3}
    connected = {frozenset((row["person_a"], row["person_b"])) for row in rows if row["keep_in_touch"] == "both"}
    assert connected == {frozenset(("Ana Souza", "Ben Okafor")), frozenset(("Chloé Martin", "Dev Patel"))}
    for row in rows:
        if row["keep_in_touch"] != "both":
            assert row["contact_a"] == row["contact_b"] == ""


def test_during_the_event_only_started_rounds_count(client: Client, settings: Settings) -> None:
    event = seed(settings, phase="between", round_number=1)
    answer(client, event, "ana", "ben", 1, met="yes")
    r = report_of(settings, event)
    assert (r.meetings_planned, r.meetings_started, r.held, r.unanswered, r.sides) == (9, 3, 1, 2, 6)
    assert [f.started for f in r.rounds] == [True, False, False]
    assert "Not started" in client.get(f"/o/{event.organiser_token}/report").text
    set_clock(settings, event.event_id, "waiting", 0)
    assert report_of(settings, event).meetings_started == 0


def test_an_event_without_a_plan_has_an_empty_report(client: Client, settings: Settings) -> None:
    seeded = seed_event(settings, people=3)
    response = client.get(f"/o/{seeded.organiser_token}/report")
    assert response.status_code == 200 and "No plan is published yet." in response.text
    assert client.get("/o/not-a-token/report").status_code == 404


def test_connections_over_time_are_counted_for_the_periods_that_have_begun() -> None:
    event = EventRow(name="Meetup", starts_at=datetime(2026, 3, 1, 18, tzinfo=UTC))
    made = [datetime(2026, 3, day, 12, tzinfo=UTC) for day in (1, 1, 2, 6, 20)] + [None]  # None: by the ticks
    periods = ["Event day", "Day 1", "Days 2–7", "Days 8–30", "Later"]
    by_day = {day: over_time(made, event, date(2026, 3, 1) + timedelta(days=day - 1)) for day in (1, 2, 5, 9, 31, 32)}
    assert by_day[1] == [("Event day", 3)]
    assert by_day[2] == [("Event day", 3), ("Day 1", 4)]
    assert by_day[5] == [("Event day", 3), ("Day 1", 4), ("Days 2–7", 5)]
    assert by_day[9] == list(zip(periods[:4], [3, 4, 5, 6], strict=True))
    assert by_day[31] == list(zip(periods[:4], [3, 4, 5, 6], strict=True))  # day 30 after the event
    assert by_day[32] == list(zip(periods, [3, 4, 5, 6, 6], strict=True))
