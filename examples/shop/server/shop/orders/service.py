from uuid import UUID

from sqlalchemy.ext.asyncio import AsyncSession

from shop.core.locker import distributed_lock
from shop.inventory.service import reserve_stock
from shop.models.order import Order
from shop.orders.repository import OrderRepository
from shop.orders.schemas import OrderIn


async def place_order(session: AsyncSession, data: OrderIn) -> Order:
    order = Order(customer_id=data.customer_id, status="pending")
    for line in data.lines:
        await reserve_stock(session, line.sku, line.quantity)
    return await OrderRepository(session).add(order)


async def confirm_order(session: AsyncSession, order_id: UUID) -> Order:
    # Payment webhooks and the reconciliation task can confirm the same
    # order at once; the lock makes the second one see the first's result.
    async with distributed_lock(f"order:{order_id}"):
        order = await OrderRepository(session).get(order_id)
        if order is None:
            raise LookupError(order_id)
        if order.status == "pending":
            order.status = "confirmed"
        return order
