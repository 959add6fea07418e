"""The standard forms as Excel workbooks and PDF (issue 4)."""
