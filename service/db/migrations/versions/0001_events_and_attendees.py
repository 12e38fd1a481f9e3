"""events and attendees

Revision ID: 0001
Revises:
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from advanced_alchemy.types import GUID, DateTimeUTC
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "event",
        sa.Column("id", GUID(length=16), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("starts_at", DateTimeUTC(timezone=True), nullable=True),
        sa.Column("venue", sa.String(length=200), nullable=False),
        sa.Column("format", sa.String(length=10), nullable=False),
        sa.Column("table_min", sa.Integer(), nullable=False),
        sa.Column("table_max", sa.Integer(), nullable=False),
        sa.Column("rounds_count", sa.Integer(), nullable=False),
        sa.Column("round_minutes", sa.Integer(), nullable=False),
        sa.Column("organiser_token", sa.String(length=64), nullable=False),
        sa.Column("checkin_code", sa.String(length=16), nullable=False),
        sa.Column("screen_code", sa.String(length=16), nullable=False),
        sa.Column("sa_orm_sentinel", sa.Integer(), nullable=True),
        sa.Column("created_at", DateTimeUTC(timezone=True), nullable=False),
        sa.Column("updated_at", DateTimeUTC(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_event")),
    )
    with op.batch_alter_table("event", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_event_checkin_code"), ["checkin_code"], unique=True)
        batch_op.create_index(batch_op.f("ix_event_organiser_token"), ["organiser_token"], unique=True)
        batch_op.create_index(batch_op.f("ix_event_screen_code"), ["screen_code"], unique=True)

    op.create_table(
        "attendee",
        sa.Column("id", GUID(length=16), nullable=False),
        sa.Column("event_id", GUID(length=16), nullable=False),
        sa.Column("token", sa.String(length=64), nullable=False),
        sa.Column("display_name", sa.String(length=80), nullable=False),
        sa.Column("pronouns", sa.String(length=40), nullable=False),
        sa.Column("affiliation", sa.String(length=120), nullable=False),
        sa.Column("interests", sa.JSON(), nullable=False),
        sa.Column("offers", sa.JSON(), nullable=False),
        sa.Column("seeks", sa.JSON(), nullable=False),
        sa.Column("contact", sa.String(length=200), nullable=False),
        sa.Column("share_contact", sa.Boolean(), nullable=False),
        sa.Column("present", sa.Boolean(), nullable=False),
        sa.Column("checked_in_at", DateTimeUTC(timezone=True), nullable=True),
        sa.Column("badge_printed_at", DateTimeUTC(timezone=True), nullable=True),
        sa.Column("sa_orm_sentinel", sa.Integer(), nullable=True),
        sa.Column("created_at", DateTimeUTC(timezone=True), nullable=False),
        sa.Column("updated_at", DateTimeUTC(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"], ["event.id"], name=op.f("fk_attendee_event_id_event"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attendee")),
    )
    with op.batch_alter_table("attendee", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_attendee_event_id"), ["event_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_attendee_token"), ["token"], unique=True)


def downgrade() -> None:
    with op.batch_alter_table("attendee", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_attendee_token"))
        batch_op.drop_index(batch_op.f("ix_attendee_event_id"))

    op.drop_table("attendee")
    with op.batch_alter_table("event", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_event_screen_code"))
        batch_op.drop_index(batch_op.f("ix_event_organiser_token"))
        batch_op.drop_index(batch_op.f("ix_event_checkin_code"))

    op.drop_table("event")
