"""Task debouncing: run a task once after a burst of enqueues settles."""

import functools
import time
from collections.abc import Callable

DEBOUNCE_PREFIX = "debounce:"


class TaskDebouncer:
    """Remembers the last enqueue of each key and drops the earlier ones."""

    def __init__(self, store: dict[str, float] | None = None) -> None:
        self.store = store if store is not None else {}

    def should_run(self, key: str, delay: float) -> bool:
        last = self.store.get(DEBOUNCE_PREFIX + key, 0.0)
        return time.monotonic() - last >= delay

    def touch(self, key: str) -> None:
        self.store[DEBOUNCE_PREFIX + key] = time.monotonic()


def debounced(key: Callable[..., str], delay: float) -> Callable:
    debouncer = TaskDebouncer()

    def wrap(fn: Callable) -> Callable:
        @functools.wraps(fn)
        def run(*args, **kwargs):
            k = key(*args, **kwargs)
            if debouncer.should_run(k, delay):
                debouncer.touch(k)
                return fn(*args, **kwargs)
            return None

        return run

    return wrap
