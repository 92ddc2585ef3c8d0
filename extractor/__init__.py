"""Extract every figure stated in government and economic news into tidy, traceable tables.

The public API; everything else is internal and may change::

    import extractor
    articles = extractor.read_corpus(["data/sample"])      # the Articles table
    mentions = extractor.extract(articles)                 # the Mentions table, one row per figure
    extractor.extract_text("GDP reached $288 billion.", published="2025-03-17")
    claims = extractor.build_claims(mentions)             # the Claims table: statements to check
    checks = extractor.check(claims, reference=None)      # the Checks table: verdicts
"""

from .outputs.charts import overview_figure, slope_figure, trend_figure, trend_series
from .claims.build import CLAIM_COLUMNS, build_claims
from .corpus.readers import ReaderOptions, iter_articles, read_corpus
from .errors import CorpusError, ExtractorError, OutputError, RuleError
from .checks.factcheck import CHECK_COLUMNS, check, load_reference
from .extract.figures import Figure, find_figures
from .pipeline import MENTION_COLUMNS, extract, extract_text, iter_mentions
from .outputs.report import write_report
from .outputs.sheet import choose_cells as indicator_cells, write_indicator_sheet
from .outputs.summary import claims_html, claims_markdown

__version__ = "0.1.0"

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
    "__version__",
    "build_claims",
    "check",
    "claims_html",
    "claims_markdown",
    "extract",
    "extract_text",
    "find_figures",
    "indicator_cells",
    "iter_articles",
    "iter_mentions",
    "load_reference",
    "overview_figure",
    "read_corpus",
    "slope_figure",
    "trend_figure",
    "trend_series",
    "write_indicator_sheet",
    "write_report",
]
