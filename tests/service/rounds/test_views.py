from __future__ import annotations

from datetime import UTC, datetime, timedelta
from uuid import uuid4

from service.db.models import Attendee, Event
from service.rounds.clock import BETWEEN, BREAK, FINISHED, PAUSED, RUNNING, WAITING, ClockState
from service.rounds.views import (
    CLOCK_PHASES,
    attendee_rounds,
    clock_line_templates,
    clock_text,
    countdown,
    display_round,
    live_rounds,
    names_in_words,
    prepared_attendee_views,
    screen_view,
    table_sort_key,
    view_key,
)

NOW = datetime(2026, 11, 25, 19, 0, tzinfo=UTC)


def person(name: str, **fields: object) -> Attendee:
    defaults = {
        "present": True,
        "checked_in_at": NOW,
        "interests": [],
        "offers": [],
        "seeks": [],
        "affiliation": "",
        "contact": "",
        "share_contact": False,
    }
    return Attendee(id=uuid4(), display_name=name, **{**defaults, **fields})


def test_countdown_carries_the_end_time_and_the_servers_now() -> None:
    running = countdown(ClockState(phase=RUNNING, round_number=1, ends_at=NOW + timedelta(seconds=90.2)), NOW)
    assert running.ends_at_ms == int((NOW + timedelta(seconds=90.2)).timestamp() * 1000)
    assert running.server_now_ms == int(NOW.timestamp() * 1000)
    assert (running.remaining_seconds, running.text) == (91, "1:31")
    paused = countdown(ClockState(phase=PAUSED, round_number=1, paused_remaining_seconds=65), NOW)
    assert paused.ends_at_ms is None and paused.text == "1:05"
    assert clock_text(None) == ""


def test_the_room_looks_at_the_round_under_way_else_the_next_one() -> None:
    assert display_round(ClockState(phase=WAITING), 3) == 1
    assert display_round(ClockState(phase=RUNNING, round_number=2), 3) == 2
    assert display_round(ClockState(phase=BREAK, round_number=2), 3) == 3
    assert display_round(ClockState(phase=BETWEEN, round_number=3), 3) is None
    assert display_round(ClockState(phase=FINISHED, round_number=3), 3) is None


def test_names_and_tables_read_naturally() -> None:
    assert names_in_words(["Ana"]) == "Ana"
    assert names_in_words(["Ana", "Ben", "Chloé"]) == "Ana, Ben and Chloé"
    assert sorted(["10", "2", "Patio", "1"], key=table_sort_key) == ["1", "2", "10", "Patio"]


def test_a_phone_sees_now_later_and_a_round_off() -> None:
    ana, ben, cy, dee = person("Ana"), person("Ben"), person("Cy"), person("Dee")
    a, b, c, d = (str(p.id) for p in (ana, ben, cy, dee))
    rounds = [
        [{"table": "1", "members": [a, b]}, {"table": "2", "members": [c, d]}],
        [{"table": "1", "members": [b, c, d]}],
        [{"table": "3", "members": [a, c]}, {"table": "4", "members": [b, d]}],
    ]
    people = dict(zip((a, b, c, d), (ana, ben, cy, dee), strict=True))
    view = attendee_rounds(ana, rounds, ClockState(phase=RUNNING, round_number=1, ends_at=NOW), people, NOW)
    assert view.now is not None and view.now_is_under_way
    assert (view.now.table, view.now.partner_names) == ("1", "Ben")
    assert [(s.round_number, s.table) for s in view.later] == [(3, "3")]
    between = attendee_rounds(ana, rounds, ClockState(phase=BETWEEN, round_number=1), people, NOW)
    assert between.now is not None and between.now.table is None and not between.now_is_under_way
    assert attendee_rounds(ana, None, ClockState(), people, NOW).published is False


def test_the_phone_lists_who_was_met_without_contacts() -> None:
    # Contacts are shared only when both want to keep in touch (service/followup), never here.
    ana = person("Ana")
    ben = person("Ben", contact="ben@example.org", share_contact=True, affiliation="Acme")
    cy = person("Cy", contact="cy@example.org", share_contact=False)
    a, b, c = str(ana.id), str(ben.id), str(cy.id)
    rounds = [[{"table": "1", "members": [a, b, c]}], [{"table": "1", "members": [a, b, c]}]]
    view = attendee_rounds(ana, rounds, ClockState(phase=FINISHED, round_number=2), {b: ben, c: cy}, NOW)
    assert view.finished
    assert [(m.name, m.affiliation) for m in view.met] == [("Ben", "Acme"), ("Cy", "")]


def test_the_projector_sorts_tables_and_its_name_index() -> None:
    event = Event(name="Meetup")
    rounds = [[{"table": "10", "members": ["z", "y"]}, {"table": "2", "members": ["x", "w"]}]]
    names = {"z": "Zoe", "y": "Ana", "x": "Ben", "w": "Ana L."}
    view = screen_view(event, rounds, ClockState(phase=RUNNING, round_number=1, ends_at=NOW), names, NOW)
    assert [(t.label, t.names) for t in view.tables] == [("2", ["Ana L.", "Ben"]), ("10", ["Ana", "Zoe"])]
    assert view.index == [("Ana", "10"), ("Ana L.", "2"), ("Ben", "2"), ("Zoe", "10")]
    assert screen_view(event, None, ClockState(), names, NOW).published is False


def test_the_view_key_names_each_moment_that_looks_different() -> None:
    assert view_key(False, ClockState(), 3) == "unpublished"
    assert view_key(True, ClockState(phase=WAITING), 3) == "round-1-next"
    assert view_key(True, ClockState(phase=RUNNING, round_number=2, ends_at=NOW), 3) == "round-2-now"
    assert view_key(True, ClockState(phase=PAUSED, round_number=2, paused_remaining_seconds=5), 3) == "round-2-now"
    assert view_key(True, ClockState(phase=BETWEEN, round_number=2), 3) == "round-3-next"
    assert view_key(True, ClockState(phase=BREAK, round_number=2, ends_at=NOW), 3) == "round-3-next"
    assert view_key(True, ClockState(phase=FINISHED, round_number=3), 3) == "finished"


def test_the_live_state_is_public_and_carries_the_clock() -> None:
    state = ClockState(phase=BREAK, round_number=1, ends_at=NOW + timedelta(minutes=5))
    live = live_rounds("plan-id", 3, state, NOW)
    assert (live.plan, live.view, live.round_number, live.total_rounds) == ("plan-id", "round-2-next", 2, 3)
    assert live.clock == countdown(state, NOW)
    before = live_rounds("", 0, ClockState(), NOW)
    assert (before.view, before.round_number) == ("unpublished", None)


def test_clock_line_templates_tick_while_running_and_freeze_while_paused() -> None:
    lines = {line.phase: line for line in clock_line_templates()}
    assert tuple(lines) == CLOCK_PHASES
    assert lines[RUNNING].ends_at_ms is not None and lines[BREAK].ends_at_ms is not None
    assert lines[PAUSED].ends_at_ms is None and lines[PAUSED].remaining_seconds is not None
    assert lines[WAITING].remaining_seconds is None and lines[BETWEEN].remaining_seconds is None


def test_a_phone_holds_the_same_view_the_server_shows_for_every_round() -> None:
    ana, ben, cy, dee = person("Ana"), person("Ben"), person("Cy"), person("Dee")
    a, b, c, d = (str(p.id) for p in (ana, ben, cy, dee))
    rounds = [
        [{"table": "1", "members": [a, b]}, {"table": "2", "members": [c, d]}],
        [{"table": "1", "members": [b, c, d]}],
        [{"table": "3", "members": [a, c]}, {"table": "4", "members": [b, d]}],
    ]
    people = dict(zip((a, b, c, d), (ana, ben, cy, dee), strict=True))
    prepared = dict(prepared_attendee_views(ana, rounds, people, NOW))
    moments = [
        ClockState(phase=WAITING),
        ClockState(phase=RUNNING, round_number=1, ends_at=NOW),
        ClockState(phase=PAUSED, round_number=2, paused_remaining_seconds=30),
        ClockState(phase=BREAK, round_number=2, ends_at=NOW),
        ClockState(phase=BETWEEN, round_number=1),
        ClockState(phase=RUNNING, round_number=3, ends_at=NOW),
    ]
    for state in moments:
        shown = attendee_rounds(ana, rounds, state, people, NOW)
        held = prepared[view_key(True, state, len(rounds))]
        # Everything but the clock, which the page takes from the notice.
        assert (held.now, held.now_is_under_way, held.later, held.waiting_for_seat) == (
            shown.now,
            shown.now_is_under_way,
            shown.later,
            shown.waiting_for_seat,
        ), state
    assert "finished" not in prepared  # who was met (with contacts) is sent only at the end
