"""The demo union as domain objects: a realistic 基层工会 (2023–2024) and a large year."""
