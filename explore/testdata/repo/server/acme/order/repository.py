from acme.models.order import Order


async def get(order_id: str) -> Order:
    # Non-blocking read; the clock column is informational.
    return await Order.get(order_id)


async def mark_paid(order: Order) -> Order:
    order.status = "paid"
    return order
