"""migration: vouchers table

Revision ID: 0002
"""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade():
    op.create_table("vouchers", sa.Column("id", sa.Integer, primary_key=True))


def downgrade():
    op.drop_table("vouchers")
