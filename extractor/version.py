"""The package version, at the bottom of the stack so every stage (and an output's metadata) can read it."""

__version__ = "0.1.0"
