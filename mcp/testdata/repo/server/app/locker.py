"""Distributed lock backed by Redis, shared by API processes and workers."""

from redis.asyncio import Redis


class DistributedLock:
    """A lock every process sees, so two workers never run the same job."""

    def __init__(self, redis: Redis, name: str, timeout: float = 30.0) -> None:
        self.redis = redis
        self.key = f"lock:{name}"
        self.timeout = timeout

    async def acquire(self) -> bool:
        return await self.redis.set(self.key, "1", nx=True, px=int(self.timeout * 1000))
