"""Tables for what happens after a meeting: who wants to keep in touch, and each person's
answers about each meeting (migration 0004)."""

from __future__ import annotations

from uuid import UUID

from advanced_alchemy.base import UUIDAuditBase
from sqlalchemy import Boolean, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

MET_YES = "yes"
MET_NO_SHOW = "no_show"
MET_ANSWERS = (MET_YES, MET_NO_SHOW)
USEFULNESS_STEPS = (1, 2, 3)  # not really, somewhat, very
USEFUL_FROM = 2  # "somewhat" and "very" count as a useful meeting
NOTE_MAX = 280


class KeepInTouch(UUIDAuditBase):
    """One person's answer to "keep in touch with this partner?". No row means the default
    answer: their "share my contact with people I meet" tick, for people they were seated with."""

    __tablename__ = "followup_keep"
    __table_args__ = (UniqueConstraint("attendee_id", "partner_id", name="uq_followup_keep_attendee_partner"),)

    event_id: Mapped[UUID] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"), index=True)
    attendee_id: Mapped[UUID] = mapped_column(ForeignKey("attendee.id", ondelete="CASCADE"), index=True)
    partner_id: Mapped[UUID] = mapped_column(ForeignKey("attendee.id", ondelete="CASCADE"), index=True)
    keep: Mapped[bool] = mapped_column(Boolean, default=False)


class MeetingFeedback(UUIDAuditBase):
    """One person's answers about one meeting (a partner in a round). Every answer is optional."""

    __tablename__ = "followup_feedback"
    __table_args__ = (
        UniqueConstraint("attendee_id", "partner_id", "round_number", name="uq_followup_feedback_meeting"),
    )

    event_id: Mapped[UUID] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"), index=True)
    attendee_id: Mapped[UUID] = mapped_column(ForeignKey("attendee.id", ondelete="CASCADE"), index=True)
    partner_id: Mapped[UUID] = mapped_column(ForeignKey("attendee.id", ondelete="CASCADE"), index=True)
    round_number: Mapped[int] = mapped_column(Integer)  # 1-based, as in the plan
    met: Mapped[str | None] = mapped_column(String(10), nullable=True)  # MET_ANSWERS or unanswered
    usefulness: Mapped[int | None] = mapped_column(Integer, nullable=True)  # USEFULNESS_STEPS
    note: Mapped[str] = mapped_column(String(NOTE_MAX), default="")  # private to its author
    thanks: Mapped[str] = mapped_column(String(NOTE_MAX), default="")  # shown to the partner
