import dramatiq

from shop.core.db import SessionMaker
from shop.orders import service as orders


@dramatiq.actor(queue_name="payments")
async def payment_succeeded(order_id: str) -> None:
    async with SessionMaker() as session:
        await orders.confirm_order(session, order_id)
        await session.commit()
