import re

import numpy as np
import pytest
import qrcode
import zxingcpp
from PIL import Image

from service.qr import ERROR_CORRECTION, qr_svg

URL = "https://mingle.example.org/a/Zx3_kP0-abcdefghijklmnopqrstuvwxyz012345"


def modules_drawn(svg: str) -> list[list[bool]]:
    size = int(re.search(r'viewBox="0 0 (\d+) \1"', svg).group(1))  # type: ignore[union-attr]
    grid = [[False] * size for _ in range(size)]
    dark_path = re.search(r'<path fill="#000" d="([^"]*)"', svg).group(1)  # type: ignore[union-attr]
    for x, y, width in re.findall(r"M(\d+) (\d+)h(\d+)v1h-\3z", dark_path):
        for column in range(int(x), int(x) + int(width)):
            grid[int(y)][column] = True
    return grid


@pytest.mark.parametrize("mask", [None, 0, 4, 7])
def test_the_svg_draws_exactly_the_codes_modules_and_decodes(mask: int | None) -> None:
    svg = qr_svg(URL, mask_pattern=mask)
    expected = qrcode.QRCode(error_correction=ERROR_CORRECTION, border=4, mask_pattern=mask)
    expected.add_data(URL)
    expected.make()
    assert modules_drawn(svg) == expected.get_matrix()
    pixels = np.kron(np.array(modules_drawn(svg)), np.ones((4, 4))) == 0
    decoded = zxingcpp.read_barcodes(Image.fromarray((pixels * 255).astype(np.uint8)))
    assert [result.text for result in decoded] == [URL]


def test_the_label_is_escaped_and_the_size_left_to_css() -> None:
    svg = qr_svg(URL, label='Ana "<script>"')
    assert 'aria-label="Ana &#34;&lt;script&gt;&#34;"' in svg
    assert "width=" not in svg and "height=" not in svg


def test_the_same_link_gives_the_same_code_without_drawing_it_again() -> None:
    assert qr_svg(URL, label="x") is qr_svg(URL, label="x")
