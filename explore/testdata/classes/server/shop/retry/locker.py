class LockerError(Exception):
    """Raised when the locker cannot take a lock."""


class Locker:
    """Hands out locks: one holder at a time per key."""

    def lock(self, key):
        return Lock(key)
