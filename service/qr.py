"""QR codes as inline SVG (no image library needed), for posters, badges and screens."""

from __future__ import annotations

from itertools import groupby

import qrcode
from markupsafe import Markup

# Medium error correction survives a crumpled badge or a glare on the projector.
ERROR_CORRECTION = qrcode.constants.ERROR_CORRECT_M


def qr_svg(data: str, *, label: str = "QR code", quiet_zone: int = 4, mask_pattern: int | None = None) -> Markup:
    """An SVG QR code that scales to its container (set its size in CSS).

    ``mask_pattern`` (0-7) skips the search for the best mask, which is most of the cost: a badge
    sheet of hundreds of codes passes one; every mask decodes, the search only trims odd patterns.
    """
    code = qrcode.QRCode(error_correction=ERROR_CORRECTION, border=quiet_zone, mask_pattern=mask_pattern)
    code.add_data(data)
    code.make(fit=True)
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
        x = 0
        for dark, run in groupby(row):
            width = len(list(run))
            if dark:
                parts.append(f"M{x} {y}h{width}v1h-{width}z")
            x += width
    return "".join(parts)
