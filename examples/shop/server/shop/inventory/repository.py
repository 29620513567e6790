from sqlalchemy.ext.asyncio import AsyncSession

from shop.models.stock import Stock


class StockRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, sku: str) -> Stock | None:
        return await self.session.get(Stock, sku, with_for_update=True)
