"""Adds the Content-Security-Policy header to every response."""


def add_header(response):
    response.headers["Content-Security-Policy"] = "default-src 'self'"
