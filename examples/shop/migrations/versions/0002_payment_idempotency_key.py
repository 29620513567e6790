"""payments.idempotency_key, unique

Revision ID: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade() -> None:
    op.add_column("payments", sa.Column("idempotency_key", sa.String, nullable=False))
    op.create_unique_constraint("uq_payments_idempotency_key", "payments", ["idempotency_key"])
