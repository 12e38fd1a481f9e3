"""The planner's time limit at the largest sizes: 10,000 people with a 5 s limit (``python -m bench
solver_deadline``). Wall time is measured around ``plan()``, the whole call (profile scoring
included); the plan is checked with ``check_plan``. Target on the shared 2-core machine: about 6 s.
"""

from __future__ import annotations

import time

from solver import Format, check_plan, plan
from solver.generate import generate
from solver.metrics import fairness

CASES = ((10_000, Format(), 5.0), (5_000, Format(), 5.0), (10_000, Format(), 20.0))
COLUMNS = ("instance", "people", "limit s", "wall s", "objective", "bound", "gap %", "min", "repeats", "problems")


def main() -> int:
    print("  ".join(f"{c:>10}" for c in COLUMNS))
    failures = 0
    for people, fmt, limit in CASES:
        instance = generate(people, 6, seed=people, fmt=fmt, time_limit_seconds=limit)
        started = time.perf_counter()
        result = plan(instance)
        wall = time.perf_counter() - started
        problems = check_plan(instance, result)
        lowest, _ = fairness(list(result.person_values.values()))
        name = f"{fmt.kind}-{people}"
        cells = (
            name,
            str(people),
            f"{limit:.1f}",
            f"{wall:.2f}",
            f"{result.objective:.1f}",
            f"{result.upper_bound:.1f}",
            f"{100 * result.gap:.2f}",
            f"{lowest:.2f}",
            str(result.repeats),
            str(len(problems)),
        )
        print("  ".join(f"{c:>10}" for c in cells), flush=True)
        failures += bool(problems)
    return 1 if failures else 0
