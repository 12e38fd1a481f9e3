"""What goes on each badge and where it sits on the sheet.

Every size is decided here, in millimetres and points, from the paper layout: the template
only places what it is given, so nothing depends on the browser guessing a size.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import overload

from markupsafe import Markup

from service.attendees.names import first_name
from service.db.models import Attendee, Event
from service.events import links
from service.printing.fit import PT_MM, FittedLine, fit_items, fit_line, lines_needed, text_em, words_of
from service.printing.layouts import PaperLayout
from service.qr import qr_svg
from service.settings import Settings

LINE_HEIGHT = 1.25  # small text, as a multiple of its size
NAME_LINE_HEIGHT = 1.15
RULE_GAP_MM = 1.5  # between the name block and the talking points
COLUMN_GAP_MM = 2.5  # between the talking points and the QR code
MIN_QR_MM = 16.0  # below this a phone held at arm's length struggles
ROUNDS_SCALE = 0.85  # the printed rounds' type, relative to the talking points
ROUNDS_LINE_HEIGHT = 1.15
ROUNDS_CELL_PADDING_EM = 0.3  # each side of a cell; print.css uses the same
ROUNDS_RULE_MM = 0.2  # print.css draws the table's lines this thick
ROUNDS_TABLE_BORDERS_MM = 0.5  # the table's ruled lines, on top of its two lines of text
# Any fixed mask decodes; skipping the search for the best one makes a sheet of hundreds of
# codes several times quicker to draw (see ``service.qr``).
BADGE_QR_MASK = 4
POINT_LABELS = ("Ask me about", "I can help with", "I’m looking for")
ROUNDS_HEADINGS = ("Round", "Table")
NOT_SEATED = "–"
QR_CAPTION = "Meet me"


@dataclass(frozen=True)
class BadgeGeometry:
    """Sizes shared by every badge of one print run, in millimetres unless named otherwise."""

    content_width: float
    event_height: float
    first_name_height: float
    detail_height: float
    body_height: float
    qr_side: float
    caption_pt: float
    points_width: float
    points_line: float
    points_lines: int
    rounds_row: float
    rounds_rows: int

    @property
    def rounds_height(self) -> float:
        return (2 * self.rounds_row + ROUNDS_TABLE_BORDERS_MM) * self.rounds_rows


def badge_geometry(layout: PaperLayout, rounds_rows: int = 0) -> BadgeGeometry:
    scale = layout.type
    content_width = layout.label_width_mm - 2 * scale.padding_mm
    content_height = layout.label_height_mm - 2 * scale.padding_mm
    event_height = scale.event_pt * LINE_HEIGHT * PT_MM
    first_name_height = scale.first_name_pt * NAME_LINE_HEIGHT * PT_MM
    detail_height = scale.detail_pt * LINE_HEIGHT * PT_MM
    points_line = scale.points_pt * LINE_HEIGHT * PT_MM
    rounds_row = scale.points_pt * ROUNDS_SCALE * ROUNDS_LINE_HEIGHT * PT_MM
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
        first_name_height=first_name_height,
        detail_height=detail_height,
        body_height=body_height,
        qr_side=qr_side,
        caption_pt=caption_pt,
        points_width=content_width - qr_side - COLUMN_GAP_MM,
        points_line=points_line,
        points_lines=max(0, math.floor(body_height / points_line)),
        rounds_row=rounds_row,
        rounds_rows=rounds_rows,
    )


def qr_caption(geometry: BadgeGeometry) -> FittedLine | None:
    """The line under the QR code, when the badge has room for it."""
    if not geometry.caption_pt:
        return None
    size = geometry.caption_pt
    return fit_line(QR_CAPTION, geometry.qr_side, max_pt=size, min_pt=size * 0.8)


@dataclass(frozen=True)
class TalkingPoint:
    label: str
    text: str
    lines: int


@dataclass(frozen=True)
class Badge:
    attendee: Attendee
    left_mm: float
    top_mm: float
    first_name: FittedLine
    name_line: FittedLine
    affiliation: FittedLine
    points: list[TalkingPoint]
    qr: Markup
    rounds: list[list[tuple[str, str]]]  # rows of (round number, table label)


@dataclass(frozen=True)
class BadgeSheet:
    number: int
    badges: list[Badge]


def name_sort_key(attendee: Attendee) -> tuple[str, str]:
    """Alphabetical the way people read names: case and accents do not move anyone."""
    plain = unicodedata.normalize("NFKD", attendee.display_name.strip())
    folded = "".join(c for c in plain if not unicodedata.combining(c)).casefold()
    return folded, str(attendee.id)


def first_name_of(display_name: str) -> str:
    return first_name(display_name)


def share_lines(needs: Sequence[int], total: int) -> list[int]:
    """Lines for each talking point: one each in turn, so a long list cannot crowd out the others."""
    given = [0] * len(needs)
    left = total
    while left > 0 and any(g < n for g, n in zip(given, needs, strict=True)):
        for index, need in enumerate(needs):
            if left and given[index] < need:
                given[index] += 1
                left -= 1
    return given


def talking_points(attendee: Attendee, geometry: BadgeGeometry, points_pt: float) -> list[TalkingPoint]:
    line_em = geometry.points_width / (points_pt * PT_MM)
    lists = [attendee.interests or [], attendee.offers or [], attendee.seeks or []]
    present = [
        (label, items) for label, items in zip(POINT_LABELS, lists, strict=True) if any(i.strip() for i in items)
    ]
    needs = [lines_needed(words_of(", ".join(items)), line_em, bold_prefix=words_of(label)) for label, items in present]
    points = []
    for (label, items), lines in zip(present, share_lines(needs, geometry.points_lines), strict=True):
        text = fit_items(label, items, line_em, lines) if lines else ""
        if text:
            points.append(TalkingPoint(label=label, text=text, lines=lines))
    return points


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


def build_badge(
    attendee: Attendee,
    layout: PaperLayout,
    geometry: BadgeGeometry,
    position: tuple[float, float],
    qr_url: str,
    seats: Sequence[str] | None,
) -> Badge:
    scale = layout.type
    width = geometry.content_width
    first = first_name_of(attendee.display_name)
    full = " ".join(attendee.display_name.split())
    name_parts = [full if full != first else "", attendee.pronouns.strip()]
    return Badge(
        attendee=attendee,
        left_mm=position[0],
        top_mm=position[1],
        first_name=fit_line(first, width, max_pt=scale.first_name_pt, min_pt=scale.first_name_min_pt, bold=True),
        name_line=fit_line(
            " · ".join(p for p in name_parts if p),
            width,
            max_pt=scale.detail_pt,
            min_pt=scale.detail_pt * 0.8,
            bold=True,
        ),
        affiliation=fit_line(
            " ".join(attendee.affiliation.split()), width, max_pt=scale.detail_pt, min_pt=scale.detail_pt * 0.8
        ),
        points=talking_points(attendee, geometry, scale.points_pt),
        qr=qr_svg(qr_url, label=f"QR code for {attendee.display_name}'s public card", mask_pattern=BADGE_QR_MASK),
        rounds=rounds_rows_for(seats, width, scale.points_pt * ROUNDS_SCALE) if seats else [],
    )


class BadgeSheets(Sequence[BadgeSheet]):
    """The sheets of one print run, each drawn only when it is reached: a page of 10,000 badges
    streams sheet by sheet (``service.rendering``), so the badges of sheets already sent are freed
    instead of thousands of them (and their QR codes) piling up, which made the garbage collector
    pause the whole server for a quarter of a second at a time."""

    def __init__(self, attendees: Sequence[Attendee], draw: Callable[[int, Attendee], Badge], per_sheet: int) -> None:
        self.attendees, self.draw, self.per_sheet = attendees, draw, per_sheet

    def __len__(self) -> int:
        return -(-len(self.attendees) // self.per_sheet)

    @overload
    def __getitem__(self, index: int) -> BadgeSheet: ...
    @overload
    def __getitem__(self, index: slice) -> list[BadgeSheet]: ...
    def __getitem__(self, index: int | slice) -> BadgeSheet | list[BadgeSheet]:
        if isinstance(index, slice):
            return [self[i] for i in range(len(self))[index]]
        number = range(1, len(self) + 1)[index]  # IndexError past the end, as a list would
        first = (number - 1) * self.per_sheet
        people = self.attendees[first : first + self.per_sheet]
        return BadgeSheet(number=number, badges=[self.draw(first + i, a) for i, a in enumerate(people)])

    @property
    def attendee_ids(self) -> list[str]:
        """Everyone on the sheets, in print order, without drawing a badge."""
        return [str(a.id) for a in self.attendees]


def badge_sheets(
    event: Event,
    attendees: Sequence[Attendee],
    layout: PaperLayout,
    settings: Settings,
    seats_by_attendee: Mapping[str, Sequence[str]] | None = None,
) -> tuple[BadgeGeometry, FittedLine, BadgeSheets]:
    """The sheets to print, badges sorted by name; ``seats_by_attendee`` (attendee id -> the table
    label in each round, empty when not seated) prints each person's rounds."""
    ordered = sorted(attendees, key=name_sort_key)
    seats = seats_by_attendee or {}
    width = badge_geometry(layout).content_width
    rounds_rows = max(
        (len(rounds_rows_for(seats.get(str(a.id), ()), width, layout.type.points_pt * ROUNDS_SCALE)) for a in ordered),
        default=0,
    )
    geometry = badge_geometry(layout, rounds_rows)
    event_line = fit_line(
        event.name, geometry.content_width, max_pt=layout.type.event_pt, min_pt=layout.type.event_pt * 0.85
    )

    def draw(index: int, attendee: Attendee) -> Badge:
        spot = layout.label_origin_mm(index % layout.per_sheet)
        url = links.public_card_url(settings, attendee)
        return build_badge(attendee, layout, geometry, spot, url, seats.get(str(attendee.id)))

    return geometry, event_line, BadgeSheets(ordered, draw, layout.per_sheet)
