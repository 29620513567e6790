"""Signed payloads: tamper protection for the webhooks we receive."""

import hmac


def verify_signature(secret: bytes, body: bytes, signature: str) -> bool:
    # A tampered body fails here: compare in constant time.
    expected = hmac.new(secret, body, "sha256").hexdigest()
    return hmac.compare_digest(expected, signature)
