"""Period expressions ("in 2024", "Between 2019 and 2024", "over the past six years", "this
year", "by 2027") found in a sentence and resolved to years against the publication date.

Pure functions over text; no spaCy. The phrasings are data in ``rules/periods.yaml``: each has a
regex with named groups and says how its years are computed, so a new phrasing is a line of YAML.

>>> [(p.start_year, p.end_year, p.text) for p in find_periods("Between 2019 and 2024, output rose.", 2025)]
[(2019, 2024, 'Between 2019 and 2024')]
>>> [(p.start_year, p.end_year) for p in find_periods("Over the past six years, 1,367 opened.", 2025)]
[(2019, 2025)]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import RuleError
from ..extraction.numbers import words_to_number
from ..ruleset.loader import LINE_KEY, Field, Schema, default_rules_dir, rule_entries
from ..ruleset.ruleset import RuleSet, compiled_per_ruleset

PERIODS = Schema("periods", {
    "id": Field((str,), True),
    "pattern": Field((str,), True),
    "start": Field((str,), True),
    "end": Field((str,), True),
    "plan": Field((bool,)),
    "carries": Field((bool,)),
    "example": Field((str,), True),
})

# What `start` and `end` may say: a named group of the pattern holding a year, the article's
# year ("published"), or an offset from it ("published-1", "published-n" with n a group holding
# a count of years written in digits or words).
_EXPRESSION = re.compile(r"^(?:published(?:[-+](?:\d+|n))?|y1|y2|y)$")


@dataclass(frozen=True)
class Period:
    start: int  # character offsets in the text
    end: int
    text: str
    start_year: int
    end_year: int
    rule: str
    plan: bool = False  # the phrasing itself points ahead ("by 2027")
    carries: bool = True  # may frame the next sentences of its paragraph

    @property
    def label(self) -> str:
        """'2024' or '2019-2024', the form of the gold annotation."""
        if self.start_year == self.end_year:
            return str(self.start_year)
        return f"{self.start_year}-{self.end_year}"


@dataclass(frozen=True)
class PeriodRule:
    id: str
    pattern: re.Pattern
    start: str
    end: str
    plan: bool
    carries: bool


@compiled_per_ruleset
def period_rules(ruleset: RuleSet) -> tuple[PeriodRule, ...]:
    path = Path(ruleset or default_rules_dir()) / "periods.yaml"
    rules = []
    for e in rule_entries("periods.yaml", PERIODS, ruleset):
        for key in ("start", "end"):
            if not _EXPRESSION.match(e[key]):
                raise RuleError(path, e[LINE_KEY], f"entry {e['id']!r}: {key} must be published, "
                                f"published-N, published-n, y, y1 or y2; got {e[key]!r}")
        try:
            pattern = re.compile(e["pattern"], re.IGNORECASE)
        except re.error as exc:
            raise RuleError(path, e[LINE_KEY], f"entry {e['id']!r}: bad pattern: {exc}") from None
        rules.append(PeriodRule(e["id"], pattern, e["start"], e["end"], e.get("plan", False),
                                e.get("carries", True)))
    return tuple(rules)


def _year(expression: str, match: re.Match, published_year: int, ruleset: Path | None = None) -> int | None:
    if expression.startswith("published"):
        if expression == "published":
            return published_year
        sign = -1 if expression[9] == "-" else 1
        amount = expression[10:]
        if amount == "n":
            count = _count(match.group("n"), ruleset)
            return None if count is None else published_year + sign * int(count)
        return published_year + sign * int(amount)
    year = match.group(expression)
    return int(year) if year else None


def _count(text: str, ruleset: Path | None = None) -> float | None:
    from ..extraction.lexicon import load_lexicon  # the number words live with the other rules

    text = text.strip()
    if text.isdigit():
        return float(text)
    return words_to_number(text, load_lexicon(ruleset).number_words)


def find_periods(text: str, published_year: int | None, ruleset: Path | None = None) -> list[Period]:
    """Every period expression of ``text``, resolved; overlapping matches keep the longest.

    Without a publication year, only expressions with explicit years resolve.
    """
    found: list[Period] = []
    for rule in period_rules(ruleset):
        for m in rule.pattern.finditer(text):
            if published_year is None and ("published" in rule.start or "published" in rule.end):
                continue
            start, end = (_year(rule.start, m, published_year, ruleset),
                          _year(rule.end, m, published_year, ruleset))
            if start is None or end is None or not (1800 <= start <= 2200 and 1800 <= end <= 2200):
                continue
            found.append(Period(m.start(), m.end(), m.group().strip(), min(start, end),
                                max(start, end), rule.id, rule.plan, rule.carries))
    found.sort(key=lambda p: (p.start, -(p.end - p.start)))
    kept: list[Period] = []
    for p in found:
        if kept and p.start < kept[-1].end:
            continue
        kept.append(p)
    return kept


def _adjacent_after(period: Period, end: int, text: str) -> bool:
    return period.start >= end and re.fullmatch(r"[\s,(]*", text[end:period.start]) is not None


def period_for(periods: list[Period], fig_start: int, fig_end: int, text: str,
               other_figures: list[tuple[int, int]] = ()) -> Period | None:
    """The period a figure at [fig_start, fig_end) of ``text`` refers to.

    A period written right after a figure belongs to it ("30,000 in 2018", "63.5% in 2024") and
    to no other figure. Otherwise the nearest free period before the figure counts, then the
    first free one after it ("422 schools ... were commissioned in 2023 and 2024").
    """
    for p in periods:
        if _adjacent_after(p, fig_end, text):
            return p
    owned = {p for p in periods for _, e in other_figures if _adjacent_after(p, e, text)}
    free = [p for p in periods if p not in owned]
    before = [p for p in free if p.end <= fig_start]
    if before:
        return before[-1]
    later = [p for p in free if p.start >= fig_end]
    return later[0] if later else None


def is_adjacent(period: Period | None, fig_end: int, text: str) -> bool:
    return period is not None and _adjacent_after(period, fig_end, text)


def frames_sentence(period: Period, figure_starts: list[int]) -> bool:
    """A single year written before every figure of its sentence ("In 2024 alone, ...", "last
    year") frames what follows, and carries over to the next sentences of its paragraph.

    Spans of years ("over the past six years") and phrasings marked ``carries: false`` in
    rules/periods.yaml ("currently") frame only their own sentence: the sentences after them
    usually report end points or current states, not the span.
    """
    return (period.start_year == period.end_year and period.carries
            and all(period.end <= s for s in figure_starts))
