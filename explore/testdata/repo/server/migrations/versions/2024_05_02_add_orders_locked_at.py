"""Add orders.locked_at

Revision ID: 4f1c2a9d7b31
"""

import sqlalchemy as sa
from alembic import op


def upgrade() -> None:
    op.add_column("orders", sa.Column("locked_at", sa.DateTime(), nullable=True))


def downgrade() -> None:
    op.drop_column("orders", "locked_at")
