# The notification dispatch client, from the OpenAPI schema.
class NotificationDispatchApi:
    """Dispatch notifications through the API."""

    def dispatch_notification(self, notification_id: str) -> None:
        self.notification_dispatch(notification_id)
