"""下级单位: the register of units with their keys (issue 14 item 1)."""
