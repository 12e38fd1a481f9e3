"""QR codes as inline SVG (no image library needed), for posters, badges and screens."""

from __future__ import annotations

import re

import qrcode
import qrcode.image.svg
from markupsafe import Markup

# Medium error correction survives a crumpled badge or a glare on the projector.
ERROR_CORRECTION = qrcode.constants.ERROR_CORRECT_M


def qr_svg(data: str, *, label: str = "QR code", quiet_zone: int = 4) -> Markup:
    """An SVG QR code that scales to its container (set its size in CSS)."""
    code = qrcode.QRCode(error_correction=ERROR_CORRECTION, border=quiet_zone, box_size=10)
    code.add_data(data)
    code.make(fit=True)
    image = code.make_image(image_factory=qrcode.image.svg.SvgPathFillImage)
    svg = image.to_string(encoding="unicode")
    # No fixed size, so CSS decides how large it prints; crisp module edges; a name for
    # screen readers.
    svg = re.sub(r'\s(width|height)="[^"]*mm"', "", svg, count=2)
    svg = svg.replace(
        "<svg ", f'<svg role="img" aria-label="{Markup.escape(label)}" shape-rendering="crispEdges" ', 1
    )
    return Markup(svg)
