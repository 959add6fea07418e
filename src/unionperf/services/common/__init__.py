"""Shared by both levels: the workspace, its signing key, errors, inputs, files and locks."""
