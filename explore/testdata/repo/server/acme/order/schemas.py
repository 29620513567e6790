from pydantic import BaseModel


class OrderCreate(BaseModel):
    amount: int


class OrderRead(BaseModel):
    id: str
    status: str
    locked: bool = False
