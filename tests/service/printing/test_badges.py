import uuid

import pytest

from service.db.models import Attendee, Event
from service.printing.badges import (
    MIN_QR_MM,
    NOT_SEATED,
    RULE_GAP_MM,
    BadgeGeometry,
    badge_geometry,
    badge_sheets,
    first_name_of,
    name_sort_key,
    rounds_rows_for,
    share_lines,
)
from service.printing.layouts import LAYOUTS, PaperLayout
from tests.factories import make_settings


def person(name: str, **fields: object) -> Attendee:
    profile: dict[str, object] = {"pronouns": "", "affiliation": "", "interests": [], "offers": [], "seeks": []}
    return Attendee(id=uuid.uuid4(), token=f"token-{name}", display_name=name, **{**profile, **fields})


def stacked_height(layout: PaperLayout, g: BadgeGeometry) -> float:
    return (
        2 * layout.type.padding_mm
        + g.event_height
        + g.first_name_height
        + 2 * g.detail_height
        + RULE_GAP_MM
        + g.body_height
        + g.rounds_height
    )


@pytest.mark.parametrize("rounds_rows", [0, 1, 2])
@pytest.mark.parametrize("layout", LAYOUTS.values(), ids=lambda layout: layout.key)
def test_badge_parts_fill_the_label_without_spilling(layout: PaperLayout, rounds_rows: int) -> None:
    g = badge_geometry(layout, rounds_rows)
    assert stacked_height(layout, g) == pytest.approx(layout.label_height_mm)
    assert g.qr_side >= MIN_QR_MM and g.qr_side <= g.body_height
    assert g.points_width > 25
    assert g.points_lines >= 3
    assert g.points_lines * g.points_line <= g.body_height


def test_people_are_sorted_by_name_whatever_the_case_and_accents() -> None:
    names = ["émile Zola", "Zoë", "Ana", "ben", "Élodie", "Chloé"]
    ordered = [a.display_name for a in sorted((person(n) for n in names), key=name_sort_key)]
    assert ordered == ["Ana", "ben", "Chloé", "Élodie", "émile Zola", "Zoë"]


def test_first_name_is_the_first_word() -> None:
    assert first_name_of("  Ana María López ") == "Ana"
    assert first_name_of("王小明") == "王小明"


def test_lines_are_shared_in_turn_so_no_point_crowds_out_the_others() -> None:
    assert share_lines([10, 1, 1], 6) == [4, 1, 1]
    assert share_lines([1, 1, 1], 6) == [1, 1, 1]
    assert share_lines([5, 5, 5], 7) == [3, 2, 2]
    assert share_lines([2, 2], 0) == [0, 0]


def test_rounds_wrap_into_rows_and_show_a_dash_where_someone_sits_out() -> None:
    seats = ["4", "", "12", "7", "1", "2", "3", "9", "10", "11"]
    wide = rounds_rows_for(seats, width_mm=200, size_pt=8)
    assert wide == [
        [
            ("1", "4"),
            ("2", NOT_SEATED),
            ("3", "12"),
            ("4", "7"),
            ("5", "1"),
            ("6", "2"),
            ("7", "3"),
            ("8", "9"),
            ("9", "10"),
            ("10", "11"),
        ]
    ]
    narrow = rounds_rows_for(seats, width_mm=40, size_pt=8)
    assert len(narrow) > 1
    assert [cell for row in narrow for cell in row] == wide[0]
    assert rounds_rows_for([], width_mm=40, size_pt=8) == []


@pytest.mark.parametrize("count", [1, 7, 50])
@pytest.mark.parametrize("layout", LAYOUTS.values(), ids=lambda layout: layout.key)
def test_sheets_hold_as_many_badges_as_the_stock_has_labels(layout: PaperLayout, count: int, tmp_path) -> None:
    event = Event(name="Meetup")
    people = [person(f"Person {i:02d}", interests=["climate tech"]) for i in range(count)]
    _, _, sheets = badge_sheets(event, people, layout, make_settings(tmp_path))
    assert len(sheets) == -(-count // layout.per_sheet)
    assert all(len(s.badges) == layout.per_sheet for s in sheets[:-1])
    placed = [b.attendee.display_name for s in sheets for b in s.badges]
    assert placed == sorted(placed)
    first = sheets[0].badges[0]
    assert (first.left_mm, first.top_mm) == layout.label_origin_mm(0)


def test_a_badge_carries_the_profile_shortened_to_its_lines(tmp_path) -> None:
    ana = person(
        "Ana María López",
        pronouns="she/her",
        affiliation="Climate Co",
        interests=["climate tech", "fundraising"],
        offers=["pitch decks"],
        seeks=[],
    )
    _, _, sheets = badge_sheets(Event(name="Meetup"), [ana], LAYOUTS["avery-5392"], make_settings(tmp_path))
    badge = sheets[0].badges[0]
    assert badge.first_name.text == "Ana"
    assert badge.name_line.text == "Ana María López · she/her"
    assert badge.affiliation.text == "Climate Co"
    assert [(p.label, p.text) for p in badge.points] == [
        ("Ask me about", "climate tech, fundraising"),
        ("I can help with", "pitch decks"),
    ]
    assert badge.rounds == []


def test_printed_rounds_reserve_room_on_every_badge(tmp_path) -> None:
    people = [person("Ana"), person("Ben")]
    seats = {str(people[0].id): ["1", "2", "3"], str(people[1].id): ["", "2", "1"]}
    geometry, _, sheets = badge_sheets(Event(name="M"), people, LAYOUTS["avery-5395"], make_settings(tmp_path), seats)
    assert geometry.rounds_rows == 1
    assert [b.rounds for b in sheets[0].badges] == [
        [[("1", "1"), ("2", "2"), ("3", "3")]],
        [[("1", NOT_SEATED), ("2", "2"), ("3", "1")]],
    ]


def test_sheets_are_drawn_when_reached_and_list_everyone_in_print_order(tmp_path) -> None:
    layout = LAYOUTS["a4-8"]
    people = [person(f"Person {i:02d}") for i in reversed(range(20))]
    _, _, sheets = badge_sheets(Event(name="Meetup"), people, layout, make_settings(tmp_path))
    drawn = [str(b.attendee.id) for s in sheets for b in s.badges]
    assert sheets.attendee_ids == drawn == [str(p.id) for p in reversed(people)]
    assert [s.number for s in sheets] == [1, 2, 3] and sheets[-1].number == 3
    assert [s.number for s in sheets[1:]] == [2, 3]
    with pytest.raises(IndexError):
        sheets[3]
