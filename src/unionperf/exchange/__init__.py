"""The signed data package: format, keys, signing and verification (issue 3)."""
