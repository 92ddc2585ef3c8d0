"""The figures frame: the Mentions table joined with each article's date, title, URL and outlet,
every amount of money also in US dollars at its year's official rate. Reads only the tables;
the conversion, like all arithmetic on reference data, is the checks stage's (amounts_in_usd)."""

from __future__ import annotations

import pandas as pd

from ..ruleset.ruleset import RuleSet, RulesLike
from ..tables import FIGURES


def figures_frame(articles: pd.DataFrame, mentions: pd.DataFrame, ruleset: RulesLike = None) -> pd.DataFrame:
    """The FIGURES table (tables.py) as the engine holds its tables: one row per mention, in
    the Mentions order, with its article's columns and the amount in US dollars."""
    from ..checks.factcheck import amounts_in_usd, load_rates
    from .labels import article_outlet

    about = pd.DataFrame({
        "article_id": articles["article_id"].astype(str),
        "published": articles["published"] if "published" in articles else pd.NaT,
        "title": articles["title"] if "title" in articles else "",
        "url": articles["url"] if "url" in articles else None,
        "outlet": [article_outlet(row) for row in articles.to_dict("records")],
    }).drop_duplicates("article_id")
    joined = mentions.merge(about, on="article_id", how="left", validate="many_to_one")
    joined.index = mentions.index
    joined["published"] = pd.to_datetime(joined["published"]).astype("datetime64[ns]")
    joined["title"] = joined["title"].astype(object).fillna("").astype(str)
    joined["outlet"] = joined["outlet"].astype(object).fillna("").astype(str)
    usd, sources = amounts_in_usd(joined, load_rates(RuleSet.of(ruleset)))
    joined["value_usd"], joined["usd_rate_source"] = usd, sources
    return joined[FIGURES.names]
