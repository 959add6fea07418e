"""The typed refusal of a package: a stable code and a Chinese sentence."""

from __future__ import annotations


class PackageError(ValueError):
    """A package that is refused; ``code`` names the check that failed (docs/package-format.md)."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
