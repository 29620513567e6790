import pytest

from shop.payments.service import charge


@pytest.mark.asyncio
async def test_same_idempotency_key_charges_once(session, payment_in):
    first = await charge(session, payment_in, "key-1")
    again = await charge(session, payment_in, "key-1")
    assert again.id == first.id
