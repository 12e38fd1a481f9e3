from __future__ import annotations

from service.db.models import Event
from service.rounds.models import RoundPlan
from service.rounds.organiser_view import summarise


def test_the_weakest_and_bottom_tenth_are_counted_as_the_solver_counts_them() -> None:
    # 20 seated people valued 1..20, and someone who was never seated (value 0, not counted).
    ids = [f"p{i}" for i in range(1, 21)]
    rounds = [[{"table": str(k + 1), "members": ids[2 * k : 2 * k + 2]} for k in range(10)]]
    values = {pid: float(i) for i, pid in enumerate(ids, start=1)} | {"gone": 0.0}
    plan = RoundPlan(
        rounds=rounds,
        person_values=values,
        objective=105.0,
        upper_bound=105.0,
        gap=0.0,
        repeats=0,
        notes=[],
        stopped_early=False,
        solve_seconds=0.1,
        swaps=0,
        kept_rounds=0,
    )
    summary = summarise(Event(format="pairs", table_min=2, table_max=2), plan, {pid: pid for pid in ids}, 0)
    assert summary.weakest == 1.0
    assert summary.p10 == 2.0  # nearest rank: the 2nd lowest of 20, as in the solver's p10
