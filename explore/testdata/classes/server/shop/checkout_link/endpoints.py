from shop.checkout_link.service import CheckoutLinkService

router = APIRouter(prefix="/checkout-links")
