"""follow-up: keep in touch, and feedback on each meeting

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from advanced_alchemy.types import GUID, DateTimeUTC
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def audit_columns() -> list[sa.Column]:
    return [
        sa.Column("sa_orm_sentinel", sa.Integer(), nullable=True),
        sa.Column("created_at", DateTimeUTC(timezone=True), nullable=False),
        sa.Column("updated_at", DateTimeUTC(timezone=True), nullable=False),
    ]


def people_columns(table: str) -> list[sa.schema.SchemaItem]:
    """The event, the person answering and their partner, each removed with its row."""
    return [
        sa.Column("id", GUID(length=16), nullable=False),
        sa.Column("event_id", GUID(length=16), nullable=False),
        sa.Column("attendee_id", GUID(length=16), nullable=False),
        sa.Column("partner_id", GUID(length=16), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"], ["event.id"], name=op.f(f"fk_{table}_event_id_event"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["attendee_id"], ["attendee.id"], name=op.f(f"fk_{table}_attendee_id_attendee"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["partner_id"], ["attendee.id"], name=op.f(f"fk_{table}_partner_id_attendee"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{table}")),
    ]


def create_indexes(table: str) -> None:
    with op.batch_alter_table(table, schema=None) as batch_op:
        for column in ("event_id", "attendee_id", "partner_id"):
            batch_op.create_index(batch_op.f(f"ix_{table}_{column}"), [column], unique=False)


def drop_indexes(table: str) -> None:
    with op.batch_alter_table(table, schema=None) as batch_op:
        for column in ("event_id", "attendee_id", "partner_id"):
            batch_op.drop_index(batch_op.f(f"ix_{table}_{column}"))


def upgrade() -> None:
    op.create_table(
        "followup_keep",
        *people_columns("followup_keep"),
        sa.Column("keep", sa.Boolean(), nullable=False),
        *audit_columns(),
        sa.UniqueConstraint("attendee_id", "partner_id", name="uq_followup_keep_attendee_partner"),
    )
    create_indexes("followup_keep")
    op.create_table(
        "followup_feedback",
        *people_columns("followup_feedback"),
        sa.Column("round_number", sa.Integer(), nullable=False),
        sa.Column("met", sa.String(length=10), nullable=True),
        sa.Column("usefulness", sa.Integer(), nullable=True),
        sa.Column("note", sa.String(length=280), nullable=False),
        sa.Column("thanks", sa.String(length=280), nullable=False),
        *audit_columns(),
        sa.UniqueConstraint("attendee_id", "partner_id", "round_number", name="uq_followup_feedback_meeting"),
    )
    create_indexes("followup_feedback")


def downgrade() -> None:
    drop_indexes("followup_feedback")
    op.drop_table("followup_feedback")
    drop_indexes("followup_keep")
    op.drop_table("followup_keep")
