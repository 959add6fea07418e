"""Widgets and table models shared by several steps of the window."""
