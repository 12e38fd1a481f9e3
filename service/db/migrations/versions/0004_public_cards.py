"""public cards for badges, and how long an event keeps personal data

Each attendee gets a public code: badges and table cards link to their public card
(``/p/{public_code}``) instead of their secret page. Events may set a number of days after
which the people's data is deleted, and record when that happened.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-03
"""

from __future__ import annotations

import secrets

import sqlalchemy as sa
from advanced_alchemy.types import DateTimeUTC
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

# As service.security makes them, written out here so that this migration never changes.
CODE_ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz"
CODE_LENGTH = 16


# Plain ALTER TABLE throughout, never batch mode: on SQLite a batch operation rebuilds the table,
# and dropping the old copy of ``event`` cascades to every row that refers to it.


def upgrade() -> None:
    op.add_column("event", sa.Column("retention_days", sa.Integer(), nullable=True))
    op.add_column("event", sa.Column("personal_data_deleted_at", DateTimeUTC(timezone=True), nullable=True))
    op.add_column("attendee", sa.Column("public_code", sa.String(length=24), nullable=True))
    _backfill_public_codes()
    op.create_index(op.f("ix_attendee_public_code"), "attendee", ["public_code"], unique=True)
    if op.get_bind().dialect.name != "sqlite":
        # SQLite cannot add NOT NULL to a column in place; there the app always sets a code.
        op.alter_column("attendee", "public_code", existing_type=sa.String(length=24), nullable=False)


def _backfill_public_codes() -> None:
    # Every attendee already checked in gets a code of their own, made the way new ones are.
    attendee = sa.table("attendee", sa.column("id"), sa.column("public_code"))
    connection = op.get_bind()
    ids = connection.execute(sa.select(attendee.c.id)).scalars().all()
    for attendee_id in ids:
        connection.execute(attendee.update().where(attendee.c.id == attendee_id).values(public_code=_new_code()))


def _new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def downgrade() -> None:
    op.drop_index(op.f("ix_attendee_public_code"), table_name="attendee")
    op.drop_column("attendee", "public_code")
    op.drop_column("event", "personal_data_deleted_at")
    op.drop_column("event", "retention_days")
