"""The rules: every rule file's schema and loader; the bottom layer with errors and tables."""
