"""What goes on each badge and where it sits on the sheet.

Every size is decided here and in ``geometry``, in millimetres and points, from the paper
layout: the template only places what it is given, so nothing depends on the browser guessing
a size. Text is shortened (at a word boundary, with "…") only when it does not fit the room
that is left on that badge once the parts before it have theirs.
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
from service.printing.fit import PT_MM, FittedBlock, FittedLine, fit_block, fit_items, fit_line, lines_needed, words_of
from service.printing.geometry import COLUMN_GAP_MM, BadgeGeometry, badge_geometry, rounds_pt_for, rounds_rows_for
from service.printing.layouts import PaperLayout
from service.qr import qr_svg
from service.settings import Settings

# Any fixed mask decodes; skipping the search for the best one makes a sheet of hundreds of
# codes several times quicker to draw (see ``service.qr``).
BADGE_QR_MASK = 4
POINT_LABELS = ("Ask me about", "I can help with", "I’m looking for")
DETAIL_MIN_SCALE = 0.8  # the full name and affiliation may get this much smaller to stay on one line
NAME_MAX_LINES = 3  # a long full name wraps into the body, as far as the QR code leaves room
AFFILIATION_MAX_LINES = 2


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
    name_line: FittedBlock
    affiliation: FittedBlock
    body_height: float  # the geometry's, less what the name and affiliation took from it
    qr_side: float  # the geometry's, or smaller when the name and affiliation took room
    points_width: float
    points: list[TalkingPoint]
    qr: Markup
    rounds: list[list[tuple[str, str]]]  # rows of (round number, table label)


@dataclass(frozen=True)
class BadgeSheet:
    number: int
    badges: list[Badge]


@dataclass(frozen=True)
class BadgeRun:
    geometry: BadgeGeometry
    event_line: FittedLine
    sheets: BadgeSheets  # drawn sheet by sheet as the page streams
    rounds_left_out: bool  # asked for, but the label has no room for them


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


@dataclass(frozen=True)
class PointList:
    label: str
    items: list[str]
    lines_needed: int  # to print all of it


def point_lists(attendee: Attendee, line_em: float) -> list[PointList]:
    lists = [attendee.interests or [], attendee.offers or [], attendee.seeks or []]
    return [
        PointList(label, items, lines_needed(words_of(", ".join(items)), line_em, bold_prefix=words_of(label)))
        for label, items in zip(POINT_LABELS, lists, strict=True)
        if any(i.strip() for i in items)
    ]


def fitted_points(present: Sequence[PointList], line_em: float, lines: int) -> list[TalkingPoint]:
    points = []
    for point, given in zip(present, share_lines([p.lines_needed for p in present], lines), strict=True):
        text = fit_items(point.label, point.items, line_em, given) if given else ""
        if text:
            points.append(TalkingPoint(label=point.label, text=text, lines=given))
    return points


def talking_points(
    attendee: Attendee, geometry: BadgeGeometry, points_pt: float, lines: int | None = None
) -> list[TalkingPoint]:
    """The talking points in ``lines`` lines (the geometry's when not given)."""
    line_em = geometry.points_width / (points_pt * PT_MM)
    return fitted_points(point_lists(attendee, line_em), line_em, geometry.points_lines if lines is None else lines)


def detail(text: str, geometry: BadgeGeometry, size_pt: float, lines: int, *, bold: bool = False) -> FittedBlock:
    width = geometry.content_width
    return fit_block(text, width, max_pt=size_pt, min_pt=size_pt * DETAIL_MIN_SCALE, max_lines=lines, bold=bold)


def name_and_affiliation(
    name: str, affiliation: str, geometry: BadgeGeometry, layout: PaperLayout, points_need: int
) -> tuple[FittedBlock, FittedBlock]:
    """Each on one line if it fits; a longer one wraps into the body, which keeps the QR code's
    room: the full name first, the affiliation only where the talking points lose nothing by it."""
    size = layout.type.detail_pt
    spare = geometry.body_height - geometry.smallest_qr - geometry.caption_height
    room = max(0, math.floor(spare / geometry.detail_height + 1e-9))  # extra full-width lines
    name_line = detail(name, geometry, size, min(NAME_MAX_LINES, 1 + room), bold=True)
    room -= name_line.lines - 1
    body = geometry.body_height - (name_line.lines - 1) * geometry.detail_height
    wanted = detail(affiliation, geometry, size, min(AFFILIATION_MAX_LINES, 1 + room))
    extra = wanted.lines - 1
    points_keep = min(points_need, geometry.lines_in(body))
    if extra and geometry.lines_in(body - extra * geometry.detail_height) < points_keep:
        wanted = detail(affiliation, geometry, size, 1)
    return name_line, wanted


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
    present = point_lists(attendee, geometry.points_width / (scale.points_pt * PT_MM))
    name_line, affiliation = name_and_affiliation(
        " · ".join(p for p in name_parts if p),
        " ".join(attendee.affiliation.split()),
        geometry,
        layout,
        sum(p.lines_needed for p in present),
    )
    body = geometry.body_height - (name_line.lines + affiliation.lines - 2) * geometry.detail_height
    qr_side = geometry.qr_for(body)
    points_width = geometry.content_width - qr_side - COLUMN_GAP_MM
    line_em = points_width / (scale.points_pt * PT_MM)
    if qr_side != geometry.qr_side:
        present = point_lists(attendee, line_em)
    return Badge(
        attendee=attendee,
        left_mm=position[0],
        top_mm=position[1],
        first_name=fit_line(
            first,
            width,
            max_pt=geometry.first_name_pt,
            min_pt=min(scale.first_name_min_pt, geometry.first_name_pt),
            bold=True,
            whole=True,  # one name: smaller rather than cut ("Maximiliana-Konstantina")
        ),
        name_line=name_line,
        affiliation=affiliation,
        body_height=body,
        qr_side=qr_side,
        points_width=points_width,
        points=fitted_points(present, line_em, geometry.lines_in(body)),
        qr=qr_svg(qr_url, label=f"QR code for {attendee.display_name}'s public card", mask_pattern=BADGE_QR_MASK),
        rounds=rounds_rows_for(seats, width, geometry.rounds_pt) if seats else [],
    )


def run_geometry(layout: PaperLayout, rounds_rows: int) -> tuple[BadgeGeometry, bool]:
    """The geometry for printing this many rows of rounds, or none (and say so) when the label
    has no room for them."""
    geometry = badge_geometry(layout, rounds_rows)
    if rounds_rows and not geometry.fits:
        return badge_geometry(layout), True
    return geometry, False


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
) -> BadgeRun:
    """The sheets to print, badges sorted by name; ``seats_by_attendee`` (attendee id -> the table
    label in each round, empty when not seated) prints each person's rounds."""
    ordered = sorted(attendees, key=name_sort_key)
    seats = seats_by_attendee or {}
    width = badge_geometry(layout).content_width
    rounds_rows = max(
        (len(rounds_rows_for(seats.get(str(a.id), ()), width, rounds_pt_for(layout))) for a in ordered), default=0
    )
    geometry, rounds_left_out = run_geometry(layout, rounds_rows)
    if rounds_left_out:
        seats = {}
    event_line = fit_line(
        event.name, geometry.content_width, max_pt=layout.type.event_pt, min_pt=layout.type.event_pt * 0.85
    )

    def draw(index: int, attendee: Attendee) -> Badge:
        spot = layout.label_origin_mm(index % layout.per_sheet)
        url = links.public_card_url(settings, attendee)
        return build_badge(attendee, layout, geometry, spot, url, seats.get(str(attendee.id)))

    return BadgeRun(geometry, event_line, BadgeSheets(ordered, draw, layout.per_sheet), rounds_left_out)
