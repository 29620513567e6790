from app.core.db import session


class BasketService:
    """Creates, updates and deletes a customer's baskets."""

    def __init__(self, user):
        self.user = user

    def can_update(self, basket) -> bool:
        return basket.user_id == self.user.id

    def check_items(self, basket) -> None:
        for item in basket.items:
            if item.quantity < 0:
                raise ValueError("negative quantity")

    def _pre_update_check(self, basket_id, new_data):
        """Gets the basket and checks that the user can update it."""
        basket = session.get(basket_id)
        if not self.can_update(basket):
            raise PermissionError("cannot update this basket")
        self.check_items(new_data)
        return basket

    def update_one(self, basket_id, update_data):
        basket = self._pre_update_check(basket_id, update_data)
        self.check_items(basket)
        basket.items = update_data.items
        session.commit()
        return basket

    def patch_one(self, basket_id, patch_data):
        basket = self._pre_update_check(basket_id, patch_data)
        self.check_items(basket)
        basket.items.extend(patch_data.items)
        session.commit()
        return basket

    def replace_items(self, basket_id, replace_data):
        basket = self._pre_update_check(basket_id, replace_data)
        self.check_items(basket)
        basket.items = list(replace_data.items)
        session.commit()
        return basket

    def rename_one(self, basket_id, rename_data):
        basket = self._pre_update_check(basket_id, rename_data)
        basket.name = rename_data.name
        session.commit()
        return basket

    def set_note(self, basket_id, note_data):
        basket = self._pre_update_check(basket_id, note_data)
        basket.note = note_data.note
        session.commit()
        return basket

    def update_last_seen(self, basket_id, when):
        # no pre update check: anyone may touch a basket's last-seen time
        basket = session.get(basket_id)
        basket.last_seen = when
        session.commit()
        return basket

    def update_many(self, updates):
        return [self.update_one(basket_id, data) for basket_id, data in updates]

    def delete_one(self, basket_id):
        basket = session.get(basket_id)
        session.delete(basket)
        session.commit()
