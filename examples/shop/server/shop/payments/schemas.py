from decimal import Decimal
from uuid import UUID

from pydantic import BaseModel


class PaymentIn(BaseModel):
    order_id: UUID
    amount: Decimal


class PaymentOut(BaseModel):
    id: UUID
    order_id: UUID
    status: str
