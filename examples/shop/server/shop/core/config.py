from pydantic_settings import BaseSettings


class Settings(BaseSettings):
    database_url: str = "postgresql+asyncpg://shop:shop@localhost/shop"
    redis_url: str = "redis://localhost:6379/0"
    lock_ttl_seconds: int = 30
    task_max_retries: int = 5


settings = Settings()
