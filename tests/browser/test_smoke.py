from playwright.sync_api import Page

from tests.live_server import LiveServer


def test_a_missing_page_shows_a_friendly_message(live_server: LiveServer, page: Page) -> None:
    response = page.goto(f"{live_server.url}/no/such/page")
    assert response is not None and response.status == 404
    assert page.get_by_role("heading", name="Page not found").is_visible()
