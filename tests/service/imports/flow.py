"""Driving the import pages as a browser would: upload, read the preview form, send it back."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import httpx

from tests.factories import post_form

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "imports"


class FormFields(HTMLParser):
    """The fields the preview's confirm form would send: hidden inputs and each select's choice."""

    def __init__(self) -> None:
        super().__init__()
        self.fields: dict[str, str] = {}
        self._select: str | None = None
        self._first_option: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name: value or "" for name, value in attrs}
        if tag == "input" and attributes.get("type") == "hidden" and attributes.get("name"):
            self.fields[attributes["name"]] = attributes.get("value", "")
        elif tag == "select":
            self._select, self._first_option = attributes.get("name"), None
        elif tag == "option" and self._select:
            value = attributes.get("value", "")
            if self._first_option is None:
                self._first_option = value
                self.fields.setdefault(self._select, value)
            if "selected" in attributes:
                self.fields[self._select] = value

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self._select = None


def preview_fields(page: str) -> dict[str, str]:
    parser = FormFields()
    parser.feed(page)
    parser.fields.pop("_csrf_token", None)  # post_form adds the current one
    return parser.fields


def upload(client: Any, organiser_path: str, data: bytes, filename: str = "people.csv") -> httpx.Response:
    return post_form(client, organiser_path + "/import", {}, files={"file": (filename, data, "text/csv")})


def upload_fixture(client: Any, organiser_path: str, name: str) -> httpx.Response:
    return upload(client, organiser_path, (FIXTURES / name).read_bytes(), name)


def confirm(client: Any, organiser_path: str, preview: httpx.Response, **choices: str) -> httpx.Response:
    """Send the preview form back with its guesses (and any ``choices``), pressing "Import"."""
    assert preview.status_code == 200, preview.text[:2000]
    fields = {**preview_fields(preview.text), **choices, "step": "import"}
    return post_form(client, organiser_path + "/import/confirm", fields)


def import_file(client: Any, organiser_path: str, data: bytes, **choices: str) -> httpx.Response:
    return confirm(client, organiser_path, upload(client, organiser_path, data), **choices)
