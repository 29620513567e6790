import dramatiq

from shop.core.db import SessionMaker
from shop.core.retry import RetryableError, retry_with_backoff
from shop.orders import service
from shop.orders.repository import OrderRepository


@dramatiq.actor(queue_name="orders")
async def reconcile_pending_orders() -> None:
    async with SessionMaker() as session:
        for order in await OrderRepository(session).pending():
            await retry_with_backoff(lambda: service.confirm_order(session, order.id))
        await session.commit()


__all__ = ["reconcile_pending_orders", "RetryableError"]
