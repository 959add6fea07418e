"""What the screens and reports show, computed from domain objects (no Qt)."""
