import itertools

import pytest

from service.printing.layouts import INCH_MM, LAYOUTS, PaperLayout

EPSILON = 1e-6


def label_boxes(layout: PaperLayout) -> list[tuple[float, float, float, float]]:
    return [
        (*layout.label_origin_mm(i), layout.label_width_mm, layout.label_height_mm) for i in range(layout.per_sheet)
    ]


@pytest.mark.parametrize("layout", LAYOUTS.values(), ids=lambda layout: layout.key)
def test_every_label_lies_on_the_sheet_and_none_overlap(layout: PaperLayout) -> None:
    boxes = label_boxes(layout)
    for left, top, width, height in boxes:
        assert left >= -EPSILON and top >= -EPSILON
        assert left + width <= layout.page_width_mm + EPSILON
        assert top + height <= layout.page_height_mm + EPSILON
    for (l1, t1, w1, h1), (l2, t2, w2, h2) in itertools.combinations(boxes, 2):
        overlap_x = min(l1 + w1, l2 + w2) - max(l1, l2)
        overlap_y = min(t1 + h1, t2 + h2) - max(t1, t2)
        assert overlap_x <= EPSILON or overlap_y <= EPSILON


def test_the_layouts_match_their_label_stock() -> None:
    avery_5392 = LAYOUTS["avery-5392"]
    assert (avery_5392.label_width_mm, avery_5392.label_height_mm) == (4 * INCH_MM, 3 * INCH_MM)
    assert avery_5392.per_sheet == 6 and avery_5392.page_css == "8.5in 11in"
    avery_5395 = LAYOUTS["avery-5395"]
    assert avery_5395.label_width_mm == pytest.approx(3.375 * INCH_MM)
    assert avery_5395.label_height_mm == pytest.approx(7 / 3 * INCH_MM)
    assert avery_5395.per_sheet == 8
    a4 = LAYOUTS["a4-8"]
    assert (a4.label_width_mm, a4.label_height_mm, a4.per_sheet, a4.page_css) == (105, 74, 8, "A4")
    a6 = LAYOUTS["a6"]
    assert (a6.per_sheet, a6.page_css, a6.page_width_mm, a6.page_height_mm) == (1, "105mm 148mm", 105, 148)


@pytest.mark.parametrize("layout", LAYOUTS.values(), ids=lambda layout: layout.key)
def test_labels_are_centred_on_the_sheet(layout: PaperLayout) -> None:
    boxes = label_boxes(layout)
    right_margin = layout.page_width_mm - max(left + width for left, _, width, _ in boxes)
    bottom_margin = layout.page_height_mm - max(top + height for _, top, _, height in boxes)
    assert right_margin == pytest.approx(layout.left_mm, abs=0.1)
    assert bottom_margin == pytest.approx(layout.top_mm, abs=1.0)
