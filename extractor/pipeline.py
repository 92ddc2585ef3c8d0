"""Articles -> the Mentions table: the glue of the extract and context stages.

The rule pass runs on every text; the statistical model (tagger, parser and NER: the parse
gives the measured thing) runs only on the sentences holding a figure the rule pass found, for
many articles in one pass, with NER only where it can change a row. Importing this module registers the rule pass as the spaCy component ``figure_ruler``
(``extraction/component.py``).
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import pandas as pd

from .context import describe as context
from .context.carry import carry_indicator, date_comparatives, date_current_report, inherit_measured, rate_kinds
from .context.relations import mark_restatements
from .context.window import figure_view
from .ruleset.context_rules import context_rules
from .context.periods import find_periods, frames_sentence, is_stretch, may_lead, year_after_base
from .extraction import component  # noqa: F401  registers the "figure_ruler" spaCy factory
from .extraction import units
from .ruleset.ruleset import RuleSet, RulesLike
from .tables import MENTIONS
from .extraction.figures import Figure, find_figures
from .extraction.ner import language_model, ner_figures
from .extraction.sentences import sentence_bounds

MENTION_COLUMNS = MENTIONS.names


# --------------------------------------------------------------------------- mentions


def figure_row(fig: Figure, text: str, sentence: tuple[int, int], method: str,
               ruleset: RulesLike = None) -> dict:
    """One Mentions row (context columns empty) for a figure of ``text``."""
    sent_start, sent_end = sentence
    info = units.canonical(fig.unit, ruleset=ruleset)
    value = fig.value
    low, high = _bounds(fig)
    return {
        "start": fig.start, "end": fig.end, "text": fig.text,
        "sentence": text[sent_start:sent_end], "sentence_start": sent_start,
        "value": value, "value_low": low, "value_high": high,
        "unit": info.unit, "dimension": info.dimension,
        "value_base": value * info.to_base if value is not None else None,
        "qualifier": fig.qualifier, "direction": fig.direction,
        "method": method, "rule": fig.rule,
        "confidence": 0.95 if method == "rule+ner" else 0.9 if method == "rule" else 0.6,
        "flags": ",".join(fig.flags),
    }


def sentence_index(starts: list[int], position: int) -> int:
    """The sentence holding ``position``, given every sentence's start in order."""
    return max(0, bisect.bisect_right(starts, position) - 1)


def _bounds(fig: Figure) -> tuple[float | None, float | None]:
    """The interval a figure's qualifier implies: "5-7%" -> (5, 7); "more than 7" -> (7, None)."""
    v = fig.value
    return {
        "range": (v, fig.value_high), "exact": (v, v), "approx": (None, None),
        "more_than": (v, None), "at_least": (v, None), "less_than": (None, v), "up_to": (None, v),
    }.get(fig.qualifier, (None, None))


def heading_period(text: str, bounds: list[tuple[int, int]], i: int, periods: list) -> object | None:
    """The period of sentence ``i`` when it is a heading that names one ("Third quarter",
    "Nine-month period", "January-June 2024"): a paragraph of its own, of a few words, the
    period most of it. The paragraphs under it report on that period until the next heading."""
    s0, s1 = bounds[i]
    alone = (i == 0 or "\n" in text[bounds[i - 1][1]:s0]) and (i + 1 == len(bounds) or "\n" in text[s1:bounds[i + 1][0]])
    if not alone or len(periods) != 1 or len(text[s0:s1].split()) > 6:
        return None
    return periods[0] if len(periods[0].text) >= 0.5 * len(text[s0:s1].strip()) else None


@dataclass
class Prepared:
    """The rule pass's part of a text, done before the model runs: its figures, its sentences'
    bounds, and the sentences that hold a figure (the ones the model parses)."""

    figures: list
    bounds: list[tuple[int, int]]
    wanted: list[int]

    def sentences(self, text: str) -> list[str]:
        return [text[self.bounds[i][0]:self.bounds[i][1]] for i in self.wanted]


def prepare_text(text: str, ruleset: RuleSet) -> Prepared:
    """The rule pass over ``text``; the model is then given only the sentences holding one of its
    figures: the context stage describes those, and a sentence with none has nothing to describe."""
    figures = find_figures(text, ruleset)
    bounds = sentence_bounds(text) or [(0, len(text))]
    starts = [b[0] for b in bounds]
    with_figures = sorted({sentence_index(starts, f.start) for f in figures})
    return Prepared(figures, bounds, with_figures)


def text_mentions(text: str, published=None, ner: bool = True, ruleset: RulesLike = None,
                  year_only: bool = False, country: str | None = None, prepared: Prepared | None = None,
                  parsed: list | None = None) -> list[dict]:
    """Mentions rows (without article columns) for one text.

    ``ner`` runs the statistical model (dependency parse, and NER where it can change a row:
    :func:`parse_sentences`) on the sentences that hold a figure of the rule pass; without it, the measured thing and indicator stay empty. ``year_only``: only
    the year of ``published`` is known (an undated article dated by the years it reports on), so
    nothing resolves against its month or day ("last month", "on Friday"). ``country``: the id of
    the article's own country (default: the one ``text`` names most), whose figures are national.
    ``prepared`` and ``parsed`` (its sentences' Docs) are the rule pass and the parse when a
    caller did them already, for many texts at once (:func:`iter_mentions`).
    """
    if not text or not text.strip():
        return []
    ruleset = RuleSet.of(ruleset)  # resolved once: every stage below reads this one version
    prepared = prepared or prepare_text(text, ruleset)
    figures, bounds = prepared.figures, prepared.bounds
    docs: dict = {}  # sentence index -> its parsed spaCy Doc
    methods = ["rule"] * len(figures)
    if ner:
        if parsed is None:
            parsed = parse_sentences(prepared.sentences(text), context_rules(ruleset))
        docs = dict(zip(prepared.wanted, parsed))
        extra, confirmed = ner_figures(docs, bounds, figures, ruleset)
        methods = ["rule+ner" if i in confirmed else "rule" for i in range(len(figures))] + ["ner"] * len(extra)
        figures = figures + extra
    published_on = pd.Timestamp(published).date() if published is not None and not pd.isna(published) else None
    year = published_on.year if published_on is not None else None
    if year_only and published_on is not None:
        published_on = year
    rows = []
    by_sentence: dict[int, list[tuple[Figure, str]]] = {}
    starts = [b[0] for b in bounds]  # once: a list per figure made a long text quadratic
    for fig, method in zip(figures, methods):
        by_sentence.setdefault(sentence_index(starts, fig.start), []).append((fig, method))
    if country is None and by_sentence:
        country = context.article_country(text, context_rules(ruleset))
    named: set[int] = set()  # every year the text names, not as the base of a comparison
    carried = None  # a period framing an earlier sentence of the same paragraph
    lead = None  # the period the article reports on: the first one its first paragraph with figures names
    section = None  # the period a heading names ("Third quarter"), framing the paragraphs under it
    opening: list = []  # periods of the paragraphs up to the first that holds a figure
    lead_decided = False
    last_named = None  # the last period named before this sentence, not as a base: "the same period" points at it
    first_named = None  # the first one that could lead, even in a paragraph without figures
    stretch = None  # a span of years a text with no lead reports on: what "the reporting period" then is
    for i, (s0, s1) in enumerate(bounds):
        sentence = text[s0:s1]
        new_paragraph = i and "\n" in text[bounds[i - 1][1]:s0]
        if new_paragraph:
            if not lead_decided and rows:
                lead, lead_decided = next((p for p in opening if may_lead(p)), None), True
            opening = opening if rows else []
            carried = section or lead
        frame = carried or lead or first_named  # the year a part of a year written without one belongs to
        context_year = frame.end_year if frame is not None and frame.start_year == frame.end_year else None
        reported = carried or lead or stretch
        periods = find_periods(sentence, published_on, ruleset, last_named or reported, reported, context_year)
        opened = next((p for p in periods if is_stretch(p)), None) or next((p for p in periods if may_lead(p)), None) \
            if reported is None else None
        if opened is not None:
            # what a pointer means before the text has a frame: the time its own sentence opens
            # with ("Over the past 10 years, GDP grew 2.8 times, while over the reporting period
            # ...", "As of end-August this year, reserves were 5.7 percent less than a year earlier")
            stretch = opened if is_stretch(opened) else stretch
            periods = find_periods(sentence, published_on, ruleset, last_named or opened, opened, context_year)
        first_named = first_named or next((p for p in periods if may_lead(p)), None)
        bases = context.comparison_bases(sentence, periods, context_rules(ruleset))
        implied = year_after_base(periods, bases, carried or lead)
        here = sorted(by_sentence.get(i, []), key=lambda fm: fm[0].start)
        spans = [(f.start - s0, f.end - s0) for f, _ in here]
        for fig, method in here:
            row = figure_row(fig, text, (s0, s1), method, ruleset)
            span = docs[i].char_span(fig.start - s0, fig.end - s0, alignment_mode="expand") if i in docs else None
            view = figure_view(sentence, fig.start - s0, fig.end - s0, periods, spans)  # windowed if over-long
            row.update(context.describe(view.sentence, view.start, view.end, row["unit"], row["dimension"],
                                        fig.direction, year, span, view.periods, ruleset, view.others,
                                        implied or carried, country, view.offset))
            rows.append(row)
        mark_restatements(rows[len(rows) - len(here):], sentence, s0, ruleset)
        inherit_measured(rows[len(rows) - len(here):], sentence, s0)
        date_comparatives(rows[len(rows) - len(here):])
        named.update(y for p in periods if p not in bases for y in (p.start_year, p.end_year)
                     if not (y == p.end_year == p.start_year + 1 == (year or 0) + 1))  # a season under way
        opening += [p for p in periods if p not in bases]
        last_named = next((p for p in reversed(periods) if p not in bases and p.carries), last_named)
        framing = [p for p in periods if p not in bases and frames_sentence(p, [s for s, _ in spans])]
        if framing:
            carried = framing[-1]
        elif implied is not None:
            carried = implied  # "Compared to 2022, production rose 4.3%. Mining's share was ..."
        heading = heading_period(text, bounds, i, periods) if not here else None
        if heading is not None:
            section = carried = heading
    if not lead_decided and rows:
        lead = next((p for p in opening if may_lead(p)), None)
    rows.sort(key=lambda r: r["start"])
    date_current_report(rows, named, lead, year)
    carry_indicator(rows, ruleset)
    rate_kinds(rows, ruleset)
    return rows


def parse_sentences(sentences: list[str], rules) -> list:
    """The sentences parsed by the model; named entities only where they can change a row.

    The context stage reads entities in two places: a place inside an organisation's name is no
    location ("Bank of Georgia"), and a country, organisation or person as the subject acts
    rather than gets measured. So the entity recogniser (half the model's time) runs only on
    sentences that name a place of the rules or have a proper noun as a subject; elsewhere the
    rule pass's figures stand alone (method "rule", not "rule+ner")."""
    nlp = language_model()
    with nlp.select_pipes(disable=[n for n in ("ner",) if n in nlp.pipe_names]):
        docs = list(nlp.pipe(sentences, batch_size=64))
    if "ner" in nlp.pipe_names:
        needed = [d for d in docs if context.names_place(d.text, rules)
                  or any(t.pos_ == "PROPN" and t.dep_ in ("nsubj", "nsubjpass") for t in d)]
        for _ in nlp.get_pipe("ner").pipe(needed, batch_size=64):
            pass  # sets each Doc's entities in place
    return docs


# Articles whose figure sentences the model parses in one pass: enough to fill its batches, few
# enough that a stream of articles stays a stream.
ARTICLES_PER_PARSE = 32


def iter_mentions(articles: Iterable[dict], ner: bool = True, ruleset: RulesLike = None) -> Iterator[dict]:
    """Stream Mentions rows for Articles rows (dicts); only articles with status ok are read.

    Articles are taken :data:`ARTICLES_PER_PARSE` at a time: the rule pass over each, then one
    pass of the model over all their figure sentences, then the context stage text by text; the
    rows are the same, in the same order, as one article at a time.

    ``ruleset``: a :class:`~extractor.ruleset.ruleset.RuleSet`, or a rules folder (default: the
    shipped rules), read once at the start of the stream."""
    ruleset = RuleSet.of(ruleset)
    ok = (article for article in articles if article.get("status") == "ok")
    while chunk := list(itertools.islice(ok, ARTICLES_PER_PARSE)):
        texts = [(article, field, article.get(field) or "") for article in chunk for field in ("title", "body")]
        prepared = [prepare_text(text, ruleset) if text.strip() else None for _, _, text in texts]
        parsed: list = [None] * len(texts)
        if ner:  # one pass of the model over the sentences of many articles, not one per text
            wanted = [p.sentences(text) if p else [] for p, (_, _, text) in zip(prepared, texts)]
            docs = iter(parse_sentences([s for group in wanted for s in group], context_rules(ruleset)))
            parsed = [list(itertools.islice(docs, len(group))) for group in wanted]
        countries = {id(a): context.article_country(f"{a.get('title') or ''}\n{a.get('body') or ''}",
                                                    context_rules(ruleset)) for a in chunk}
        for (article, field, text), p, docs_of_text in zip(texts, prepared, parsed):
            for row in text_mentions(text, article.get("published"), ner, ruleset,
                                     article.get("published_from") == "text_year", countries[id(article)],
                                     p, docs_of_text):
                row.update(article_id=article["article_id"], field=field,
                           mention_id=f"{article['article_id']}:{field[0]}{row['start']}")
                yield row


def mentions_frame(rows: Iterable[dict]) -> pd.DataFrame:
    frame = pd.DataFrame(list(rows), columns=MENTION_COLUMNS)
    for column in ("start", "end", "sentence_start", "period_start", "period_end"):
        frame[column] = frame[column].astype("Int64")
    for column in ("value", "value_low", "value_high", "value_base", "confidence"):
        frame[column] = pd.to_numeric(frame[column], errors="coerce").astype("float64")
    for column in ("period_from", "period_to"):
        frame[column] = pd.to_datetime(frame[column]).astype("datetime64[ns]")  # as published, and Parquet
    for column in ("kind", "measured", "indicator", "period_granularity", "period_text", "status", "location",
                   "location_level", "relation"):
        frame[column] = frame[column].astype("object").fillna("").astype(str)
    return frame


def extract(articles, ner: bool = True, ruleset: RulesLike = None) -> pd.DataFrame:
    """The Mentions table of an Articles table (or any iterable of Articles rows)."""
    rows = articles.to_dict("records") if isinstance(articles, pd.DataFrame) else articles
    return mentions_frame(iter_mentions(rows, ner, ruleset))


def extract_text(text: str, published=None, ner: bool = True, ruleset: RulesLike = None) -> pd.DataFrame:
    """The Mentions table of one text (article id ``text``)."""
    article = {"article_id": "text", "status": "ok", "title": "", "body": text,
               "published": pd.Timestamp(published) if published is not None else None}
    return extract([article], ner, ruleset)
