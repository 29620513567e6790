import dramatiq


@dramatiq.actor(queue_name="inventory")
async def restock_report() -> None:
    """Nightly: list the SKUs that ran out."""
