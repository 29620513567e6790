from app.schema.gift_card.gift_card import GiftCardCreate


class GiftCardsService:
    """Issues gift cards and spends their balance."""

    def issue(self, data: GiftCardCreate):
        card = self.repos.gift_cards.create(data)
        return card

    def spend(self, card, amount: int):
        if card.gift_card_balance < amount:
            raise ValueError("not enough on the gift card")
        card.gift_card_balance -= amount
        self.repos.gift_cards.update(card)
