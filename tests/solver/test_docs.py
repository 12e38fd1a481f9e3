"""docs/solver.md cannot drift: its command-line examples are run, its synopsis is checked against
the parser, its Python snippets are executed, and its sample plan has the keys a plan has."""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from solver.jsonio import load_instance

ROOT = Path(__file__).resolve().parents[2]
DOC = (ROOT / "docs" / "solver.md").read_text("utf-8")
FENCE = re.compile(r"^```(\w*)\n(.*?)^```", re.MULTILINE | re.DOTALL)


def blocks(language: str) -> list[str]:
    return [body for lang, body in FENCE.findall(DOC) if lang == language]


def block_after(heading: str) -> str:
    """The first fenced block after a heading line."""
    start = DOC.index(heading)
    match = FENCE.search(DOC, start)
    assert match is not None, heading
    return match.group(2)


COMMANDS = [line[2:] for body in blocks("console") for line in body.splitlines() if line.startswith("$ ")]


def run_solver(args: list[str], cwd: Path, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "solver", *args], cwd=cwd, env=env, input=stdin, capture_output=True, timeout=120
    )


def test_the_docs_show_examples_of_every_command():
    shown = {shlex.split(command)[3] for command in COMMANDS}
    assert shown == {"plan", "explain", "generate"}


def run_example(command: str, scratch: Path) -> None:
    words = shlex.split(command)
    assert words[:3] == ["python", "-m", "solver"], command
    args, stdin, stdout_file = words[3:], None, None
    if "<" in args:
        k = args.index("<")
        stdin, args = (scratch / args[k + 1]).read_bytes(), args[:k] + args[k + 2 :]
    if ">" in args:
        k = args.index(">")
        stdout_file, args = args[k + 1], args[:k] + args[k + 2 :]
    done = run_solver(args, scratch, stdin)
    assert done.returncode == 0, (command, done.stderr.decode())
    assert done.stderr == b"", command
    output = json.loads(done.stdout)
    if stdout_file:
        (scratch / stdout_file).write_bytes(done.stdout)
    if args[0] == "plan":
        assert set(output) == set(json.loads(block_after("### Plan (output of `plan`)"))), command
        assert output["repeats"] == 0, command
    elif args[0] == "generate":
        load_instance(done.stdout.decode())
    else:
        assert set(output) == {"people"}, command
        assert all(set(p) == {"id", "name", "helpers"} for p in output["people"]), command


def test_every_example_command_runs_and_prints_what_the_docs_describe(tmp_path: Path):
    """In one test, in order, in a folder with a copy of docs/examples: later examples read what
    earlier ones wrote (as parametrized cases, parallel workers ran them apart and out of order)."""
    shutil.copytree(ROOT / "docs" / "examples", tmp_path / "docs" / "examples")
    for command in COMMANDS:
        run_example(command, tmp_path)


def test_the_synopsis_names_only_options_the_parser_has(tmp_path: Path):
    synopsis = block_after("## CLI")
    by_command: dict[str, set[str]] = {}
    command = ""
    for line in synopsis.splitlines():
        if line.startswith("python -m solver "):
            command = line.split()[3]
        by_command.setdefault(command, set()).update(re.findall(r"--[a-z-]+", line.split("#")[0]))
    assert set(by_command) == {"plan", "explain", "generate"}
    for command, options in by_command.items():
        helped = run_solver([command, "--help"], tmp_path)
        assert helped.returncode == 0
        listed = set(re.findall(r"--[a-z-]+", helped.stdout.decode()))
        assert options <= listed, (command, options - listed)


@pytest.mark.parametrize("snippet", blocks("python"))
def test_the_python_snippets_run(snippet: str):
    exec(compile(snippet, "docs/solver.md", "exec"), {})


def test_the_documented_example_instance_is_accepted():
    instance = load_instance((ROOT / "docs" / "examples" / "meetup.json").read_text("utf-8"))
    assert len(instance.frozen) == 1
    assert instance.must_not_meet and instance.met_before
