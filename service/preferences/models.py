"""Attendees' marks on other attendees (migration 0006). Private to their author: no page,
JSON or CSV shows one person's marks to anyone else; the planner gets them only as wishes
and declined pairs, which do not say who marked."""

from __future__ import annotations

from uuid import UUID

from advanced_alchemy.base import UUIDAuditBase
from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

MEET = "meet"  # I'd like to meet
KNOW = "know"  # I already know them
SKIP = "skip"  # not this time
CHOICES = {MEET: "I'd like to meet", KNOW: "I already know them", SKIP: "Not this time"}


class AttendeeMark(UUIDAuditBase):
    __tablename__ = "attendee_mark"
    __table_args__ = (UniqueConstraint("attendee_id", "other_id", name="uq_attendee_mark_attendee_other"),)

    event_id: Mapped[UUID] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"), index=True)
    attendee_id: Mapped[UUID] = mapped_column(ForeignKey("attendee.id", ondelete="CASCADE"), index=True)
    other_id: Mapped[UUID] = mapped_column(ForeignKey("attendee.id", ondelete="CASCADE"), index=True)
    choice: Mapped[str] = mapped_column(String(10))
