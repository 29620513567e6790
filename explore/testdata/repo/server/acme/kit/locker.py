"""Distributed lock backed by Redis, shared by API processes and workers."""

import asyncio
import uuid

from redis.asyncio import Redis

DEFAULT_LOCK_TIMEOUT = 30.0


class LockNotAcquired(Exception):
    """Raised when another process holds the distributed lock."""


class DistributedLock:
    """A lock every process sees, so two workers never run the same job."""

    def __init__(self, redis: Redis, name: str, timeout: float = DEFAULT_LOCK_TIMEOUT) -> None:
        self.redis = redis
        self.key = f"lock:{name}"
        self.timeout = timeout
        self.token = uuid.uuid4().hex

    async def acquire(self, wait: float = 0.0) -> bool:
        deadline = asyncio.get_running_loop().time() + wait
        while True:
            if await self.redis.set(self.key, self.token, nx=True, px=int(self.timeout * 1000)):
                return True
            if asyncio.get_running_loop().time() >= deadline:
                return False
            await asyncio.sleep(0.05)

    async def release(self) -> None:
        # Only the holder may release: compare the token before deleting.
        if await self.redis.get(self.key) == self.token.encode():
            await self.redis.delete(self.key)

    async def __aenter__(self) -> "DistributedLock":
        if not await self.acquire():
            raise LockNotAcquired(self.key)
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.release()


class Locker:
    """Hands out distributed locks for one Redis connection."""

    def __init__(self, redis: Redis) -> None:
        self.redis = redis

    def lock(self, name: str, timeout: float = DEFAULT_LOCK_TIMEOUT) -> DistributedLock:
        return DistributedLock(self.redis, name, timeout)
