"""The rounds' state as JSON, for scripts and tests (the pages render the same data as HTML)."""

from __future__ import annotations

import msgspec


class ProgressOut(msgspec.Struct):
    running: bool
    objective: float | None
    upper_bound: float | None
    seconds: float
    error: str | None


class RoundsStatus(msgspec.Struct):
    published: bool
    draft: bool
    phase: str
    round_number: int
    total_rounds: int
    remaining_seconds: float | None
    planning: ProgressOut | None
    # What the page's buttons send back as ``seen`` and ``plan`` (a stale one gets a 409).
    clock_key: str = ""
    draft_key: str = ""
