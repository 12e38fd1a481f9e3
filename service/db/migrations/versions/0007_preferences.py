"""preferences: attendees' marks on people they might meet; the organiser's rules and roles

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-03

Columns are added to ``event`` and ``attendee`` with plain ADD COLUMN (never a batch rebuild:
on SQLite that would cascade-delete their child rows).
"""

from __future__ import annotations

import sqlalchemy as sa
from advanced_alchemy.types import GUID, DateTimeUTC
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "attendee_mark",
        sa.Column("id", GUID(length=16), nullable=False),
        sa.Column("event_id", GUID(length=16), nullable=False),
        sa.Column("attendee_id", GUID(length=16), nullable=False),
        sa.Column("other_id", GUID(length=16), nullable=False),
        sa.Column("choice", sa.String(length=10), nullable=False),
        sa.Column("sa_orm_sentinel", sa.Integer(), nullable=True),
        sa.Column("created_at", DateTimeUTC(timezone=True), nullable=False),
        sa.Column("updated_at", DateTimeUTC(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"], ["event.id"], name=op.f("fk_attendee_mark_event_id_event"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["attendee_id"], ["attendee.id"], name=op.f("fk_attendee_mark_attendee_id_attendee"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["other_id"], ["attendee.id"], name=op.f("fk_attendee_mark_other_id_attendee"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attendee_mark")),
        sa.UniqueConstraint("attendee_id", "other_id", name="uq_attendee_mark_attendee_other"),
    )
    op.create_index(op.f("ix_attendee_mark_event_id"), "attendee_mark", ["event_id"], unique=False)
    op.create_index(op.f("ix_attendee_mark_attendee_id"), "attendee_mark", ["attendee_id"], unique=False)
    op.create_index(op.f("ix_attendee_mark_other_id"), "attendee_mark", ["other_id"], unique=False)
    op.add_column("attendee", sa.Column("role", sa.String(length=40), nullable=False, server_default=""))
    op.add_column(
        "event", sa.Column("avoid_same_organisation", sa.Boolean(), nullable=False, server_default=sa.false())
    )
    op.add_column("event", sa.Column("roles", sa.JSON(), nullable=False, server_default="[]"))
    op.add_column("event", sa.Column("role_rules", sa.JSON(), nullable=False, server_default="{}"))


def downgrade() -> None:
    op.drop_column("event", "role_rules")
    op.drop_column("event", "roles")
    op.drop_column("event", "avoid_same_organisation")
    op.drop_column("attendee", "role")
    op.drop_index(op.f("ix_attendee_mark_other_id"), table_name="attendee_mark")
    op.drop_index(op.f("ix_attendee_mark_attendee_id"), table_name="attendee_mark")
    op.drop_index(op.f("ix_attendee_mark_event_id"), table_name="attendee_mark")
    op.drop_table("attendee_mark")
