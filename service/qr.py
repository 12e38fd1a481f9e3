"""QR codes as inline SVG (no image library needed), for posters, badges and screens."""

from __future__ import annotations

import re
from functools import lru_cache

import qrcode
from markupsafe import Markup

# Medium error correction survives a crumpled badge or a glare on the projector.
ERROR_CORRECTION = qrcode.constants.ERROR_CORRECT_M
DARK_RUN = re.compile(b"\x01+")


# Codes are drawn again whenever a page is (a badge sheet in another layout, the poster):
# the same link always gives the same code, and a few thousand of them take a few megabytes.
@lru_cache(maxsize=4096)
def qr_svg(data: str, *, label: str = "QR code", quiet_zone: int = 4, mask_pattern: int | None = None) -> Markup:
    """An SVG QR code that scales to its container (set its size in CSS).

    ``mask_pattern`` (0-7) skips the search for the best mask, which is most of the cost: a badge
    sheet of hundreds of codes passes one; every mask decodes, the search only trims odd patterns.
    """
    code = qrcode.QRCode(error_correction=ERROR_CORRECTION, border=quiet_zone, mask_pattern=mask_pattern)
    code.add_data(data)
    code.make(fit=False)  # with no version given, the smallest that fits (found once, not twice)
    matrix = code.get_matrix()
    size = len(matrix)
    # One path of dark runs per row: a few hundred bytes, and far quicker to build than an
    # element per module. No fixed size, so CSS decides how large it prints; crisp module
    # edges; a name for screen readers.
    return Markup(
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}" role="img" '
        f'aria-label="{Markup.escape(label)}" shape-rendering="crispEdges">'
        f'<path fill="#fff" d="M0 0h{size}v{size}H0z"/><path fill="#000" d="{_dark_runs(matrix)}"/></svg>'
    )


def _dark_runs(matrix: list[list[bool]]) -> str:
    parts = []
    for y, row in enumerate(matrix):
        for run in DARK_RUN.finditer(bytes(row)):
            width = run.end() - run.start()
            parts.append(f"M{run.start()} {y}h{width}v1h-{width}z")
    return "".join(parts)
