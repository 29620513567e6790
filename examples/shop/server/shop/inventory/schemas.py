from pydantic import BaseModel


class StockOut(BaseModel):
    sku: str
    available: int
