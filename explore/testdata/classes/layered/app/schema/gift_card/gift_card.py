from pydantic import BaseModel


class GiftCardCreate(BaseModel):
    code: str
    gift_card_balance: int


class GiftCardRead(GiftCardCreate):
    id: int


class GiftCardUpdate(BaseModel):
    gift_card_balance: int
