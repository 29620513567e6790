class NotificationDispatchScenario:
    """Load test: notification dispatch under 1000 requests a second."""

    def notification_dispatch(self):
        self.client.post("/notification_dispatch")
