"""Reads the service's settings from the environment."""
import os

DATABASE_URL = os.environ["DATABASE_URL"]
