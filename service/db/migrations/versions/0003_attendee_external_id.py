"""attendee.external_id: the ticketing platform's id of an imported person

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("attendee", schema=None) as batch_op:
        batch_op.add_column(sa.Column("external_id", sa.String(length=120), nullable=True))
        # Unique per event, so a re-import (or two at once) can never add the same ticket twice;
        # people who checked in themselves have none, and NULLs never collide.
        batch_op.create_index("ix_attendee_event_external_id", ["event_id", "external_id"], unique=True)


def downgrade() -> None:
    with op.batch_alter_table("attendee", schema=None) as batch_op:
        batch_op.drop_index("ix_attendee_event_external_id")
        batch_op.drop_column("external_id")
