"""Development tools beside the product: scoring the engine against hand-annotated gold."""
