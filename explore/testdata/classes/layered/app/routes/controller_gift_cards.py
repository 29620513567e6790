from app.schema.gift_card.gift_card import GiftCardCreate, GiftCardRead


class GiftCardsController:
    def create_one(self, data: GiftCardCreate) -> GiftCardRead:
        return self.service.issue(data)
