"""Step 2, the annual budget: its page, the budget table, projects and funding, rule settings."""
