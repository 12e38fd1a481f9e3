"""round plans and the round clock

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from advanced_alchemy.types import GUID, DateTimeUTC
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def audit_columns() -> list[sa.Column]:
    return [
        sa.Column("sa_orm_sentinel", sa.Integer(), nullable=True),
        sa.Column("created_at", DateTimeUTC(timezone=True), nullable=False),
        sa.Column("updated_at", DateTimeUTC(timezone=True), nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "round_plan",
        sa.Column("id", GUID(length=16), nullable=False),
        sa.Column("event_id", GUID(length=16), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("rounds", sa.JSON(), nullable=False),
        sa.Column("kept_rounds", sa.Integer(), nullable=False),
        sa.Column("objective", sa.Float(), nullable=False),
        sa.Column("upper_bound", sa.Float(), nullable=False),
        sa.Column("gap", sa.Float(), nullable=False),
        sa.Column("repeats", sa.Integer(), nullable=False),
        sa.Column("person_values", sa.JSON(), nullable=False),
        sa.Column("notes", sa.JSON(), nullable=False),
        sa.Column("solve_seconds", sa.Float(), nullable=False),
        sa.Column("stopped_early", sa.Boolean(), nullable=False),
        sa.Column("swaps", sa.Integer(), nullable=False),
        sa.Column("published_at", DateTimeUTC(timezone=True), nullable=True),
        *audit_columns(),
        sa.ForeignKeyConstraint(
            ["event_id"], ["event.id"], name=op.f("fk_round_plan_event_id_event"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_round_plan")),
    )
    with op.batch_alter_table("round_plan", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_round_plan_event_id"), ["event_id"], unique=False)

    op.create_table(
        "round_clock",
        sa.Column("id", GUID(length=16), nullable=False),
        sa.Column("event_id", GUID(length=16), nullable=False),
        sa.Column("phase", sa.String(length=12), nullable=False),
        sa.Column("round_number", sa.Integer(), nullable=False),
        sa.Column("ends_at", DateTimeUTC(timezone=True), nullable=True),
        sa.Column("paused_remaining_seconds", sa.Float(), nullable=True),
        *audit_columns(),
        sa.ForeignKeyConstraint(
            ["event_id"], ["event.id"], name=op.f("fk_round_clock_event_id_event"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_round_clock")),
    )
    with op.batch_alter_table("round_clock", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_round_clock_event_id"), ["event_id"], unique=True)


def downgrade() -> None:
    with op.batch_alter_table("round_clock", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_round_clock_event_id"))
    op.drop_table("round_clock")
    with op.batch_alter_table("round_plan", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_round_plan_event_id"))
    op.drop_table("round_plan")
