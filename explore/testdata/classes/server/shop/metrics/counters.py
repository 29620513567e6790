"""Request counters, exported as Prometheus metrics by the endpoint."""

REQUESTS = Counter("requests")
