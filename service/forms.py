"""Reading plain HTML forms: raw values in, cleaned text or per-field messages out.

Forms are posted as ordinary HTML (no JavaScript needed). Every handler re-renders the
form with what the person typed and a message next to each field that needs fixing, so
these helpers never raise: they collect messages in a ``FieldErrors`` mapping.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from typing import Any

# Bidirectional embedding/override/isolate controls can make a name display as something
# else ("spoofing"); plain right-to-left text needs none of them.
_BIDI_CONTROLS = dict.fromkeys(map(ord, "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))
_WHITESPACE = re.compile(r"\s+")

RAW_SLACK = 4  # raw text may be this many times a limit (spaces, controls) before it is refused unread
FieldErrors = dict[str, str]
FormValues = dict[str, str]


def form_text(form: Mapping[str, Any], name: str) -> str:
    """The submitted text of one field; anything that is not text (a file, nothing) reads as ''."""
    value = form.get(name)
    return value if isinstance(value, str) else ""


def form_checked(form: Mapping[str, Any], name: str) -> bool:
    return form_text(form, name) not in ("", "0", "false", "off")


def clean_line(raw: str) -> str:
    """One line of text as people mean it: no control characters, single spaces, trimmed."""
    text = unicodedata.normalize("NFC", raw).translate(_BIDI_CONTROLS)
    text = "".join(ch if unicodedata.category(ch) != "Cc" else " " for ch in text)
    return _WHITESPACE.sub(" ", text).strip()


def too_long_message(limit: int, length: int) -> str:
    return f"Use at most {limit} characters (this has {length:,})."


def checked_line(errors: FieldErrors, field: str, raw: str, *, limit: int, required_message: str | None = None) -> str:
    """Clean ``raw``; record a message under ``field`` when it is empty but required, or too long."""
    if len(raw) > RAW_SLACK * limit:  # hopelessly long: say so without tidying all of it
        errors[field] = too_long_message(limit, len(raw))
        return raw[:limit]
    text = clean_line(raw)
    if required_message and not text:
        errors[field] = required_message
    elif len(text) > limit:
        errors[field] = too_long_message(limit, len(text))
    return text


def checked_int(errors: FieldErrors, field: str, raw: str, *, low: int, high: int, label: str) -> int:
    text = raw.strip()
    try:
        number = int(text)
    except ValueError:
        errors[field] = f"Enter {label} as a whole number from {low} to {high}."
        return low
    if not low <= number <= high:
        errors[field] = f"{label.capitalize()} must be from {low} to {high}."
    return number
