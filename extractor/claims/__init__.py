"""Stage 5: the Mentions table -> the Claims table, the statements a fact-checker checks."""
