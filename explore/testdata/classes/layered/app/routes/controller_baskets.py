from app.services.basket_service import BasketService


def put_basket(user, basket_id, data):
    service = BasketService(user)
    if not service.can_update(data):
        raise PermissionError("locked")
    return service.update_one(basket_id, data)


def delete_basket(user, basket_id):
    return BasketService(user).delete_one(basket_id)
