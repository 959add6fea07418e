"""The PySide6 window: it calls the services and shows their results, never SQL or scoring."""
