import sqlalchemy as sa

from app.db.models.base import Base


class LoyaltyPoints(Base):
    """Loyalty points a customer holds: one row per grant of loyalty points.
    Loyalty points are spent oldest first; spent loyalty points stay."""

    __tablename__ = "loyalty_points"

    id = sa.Column(sa.Integer, primary_key=True)
    customer_id = sa.Column(sa.Integer, index=True)
    loyalty_points = sa.Column(sa.Integer, default=0)
