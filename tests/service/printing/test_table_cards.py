import pytest

from service.db.models import Event
from service.printing.fit import PT_MM, text_em
from service.printing.table_cards import (
    EVENT_PT,
    HEADING_PT,
    LABEL_LINE_HEIGHT,
    LINE_HEIGHT,
    MARGIN_MM,
    TABLE_CARD_PAPERS,
    CardPaper,
    label_max_pt,
    table_cards,
)


@pytest.mark.parametrize("paper", TABLE_CARD_PAPERS.values(), ids=lambda paper: paper.key)
def test_the_label_heading_and_event_fill_half_a_sheet_without_spilling(paper: CardPaper) -> None:
    used = (
        2 * MARGIN_MM + (HEADING_PT + EVENT_PT) * LINE_HEIGHT * PT_MM + label_max_pt(paper) * LABEL_LINE_HEIGHT * PT_MM
    )
    assert used <= paper.half_height_mm + 1e-6
    assert label_max_pt(paper) > 150  # readable across a room


@pytest.mark.parametrize("paper", TABLE_CARD_PAPERS.values(), ids=lambda paper: paper.key)
def test_labels_are_as_big_as_fits_across_the_card(paper: CardPaper) -> None:
    cards = table_cards(Event(name="Meetup"), ["4", "12", "Window by the garden"], paper)
    assert [card.label.text for card in cards] == ["4", "12", "Window by the garden"]
    assert cards[0].label.size_pt == cards[1].label.size_pt == label_max_pt(paper)
    width = paper.width_mm - 2 * MARGIN_MM
    for card in cards:
        assert text_em(card.label.text, bold=True) * card.label.size_pt * PT_MM <= width
    assert cards[2].label.size_pt < cards[1].label.size_pt
