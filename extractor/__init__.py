"""Extract every figure stated in government and economic news into tidy, traceable tables.

The public API; everything else is internal and may change::

    import extractor
    tables = extractor.run(["data/sample"])                # all four tables below, in one call
    articles = extractor.read_corpus(["data/sample"])      # the Articles table
    mentions = extractor.extract(articles)                 # the Mentions table, one row per figure
    extractor.extract_text("GDP reached $288 billion.", published="2025-03-17")
    claims = extractor.build_claims(mentions)             # the Claims table: statements to check
    checks = extractor.check(claims, reference=None)      # the Checks table: verdicts
    tables = extractor.load_tables(["reports/mentions.parquet"])  # tables written before, no extraction
    figures = extractor.figures(tables)    # Mentions + article date, title, URL, outlet; value_usd
"""

from typing import TYPE_CHECKING

# Public name -> (module, attribute). Imported on first use (PEP 562), so `import extractor`
# stays light: drawing a chart or reading a corpus never loads spaCy or the model.
_PUBLIC = {
    "CHECK_COLUMNS": ("checks.factcheck", "CHECK_COLUMNS"),
    "CLAIM_COLUMNS": ("claims.build", "CLAIM_COLUMNS"),
    "CorpusError": ("errors", "CorpusError"),
    "ExtractorError": ("errors", "ExtractorError"),
    "Figure": ("extraction.figures", "Figure"),
    "MENTION_COLUMNS": ("pipeline", "MENTION_COLUMNS"),
    "OutputError": ("errors", "OutputError"),
    "ReaderOptions": ("corpus.readers", "ReaderOptions"),
    "RuleError": ("errors", "RuleError"),
    "RuleSet": ("ruleset.ruleset", "RuleSet"),
    "Tables": ("tables", "Tables"),
    "build_claims": ("claims.build", "build_claims"),
    "check": ("checks.factcheck", "check"),
    "claims_html": ("outputs.summary", "claims_html"),
    "claims_markdown": ("outputs.summary", "claims_markdown"),
    "extract": ("pipeline", "extract"),
    "extract_text": ("pipeline", "extract_text"),
    "figures": ("api", "figures"),
    "find_figures": ("extraction.figures", "find_figures"),
    "indicator_cells": ("outputs.sheet", "choose_cells"),
    "iter_articles": ("corpus.readers", "iter_articles"),
    "iter_mentions": ("pipeline", "iter_mentions"),
    "load_reference": ("checks.factcheck", "load_reference"),
    "load_report": ("outputs.tables_io", "load_report"),
    "load_tables": ("api", "load_tables"),
    "overview_figure": ("outputs.charts", "overview_figure"),
    "read": ("api", "read"),
    "read_corpus": ("corpus.readers", "read_corpus"),
    "run": ("api", "run"),
    "slope_figure": ("outputs.charts", "slope_figure"),
    "trend_figure": ("outputs.charts", "trend_figure"),
    "trend_series": ("outputs.charts", "trend_series"),
    "write_database": ("outputs.database", "write_database"),
    "write_indicator_sheet": ("outputs.sheet", "write_indicator_sheet"),
    "write_report": ("outputs.report", "write_report"),
}


def __getattr__(name: str):
    if name not in _PUBLIC:
        raise AttributeError(f"module 'extractor' has no attribute {name!r}")
    import importlib

    module, attribute = _PUBLIC[name]
    value = getattr(importlib.import_module(f".{module}", __name__), attribute)
    globals()[name] = value  # later look-ups skip this function
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_PUBLIC])


if TYPE_CHECKING:  # what a type checker and an IDE see; the same names as _PUBLIC
    from .checks.factcheck import CHECK_COLUMNS, check, load_reference
    from .claims.build import CLAIM_COLUMNS, build_claims
    from .corpus.readers import ReaderOptions, iter_articles, read_corpus
    from .api import figures, load_tables, read, run
    from .outputs.database import write_database
    from .outputs.tables_io import load_report
    from .tables import Tables
    from .errors import CorpusError, ExtractorError, OutputError, RuleError
    from .ruleset.ruleset import RuleSet
    from .extraction.figures import Figure, find_figures
    from .outputs.charts import overview_figure, slope_figure, trend_figure, trend_series
    from .outputs.report import write_report
    from .outputs.sheet import choose_cells as indicator_cells, write_indicator_sheet
    from .outputs.summary import claims_html, claims_markdown
    from .pipeline import MENTION_COLUMNS, extract, extract_text, iter_mentions

from .version import __version__

__all__ = [
    "CHECK_COLUMNS",
    "CLAIM_COLUMNS",
    "CorpusError",
    "ExtractorError",
    "Figure",
    "MENTION_COLUMNS",
    "OutputError",
    "ReaderOptions",
    "RuleError",
    "RuleSet",
    "Tables",
    "__version__",
    "build_claims",
    "check",
    "claims_html",
    "claims_markdown",
    "extract_text",
    "extraction",
    "figures",
    "find_figures",
    "indicator_cells",
    "iter_articles",
    "iter_mentions",
    "load_reference",
    "load_report",
    "load_tables",
    "overview_figure",
    "read",
    "read_corpus",
    "run",
    "slope_figure",
    "trend_figure",
    "trend_series",
    "write_database",
    "write_indicator_sheet",
    "write_report",
]
