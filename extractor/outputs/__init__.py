"""Stage 7: tables -> files: table formats (and reading them back), the indicator sheet, charts, the
claims summary, the SQLite database, the report."""
