"""A sidecar index: what a folder of plain ``.txt`` articles cannot say about itself.

A ``.txt`` file holds only an article's text, so "this year", "last year" and every figure
with no time words of its own have nothing to resolve against. An ``index.csv`` beside the
files gives each one its publication date, title and URL::

    file,title,published,url
    A01.txt,Industrial output up 4.1%,2024-03-25,https://example.org/a01

``file`` names a ``.txt`` file relative to the index's folder; every other column is optional.
The index is read, never treated as a corpus of its own, and a row naming no file, an unreadable
date or a malformed index is a clear error naming the index and its line, because a silently
ignored date would quietly shift every year the engine gives.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from ..errors import CorpusError

SIDECAR_NAME = "index.csv"
FILE_COLUMN = "file"
# Sidecar column -> Articles column. "date" is accepted for "published", as in tabular sources.
FIELDS = {"published": "published", "date": "published", "title": "title", "url": "url"}


def is_sidecar(path: Path) -> bool:
    """An ``index.csv`` whose header has a ``file`` column (any other CSV is a corpus)."""
    if path.name.lower() != SIDECAR_NAME:
        return False
    try:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            header = next(csv.reader(handle), [])
    except (OSError, UnicodeDecodeError, csv.Error):
        return False
    return FILE_COLUMN in [h.strip() for h in header]


def read_sidecar(path: Path) -> dict[Path, dict]:
    """Resolved path of each named ``.txt`` -> the Articles fields its row gives."""
    entries: dict[Path, dict] = {}
    with open(path, encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle, strict=True)
        try:
            for row in reader:
                line = reader.line_num
                name = (row.get(FILE_COLUMN) or "").strip()
                if not name:
                    raise CorpusError(f"{path}:{line}: no file name in column {FILE_COLUMN!r}")
                target = (path.parent / name).resolve()
                if target in entries:
                    raise CorpusError(f"{path}:{line}: {name!r} is listed twice; keep one row")
                entries[target] = _fields(row, path, line)
        except csv.Error as exc:
            raise CorpusError(f"{path}:{reader.line_num}: malformed CSV ({exc}); fix the index") from None
    return entries


def _fields(row: dict, path: Path, line: int) -> dict:
    fields: dict = {}
    for column, target in FIELDS.items():
        value = (row.get(column) or "").strip()
        if not value or target in fields:
            continue
        if target == "published":
            try:
                stamp = pd.Timestamp(value)
            except (ValueError, TypeError):
                raise CorpusError(f"{path}:{line}: unreadable date {value!r} in column {column!r}; "
                                  "write it as YYYY-MM-DD") from None
            value = (stamp.tz_localize(None) if stamp.tzinfo else stamp).to_pydatetime()
        fields[target] = value
    return fields


def sidecars_of(files: Iterable[Path]) -> tuple[dict[Path, dict], set[Path]]:
    """The fields every sidecar among ``files`` gives, and the sidecar files themselves."""
    fields: dict[Path, dict] = {}
    indexes: set[Path] = set()
    for path in files:
        if is_sidecar(path):
            indexes.add(path)
            fields.update(read_sidecar(path))
    return fields, indexes
