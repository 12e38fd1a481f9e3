from solver import Format
from solver.generate import generate
from solver.tables.meetings import Meetings
from tests.solver.seating import seated


def test_meeting_counts_follow_swaps_and_resets():
    instance = generate(12, rounds=2, seed=1, fmt=Format("tables", 3, 3))
    setup, seating, meetings = seated(instance)
    ta, tb = seating[0][0], seating[0][1]
    a, b = ta[0], tb[0]
    meetings.swap(a, ta, b, tb)
    fresh = Meetings(setup, seating)
    assert (fresh.count == meetings.count).all()
    meetings.reset(seating)
    assert (fresh.count == meetings.count).all()
