class CheckoutLink(Model):
    __tablename__ = "checkout_links"
