from uuid import UUID

from fastapi import APIRouter, Depends, HTTPException
from sqlalchemy.ext.asyncio import AsyncSession

from shop.core.db import get_session
from shop.orders import service
from shop.orders.schemas import OrderIn, OrderOut

router = APIRouter()


@router.post("", response_model=OrderOut, status_code=201)
async def create_order(data: OrderIn, session: AsyncSession = Depends(get_session)):
    return await service.place_order(session, data)


@router.post("/{order_id}/confirm", response_model=OrderOut)
async def confirm_order(order_id: UUID, session: AsyncSession = Depends(get_session)):
    try:
        return await service.confirm_order(session, order_id)
    except LookupError:
        raise HTTPException(404, "no such order")
