from sqlalchemy.ext.asyncio import AsyncSession

from shop.inventory.repository import StockRepository


class OutOfStock(Exception):
    pass


async def reserve_stock(session: AsyncSession, sku: str, quantity: int) -> None:
    # SELECT … FOR UPDATE: the row lock of the database is enough here, no
    # distributed lock needed, since every reservation goes through it.
    stock = await StockRepository(session).get(sku)
    if stock is None or stock.available < quantity:
        raise OutOfStock(sku)
    stock.available -= quantity
