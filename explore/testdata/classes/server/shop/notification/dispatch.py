"""Sends each pending notification through its channel."""

from shop.notification.channels import channel_for


class NotificationDispatcher:
    """Picks the channel of each notification and sends it once."""

    async def dispatch(self, notification) -> None:
        channel = channel_for(notification)
        await channel.send(notification)
