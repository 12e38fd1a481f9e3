"""Tables for the rounds: the plans (draft, published, replaced) and the round clock.

A plan's rounds are stored as JSON: ``[[{"table": "4", "members": [attendee id, ...]}, ...], ...]``
(round 1 first); ``RoundPlan.seating`` reads them as a ``Seating``. The clock stores timestamps,
never a counting-down number, so the remaining time is right after a server restart.
"""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from advanced_alchemy.base import UUIDAuditBase
from advanced_alchemy.types import DateTimeUTC
from sqlalchemy import JSON, Boolean, Float, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

import service.db.models  # noqa: F401  (the event table, which plans and clocks refer to)
from service.rounds.seating import Seating, StoredRound

DRAFT = "draft"
PUBLISHED = "published"
REPLACED = "replaced"  # a published plan that a newer one took over from
DISCARDED = "discarded"  # a draft that was never published


class RoundPlan(UUIDAuditBase):
    __tablename__ = "round_plan"

    event_id: Mapped[UUID] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"), index=True)
    status: Mapped[str] = mapped_column(String(12), default=DRAFT)
    rounds: Mapped[list[StoredRound]] = mapped_column(JSON, default=list)
    # How many leading rounds were kept exactly from the published plan (0 for a first plan).
    kept_rounds: Mapped[int] = mapped_column(Integer, default=0)
    objective: Mapped[float] = mapped_column(Float, default=0.0)
    upper_bound: Mapped[float] = mapped_column(Float, default=0.0)
    gap: Mapped[float] = mapped_column(Float, default=0.0)
    repeats: Mapped[int] = mapped_column(Integer, default=0)
    person_values: Mapped[dict[str, float]] = mapped_column(JSON, default=dict)
    notes: Mapped[list[str]] = mapped_column(JSON, default=list)
    solve_seconds: Mapped[float] = mapped_column(Float, default=0.0)
    stopped_early: Mapped[bool] = mapped_column(Boolean, default=False)
    swaps: Mapped[int] = mapped_column(Integer, default=0)
    published_at: Mapped[datetime | None] = mapped_column(DateTimeUTC(timezone=True), nullable=True)

    @property
    def seating(self) -> Seating:
        return Seating.from_stored(self.rounds)

    @property
    def state_key(self) -> str:
        """Names one state of the plan, which the draft's buttons send back: which plan, and how
        many swaps were made on it."""
        return f"{self.id}:{self.swaps}"


class RoundClock(UUIDAuditBase):
    __tablename__ = "round_clock"

    event_id: Mapped[UUID] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"), unique=True, index=True)
    phase: Mapped[str] = mapped_column(String(12), default="waiting")
    # 1-based; 0 before the first round starts. During a break it is the round just ended.
    round_number: Mapped[int] = mapped_column(Integer, default=0)
    # When the running round (or the break) ends.
    ends_at: Mapped[datetime | None] = mapped_column(DateTimeUTC(timezone=True), nullable=True)
    paused_remaining_seconds: Mapped[float | None] = mapped_column(Float, nullable=True)
    # Goes up by one with every change: the clock buttons send the version they were shown with.
    version: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
