"""Step 1, the unit profile: its page and the profile form."""
