"""Holds items for a cart until it is paid or the hold runs out."""
from datetime import datetime, timedelta

HOLD_FOR = timedelta(minutes=15)


class Hold:
    def __init__(self, sku: str, quantity: int) -> None:
        self.sku = sku
        self.quantity = quantity
        self.until = datetime.now() + HOLD_FOR


def hold(sku: str, quantity: int) -> Hold:
    return Hold(sku, quantity)
