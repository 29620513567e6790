from decimal import Decimal
from uuid import UUID

from pydantic import BaseModel, Field


class OrderLineIn(BaseModel):
    sku: str
    quantity: int = Field(gt=0)


class OrderIn(BaseModel):
    customer_id: UUID
    lines: list[OrderLineIn]


class OrderOut(BaseModel):
    id: UUID
    status: str
    total: Decimal
