"""Paper layouts for badges, as data: where each label sits on the sheet, in millimetres
measured from the sheet's top-left corner, and the type sizes that suit the label.

The label stock numbers come from the manufacturers' templates; positions are absolute,
so the printed cut lines land on the stock's perforations when printed at 100 % scale.
"""

from __future__ import annotations

from dataclasses import dataclass

INCH_MM = 25.4


@dataclass(frozen=True)
class TypeScale:
    padding_mm: float
    event_pt: float
    first_name_pt: float  # the largest size; long names get smaller, down to the minimum
    first_name_min_pt: float
    # When the printed rounds need the room, the largest size comes down, but not below this.
    first_name_floor_pt: float
    detail_pt: float  # full name, pronouns, affiliation
    points_pt: float  # "Ask me about …" and the printed rounds
    qr_mm: float  # the QR code's side, quiet zone included, when there is room for it


@dataclass(frozen=True)
class PaperLayout:
    key: str
    title: str
    description: str
    paper_name: str  # as print dialogs call it
    page_css: str  # the CSS @page size
    page_width_mm: float
    page_height_mm: float
    label_width_mm: float
    label_height_mm: float
    columns: int
    rows: int
    top_mm: float
    left_mm: float
    pitch_x_mm: float  # from one label's left edge to the next one's
    pitch_y_mm: float
    corner_radius_mm: float
    type: TypeScale

    @property
    def per_sheet(self) -> int:
        return self.columns * self.rows

    def label_origin_mm(self, index_on_sheet: int) -> tuple[float, float]:
        """(left, top) of the label at this position, filling rows left to right."""
        row, column = divmod(index_on_sheet, self.columns)
        return self.left_mm + column * self.pitch_x_mm, self.top_mm + row * self.pitch_y_mm


LETTER = (8.5 * INCH_MM, 11 * INCH_MM)
A4 = (210.0, 297.0)
A6 = (105.0, 148.0)

LAYOUTS: dict[str, PaperLayout] = {
    layout.key: layout
    for layout in (
        PaperLayout(
            key="avery-5392",
            title="Avery 5392",
            description="4 × 3 in badge inserts, 6 per US Letter sheet",
            paper_name="US Letter",
            page_css="8.5in 11in",
            page_width_mm=LETTER[0],
            page_height_mm=LETTER[1],
            label_width_mm=4 * INCH_MM,
            label_height_mm=3 * INCH_MM,
            columns=2,
            rows=3,
            top_mm=1 * INCH_MM,
            left_mm=0.25 * INCH_MM,
            pitch_x_mm=4 * INCH_MM,
            pitch_y_mm=3 * INCH_MM,
            corner_radius_mm=0,
            type=TypeScale(
                padding_mm=4.5,
                event_pt=7,
                first_name_pt=40,
                first_name_min_pt=22,
                first_name_floor_pt=32,
                detail_pt=11,
                points_pt=8.5,
                qr_mm=24,
            ),
        ),
        PaperLayout(
            key="avery-5395",
            title="Avery 5395",
            description="2⅓ × 3⅜ in name badge stickers, 8 per US Letter sheet",
            paper_name="US Letter",
            page_css="8.5in 11in",
            page_width_mm=LETTER[0],
            page_height_mm=LETTER[1],
            label_width_mm=3.375 * INCH_MM,
            label_height_mm=7 / 3 * INCH_MM,
            columns=2,
            rows=4,
            top_mm=0.59375 * INCH_MM,
            left_mm=0.6875 * INCH_MM,
            pitch_x_mm=3.75 * INCH_MM,
            pitch_y_mm=2.5 * INCH_MM,
            corner_radius_mm=4.8,
            type=TypeScale(
                padding_mm=3.5,
                event_pt=6.5,
                first_name_pt=32,
                first_name_min_pt=18,
                first_name_floor_pt=24,  # twenty rounds of two-digit tables need it
                detail_pt=9,
                points_pt=7,
                qr_mm=20,
            ),
        ),
        PaperLayout(
            key="a4-8",
            title="A4, 8 badges",
            description="105 × 74 mm labels or cards, 8 per A4 sheet",
            paper_name="A4",
            page_css="A4",
            page_width_mm=A4[0],
            page_height_mm=A4[1],
            label_width_mm=105,
            label_height_mm=74,
            columns=2,
            rows=4,
            # The four rows leave 1 mm of the sheet's height over: half above, half below.
            top_mm=0.5,
            left_mm=0,
            pitch_x_mm=105,
            pitch_y_mm=74,
            corner_radius_mm=0,
            # Wider padding: many printers cannot print the outer 4-5 mm of a sheet.
            type=TypeScale(
                padding_mm=6,
                event_pt=7,
                first_name_pt=40,
                first_name_min_pt=22,
                first_name_floor_pt=32,
                detail_pt=11,
                points_pt=8.5,
                qr_mm=24,
            ),
        ),
        PaperLayout(
            key="a6",
            title="A6",
            description="one 105 × 148 mm badge per A6 sheet (badge holders)",
            paper_name="A6",
            page_css="105mm 148mm",  # Chromium does not know the A6 keyword
            page_width_mm=A6[0],
            page_height_mm=A6[1],
            label_width_mm=A6[0],
            label_height_mm=A6[1],
            columns=1,
            rows=1,
            top_mm=0,
            left_mm=0,
            pitch_x_mm=A6[0],
            pitch_y_mm=A6[1],
            corner_radius_mm=0,
            type=TypeScale(
                padding_mm=7,
                event_pt=9,
                first_name_pt=56,
                first_name_min_pt=28,
                first_name_floor_pt=44,
                detail_pt=14,
                points_pt=11,
                qr_mm=36,
            ),
        ),
    )
}
DEFAULT_LAYOUT = "avery-5392"
