"""orders, payments and stock

Revision ID: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None


def upgrade() -> None:
    op.create_table("orders", sa.Column("id", sa.Uuid, primary_key=True), sa.Column("customer_id", sa.Uuid), sa.Column("status", sa.String))
    op.create_table("payments", sa.Column("id", sa.Uuid, primary_key=True), sa.Column("order_id", sa.Uuid), sa.Column("amount", sa.Numeric), sa.Column("status", sa.String))
    op.create_table("stock", sa.Column("sku", sa.String, primary_key=True), sa.Column("available", sa.Integer))
