"""Form text must be UTF-8 without NUL characters: checked once, on the raw body, before route code.

Litestar reads a urlencoded body as Latin-1 and turns undecodable escapes into U+FFFD, so text that
was not UTF-8 was stored as mojibake; a multipart text field that was not UTF-8 was a 500. A NUL
cannot be typed into a form and PostgreSQL refuses it in text (another 500). Such a form is refused
with a 400 page that says why, and nothing is stored.
"""

from __future__ import annotations

import re
from urllib.parse import unquote_to_bytes

from litestar import Request
from litestar.exceptions import HTTPException
from litestar.types import Scope
from multipart import MultipartError, MultipartSegment, PushMultipartParser

URLENCODED = "application/x-www-form-urlencoded"
MULTIPART = "multipart/form-data"
_RAW_NON_ASCII = re.compile(rb"[\x80-\xff]")


class UnreadableFormText(HTTPException):
    status_code = 400
    user_facing = True


def unreadable(problem: str) -> UnreadableFormText:
    return UnreadableFormText(
        detail=f"What was sent {problem}, so nothing was saved. "
        "Please type it again (or paste it as plain text) and send the form again."
    )


def checked_text(raw: bytes, charset: str = "utf-8") -> None:
    try:
        text = raw.decode(charset)
    except (UnicodeDecodeError, LookupError):
        raise unreadable("is not readable text (not UTF-8)") from None
    if "\x00" in text:
        raise unreadable("contains a NUL character, which no form field accepts")


def checked_form_body(scope: Scope, body: bytes) -> bytes:
    """The body the app should read: unchanged, or with raw UTF-8 bytes of a urlencoded form
    percent-escaped (Litestar would read them as Latin-1); raises on text that is not UTF-8."""
    content_type, options = Request(scope).content_type
    if content_type == URLENCODED:
        return checked_urlencoded(body)
    if content_type == MULTIPART and options.get("boundary"):
        check_multipart_text(body, options["boundary"])
    return body


def checked_urlencoded(body: bytes) -> bytes:
    for pair in body.split(b"&"):
        for part in pair.split(b"=", 1):
            checked_text(unquote_to_bytes(part.replace(b"+", b" ")))
    # Browsers escape every byte above ASCII; a client that did not gets the same reading.
    return _RAW_NON_ASCII.sub(lambda match: b"%%%02X" % match[0][0], body)


def check_multipart_text(body: bytes, boundary: str) -> None:
    """Every field without a file name must be readable text; files are their handler's business.
    A malformed body is left for Litestar's own parser to refuse."""
    segment: MultipartSegment | None = None
    data = bytearray()
    try:
        with PushMultipartParser(boundary) as parser:
            for chunk in (body, b""):
                for event in parser.parse(chunk):
                    if isinstance(event, MultipartSegment):
                        segment, data = event, bytearray()
                    elif event is None:
                        if segment is not None and not segment.filename:
                            checked_text(bytes(data), segment.charset or "utf-8")
                        segment = None
                    elif segment is not None and not segment.filename:
                        data += event
    except MultipartError:
        return
