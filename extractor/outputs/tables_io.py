"""Write any of the package's tables to a file chosen by its suffix, and read a report's back."""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd

from ..errors import OutputError
from ..tables import TABLES, Tables, problems

TABLE_FORMATS = (".parquet", ".csv", ".jsonl", ".xlsx")


def check_format(path: str | Path) -> Path:
    """The output path, if its suffix names a table format; else a clear OutputError (checked
    before any long work, so a typo does not cost a whole run)."""
    path = Path(path)
    if path.suffix.lower() not in TABLE_FORMATS:
        raise OutputError(f"{path}: unknown output format {path.suffix or '(none)'!r}; "
                          f"use one of {', '.join(TABLE_FORMATS)}")
    existing = next(p for p in [path.parent, *path.parent.parents] if p.exists())
    if not existing.is_dir() or not os.access(existing, os.W_OK):
        raise OutputError(f"{path}: {existing} is not a writable folder; choose a writable location")
    return path


def write_table(frame: pd.DataFrame, path: str | Path) -> Path:
    """Write ``frame`` as .parquet, .csv, .jsonl or .xlsx (by suffix); returns the path."""
    path = check_format(path)
    suffix = path.suffix.lower()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if suffix == ".parquet":
            frame.to_parquet(path, index=False)
        elif suffix == ".csv":
            frame.to_csv(path, index=False)
        elif suffix == ".jsonl":
            frame.to_json(path, orient="records", lines=True, date_format="iso", force_ascii=False)
        else:
            frame.to_excel(path, index=False, engine="openpyxl")
    except OSError as exc:
        raise OutputError(f"{path}: cannot write ({exc.strerror or exc}); choose a writable location") from None
    return path


def load_report(folder: str | Path) -> Tables:
    """The four tables a report folder holds (``extractor report``, ``make report``), read back
    from their Parquet files with their types: list columns as lists, dates as dates. A missing
    file or a table that is not what it claims to be is an error naming the file and what is wrong::

        articles, mentions, claims, checks = extractor.load_report("reports")
    """
    folder = Path(folder)
    frames = []
    for name in ("articles", "mentions", "claims", "checks"):
        path = folder / f"{name}.parquet"
        if not path.is_file():
            raise OutputError(f"{path}: not found; a report folder holds {name}.parquet "
                              "(write one with `extractor report PATHS -o FOLDER`)")
        frame = pd.read_parquet(path)
        for column in TABLES[name].columns:
            if column.kind == "list" and column.name in frame:
                frame[column.name] = frame[column.name].map(lambda v: v if v is None else list(v))
        found = problems(frame, name)
        if found:
            raise OutputError(f"{path}: is not the {name} table: {'; '.join(found[:3])}")
        frames.append(frame)
    return Tables(*frames)
