"""200 people, 6 rounds, pairs and tables of 3-5: a plan without preferences against one with
150 wishes, 150 declined pairs, 40 organisations kept apart and "founder meets investor, mentor"
(40 founders, 30 investors, 20 mentors, 110 others). Every plan goes through ``check_plan``."""

from __future__ import annotations

import dataclasses
import random
import time

from solver import Format, Instance, check_plan, plan
from solver.generate import generate

PEOPLE, ROUNDS, SECONDS = 200, 6, 5.0


def with_preferences(base: Instance) -> Instance:
    rng = random.Random(1)
    roles = ["founder"] * 40 + ["investor"] * 30 + ["mentor"] * 20 + ["other"] * (PEOPLE - 90)
    rng.shuffle(roles)
    people = tuple(
        dataclasses.replace(p, role=roles[k], organisation=f"Org {rng.randrange(40)}")
        for k, p in enumerate(base.people)
    )
    ids = [p.id for p in people]
    wishes = {(rng.choice(ids), rng.choice(ids)) for _ in range(150)}
    return dataclasses.replace(
        base,
        people=people,
        wishes=frozenset(w for w in wishes if w[0] != w[1]),
        declined=frozenset(frozenset(rng.sample(ids, 2)) for _ in range(150)),
        avoid_same_organisation=True,
        role_rules={"founder": frozenset({"investor", "mentor"})},
    )


def main() -> int:
    print(
        f"{'format':8} {'preferences':12} {'seconds':>8} {'objective':>10} {'repeats':>8} {'broken':>7} {'declined met':>13}"
    )
    failures = 0
    for fmt in (Format(), Format("tables", 3, 5)):
        base = dataclasses.replace(generate(PEOPLE, ROUNDS, seed=PEOPLE, fmt=fmt), time_limit_seconds=SECONDS)
        for name, instance in (("none", base), ("all", with_preferences(base))):
            started = time.perf_counter()
            result = plan(instance)
            seconds = time.perf_counter() - started
            problems = check_plan(instance, result)
            failures += bool(problems)
            print(
                f"{fmt.kind:8} {name:12} {seconds:8.2f} {result.objective:10.1f} {result.repeats:8} "
                f"{len(result.broken_rules):7} {result.declined_meetings:13}"
                + (f"  INVALID: {problems[0]}" if problems else "")
            )
    return 1 if failures else 0
