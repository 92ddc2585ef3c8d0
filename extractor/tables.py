"""The table contract: the four tables that connect the stages, declared once.

Every table's columns in order, the kind of value each holds, and the values a closed column
may take. The stages build their frames with these column lists, and :func:`problems` checks a
frame against its declaration (the test suite runs it on every table a run produces), so a
column renamed in one stage or a kind spelled a new way fails loudly instead of silently
emptying a spreadsheet column three stages later.

Missing text is still the empty string in these tables (issue 15 moves them to NA); the
declarations say so with ``blank=True``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import pandas as pd

from .errors import ExtractorError

# ---- closed vocabularies --------------------------------------------------------------------------

ARTICLE_STATUSES = ("ok", "empty", "failed")
# Where an article's publication date came from: the record itself (a feed header, a date
# column), a sidecar index, the run (--published), the latest full date of its text, the year
# its text was most likely written in (text_year: only the year is known; published is January 1), or a
# date the record gave that could not be read (published left empty).
PUBLISHED_FROM = ("record", "index", "run", "text", "text_year", "unreadable")
FIELDS = ("title", "body")
KINDS = ("level", "change", "change_pct", "share", "multiplier")
CHANGE_KINDS = frozenset({"change", "change_pct", "multiplier"})  # how a figure moved
LEVEL_KINDS = frozenset({"level", "share"})  # where it stands (a share is the level of a ratio)
DIRECTIONS = ("up", "down", "none")
QUALIFIERS = ("exact", "approx", "more_than", "less_than", "at_least", "up_to", "range")
STATUSES = ("actual", "plan", "target")
# How much of the calendar a figure's period covers (period_from to period_to): a whole year,
# several years, a half, a quarter, one month, other months, January to a month, or one day.
GRANULARITIES = ("year", "multi-year", "half", "quarter", "month", "months", "year-to-date", "day")
# The dimension of a figure's unit; "yield" is mass per area (t/ha).
DIMENSIONS = ("money", "ratio", "length", "area", "volume", "flow", "mass", "energy", "power", "count",
              "multiplier", "time", "yield",
              # quantities of general news beyond the sample's (extraction/units.py: pint's bases)
              "speed", "temperature", "pressure", "frequency", "force", "charge", "luminance", "data", "angle",
              "price", "rate")
METHODS = ("rule", "ner", "rule+ner")
# How a figure stands to its neighbours, decided once by the context stage and read by claims:
# the two ends of "from X to Y", a figure that states the one before it again ("$1.5 billion
# (766 billion tenge)", "71.12% (5,561,937 people)", "$1.5 billion, or 766 billion tenge"), and
# a part of the whole its indicator names, filed under it but no value of it: a sector's share
# ("mining accounted for 61.6 percent of industrial output"), one partner's trade ("exports to the UK").
RELATIONS = ("from", "to", "restates", "part")
# Where a figure holds: the article's own country (location empty), a region or city of it (or
# of a place list's country), the world, or another country.
LOCATION_LEVELS = ("national", "region", "city", "world", "other_country")
MENTION_FLAGS = ("malformed_number", "vague", "each")
CLAIM_TYPES = ("level", "share", "growth", "multiplier", "change_from_to", "composition", "equivalence", "vague")
CHECK_TYPES = ("arithmetic", "composition", "share_count", "equivalence", "cross_article", "reference")
VERDICTS = ("consistent", "inconsistent", "supported", "contradicted", "unverifiable")


# ---- missing values: one reading of None, NaN, pd.NA and NaT for every stage ----------------------


def is_missing(value: Any) -> bool:
    """None, NaN, NA or NaT; a list (a flags or ids cell) is never missing.

    >>> [is_missing(v) for v in (None, float("nan"), pd.NA, pd.NaT, "", 0, ["a"])]
    [True, True, True, True, False, False, False]
    """
    return value is None or (not pd.api.types.is_list_like(value) and bool(pd.isna(value)))


def text_or_empty(value: Any) -> str:
    """A text cell as text; a missing one as "".

    >>> text_or_empty(None), text_or_empty(pd.NA), text_or_empty("KZT"), text_or_empty(3)
    ('', '', 'KZT', '3')
    """
    return "" if is_missing(value) else str(value)


def int_or_none(value: Any) -> int | None:
    return None if is_missing(value) else int(value)


def float_or_nan(value: Any) -> float:
    return math.nan if is_missing(value) else float(value)


def flag_set(value: Any) -> set[str]:
    """The flags of a cell: a comma-separated string (or a list) as a set.

    >>> sorted(flag_set("vague, each")), flag_set(None), flag_set(["vague"])
    (['each', 'vague'], set(), {'vague'})
    """
    if is_missing(value):
        return set()
    parts = value if pd.api.types.is_list_like(value) else str(value).split(",")
    return {str(part).strip() for part in parts if str(part).strip()}


def divides(unit: str, direction: str, value: float) -> bool:
    """Whether a multiplier figure says what the old level was divided by: "reduced fivefold" is
    stored as 5 with direction down (new = old / 5), while "halved" is the factor itself, 0.5.
    The one place this reading of the Mentions table is written down.

    >>> divides("times", "down", 5), divides("times", "down", 0.5), divides("times", "up", 2)
    (True, False, False)
    """
    return unit == "times" and direction == "down" and value >= 1


@dataclass(frozen=True)
class Column:
    """One column: its name, the kind of value (text, int, float, date, category, list, any),
    the values it may take (closed columns), and whether it may be missing or blank."""

    name: str
    kind: str = "text"
    allowed: tuple[str, ...] | None = None
    nullable: bool = True
    blank: bool = True  # the empty string stands for "none" (text columns, until issue 15)


@dataclass(frozen=True)
class Table:
    name: str
    columns: tuple[Column, ...]

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.columns]

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)


def _text(name: str, allowed: tuple[str, ...] | None = None, *, nullable: bool = True, blank: bool = True) -> Column:
    return Column(name, "text", allowed, nullable, blank)


def _int(name: str) -> Column:
    return Column(name, "int")


def _float(name: str) -> Column:
    return Column(name, "float")


def _list(name: str) -> Column:
    return Column(name, "list")


ARTICLES = Table("articles", (
    _text("article_id", nullable=False, blank=False), _text("source", nullable=False, blank=False),
    _int("record"), Column("published", "date"), _int("views"), _text("title"), _text("body"),
    _text("attribution"), Column("status", "category", ARTICLE_STATUSES, nullable=False), _text("error"),
    _int("offset"), _int("title_offset"), _text("encoding"), Column("url", "any"), Column("external_id", "any"),
    Column("scraped", "date"), _text("published_from", PUBLISHED_FROM),
))

MENTIONS = Table("mentions", (
    _text("mention_id", nullable=False, blank=False), _text("article_id", nullable=False, blank=False),
    _text("field", FIELDS, nullable=False), _int("start"), _int("end"), _text("text", nullable=False),
    _text("sentence"), _int("sentence_start"),
    _float("value"), _float("value_low"), _float("value_high"), _text("unit", nullable=False),
    _text("dimension", DIMENSIONS), _float("value_base"),
    _text("kind", KINDS), _text("direction", DIRECTIONS), _text("qualifier", QUALIFIERS),
    _text("measured"), _text("indicator"),
    _int("period_start"), _int("period_end"), Column("period_from", "date"), Column("period_to", "date"),
    _text("period_granularity", GRANULARITIES), _text("period_text"), _text("status", STATUSES),
    _text("location"), _text("location_level", LOCATION_LEVELS), _text("relation", RELATIONS),
    _text("method", METHODS), _text("rule"),
    _float("confidence"), _text("flags"),
))

# A claim carries its mentions' attributes as parallel lists, so a check needs only this table.
CLAIM_MENTION_LISTS = ("texts", "values", "value_highs", "units", "dimensions", "kinds", "directions", "qualifiers")
CLAIMS = Table("claims", (
    _text("claim_id", nullable=False, blank=False), _text("article_id", nullable=False, blank=False),
    _text("field", FIELDS), _text("sentence"), _int("sentence_start"), _text("indicator"), _text("subject"),
    _text("claim_type", CLAIM_TYPES, nullable=False), _list("mention_ids"), _list("roles"),
    _text("from_id"), _text("to_id"), _text("total_id"), _list("change_ids"), _list("part_ids"),
    _int("period_start"), _int("period_end"), Column("period_from", "date"), Column("period_to", "date"),
    _text("period_granularity", GRANULARITIES), _text("status", STATUSES), _text("location"), _text("summary"),
    _text("flags"), *(_list(name) for name in CLAIM_MENTION_LISTS),
))

CHECKS = Table("checks", (
    _text("check_id", nullable=False, blank=False), _list("claim_ids"), _text("check", CHECK_TYPES, nullable=False),
    _text("verdict", VERDICTS, nullable=False), _float("expected"), _float("observed"), _float("rel_error"),
    _float("tolerance"), _text("explanation"), _list("sentences"), _text("reference_source"),
))

TABLES = {t.name: t for t in (ARTICLES, MENTIONS, CLAIMS, CHECKS)}


# ---- checking a frame against its declaration ------------------------------------------------------


def problems(frame: pd.DataFrame, table: Table | str) -> list[str]:
    """What is wrong with ``frame`` as the ``table`` it claims to be, one phrase per problem.

    >>> problems(pd.DataFrame({"check_id": ["a:arithmetic:0"], "claim_ids": [["a"]],
    ...     "check": ["arithmetic"], "verdict": ["plausible"]}), "checks")[:2]
    ['columns differ from the checks table: missing expected, observed, rel_error, tolerance, explanation, sentences, reference_source', "verdict: 'plausible' is not one of consistent, inconsistent, supported, contradicted, unverifiable"]
    """
    table = TABLES[table] if isinstance(table, str) else table
    found = []
    if list(frame.columns) != table.names:
        missing = [n for n in table.names if n not in frame.columns]
        extra = [n for n in frame.columns if n not in table.names]
        found.append(f"columns differ from the {table.name} table"
                     + (f": missing {', '.join(missing)}" if missing else "")
                     + (f"; unexpected {', '.join(map(str, extra))}" if extra else "")
                     + ("" if missing or extra else ": same names, another order"))
    for column in table.columns:
        if column.name in frame.columns:
            found += _column_problems(frame[column.name], column)
    return found


def _column_problems(series: pd.Series, column: Column) -> list[str]:
    values = series[series.notna()]
    out = []
    if not column.nullable and len(values) < len(series):
        out.append(f"{column.name}: {len(series) - len(values)} missing value(s)")
    if column.kind == "int" and not (pd.api.types.is_integer_dtype(series) or values.empty):
        out.append(f"{column.name}: dtype {series.dtype}, not an integer type")
    if column.kind == "float" and not pd.api.types.is_float_dtype(series):
        out.append(f"{column.name}: dtype {series.dtype}, not a float type")
    if column.kind == "date" and not (pd.api.types.is_datetime64_any_dtype(series) or values.empty):
        out.append(f"{column.name}: dtype {series.dtype}, not a date type")
    if column.kind == "list":
        bad = values[~values.map(lambda v: isinstance(v, (list, tuple)) or hasattr(v, "tolist"))]
        if len(bad):
            out.append(f"{column.name}: {bad.iloc[0]!r} is not a list")
    if column.kind in ("text", "category"):
        bad = values[~values.map(lambda v: isinstance(v, str))]
        if len(bad):
            out.append(f"{column.name}: {bad.iloc[0]!r} is not text")
        if not column.blank and (values.astype(str) == "").any():
            out.append(f"{column.name}: blank value(s)")
        if column.allowed is not None:
            strange = sorted(set(values.astype(str)) - set(column.allowed) - {""})
            if strange:
                out.append(f"{column.name}: {strange[0]!r} is not one of {', '.join(column.allowed)}")
    return out


def validate(frame: pd.DataFrame, table: Table | str) -> pd.DataFrame:
    """``frame`` itself when it fits its declaration, else :class:`TableError` listing why."""
    found = problems(frame, table)
    if found:
        name = table if isinstance(table, str) else table.name
        raise TableError(f"not a valid {name} table: " + "; ".join(found))
    return frame


class TableError(ExtractorError, ValueError):
    """A frame does not fit the table it is meant to be."""


@dataclass(frozen=True)
class Tables:
    """The four tables of one run (declared above): ``articles, mentions, claims, checks = tables``."""

    articles: pd.DataFrame
    mentions: pd.DataFrame
    claims: pd.DataFrame
    checks: pd.DataFrame

    def __iter__(self):  # articles, mentions, claims, checks = extractor.run(...)
        return iter((self.articles, self.mentions, self.claims, self.checks))
