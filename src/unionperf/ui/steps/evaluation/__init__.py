"""Step 5, self-evaluation: its page, the owner and indicator tables and the evidence list."""
