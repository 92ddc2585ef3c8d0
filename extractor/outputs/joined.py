"""The figures frame: the Mentions table joined with each article's date, title, URL and outlet,
every amount of money also in US dollars at its year's official rate. Reads only the tables
(and the rules' exchange rates, loaded and paired by checks.factcheck)."""

from __future__ import annotations

import pandas as pd

from ..ruleset.ruleset import RuleSet, RulesLike
from ..tables import FIGURES


def figures_frame(articles: pd.DataFrame, mentions: pd.DataFrame, ruleset: RulesLike = None) -> pd.DataFrame:
    """The FIGURES table (tables.py) as the engine holds its tables: one row per mention, in
    the Mentions order, with its article's columns and the amount in US dollars."""
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
    usd, sources = in_usd(joined, ruleset)
    joined["value_usd"], joined["usd_rate_source"] = usd, sources
    return joined[FIGURES.names]


def in_usd(figures: pd.DataFrame, ruleset: RulesLike = None) -> tuple[list[float], list[str]]:
    """Each figure's value in US dollars at the official annual average rate of its year
    (``rules/reference/exchange_rates.csv``, through checks.factcheck's rates), and which rate:
    a figure in dollars as it is; any other amount of money at its year's rate. Its year is the
    one year its period covers, else (no period) its article's publication year; an amount over
    several years has no one rate. No rate: NaN and "" (NA in the public form)."""
    from ..checks.factcheck import RATE_BASE, is_currency, load_rates, pair_rate

    rates = load_rates(RuleSet.of(ruleset))
    usd, sources = [], []
    for value, unit, start, end, published in zip(figures["value"], figures["unit"], figures["period_start"],
                                                  figures["period_end"], figures["published"]):
        year = (int(end) if not pd.isna(end) and start == end else None) if not pd.isna(start) \
            else (published.year if not pd.isna(published) else None)
        if pd.isna(value) or not isinstance(unit, str) or not is_currency(unit):
            usd.append(float("nan")), sources.append("")
        elif unit == RATE_BASE:  # in dollars already, whatever its period
            usd.append(float(value)), sources.append(f"stated in {RATE_BASE}")
        elif year is None:
            usd.append(float("nan")), sources.append("")
        else:
            rate = pair_rate(rates, RATE_BASE, unit, year)
            if isinstance(rate, str):  # no rate for that currency and year
                usd.append(float("nan")), sources.append("")
            else:
                usd.append(float(value) / rate.value)
                sources.append(f"{rate.value_source}, {year} average: {rate.value:g} {unit} per {RATE_BASE}")
    return usd, sources
