"""Automatic advance: the event's choice to move on when a round's time runs out, and the break
between rounds it puts in

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMN, never a batch rebuild: rebuilding ``event`` on SQLite would cascade-delete
    # its attendees, plans and clock. Off by default: existing events keep working by hand.
    op.add_column("event", sa.Column("auto_advance", sa.Boolean(), nullable=False, server_default=sa.false()))
    op.add_column("event", sa.Column("break_minutes", sa.Integer(), nullable=False, server_default="0"))


def downgrade() -> None:
    op.drop_column("event", "break_minutes")
    op.drop_column("event", "auto_advance")
