"""The first schema: scans, their accounts and findings, content-addressed snapshots,
the latest known state of each finding uid, and approved baselines.

Revision ID: 0001
Revises:
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision: str | None = None
branch_labels: str | None = None
depends_on: str | None = None

TZ = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "scans",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("generated_at", TZ, nullable=False),
        sa.Column("recorded_at", TZ, nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("event_id", sa.String(512), nullable=True),
        sa.Column("posture_score", sa.Integer(), nullable=True),
        sa.Column("compliance", sa.JSON(), nullable=False),
        sa.Column("counts", sa.JSON(), nullable=False),
        sa.Column("previous_scan", sa.Integer(), nullable=True),
        sa.Column("new", sa.Integer(), nullable=False),
        sa.Column("resolved", sa.Integer(), nullable=False),
        sa.Column("regressed", sa.Integer(), nullable=False),
        sa.Column("unchanged", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_scans")),
    )
    op.create_table(
        "snapshots",
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("provider", sa.String(16), nullable=False),
        sa.Column("account", sa.String(256), nullable=False),
        sa.Column("taken_at", sa.String(64), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("document", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("sha256", name=op.f("pk_snapshots")),
    )
    op.create_table(
        "scan_snapshots",
        sa.Column("scan_id", sa.Integer(), nullable=False),
        sa.Column("provider", sa.String(16), nullable=False),
        sa.Column("account", sa.String(256), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.ForeignKeyConstraint(
            ["scan_id"],
            ["scans.id"],
            ondelete="CASCADE",
            name=op.f("fk_scan_snapshots_scan_id_scans"),
        ),
        sa.ForeignKeyConstraint(
            ["sha256"], ["snapshots.sha256"], name=op.f("fk_scan_snapshots_sha256_snapshots")
        ),
        sa.PrimaryKeyConstraint("scan_id", "provider", "account", name=op.f("pk_scan_snapshots")),
    )
    with op.batch_alter_table("scan_snapshots") as batch:
        batch.create_index(
            batch.f("ix_scan_snapshots_provider_account_scan_id"),
            ["provider", "account", "scan_id"],
        )
    op.create_table(
        "findings",
        sa.Column("scan_id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(32), nullable=False),
        sa.Column("provider", sa.String(16), nullable=False),
        sa.Column("account", sa.String(256), nullable=False),
        sa.Column("policy_id", sa.String(128), nullable=False),
        sa.Column("resource_type", sa.String(128), nullable=False),
        sa.Column("resource_id", sa.Text(), nullable=False),
        sa.Column("region", sa.String(64), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("severity", sa.String(16), nullable=False),
        sa.Column("priority_level", sa.String(16), nullable=True),
        sa.Column("priority_score", sa.Integer(), nullable=True),
        sa.Column("message", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["scan_id"], ["scans.id"], ondelete="CASCADE", name=op.f("fk_findings_scan_id_scans")
        ),
        sa.PrimaryKeyConstraint("scan_id", "uid", name=op.f("pk_findings")),
    )
    with op.batch_alter_table("findings") as batch:
        batch.create_index(batch.f("ix_findings_uid"), ["uid"])
    op.create_table(
        "finding_states",
        sa.Column("uid", sa.String(32), nullable=False),
        sa.Column("provider", sa.String(16), nullable=False),
        sa.Column("account", sa.String(256), nullable=False),
        sa.Column("policy_id", sa.String(128), nullable=False),
        sa.Column("resource_type", sa.String(128), nullable=False),
        sa.Column("resource_id", sa.Text(), nullable=False),
        sa.Column("region", sa.String(64), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("ever_failed", sa.Boolean(), nullable=False),
        sa.Column("first_seen", TZ, nullable=False),
        sa.Column("last_seen", TZ, nullable=False),
        sa.Column("last_scan", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("uid", name=op.f("pk_finding_states")),
    )
    with op.batch_alter_table("finding_states") as batch:
        batch.create_index(batch.f("ix_finding_states_provider_account"), ["provider", "account"])
    op.create_table(
        "baselines",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("provider", sa.String(16), nullable=False),
        sa.Column("account", sa.String(256), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("approved_at", TZ, nullable=False),
        sa.ForeignKeyConstraint(
            ["sha256"], ["snapshots.sha256"], name=op.f("fk_baselines_sha256_snapshots")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_baselines")),
    )
    with op.batch_alter_table("baselines") as batch:
        batch.create_index(
            batch.f("ix_baselines_provider_account_id"), ["provider", "account", "id"]
        )


def downgrade() -> None:
    for table in (
        "baselines",
        "finding_states",
        "findings",
        "scan_snapshots",
        "snapshots",
        "scans",
    ):
        op.drop_table(table)
