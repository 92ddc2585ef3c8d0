"""Write any of the package's tables to a file chosen by its suffix (or to standard output), and
read tables the engine wrote back with their types: a report folder, or single table files."""

from __future__ import annotations

import ast
import csv
import json
import math
import sys
import tempfile
from pathlib import Path
from typing import IO, Any

import pandas as pd

from ..errors import CorpusError, OutputError
from ..formatting import escape_cell, unescape_cell
from .folder import writable_location, written_atomically
from ..tables import TABLES, Tables, internal_form, internal_list, public_form, public_table, problems

TABLE_FORMATS = (".parquet", ".csv", ".tsv", ".json", ".jsonl", ".xlsx")
STDOUT = "-"  # as an output path: write the table to standard output
DEFAULT_STREAM_FORMAT = ".csv"
BINARY_FORMATS = (".parquet", ".xlsx")


def check_format(path: str | Path) -> Path:
    """The output path, if its suffix names a table format; else a clear OutputError (checked
    before any long work, so a typo does not cost a whole run)."""
    path = Path(path)
    if path.suffix.lower() not in TABLE_FORMATS:
        raise OutputError(f"{path}: unknown output format {path.suffix or '(none)'!r}; "
                          f"use one of {', '.join(TABLE_FORMATS)}")
    return writable_location(path)


def stream_format(fmt: str | None) -> str:
    """The suffix of a table written to standard output: ``fmt`` ("json", ".tsv") or CSV.

    >>> stream_format(None), stream_format("json"), stream_format(".TSV")
    ('.csv', '.json', '.tsv')
    """
    if not fmt:
        return DEFAULT_STREAM_FORMAT
    suffix = "." + fmt.lower().lstrip(".")
    if suffix not in TABLE_FORMATS:
        raise OutputError(f"--format {fmt!r}: unknown table format; use one of "
                          f"{', '.join(s.lstrip('.') for s in TABLE_FORMATS)}")
    return suffix


def write_table(frame: pd.DataFrame, path: str | Path) -> Path:
    """Write ``frame`` as .parquet, .csv, .tsv, .json, .jsonl or .xlsx (by suffix); returns the path.

    The file is written under a temporary name beside it and moved into place when complete, so
    an interrupted run never leaves a half-written table under the real name. In CSV and TSV
    every text field is quoted (a lone carriage return in an article cannot split a row) and text
    a spreadsheet would run as a formula gets an apostrophe before it (``formatting.escape_cell``,
    undone by ``unescape_cell``); in .xlsx such text is stored as text, never as a formula.
    ``.json`` is one array of records, ``.jsonl`` one record a line; dates are ISO 8601.
    """
    path = check_format(path)
    with written_atomically(path) as partial:
        _write(frame, partial, path.suffix.lower())
    return path


def _write(frame: pd.DataFrame, path: Path, suffix: str) -> None:
    declared = public_table(frame.columns)
    if declared is not None and suffix != ".xlsx":  # one of the engine's tables: as users get it (tables.py)
        frame = public_form(frame, declared)
    if suffix == ".parquet":
        frame.to_parquet(path, index=False)
    elif suffix in (".csv", ".tsv"):
        write_csv(frame, path, suffix)
    elif suffix == ".jsonl":
        with open(path, "w", encoding="utf-8", newline="") as handle:
            handle.write(jsonl_text(frame))
    elif suffix == ".json":
        frame.to_json(path, orient="records", date_format="iso", force_ascii=False, double_precision=15, indent=1)
    else:
        write_xlsx(frame, path)


def write_csv(frame: pd.DataFrame, target: Path | IO[str], suffix: str = ".csv", header: bool = True) -> None:
    """``frame`` as CSV (or TSV) to a path or an open text handle: every text field quoted, text
    a spreadsheet would run escaped. ``header=False`` appends rows under a header written before
    (the streamed Mentions table: outputs/streaming.py), so both paths write the same bytes."""
    csv_safe(frame).to_csv(target, index=False, header=header, quoting=csv.QUOTE_NONNUMERIC,
                           sep="\t" if suffix == ".tsv" else ",")


def jsonl_text(frame: pd.DataFrame) -> str:
    """``frame`` as JSON Lines text, one record a line, each line ending in a newline."""
    return frame.to_json(None, orient="records", lines=True, date_format="iso", force_ascii=False,
                         double_precision=15)


def write_stream(frame: pd.DataFrame, suffix: str = DEFAULT_STREAM_FORMAT, stream: IO[bytes] | None = None) -> None:
    """Write ``frame`` in the format of ``suffix`` to ``stream`` (default: standard output's
    bytes), the same bytes :func:`write_table` would put in a file."""
    stream = stream if stream is not None else sys.stdout.buffer
    with tempfile.TemporaryDirectory(prefix="extractor-") as scratch:
        path = Path(scratch) / f"table{suffix}"
        _write(frame, path, suffix)
        with open(path, "rb") as handle:
            while chunk := handle.read(1 << 20):
                stream.write(chunk)
    stream.flush()


def csv_safe(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with every text cell escaped for spreadsheet programs (``escape_cell``) and
    every list a JSON array (a missing number in it null)."""
    out = frame.copy()
    for column in out.columns:
        if out[column].dtype == object or pd.api.types.is_string_dtype(out[column]):
            out[column] = out[column].map(lambda v: escape_cell(v) if isinstance(v, str) else
                                          json_array(v) if isinstance(v, (list, tuple)) or hasattr(v, "tolist") else v)
    return out


def json_array(items) -> str:
    """A list cell as CSV carries it.

    >>> json_array(["a", "b"]), json_array([1.5, float("nan")]), json_array([])
    ('["a", "b"]', '[1.5, null]', '[]')
    """
    values = items.tolist() if hasattr(items, "tolist") else list(items)
    return json.dumps([None if isinstance(v, float) and math.isnan(v) else
                       v.isoformat() if isinstance(v, pd.Timestamp) else v for v in values], ensure_ascii=False)


def write_xlsx(frame: pd.DataFrame, path: Path) -> None:
    """One sheet holding ``frame``, text always stored as text (sheet.set_cell)."""
    from openpyxl import Workbook

    from .sheet import _write_frame

    workbook = Workbook()
    _write_frame(workbook.active, frame)
    workbook.active.title = "table"
    with open(path, "wb") as handle:  # openpyxl picks the format from the name: give it a handle
        workbook.save(handle)


# --- reading tables back -----------------------------------------------------------------------------

# The columns that say which table a file holds (looked for in this order: a Mentions table has
# an article_id too, an Articles table no mention_id).
TABLE_KEYS = {
    "checks": ("check_id", "verdict"),
    "claims": ("claim_id", "claim_type"),
    "mentions": ("mention_id", "article_id", "start", "end", "text"),
    "articles": ("article_id", "source", "status"),
}
READABLE_FORMATS = (".parquet", ".csv", ".tsv", ".jsonl", ".json")


def table_name(columns) -> str | None:
    """Which of the four tables has these columns, or None.

    >>> table_name(["claim_id", "claim_type", "summary"]), table_name(["id", "text"])
    ('claims', None)
    """
    names = set(columns)
    return next((name for name, keys in TABLE_KEYS.items() if set(keys) <= names), None)


def columns_of(path: Path) -> list[str]:
    """The column names of a table file, reading no more than its header (or first record)."""
    suffix = path.suffix.lower()
    try:
        if suffix == ".parquet":
            import pyarrow.parquet as pq

            return list(pq.read_schema(path).names)
        if suffix in (".csv", ".tsv"):
            with open(path, encoding="utf-8-sig", newline="") as handle:
                return next(csv.reader(handle, delimiter="\t" if suffix == ".tsv" else ","), [])
        if suffix == ".jsonl":
            with open(path, encoding="utf-8-sig") as handle:
                first = next((line for line in handle if line.strip()), "")
            record = json.loads(first) if first else {}
            return list(record) if isinstance(record, dict) else []
        if suffix == ".json":
            with open(path, encoding="utf-8-sig") as handle:
                records = json.load(handle)
            return list(records[0]) if isinstance(records, list) and records and isinstance(records[0], dict) else []
    except (OSError, ValueError, UnicodeDecodeError, StopIteration):
        return []
    except Exception:  # pyarrow's errors for a file that is no Parquet
        return []
    return []


def table_file_name(path: str | Path) -> str | None:
    """The table a file written by the engine holds ("mentions", ...), or None for any other
    file (an article corpus in CSV or Parquet, a feed dump)."""
    path = Path(path)
    if not path.is_file() or path.suffix.lower() not in READABLE_FORMATS:
        return None
    return table_name(columns_of(path))


def is_report_folder(path: str | Path) -> bool:
    """Whether ``path`` is a folder ``extractor report`` wrote (it holds mentions.parquet)."""
    path = Path(path)
    return path.is_dir() and (path / "mentions.parquet").is_file() and table_file_name(path / "mentions.parquet") == "mentions"


def not_parquet(path: Path) -> None:
    """A one-line CorpusError when ``path`` is not a Parquet file (pyarrow's own error would
    surface as "unexpected ArrowInvalid")."""
    import pyarrow.parquet as pq

    try:
        pq.read_schema(path)
    except OSError as exc:
        if path.is_file():
            raise CorpusError(f"not a Parquet file: {path} ({exc}); give a table `extractor` wrote") from None
        raise CorpusError(f"{path}: cannot read ({exc.strerror or exc})") from None
    except Exception as exc:  # pyarrow.ArrowInvalid and kin: the bytes are no Parquet
        raise CorpusError(f"not a Parquet file: {path} ({exc}); give a table `extractor` wrote") from None


def read_table(path: str | Path, name: str | None = None) -> tuple[str, pd.DataFrame]:
    """A table file the engine wrote (.parquet, .csv, .tsv, .jsonl, .json), read back with the
    types the table contract declares: list columns as lists (JSON or Python lists in CSV),
    dates as dates, counts as integers, escaped text (``escape_cell``) as it was. Returns
    (which table it is, the frame). Columns a table of another version lacks are added empty;
    an error names the file when it is none of the four tables (or not ``name``)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".parquet":
        not_parquet(path)
    found = table_file_name(path)
    if found is None or (name is not None and found != name):
        wanted = f"the {name} table" if name else "one of the engine's tables (articles, mentions, claims, checks)"
        raise CorpusError(f"{path}: not {wanted} (it lacks the columns "
                          f"{', '.join(TABLE_KEYS[name or 'mentions'])}); give a table `extractor` wrote")
    try:
        if suffix == ".parquet":
            frame = pd.read_parquet(path)
        elif suffix in (".csv", ".tsv"):
            frame = pd.read_csv(path, sep="\t" if suffix == ".tsv" else ",", dtype=str, keep_default_na=False,
                                encoding="utf-8-sig")
        else:
            frame = pd.read_json(path, orient="records", lines=suffix == ".jsonl", dtype=False,
                                 precise_float=True)
    except (OSError, ValueError) as exc:
        raise CorpusError(f"{path}: cannot read the {found} table ({exc})") from None
    frame = typed(internal_form(frame, found), found, text=suffix in (".csv", ".tsv"))
    bad = [p for p in problems(frame, found) if not p.startswith("columns differ")]
    if bad:
        raise CorpusError(f"{path}: is not a valid {found} table: {'; '.join(bad[:3])}")
    return found, frame


def typed(frame: pd.DataFrame, name: str, text: bool = False) -> pd.DataFrame:
    """``frame`` with the types the ``name`` table declares; ``text``: the values were read as
    text (CSV), so escaped cells are unescaped and empty cells are missing numbers or dates."""
    declared = TABLES[name]
    frame = frame.copy()
    for column in declared.columns:
        if column.name not in frame:  # a table of another version
            blank = column.kind in ("text", "category") and column.blank
            frame[column.name] = pd.Series([""] * len(frame) if blank else [None] * len(frame), index=frame.index,
                                           dtype=object)
        series = frame[column.name]
        if column.kind == "list":
            frame[column.name] = series.map(lambda v: None if (items := _as_list(v)) is None
                                            else internal_list(items, column)).astype(object)
        elif column.kind == "int" and not pd.api.types.is_integer_dtype(series):
            frame[column.name] = pd.to_numeric(_blank_to_none(series), errors="coerce").astype("Int64")
        elif column.kind == "float" and not pd.api.types.is_float_dtype(series):
            frame[column.name] = pd.to_numeric(_blank_to_none(series), errors="coerce").astype("float64")
        elif column.kind == "date" and not pd.api.types.is_datetime64_any_dtype(series):
            frame[column.name] = pd.to_datetime(_blank_to_none(series), errors="coerce",
                                                format="ISO8601").astype("datetime64[ns]")  # as the pipeline's
        elif column.kind in ("text", "category") and (text or series.dtype == object):
            values = series.map(lambda v: unescape_cell(v) if text and isinstance(v, str) else v)
            if column.blank:
                values = values.map(lambda v: "" if _missing(v) else v)
            elif text:
                values = values.map(lambda v: None if _missing(v) or v == "" else v)
            if column.kind == "category" and column.allowed:
                frame[column.name] = pd.Categorical(values, categories=list(column.allowed))
            elif values.map(_missing).any():
                frame[column.name] = values.astype(object)
            else:
                frame[column.name] = values.astype(str)
        elif column.kind == "any":  # as written; an empty CSV cell or a JSON null is missing
            frame[column.name] = series.map(
                lambda v: None if _missing(v) or (text and v == "") else unescape_cell(v) if text and isinstance(v, str)
                else v).astype(object)
    order = declared.names + [c for c in frame.columns if c not in declared.names]
    return frame[order]


def _missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA


def _blank_to_none(series: pd.Series) -> pd.Series:
    return series.map(lambda v: None if isinstance(v, str) and not v.strip() else v)


def _as_list(value: Any) -> list | None:
    """A list cell as a list: arrays from Parquet, JSON or Python list text from CSV.

    >>> _as_list('["a", "b"]'), _as_list("['a', 'b']"), _as_list("[1.5, nan]"), _as_list(""), _as_list(None)
    (['a', 'b'], ['a', 'b'], [1.5, nan], None, None)
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, (list, tuple)) or hasattr(value, "tolist"):
        return list(value.tolist() if hasattr(value, "tolist") else value)
    text = str(value).strip()
    if not text:
        return None
    try:
        parsed = json.loads(text)
    except ValueError:
        parsed = _python_literal(text)
    return list(parsed) if isinstance(parsed, (list, tuple)) else [parsed]


_NAMES = {"nan": math.nan, "inf": math.inf, "None": None, "True": True, "False": False, "NaN": math.nan}


def _python_literal(text: str) -> Any:
    """A Python list as ``repr`` writes it (``[1.5, nan]``), read without running anything."""
    def value(node):
        if isinstance(node, ast.Constant):
            return node.value
        if isinstance(node, (ast.List, ast.Tuple)):
            return [value(n) for n in node.elts]
        if isinstance(node, ast.Name) and node.id in _NAMES:
            return _NAMES[node.id]
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
            inner = value(node.operand)
            return -inner if isinstance(node.op, ast.USub) else inner
        raise ValueError(f"not a plain list: {text[:60]!r}")

    try:
        return value(ast.parse(text, mode="eval").body)
    except (SyntaxError, ValueError, TypeError):
        return [text]


def read_tables(paths) -> dict[str, pd.DataFrame]:
    """The engine's tables among ``paths`` (table files and report folders), by name; tables of
    one name from several files are stacked. Every path must be one: a corpus file among them is
    an error naming it (read corpora with ``extractor.run``)."""
    found: dict[str, list[pd.DataFrame]] = {}
    for raw in [paths] if isinstance(paths, (str, Path)) else paths:
        path = Path(raw)
        if is_report_folder(path):
            for name in TABLE_KEYS:
                if (path / f"{name}.parquet").is_file():
                    found.setdefault(name, []).append(read_table(path / f"{name}.parquet", name)[1])
            continue
        name = table_file_name(path)
        if name is None:
            raise CorpusError(f"{path}: not a table the engine wrote (nor a report folder); give either tables "
                              "(mentions.parquet, claims.csv, a report folder) or articles to read, not both")
        found.setdefault(name, []).append(read_table(path, name)[1])
    return {name: frames[0] if len(frames) == 1 else pd.concat(frames, ignore_index=True)
            for name, frames in found.items()}


def holds_tables(paths) -> bool:
    """Whether any of ``paths`` is a table the engine wrote or a report folder (so a command
    takes them as they are instead of reading articles)."""
    return any(is_report_folder(p) or table_file_name(p) is not None
               for p in ([paths] if isinstance(paths, (str, Path)) else paths))


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
        not_parquet(path)
        frame = internal_form(pd.read_parquet(path), name)
        for column in TABLES[name].columns:
            if column.kind == "list" and column.name in frame:
                frame[column.name] = frame[column.name].map(lambda v: v if v is None else list(v))
        found = problems(frame, name)
        if found:
            raise OutputError(f"{path}: is not the {name} table: {'; '.join(found[:3])}")
        frames.append(frame)
    return Tables(*frames)
