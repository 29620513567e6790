class CheckoutLinkCreate(Schema):
    product_id: str
