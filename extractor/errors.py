"""The package's error types, in one place.

Every message says what was wrong, where (file, line, article id) and what to do; the CLI prints
``str(error)`` as one line and exits non-zero, without a traceback.
"""

from __future__ import annotations


class ExtractorError(Exception):
    """Base class of every error the package raises on purpose."""


class CorpusError(ExtractorError):
    """A source cannot be opened at all (missing path, unsupported option)."""


class RuleError(ExtractorError):
    """A rule file is malformed: unknown key, duplicate id, unknown unit, bad value."""

    def __init__(self, path, line: int | None, message: str):
        self.path, self.line = str(path), line
        where = f"{path}:{line}" if line else f"{path}"
        super().__init__(f"{where}: {message}")


class OutputError(ExtractorError):
    """An output cannot be written (unknown format, unwritable location)."""
