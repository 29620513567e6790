"""Retries with exponential backoff for background tasks."""

import asyncio
import random
from collections.abc import Awaitable, Callable

from shop.core.config import settings


class RetryableError(Exception):
    """A failure worth trying again: a timeout, a lock held elsewhere."""


async def retry_with_backoff[T](
    call: Callable[[], Awaitable[T]],
    max_retries: int = settings.task_max_retries,
    base_delay: float = 0.5,
) -> T:
    for attempt in range(max_retries + 1):
        try:
            return await call()
        except RetryableError:
            if attempt == max_retries:
                raise
            # Full jitter keeps retries of many tasks from arriving together.
            await asyncio.sleep(random.uniform(0, base_delay * 2**attempt))
    raise AssertionError("unreachable")
