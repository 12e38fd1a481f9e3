"""Scoring: what people write turned into concepts (``text``, ``vocabulary``), who can help whom
and why (``help``), and the pair weights the planner maximises (``weights``)."""

from solver.scoring.help import (
    INTEREST_CAP,
    INTEREST_WEIGHT,
    Helper,
    help_score,
    interest_score,
    mutual_score,
    rank_helpers,
    reasons_for,
    vocabulary_help_score,
)
from solver.scoring.vocabulary import Terms, terms

__all__ = [
    "INTEREST_CAP",
    "INTEREST_WEIGHT",
    "Helper",
    "Terms",
    "help_score",
    "interest_score",
    "mutual_score",
    "rank_helpers",
    "reasons_for",
    "terms",
    "vocabulary_help_score",
]
