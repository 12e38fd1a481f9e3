"""Write ``glyph_widths.json``: how wide each Latin, Greek and Cyrillic character and common
punctuation mark is in DejaVu Sans and DejaVu Sans Bold, the first fonts badges ask for and the
widest of the common sans fonts, in thousandths of an em.

A development tool (it needs Pillow and the fonts, from Debian's fonts-dejavu-core):
``python -m service.printing.make_glyph_widths``. The server only reads the file it wrote.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

FONTS = {
    "regular": "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "bold": "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
}
RANGES = [(0x20, 0x7E), (0xA0, 0x24F), (0x370, 0x3FF), (0x400, 0x4FF), (0x2000, 0x206F), (0x20A0, 0x20BF)]
UNITS = 2048  # DejaVu's units per em: at this size one pixel is one unit
OUTPUT = Path(__file__).with_name("glyph_widths.json")
NOT_IN_FONT = "\ue000"  # a private-use character no font here draws


def widths_of(path: str) -> dict[str, int]:
    from PIL import ImageFont  # only here: the server itself never draws text

    # Plain advances, no shaping: the estimate adds characters up one by one.
    font = ImageFont.truetype(path, UNITS, layout_engine=ImageFont.Layout.BASIC)
    missing = (font.getlength(NOT_IN_FONT), font.getbbox(NOT_IN_FONT))
    widths = {}
    for start, end in RANGES:
        for code in range(start, end + 1):
            char = chr(code)
            width = font.getlength(char)
            if (width, font.getbbox(char)) == missing:
                continue  # not in the font: the browser falls back to another, so the estimate does too
            widths[f"{code:x}"] = round(width / UNITS * 1000)
    return widths


def main() -> int:
    table = {weight: widths_of(path) for weight, path in FONTS.items()}
    OUTPUT.write_text(json.dumps(table, separators=(",", ":"), sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {OUTPUT} ({', '.join(f'{len(v)} {k}' for k, v in table.items())} characters)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
