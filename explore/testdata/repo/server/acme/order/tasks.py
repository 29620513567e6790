import dramatiq

from acme.worker._debounce import debounced


@dramatiq.actor
@debounced(key=lambda order_id: f"receipt:{order_id}", delay=5.0)
def send_receipt(order_id: str) -> None:
    """Send the receipt once, however many payments arrive in a burst."""
