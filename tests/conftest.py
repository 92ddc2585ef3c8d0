"""Shared fixtures. Corpus: where the sample dumps live, and how to read a source back as text."""

from __future__ import annotations

from pathlib import Path

import pytest

SAMPLE_DIR = Path(__file__).resolve().parent.parent / "data" / "sample"


@pytest.fixture(scope="session")
def sample_dir() -> Path:
    """data/sample: the two feed dumps of the sample corpus."""
    return SAMPLE_DIR


@pytest.fixture(scope="session")
def decoded():
    """decoded(source, encoding): the text a row's ``offset`` and ``title_offset`` index into."""

    def read(source: str | Path, encoding: str) -> str:
        raw = Path(source).read_bytes()
        if str(source).endswith(".gz"):
            import gzip

            raw = gzip.decompress(raw)
        return raw.decode(encoding)

    return read
