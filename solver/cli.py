"""``python -m solver plan|explain|generate``: JSON in, JSON out; one error line and exit code 2 on bad input."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any, NoReturn

from solver.check import check_plan
from solver.generate import generate
from solver.jsonio import instance_to_json, load_instance, plan_to_json
from solver.model import Format, Table
from solver.planner import plan
from solver.scoring import rank_helpers
from solver.validate import InstanceError, validate


class UsageError(Exception):
    """Bad command-line use; argparse would otherwise print usage and exit on its own terms."""


class Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # one line, exit code 2, no usage dump
        raise UsageError(message)


def build_parser() -> Parser:
    parser = Parser(prog="python -m solver", description="Mingle's round planner and help scoring.")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=Parser)
    planning = commands.add_parser("plan", help="plan the rounds of INSTANCE.json")
    planning.add_argument("instance", help="instance JSON file, or - for standard input")
    planning.add_argument("--time-limit", type=float, help="seconds (overrides time_limit_seconds)")
    explaining = commands.add_parser("explain", help="for each person, who can help them most, and why")
    explaining.add_argument("instance")
    explaining.add_argument("--top", type=int, default=5, help="helpers listed per person (default 5)")
    generating = commands.add_parser("generate", help="write a synthetic instance to standard output")
    generating.add_argument("--people", type=int, required=True)
    generating.add_argument("--rounds", type=int, default=6)
    generating.add_argument("--seed", type=int, default=0)
    generating.add_argument("--format", choices=("pairs", "tables"), default="pairs")
    generating.add_argument("--min-size", type=int, default=3)
    generating.add_argument("--max-size", type=int, default=5)
    generating.add_argument("--tables", help="physical tables as LABEL:CAPACITY,LABEL:CAPACITY,...")
    generating.add_argument("--late", type=float, default=0.0, help="share of people arriving at --change-round")
    generating.add_argument("--leave", type=float, default=0.0, help="share of people leaving from --change-round")
    generating.add_argument("--change-round", type=int, help="default: rounds // 2")
    generating.add_argument("--time-limit", type=float, default=10.0)
    return parser


def main(argv: list[str] | None = None) -> int:
    try:
        args = build_parser().parse_args(argv)
        output = COMMANDS[args.command](args)
    except (UsageError, InstanceError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    json.dump(output, sys.stdout, indent=1, ensure_ascii=False)
    sys.stdout.write("\n")
    return 0


def _read(path: str) -> str:
    try:
        return sys.stdin.read() if path == "-" else Path(path).read_text("utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise InstanceError(f"cannot read {path}: {getattr(error, 'strerror', None) or error}") from None


def _plan(args: argparse.Namespace) -> dict[str, Any]:
    instance = load_instance(_read(args.instance))
    if args.time_limit is not None:
        if not args.time_limit > 0:
            raise UsageError("--time-limit must be positive")
        from dataclasses import replace

        instance = replace(instance, time_limit_seconds=args.time_limit)
    result = plan(instance)
    problems = check_plan(instance, result)
    if problems:  # never hand out a plan that breaks a rule; this would be a planner bug
        raise InstanceError(f"internal check failed: {problems[0]}")
    return plan_to_json(result, instance)


def _explain(args: argparse.Namespace) -> dict[str, Any]:
    instance = load_instance(_read(args.instance))
    validate(instance)
    if args.top < 1:
        raise UsageError("--top must be at least 1")
    people = []
    for viewer in instance.people:
        helpers = [
            {"id": h.person.id, "name": h.person.name, "help": h.help, "mutual": h.mutual, "reasons": list(h.reasons)}
            for h in rank_helpers(viewer, instance.people, limit=args.top)
        ]
        people.append({"id": viewer.id, "name": viewer.name, "helpers": helpers})
    return {"people": people}


def _generate(args: argparse.Namespace) -> dict[str, Any]:
    if args.people < 0 or args.rounds < 0:
        raise UsageError("--people and --rounds must be 0 or more")
    if not (0 <= args.late <= 1 and 0 <= args.leave <= 1 and args.late + args.leave <= 1):
        raise UsageError("--late and --leave are shares between 0 and 1")
    fmt = Format()
    if args.format == "tables":
        tables = tuple(_table(spec) for spec in args.tables.split(",")) if args.tables else ()
        fmt = Format("tables", args.min_size, args.max_size, tables)
    instance = generate(
        args.people, args.rounds, args.seed, fmt, args.late, args.leave, args.change_round, args.time_limit
    )
    validate(instance)
    return instance_to_json(instance)


def _table(spec: str) -> Table:
    label, _, capacity = spec.partition(":")
    if not label or not capacity.isdigit():
        raise UsageError(f"--tables entry {spec!r} must look like LABEL:CAPACITY")
    return Table(label, int(capacity))


COMMANDS = {"plan": _plan, "explain": _explain, "generate": _generate}
