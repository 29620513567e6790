from redis.asyncio import Redis

from shop.core.config import settings

redis = Redis.from_url(settings.redis_url)
