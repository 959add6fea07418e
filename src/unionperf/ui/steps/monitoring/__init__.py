"""Step 4, monitoring: its page and the funds and indicator progress tables."""
