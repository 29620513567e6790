"""Fulfil an order: reserve stock, hand it to the carrier."""


def fulfil(order) -> None:
    reserve(order)
    ship(order)
