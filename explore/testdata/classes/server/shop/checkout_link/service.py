class CheckoutLinkService:
    async def create(self, checkout_link):
        return checkout_link
