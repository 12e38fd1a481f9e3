import pytest

from service.printing.geometry import (
    MIN_QR_MM,
    NOT_SEATED,
    ROUNDS_MIN_PT,
    RULE_GAP_MM,
    BadgeGeometry,
    badge_geometry,
    geometry_with_name,
    rounds_pt_for,
    rounds_rows_for,
)
from service.printing.layouts import LAYOUTS, PaperLayout

TWENTY_ROUNDS = [str(10 + n) for n in range(20)]  # the most an event may have, at two-digit tables


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
    assert g.fits
    assert g.qr_side >= MIN_QR_MM and g.qr_side + g.caption_height <= g.body_height + 1e-9
    assert g.points_width > 25
    assert g.points_lines >= 3
    assert g.points_lines * g.points_line <= g.body_height


@pytest.mark.parametrize("layout", LAYOUTS.values(), ids=lambda layout: layout.key)
def test_twenty_rounds_print_at_a_readable_size_on_every_layout(layout: PaperLayout) -> None:
    size = rounds_pt_for(layout)
    assert size >= ROUNDS_MIN_PT
    rows = rounds_rows_for(TWENTY_ROUNDS, badge_geometry(layout).content_width, size)
    g = badge_geometry(layout, len(rows))
    assert g.fits and g.qr_side >= MIN_QR_MM
    assert g.first_name_pt >= layout.type.first_name_floor_pt
    assert stacked_height(layout, g) == pytest.approx(layout.label_height_mm)


def test_the_first_name_gives_way_only_as_far_as_the_rounds_need() -> None:
    avery_5395 = LAYOUTS["avery-5395"]
    roomy = badge_geometry(avery_5395, 1)
    assert roomy.first_name_pt == avery_5395.type.first_name_pt
    crowded = badge_geometry(avery_5395, 2)
    assert avery_5395.type.first_name_floor_pt <= crowded.first_name_pt < avery_5395.type.first_name_pt
    assert not geometry_with_name(avery_5395, 2, crowded.first_name_pt + 1).fits  # a point more would not do


def test_a_label_with_no_room_for_the_rounds_says_so() -> None:
    assert not badge_geometry(LAYOUTS["avery-5395"], 4).fits
    assert badge_geometry(LAYOUTS["a6"], 4).fits


def test_a_badge_may_give_a_little_of_its_qr_code_for_a_long_name_but_never_below_the_minimum() -> None:
    for layout in LAYOUTS.values():
        for rows in (0, 1, 2):
            g = badge_geometry(layout, rows)
            assert MIN_QR_MM <= g.smallest_qr <= g.qr_side
            assert g.qr_for(g.body_height) == g.qr_side
            assert g.qr_for(0) == g.smallest_qr


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
