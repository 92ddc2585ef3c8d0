"""The rule pass as a registered spaCy pipeline component, ``figure_ruler``, for a user's own
pipeline: figures go to ``doc.spans["figures"]``, each with its parsed figure in ``span._.figure``."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span

from .figures import find_figures, scanner

SPAN_KEY = "figures"

if not Span.has_extension("figure"):
    Span.set_extension("figure", default=None)


@Language.factory("figure_ruler", default_config={"rules_dir": None, "spans_key": SPAN_KEY})
def make_figure_ruler(nlp: Language, name: str, rules_dir: str | None, spans_key: str):
    """The rule pass as a pipeline component: figures go to ``doc.spans[spans_key]``, each with
    its parsed :class:`~extractor.extraction.figures.Figure` as a dict in ``span._.figure``."""
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
