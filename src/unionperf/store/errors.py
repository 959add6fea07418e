"""Errors of the store that the services turn into messages for the user."""

from __future__ import annotations


class NotFoundError(LookupError):
    """A record the caller named does not exist (message in Chinese)."""
