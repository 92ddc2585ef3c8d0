"""The stretch of an over-long sentence that the context stage reads for one figure.

Describing a figure reads its sentence (cues before and after it, the periods, the other
figures), so a "sentence" of thousands of characters with hundreds of figures (a table flattened
into one line, a text with no full stops) made the context stage quadratic: 200 figures took
seconds, an unpunctuated 96 KB file did not finish. Real sentences are far shorter (the longest
of the sample and the outlets' development set is about 600 characters), so a sentence longer
than LONG_SENTENCE is read, for each figure, only within WINDOW characters on either side of it:
the cost of a figure no longer grows with its sentence, and ordinary sentences are untouched.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, replace

from .periods import Period

LONG_SENTENCE = 1500  # characters; beyond this a figure's context is windowed
WINDOW = 500  # characters on either side of the figure


@dataclass(frozen=True)
class FigureView:
    """A figure's sentence as the context stage reads it, with every offset relative to it."""

    sentence: str
    offset: int  # where it starts in the whole sentence
    start: int
    end: int
    periods: list[Period]
    others: list[tuple[int, int]]


def figure_view(sentence: str, start: int, end: int, periods: list[Period],
                spans: list[tuple[int, int]]) -> FigureView:
    """The figure at [start, end) of ``sentence`` with the sentence's periods and the other
    figures' spans (``spans``: every figure of the sentence, sorted), cut to the window around
    it when the sentence is over-long.

    >>> v = figure_view("word " * 400 + "5 tons " + "word " * 400, 2000, 2006, [], [(10, 12), (2000, 2006), (2500, 2502)])
    >>> len(v.sentence), v.sentence[v.start:v.end], v.offset, v.others
    (1006, '5 tons', 1500, [(1000, 1002)])
    >>> figure_view("GDP grew 5%.", 9, 11, [], [(9, 11)]).others
    []
    """
    if len(sentence) <= LONG_SENTENCE:
        return FigureView(sentence, 0, start, end, periods, [sp for sp in spans if sp != (start, end)])
    left = max(0, start - WINDOW)
    right = min(len(sentence), end + WINDOW)
    if left and not sentence[left - 1].isspace():  # start on a word, not inside one
        space = sentence.find(" ", left, start)
        left = space + 1 if space >= 0 else left
    if right < len(sentence) and not sentence[right].isspace():
        space = sentence.rfind(" ", end, right)
        right = space if space >= 0 else right
    # spans are sorted: bisect keeps the whole sentence linear in its figures
    first = bisect.bisect_left(spans, (left, left))
    last = bisect.bisect_left(spans, (right, right))
    kept = [(s - left, e - left) for s, e in spans[first:last] if e <= right and (s, e) != (start, end)]
    inside = [replace(p, start=p.start - left, end=p.end - left) for p in periods
              if p.start >= left and p.end <= right]
    return FigureView(sentence[left:right], left, start - left, end - left, inside, kept)
