"""The data model. Schema changes go through Alembic migrations in ``migrations/versions``.

Ids are internal: URLs carry only the random tokens and codes stored here.
"""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from advanced_alchemy.base import UUIDAuditBase
from advanced_alchemy.types import DateTimeUTC
from sqlalchemy import JSON, Boolean, ForeignKey, Index, Integer, String, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from service.security import new_public_code, new_secret_token, new_short_code

PAIRS = "pairs"
TABLES = "tables"


class Event(UUIDAuditBase):
    __tablename__ = "event"

    name: Mapped[str] = mapped_column(String(120))
    starts_at: Mapped[datetime | None] = mapped_column(DateTimeUTC(timezone=True), nullable=True)
    venue: Mapped[str] = mapped_column(String(200), default="")
    format: Mapped[str] = mapped_column(String(10), default=PAIRS)
    table_min: Mapped[int] = mapped_column(Integer, default=2)
    table_max: Mapped[int] = mapped_column(Integer, default=2)
    rounds_count: Mapped[int] = mapped_column(Integer, default=5)
    round_minutes: Mapped[int] = mapped_column(Integer, default=8)
    # Secret: whoever holds it runs the event.
    organiser_token: Mapped[str] = mapped_column(String(64), unique=True, index=True, default=new_secret_token)
    # Public: printed on the poster and shown on the projector.
    checkin_code: Mapped[str] = mapped_column(String(16), unique=True, index=True, default=new_short_code)
    screen_code: Mapped[str] = mapped_column(String(16), unique=True, index=True, default=new_short_code)
    # Delete the people's data this many days after the event (None: the organiser deletes it).
    retention_days: Mapped[int | None] = mapped_column(Integer, nullable=True, default=None)
    personal_data_deleted_at: Mapped[datetime | None] = mapped_column(DateTimeUTC(timezone=True), nullable=True)
    # The organiser's rules for the planner (service/preferences, migration 0007).
    avoid_same_organisation: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    roles: Mapped[list[str]] = mapped_column(JSON, default=list, server_default="[]")
    # role -> the roles it meets (only), e.g. {"founder": ["investor", "mentor"]}
    role_rules: Mapped[dict[str, list[str]]] = mapped_column(JSON, default=dict, server_default="{}")
    # Automatic advance (service/rounds/auto_advance, migration 0009): when a round's time runs out
    # the server moves on by itself, through a break of this many minutes (0: none) when set.
    auto_advance: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    break_minutes: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # Counts the organiser's actions; bumping it is how an action takes the event's lock
    # (``service.event_lock``), so actions on one event run one after another.
    version: Mapped[int] = mapped_column(Integer, default=0, server_default="0")

    attendees: Mapped[list[Attendee]] = relationship(
        back_populates="event", cascade="all, delete-orphan", lazy="noload"
    )


class Attendee(UUIDAuditBase):
    __tablename__ = "attendee"

    event_id: Mapped[UUID] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"), index=True)
    # Secret: the link to this attendee's own page.
    token: Mapped[str] = mapped_column(String(64), unique=True, index=True, default=new_secret_token)
    # Public: printed on their badge; opens their public card (``/p/{public_code}``), nothing more.
    public_code: Mapped[str] = mapped_column(String(24), unique=True, index=True, default=new_public_code)
    display_name: Mapped[str] = mapped_column(String(80))
    pronouns: Mapped[str] = mapped_column(String(40), default="")
    affiliation: Mapped[str] = mapped_column(String(120), default="")
    interests: Mapped[list[str]] = mapped_column(JSON, default=list)
    offers: Mapped[list[str]] = mapped_column(JSON, default=list)
    seeks: Mapped[list[str]] = mapped_column(JSON, default=list)
    contact: Mapped[str] = mapped_column(String(200), default="")
    share_contact: Mapped[bool] = mapped_column(Boolean, default=False)
    present: Mapped[bool] = mapped_column(Boolean, default=True)
    checked_in_at: Mapped[datetime | None] = mapped_column(DateTimeUTC(timezone=True), nullable=True)
    badge_printed_at: Mapped[datetime | None] = mapped_column(DateTimeUTC(timezone=True), nullable=True)
    # When the person first opened their own page (a poster check-in, or the pre-event link the
    # organiser mailed): before that, an imported person's record is nobody's on any phone.
    claimed_at: Mapped[datetime | None] = mapped_column(DateTimeUTC(timezone=True), nullable=True)
    # The ticketing platform's id ("eventbrite:1234567890"), so a re-import updates the person.
    external_id: Mapped[str | None] = mapped_column(String(120), nullable=True, default=None)
    # One of the event's roles (``Event.roles``), "" for none.
    role: Mapped[str] = mapped_column(String(40), default="", server_default="")
    # The one-time id of the check-in form that created this attendee: the same form sent again
    # (a double tap, a retry over slow Wi-Fi) finds them instead of adding a second person.
    submission_id: Mapped[str | None] = mapped_column(String(64), nullable=True, default=None)

    event: Mapped[Event] = relationship(back_populates="attendees", lazy="noload")

    __table_args__ = (
        Index("ix_attendee_event_external_id", "event_id", "external_id", unique=True),
        Index("ix_attendee_event_submission_id", "event_id", "submission_id", unique=True),
    )
