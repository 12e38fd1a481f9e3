from litestar import Litestar
from litestar.testing import TestClient


def test_health_check_answers(client: TestClient[Litestar]) -> None:
    assert client.get("/healthz").json() == {"status": "ok"}


def test_unknown_page_is_a_friendly_404(client: TestClient[Litestar]) -> None:
    response = client.get("/no/such/page")
    assert response.status_code == 404
    assert "Page not found" in response.text
    assert "Traceback" not in response.text
