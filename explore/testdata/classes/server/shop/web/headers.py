"""Security headers: HSTS, frame options and the CSP nonce."""


def security_headers(response, nonce):
    response.headers["X-Frame-Options"] = "DENY"
    response.headers["X-CSP-Nonce"] = nonce
