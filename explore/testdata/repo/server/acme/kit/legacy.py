"""Older lock helpers kept for the CLI."""

# Verrou distribué: see locker.py
LEGACY_LOCK_PREFIX = "legacy-lock:"
