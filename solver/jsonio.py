"""Instances and plans as JSON (the CLI's format, documented in docs/solver.md)."""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from typing import Any

from solver.metrics import fairness
from solver.model import Format, Group, Instance, Person, Plan, Profile, Round, Table
from solver.validate import InstanceError


def load_instance(text: str) -> Instance:
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as error:
        raise InstanceError(f"not valid JSON: {error.msg} at line {error.lineno} column {error.colno}") from None
    return instance_from_json(raw)


def instance_from_json(raw: Any) -> Instance:
    obj = _object(raw, "the instance")
    _only(
        obj,
        "the instance",
        {
            "people",
            "rounds",
            "format",
            "frozen",
            "previous",
            "must_not_meet",
            "met_before",
            "weights",
            "wishes",
            "declined",
            "avoid_same_organisation",
            "role_rules",
            "seed",
            "time_limit_seconds",
            "solver_threads",
        },
    )
    people = tuple(_person(p, k) for k, p in enumerate(_list(obj.get("people"), "people")))
    weights = None
    if obj.get("weights") is not None:
        weights = {}
        for k, entry in enumerate(_list(obj["weights"], "weights")):
            if not isinstance(entry, list) or len(entry) != 3:
                raise InstanceError(f"weights[{k}] must be [id, id, weight]")
            a, b, w = (
                _str(entry[0], f"weights[{k}][0]"),
                _str(entry[1], f"weights[{k}][1]"),
                _number(entry[2], f"weights[{k}][2]"),
            )
            weights[frozenset((a, b))] = w
    return Instance(
        people=people,
        rounds=_int(obj.get("rounds"), "rounds"),
        format=_format(obj.get("format", {"kind": "pairs"})),
        frozen=_rounds(obj.get("frozen", []), "frozen"),
        previous=_rounds(obj.get("previous", []), "previous"),
        must_not_meet=_pairs(obj.get("must_not_meet", []), "must_not_meet"),
        met_before=_pairs(obj.get("met_before", []), "met_before"),
        weights=weights,
        wishes=frozenset(_wish(w, k) for k, w in enumerate(_list(obj.get("wishes", []), "wishes"))),
        declined=_pairs(obj.get("declined", []), "declined"),
        avoid_same_organisation=_bool(obj.get("avoid_same_organisation", False), "avoid_same_organisation"),
        role_rules=_role_rules(obj.get("role_rules", {})),
        seed=_int(obj.get("seed", 0), "seed"),
        time_limit_seconds=_number(obj.get("time_limit_seconds", 10.0), "time_limit_seconds"),
        solver_threads=_int(obj.get("solver_threads", 2), "solver_threads"),
    )


def instance_to_json(instance: Instance) -> dict[str, Any]:
    fmt = instance.format
    out: dict[str, Any] = {"rounds": instance.rounds, "format": {"kind": fmt.kind}}
    if fmt.kind == "tables":
        out["format"] |= {"min_size": fmt.min_size, "max_size": fmt.max_size}
        if fmt.tables:
            out["format"]["tables"] = [{"label": t.label, "capacity": t.capacity} for t in fmt.tables]
    out["people"] = [_person_to_json(p) for p in instance.people]
    for name in ("frozen", "previous"):
        if getattr(instance, name):
            out[name] = rounds_to_json(getattr(instance, name))
    for name in ("must_not_meet", "met_before", "declined"):
        if getattr(instance, name):
            out[name] = sorted(sorted(pair) for pair in getattr(instance, name))
    if instance.weights is not None:
        out["weights"] = [
            [*sorted(pair), w] for pair, w in sorted(instance.weights.items(), key=lambda kv: sorted(kv[0]))
        ]
    if instance.wishes:
        out["wishes"] = sorted(list(w) for w in instance.wishes)
    if instance.avoid_same_organisation:
        out["avoid_same_organisation"] = True
    if instance.role_rules:
        out["role_rules"] = {role: sorted(meets) for role, meets in sorted(instance.role_rules.items())}
    out |= {
        "seed": instance.seed,
        "time_limit_seconds": instance.time_limit_seconds,
        "solver_threads": instance.solver_threads,
    }
    return out


def rounds_to_json(rounds: Sequence[Round]) -> list[list[dict[str, Any]]]:
    return [[{"table": g.table, "members": list(g.members)} for g in groups] for groups in rounds]


def plan_to_json(plan: Plan, instance: Instance) -> dict[str, Any]:
    present_somewhere = [p.id for p in instance.people if p.rounds is None or p.rounds]
    lowest, p10 = fairness([plan.person_values[pid] for pid in present_somewhere])
    return {
        "rounds": rounds_to_json(plan.rounds),
        "objective": plan.objective,
        "upper_bound": plan.upper_bound,
        "gap": plan.gap,
        "repeats": plan.repeats,
        "min_person_value": lowest,
        "p10_person_value": p10,
        "person_values": plan.person_values,
        "seconds": round(plan.seconds, 3),
        "notes": plan.notes,
        "declined_meetings": plan.declined_meetings,
        "broken_rules": [
            {"rule": b.rule, "person": b.person, "round": b.round, "why": b.why} for b in plan.broken_rules
        ],
    }


def _person_to_json(person: Person) -> dict[str, Any]:
    out: dict[str, Any] = {"id": person.id, "name": person.name}
    for name in ("interests", "offers", "seeks"):
        if getattr(person.profile, name):
            out[name] = list(getattr(person.profile, name))
    if person.rounds is not None:
        out["rounds"] = sorted(person.rounds)
    for name in ("organisation", "role"):
        if getattr(person, name):
            out[name] = getattr(person, name)
    return out


def _person(raw: Any, k: int) -> Person:
    where = f"people[{k}]"
    obj = _object(raw, where)
    _only(obj, where, {"id", "name", "interests", "offers", "seeks", "rounds", "organisation", "role"})
    pid = _str(obj.get("id"), f"{where}.id")
    profile = Profile(
        *(
            tuple(_str(t, f"{where}.{name}") for t in _list(obj.get(name, []), f"{where}.{name}"))
            for name in ("interests", "offers", "seeks")
        )
    )
    rounds = None
    if obj.get("rounds") is not None:
        rounds = frozenset(_int(r, f"{where}.rounds") for r in _list(obj["rounds"], f"{where}.rounds"))
    return Person(
        pid,
        _str(obj.get("name", pid), f"{where}.name"),
        profile,
        rounds,
        organisation=_text(obj.get("organisation", ""), f"{where}.organisation"),
        role=_text(obj.get("role", ""), f"{where}.role"),
    )


def _format(raw: Any) -> Format:
    obj = _object(raw, "format")
    _only(obj, "format", {"kind", "min_size", "max_size", "tables"})
    kind = obj.get("kind", "pairs")
    if kind not in ("pairs", "tables"):
        raise InstanceError(f"format.kind must be 'pairs' or 'tables', got {kind!r}")
    if kind == "pairs":
        return Format()
    tables = tuple(
        Table(
            _str(_object(t, f"format.tables[{k}]").get("label"), f"format.tables[{k}].label"),
            _int(t.get("capacity"), f"format.tables[{k}].capacity"),
        )
        for k, t in enumerate(_list(obj.get("tables", []), "format.tables"))
    )
    return Format(
        "tables",
        _int(obj.get("min_size", 3), "format.min_size"),
        _int(obj.get("max_size", 5), "format.max_size"),
        tables,
    )


def _rounds(raw: Any, name: str) -> tuple[Round, ...]:
    result = []
    for r, groups in enumerate(_list(raw, name)):
        parsed = []
        for k, g in enumerate(_list(groups, f"{name}[{r}]")):
            where = f"{name}[{r}][{k}]"
            obj = _object(g, where)
            members = tuple(_str(m, f"{where}.members") for m in _list(obj.get("members"), f"{where}.members"))
            parsed.append(Group(_str(obj.get("table", str(k + 1)), f"{where}.table"), members))
        result.append(tuple(parsed))
    return tuple(result)


def _pairs(raw: Any, name: str) -> frozenset[frozenset[str]]:
    pairs = set()
    for k, entry in enumerate(_list(raw, name)):
        if not isinstance(entry, list) or len(entry) != 2:
            raise InstanceError(f"{name}[{k}] must be a list of two person ids")
        pairs.add(frozenset(_str(x, f"{name}[{k}]") for x in entry))
    return frozenset(pairs)


def _wish(raw: Any, k: int) -> tuple[str, str]:
    if not isinstance(raw, list) or len(raw) != 2:
        raise InstanceError(f"wishes[{k}] must be [who, whom]: two person ids")
    return _str(raw[0], f"wishes[{k}][0]"), _str(raw[1], f"wishes[{k}][1]")


def _role_rules(raw: Any) -> dict[str, frozenset[str]]:
    obj = _object(raw, "role_rules")
    return {
        _str(role, "role_rules key"): frozenset(
            _str(r, f"role_rules[{role!r}]") for r in _list(meets, f"role_rules[{role!r}]")
        )
        for role, meets in obj.items()
    }


def _text(raw: Any, where: str) -> str:
    if not isinstance(raw, str):
        raise InstanceError(f"{where} must be a string")
    return raw


def _bool(raw: Any, where: str) -> bool:
    if not isinstance(raw, bool):
        raise InstanceError(f"{where} must be true or false")
    return raw


def _object(raw: Any, where: str) -> dict:
    if not isinstance(raw, dict):
        raise InstanceError(f"{where} must be a JSON object")
    return raw


def _only(obj: dict, where: str, allowed: set[str]) -> None:
    unknown = sorted(set(obj) - allowed)
    if unknown:
        raise InstanceError(f"{where} has unknown field {unknown[0]!r}")


def _list(raw: Any, where: str) -> list:
    if not isinstance(raw, list):
        raise InstanceError(f"{where} must be a JSON list")
    return raw


def _str(raw: Any, where: str) -> str:
    if not isinstance(raw, str) or not raw.strip():
        raise InstanceError(f"{where} must be a non-empty string")
    return raw


def _int(raw: Any, where: str) -> int:
    if isinstance(raw, bool) or not isinstance(raw, int):
        raise InstanceError(f"{where} must be a whole number")
    return raw


def _number(raw: Any, where: str) -> float:
    if isinstance(raw, bool) or not isinstance(raw, int | float) or not math.isfinite(raw):
        raise InstanceError(f"{where} must be a number")
    return float(raw)
