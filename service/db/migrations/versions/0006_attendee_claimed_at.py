"""attendee.claimed_at: when the person first opened their own page (their link is theirs now)

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from advanced_alchemy.types import DateTimeUTC
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A plain ADD COLUMN: rebuilding ``attendee`` on SQLite would cascade-delete its child rows.
    op.add_column("attendee", sa.Column("claimed_at", DateTimeUTC(timezone=True), nullable=True))
    # Whoever checked in on a phone already holds their page; imported people have not yet.
    op.execute("UPDATE attendee SET claimed_at = checked_in_at WHERE checked_in_at IS NOT NULL")


def downgrade() -> None:
    op.drop_column("attendee", "claimed_at")
