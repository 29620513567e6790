"""Debounce background tasks: many triggers, one run."""


def debounced(key, delay=5.0):
    """Run the task once, delay seconds after the last trigger for its key."""
    def wrap(fn):
        return fn
    return wrap
