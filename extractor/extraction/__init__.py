"""Stage 2: numbers, units, the figure scanner, sentences and the model's entities."""
