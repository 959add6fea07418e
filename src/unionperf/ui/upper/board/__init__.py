"""报送情况: the status board of a year's stage, its rates, filters and deadlines."""
