from __future__ import annotations

from datetime import UTC, datetime
from uuid import uuid4

from service.db.models import Attendee
from service.rounds.clock import BETWEEN, BREAK, FINISHED, PAUSED, RUNNING, WAITING, ClockState
from service.rounds.live_state import view_key
from service.rounds.phone import attendee_rounds, names_in_words, openers, prepared_attendee_views
from service.rounds.seating import Seating, table_sort_key

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
    view = attendee_rounds(
        ana, Seating.from_stored(rounds), ClockState(phase=RUNNING, round_number=1, ends_at=NOW), people, NOW
    )
    assert view.now is not None and view.now_is_under_way
    assert (view.now.table, view.now.partner_names) == ("1", "Ben")
    assert [(s.round_number, s.table) for s in view.later] == [(3, "3")]
    between = attendee_rounds(ana, Seating.from_stored(rounds), ClockState(phase=BETWEEN, round_number=1), people, NOW)
    assert between.now is not None and between.now.table is None and not between.now_is_under_way
    assert attendee_rounds(ana, None, ClockState(), people, NOW).published is False


def test_the_phone_lists_who_was_met_without_contacts() -> None:
    # Contacts are shared only when both want to keep in touch (service/followup), never here.
    ana = person("Ana")
    ben = person("Ben", contact="ben@example.org", share_contact=True, affiliation="Acme")
    cy = person("Cy", contact="cy@example.org", share_contact=False)
    a, b, c = str(ana.id), str(ben.id), str(cy.id)
    rounds = [[{"table": "1", "members": [a, b, c]}], [{"table": "1", "members": [a, b, c]}]]
    view = attendee_rounds(
        ana, Seating.from_stored(rounds), ClockState(phase=FINISHED, round_number=2), {b: ben, c: cy}, NOW
    )
    assert view.finished
    assert [(m.name, m.affiliation) for m in view.met] == [("Ben", "Acme"), ("Cy", "")]


def test_a_phone_holds_the_same_view_the_server_shows_for_every_round() -> None:
    ana, ben, cy, dee = person("Ana"), person("Ben"), person("Cy"), person("Dee")
    a, b, c, d = (str(p.id) for p in (ana, ben, cy, dee))
    rounds = [
        [{"table": "1", "members": [a, b]}, {"table": "2", "members": [c, d]}],
        [{"table": "1", "members": [b, c, d]}],
        [{"table": "3", "members": [a, c]}, {"table": "4", "members": [b, d]}],
    ]
    people = dict(zip((a, b, c, d), (ana, ben, cy, dee), strict=True))
    prepared = dict(prepared_attendee_views(ana, Seating.from_stored(rounds), people, NOW))
    moments = [
        ClockState(phase=WAITING),
        ClockState(phase=RUNNING, round_number=1, ends_at=NOW),
        ClockState(phase=PAUSED, round_number=2, paused_remaining_seconds=30),
        ClockState(phase=BREAK, round_number=2, ends_at=NOW),
        ClockState(phase=BETWEEN, round_number=1),
        ClockState(phase=RUNNING, round_number=3, ends_at=NOW),
    ]
    for state in moments:
        shown = attendee_rounds(ana, Seating.from_stored(rounds), state, people, NOW)
        held = prepared[view_key(True, state, len(rounds))]
        # Everything but the clock, which the page takes from the notice.
        assert (held.now, held.now_is_under_way, held.later, held.waiting_for_seat) == (
            shown.now,
            shown.now_is_under_way,
            shown.later,
            shown.waiting_for_seat,
        ), state
    assert "finished" not in prepared  # who was met (with contacts) is sent only at the end


def test_openers_repeat_only_what_the_partner_wrote_and_ask_someone_who_wrote_nothing() -> None:
    assert openers(person("Eve")) == ["Eve hasn't filled in a profile yet: ask what brings them here"]
    assert openers(person("Eli", affiliation="City Library")) == [
        "Eli hasn't filled in a profile yet: ask what brings them here",
        "Eli is with City Library: ask what they do there",
    ]
    assert openers(person("Ben", seeks=["a cofounder", "office space"])) == [
        "Ben is looking for a cofounder and office space: maybe you know someone"
    ]
