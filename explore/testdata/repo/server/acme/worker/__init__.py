"""Background workers: dramatiq actors and their helpers."""
