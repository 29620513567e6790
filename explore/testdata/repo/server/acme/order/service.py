from acme.kit.locker import Locker
from acme.order import repository
from acme.order.schemas import OrderCreate, OrderRead
from acme.order.tasks import send_receipt


async def pay(order_id: str, body: OrderCreate, locker: Locker) -> OrderRead:
    # A distributed lock keeps two API processes from charging the same order.
    async with locker.lock(f"order:{order_id}:pay"):
        order = await repository.get(order_id)
        order = await repository.mark_paid(order)
    send_receipt.send(order.id)
    return OrderRead.model_validate(order)
