"""The billing tasks the scheduler runs."""


def close_ledger_day():
    pass


def export_invoices():
    pass


def sync_tax_rates():
    pass


def expire_coupons():
    pass


def recompute_balances():
    pass


def purge_drafts():
    pass


def settle_payouts():
    pass


def send_pending_refund_reminders():
    """Reminds each customer with a pending refund, once a day."""
    for refund in pending_refunds():
        if refund.reminded_today():
            continue
        notify(refund.customer, "refund reminder", refund)
        refund.mark_reminded()


def archive_statements():
    pass
