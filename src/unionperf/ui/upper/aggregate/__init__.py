"""汇总: totals across the units, distributions, the ranking, every table to Excel."""
