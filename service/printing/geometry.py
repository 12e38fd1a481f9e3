"""Where the parts of a badge sit, in millimetres, for one print run.

A badge stacks, top to bottom: the event, the first name, the full name, the affiliation, a
rule, the body (talking points beside the QR code) and, when printed, the rounds as a grid
across the whole width. The grid keeps a readable size whatever the label; what it takes comes
out of the body, and on a crowded label the first name's largest size comes down (to the
layout's floor) before the QR code would shrink below what a phone reads.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from service.printing.fit import PT_MM, FittedLine, fit_line, text_em
from service.printing.layouts import PaperLayout

LINE_HEIGHT = 1.25  # small text, as a multiple of its size
NAME_LINE_HEIGHT = 1.15
RULE_GAP_MM = 1.5  # between the name block and the talking points
COLUMN_GAP_MM = 2.5  # between the talking points and the QR code
MIN_QR_MM = 16.0  # below this a phone held at arm's length struggles
MIN_POINT_LINES = 3  # a body with fewer lines of talking points is not worth printing
ROUNDS_SCALE = 0.85  # the printed rounds' type, relative to the talking points...
ROUNDS_MIN_PT = 8.0  # ...but never smaller than this: people look up their table in a hurry
ROUNDS_LINE_HEIGHT = 1.15
ROUNDS_CELL_PADDING_EM = 0.3  # each side of a cell; print.css uses the same
ROUNDS_RULE_MM = 0.2  # print.css draws the table's lines this thick
ROUNDS_TABLE_BORDERS_MM = 0.5  # the table's ruled lines, on top of its two lines of text
ROUNDS_HEADINGS = ("Round", "Table")
NOT_SEATED = "–"
QR_CAPTION = "Meet me"
NAME_STEP_PT = 1.0  # how far the first name's largest size comes down at a time when crowded
# A long full name or affiliation may take a line from the body, making that badge's QR code
# this much smaller at most (and never below MIN_QR_MM).
QR_GIVE = 0.8


@dataclass(frozen=True)
class BadgeGeometry:
    """Sizes shared by every badge of one print run, in millimetres unless named otherwise.
    ``body_height`` is the body's height when the name and affiliation take one line each."""

    content_width: float
    event_height: float
    first_name_pt: float  # the largest size of the first name in this run
    first_name_height: float
    detail_height: float
    body_height: float
    qr_side: float
    caption_pt: float
    points_width: float
    points_line: float
    points_lines: int
    rounds_pt: float
    rounds_row: float
    rounds_rows: int

    @property
    def rounds_height(self) -> float:
        return (2 * self.rounds_row + ROUNDS_TABLE_BORDERS_MM) * self.rounds_rows

    @property
    def caption_height(self) -> float:
        return self.caption_pt * LINE_HEIGHT * PT_MM

    @property
    def smallest_qr(self) -> float:
        """The smallest a badge's QR code gets when its name or affiliation takes more lines."""
        return min(self.qr_side, max(MIN_QR_MM, self.qr_side * QR_GIVE))

    def qr_for(self, body_height: float) -> float:
        """The QR code's side on a badge whose body is this high."""
        return max(self.smallest_qr, min(self.qr_side, body_height - self.caption_height))

    @property
    def fits(self) -> bool:
        return self.qr_side >= MIN_QR_MM and self.points_lines >= MIN_POINT_LINES

    def lines_in(self, body_height: float) -> int:
        """Lines of talking points in a body this high."""
        return max(0, math.floor(body_height / self.points_line + 1e-9))


def rounds_pt_for(layout: PaperLayout) -> float:
    return max(ROUNDS_MIN_PT, layout.type.points_pt * ROUNDS_SCALE)


def geometry_with_name(layout: PaperLayout, rounds_rows: int, first_name_pt: float) -> BadgeGeometry:
    scale = layout.type
    content_width = layout.label_width_mm - 2 * scale.padding_mm
    content_height = layout.label_height_mm - 2 * scale.padding_mm
    event_height = scale.event_pt * LINE_HEIGHT * PT_MM
    first_name_height = first_name_pt * NAME_LINE_HEIGHT * PT_MM
    detail_height = scale.detail_pt * LINE_HEIGHT * PT_MM
    points_line = scale.points_pt * LINE_HEIGHT * PT_MM
    rounds_pt = rounds_pt_for(layout)
    rounds_row = rounds_pt * ROUNDS_LINE_HEIGHT * PT_MM
    body_height = (
        content_height
        - event_height
        - first_name_height
        - 2 * detail_height
        - RULE_GAP_MM
        - (2 * rounds_row + ROUNDS_TABLE_BORDERS_MM) * rounds_rows
    )
    caption_pt = scale.points_pt * 0.85
    qr_side = min(scale.qr_mm, body_height - caption_pt * LINE_HEIGHT * PT_MM)
    if qr_side < MIN_QR_MM:
        # No room for the caption as well: the code matters more.
        caption_pt, qr_side = 0, min(scale.qr_mm, body_height)
    return BadgeGeometry(
        content_width=content_width,
        event_height=event_height,
        first_name_pt=first_name_pt,
        first_name_height=first_name_height,
        detail_height=detail_height,
        body_height=body_height,
        qr_side=qr_side,
        caption_pt=caption_pt,
        points_width=content_width - qr_side - COLUMN_GAP_MM,
        points_line=points_line,
        points_lines=max(0, math.floor(body_height / points_line + 1e-9)),
        rounds_pt=rounds_pt,
        rounds_row=rounds_row,
        rounds_rows=rounds_rows,
    )


def badge_geometry(layout: PaperLayout, rounds_rows: int = 0) -> BadgeGeometry:
    """The geometry with the largest first name that leaves the QR code and the talking points
    their room; at the layout's floor it is returned even when it does not fit (``fits``)."""
    size = layout.type.first_name_pt
    while True:
        geometry = geometry_with_name(layout, rounds_rows, size)
        if geometry.fits or size <= layout.type.first_name_floor_pt:
            return geometry
        size = max(layout.type.first_name_floor_pt, size - NAME_STEP_PT)


def qr_caption(geometry: BadgeGeometry) -> FittedLine | None:
    """The line under the QR code, when the badge has room for it."""
    if not geometry.caption_pt:
        return None
    size = geometry.caption_pt
    return fit_line(QR_CAPTION, geometry.smallest_qr, max_pt=size, min_pt=size * 0.8)


def rounds_rows_for(seats: Sequence[str], width_mm: float, size_pt: float) -> list[list[tuple[str, str]]]:
    """The printed rounds as rows of a small two-line table ("Round 1 2 3 / Table 4 7 2"),
    as many rounds per row as the badge is wide."""
    width_em = width_mm / (size_pt * PT_MM)
    padding = 2 * ROUNDS_CELL_PADDING_EM + ROUNDS_RULE_MM / (size_pt * PT_MM)
    heading_em = max(text_em(h, bold=True) for h in ROUNDS_HEADINGS) + padding
    rows: list[list[tuple[str, str]]] = [[]]
    used = heading_em
    for number, table in enumerate(seats, start=1):
        cell = (str(number), table or NOT_SEATED)
        cell_em = max(text_em(cell[0]), text_em(cell[1], bold=True)) + padding
        if rows[-1] and used + cell_em > width_em:
            rows.append([])
            used = heading_em
        rows[-1].append(cell)
        used += cell_em
    return rows if rows[0] else []
