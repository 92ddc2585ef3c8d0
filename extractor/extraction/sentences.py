"""Sentence bounds of a text: a rule-based spaCy sentencizer per paragraph, no model."""

from __future__ import annotations

import functools
import re

import spacy
from spacy.language import Language


@functools.cache
def sentence_splitter() -> Language:
    """A blank English pipeline with a rule-based sentencizer: fast, no model."""
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.max_length = 10**8  # rule-based and linear: the model's 1,000,000-character guard is moot
    return nlp


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
