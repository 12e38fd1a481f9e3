"""Table cards: one sheet per table, folded in half to stand as a tent, the label on both sides.

The upper half is printed upside down so that, folded, each side reads the right way up.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from service.db.models import Event
from service.printing.fit import PT_MM, FittedLine, fit_line
from service.printing.layouts import A4, INCH_MM

MARGIN_MM = 14.0
HEADING_PT = 30.0
EVENT_PT = 14.0
LABEL_MAX_PT = 260.0
LABEL_MIN_PT = 24.0
LABEL_LINE_HEIGHT = 1.2
LINE_HEIGHT = 1.25


@dataclass(frozen=True)
class CardPaper:
    key: str
    title: str
    page_css: str
    width_mm: float
    height_mm: float

    @property
    def half_height_mm(self) -> float:
        return self.height_mm / 2


TABLE_CARD_PAPERS = {
    paper.key: paper
    for paper in (
        CardPaper("a4", "A4", "A4", A4[0], A4[1]),
        CardPaper("letter", "US Letter", "8.5in 11in", 8.5 * INCH_MM, 11 * INCH_MM),
    )
}


@dataclass(frozen=True)
class TableCard:
    label: FittedLine
    event_line: FittedLine


def label_max_pt(paper: CardPaper) -> float:
    """As tall as the half sheet allows, after the margins, the heading and the event's name."""
    free_mm = paper.half_height_mm - 2 * MARGIN_MM - (HEADING_PT + EVENT_PT) * LINE_HEIGHT * PT_MM
    return min(LABEL_MAX_PT, free_mm / (LABEL_LINE_HEIGHT * PT_MM))


def table_cards(event: Event, labels: Sequence[str], paper: CardPaper) -> list[TableCard]:
    width = paper.width_mm - 2 * MARGIN_MM
    event_line = fit_line(event.name, width, max_pt=EVENT_PT, min_pt=EVENT_PT * 0.8)
    biggest = label_max_pt(paper)
    return [
        TableCard(label=fit_line(label, width, max_pt=biggest, min_pt=LABEL_MIN_PT, bold=True), event_line=event_line)
        for label in labels
    ]
