"""The report's SQLite database (sqlite-utils): the four tables, linked and searchable, in the
shape Datasette serves as it is. Reads only the tables.

=============== ==============================================================================
articles        one row per input record (primary key article_id), with ``outlet`` (the
                Articles column, else the URL's host or the source the body names) and
                ``display_title`` (the title, else the body's first words)
mentions        one row per figure (mention_id); article_id references articles
claims          one row per checkable statement (claim_id); article_id references articles
checks          one row per verdict (check_id)
claim_mentions  claim_id -> mention_id, with the mention's role and position in the claim
check_claims    check_id -> claim_id, with the claim's position in the check
figures         a view: each mention beside its article's date, outlet and title
=============== ==============================================================================

Missing values are NULL (an empty text cell of the tables too, and an infinite number: a tolerance
without bound, which JSON cannot carry); list columns are JSON arrays;
dates are ISO 8601 text (a date alone when no value in the column has a time of day). Full-text
search (FTS5, porter stemming) covers articles' titles and bodies, mentions' sentences, text
and measured thing, claims' summaries, sentences and subjects, and checks' explanations:
``db["claims"].search("minimum wage")``, or Datasette's ``?_search=``.
"""

from __future__ import annotations

import json
import math
import os
import sqlite3
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ..errors import OutputError
from .folder import write_error
from ..tables import FOREIGN_KEYS, PRIMARY_KEYS, TABLES
from .labels import article_outlet, article_title

DATABASE_FILE = "extractor.db"
SEARCHED = {
    "articles": ["display_title", "body"],
    "mentions": ["sentence", "text", "measured"],
    "claims": ["summary", "sentence", "subject"],
    "checks": ["explanation"],
}
SQL_TYPES = {"text": str, "category": str, "any": str, "list": str, "date": str, "int": int, "float": float}
FIGURES_VIEW = """
SELECT m.mention_id, m.article_id, a.published, a.outlet, a.display_title AS title, m.text, m.value, m.unit,
       m.indicator, m.kind, m.measured, m.period_start, m.period_end, m.status, m.location, m.sentence
FROM mentions AS m JOIN articles AS a ON a.article_id = m.article_id
"""


def write_database(path: str | Path, articles: pd.DataFrame, mentions: pd.DataFrame, claims: pd.DataFrame,
                   checks: pd.DataFrame | None = None) -> Path:
    """Write the tables into the SQLite database ``path`` (replaced whole, under a temporary name
    until complete); returns the path. Browse it with ``datasette PATH``."""
    import sqlite_utils

    path = Path(path)
    partial = path.with_name(f".{path.name}.partial-{os.getpid()}")
    partial.unlink(missing_ok=True)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite_utils.Database(partial)
        articles = articles.assign(
            outlet=[article_outlet(row) or None for row in articles.to_dict("records")],
            display_title=[article_title(row.get("title"), row.get("body")) for row in articles.to_dict("records")])
        frames = {"articles": articles, "mentions": mentions, "claims": claims,
                  "checks": checks if checks is not None else pd.DataFrame(columns=TABLES["checks"].names)}
        for name, frame in frames.items():
            _insert(db, name, frame)
        _insert_links(db, claims, checks)
        for name, columns in SEARCHED.items():
            db[name].enable_fts(columns, fts_version="FTS5", tokenize="porter", create_triggers=True)
        db.index_foreign_keys()
        for table, column in (("mentions", "indicator"), ("claims", "indicator"), ("checks", "verdict"),
                              ("articles", "outlet")):
            db[table].create_index([column], if_not_exists=True)
        db.create_view("figures", FIGURES_VIEW, replace=True)
        db.vacuum()
        db.close()
        os.replace(partial, path)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise write_error(exc, path) from None
    except sqlite3.Error as exc:  # SQLite says "database or disk is full" in its own words
        partial.unlink(missing_ok=True)
        raise OutputError(f"{path}: cannot write ({exc}); free some space or choose another location") from None
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return path


def _insert(db, name: str, frame: pd.DataFrame) -> None:
    declared = {c.name: c.kind for c in TABLES[name].columns}
    kinds = {column: declared.get(column) or _kind_of(frame[column]) for column in frame.columns}
    db[name].create({column: SQL_TYPES[kind] for column, kind in kinds.items()}, pk=PRIMARY_KEYS[name],
                    foreign_keys=FOREIGN_KEYS.get(name, []), not_null={PRIMARY_KEYS[name]})
    columns = {column: _sql_values(frame[column], kind) for column, kind in kinds.items()}
    rows = (dict(zip(columns, values)) for values in zip(*columns.values())) if len(frame) else iter(())
    db[name].insert_all(rows, batch_size=500)


def _insert_links(db, claims: pd.DataFrame, checks: pd.DataFrame | None) -> None:
    """The many-to-many links the tables hold as lists: a claim's mentions, a check's claims."""
    db["claim_mentions"].create({"claim_id": str, "mention_id": str, "role": str, "position": int},
                                pk=("claim_id", "position"),
                                foreign_keys=[("claim_id", "claims", "claim_id"), ("mention_id", "mentions", "mention_id")])
    db["check_claims"].create({"check_id": str, "claim_id": str, "position": int}, pk=("check_id", "position"),
                              foreign_keys=[("check_id", "checks", "check_id"), ("claim_id", "claims", "claim_id")])
    links = []
    for claim_id, ids, roles in zip(claims["claim_id"], claims["mention_ids"], claims["roles"]):
        ids, roles = _list(ids), _list(roles)
        links += [{"claim_id": claim_id, "mention_id": mid, "role": roles[i] if i < len(roles) else None, "position": i}
                  for i, mid in enumerate(ids)]
    db["claim_mentions"].insert_all(links, batch_size=1000)
    if checks is not None and len(checks):
        db["check_claims"].insert_all(({"check_id": check_id, "claim_id": cid, "position": i}
                                       for check_id, ids in zip(checks["check_id"], checks["claim_ids"])
                                       for i, cid in enumerate(_list(ids))), batch_size=1000)


def _kind_of(series: pd.Series) -> str:
    if pd.api.types.is_bool_dtype(series) or pd.api.types.is_integer_dtype(series):
        return "int"
    if pd.api.types.is_float_dtype(series):
        return "float"
    if pd.api.types.is_datetime64_any_dtype(series):
        return "date"
    if series.map(lambda v: isinstance(v, (list, tuple, np.ndarray))).any():
        return "list"
    return "text"


def _missing(value: Any) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    return isinstance(value, (float, np.floating)) and math.isnan(value)


def _list(value: Any) -> list:
    if value is None or (not isinstance(value, (list, tuple, np.ndarray)) and _missing(value)):
        return []
    return list(value.tolist() if isinstance(value, np.ndarray) else value)


def _json_value(value: Any) -> Any:
    if isinstance(value, np.generic):
        value = value.item()
    if _missing(value) or (isinstance(value, float) and math.isinf(value)):
        return None
    if isinstance(value, pd.Timestamp):
        return value.isoformat()
    return value


def _sql_values(series: pd.Series, kind: str) -> list:
    """One column's values as SQLite stores them: NULL for missing (and for empty text)."""
    if kind == "list":
        return [None if _missing_list(v) else json.dumps([_json_value(x) for x in _list(v)], ensure_ascii=False)
                for v in series]
    if kind == "date":
        stamps = pd.to_datetime(series, errors="coerce")
        dated = stamps.dropna()
        date_only = bool(len(dated)) and bool((dated == dated.dt.normalize()).all())
        return [None if pd.isna(s) else (s.strftime("%Y-%m-%d") if date_only else s.isoformat()) for s in stamps]
    if kind == "int":
        return [None if _missing(v) else int(v) for v in series]
    if kind == "float":  # an infinite value too (a tolerance without bound): JSON, and so Datasette, has none
        return [None if _missing(v) or math.isinf(float(v)) else float(v) for v in series]
    return [None if _missing(v) or (isinstance(v, str) and not v) else
            (v.item() if isinstance(v, np.generic) else str(v) if not isinstance(v, str) else v) for v in series]


def _missing_list(value: Any) -> bool:
    return value is None or (not isinstance(value, (list, tuple, np.ndarray)) and _missing(value))
