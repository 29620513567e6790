"""migration: gift cards table

Revision ID: 0001
"""
import sqlalchemy as sa
from alembic import op

revision = "0001"


def upgrade():
    op.create_table("gift_cards", sa.Column("id", sa.Integer, primary_key=True))


def downgrade():
    op.drop_table("gift_cards")
