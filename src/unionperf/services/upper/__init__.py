"""The upper level: its register of units, the intake of their packages, feedback going down."""
