"""Repeat-free seatings for golfer-shaped events: finite fields (``field``), a symmetric CP-SAT search (``rotational``), and trades of whole schedules that keep a design repeat-free (``relabel``)."""
