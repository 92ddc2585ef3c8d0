"""The whole job in one call: sources -> Articles, Mentions, Claims and Checks.

The command line, the notebooks and the tests run the engine through these functions, so every
one of them reads, extracts, groups and checks the same way::

    tables = extractor.run(["data/sample"])
    tables.mentions.groupby("indicator").size()

    tables = extractor.load_tables(["reports/mentions.parquet"])  # tables written before: no extraction
    figures = extractor.figures(["data/sample"])   # Mentions with their article's date, title, URL, outlet, USD
"""

from __future__ import annotations

import csv
import gzip
import json
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import pandas as pd

from .checks.factcheck import check
from .claims.build import build_claims
from .corpus import readers
from .corpus.readers import ReaderOptions, articles_frame, iter_articles
from . import pipeline
from .errors import CorpusError
from .ruleset.ruleset import RuleSet, RulesLike
from .tables import ARTICLES, FIGURES, Tables, public_form

# What is kept of an article whose text is not wanted afterwards: enough to account for it.
ACCOUNT_COLUMNS = ("article_id", "source", "record", "status", "error")
DEFAULT_TEXT_COLUMN = "text"
PEEK_RECORDS = 50  # JSON Lines records whose keys say which columns a file has


def read(paths: Iterable | str, *, ner: bool = True, ruleset: RulesLike = None, text_column: str | None = None,
         encoding: str | None = None, keep_text: bool = True, published: str | None = None,
         date_format: str | None = None,
         on_article: Callable[[dict], None] | None = None,
         workers: int | None = 1, max_file_size: int | str | None = None, max_record_size: int | str | None = None,
         max_line_length: int | str | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Read ``paths`` and extract every figure, streaming: (Articles, Mentions).

    Every record is accounted for in Articles (ok, empty or failed with its reason). Without
    ``keep_text`` an article's title and body are dropped once extracted (a big corpus then
    costs the memory of its figures only). ``on_article`` is called with each article as it is
    read (a progress bar). ``published`` dates every article that gives no date of its own;
    ``date_format`` is the strptime format of a date column (default: day first, "07.08.2021").
    ``text_column`` names the text column of tabular sources: when given, a name no such source
    has is an error before anything is read (:func:`check_text_column`); by default ``text``,
    or the first of ``body``, ``content``, ``article``, ``full_text`` a source has.
    ``max_file_size``, ``max_record_size``, ``max_line_length`` (bytes, characters, or a size such
    as "500MB", "2GiB") bound what one file may make; None keeps :class:`ReaderOptions`' defaults."""
    if text_column is not None:
        check_text_column(paths, text_column)
    rows: list[dict] = []

    def kept(row: dict) -> None:
        rows.append(row if keep_text else {k: row.get(k) for k in ACCOUNT_COLUMNS + ("published", "published_from")})
        if on_article is not None:
            on_article(row)

    mentions = pipeline.mentions_frame(stream_mentions(
        paths, ner=ner, ruleset=ruleset, text_column=text_column, encoding=encoding, published=published,
        date_format=date_format, on_article=kept, workers=workers, max_file_size=max_file_size,
        max_record_size=max_record_size, max_line_length=max_line_length))
    return articles_frame(rows), mentions


def stream_mentions(paths: Iterable | str, *, ner: bool = True, ruleset: RulesLike = None,
                    text_column: str | None = None, encoding: str | None = None, published: str | None = None,
                    date_format: str | None = None, on_article: Callable[[dict], None] | None = None,
                    workers: int | None = 1, max_file_size: int | str | None = None,
                    max_record_size: int | str | None = None,
                    max_line_length: int | str | None = None) -> Iterator[dict]:
    """The Mentions rows of ``paths`` as they are extracted, never held together: what
    :func:`read` collects, and what ``extractor extract`` writes batch by batch. ``on_article``
    sees every record read (ok, empty or failed); the options are :func:`read`'s."""
    rules_given = ruleset  # what a worker process reads the rules from (``workers``: extractor.parallel)
    ruleset = RuleSet.of(ruleset)
    limits = {name: size for name, size in (("max_file_size", max_file_size), ("max_record_size", max_record_size),
                                            ("max_line_length", max_line_length)) if size is not None}
    options = ReaderOptions(text_column=text_column or DEFAULT_TEXT_COLUMN, encoding=encoding, rules=ruleset,
                            published=published, date_format=date_format, **limits)

    def articles():
        for row in iter_articles(paths, options):
            if on_article is not None:
                on_article(row)
            yield row

    from .parallel import iter_mentions

    return iter_mentions(articles(), ner, rules_given if workers != 1 else ruleset, workers)


def run(paths: Iterable | str, *, ner: bool = True, ruleset: RulesLike = None, reference=None,
        text_column: str | None = None, encoding: str | None = None, keep_text: bool = True,
        published: str | None = None, date_format: str | None = None,
        on_article: Callable[[dict], None] | None = None) -> Tables:
    """Read, extract, group into claims and check: the four tables of ``paths``.

    ``reference``: official figures to check against (a DataFrame or a file; None: the bundled
    World Bank extract). The other arguments are :func:`read`'s."""
    ruleset = RuleSet.of(ruleset)
    articles, mentions = read(paths, ner=ner, ruleset=ruleset, text_column=text_column, encoding=encoding,
                              keep_text=keep_text, published=published, date_format=date_format,
                              on_article=on_article)
    claims = build_claims(mentions, ruleset)
    return Tables(articles, mentions, claims, check(claims, reference, ruleset, articles=articles))


# --- tables written before ---------------------------------------------------------------------------

def load_tables(paths: Iterable | str, *, ruleset: RulesLike = None, reference=None,
                recheck: bool = False) -> Tables:
    """The four tables from tables the engine wrote: Mentions, Claims, Checks or Articles files
    (.parquet, .csv, .tsv, .jsonl, .json) or report folders, without extracting anything again.
    What is not given is made from what is: Claims from Mentions, Checks from Claims (and
    again from them with ``recheck``, e.g. against another ``reference``), and Articles, when
    missing, one row per article the Mentions (or Claims) name. Mentions are needed for
    anything but checking: without them the Mentions table is empty."""
    from .outputs.tables_io import read_tables

    found = read_tables(paths)
    ruleset = RuleSet.of(ruleset)
    mentions = found.get("mentions")
    claims = found.get("claims")
    if mentions is None and claims is None:
        given = ", ".join(sorted(found)) or "nothing"
        raise CorpusError(f"{given} given: a Mentions or Claims table is needed (mentions.parquet, claims.csv "
                          "or a report folder)")
    if mentions is None:
        mentions = pipeline.mentions_frame([])
    if claims is None:
        claims = build_claims(mentions, ruleset)
    articles = found.get("articles")
    if articles is None:
        articles = articles_of(mentions if len(mentions) else claims)
    checks = found.get("checks")
    if checks is None or recheck:
        checks = check(claims, reference, ruleset, articles=articles)
    return Tables(articles, mentions, claims, checks)


def articles_of(table: pd.DataFrame) -> pd.DataFrame:
    """An Articles table for the articles a Mentions or Claims table names, when the articles
    themselves are not at hand: one ok row each, with the date, title, URL and outlet the table
    carries (if any), its source the article id's file name."""
    take = [c for c in ("published", "title", "url", "outlet") if c in table.columns and c in ARTICLES.names]
    rows = []
    for record, (article_id, group) in enumerate(table.groupby("article_id", sort=False)):
        row = dict.fromkeys(ARTICLES.names)
        row.update(article_id=article_id, source=str(article_id).split(":")[0], record=record, title="", body="",
                   attribution="", error="", status="ok", published_from="")
        first = group.iloc[0]
        row.update({c: first[c] for c in take})
        rows.append(row)
    return articles_frame(rows)


# --- checking the options before the long work ---------------------------------------------------------

def check_text_column(paths: Iterable | str, text_column: str) -> None:
    """A CorpusError when no tabular source among ``paths`` (.jsonl, .csv, .parquet, and their
    .gz) has the column ``text_column``: without this, every record would fall back to another
    text column, or fail one by one."""
    seen: list[str] = []
    for path in readers.expand_sources(paths):
        suffix, gz = readers.format_of(path)
        if suffix not in readers.TABLE_SUFFIXES:
            continue
        columns = source_columns(path, suffix, gz)
        if text_column in columns:
            return
        seen.append(f"{path.name} ({', '.join(columns[:8]) + (', ...' if len(columns) > 8 else '') or 'no columns'})")
    if not seen:
        raise CorpusError(f"--text-column {text_column!r}: no input is a table (.jsonl, .csv, .parquet); "
                          "the option names the text column of such files: leave it out for text files and feed dumps")
    raise CorpusError(f"--text-column {text_column!r}: no input has that column; the columns are: "
                      f"{'; '.join(seen[:5])}{' ...' if len(seen) > 5 else ''}")


def source_columns(path: Path, suffix: str, gz: bool) -> list[str]:
    """The columns of a tabular source: its header, its schema, or the keys of its first records."""
    try:
        if suffix == ".parquet":
            import pyarrow.parquet as pq

            with readers.open_binary(path, gz) as raw:
                return list(pq.read_schema(raw).names)
        encoding = readers.choose_encoding(path, gz, None)
        with readers.open_text(path, gz, encoding) as handle:
            if suffix == ".csv":
                return next(csv.reader(handle), [])
            keys: dict[str, None] = {}
            for number, line in enumerate(handle):
                if number >= PEEK_RECORDS:
                    break
                try:
                    record = json.loads(line) if line.strip() else {}
                except ValueError:
                    continue
                if isinstance(record, dict):
                    keys.update(dict.fromkeys(record))
            return list(keys)
    except (OSError, ValueError, EOFError, gzip.BadGzipFile):
        return []
    except Exception:  # pyarrow's error for a file that is no Parquet; the reader reports it per record
        return []


# --- one frame for a chart: the figures with their articles, in one currency ---------------------------


def figures(source, *, ner: bool = True, ruleset: RulesLike = None) -> pd.DataFrame:
    """The Mentions table joined with each article's publication date, title, URL and outlet,
    with every amount of money also in US dollars (``value_usd``, ``usd_rate_source``), in the
    public form (missing values NA, flags a list). ``source``: a :class:`Tables` (what
    :func:`run` or :func:`load_tables` gave), tables or report folders the engine wrote, or
    articles to read and extract (``ner`` as :func:`read`)::

        figures = extractor.figures(["my_articles.jsonl"])
        gdp = figures[figures["indicator"] == "gdp"]
    """
    if isinstance(source, Tables):
        articles, mentions = source.articles, source.mentions
    else:
        from .outputs.tables_io import holds_tables

        if holds_tables(source):
            tables = load_tables(source, ruleset=ruleset)
            articles, mentions = tables.articles, tables.mentions
        else:
            articles, mentions = read(source, ner=ner, ruleset=ruleset)
    from .outputs.joined import figures_frame

    return public_form(figures_frame(articles, mentions, ruleset), FIGURES)
