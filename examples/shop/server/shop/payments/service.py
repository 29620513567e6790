from sqlalchemy.ext.asyncio import AsyncSession

from shop.models.payment import Payment
from shop.payments.repository import PaymentRepository
from shop.payments.schemas import PaymentIn


async def charge(session: AsyncSession, data: PaymentIn, idempotency_key: str) -> Payment:
    """Charge once per idempotency key: a client retrying after a timeout
    gets the payment the first request made instead of a second charge."""
    payments = PaymentRepository(session)
    if (existing := await payments.by_idempotency_key(idempotency_key)) is not None:
        return existing
    payment = Payment(order_id=data.order_id, amount=data.amount, idempotency_key=idempotency_key, status="captured")
    return await payments.add(payment)
