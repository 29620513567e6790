"""A distributed lock in Redis: one holder at a time across every API
process and worker, released by its holder or when its TTL runs out."""

import secrets
from contextlib import asynccontextmanager

from shop.core.config import settings
from shop.core.redis import redis

# Deletes the key only if it still holds our token, so a holder whose TTL
# ran out never releases the lock someone else took since.
_RELEASE = """
if redis.call("get", KEYS[1]) == ARGV[1] then
    return redis.call("del", KEYS[1])
end
return 0
"""


class LockNotAcquired(Exception):
    """Someone else holds the lock."""


class DistributedLock:
    def __init__(self, key: str, ttl: int = settings.lock_ttl_seconds) -> None:
        self.key = f"lock:{key}"
        self.ttl = ttl
        self.token = secrets.token_hex(16)

    async def acquire(self) -> bool:
        return bool(await redis.set(self.key, self.token, nx=True, ex=self.ttl))

    async def release(self) -> None:
        await redis.eval(_RELEASE, 1, self.key, self.token)


@asynccontextmanager
async def distributed_lock(key: str, ttl: int = settings.lock_ttl_seconds):
    lock = DistributedLock(key, ttl)
    if not await lock.acquire():
        raise LockNotAcquired(key)
    try:
        yield lock
    finally:
        await lock.release()
