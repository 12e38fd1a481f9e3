"""The solver's shape: no import circles, never the web service, short modules, data shipped."""

from __future__ import annotations

import ast
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SOLVER = ROOT / "solver"
MAX_LINES = 300


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports() -> dict[str, set[str]]:
    """Each solver module's imports of other modules (``from x import y`` counts x)."""
    graph: dict[str, set[str]] = {}
    for path in SOLVER.rglob("*.py"):
        found: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                found.add(node.module)
            elif isinstance(node, ast.Import):
                found.update(alias.name for alias in node.names)
        graph[module_name(path)] = found
    return graph


def test_no_import_circles_among_the_solver_modules():
    graph = {m: {d for d in deps if d.startswith("solver.")} for m, deps in imports().items()}
    done: set[str] = set()

    def visit(module: str, path: list[str]) -> None:
        for dependency in sorted(graph.get(module, ())):
            assert dependency not in path, " -> ".join([*path, dependency])
            if dependency not in done:
                visit(dependency, [*path, dependency])
        done.add(module)

    for module in sorted(graph):
        visit(module, [module])


def test_the_solver_never_imports_the_service():
    assert not {m for m, deps in imports().items() if any(d.split(".")[0] == "service" for d in deps)}


def test_every_module_is_short():
    long = {
        module_name(p): n for p in SOLVER.rglob("*.py") if (n := len(p.read_text("utf-8").splitlines())) > MAX_LINES
    }
    assert not long


def test_every_solver_package_and_data_file_is_packaged():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["setuptools"]
    assert "solver*" in config["packages"]["find"]["include"]
    assert "data/*" in config["package-data"]["solver"]
    assert all(
        (folder / "__init__.py").exists()
        for folder in SOLVER.rglob("*")
        if folder.is_dir() and any(folder.glob("*.py"))
    )
    assert {p.name for p in (SOLVER / "data").iterdir()} >= {"vocabulary.json", "help_eval.json"}
