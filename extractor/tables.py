"""The table contract: the four tables that connect the stages, declared once.

Every table's columns in order, the kind of value each holds, and the values a closed column
may take. The stages build their frames with these column lists, and :func:`problems` checks a
frame against its declaration (the test suite runs it on every table a run produces), so a
column renamed in one stage or a kind spelled a new way fails loudly instead of silently
emptying a spreadsheet column three stages later.

Inside the engine missing text is the empty string (``blank=True``) and a figure's flags one
comma-separated string; the tables users open have a public form, made from the same
declarations at every boundary (files written and read, the frames of :func:`extractor.figures`):
missing values NA (Parquet null, an empty CSV cell), flags a list, lists JSON arrays in CSV.
:func:`public_form` and :func:`internal_form` turn one into the other without loss, so a table an
earlier run wrote reads back as the engine made it. The report's ``datapackage.json``
(outputs/datapackage.py) describes the files from these declarations and :data:`ABOUT`.
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
    blank: bool = True  # inside the engine the empty string stands for "none" (text columns)
    listed: bool = False  # comma-separated text inside the engine, a list in the public form
    items: str = "string"  # a list's items: "string" or "number" (a missing number is NaN inside)


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


def _list(name: str, items: str = "string") -> Column:
    return Column(name, "list", items=items)


def _flags(name: str) -> Column:
    return Column(name, "text", listed=True)


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
    _float("confidence"), _flags("flags"),
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
    _flags("flags"), *(_list(name, "number" if name in ("values", "value_highs") else "string")
                       for name in CLAIM_MENTION_LISTS),
))

CHECKS = Table("checks", (
    _text("check_id", nullable=False, blank=False), _list("claim_ids"), _text("check", CHECK_TYPES, nullable=False),
    _text("verdict", VERDICTS, nullable=False), _float("expected"), _float("observed"), _float("rel_error"),
    _float("tolerance"), _text("explanation"), _list("sentences"), _text("reference_source"),
))

TABLES = {t.name: t for t in (ARTICLES, MENTIONS, CLAIMS, CHECKS)}

# The Mentions table joined with its article and converted to one currency: what a trend needs in
# one frame (:func:`extractor.figures`); written to reports as figures.parquet/.csv.
FIGURES = Table("figures", (
    *MENTIONS.columns, Column("published", "date"), _text("title"), Column("url", "any"), _text("outlet"),
    _float("value_usd"), _text("usd_rate_source"),
))
# The tables of a report folder, in the order its files are described.
PUBLIC_TABLES = {**TABLES, FIGURES.name: FIGURES}
PRIMARY_KEYS = {"articles": "article_id", "mentions": "mention_id", "claims": "claim_id", "checks": "check_id",
                "figures": "mention_id"}
# (column, table it refers to, that table's column); checks name their claims in a list, which a
# foreign key cannot express (the database's check_claims table holds them one a row).
FOREIGN_KEYS = {
    "mentions": [("article_id", "articles", "article_id")],
    "claims": [("article_id", "articles", "article_id")],
    "figures": [("article_id", "articles", "article_id"), ("mention_id", "mentions", "mention_id")],
}

# What each column holds, for the report's datapackage.json; (table, column) where a name means
# something else in one table.
ABOUT = {
    "article_id": "the article's id: its file, record and a hash of its text",
    "source": "the file the article was read from, as given",
    "record": "the record's number within its file (0 for a text file)",
    "published": "the article's publication date",
    "views": "the view count the record gave",
    "title": "the article's title",
    "body": "the article's text",
    "attribution": "the outlet or agency the text names as its source",
    "error": "why the record could not be read (failed) or held no text (empty)",
    "offset": "where the body starts in the decoded source file (characters)",
    "title_offset": "where the title starts in the decoded source file (characters)",
    "encoding": "the text encoding the source was decoded with",
    "url": "the article's URL, as the record gave it",
    "external_id": "the record's own id column, as given",
    "scraped": "when the record says it was collected",
    "published_from": "where the publication date came from: " + ", ".join(PUBLISHED_FROM),
    "mention_id": "the figure's id: its article id, field and character offsets",
    "field": "the article field the figure is in: title or body",
    "start": "where the figure starts in its field (characters)",
    "end": "where the figure ends in its field (characters); field[start:end] == text",
    "text": "the figure as written",
    "sentence": "the sentence that holds it",
    "sentence_start": "where that sentence starts in its field (characters)",
    "value": "the number, in the unit's own scale (billions written out)",
    "value_low": "the lowest value the wording allows (ranges, 'more than')",
    "value_high": "the highest value the wording allows (ranges, 'up to')",
    "unit": "the unit: ISO 4217 for money, percent, percentage_point, a pint symbol, count or times",
    "dimension": "what the unit measures: " + ", ".join(DIMENSIONS),
    "value_base": "the value in the dimension's base unit (money: the currency itself)",
    "kind": "what the figure states: " + ", ".join(KINDS),
    "direction": "which way a change goes: " + ", ".join(DIRECTIONS),
    "qualifier": "how exact the wording is: " + ", ".join(QUALIFIERS),
    "measured": "the thing measured, from the sentence's parse",
    "indicator": "the indicator (an id of rules/indicators.yaml)",
    "period_start": "the first year the figure refers to",
    "period_end": "the last year the figure refers to",
    "period_from": "the first day of the figure's period",
    "period_to": "the last day of the figure's period",
    "period_granularity": "how much of the calendar the period covers: " + ", ".join(GRANULARITIES),
    "period_text": "the words the period came from",
    "status": "actual, plan or target",
    "location": "where the figure holds: a region, city, another country or world; missing for the article's country",
    "location_level": "the kind of place: " + ", ".join(LOCATION_LEVELS),
    "relation": "how it stands to its neighbours: " + ", ".join(RELATIONS),
    "method": "what found it: " + ", ".join(METHODS),
    "rule": "the ids of the rules that built it",
    "confidence": "how sure the method is (0-1)",
    "flags": "warnings: " + ", ".join(MENTION_FLAGS),
    "claim_id": "the claim's id: its article id and position",
    "subject": "what the claim is about, in words",
    "claim_type": "the shape of the statement: " + ", ".join(CLAIM_TYPES),
    "mention_ids": "the mentions the claim rests on",
    "roles": "each mention's role in the claim, in the order of mention_ids",
    "from_id": "the mention the change starts from",
    "to_id": "the mention the change reaches",
    "total_id": "the mention that is the whole of a composition",
    "change_ids": "the mentions stating the change between from and to",
    "part_ids": "the mentions that are parts of the total",
    "summary": "the claim in one normalised line",
    "texts": "each mention's text, in the order of mention_ids",
    "values": "each mention's value",
    "value_highs": "each mention's highest value",
    "units": "each mention's unit",
    "dimensions": "each mention's dimension",
    "kinds": "each mention's kind",
    "directions": "each mention's direction",
    "qualifiers": "each mention's qualifier",
    "check_id": "the check's id: its first claim, the check and a number",
    "claim_ids": "the claims the check compares",
    "check": "the check made: " + ", ".join(CHECK_TYPES),
    "verdict": "the verdict: " + ", ".join(VERDICTS),
    "expected": "the value the check expected",
    "observed": "the value the text states",
    "rel_error": "how far observed is from expected, relative to expected",
    "tolerance": "the relative error the written precision allows",
    "explanation": "the verdict in one plain sentence",
    "sentences": "the sentences the check rests on",
    "reference_source": "the rates or reference series used; missing for checks within the text",
    "outlet": "the outlet: the Articles column, else the URL's host or the source the body names",
    "value_usd": "the amount in US dollars at the official annual average rate of the figure's year",
    "usd_rate_source": "the rate value_usd was converted at, and where it comes from; missing when none applies",
}
ABOUT_IN = {
    ("articles", "status"): "whether the record was read: " + ", ".join(ARTICLE_STATUSES),
    ("claims", "flags"): "warnings about the claim (cross_sentence, partial, stated_total, or a mention's)",
    ("claims", "status"): "actual, plan or target, as its mentions say",
    ("claims", "sentence"): "the sentence the claim is in",
    ("claims", "field"): "the article field the claim is in: title or body",
    ("figures", "published"): "the article's publication date (from the Articles table)",
    ("figures", "title"): "the article's title (from the Articles table)",
    ("figures", "url"): "the article's URL (from the Articles table)",
}


def about(table: str, column: str) -> str:
    """What ``column`` of ``table`` holds, in a few words."""
    return ABOUT_IN.get((table, column)) or ABOUT[column]


# ---- the public form: NA for missing, lists as lists ------------------------------------------------

# A column's type in the public form, as Frictionless Table Schema names it.
PUBLIC_TYPES = {"text": "string", "category": "string", "int": "integer", "float": "number", "date": "datetime",
                "list": "array", "any": "any"}


def public_type(column: Column) -> str:
    return "array" if column.listed else PUBLIC_TYPES[column.kind]


def may_be_missing(column: Column) -> bool:
    """Whether the public form may hold NA in ``column`` (an empty text inside becomes NA)."""
    return column.nullable or (column.kind in ("text", "category") and column.blank)


def public_table(columns) -> Table | None:
    """The declared table whose columns ``columns`` hold (the largest that fits), or None.

    >>> public_table(FIGURES.names).name, public_table(MENTIONS.names + ["x"]).name, public_table(["id"])
    ('figures', 'mentions', None)
    """
    names = set(columns)
    fits = [t for t in PUBLIC_TABLES.values() if set(t.names) <= names]
    return max(fits, key=lambda t: len(t.columns)) if fits else None


def public_form(frame: pd.DataFrame, table: Table | str) -> pd.DataFrame:
    """``frame`` (a table as the engine builds it) as users get it: missing text NA in a nullable
    string column, flags a list of strings (``[]`` for none), list cells lists. Idempotent;
    columns the declaration does not name are kept as they are.

    >>> m = pd.DataFrame({"indicator": ["gdp", ""], "flags": ["vague,each", ""]})
    >>> p = public_form(m, "mentions"); p["indicator"].tolist(), p["flags"].tolist()
    (['gdp', <NA>], [['vague', 'each'], []])
    """
    table = PUBLIC_TABLES[table] if isinstance(table, str) else table
    out = frame.copy()
    for column in table.columns:
        if column.name not in out:
            continue
        series = out[column.name]
        if column.listed:
            out[column.name] = pd.Series([flag_list(v) for v in series], index=out.index, dtype=object)
        elif column.kind == "list":
            out[column.name] = series.map(lambda v: None if is_missing(v) else _plain_list(v)).astype(object)
        elif column.kind == "text":
            out[column.name] = pd.array([None if is_missing(v) or v == "" else str(v) for v in series],
                                        dtype=pd.StringDtype())
    return out


def internal_form(frame: pd.DataFrame, table: Table | str) -> pd.DataFrame:
    """``frame`` in the public form (or as an earlier version wrote it) as the engine builds it:
    flags one comma-separated string, missing text of a ``blank`` column "", missing numbers in
    a list of numbers NaN. The inverse of :func:`public_form`.

    >>> p = pd.DataFrame({"indicator": pd.array(["gdp", None], dtype="string"), "flags": [["vague", "each"], []]})
    >>> i = internal_form(p, "mentions"); i["indicator"].tolist(), i["flags"].tolist()
    (['gdp', ''], ['vague,each', ''])
    """
    table = PUBLIC_TABLES[table] if isinstance(table, str) else table
    out = frame.copy()
    for column in table.columns:
        if column.name not in out:
            continue
        series = out[column.name]
        if column.listed:
            out[column.name] = [",".join(flag_list(v)) for v in series]
            out[column.name] = out[column.name].astype(str)
        elif column.kind == "list":  # a list's text (CSV) is left to the reader (outputs/tables_io.py)
            out[column.name] = series.map(lambda v: v if is_missing(v) or isinstance(v, str)
                                          else internal_list(v, column)).astype(object)
        elif column.kind == "text" and column.blank:
            values = ["" if is_missing(v) else v for v in series]
            out[column.name] = pd.Series(values, index=out.index, dtype=str)
        elif column.kind == "text" and isinstance(series.dtype, pd.StringDtype) and series.dtype.na_value is pd.NA:
            out[column.name] = series.astype(str) if series.notna().all() else \
                series.astype(object).where(series.notna(), None)
    return out


def flag_list(value: Any) -> list[str]:
    """A flags cell as a list, in the order written: comma-separated text, a JSON array's text
    (a CSV cell of the public form) or a list.

    >>> flag_list("vague, each"), flag_list('["each"]'), flag_list(None), flag_list("")
    (['vague', 'each'], ['each'], [], [])
    """
    if is_missing(value):
        return []
    if isinstance(value, str) and value.lstrip().startswith("["):
        import json

        try:
            value = json.loads(value)
        except ValueError:
            pass
    parts = _plain_list(value) if pd.api.types.is_list_like(value) else str(value).split(",")
    return [str(part).strip() for part in parts if str(part).strip()]


def internal_list(value: Any, column: Column) -> list:
    """A list cell as the engine holds it: a list, a missing number in it NaN.

    >>> internal_list([1.5, None], CLAIMS.column("values")), internal_list(("a",), CLAIMS.column("units"))
    ([1.5, nan], ['a'])
    """
    items = _plain_list(value)
    return [math.nan if is_missing(x) else x for x in items] if column.items == "number" else items


def _plain_list(value: Any) -> list:
    return list(value.tolist() if hasattr(value, "tolist") else value)


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
