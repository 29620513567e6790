"""Billing events: every change is dispatched to the event bus."""


def dispatch(event) -> None:
    """Dispatch an event to the bus."""
    bus.dispatch(event)


def dispatch_all(events) -> None:
    for e in events:
        dispatch(e)


def dispatch_later(event) -> None:
    queue.dispatch(event)
