"""Exposes the service's counters to the metrics scraper."""


def metrics_endpoint():
    return render_metrics()
