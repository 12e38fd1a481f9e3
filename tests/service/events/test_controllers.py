import re
import sqlite3
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from litestar import Litestar
from litestar.testing import TestClient

from service.db.models import Event
from service.events import hooks
from service.settings import Settings
from tests.factories import SeededEvent, post_form, seed_event

VALID_EVENT = {
    "name": "Climate Founders",
    "starts_at": "2026-11-25T19:00",
    "venue": "Hall 2",
    "format": "tables",
    "table_min": "3",
    "table_max": "5",
    "rounds_count": "4",
    "round_minutes": "10",
}
XSS = '<script>alert(1)</script>"><img src=x onerror=alert(2)>'


def event_rows(settings: Settings) -> list[tuple]:
    with sqlite3.connect(settings.data_dir / "mingle.sqlite3") as db:
        return db.execute(
            "select name, format, table_min, table_max, rounds_count, round_minutes, venue from event"
        ).fetchall()


@pytest.fixture
def seeded(settings: Settings) -> SeededEvent:
    return seed_event(settings, people=2, name="Old Name")


def test_the_home_page_offers_a_labelled_event_form(client: TestClient[Litestar]) -> None:
    page = client.get("/")
    assert page.status_code == 200
    for field in ("name", "starts_at", "venue", "table_min", "table_max", "rounds_count", "round_minutes"):
        assert f'<label for="f-{field}"' in page.text
    assert 'name="_csrf_token"' in page.text


def test_creating_an_event_leads_to_its_secret_dashboard(client: TestClient[Litestar], settings: Settings) -> None:
    response = post_form(client, "/", VALID_EVENT)
    assert response.status_code == 303
    location = response.headers["location"]
    token = re.fullmatch(r"/o/([A-Za-z0-9_-]+)\?notice=created", location).group(1)  # type: ignore[union-attr]
    assert len(token) * 6 >= 128  # base64url characters carry 6 bits each
    assert event_rows(settings) == [("Climate Founders", "tables", 3, 5, 4, 10, "Hall 2")]
    dashboard = client.get(location)
    assert dashboard.status_code == 200
    assert "Bookmark this link: it is your key" in dashboard.text
    assert f"http://testserver.local/o/{token}" in dashboard.text


def test_a_bad_event_form_keeps_what_was_typed_and_stores_nothing(
    client: TestClient[Litestar], settings: Settings
) -> None:
    typed = {
        **VALID_EVENT,
        "name": "   ",
        "venue": "V" * 10_240,
        "table_min": "9",
        "table_max": "4",
        "rounds_count": "x",
    }
    response = post_form(client, "/", typed)
    assert response.status_code == 400
    assert "Please give the event a name." in response.text
    assert "this has 10,240" in response.text
    assert "The largest table cannot be smaller than the smallest table." in response.text
    assert 'value="' + "V" * 10_240 + '"' in response.text
    assert event_rows(settings) == []


def test_creating_an_event_without_the_csrf_token_is_refused(client: TestClient[Litestar], settings: Settings) -> None:
    client.get("/")
    response = client.post("/", data=VALID_EVENT, follow_redirects=False)
    assert response.status_code == 403
    assert event_rows(settings) == []


def test_event_text_is_escaped_on_every_organiser_page(client: TestClient[Litestar]) -> None:
    location = post_form(client, "/", {**VALID_EVENT, "name": XSS[:120], "venue": "مركز المدينة 🌍"}).headers[
        "location"
    ]
    base = location.split("?")[0]
    for path in (location, base + "/poster", base + "/settings"):
        page = client.get(path)
        assert page.status_code == 200
        assert "<script>alert(1)" not in page.text and "<img src=x" not in page.text
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page.text
    assert "مركز المدينة 🌍" in client.get(location).text


ORGANISER_PATHS = ["", "/poster", "/settings", "/attendees", "/attendees/new", "/import", "/export.csv", "/live"]


@pytest.mark.parametrize("suffix", ORGANISER_PATHS)
def test_a_wrong_organiser_token_is_a_plain_404(client: TestClient[Litestar], seeded: SeededEvent, suffix: str) -> None:
    wrong = seeded.organiser_token[:-2] + ("aa" if not seeded.organiser_token.endswith("aa") else "bb")
    response = client.get(f"/o/{wrong}{suffix}")
    assert response.status_code == 404
    assert "Page not found" in response.text


def test_organiser_posts_with_a_wrong_token_are_404_and_change_nothing(
    client: TestClient[Litestar], settings: Settings, seeded: SeededEvent
) -> None:
    response = post_form(client, "/o/not-the-token/settings", VALID_EVENT)
    assert response.status_code == 404
    assert event_rows(settings)[0][0] == "Old Name"


def test_the_dashboard_links_to_every_organiser_tool(client: TestClient[Litestar], seeded: SeededEvent) -> None:
    page = client.get(seeded.organiser_path).text
    for href in (
        "/poster",
        "/badges",
        "/table-cards",
        "/rounds",
        "/attendees/new",
        "/import",
        "/export.csv",
        "/settings",
    ):
        assert f'href="{seeded.organiser_path}{href}"' in page
    assert f'href="/s/{seeded.screen_code}"' in page
    assert f"http://testserver.local/c/{seeded.checkin_code}" in page
    assert page.count('class="attendee') >= 2


def test_the_poster_has_a_qr_code_the_short_url_and_the_paper_size(
    client: TestClient[Litestar], seeded: SeededEvent
) -> None:
    page = client.get(seeded.organiser_path + "/poster")
    assert page.status_code == 200
    assert "<svg" in page.text and 'aria-label="QR code to check in to Old Name"' in page.text
    # The address reads as one (tags aside), and may wrap in the host, never inside the code.
    assert f"testserver.local/c/{seeded.checkin_code}" in re.sub(r"<[^>]+>", "", page.text)
    assert f'<span class="url-path">/c/{seeded.checkin_code}</span>' in page.text
    assert "size: A4 portrait" in page.text
    assert "size: Letter portrait" in client.get(seeded.organiser_path + "/poster?paper=letter").text
    assert "size: A4 portrait" in client.get(seeded.organiser_path + "/poster?paper=<b>").text


def test_settings_are_shown_and_saved(client: TestClient[Litestar], settings: Settings, seeded: SeededEvent) -> None:
    form = client.get(seeded.organiser_path + "/settings")
    assert 'value="Old Name"' in form.text
    response = post_form(client, seeded.organiser_path + "/settings", VALID_EVENT)
    assert response.status_code == 303
    assert response.headers["location"] == seeded.organiser_path + "?notice=saved"
    assert event_rows(settings)[0] == ("Climate Founders", "tables", 3, 5, 4, 10, "Hall 2")


def test_bad_settings_are_explained_and_not_saved(
    client: TestClient[Litestar], settings: Settings, seeded: SeededEvent
) -> None:
    response = post_form(client, seeded.organiser_path + "/settings", {**VALID_EVENT, "round_minutes": "500"})
    assert response.status_code == 400
    assert "The minutes per round must be from 1 to 120." in response.text
    assert event_rows(settings)[0][0] == "Old Name"


@pytest.fixture
def rounds_planned_lock() -> Iterator[None]:
    async def planned(_session: object, event: Event) -> str | None:
        return "Rounds are planned: the settings are fixed now."

    hooks.settings_locks.append(planned)
    yield
    hooks.settings_locks.remove(planned)


@pytest.mark.usefixtures("rounds_planned_lock")
def test_settings_cannot_change_once_a_lock_says_so(
    client: TestClient[Litestar], settings: Settings, seeded: SeededEvent
) -> None:
    form = client.get(seeded.organiser_path + "/settings")
    assert "Rounds are planned: the settings are fixed now." in form.text
    assert "<fieldset disabled" in form.text
    response = post_form(client, seeded.organiser_path + "/settings", VALID_EVENT)
    assert response.status_code == 409
    assert event_rows(settings)[0][0] == "Old Name"
    assert "Rounds are planned" in client.get(seeded.organiser_path).text


def test_unknown_dashboard_notices_are_ignored(client: TestClient[Litestar], seeded: SeededEvent) -> None:
    page = client.get(seeded.organiser_path + "?notice=<script>")
    assert page.status_code == 200 and "<script>" not in page.text.split("<main", 1)[1].split("</main>")[0]


@hypothesis_settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    fields=st.dictionaries(
        st.sampled_from(list(VALID_EVENT)),
        st.one_of(st.text(max_size=200), st.integers(-(10**12), 10**12).map(str), st.sampled_from(["pairs", "tables"])),
    )
)
def test_any_event_form_is_either_accepted_or_explained(
    unlimited_client: TestClient[Litestar], fields: dict[str, str]
) -> None:
    response = post_form(unlimited_client, "/", {**VALID_EVENT, **fields})
    assert response.status_code in (303, 400), response.text[:300]
    if response.status_code == 400 and "\x00" in "".join(fields.values()):
        assert "contains a NUL character" in response.text
    elif response.status_code == 400:
        assert 'class="field-error"' in response.text
