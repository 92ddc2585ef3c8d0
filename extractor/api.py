"""The whole job in one call: sources -> Articles, Mentions, Claims and Checks.

The command line, the notebooks and the tests run the engine through these two functions, so
every one of them reads, extracts, groups and checks the same way::

    tables = extractor.run(["data/sample"])
    tables.mentions.groupby("indicator").size()
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import pandas as pd

from .checks.factcheck import check
from .claims.build import build_claims
from .corpus.readers import ReaderOptions, articles_frame, iter_articles
from . import pipeline
from .ruleset.ruleset import RuleSet, RulesLike
from .tables import Tables

# What is kept of an article whose text is not wanted afterwards: enough to account for it.
ACCOUNT_COLUMNS = ("article_id", "source", "record", "status", "error")


def read(paths: Iterable | str, *, ner: bool = True, ruleset: RulesLike = None, text_column: str = "text",
         encoding: str | None = None, keep_text: bool = True, published: str | None = None,
         date_format: str | None = None,
         on_article: Callable[[dict], None] | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Read ``paths`` and extract every figure, streaming: (Articles, Mentions).

    Every record is accounted for in Articles (ok, empty or failed with its reason). Without
    ``keep_text`` an article's title and body are dropped once extracted (a big corpus then
    costs the memory of its figures only). ``on_article`` is called with each article as it is
    read (a progress bar). ``published`` dates every article that gives no date of its own;
    ``date_format`` is the strptime format of a date column (default: day first, "07.08.2021")."""
    ruleset = RuleSet.of(ruleset)
    options = ReaderOptions(text_column=text_column, encoding=encoding, rules=ruleset, published=published,
                            date_format=date_format)
    rows: list[dict] = []

    def counted():
        for row in iter_articles(paths, options):
            rows.append(row if keep_text else {k: row.get(k) for k in ACCOUNT_COLUMNS + ("published", "published_from")})
            if on_article is not None:
                on_article(row)
            yield row

    mentions = pipeline.mentions_frame(pipeline.iter_mentions(counted(), ner, ruleset))
    return articles_frame(rows), mentions


def run(paths: Iterable | str, *, ner: bool = True, ruleset: RulesLike = None, reference=None,
        text_column: str = "text", encoding: str | None = None, keep_text: bool = True,
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
    return Tables(articles, mentions, claims, check(claims, reference, ruleset))
