from sqlalchemy.orm import Mapped, mapped_column

from shop.models import Base


class Stock(Base):
    __tablename__ = "stock"

    sku: Mapped[str] = mapped_column(primary_key=True)
    available: Mapped[int]
