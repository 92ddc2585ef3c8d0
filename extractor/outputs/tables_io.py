"""Write any of the package's tables to a file chosen by its suffix, and read a report's back."""

from __future__ import annotations

import csv
import os
from pathlib import Path

import pandas as pd

from ..errors import OutputError
from ..formatting import escape_cell
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
    """Write ``frame`` as .parquet, .csv, .jsonl or .xlsx (by suffix); returns the path.

    The file is written under a temporary name beside it and moved into place when complete, so
    an interrupted run never leaves a half-written table under the real name. In CSV every text
    field is quoted (a lone carriage return in an article cannot split a row) and text a
    spreadsheet would run as a formula gets an apostrophe before it (``formatting.escape_cell``,
    undone by ``unescape_cell``); in .xlsx such text is stored as text, never as a formula.
    """
    path = check_format(path)
    suffix = path.suffix.lower()
    partial = path.with_name(f".{path.name}.partial-{os.getpid()}")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if suffix == ".parquet":
            frame.to_parquet(partial, index=False)
        elif suffix == ".csv":
            csv_safe(frame).to_csv(partial, index=False, quoting=csv.QUOTE_NONNUMERIC)
        elif suffix == ".jsonl":
            frame.to_json(partial, orient="records", lines=True, date_format="iso", force_ascii=False)
        else:
            write_xlsx(frame, partial)
        os.replace(partial, path)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise OutputError(f"{path}: cannot write ({exc.strerror or exc}); choose a writable location") from None
    return path


def csv_safe(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with every text cell escaped for spreadsheet programs (``escape_cell``)."""
    out = frame.copy()
    for column in out.columns:
        if out[column].dtype == object or pd.api.types.is_string_dtype(out[column]):
            out[column] = out[column].map(lambda v: escape_cell(v) if isinstance(v, str) else v)
    return out


def write_xlsx(frame: pd.DataFrame, path: Path) -> None:
    """One sheet holding ``frame``, text always stored as text (sheet.set_cell)."""
    from openpyxl import Workbook

    from .sheet import _write_frame

    workbook = Workbook()
    _write_frame(workbook.active, frame)
    workbook.active.title = "table"
    with open(path, "wb") as handle:  # openpyxl picks the format from the name: give it a handle
        workbook.save(handle)


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
