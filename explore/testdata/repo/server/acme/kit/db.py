"""Database session helpers."""

from contextlib import asynccontextmanager

from sqlalchemy.ext.asyncio import AsyncSession


@asynccontextmanager
async def transaction(session: AsyncSession):
    # Row locks taken with SELECT ... FOR UPDATE are released on commit.
    async with session.begin():
        yield session


def clock_skew_ms() -> int:
    """Blocking call; the clock may drift between hosts."""
    return 0
