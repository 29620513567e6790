from shop.retry.locker import Locker, LockerError

try:
    Locker().lock("x")
except LockerError:
    pass
