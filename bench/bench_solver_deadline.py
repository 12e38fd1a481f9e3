"""The planner's time limit at the largest sizes (``python -m bench solver_deadline``): pairs of
5,000 and 10,000 people, and tables events of 3,000 and 10,000 (groups of 3-6). Wall time is
measured around ``plan()``, the whole call (profile scoring included); the plan is checked with
``check_plan``; "rss MB" is the process's peak memory so far. Target: the time limit plus
``OVERHEAD_SECONDS`` on a quiet machine; the load average is printed with each row, since a
loaded 2-core machine runs every stage slower.
"""

from __future__ import annotations

import os
import resource
import time

from solver import Format, check_plan, plan
from solver.generate import generate
from solver.metrics import fairness

OVERHEAD_SECONDS = 0.5  # what the planner may take beyond its time limit (turning the last stage into a plan)
CASES = (
    (10_000, Format(), 5.0),
    (5_000, Format(), 5.0),
    (10_000, Format(), 20.0),
    (3_000, Format("tables", 3, 6), 5.0),
    (10_000, Format("tables", 3, 6), 5.0),  # planned in sections (solver.tables.sections)
)
COLUMNS = (
    "instance",
    "people",
    "limit s",
    "wall s",
    "objective",
    "bound",
    "gap %",
    "min",
    "repeats",
    "problems",
    "rss MB",
    "load",
)


def main() -> int:
    print(f"target: wall <= limit + {OVERHEAD_SECONDS} s on a quiet machine; 'load' is the 1-minute load average")
    print("  ".join(f"{c:>10}" for c in COLUMNS))
    failures = 0
    for people, fmt, limit in CASES:
        instance = generate(people, 6, seed=people, fmt=fmt, time_limit_seconds=limit)
        started = time.perf_counter()
        result = plan(instance)
        wall = time.perf_counter() - started
        problems = check_plan(instance, result)
        lowest, _ = fairness(list(result.person_values.values()))
        name = f"{fmt.kind}-{people}" if fmt.kind == "pairs" else f"tables{fmt.min_size}-{fmt.max_size}-{people}"
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
            f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f}",
            f"{os.getloadavg()[0]:.1f}",
        )
        print("  ".join(f"{c:>10}" for c in cells), flush=True)
        failures += bool(problems)
    return 1 if failures else 0
