"""Swapping two people's whole schedules: the move that suits a seating built from a design.

A design (``solver.tables.designs``) leaves nobody meeting twice, but nearly every swap of two people in
one round then makes a repeat, so the swap search can hardly improve its weight. Swapping two
people in *every* round keeps the shape of all meetings: a and b trade partners, so the repeats
stay as they are (unless one of them met the other's partners before the open rounds, which the
check after each move catches). With O the open rounds' meeting matrix and W the weights, the
gain of trading a and b is D[a, b] + D[b, a] - D[a, a] - D[b, b] + 2 W[a, b] O[a, b], D = W Oᵀ,
for all pairs at once. Only people present in the same open rounds can trade.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from solver.indices import Schedule
from solver.setup import Setup
from solver.tables.meetings import Meetings

MAX_TRIES = 8  # best-ranked trades checked per step before giving up


def trade_schedules(setup: Setup, seating: Schedule, meetings: Meetings, should_stop: Callable[[], bool]) -> bool:
    """Hill climb on trades of whole schedules (in place); True when the seating improved."""
    present = [set(setup.present[r]) for r in setup.open_rounds]
    presence = np.array([[p in here for here in present] for p in range(setup.n)], dtype=bool)
    present_somewhere = np.any(presence, axis=1, keepdims=True)
    alike = np.equal(presence[:, None, :], presence[None, :, :]).all(axis=2) & present_somewhere
    np.fill_diagonal(alike, False)
    improved = False
    while not should_stop():
        gains = np.where(alike, _trade_gains(meetings), -np.inf)
        ranked = np.argsort(-gains, axis=None)[: 2 * MAX_TRIES]  # each trade appears twice, (a, b) and (b, a)
        for flat in ranked:
            a, b = divmod(int(flat), setup.n)
            if gains[a, b] <= 1e-9:
                return improved
            if _trade_if_better(a, b, seating, meetings):
                improved = True
                break
        else:
            return improved
    return improved


def _trade_gains(meetings: Meetings) -> np.ndarray:
    met = (meetings.count - meetings.base_count).astype(float)  # meetings in the open rounds
    w = meetings.w
    d = w @ met.T
    diagonal = np.diag(d)
    return d + d.T - diagonal[:, None] - diagonal[None, :] + 2 * w * met


def _trade_if_better(a: int, b: int, seating: Schedule, meetings: Meetings) -> bool:
    """Trade a and b in every round; undo it unless the search score rose and no repeat was added."""
    before, repeats = meetings.search_score(), meetings.repeats()
    _trade(a, b, seating, meetings)
    if meetings.repeats() <= repeats and meetings.search_score() > before + 1e-9:
        return True
    _trade(a, b, seating, meetings)
    return False


def _trade(a: int, b: int, seating: Schedule, meetings: Meetings) -> None:
    for tables in seating.values():
        ta = next((t for t in tables if a in t), None)
        tb = next((t for t in tables if b in t), None)
        if ta is not None and tb is not None and ta is not tb:
            meetings.swap(a, ta, b, tb)
