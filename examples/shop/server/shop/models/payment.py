import uuid
from decimal import Decimal

from sqlalchemy.orm import Mapped, mapped_column

from shop.models import Base


class Payment(Base):
    __tablename__ = "payments"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    order_id: Mapped[uuid.UUID]
    amount: Mapped[Decimal]
    status: Mapped[str]
    idempotency_key: Mapped[str] = mapped_column(unique=True)
