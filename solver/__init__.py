"""Mingle's solver: who can help whom (with reasons) and the plan of conversation rounds.

Pure Python and OR-Tools; it never imports the web service.
"""

from solver.check import check_plan
from solver.model import Format, Group, Instance, Person, Plan, Profile, Progress, Table
from solver.planner import plan
from solver.scoring import Helper, help_score, mutual_score, rank_helpers, reasons_for
from solver.validate import InstanceError

__all__ = [
    "Format",
    "Group",
    "Helper",
    "Instance",
    "InstanceError",
    "Person",
    "Plan",
    "Profile",
    "Progress",
    "Table",
    "check_plan",
    "help_score",
    "mutual_score",
    "plan",
    "rank_helpers",
    "reasons_for",
]
