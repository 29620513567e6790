import pytest

from shop.core.locker import DistributedLock, LockNotAcquired, distributed_lock


@pytest.mark.asyncio
async def test_second_holder_is_refused():
    async with distributed_lock("order:1"):
        with pytest.raises(LockNotAcquired):
            async with distributed_lock("order:1"):
                pass


@pytest.mark.asyncio
async def test_release_keeps_someone_elses_lock():
    first = DistributedLock("order:2", ttl=1)
    assert await first.acquire()
    second = DistributedLock("order:2")
    assert not await second.acquire()
