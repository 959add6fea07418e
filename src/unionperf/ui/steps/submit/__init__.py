"""Step 6, submission: its page and the checklist, log and feedback tables."""
