"""Stage 3: what a figure is: kind, direction, measured thing, period, status, indicator, place."""
