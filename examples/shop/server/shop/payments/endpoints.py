from fastapi import APIRouter, Depends, Header
from sqlalchemy.ext.asyncio import AsyncSession

from shop.core.db import get_session
from shop.payments import service
from shop.payments.schemas import PaymentIn, PaymentOut

router = APIRouter()


@router.post("", response_model=PaymentOut, status_code=201)
async def create_payment(
    data: PaymentIn,
    idempotency_key: str = Header(alias="Idempotency-Key"),
    session: AsyncSession = Depends(get_session),
):
    return await service.charge(session, data, idempotency_key)
