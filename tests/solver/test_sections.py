import dataclasses
from itertools import combinations

import pytest

from solver import Format, check_plan, plan
from solver.generate import generate
from solver.model import Instance, Table
from solver.tables import sections

FORMAT = Format("tables", 3, 6)


@pytest.fixture
def small_sections(monkeypatch: pytest.MonkeyPatch) -> None:
    """Sections of about 25 from 40 people, so that a sectioned plan is quick to find."""
    monkeypatch.setattr(sections, "SECTION_FROM", 40)
    monkeypatch.setattr(sections, "SECTION_SIZE", 25)


def room(people: int = 60) -> Instance:
    instance = generate(people, 3, seed=people, fmt=FORMAT, time_limit_seconds=1.5)
    ids = [p.id for p in instance.people]
    return dataclasses.replace(
        instance,
        must_not_meet=frozenset({frozenset((ids[0], ids[1])), frozenset((ids[2], ids[3]))}),
        met_before=frozenset({frozenset((ids[4], ids[5]))}),
        wishes=frozenset({(ids[6], ids[7]), (ids[7], ids[6])}),
    )


def test_a_large_room_is_split_into_balanced_sections_of_everyone(small_sections: None) -> None:
    found = sections.sections_of(room())
    assert found is not None and len(found) == 3
    assert sorted(i for section in found for i in section) == list(range(60))
    assert {len(section) for section in found} == {20}
    assert sections.sections_of(room()) == found  # seeded: the same split every time


def test_a_sectioned_plan_is_valid_and_seats_everyone_within_their_section(small_sections: None) -> None:
    instance = room()
    found = sections.sections_of(instance)
    assert found is not None
    section_of = {instance.people[i].id: s for s, section in enumerate(found) for i in section}
    result = plan(instance)
    assert check_plan(instance, result) == []
    assert result.repeats == 0
    assert sections.SECTIONS_NOTE.format(k=3) in result.notes
    everyone = sorted(p.id for p in instance.people)
    seen: set[frozenset[str]] = set()
    for groups in result.rounds:
        assert sorted(m for g in groups for m in g.members) == everyone
        labels = [g.table for g in groups]
        assert len(set(labels)) == len(labels)
        for g in groups:
            assert FORMAT.min_size <= len(g.members) <= FORMAT.max_size
            assert len({section_of[m] for m in g.members}) == 1
            pairs = {frozenset(pair) for pair in combinations(g.members, 2)}
            assert not pairs & seen and not pairs & instance.met_before
            seen |= pairs


def test_progress_adds_up_the_sections(small_sections: None) -> None:
    reports = []
    result = plan(room(), on_progress=reports.append)
    assert reports and reports[-1].objective == pytest.approx(result.objective)


def test_a_section_keeps_only_its_own_pairs_and_wishes(small_sections: None) -> None:
    instance = room()
    ids = [p.id for p in instance.people]
    sub = sections.sub_instance(instance, [0, 1, 2, 4, 6], 1.0)
    assert [p.id for p in sub.people] == [ids[0], ids[1], ids[2], ids[4], ids[6]]
    assert sub.must_not_meet == {frozenset((ids[0], ids[1]))}
    assert sub.met_before == frozenset() and sub.wishes == frozenset()
    assert sub.time_limit_seconds == 1.0


def test_small_rooms_re_plans_pairs_and_physical_tables_are_planned_whole(small_sections: None) -> None:
    assert sections.sections_of(room(39)) is None
    instance = room()
    first = plan(dataclasses.replace(instance, rounds=1)).rounds[0]
    assert sections.sections_of(dataclasses.replace(instance, frozen=(first,))) is None
    assert sections.sections_of(dataclasses.replace(instance, previous=(first,))) is None
    assert sections.sections_of(dataclasses.replace(instance, format=Format())) is None
    tables = tuple(Table(str(k + 1), 6) for k in range(20))
    assert sections.sections_of(dataclasses.replace(instance, format=Format("tables", 3, 6, tables))) is None


def test_sections_that_would_weigh_pairs_differently_are_not_used(
    small_sections: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    # As if meaning were weighed up to 30 people: the room of 60 would not weigh it, any split would.
    monkeypatch.setattr(sections, "weighs_meaning", lambda people: people <= 30)
    assert sections.sections_of(room()) is None
