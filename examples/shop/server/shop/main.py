from fastapi import FastAPI

from shop.inventory.endpoints import router as inventory_router
from shop.orders.endpoints import router as orders_router
from shop.payments.endpoints import router as payments_router

app = FastAPI(title="shop")
app.include_router(orders_router, prefix="/orders", tags=["orders"])
app.include_router(payments_router, prefix="/payments", tags=["payments"])
app.include_router(inventory_router, prefix="/inventory", tags=["inventory"])
