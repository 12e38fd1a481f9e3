"""Every route of the app, asked with hostile input: never a server error, never a traceback.

Routes are read from the app itself and form fields from its pages and templates, so a route or a
field added later is covered without touching this file. Each route gets an event of its own (a
route that deletes or removes must not leave the next ones nothing to act on), with a planned and
published round, so that the rounds, follow-up and printing routes have something to show."""

from __future__ import annotations

import re
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from litestar import Litestar
from litestar.testing import TestClient

from service.app import create_app
from service.settings import Settings
from tests.factories import SeededEvent, act, csrf_token, plan_and_wait, seed_rounds_event

HOSTILE_VALUES = [
    "",
    "-1",
    "0",
    "99999999999999999999999",
    "1e309",
    "nan",
    "abc",
    '<script>alert(1)</script>"><img src=x onerror=alert(2)>',
    "' OR 1=1 --",
    "\x00",
    "\u202e\ufeff\U0001f600" * 50,
    "a" * 5000,
    "../../../../etc/passwd",
    "2026-13-45T25:61",
    "on",
]
BOGUS_PATH_VALUES = ["nope", "0", "x" * 300, "%2e%2e%2f"]
FIELD = re.compile(r'<(?:input|select|textarea|button)[^>]*\bname="([^"{]+)"')
TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
SKIPPED_GET = re.compile(r"/live$")  # event streams never end; tests/service/events/test_live_stream.py


@pytest.fixture
def app(settings: Settings) -> Litestar:
    return create_app(replace(settings, rate_limits=False))


def path_values(seeded: SeededEvent, path: str) -> dict[str, str]:
    """A real value for each parameter of a route's path."""
    # The attendee's page acts on an attendee of the event (themselves, as partner: that is hostile too).
    attendee_token, attendee_id = seeded.attendee_tokens[0], next(iter(seeded.ids.values()))
    by_prefix = {
        "/o/": seeded.organiser_token,
        "/a/": attendee_token,
        "/c/": seeded.checkin_code,
        "/s/": seeded.screen_code,
    }
    code = {"/c/": seeded.checkin_code, "/s/": seeded.screen_code, "/p/": next(iter(seeded.public_codes.values()))}
    return {
        "token": by_prefix.get(path[:3], attendee_token),
        "code": code.get(path[:3], seeded.checkin_code),
        "attendee_id": attendee_id,
        "partner_id": attendee_id,
        "other_id": attendee_id,
        "round_number": "1",
        "action": "start",
        "file_path": "app.css",
        "path": "openapi.json",
    }


def filled(path: str, values: dict[str, str]) -> str:
    return re.sub(r"{(\w+)(?::\w+)?}", lambda m: values[m.group(1)], path)


def routes(app: Litestar) -> list[tuple[str, str]]:
    return sorted(
        (method, route.path)
        for route in app.routes
        for method in getattr(route, "methods", ())
        if method in ("GET", "POST")
    )


def field_names(client: TestClient[Litestar], pages: list[str]) -> set[str]:
    """The fields of the forms on these pages, and of every form written in the templates (some
    show only in a state the event is not in: an import's preview, a swap)."""
    names = {name for page in pages for name in FIELD.findall(client.get(page).text)}
    names |= {name for template in TEMPLATES.rglob("*.html") for name in FIELD.findall(template.read_text("utf-8"))}
    return names - {"_csrf_token"}


def prepared_event(client: TestClient[Litestar], settings: Settings) -> SeededEvent:
    seeded = seed_rounds_event(settings)
    plan_and_wait(client, seeded, seconds=1)
    assert act(client, seeded, "publish").status_code == 303
    return seeded


def assert_handled(response: Any, what: str) -> None:
    assert response.status_code < 500, f"{what}: {response.status_code}\n{response.text[:800]}"
    assert "Traceback" not in response.text, what


@pytest.mark.slow
def test_no_route_answers_hostile_input_with_a_server_error(client: TestClient[Litestar], settings: Settings) -> None:
    asked = 0
    names: set[str] = set()
    for method, path in routes(client.app):
        if method == "GET" and SKIPPED_GET.search(path):
            continue
        seeded = prepared_event(client, settings)
        values = path_values(seeded, path)
        url = filled(path, values)
        if not names:  # the fields of every form the app shows, read once from its pages
            gets = [filled(p, path_values(seeded, p)) for m, p in routes(client.app) if m == "GET"]
            names = field_names(client, [g for g in gets if not SKIPPED_GET.search(g)])
        variants = [url] + [filled(path, {**values, name: bogus}) for name in values for bogus in BOGUS_PATH_VALUES]
        for target in dict.fromkeys(variants):
            form = {"_csrf_token": csrf_token(client)}
            response = client.request(method, target, data=form if method == "POST" else None, follow_redirects=False)
            assert_handled(response, f"{method} {target}")
            asked += 1
        for value in HOSTILE_VALUES:
            form = {"_csrf_token": csrf_token(client), **dict.fromkeys(names, value)}
            what = f"{method} {path} with every field {value[:20]!r}"
            if method == "GET":
                # (short values: clients and proxies cap the length of a link)
                response = client.get(url, params=dict.fromkeys(names, value[:50]), follow_redirects=False)
            else:
                response = client.post(url, data=form, follow_redirects=False)
                assert_handled(response, what)
                upload = {"file": ("list.csv", value.encode(), "text/csv")}
                response = client.post(url, data=form, files=upload, follow_redirects=False)
                what += " as a file upload"
            assert_handled(response, what)
            asked += 1
    assert asked > 500 and len(names) > 30  # the routes and fields were really found


class Forms(HTMLParser):
    """The forms of a page as a browser would send them unchanged: (action, fields)."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[tuple[str, dict[str, str]]] = []
        self._select: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form" and a.get("method", "get").lower() == "post":
            self.forms.append((a.get("action", ""), {}))
        elif not self.forms or "name" not in a or "disabled" in a:
            return
        elif tag == "select":
            self._select = a["name"]
        elif tag == "option" and self._select and (self._select not in self.forms[-1][1] or "selected" in a):
            self.forms[-1][1][self._select] = a.get("value", "")
        elif tag == "textarea":
            self.forms[-1][1][a["name"]] = ""
        elif tag == "input" and (a.get("type") not in ("checkbox", "radio", "file") or "checked" in a):
            self.forms[-1][1][a["name"]] = a.get("value", "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self._select = None


def page_forms(client: TestClient[Litestar], page: str) -> list[tuple[str, dict[str, str]]]:
    parser = Forms()
    parser.feed(client.get(page).text)
    return [(action or page, fields) for action, fields in parser.forms if action.startswith("/") or not action]


@pytest.mark.slow
def test_every_form_survives_any_one_of_its_fields_made_hostile(
    client: TestClient[Litestar], settings: Settings
) -> None:
    seeded = prepared_event(client, settings)
    pages = [
        filled(p, path_values(seeded, p)) for m, p in routes(client.app) if m == "GET" and not SKIPPED_GET.search(p)
    ]
    forms = {(action, tuple(sorted(fields))): fields for page in pages for action, fields in page_forms(client, page)}
    assert len(forms) > 20  # the pages' forms were really found
    for (action, _), fields in forms.items():
        for name in set(fields) - {"_csrf_token"}:
            for value in HOSTILE_VALUES:
                data = {**fields, name: value, "_csrf_token": csrf_token(client)}
                assert_handled(
                    client.post(action, data=data, follow_redirects=False), f"{action} {name}={value[:20]!r}"
                )
