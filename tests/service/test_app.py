import os
import subprocess
import sys
import tomllib
from importlib import metadata
from pathlib import Path

from litestar import Litestar
from litestar.testing import TestClient
from packaging.requirements import Requirement

from service.app import create_app
from service.errors import PLAIN_MESSAGES
from service.events import hooks as event_hooks
from service.rounds import hooks as rounds_hooks
from service.rounds import pages
from service.settings import Settings

REPO = Path(__file__).resolve().parents[2]


def test_health_check_answers(client: TestClient[Litestar]) -> None:
    assert client.get("/healthz").json() == {"status": "ok"}


def test_unknown_page_is_a_friendly_404(client: TestClient[Litestar]) -> None:
    response = client.get("/no/such/page")
    assert response.status_code == 404
    assert "Page not found" in response.text
    assert "Traceback" not in response.text


def test_there_are_no_api_schema_pages(client: TestClient[Litestar]) -> None:
    for page in ("/schema", "/schema/swagger", "/schema/openapi.json"):
        assert client.get(page).status_code == 404


def test_a_link_no_static_file_can_have_is_not_found(client: TestClient[Litestar]) -> None:
    assert client.get("/static/mingle.css").status_code == 200
    for link in ("/static/" + "x" * 300, "/static/mingle.css/more", "/static/../pyproject.toml"):
        response = client.get(link)
        assert response.status_code == 404, link
        assert "Page not found" in response.text


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


# What ``make run`` does on a machine with Mingle's own dependencies only: a module that only an
# optional extra (tests, Redis, PostgreSQL, the MiniLM model, lint) installs cannot be imported.
BASE_ONLY_SCRIPT = """
import importlib.abc, io, os, re, sys, contextlib
blocked = set(sys.argv[1].split(","))

class OnlyBaseDependencies(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.partition(".")[0] in blocked:
            raise ModuleNotFoundError(f"No module named {name!r} (an optional extra)", name=name)
        return None

sys.meta_path.insert(0, OnlyBaseDependencies())
from litestar.testing import TestClient
from service.__main__ import main
from service.app import create_app
from service.settings import Settings

assert main(["migrate"]) == 0
printed = io.StringIO()
with contextlib.redirect_stdout(printed):
    assert main(["demo"]) == 0
links = re.findall(r"http://testserver\\.local(/[a-z]/\\S+)", printed.getvalue())
assert len(links) == 3, printed.getvalue()
with TestClient(create_app(Settings.from_env())) as client:
    for link in ["/", "/healthz", *links]:
        response = client.get(link)
        assert response.status_code == 200, (link, response.status_code, response.text[:300])
print("served", len(links) + 2, "pages")
"""


def only_extras_modules() -> list[str]:
    """Top-level modules installed here only because of an optional extra of pyproject.toml."""
    project = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))["project"]
    base = installed_closure(project["dependencies"])
    extras = installed_closure([r for group in project["optional-dependencies"].values() for r in group])
    only_extras = extras - base
    return sorted(
        module
        for module, distributions in metadata.packages_distributions().items()
        if all(canonical(d) in only_extras for d in distributions)
    )


def canonical(name: str) -> str:
    return name.lower().replace("_", "-").replace(".", "-")


def installed_closure(requirements: list[str]) -> set[str]:
    """The installed distributions these requirements pull in, with their own requirements."""
    found: set[str] = set()
    todo = [Requirement(r) for r in requirements]
    while todo:
        requirement = todo.pop()
        name = canonical(requirement.name)
        if name in found:
            continue
        try:
            distribution = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue  # an extra not installed here (the MiniLM model): nothing of it to block
        found.add(name)
        extras = requirement.extras or {""}
        for needed in map(Requirement, distribution.requires or []):
            if needed.marker is None or any(needed.marker.evaluate({"extra": e}) for e in extras):
                todo.append(needed)
    return found


def test_the_server_and_its_demo_run_with_only_mingle_s_own_dependencies(tmp_path: Path) -> None:
    blocked = only_extras_modules()
    assert {"redis", "asyncpg", "pytest"} <= set(blocked)  # the check itself sees the extras
    environment = {**os.environ, "MINGLE_DATA_DIR": str(tmp_path), "MINGLE_BASE_URL": "http://testserver.local"}
    environment.pop("DATABASE_URL", None)
    environment.pop("MINGLE_REDIS_URL", None)
    run = subprocess.run(
        [sys.executable, "-c", BASE_ONLY_SCRIPT, ",".join(blocked)],
        env=environment,
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    assert "served 5 pages" in run.stdout
