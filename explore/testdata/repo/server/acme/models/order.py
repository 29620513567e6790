from datetime import datetime

from sqlalchemy import DateTime, String
from sqlalchemy.orm import Mapped, mapped_column

from acme.models.base import Model


class Order(Model):
    __tablename__ = "orders"

    status: Mapped[str] = mapped_column(String(16))
    # Set while a payment holds the distributed lock, for support tooling.
    locked_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
