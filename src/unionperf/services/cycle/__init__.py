"""The grassroots yearly cycle: edits, sign-off locks, evidence, fill-in workbook, forms, export."""
