"""Period expressions ("in 2024", "Between 2019 and 2024", "in January-June 2024", "as of
October 1", "this year", "by 2027") found in a sentence and resolved against the publication date:
the years, the months within them (or a day) and so the granularity.

Pure functions over text; no spaCy. The phrasings are data in ``rules/periods.yaml``: each has a
regex with named groups and says how its years and months are computed, so a new phrasing is a
line of YAML. The parts of a year ("first half", "Q3", "9M") are data in ``rules/year_parts.yaml``.

>>> [(p.start_year, p.end_year, p.text) for p in find_periods("Between 2019 and 2024, output rose.", 2025)]
[(2019, 2024, 'Between 2019 and 2024')]
>>> [(p.part_label, p.granularity) for p in find_periods("In January-June 2024, exports rose 7%.", 2025)]
[('2024-01/2024-06', 'half')]
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, replace
from pathlib import Path

from ..errors import RuleError
from ..tables import GRANULARITIES  # noqa: F401  (the values Period.granularity takes)
from ..extraction.numbers import words_to_number
from ..ruleset.loader import LINE_KEY, Field, Schema, default_rules_dir, rule_entries
from ..ruleset.ruleset import RuleSet, compiled_per_ruleset

PERIODS = Schema("periods", {
    "id": Field((str,), True),
    "pattern": Field((str,), True),
    "start": Field((str,), True),
    "end": Field((str,), True),
    "months": Field((str,)),
    "plan": Field((bool,)),
    "carries": Field((bool,)),
    "example": Field((str,), True),
})
YEAR_PARTS = Schema("year_parts", {
    "id": Field((str,), True),
    "words": Field((list,), True, list_of=(str,)),
    "first_month": Field((int,), True),
    "last_month": Field((int,), True),
})

# What `start` and `end` may say: a named group of the pattern holding a year, the article's
# year ("published"), an offset from it ("published-1", "published-n" with n a group holding
# a count of years written in digits or words), "y/published": the group y when the text
# wrote a year, else the article's year ("January-June 2024", "January-June this year"), or
# "named": the years of the period named last ("in the same period"), "reported", "reported-1":
# those of the period the text is reporting on, or the year before ("the reporting period", "the
# same period of the previous year", "a year earlier").
_EXPRESSION = re.compile(r"^(?:published(?:[-+](?:\d+|n))?|y1|y2|y|y/published|named|reported(?:-1)?)$")
# What `months` may say, and the named groups each needs (rules/periods.yaml's header).
MONTHS = {"named": ("m1",), "through": ("m1",), "month_end": ("m1",), "part": ("part",), "first_n": ("n",),
          "to_date": (), "published": (), "previous": (), "weekday": ("wd",), "same": ()}
# Month and weekday names and their abbreviations, from the standard library.
MONTH_NUMBERS = {name.lower(): i for i in range(1, 13)
                 for name in (calendar.month_name[i], calendar.month_abbr[i])} | {"sept": 9}
WEEKDAYS = {calendar.day_name[i].lower(): i for i in range(7)}


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
    first_month: int = 1  # of start_year
    last_month: int | None = 12  # of end_year; None: a year to date whose end is not known
    day: int | None = None  # a point in time ("as of October 1"): first_month == last_month
    dated: bool = True  # False: a part of a year written without its year ("in March", "Q3")
    start_written: bool = False  # the first year is written in the text ("since 2019"), not computed
    points_back: bool = False  # it names no time, only points at one named before ("the same period")

    @property
    def whole_years(self) -> bool:
        return self.first_month == 1 and self.last_month == 12 and self.day is None

    @property
    def granularity(self) -> str:
        """year, multi-year, half, quarter, month, months, year-to-date or day.

        >>> [Period(0, 0, "", 2024, 2024, "r", first_month=a, last_month=b).granularity
        ...  for a, b in [(1, 12), (7, 9), (1, 6), (1, 8), (3, 3), (10, 11), (1, None)]]
        ['year', 'quarter', 'half', 'year-to-date', 'month', 'months', 'year-to-date']
        """
        if self.day is not None:
            return "day"
        if self.start_year != self.end_year:
            return "multi-year"
        first, last = self.first_month, self.last_month
        if last is None:
            return "year-to-date"
        if (first, last) == (1, 12):
            return "year"
        if first == last:
            return "month"
        if last - first == 2 and first % 3 == 1:
            return "quarter"
        if last - first == 5 and first in (1, 7):
            return "half"
        return "year-to-date" if first == 1 else "months"

    @property
    def date_from(self) -> dt.date:
        return dt.date(self.start_year, self.first_month, self.day or 1)

    @property
    def date_to(self) -> dt.date | None:
        """The last day of the period; None when a year to date's end is unknown."""
        if self.last_month is None:
            return None
        if self.day is not None:
            return dt.date(self.end_year, self.last_month, self.day)
        return dt.date(self.end_year, self.last_month, calendar.monthrange(self.end_year, self.last_month)[1])

    @property
    def label(self) -> str:
        """'2024' or '2019-2024', the form of the gold annotation's ``year``."""
        if self.start_year == self.end_year:
            return str(self.start_year)
        return f"{self.start_year}-{self.end_year}"

    @property
    def part_label(self) -> str | None:
        """'2024-01/2024-06' for months, '2024-10-01' for a day, None for whole years: the form
        of the gold annotation's ``period``."""
        if self.day is not None:
            return self.date_from.isoformat()
        if self.whole_years:
            return None
        return f"{self.start_year}-{self.first_month:02d}/{self.end_year}-{self.last_month or 0:02d}"


@dataclass(frozen=True)
class PeriodRule:
    id: str
    pattern: re.Pattern
    start: str
    end: str
    months: str | None
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
                                f"published-N, published-n, y, y1, y2, y/published, named, reported or reported-1; got {e[key]!r}")
        try:
            pattern = re.compile(e["pattern"], re.IGNORECASE)
        except re.error as exc:
            raise RuleError(path, e[LINE_KEY], f"entry {e['id']!r}: bad pattern: {exc}") from None
        groups = {key for key in (e["start"], e["end"]) if not key.startswith(("published", "named", "reported", "y/"))} | ({"n"} if "published-n" in (e["start"], e["end"]) else set())
        absent = sorted(groups - set(pattern.groupindex))
        if absent:
            raise RuleError(path, e[LINE_KEY], f"entry {e['id']!r}: start and end read a named group "
                            f"{absent[0]!r} that the pattern does not have")
        months = e.get("months")
        if months is not None:
            if months not in MONTHS:
                raise RuleError(path, e[LINE_KEY], f"entry {e['id']!r}: months must be one of "
                                f"{', '.join(MONTHS)}; got {months!r}")
            missing = [g for g in MONTHS[months] if g not in pattern.groupindex]
            if missing:
                raise RuleError(path, e[LINE_KEY], f"entry {e['id']!r}: months {months!r} needs a "
                                f"named group {missing[0]!r} in the pattern")
        rules.append(PeriodRule(e["id"], pattern, e["start"], e["end"], months, e.get("plan", False),
                                e.get("carries", True)))
    return tuple(rules)


TIME_WORDS = Schema("time_words", {
    "id": Field((str,), True),
    "words": Field((list,), True, list_of=(str,)),
})


@compiled_per_ruleset
def time_words(ruleset: RuleSet) -> re.Pattern:
    """One pattern finding any word a period needs: a year, a month, a weekday, a part of a year
    or a word of rules/time_words.yaml. A rule whose example holds none is an error, naming it."""
    nouns = [w for e in rule_entries("time_words.yaml", TIME_WORDS, ruleset) for w in e["words"]]
    words = [*nouns, *MONTH_NUMBERS, *WEEKDAYS, *year_parts(ruleset)]
    alternatives = sorted({re.escape(w).replace(r"\ ", r"[\s-]+") for w in words}, key=len, reverse=True)
    pattern = re.compile(r"(?:19|20)\d\d|\d[QHM]|\b(?:" + "|".join(alternatives) + r")", re.IGNORECASE)
    path = Path(ruleset or default_rules_dir()) / "periods.yaml"
    for e in rule_entries("periods.yaml", PERIODS, ruleset):
        if not pattern.search(e["example"]):
            raise RuleError(path, e[LINE_KEY], f"entry {e['id']!r}: its example names no year, month, "
                            "weekday, part of a year or word of time_words.yaml, so no text would reach "
                            "it; add the word it needs to time_words.yaml")
    return pattern


@compiled_per_ruleset
def year_parts(ruleset: RuleSet) -> dict[str, tuple[int, int]]:
    """Part-of-year words, normalised (lower case, single spaces), to their first and last month."""
    path = Path(ruleset or default_rules_dir()) / "year_parts.yaml"
    parts: dict[str, tuple[int, int]] = {}
    for e in rule_entries("year_parts.yaml", YEAR_PARTS, ruleset):
        first, last = e["first_month"], e["last_month"]
        if not 1 <= first <= last <= 12:
            raise RuleError(path, e[LINE_KEY], f"entry {e['id']!r}: months must satisfy "
                            f"1 <= first_month <= last_month <= 12; got {first}, {last}")
        for word in e["words"]:
            key = _part_key(word)
            if key in parts:
                raise RuleError(path, e[LINE_KEY], f"entry {e['id']!r}: {word!r} is already a part of the year")
            parts[key] = (first, last)
    return parts


def _part_key(words: str) -> str:
    return " ".join(re.split(r"[\s\-]+", words.lower().strip()))


@dataclass(frozen=True)
class Reference:
    """What relative expressions resolve against: the publication date (a year, or a full date),
    the period named last before this point (what "the same period" points at), the period the
    text is reporting on ("the same period last year" is a year before it), and the year a part
    of a year written without one belongs to ("in March")."""

    year: int | None = None
    date: dt.date | None = None
    named: Period | None = None
    reported: Period | None = None
    context_year: int | None = None

    def pointed(self, expression: str) -> Period | None:
        return self.named if expression == "named" else self.reported

    @property
    def month(self) -> int | None:
        return self.date.month if self.date is not None else None


def undated(expression: str, match: re.Match) -> bool:
    """Whether a "y/published" match wrote no year at all: neither one (group y) nor "this
    year" (group cur)."""
    groups = match.groupdict()
    return expression == "y/published" and not groups.get("y") and not groups.get("cur")


def _year(expression: str, match: re.Match, ref: Reference, last: bool, ruleset: RuleSet | None = None) -> int | None:
    """The first (``last`` False) or last year an expression of a rule names; None when it needs
    a publication year or frame the text does not have. A part of a year written without its
    year belongs to the year the text is reporting on (its frame), else to the publication year."""
    if expression == "y/published":
        if match.groupdict().get("y"):
            expression = "y"
        elif undated(expression, match) and ref.context_year is not None:
            return ref.context_year
        else:
            expression = "published"
    if expression.startswith(("named", "reported")):
        target = ref.pointed(expression)
        if target is None and expression == "reported-1" and ref.year is not None:
            # no frame yet: "the same period last year" is the year before the publication's, so
            # that its "last year" does not become the frame and point at the year before that
            return ref.year - 1
        if target is None or expression == "reported-1" and target.start_year != target.end_year:
            return None  # nothing pointed at, or a span ("a year earlier" than six years means nothing)
        return (target.end_year if last else target.start_year) - (expression == "reported-1")
    if expression.startswith("published"):
        if ref.year is None:
            return None
        if expression == "published":
            return ref.year
        sign = -1 if expression[9] == "-" else 1
        amount = expression[10:]
        if amount == "n":
            count = _count(match.group("n"), ruleset)
            return None if count is None else ref.year + sign * int(count)
        return ref.year + sign * int(amount)
    year = match.group(expression)
    if not year:
        return None
    return int(year) + 2000 if len(year) == 2 else int(year)  # "Q225", "FY24"


def _count(text: str, ruleset: RuleSet | None = None) -> float | None:
    from ..extraction.lexicon import load_lexicon  # the number words live with the other rules

    text = text.strip()
    if text.isdigit():
        return float(text)
    return words_to_number(text, load_lexicon(ruleset).number_words)


def _month(match: re.Match, group: str) -> int | None:
    name = match.groupdict().get(group)
    return MONTH_NUMBERS.get(name.lower().rstrip(".")) if name else None


def _months(rule: PeriodRule, match: re.Match, ref: Reference,
            ruleset: RuleSet | None) -> tuple[int, int | None, int | None] | None:
    """(first month, last month, day) a match names; None when it cannot be resolved (then the
    match is no period: "this month" with no publication date, "the 14th month")."""
    mode = rule.months
    if mode is None:
        return 1, 12, None
    if mode == "named":
        first = _month(match, "m1")
        last = _month(match, "m2") or first
        day = match.groupdict().get("d")
        if first is None or last is None or last < first:
            return None
        return first, last, int(day) if day else None
    if mode == "through":
        last = _month(match, "m1")
        return None if last is None else (1, last, None)
    if mode == "month_end":
        month = _month(match, "m1")
        return None if month is None else (month, month, -1)  # -1: the month's last day
    if mode == "part":
        part = year_parts(ruleset).get(_part_key(match.group("part")))
        return None if part is None else (*part, None)
    if mode == "first_n":
        count = _count(match.group("n"), ruleset)
        return (1, int(count), None) if count is not None and 1 <= count <= 12 and count == int(count) else None
    if mode == "to_date":
        return 1, ref.month, None
    if mode == "same":  # the months of the period pointed at: "the same period of 2021"
        target = ref.pointed(rule.start)
        if target is None and rule.start == "reported-1" and ref.year is not None:
            return 1, 12, None  # no frame yet: the months are not known, the year is (see _year)
        return None if target is None else (target.first_month, target.last_month, target.day)
    if mode == "weekday":  # the last such weekday on or before the publication date
        if ref.date is None:
            return None
        day = ref.date - dt.timedelta(days=(ref.date.weekday() - WEEKDAYS[match.group("wd").lower()]) % 7)
        return (day.month, day.month, day.day) if day.year == ref.date.year else None
    if ref.month is None or mode == "previous" and ref.month == 1:
        return None
    month = ref.month - (mode == "previous")
    return month, month, None


def find_periods(text: str, published: int | dt.date | None, ruleset: RuleSet | Path | None = None,
                 named: Period | None = None, reported: Period | None = None,
                 context_year: int | None = None) -> list[Period]:
    """Every period expression of ``text``, resolved; overlapping matches keep the longest.

    ``published`` is the publication year or date: without it, only expressions with explicit
    years resolve; with a year only, "since the start of the year" is a year to date with no
    known end, and "last month" or "on Friday" no period. ``named`` is the period named last
    ("the same period" points at it), ``reported`` the one the text is reporting on ("the
    reporting period", "the same period last year", "a year earlier"), ``context_year`` the year
    a part of a year written without one belongs to (else the publication year).
    """
    if not time_words(ruleset).search(text):
        return []  # most sentences name no time at all: skip the rules (a third of the rule pass)
    if isinstance(published, dt.datetime):
        published = published.date()
    ref = Reference(published.year, published, named, reported, context_year) if isinstance(published, dt.date) \
        else Reference(published, None, named, reported, context_year)
    found: list[Period] = []
    for rule in period_rules(ruleset):
        for m in rule.pattern.finditer(text):
            start, end = (_year(rule.start, m, ref, False, ruleset), _year(rule.end, m, ref, True, ruleset))
            months = _months(rule, m, ref, ruleset)
            if start is None or end is None or months is None \
                    or not (1800 <= start <= 2200 and 1800 <= end <= 2200):
                continue
            first, last, day = months
            if day == -1:
                day = calendar.monthrange(end, last)[1]
            if day is not None and not 1 <= day <= calendar.monthrange(end, last)[1]:
                continue
            found.append(Period(m.start(), m.end(), m.group().strip(), min(start, end), max(start, end),
                                rule.id, rule.plan, rule.carries, first, last, day,
                                not undated(rule.start, m), rule.start in ("y", "y1"),
                                rule.start.startswith(("named", "reported"))))
    found.sort(key=lambda p: (p.start, -(p.end - p.start)))
    kept: list[Period] = []
    for p in found:
        if kept and p.start < kept[-1].end:
            continue
        if not p.dated:  # "Last year, the rate was raised in January (...), in February (...)"
            year = next((q.end_year for q in reversed(kept) if q.dated and q.start_year == q.end_year), None)
            if year is not None:
                p = replace(p, start_year=year, end_year=year)
        kept.append(p)
    return kept


# What may stand between a figure and the period written right after it: "8% annually in March",
# "3.2% year-on-year in May".
ADJACENT_GAP = re.compile(r"(?:[\s,(]|\b(?:annually|annualized|annualised|year-on-year|y-o-y|yoy|y/y|month-on-month|"
                          r"m-o-m|mom|m/m|on\s+an\s+annual\s+basis|in\s+annual\s+terms|respectively)\b)*", re.IGNORECASE)


def _adjacent_after(period: Period, end: int, text: str) -> bool:
    """Whether ``period`` is written right after a figure ending at ``end``: "30,000 in 2018",
    "63.5% (2024)". Through a bracket only when the bracket holds just the period: in "113.4
    percent (in January-July 2016 - 97.6 percent)" the bracketed year is the other figure's."""
    gap = text[end:period.start]
    if period.start < end or ADJACENT_GAP.fullmatch(gap) is None:
        return False
    return "(" not in gap or re.match(r"\s*\)", text[period.end:]) is not None


# A figure written right after a period, in brackets or after a dash, is that period's: "lower
# than in December 2023 ($1.6 billion)", "less than a year earlier - $32.6 billion", "(in
# January-July 2016 - 97.6 percent)".
LABELLED_BY_PERIOD = re.compile(r"\s*(?:\(\s*|[-–—:]\s*)$")


def labels_figure(period: Period, start: int, text: str) -> bool:
    """Whether ``period`` is written right before a figure starting at ``start``, as its label."""
    return period.end <= start and LABELLED_BY_PERIOD.fullmatch(text[period.end:start]) is not None


def period_for(periods: list[Period], fig_start: int, fig_end: int, text: str,
               other_figures: list[tuple[int, int]] = ()) -> Period | None:
    """The period a figure at [fig_start, fig_end) of ``text`` refers to.

    A period written right after a figure belongs to it ("30,000 in 2018", "63.5% in 2024") and
    to no other figure. Otherwise the nearest free period before the figure counts, then the
    first free one after it ("422 schools ... were commissioned in 2023 and 2024").
    """
    for p in periods:
        if _adjacent_after(p, fig_end, text) or labels_figure(p, fig_start, text):
            return p
    owned = {p for p in periods for s, e in other_figures
             if _adjacent_after(p, e, text) or labels_figure(p, s, text)}
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


def period_columns(period: Period | None, text: str | None = None) -> dict:
    """The Mentions columns of a figure's period: years, first and last day, granularity, and
    the words it came from (``text`` overrides them: "(publication year)")."""
    if period is None:
        return {"period_start": None, "period_end": None, "period_from": None, "period_to": None,
                "period_granularity": None, "period_text": text or ""}
    return {"period_start": period.start_year, "period_end": period.end_year,
            "period_from": period.date_from, "period_to": period.date_to,
            "period_granularity": period.granularity, "period_text": text or period.text}


def whole_year(year: int) -> Period:
    """A calendar year with no words of its own (an article's publication year)."""
    return Period(0, 0, "", year, year, "published")


def may_lead(period: Period) -> bool:
    """Whether a period of an article's first paragraph with figures can be the time the whole
    article reports on ("In January-August 2021, GDP grew 3%"): one year or a part of it, not
    a plan ("by 2027"), not a point that frames only its own sentence (a dateline's day), not a
    pointer at another time ("the same period last year" is the base, reckoned from the lead)."""
    return period.start_year == period.end_year and period.carries and not period.plan and not period.points_back


def is_stretch(period: Period) -> bool:
    """Whether a period is a span of years a text can report on as a whole ("over the past 10
    years", "in 2019-2023"), so that "the reporting period" after it means the span: not a plan
    ("until 2030"), not a pointer itself."""
    return period.start_year != period.end_year and not period.plan and not period.points_back


def year_after_base(periods: list[Period], bases: set[Period], frame: Period | None) -> Period | None:
    """The year a sentence reports on when it names only the base of a comparison: "Compared to
    2022, production increased by 4.3 percent" is about 2023, whatever period framed the text
    before ("from January through February 2024"). None when the sentence names a time of its
    own, the base is no single whole year, or the frame already lies in the year after it."""
    if not bases or any(p not in bases for p in periods):
        return None
    years = [b for b in bases if b.start_year == b.end_year and b.whole_years and b.dated]
    if len(years) != 1:
        return None
    base = years[0]
    year = base.end_year + 1
    if frame is not None and frame.start_year == frame.end_year == year:
        return None
    return Period(base.start, base.end, f"(the year after {base.text})", year, year, "after_base")
