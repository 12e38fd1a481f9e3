"""Run every benchmark module (``python -m bench [NAME ...]``); each prints its own table.

A module ``bench/bench_NAME.py`` defines ``main() -> int``. Benchmarks compare against a
baseline measured in the same run, never against numbers from another machine.
"""

from __future__ import annotations

import importlib
import pkgutil
import sys
import time

import bench


def main(argv: list[str]) -> int:
    names = sorted(m.name for m in pkgutil.iter_modules(bench.__path__) if m.name.startswith("bench_"))
    wanted = [n for n in names if not argv or n.removeprefix("bench_") in argv]
    failures = 0
    for name in wanted:
        print(f"\n=== {name.removeprefix('bench_')} ===", flush=True)
        started = time.perf_counter()
        failures += importlib.import_module(f"bench.{name}").main() != 0
        print(f"({name} took {time.perf_counter() - started:.1f} s)", flush=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
