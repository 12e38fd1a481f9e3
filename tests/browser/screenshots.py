"""Reading what a browser drew: the QR codes in a screenshot."""

from __future__ import annotations

import io

import numpy as np
import zxingcpp
from PIL import Image


def qr_texts(png: bytes) -> list[str]:
    """The text of every QR code in a PNG screenshot (read in greyscale, as a phone camera would)."""
    image = np.asarray(Image.open(io.BytesIO(png)).convert("L"))
    return [result.text for result in zxingcpp.read_barcodes(image)]
