from app.locker import DistributedLock


def test_distributed_lock_is_exclusive():
    assert DistributedLock
