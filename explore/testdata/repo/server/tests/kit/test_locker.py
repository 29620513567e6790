import pytest

from acme.kit.locker import DistributedLock, LockNotAcquired, Locker


@pytest.fixture
def distributed_lock(redis) -> DistributedLock:
    return Locker(redis).lock("test")


async def test_distributed_lock_acquire(distributed_lock: DistributedLock) -> None:
    assert await distributed_lock.acquire()


async def test_distributed_lock_is_exclusive(redis, distributed_lock: DistributedLock) -> None:
    await distributed_lock.acquire()
    other = DistributedLock(redis, "test")
    assert not await other.acquire()


async def test_distributed_lock_context(redis) -> None:
    async with DistributedLock(redis, "ctx"):
        with pytest.raises(LockNotAcquired):
            async with DistributedLock(redis, "ctx"):
                pass
