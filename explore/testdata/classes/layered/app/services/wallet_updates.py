from app.core.db import session


def apply_wallet_update(wallet, change):
    """Apply a balance update after a check of the wallet's limits."""
    check_limits(wallet, change)
    wallet.balance += change
    session.commit()


def check_limits(wallet, change):
    if wallet.balance + change < 0:
        raise ValueError("overdrawn")
