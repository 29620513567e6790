from shop.retry.locker import Locker

locker = Locker()
