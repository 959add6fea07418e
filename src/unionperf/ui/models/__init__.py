"""Qt item models that adapt service results (tuples of rows) for the views."""
