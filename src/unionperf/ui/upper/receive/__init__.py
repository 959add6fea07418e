"""接收: receive packages from files and folders, the result list and the quarantine."""
