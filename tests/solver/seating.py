"""A greedy seating of an instance with its meeting matrices, the starting point of the table search tests."""

from solver import Instance
from solver.indices import Schedule
from solver.setup import Setup, build_setup
from solver.tables.greedy import greedy_seating
from solver.tables.meetings import Meetings


def seated(instance: Instance) -> tuple[Setup, Schedule, Meetings]:
    setup = build_setup(instance)
    meetings = Meetings(setup, {})
    seating = greedy_seating(setup, meetings)
    return setup, seating, Meetings(setup, seating)
