from fastapi import APIRouter, Depends

from acme.kit.locker import Locker, get_locker
from acme.order import service
from acme.order.schemas import OrderCreate, OrderRead

router = APIRouter(prefix="/orders", tags=["orders"])


@router.post("/{order_id}/pay", response_model=OrderRead)
async def pay_order(order_id: str, body: OrderCreate, locker: Locker = Depends(get_locker)) -> OrderRead:
    return await service.pay(order_id, body, locker)
