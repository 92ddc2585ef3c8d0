"""Context carried across the figures of one text: a restated figure takes its neighbour's
measured thing, and a figure that names no indicator takes the one the text keeps talking about."""

from __future__ import annotations

import re
from pathlib import Path

from ..ruleset.context_rules import context_rules
from .measured import word_lists
from .describe import MEASURES, kind_of_rate
from .periods import period_columns, whole_year


CARRY_WINDOW = 1500  # characters back in the same text


def thing_word(phrase: str) -> str:
    """The word naming what a measured phrase counts: its last word, plural "s" dropped
    ("volume of commissioned housing" -> housing, "scientific projects" -> project). Not the
    grammatical head the scorer compares (``evaluate.head_noun``: "volume"), which would tie
    "share of citizens" to "share of creative economy"."""
    words = re.findall(r"[a-z]+", phrase.lower())
    return words[-1].rstrip("s") if words else ""


POINTER_WINDOW = 300  # characters back: a pronoun points to the sentence before, not further


def fits(row: dict, dimension: str | None) -> bool:
    """Whether a level figure can be a value of an indicator of ``dimension``: money for money,
    and a physical measure only of its own kind (hectares are no tonnes of grain)."""
    if row["kind"] not in ("level", "change") or dimension is None:
        return True
    if (row["dimension"] == "money") != (dimension == "money"):
        return False
    return not (row["dimension"] in MEASURES and dimension in MEASURES and row["dimension"] != dimension)


def rate_kinds(rows: list[dict], ruleset: Path | None = None) -> None:
    """Percentages that took a rate's indicator from a neighbour ("the inflation rate has made up
    1.38%, lower than in 2021 (1.7%)") take its kind too, as those that named it do."""
    rules = context_rules(ruleset)
    for row in rows:
        row["kind"] = kind_of_rate(row["indicator"], row["unit"], row["kind"], rules)


def carry_indicator(rows: list[dict], ruleset: Path | None = None) -> None:
    """A figure whose thing measured names no indicator takes the indicator of the nearest
    earlier figure of the same text measuring the same noun ("2,297 scientific projects ..."
    then "208 projects have been launched"): the text keeps talking about one thing. A figure
    whose subject only points back ("it rose to 13.5 percent", "this was 10.5% more", or no
    subject found) takes the indicator of the figure just before it, within a sentence or two,
    when that indicator fits its dimension (money figures take money indicators)."""
    pointers = word_lists(ruleset).pointers
    dimension_of = {ind.id: ind.dimension for ind in context_rules(ruleset).indicators}
    for i, row in enumerate(rows):
        if row["indicator"]:
            continue
        words = re.findall(r"[a-z]+", (row["measured"] or "").lower())
        if not words or set(words) <= pointers:
            earlier = next((e for e in reversed(rows[:i]) if e["indicator"]), None)
            if earlier is not None and row["start"] - earlier["end"] <= POINTER_WINDOW \
                    and (row["dimension"] == "money") == (dimension_of.get(earlier["indicator"]) == "money"):
                row["indicator"] = earlier["indicator"]
            continue
        head = thing_word(row["measured"])
        for earlier in reversed(rows[:i]):
            if row["start"] - earlier["end"] > CARRY_WINDOW:
                break
            if earlier["indicator"] and thing_word(earlier["measured"]) == head \
                    and fits(row, dimension_of.get(earlier["indicator"])):
                row["indicator"] = earlier["indicator"]
                break


def inherit_measured(sentence_rows: list[dict], sentence: str = "", s0: int = 0) -> None:
    """Fill the measured thing and indicator of a sentence's figures from their neighbours.

    A figure that restates the one before it (relation "restates": "71.12% (5,561,937 people)")
    takes its measured thing and indicator. A figure the parse gave nothing takes those of the
    figure before it in the sentence ("from 12 pairs of trains to 60"), else of the one after,
    unless the two measure different physical things ("11.6 million hectares have been
    harvested, 14.7 million tons of grain": the hectares are no grain). Figures with the same measured thing share its indicator.
    """
    for prev, row in zip(sentence_rows, sentence_rows[1:]):
        if prev["measured"] and row.get("relation") == "restates":
            row["measured"], row["indicator"] = prev["measured"], prev["indicator"] or row["indicator"]
    for i, row in enumerate(sentence_rows):
        if row["measured"]:
            continue
        donors = [r for r in sentence_rows[:i][::-1] + sentence_rows[i + 1:]
                  if r["measured"] and not (r["dimension"] in MEASURES and row["dimension"] in MEASURES
                                            and r["dimension"] != row["dimension"])]
        if donors:
            row["measured"] = donors[0]["measured"]
            row["indicator"] = donors[0]["indicator"] or row["indicator"]
    for row in sentence_rows:  # one subject, one indicator: "from 31.5% ... to 41.4%"
        if not row["indicator"]:
            same = [r["indicator"] for r in sentence_rows if r["measured"] == row["measured"] and r["indicator"]]
            if same:
                row["indicator"] = same[0]
    for prev, row in zip(sentence_rows, sentence_rows[1:]):  # "mining accounted for 61.6 percent of
        if prev.get("relation") == "part" and not row.get("relation") and row["kind"] == "share" \
                and row["indicator"] == prev["indicator"]:  # industrial output, processing 32.1 percent"
            row["relation"] = "part"


def date_comparatives(sentence_rows: list[dict]) -> None:
    """A company report's comparative ("Net sales rose to KZT 38,970 million (37,549)", the
    extraction rule "comparative") is the same measure a year before: the period of the figure it
    follows, a year back."""
    for prev, row in zip(sentence_rows, sentence_rows[1:]):
        if "comparative" not in row["rule"].split("+") or prev["period_start"] is None:
            continue
        row.update(year_before(prev), status="actual")


def year_before(columns: dict) -> dict:
    """The period columns of ``columns`` (a row or period_columns()) a year back."""
    return {"period_start": columns["period_start"] - 1, "period_end": columns["period_end"] - 1,
            "period_from": _year_back(columns["period_from"]), "period_to": _year_back(columns["period_to"]),
            "period_granularity": columns["period_granularity"],
            "period_text": f"a year before {columns['period_text']}".strip()}


def _year_back(day):
    """The same day a year before (February 29 becomes February 28)."""
    if day is None:
        return None
    try:
        return day.replace(year=day.year - 1)
    except ValueError:
        return day.replace(year=day.year - 1, day=28)


def date_current_report(rows: list[dict], named: set[int], lead, published_year: int | None) -> None:
    """A report on its own time dates the figures it gives no time words: when a dated text names
    no year but its report year and the one before (the lead's year, else the publication's:
    "exports rose 7%" in a release of March 2024 about January-February), an achieved figure with
    no period of its own belongs to the period of the article's lead, else to the publication
    year; and where the text names the year before, the start of a bare from-to pair ("output fell
    from 49.7 thousand tons to 46.5 thousand tons" after "In 2021 ... than in 2020") is that
    period a year back. A text that ranges over other years ("since 2019 ...") is left alone:
    there a bare figure may belong to any of them."""
    report_year = lead.end_year if lead is not None and lead.start_year == lead.end_year else published_year
    if report_year is None or not named <= {report_year - 1, report_year}:
        return
    columns = period_columns(lead) if lead is not None else period_columns(whole_year(report_year),
                                                                             "(publication year)")
    before = year_before(columns)
    for row in rows:
        if row["period_start"] is not None or row["status"] != "actual":
            continue
        if row.get("relation") != "from":
            row.update(columns, period_text=row["period_text"] or columns["period_text"])
        elif report_year - 1 in named:
            row.update(before)
