import uuid

import pytest

from service.db.models import Attendee, Event
from service.printing.badges import badge_sheets, first_name_of, name_sort_key, share_lines
from service.printing.fit import ELLIPSIS
from service.printing.geometry import COLUMN_GAP_MM, MIN_QR_MM, NOT_SEATED
from service.printing.layouts import LAYOUTS, PaperLayout
from tests.factories import make_settings


def person(name: str, **fields: object) -> Attendee:
    profile: dict[str, object] = {"pronouns": "", "affiliation": "", "interests": [], "offers": [], "seeks": []}
    return Attendee(id=uuid.uuid4(), token=f"token-{name}", display_name=name, **{**profile, **fields})


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


@pytest.mark.parametrize("count", [1, 7, 50])
@pytest.mark.parametrize("layout", LAYOUTS.values(), ids=lambda layout: layout.key)
def test_sheets_hold_as_many_badges_as_the_stock_has_labels(layout: PaperLayout, count: int, tmp_path) -> None:
    event = Event(name="Meetup")
    people = [person(f"Person {i:02d}", interests=["climate tech"]) for i in range(count)]
    sheets = badge_sheets(event, people, layout, make_settings(tmp_path)).sheets
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
    sheets = badge_sheets(Event(name="Meetup"), [ana], LAYOUTS["avery-5392"], make_settings(tmp_path)).sheets
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
    run = badge_sheets(Event(name="M"), people, LAYOUTS["avery-5395"], make_settings(tmp_path), seats)
    assert run.geometry.rounds_rows == 1 and not run.rounds_left_out
    assert [b.rounds for b in run.sheets[0].badges] == [
        [[("1", "1"), ("2", "2"), ("3", "3")]],
        [[("1", NOT_SEATED), ("2", "2"), ("3", "1")]],
    ]


LONG_NAME = "Maximiliane Alexandra von Hohenberg-Wittelsbach"
TWENTY_ROUNDS = [str(10 + n) for n in range(20)]


def only_badge(tmp_path, layout: str, someone: Attendee, seats: list[str] | None = None):  # type: ignore[no-untyped-def]
    by_id = {str(someone.id): seats} if seats else None
    run = badge_sheets(Event(name="Meetup"), [someone], LAYOUTS[layout], make_settings(tmp_path), by_id)
    return run.geometry, run.sheets[0].badges[0]


def test_two_interests_that_fit_are_printed_whole_on_an_avery_5392(tmp_path) -> None:
    _, badge = only_badge(tmp_path, "avery-5392", person("Ana", interests=["climate tech", "b2b sales"]))
    assert [p.text for p in badge.points] == ["climate tech, b2b sales"]


@pytest.mark.parametrize("layout", LAYOUTS.values(), ids=lambda layout: layout.key)
def test_a_long_full_name_takes_a_second_line_from_the_body_and_the_qr_code_keeps_its_minimum(
    layout: PaperLayout, tmp_path
) -> None:
    geometry, badge = only_badge(tmp_path, layout.key, person(LONG_NAME, interests=["climate tech"]))
    assert badge.name_line.text == LONG_NAME
    assert badge.name_line.lines >= 1
    assert badge.body_height == pytest.approx(
        geometry.body_height - (badge.name_line.lines - 1) * geometry.detail_height
    )
    assert MIN_QR_MM <= badge.qr_side <= geometry.qr_side
    assert badge.qr_side + geometry.caption_height <= badge.body_height + 1e-9
    assert badge.points_width == pytest.approx(geometry.content_width - badge.qr_side - COLUMN_GAP_MM)


def test_the_long_name_prints_largest_on_a6(tmp_path) -> None:
    sizes = {key: only_badge(tmp_path, key, person(LONG_NAME))[1].name_line.size_pt for key in LAYOUTS}
    assert sizes["a6"] > max(size for key, size in sizes.items() if key != "a6")


def test_with_no_room_left_a_long_name_is_cut_after_a_whole_word(tmp_path) -> None:
    longer = f"{LONG_NAME} und Trapp-Lichtenstein"
    geometry, badge = only_badge(tmp_path, "avery-5395", person(longer), TWENTY_ROUNDS)
    assert geometry.rounds_rows == 2 and badge.rounds
    assert badge.name_line.lines == 1 and badge.name_line.text.endswith(ELLIPSIS)
    assert longer.startswith(badge.name_line.text[:-1])
    assert longer[len(badge.name_line.text) - 1] in " -"


def test_a_long_affiliation_wraps_only_where_the_talking_points_lose_nothing(tmp_path) -> None:
    affiliation = "International Federation of Extremely Long Organisation Names and Associated Bodies"
    _, roomy = only_badge(tmp_path, "avery-5392", person("Ana", affiliation=affiliation))
    assert roomy.affiliation.text == affiliation and roomy.affiliation.lines == 2
    many = [f"topic number {n} with a few words" for n in range(12)]
    _, crowded = only_badge(tmp_path, "avery-5392", person("Ben", affiliation=affiliation, interests=many))
    assert crowded.affiliation.lines == 1 and crowded.affiliation.text.endswith(ELLIPSIS)
    assert sum(p.lines for p in crowded.points) == 9  # every line of the body went to the talking points


def test_rounds_that_cannot_fit_the_label_are_left_out_and_said_so(tmp_path) -> None:
    people = [person("Ana"), person("Ben")]
    long_tables = [f"Garden terrace {n}" for n in range(20)]
    seats = {str(p.id): long_tables for p in people}
    small = badge_sheets(Event(name="M"), people, LAYOUTS["avery-5395"], make_settings(tmp_path), seats)
    assert small.rounds_left_out and small.geometry.rounds_rows == 0
    assert all(b.rounds == [] for b in small.sheets[0].badges)
    large = badge_sheets(Event(name="M"), people, LAYOUTS["a6"], make_settings(tmp_path), seats)
    assert not large.rounds_left_out and all(b.rounds for s in large.sheets for b in s.badges)


@pytest.mark.parametrize("layout", LAYOUTS.values(), ids=lambda layout: layout.key)
def test_the_first_name_is_never_cut(layout: PaperLayout, tmp_path) -> None:
    _, badge = only_badge(tmp_path, layout.key, person("Maximiliana-Konstantina Wolkenstein"))
    assert badge.first_name.text == "Maximiliana-Konstantina"


def test_sheets_are_drawn_when_reached_and_list_everyone_in_print_order(tmp_path) -> None:
    layout = LAYOUTS["a4-8"]
    people = [person(f"Person {i:02d}") for i in reversed(range(20))]
    sheets = badge_sheets(Event(name="Meetup"), people, layout, make_settings(tmp_path)).sheets
    drawn = [str(b.attendee.id) for s in sheets for b in s.badges]
    assert sheets.attendee_ids == drawn == [str(p.id) for p in reversed(people)]
    assert [s.number for s in sheets] == [1, 2, 3] and sheets[-1].number == 3
    assert [s.number for s in sheets[1:]] == [2, 3]
    with pytest.raises(IndexError):
        sheets[3]
