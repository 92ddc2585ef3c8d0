"""Extract every figure stated in government and economic news into tidy, traceable tables.

The public API; everything else is internal and may change.
"""

from .corpus import ReaderOptions, iter_articles, read_corpus
from .errors import CorpusError, ExtractorError, OutputError, RuleError

__version__ = "0.1.0"

__all__ = [
    "CorpusError",
    "ExtractorError",
    "OutputError",
    "ReaderOptions",
    "RuleError",
    "__version__",
    "iter_articles",
    "read_corpus",
]
