"""Stage 7: tables -> files: table formats, the indicator sheet, charts, the claims summary, the report."""
