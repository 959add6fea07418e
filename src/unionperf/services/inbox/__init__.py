"""Packages arriving at either level: verified, dispatched, or refused into quarantine."""
