import uuid

from sqlalchemy.orm import Mapped, mapped_column

from shop.models import Base


class Order(Base):
    __tablename__ = "orders"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    customer_id: Mapped[uuid.UUID]
    status: Mapped[str] = mapped_column(default="pending")
