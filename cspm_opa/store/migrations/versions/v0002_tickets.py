"""Tickets: the issue a delivery sink opened for a finding uid (Jira keys), so a sink
finds its issue even before the tracker's search index does.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-12
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision: str | None = "0001"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.create_table(
        "tickets",
        sa.Column("sink", sa.String(64), nullable=False),
        sa.Column("uid", sa.String(32), nullable=False),
        sa.Column("issue_key", sa.String(64), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("sink", "uid", name=op.f("pk_tickets")),
    )


def downgrade() -> None:
    op.drop_table("tickets")
