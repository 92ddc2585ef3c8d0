"""Stage 1: sources (feed dumps, .txt, .jsonl/.csv/.parquet, folders, .gz) -> the Articles table."""
