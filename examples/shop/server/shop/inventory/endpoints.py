from fastapi import APIRouter, Depends, HTTPException
from sqlalchemy.ext.asyncio import AsyncSession

from shop.core.db import get_session
from shop.inventory.repository import StockRepository
from shop.inventory.schemas import StockOut

router = APIRouter()


@router.get("/{sku}", response_model=StockOut)
async def get_stock(sku: str, session: AsyncSession = Depends(get_session)):
    stock = await StockRepository(session).get(sku)
    if stock is None:
        raise HTTPException(404, "no such sku")
    return stock
