import random

import numpy as np

from solver import Format, Instance
from solver.generate import generate
from solver.setup import build_setup
from solver.tables.designs.field import design_rounds
from solver.tables.designs.relabel import _trade, _trade_gains, trade_schedules
from solver.tables.meetings import Meetings


def designed(instance: Instance, tables: int, size: int):
    setup = build_setup(instance)
    seating = {
        r: [list(t) for t in seats]
        for r, seats in zip(setup.open_rounds, design_rounds(tables, size, instance.rounds), strict=False)
    }
    return setup, seating, Meetings(setup, seating)


def test_trade_gains_equal_the_actual_score_change():
    instance = generate(25, rounds=4, seed=2, fmt=Format("tables", 5, 5))
    setup, seating, meetings = designed(instance, 5, 5)
    gains = _trade_gains(meetings)
    rng = random.Random(0)
    changes = []
    for _ in range(30):
        a, b = rng.sample(range(setup.n), 2)
        before = meetings.search_score()
        _trade(a, b, seating, meetings)
        changes.append(meetings.search_score() - before)
        assert np.isclose(changes[-1], gains[a, b])
        _trade(a, b, seating, meetings)  # back, so that the gains still apply
    assert sum(abs(change) > 1e-6 for change in changes) >= 20  # real changes, not zeros that agree
    assert max(changes) > 0 > min(changes)


def test_trades_keep_a_design_free_of_repeats_and_raise_its_weight():
    instance = generate(42, rounds=6, seed=3, fmt=Format("tables", 6, 6))
    setup, seating, meetings = designed(instance, 7, 6)
    before = meetings.search_score()
    assert meetings.repeats() == 0
    assert trade_schedules(setup, seating, meetings, lambda: False)
    assert meetings.repeats() == 0
    assert meetings.search_score() > before
    assert (Meetings(setup, seating).count == meetings.count).all()  # the counts follow the seating
    assert all(sorted(p for t in tables for p in t) == list(range(42)) for tables in seating.values())
