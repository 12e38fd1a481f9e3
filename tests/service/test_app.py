import subprocess
import sys

from litestar import Litestar
from litestar.testing import TestClient

from service.app import create_app
from service.errors import PLAIN_MESSAGES
from service.events import hooks as event_hooks
from service.rounds import hooks as rounds_hooks
from service.rounds import pages
from service.settings import Settings


def test_health_check_answers(client: TestClient[Litestar]) -> None:
    assert client.get("/healthz").json() == {"status": "ok"}


def test_unknown_page_is_a_friendly_404(client: TestClient[Litestar]) -> None:
    response = client.get("/no/such/page")
    assert response.status_code == 404
    assert "Page not found" in response.text
    assert "Traceback" not in response.text


def test_a_script_asking_for_json_gets_its_errors_as_json(client: TestClient[Litestar]) -> None:
    response = client.get("/o/not-a-token/rounds/status", headers={"accept": "application/json"})
    assert response.status_code == 404
    assert response.json() == {"error": PLAIN_MESSAGES[404], "status": 404}
    assert "<html" in client.get("/o/not-a-token/rounds/status").text  # a browser gets the page


def test_the_rounds_plug_into_the_event_pages_when_the_app_is_made_not_on_import() -> None:
    script = "import service.rounds.hooks\nfrom service.events import hooks\nassert hooks.settings_locks == []"
    subprocess.run([sys.executable, "-c", script], check=True)
    # Nor does the foundation's data model reach up into a domain to register its tables.
    subprocess.run(
        [sys.executable, "-c", "import service.db.models, sys; assert 'service.rounds.models' not in sys.modules"],
        check=True,
    )


def test_making_the_app_registers_the_rounds_hooks_once(settings: Settings) -> None:
    create_app(settings)
    create_app(settings)
    assert event_hooks.settings_locks.count(rounds_hooks.settings_lock) == 1
    assert event_hooks.dashboard_context.count(pages.dashboard_rounds_context) == 1
    assert event_hooks.attendee_page_context.count(pages.attendee_rounds_context) == 1
