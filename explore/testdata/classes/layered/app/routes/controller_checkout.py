from app.services.basket_service import BasketService


def checkout(user, basket):
    BasketService(user).check_items(basket)
    return basket.total()
