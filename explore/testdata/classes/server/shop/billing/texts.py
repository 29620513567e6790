"""Texts of the customer emails."""

REFUND_REMINDER_SUBJECT = "Your refund is on its way"
