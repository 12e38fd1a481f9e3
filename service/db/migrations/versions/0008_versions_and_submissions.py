"""Lost updates and double taps: change counters on the event and the round clock, and the
check-in form's one-time submission id on the attendee it created

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMN / CREATE INDEX, never a batch rebuild: rebuilding ``event`` or ``attendee``
    # on SQLite would cascade-delete their child rows.
    op.add_column("event", sa.Column("version", sa.Integer(), nullable=False, server_default="0"))
    op.add_column("round_clock", sa.Column("version", sa.Integer(), nullable=False, server_default="0"))
    op.add_column("attendee", sa.Column("submission_id", sa.String(length=64), nullable=True))
    # Unique per event: the same check-in form sent twice can only ever create one attendee.
    op.create_index("ix_attendee_event_submission_id", "attendee", ["event_id", "submission_id"], unique=True)


def downgrade() -> None:
    op.drop_index("ix_attendee_event_submission_id", table_name="attendee")
    op.drop_column("attendee", "submission_id")
    op.drop_column("round_clock", "version")
    op.drop_column("event", "version")
