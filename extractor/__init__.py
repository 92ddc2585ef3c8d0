"""Extract every figure stated in government and economic news into tidy, traceable tables.

The public API; everything else is internal and may change::

    import extractor
    articles = extractor.read_corpus(["data/sample"])      # the Articles table
    mentions = extractor.extract(articles)                 # the Mentions table, one row per figure
    extractor.extract_text("GDP reached $288 billion.", published="2025-03-17")
    claims = extractor.build_claims(mentions)             # the Claims table: statements to check
    checks = extractor.check(claims, reference=None)      # the Checks table: verdicts
"""

from .claims import CLAIM_COLUMNS, build_claims
from .corpus import ReaderOptions, iter_articles, read_corpus
from .errors import CorpusError, ExtractorError, OutputError, RuleError
from .factcheck import CHECK_COLUMNS, check, load_reference
from .figures import Figure, find_figures
from .pipeline import MENTION_COLUMNS, extract, extract_text, iter_mentions

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
    "extract",
    "extract_text",
    "find_figures",
    "iter_articles",
    "iter_mentions",
    "load_reference",
    "read_corpus",
]
