from shop.inventory.stock_reservation import hold


def reserve_stock(order):
    """Reserve stock for each line of the order."""
    return [hold(line.sku, line.quantity) for line in order.lines]


def release_stock(order):
    """Put the stock of a cancelled order back on the shelf."""
    for line in order.lines:
        line.stock += line.quantity
