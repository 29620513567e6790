"""How often and how late a failed job runs again."""


class RetryPolicy:
    def __init__(self, attempts: int, base_delay: float) -> None:
        self.attempts = attempts
        self.base_delay = base_delay

    def delay(self, attempt: int) -> float:
        return self.base_delay * 2**attempt
