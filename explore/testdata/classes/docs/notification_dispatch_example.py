# Example: dispatching a notification.
class NotificationDispatchExample:
    """How a notification dispatch looks from the outside."""
