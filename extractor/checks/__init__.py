"""Stage 6: the Claims table -> the Checks table: own arithmetic, other articles, reference data."""
