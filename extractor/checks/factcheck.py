"""Checks: the figures of the Claims table that do not add up.

:func:`check` reads the Claims table (``extractor.build_claims``), for official data a reference
table in a long shape (:func:`load_reference`) and the official exchange rates shipped with the
rules (:func:`load_rates`), and, to name articles, optionally the Articles table. Each row of the Checks table
(:data:`CHECK_COLUMNS`) is one verdict:

================ =================================================================================
check_id         ``{first claim id}:{check}:{n}``
claim_ids        the claims the verdict rests on (a list of str)
check            arithmetic   a from/to pair against its stated change, a stated absolute
                              change against its percentage and the level it reached, or a
                              rate per year compounded over the period against the overall change
                 composition  parts against their total (a partial list may not exceed it)
                 share_count  a share and its count against the total they are a share of
                 equivalence  the exchange rate an amount and its restatement imply, against the
                              official rates of the claim's year (``rules/reference/exchange_rates.csv``:
                              the annual average and the year's lowest and highest rate per US
                              dollar, widened by the row's margin; two other currencies through USD)
                 cross_article comparable figures in two articles: the same indicator, kind, unit
                              and status, the same place (or none on both) and the same period at
                              the same granularity (January-July is not nine months)
                 reference    against a reference table (GDP, population, GDP per capita)
verdict          consistent / inconsistent (the text against itself), supported / contradicted
                 (against reference data), unverifiable (only a bound was met, see below; or the
                 reference gives the indicator in another unit)
expected,        the stated figure (or reference value, or the year's average rate) and what the
observed         other figures make of it; NaN when there was nothing to compare
rel_error        ``|observed - expected| / |expected|``
tolerance        the relative error the written precision and qualifiers allow in that direction;
                 the verdict is consistent exactly when ``rel_error <= tolerance``
explanation      one plain sentence
sentences        the sentences the claims come from (a list of str)
reference_source the rates or reference series used, "" for checks within the text
================ =================================================================================

Not checked. A check with nothing to judge against (a conversion or reference claim of unknown
year, a currency or year the rate table lacks, a year the reference does not cover) is no row:
``checks.attrs["unchecked"]`` counts them by check and reason ({"equivalence": {"year unknown":
2}}), and :func:`unchecked_counts` flattens that for a summary.

Tolerance. A number is as precise as it is written: "94.8 billion" is 94.75-94.85 billion,
"42,500" 42,450-42,550 (:func:`precision_step`), and a count written to the unit ("645
facilities") is exact; a qualifier widens it ("about", "nearly": a whole
step either way; "more than 766 billion": 766-767 billion; "up to", "at least": one-sided). The
stated and the computed figure are intervals; they are consistent when the intervals meet.

Bounds. When one of the intervals is open on a side ("up to 90%", the parts of a partial list,
which may add up to anything below their total), meeting it proves little: a part lowered by 10%
still fits. Such a check says inconsistent when the bound is broken and unverifiable when it is
met, so that "consistent" and "supported" always mean that a figure 10% off would have failed.
"""

from __future__ import annotations

import csv
import functools
import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator, Mapping, Sequence

import pandas as pd

from ..errors import ExtractorError, RuleError
from ..formatting import format_amount, format_explained, period_label
from ..tables import CHECK_TYPES, CHECKS, VERDICTS, divides, int_or_none, is_missing, text_or_empty
from ..ruleset.ruleset import RuleSet, compiled_per_ruleset
from ..ruleset.loader import default_rules_dir

# The check types and verdicts are this stage's vocabulary: re-exported.
VOCABULARY = (CHECK_TYPES, VERDICTS)

CHECK_COLUMNS = CHECKS.names
FLAGGED = frozenset({"inconsistent", "contradicted"})
REFERENCE_COLUMNS = ("entity", "indicator", "period", "value", "unit", "source")
CLAIM_NEEDS = ("claim_id", "article_id", "sentence", "sentence_start", "indicator", "claim_type",
               "mention_ids", "roles", "period_start", "period_end", "status", "location", "flags",
               "texts", "values", "value_highs", "units", "kinds", "directions", "qualifiers")
REFERENCE_FILE = Path("reference") / "worldbank_kaz.csv"  # shipped with the rules (rules/reference/)
RATES_FILE = Path("reference") / "exchange_rates.csv"  # official rates per US dollar, by year
RATE_COLUMNS = ("currency", "base", "year", "value", "low", "high", "margin", "source", "range_source")
RATE_BASE = "USD"
DEFAULT_ENTITY = "KAZ"

# A share's base (valid ballots, votes cast, participants) may differ a little from the total
# named next to it: "26.13% (2,045,271 people)" of "7,820,204 participants" is 26.15%.
SHARE_BASE_SLACK = 0.005
# Official series are revised, and a news figure may precede the revision.
REFERENCE_SLACK = 0.02
# Two sentences follow each other when at most this much white space lies between them.
ADJACENT_GAP = 4
# Parts of a composition or a sum must be written in the unit of the whole.
SKIP_FLAGS = ("vague", "malformed_number", "each")



# --------------------------------------------------------------------------- numbers as written


WRITTEN_NUMBER = re.compile(r"\d[\d,]*(?:\.(\d+))?")


def precision_step(value: float, text: str = "") -> float:
    """The place of a number's last written digit, at most a tenth of the number (a round
    "1,000,000" or "doubled" is taken as known to two significant digits). Decimals written in
    ``text``, the figure as printed, count even when they are zeros: "$70.0 billion" is known to
    0.1 billion, where 70 billion alone would be known to two digits.

    >>> precision_step(94.8e9), precision_step(42500), precision_step(71.12), precision_step(5561937)
    (100000000.0, 100.0, 0.01, 1.0)
    >>> precision_step(2), precision_step(1e6), precision_step(12000), precision_step(0)
    (0.2, 100000.0, 1000.0, 0.0)
    >>> precision_step(70e9, "$70.0 billion"), precision_step(70e9, "$70 billion"), precision_step(5, "5–5.5%")
    (100000000.0, 7000000000.0, 0.5)
    """
    if not math.isfinite(value) or value == 0:
        return 0.0
    written = WRITTEN_NUMBER.search(text)
    if written and written.group(1):
        number = float(written.group(0).replace(",", ""))
        if number:
            return float(f"{abs(value / number) * 10.0 ** -len(written.group(1)):.12g}")
    v = abs(value)
    exponent = math.floor(math.log10(v)) - 11  # 12 significant digits are plenty
    digits = round(v / 10 ** exponent)
    while digits and digits % 10 == 0:
        digits //= 10
        exponent += 1
    step = 10.0 ** exponent if exponent >= 0 else float(f"1e{exponent}")
    return min(step, float(f"{v / 10:.12g}"))


@dataclass(frozen=True)
class Interval:
    lo: float
    hi: float

    def __add__(self, o: "Interval") -> "Interval":
        return Interval(self.lo + o.lo, self.hi + o.hi)

    def __sub__(self, o: "Interval") -> "Interval":
        return Interval(self.lo - o.hi, self.hi - o.lo)

    def __truediv__(self, o: "Interval") -> "Interval":
        if o.lo <= 0 <= o.hi:
            return Interval(-math.inf, math.inf)
        q = [a / b for a in (self.lo, self.hi) for b in (o.lo, o.hi)]
        return Interval(min(q), max(q))

    def scale(self, k: float) -> "Interval":
        a, b = self.lo * k, self.hi * k
        return Interval(min(a, b), max(a, b))


@dataclass(frozen=True)
class Fig:
    """One figure of a claim, from the Claims table's parallel list columns."""

    id: str
    role: str
    text: str
    value: float
    value_high: float
    unit: str
    kind: str
    direction: str
    qualifier: str

    def bounds(self) -> Interval:
        """What the figure as written allows.

        >>> Fig("m", "to", "85,000", 85000, math.nan, "KZT", "level", "none", "exact").bounds()
        Interval(lo=84500.0, hi=85500.0)
        >>> Fig("m", "equivalent", "766 bn", 766e9, math.nan, "KZT", "level", "none", "more_than").bounds()
        Interval(lo=766000000000.0, hi=767000000000.0)
        >>> Fig("m", "part", "645", 645, math.nan, "count", "level", "none", "exact").bounds()
        Interval(lo=645.0, hi=645.0)
        """
        v, step = self.value, precision_step(self.value, self.text)
        q = self.qualifier
        if q == "exact" and self.unit == "count" and step == 1.0:
            return Interval(float(v), float(v))  # things counted to the unit: "645 facilities" is no more, no less
        if q == "range" and math.isfinite(self.value_high):
            return Interval(v - precision_step(v) / 2, self.value_high + precision_step(self.value_high) / 2)
        if q == "approx":
            return Interval(v - step, v + step)
        if q == "more_than":
            return Interval(v, v + step)
        if q == "less_than":
            return Interval(v - step, v)
        if q == "at_least":
            return Interval(v, math.inf)
        if q == "up_to":
            return Interval(-math.inf, v)
        return Interval(v - step / 2, v + step / 2)

    def signed(self) -> Interval:
        """A change's bounds with its direction's sign."""
        b = self.bounds()
        return b.scale(-1) if self.direction == "down" else b

    @property
    def usable(self) -> bool:
        return math.isfinite(self.value)

    @property
    def divides(self) -> bool:
        """A multiplier written as what the old level was divided by ("reduced fivefold"), not
        as the factor itself ("halved": 0.5)."""
        return divides(self.unit, self.direction, self.value)


@dataclass(frozen=True)
class ClaimRow:
    """A Claims row with its figures."""

    id: str
    article_id: str
    sentence: str
    sentence_start: int
    indicator: str
    claim_type: str
    period: tuple[int | None, int | None]
    span: tuple  # (granularity, first day, last day): "2024 H1" is not "2024 Q2", nor the year 2024
    status: str
    location: str
    flags: tuple[str, ...]
    figs: tuple[Fig, ...]

    def all(self, role: str) -> list[Fig]:
        return [f for f in self.figs if f.role == role]

    def one(self, role: str) -> Fig | None:
        found = self.all(role)
        return found[0] if found else None

    @property
    def period_label(self) -> str:
        """ "2024", "2019-2024", "2024 H1"."""
        a, b = self.period
        if a is None or a != b:
            return f"{a}-{b}"
        return period_label(a, self.span[0], self.span[1], self.span[2])

    @property
    def calendar_year(self) -> int | None:
        """The one calendar year a claim's period lies in (the whole of it or a part)."""
        a, b = self.period
        return a if a is not None and a == b else None

    @property
    def year(self) -> int | None:
        """The calendar year a claim is about, when it is about one whole year."""
        a, b = self.period
        return a if a is not None and a == b and self.span[0] == "year" else None

    @property
    def end(self) -> int:
        return self.sentence_start + len(self.sentence)

    @property
    def checkable(self) -> bool:
        return not any(f in self.flags for f in SKIP_FLAGS) and all(f.usable for f in self.figs)


def claim_span(row: Mapping) -> tuple:
    """A Claims row's granularity and days; a table written before they existed reads as whole years."""
    granularity = text_or_empty(row.get("period_granularity")) or "year"
    days = tuple(None if is_missing(row.get(c)) else pd.Timestamp(row[c]) for c in ("period_from", "period_to"))
    return (granularity, *days) if granularity != "year" else ("year", None, None)


def claim_rows(claims: pd.DataFrame) -> list[ClaimRow]:
    missing = [c for c in CLAIM_NEEDS if c not in claims.columns]
    if missing:
        raise ExtractorError(f"check needs a Claims table (extractor.build_claims); missing column(s) "
                             f"{', '.join(missing)}")
    rows = []
    optional = [c for c in ("period_from", "period_to", "period_granularity") if c in claims.columns]
    for r in claims[list(CLAIM_NEEDS) + optional].to_dict("records"):
        lists = [list(r[c]) for c in ("mention_ids", "roles", "texts", "values", "value_highs", "units",
                                      "kinds", "directions", "qualifiers")]
        figs = tuple(Fig(str(i), str(role), text_or_empty(t), float(v) if v is not None else math.nan,
                         float(h) if h is not None else math.nan, text_or_empty(u), text_or_empty(k), text_or_empty(d), text_or_empty(q) or "exact")
                     for i, role, t, v, h, u, k, d, q in zip(*lists))
        rows.append(ClaimRow(str(r["claim_id"]), str(r["article_id"]), text_or_empty(r["sentence"]),
                             int_or_none(r["sentence_start"]) or 0, text_or_empty(r["indicator"]), text_or_empty(r["claim_type"]),
                             (int_or_none(r["period_start"]), int_or_none(r["period_end"])), claim_span(r),
                             text_or_empty(r["status"]),
                             text_or_empty(r["location"]), tuple(f for f in text_or_empty(r["flags"]).split(",") if f), figs))
    return rows


# --------------------------------------------------------------------------- verdicts


def compare(expected: Interval, expected_point: float, observed: Interval, observed_point: float,
            slack: float = 0.0) -> tuple[bool, float, float]:
    """(whether the two intervals meet, rel_error, tolerance): tolerance is the relative distance
    the intervals allow in the direction of the error, plus ``slack``; they meet exactly when
    ``rel_error <= tolerance``.

    >>> compare(Interval(1.45, 1.55), 1.5, Interval(1.49, 1.494), 1.4916)
    (True, 0.0056, 0.0349)
    """
    denominator = abs(expected_point) or 1.0
    error = abs(observed_point - expected_point) / denominator
    if observed_point >= expected_point:
        room = (expected.hi - expected_point) + (observed_point - observed.lo)
    else:
        room = (expected_point - expected.lo) + (observed.hi - observed_point)
    tolerance = room / denominator + slack
    return error <= tolerance + 1e-12, round(error, 4), round(tolerance, 4)


@dataclass
class Verdict:
    claims: Sequence[ClaimRow]
    check: str
    verdict: str
    expected: float
    observed: float
    rel_error: float
    tolerance: float
    explanation: str
    reference_source: str = ""


@dataclass
class Unchecked:
    """A check that had nothing to judge against (no year, no rate, no reference figure): not a
    row of the Checks table, only counted (``checks.attrs["unchecked"]``, :func:`unchecked_counts`)."""

    claims: Sequence[ClaimRow]
    check: str
    reason: str
    detail: str = ""


BOUND_MET = "; that is only a bound, so it does not confirm the figures."


def one_sided(*intervals: Interval) -> bool:
    """Whether a comparison is only a bound: some side of an interval is open ("up to 90%", a
    partial list's parts, which may sum to anything up to their total)."""
    return any(math.isinf(x) for i in intervals for x in (i.lo, i.hi))


def judged(claims: Sequence[ClaimRow], check: str, expected: Interval, expected_point: float,
           observed: Interval, observed_point: float, explain, slack: float = 0.0,
           source: str = "", against_reference: bool = False) -> Verdict:
    """The verdict of comparing two intervals. A met bound (:func:`one_sided`) is
    ``unverifiable``: "consistent" and "supported" are kept for figures the check pins down, so
    that a figure off by 10% would have failed it."""
    ok, error, tolerance = compare(expected, expected_point, observed, observed_point, slack)
    words = ("supported", "contradicted") if against_reference else ("consistent", "inconsistent")
    verdict, explanation = (words[0] if ok else words[1]), explain(ok)
    if ok and one_sided(expected, observed):
        verdict, explanation = "unverifiable", explanation.rstrip(".") + BOUND_MET
    return Verdict(claims, check, verdict, expected_point, observed_point, error, tolerance, explanation, source)


# --------------------------------------------------------------------------- arithmetic


def change_of(first: Fig, last: Fig, stated: Fig) -> tuple[str, Interval, float, Interval] | None:
    """(what, observed interval, observed point, stated interval) of the change from ``first``
    to ``last`` in the terms of ``stated``: a multiplier, a percentage or an absolute change."""
    a, b = first.bounds(), last.bounds()
    if stated.unit == "times":
        inverse = stated.divides
        return ("ratio", a / b if inverse else b / a,
                first.value / last.value if inverse else last.value / first.value, stated.bounds())
    if stated.kind == "change_pct" or stated.unit == "percent" and first.unit != "percent":
        return ("percentage change", ((b - a) / a).scale(100), (last.value - first.value) / first.value * 100,
                stated.signed())
    if stated.unit not in (first.unit, "percentage_point") and not (first.unit == "percent"):
        return None
    return "change", b - a, last.value - first.value, stated.signed()


def check_from_to(c: ClaimRow) -> Iterator[Verdict]:
    """"doubled from 42,500 to 85,000", "increased by 40, from 481 to 521"."""
    first, last = c.one("from"), c.one("to")
    if first is None or last is None or first.unit != last.unit or first.value == 0:
        return
    for stated in c.all("change"):
        found = change_of(first, last, stated)
        if found is None:
            continue
        what, observed, point, expected = found
        stated_point = -stated.value if stated.direction == "down" and stated.unit != "times" else stated.value

        def explain(ok, what=what, stated=stated, point=point):
            return (f"From {first.text} to {last.text} is a {what} of {format_explained(point)}, "
                    f"{'in line with' if ok else 'not'} the stated {stated.text!r}.")
        yield judged([c], "arithmetic", expected, stated_point, observed, point, explain)


def check_growth(c: ClaimRow) -> Iterator[Verdict]:
    """"grew by 6.4 million square meters, or 51.4%, ... reaching 19 million": the absolute change
    and the level reached imply the percentage."""
    to = c.one("to")
    absolute = [f for f in c.all("change") if f.kind == "change" and to is not None and f.unit == to.unit]
    percent = [f for f in c.all("change") if f.kind == "change_pct"]
    if to is None or not absolute or not percent:
        return
    change, pct = absolute[0], percent[0]
    delta = change.signed()
    base = to.bounds() - delta
    if base.lo <= 0:
        return
    observed = (delta / base).scale(100)
    point = (-change.value if change.direction == "down" else change.value) / (to.value - (
        -change.value if change.direction == "down" else change.value)) * 100
    stated_point = -pct.value if pct.direction == "down" else pct.value

    def explain(ok):
        return (f"A change of {change.text} reaching {to.text} is {format_explained(point)}%, "
                f"{'in line with' if ok else 'not'} the stated {pct.text!r}.")
    yield judged([c], "arithmetic", pct.signed(), stated_point, observed, point, explain)


def check_compound(c: ClaimRow) -> Iterator[Verdict]:
    """"Over six years, production ... has tripled, with industrial output growing at an average
    annual rate of 20.3%": the rate per year, compounded over the claim's years (1.203^6 = 3.03),
    against the overall change."""
    rate, start, end = c.one("annual_rate"), *c.period
    stated = next((f for f in c.all("change") if f.unit == "times" or f.kind == "change_pct"), None)
    if rate is None or stated is None or start is None or end is None or end <= start:
        return
    years = end - start
    if stated.unit == "times":
        expected = stated.bounds()
        if stated.divides:
            if expected.lo <= 0:
                return
            expected = Interval(1 / expected.hi, 1 / expected.lo)
        expected_point = 1 / stated.value if stated.divides else stated.value
    else:
        expected = Interval(1, 1) + stated.signed().scale(0.01)
        expected_point = 1 + (-stated.value if stated.direction == "down" else stated.value) / 100
    per_year = Interval(1, 1) + rate.signed().scale(0.01)
    if per_year.lo <= 0:
        return
    observed = Interval(per_year.lo ** years, per_year.hi ** years)
    point = (1 + (-rate.value if rate.direction == "down" else rate.value) / 100) ** years

    def explain(ok):
        return (f"{rate.text} a year over {years} years ({start}-{end}) compounds to x{format_explained(point)}, "
                f"{'in line with' if ok else 'not'} the stated {stated.text!r}.")
    yield judged([c], "arithmetic", expected, expected_point, observed, point, explain)


# --------------------------------------------------------------------------- compositions


def sum_of(figs: Sequence[Fig]) -> tuple[Interval, float]:
    total = Interval(0.0, 0.0)
    for f in figs:
        total = total + f.bounds()
    return total, sum(f.value for f in figs)


def check_composition(c: ClaimRow) -> Iterator[Verdict]:
    """Parts against their total. A full list must add up. A partial one ("including", "of
    which") is consistent when it adds up to the whole total, inconsistent when it exceeds it,
    and unverifiable when it falls short: that is allowed, and confirms nothing."""
    total = c.one("total")
    parts = [f for f in c.figs if f.role in ("part", "remainder")]
    if total is None or not parts or any(p.unit != total.unit for p in parts):
        return
    observed, point = sum_of(parts)
    listed = " + ".join(p.text for p in parts)
    whole = judged([c], "composition", total.bounds(), total.value, observed, point,
                   lambda ok: f"{listed} add up to {format_explained(point)}, {'matching' if ok else 'not'} the total of {total.text}.")
    if "partial" in c.flags and whole.verdict == "inconsistent":
        # Some of the total ("including", "of which"): the parts may fall short of it, not exceed it.
        def explain_partial(ok):
            named = f"The parts named ({listed} = {format_explained(point)})" if len(parts) > 1 else f"The part named, {listed},"
            verb = ("fit within" if ok else "exceed") if len(parts) > 1 else ("fits within" if ok else "exceeds")
            return f"{named} {verb} the total of {total.text}."
        whole = judged([c], "composition", Interval(-math.inf, total.bounds().hi), total.value, observed, point,
                       explain_partial)
        if point <= total.value:
            whole.rel_error = 0.0
    yield whole


# --------------------------------------------------------------------------- shares and counts


def check_share_counts(rows: Sequence[ClaimRow]) -> Iterator[Verdict]:
    """"71.12% (5,561,937 people) ... with a total of 7,820,204 participants": the share of the
    total that the count is, against the stated share. The total is the first count level after
    the share, in its sentence or the next, larger than every count of the sentence's shares."""
    for r in rows:
        share = r.one("value")
        count = r.one("equivalent")
        if r.claim_type != "share" or share is None or count is None or share.unit != "percent" \
                or count.unit != "count" or not r.checkable:
            continue
        same = [s for s in rows if s.article_id == r.article_id and s.sentence_start == r.sentence_start]
        biggest = max(f.value for s in same if s.claim_type == "share" for f in s.all("equivalent"))
        nearby = [s for s in rows if s.article_id == r.article_id and s.claim_type == "level"
                  and (s.sentence_start == r.sentence_start or 0 <= s.sentence_start - r.end <= ADJACENT_GAP)
                  and s.one("value") is not None and s.one("value").unit == "count" and s.checkable]
        # A level named as a total is the total whatever its size; else the first level larger
        # than every count of the shares, which a part of the total cannot be.
        candidates = [s for s in nearby if "stated_total" in s.flags] \
            or [s for s in nearby if s.one("value").value > biggest]
        if not candidates:
            continue
        total_claim = candidates[0]
        total = total_claim.one("value")
        observed = (count.bounds() / total.bounds()).scale(100)
        point = count.value / total.value * 100

        def explain(ok, count=count, total=total, share=share, point=point):
            return (f"{count.text} of {total.text} is {format_explained(point)}%, "
                    f"{'in line with' if ok else 'not'} the stated {share.text}.")
        yield judged([r, total_claim], "share_count", share.bounds(), share.value, observed, point, explain,
                     slack=SHARE_BASE_SLACK)


# --------------------------------------------------------------------------- equivalences


@dataclass(frozen=True)
class YearRate:
    """One row of ``reference/exchange_rates.csv``: ``currency`` per one ``base`` (USD) in
    ``year``: the official annual average (``value``), the lowest and highest rate of the year
    (``low``, ``high``) and the relative ``margin`` a conversion may stray beyond them."""

    currency: str
    base: str
    year: int
    value: float
    low: float
    high: float
    margin: float
    source: str
    range_source: str

    @property
    def band(self) -> Interval:
        """The year's range widened by the margin: a conversion at any day's rate falls in it."""
        return Interval(self.low * (1 - self.margin), self.high * (1 + self.margin))


@dataclass(frozen=True)
class PairRate:
    """The rate of ``quote`` per one ``base`` in a year, from one or two rows (through USD)."""

    base: str
    quote: str
    year: int
    value: float
    low: float
    high: float
    margin: float
    band: Interval
    value_source: str
    range_source: str


def _rate_rows(path: Path) -> Iterator[tuple[int, dict]]:
    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader, None)
        if header is None or tuple(header) != RATE_COLUMNS:
            raise RuleError(path, 1, f"the header must be {','.join(RATE_COLUMNS)}; got "
                                     f"{','.join(header) if header else 'an empty file'}")
        for number, row in enumerate(reader, 2):
            if not row or not "".join(row).strip():
                continue
            if len(row) != len(RATE_COLUMNS):
                raise RuleError(path, number, f"expected {len(RATE_COLUMNS)} fields "
                                              f"({','.join(RATE_COLUMNS)}), got {len(row)}")
            yield number, dict(zip(RATE_COLUMNS, (v.strip() for v in row)))


def year_rate(path: Path, line: int, row: Mapping[str, str]) -> YearRate:
    """One validated row of an exchange-rate table; a bad value is a RuleError naming the line.

    >>> band = year_rate(Path("x.csv"), 2, dict(currency="KZT", base="USD", year="2019", value="382.7", low="373",
    ...                  high="390", margin="0.05", source="WDI", range_source="HMRC")).band
    >>> round(band.lo, 2), round(band.hi, 2)
    (354.35, 409.5)
    """
    def number(name: str) -> float:
        try:
            value = float(row[name])
        except ValueError:
            raise RuleError(path, line, f"{name} must be a number, got {row[name]!r}") from None
        if not math.isfinite(value):
            raise RuleError(path, line, f"{name} must be finite, got {row[name]!r}")
        return value

    currency, base = row["currency"], row["base"]
    for name, code in (("currency", currency), ("base", base)):
        if not re.fullmatch(r"[A-Z]{3}", code):
            raise RuleError(path, line, f"{name} must be an ISO 4217 code such as KZT, got {code!r}")
    if base != RATE_BASE:
        raise RuleError(path, line, f"base must be {RATE_BASE} (rates are {currency} per {RATE_BASE}; other pairs "
                                    f"are computed through it), got {base!r}")
    if currency == base:
        raise RuleError(path, line, f"currency and base are both {base}")
    if not re.fullmatch(r"(?:19|20)\d\d", row["year"]):
        raise RuleError(path, line, f"year must be a year such as 2024, got {row['year']!r}")
    value, low, high, margin = (number(n) for n in ("value", "low", "high", "margin"))
    if not 0 < low <= value <= high:
        raise RuleError(path, line, f"{currency} {row['year']}: need 0 < low <= value <= high, got "
                                    f"low {row['low']}, value {row['value']}, high {row['high']}")
    if not 0 <= margin < 0.5:
        raise RuleError(path, line, f"margin must be a fraction from 0 to 0.5 (0.05 = 5%), got {row['margin']}")
    if not row["source"] or not row["range_source"]:
        raise RuleError(path, line, "source and range_source must say where the figures come from")
    return YearRate(currency, base, int(row["year"]), value, low, high, margin, row["source"], row["range_source"])


@compiled_per_ruleset
def load_rates(ruleset: RuleSet) -> tuple[YearRate, ...]:
    """The rows of ``reference/exchange_rates.csv`` of ``ruleset``, validated on load: a missing
    column, a bad number, low > value > high or a repeated currency and year is a RuleError that
    names the file and the line."""
    path = ruleset / RATES_FILE
    if not path.is_file():
        raise RuleError(path, None, "exchange-rate table not found; point --rules at a folder that has it")
    rows, first = [], {}
    for line, row in _rate_rows(path):
        rate = year_rate(path, line, row)
        key = (rate.currency, rate.year)
        if key in first:
            raise RuleError(path, line, f"{rate.currency} {rate.year} appears twice (first on line {first[key]})")
        first[key] = line
        rows.append(rate)
    return tuple(rows)


def _usd(year: int) -> YearRate:
    return YearRate(RATE_BASE, RATE_BASE, year, 1.0, 1.0, 1.0, 0.0, "", "")


def pair_rate(rates: Iterable[YearRate], base: str, quote: str, year: int) -> PairRate | str:
    """The rate of ``quote`` per one ``base`` in ``year``, through USD when neither is USD; or,
    when a currency has no row for that year, why not.

    >>> rows = [YearRate("KZT", "USD", 2019, 382.7, 373.0, 390.0, 0.05, "WDI", "HMRC"),
    ...         YearRate("CNY", "USD", 2019, 6.9, 6.7, 7.2, 0.02, "WDI", "ECB")]
    >>> r = pair_rate(rows, "CNY", "KZT", 2019); round(r.value, 2), round(r.low, 2), round(r.high, 2), r.value_source
    (55.46, 51.81, 58.21, 'KZT: WDI; CNY: WDI')
    >>> pair_rate(rows, "USD", "RUB", 2019)
    'no RUB rate for 2019'
    """
    by_key = {(r.currency, r.year): r for r in rates}
    found = []
    for code in (base, quote):
        row = _usd(year) if code == RATE_BASE else by_key.get((code, year))
        if row is None:
            return f"no {code} rate for {year}"
        found.append(row)
    b, q = found
    margin = round((1 + b.margin) * (1 + q.margin) - 1, 6)
    low, high = q.low / b.high, q.high / b.low
    rows = [r for r in (q, b) if r.currency != RATE_BASE]

    def named(field: str) -> str:
        return "; ".join(f"{r.currency}: {getattr(r, field)}" for r in rows) if len(rows) > 1 else getattr(rows[0], field)
    return PairRate(base, quote, year, q.value / b.value, low, high, margin,
                    Interval(low * (1 - margin), high * (1 + margin)), named("source"), named("range_source"))


def is_currency(unit: str) -> bool:
    return len(unit) == 3 and unit.isalpha() and unit.isupper()


def amounts_in_usd(figures: pd.DataFrame, rates: Sequence[YearRate]) -> tuple[list[float], list[str]]:
    """Each figure's value in US dollars at the official annual average rate of its year, and
    which rate: a figure in dollars as it is; any other amount of money at its year's rate. Its
    year is the one year its period covers, else (no period) its article's publication year
    (column ``published``); an amount over several years has no one rate. No rate: NaN and ""."""
    usd, sources = [], []
    for value, unit, start, end, published in zip(figures["value"], figures["unit"], figures["period_start"],
                                                  figures["period_end"], figures["published"]):
        if pd.isna(value) or not isinstance(unit, str) or not is_currency(unit):
            usd.append(float("nan")), sources.append("")
            continue
        if unit == RATE_BASE:  # in dollars already, whatever its period
            usd.append(float(value)), sources.append(f"stated in {RATE_BASE}")
            continue
        if pd.isna(start):
            year = None if pd.isna(published) else published.year
        else:
            year = int(end) if not pd.isna(end) and start == end else None
        rate = None if year is None else pair_rate(rates, RATE_BASE, unit, year)
        if not isinstance(rate, PairRate):  # no year, or no rate for that currency and year
            usd.append(float("nan")), sources.append("")
        else:
            usd.append(float(value) / rate.value)
            sources.append(f"{rate.value_source}, {year} average: {rate.value:g} {unit} per {RATE_BASE}")
    return usd, sources


def check_equivalence(c: ClaimRow, rates: Sequence[YearRate]) -> Iterator[Verdict | Unchecked]:
    """"$1.5 billion (more than 766 billion tenge)", "124 trillion soums ($10.1 billion)": the
    rate the two amounts imply against the official rates of the claim's year. The rate is
    written per US dollar when one side is dollars (KZT per USD), else per the currency worth
    more (KZT per CNY, through USD). Consistent when the implied rate meets the year's range
    widened by its margin; with no year or no rate for the year nothing is judged, only counted."""
    value = c.one("value")
    for eq in c.all("equivalent"):
        if value is None or eq.unit == value.unit or not (is_currency(eq.unit) and is_currency(value.unit)):
            continue
        year = c.calendar_year
        if year is None:
            yield Unchecked([c], "equivalence", "year unknown" if c.period == (None, None) else "no single year")
            continue
        first, second = (value, eq) if eq.unit != RATE_BASE else (eq, value)  # per USD when one side is USD
        found = pair_rate(rates, first.unit, second.unit, year)
        if isinstance(found, PairRate) and first.unit != RATE_BASE and found.value < 1:
            first, second = second, first  # KZT per CNY, not CNY per KZT
            found = pair_rate(rates, first.unit, second.unit, year)
        if isinstance(found, str):
            yield Unchecked([c], "equivalence", "no rate", found)
            continue
        rate = found
        point = second.value / first.value
        observed = second.bounds() / first.bounds()
        unit = f"{second.unit} per {first.unit}"

        def explain(ok, point=point, rate=rate, unit=unit, eq=eq):
            return (f"{value.text} = {eq.text} implies {format_explained(point)} {unit}, "
                    f"{'within' if ok else 'outside'} the {rate.year} range: official average "
                    f"{format_explained(rate.value)} {unit} ({rate.value_source}), the year's rates "
                    f"{format_explained(rate.low)}-{format_explained(rate.high)} ({rate.range_source}), "
                    f"{format_explained(rate.band.lo)}-{format_explained(rate.band.hi)} with the "
                    f"{rate.margin * 100:g}% margin.")
        yield judged([c], "equivalence", rate.band, rate.value, observed, point, explain,
                     source=f"rules/{RATES_FILE.as_posix()}: {rate.value_source}; range: {rate.range_source}")


# --------------------------------------------------------------------------- across articles


def key_figure(c: ClaimRow) -> Fig | None:
    """The level a claim states: a level's or share's value, or the level a change reached."""
    if c.claim_type in ("level", "share"):
        return c.one("value")
    if c.claim_type in ("change_from_to", "growth", "multiplier"):
        return c.one("to")
    return None


@dataclass(frozen=True)
class ArticleInfo:
    """What names an article in an explanation: its title, date and outlet (each may be "")."""

    title: str = ""
    date: str = ""
    outlet: str = ""


def article_infos(*frames: pd.DataFrame | None) -> dict[str, ArticleInfo]:
    """article_id -> title, date (``published``) and outlet, from any tables that have those
    columns (the Articles or Mentions table, or a Claims table that carries them); the first
    non-empty value of each wins."""
    found: dict[str, dict[str, str]] = {}
    for frame in frames:
        if frame is None or "article_id" not in getattr(frame, "columns", ()):
            continue
        columns = [c for c in ("title", "published", "outlet") if c in frame.columns]
        if not columns:
            continue
        for row in frame[["article_id", *columns]].drop_duplicates("article_id").itertuples(index=False):
            info = found.setdefault(str(row.article_id), {})
            for column in columns:
                value = getattr(row, column)
                if is_missing(value) or info.get(column):
                    continue
                text = pd.Timestamp(value).strftime("%Y-%m-%d") if column == "published" else text_or_empty(value)
                if text:
                    info[column] = text
    return {k: ArticleInfo(v.get("title", ""), v.get("published", ""), v.get("outlet", "")) for k, v in found.items()}


def article_name(article_id: str, infos: Mapping[str, ArticleInfo]) -> str:
    """How an explanation names an article.

    >>> article_name("a1", {"a1": ArticleInfo("Output grows", "2024-12-01", "Kazinform")})
    '"Output grows" (Kazinform, 2024-12-01)'
    >>> article_name("a2", {})
    'article a2'
    """
    info = infos.get(article_id, ArticleInfo())
    where = ", ".join(p for p in (info.outlet, info.date) if p)
    name = f'"{info.title}"' if info.title else f"article {article_id}"
    return f"{name} ({where})" if where else name


def comparable_key(r: ClaimRow, fig: Fig) -> tuple | None:
    """What two claims must share to be compared across articles, or None when the claim cannot
    be compared: the indicator, the figure's kind and unit, the status, the place (known on both
    and equal, or empty on both: national) and the period at its granularity (a January-July
    figure is not a nine-month one, nor a half-year an annual one)."""
    if not r.indicator or r.period == (None, None) or not r.status or not fig.kind:
        return None
    return (r.indicator, fig.kind, fig.unit, r.status, r.location.strip().casefold(), r.period, r.span)


def check_cross_article(rows: Sequence[ClaimRow], infos: Mapping[str, ArticleInfo] | None = None) -> Iterator[Verdict]:
    """Comparable figures (:func:`comparable_key`) stated in several articles: does each agree
    with what the others say? Each is checked against the group's median figure (found by key,
    then one check per other article: linear in the articles, where all pairs grew with their
    square), so one outlier among many agreeing articles is the one flagged. The explanation
    says by how much they differ and names both articles."""
    infos = infos or {}
    groups: dict[tuple, list[tuple[ClaimRow, Fig]]] = {}
    for r in rows:
        fig = key_figure(r)
        if fig is None or not r.checkable:
            continue
        key = comparable_key(r, fig)
        if key is not None:
            groups.setdefault(key, []).append((r, fig))
    for members in groups.values():
        if len({r.article_id for r, _ in members}) < 2:
            continue
        ordered = sorted(members, key=lambda rf: rf[1].value)
        a, fa = ordered[(len(ordered) - 1) // 2]  # the median: what most articles say
        for b, fb in members:
            if b.article_id == a.article_id:
                continue

            def explain(ok, a=a, b=b, fa=fa, fb=fb):
                where = f", {a.location}" if a.location else ""
                gap = abs(fb.value - fa.value)
                share = gap / abs(fa.value) * 100 if fa.value else math.inf
                amount = format_amount(gap, fa.unit, "money" if is_currency(fa.unit) else "")
                gap_words = (f"they differ by {amount} ({share:.1f}%), "
                             f"{'within' if ok else 'more than'} what the figures as written allow") if gap \
                    else "the same figure"
                return (f"{a.indicator} ({a.period_label}, {a.status}{where}) is {fa.text} in "
                        f"{article_name(a.article_id, infos)} and {fb.text} in {article_name(b.article_id, infos)}: "
                        f"{gap_words}.")
            yield judged([a, b], "cross_article", fa.bounds(), fa.value, fb.bounds(), fb.value, explain)


# --------------------------------------------------------------------------- reference data


def load_reference(path: Path | str) -> pd.DataFrame:
    """A reference table of the long shape (entity, indicator, period, value, unit, source) from
    a .csv, .xlsx or .parquet file; a clear error names the file and any missing column."""
    path = Path(path)
    suffix = path.suffix.lower()
    if not path.is_file():
        raise ExtractorError(f"{path}: reference file not found")
    try:
        if suffix == ".csv":
            frame = pd.read_csv(path)
        elif suffix in (".xlsx", ".xls"):
            frame = pd.read_excel(path)
        elif suffix == ".parquet":
            frame = pd.read_parquet(path)
        else:
            raise ExtractorError(f"{path}: unknown reference format {suffix or '(none)'!r}; use .csv, .xlsx or .parquet")
    except ExtractorError:
        raise
    except Exception as exc:  # a broken file of a known format
        raise ExtractorError(f"{path}: cannot read the reference table ({exc})") from None
    return reference_frame(frame, str(path))


def reference_frame(frame: pd.DataFrame, where: str = "reference table") -> pd.DataFrame:
    """A reference DataFrame checked for its columns, with typed period and value."""
    missing = [c for c in REFERENCE_COLUMNS if c not in frame.columns]
    if missing:
        raise ExtractorError(f"{where}: missing column(s) {', '.join(missing)}; a reference table needs "
                             f"{', '.join(REFERENCE_COLUMNS)}")
    out = frame[list(REFERENCE_COLUMNS)].copy()
    out["period"] = pd.to_numeric(out["period"], errors="coerce").astype("Int64")
    out["value"] = pd.to_numeric(out["value"], errors="coerce")
    for column in ("entity", "indicator", "unit", "source"):
        out[column] = out[column].astype(str)
    return out.dropna(subset=["period", "value"])


@functools.cache
def _bundled_reference() -> pd.DataFrame:
    return load_reference(default_rules_dir() / REFERENCE_FILE)


def reference_of(reference) -> pd.DataFrame:
    if reference is None:
        return _bundled_reference().copy()
    if isinstance(reference, pd.DataFrame):
        return reference_frame(reference)
    return load_reference(reference)


# Indicators derived from others: id -> (numerator, denominator).
DERIVED = {"gdp_per_capita": ("gdp", "population")}


class Reference:
    """Look-ups into a reference table: (indicator, year) -> (value, unit, source)."""

    def __init__(self, frame: pd.DataFrame, entity: str = DEFAULT_ENTITY):
        rows = frame[frame.entity == entity]
        self.values = {(r.indicator, int(r.period)): (float(r.value), r.unit, r.source) for r in rows.itertuples()}
        self.indicators = {i for i, _ in self.values}
        self.last = {i: max(p for j, p in self.values if j == i) for i in self.indicators}
        self.units: dict[str, set[str]] = {}
        for (indicator, _), (_, unit, _) in self.values.items():
            self.units.setdefault(indicator, set()).add(unit)

    def unit_of(self, indicator: str) -> set[str]:
        """The units the reference gives ``indicator`` in (a derived one: its numerator's)."""
        return self.units.get(DERIVED.get(indicator, (indicator,))[0], set())

    def covers(self, indicator: str) -> bool:
        return indicator in self.indicators or indicator in DERIVED and set(DERIVED[indicator]) <= self.indicators

    def get(self, indicator: str, year: int) -> tuple[float, str, str] | None:
        if indicator in DERIVED:
            top, bottom = (self.get(i, year) for i in DERIVED[indicator])
            if top is None or bottom is None:
                return None
            return top[0] / bottom[0], top[1], f"{top[2]} / {bottom[2]}"
        return self.values.get((indicator, year))

    def missing(self, indicator: str, year: int | None) -> str:
        parts = DERIVED.get(indicator, (indicator,))
        gaps = [f"{i} runs to {self.last[i]}" for i in parts if year is None or (i, year) not in self.values]
        return "; ".join(gaps)


def check_reference(c: ClaimRow, ref: Reference) -> Iterator[Verdict | Unchecked]:
    """A level claim of a reference indicator against the reference value of its year; with no
    year or no reference figure for it, nothing is judged, only counted."""
    fig = key_figure(c)
    if fig is None or not c.indicator or not ref.covers(c.indicator) or c.location not in ("", "Kazakhstan") \
            or fig.kind not in ("level", "share") or not c.checkable:
        return
    if fig.unit in ("percent", "percentage_point") and fig.unit not in ref.unit_of(c.indicator):
        return  # "6% of the population", "GDP grew 5%": a share or rate of the indicator, not its level
    if c.calendar_year is not None and c.year is None:
        return  # a part of a year ("GDP of 2024 H1") is not comparable with the year's reference figure
    if c.year is None:
        yield Unchecked([c], "reference", "year unknown" if c.period == (None, None) else "no single year")
        return
    found = ref.get(c.indicator, c.year)
    if found is None:
        yield Unchecked([c], "reference", "no reference figure", f"{c.indicator} {c.year}: {ref.missing(c.indicator, c.year)}")
        return
    value, unit, source = found
    if unit != fig.unit:
        yield Verdict([c], "reference", "unverifiable", math.nan, fig.value, math.nan, math.nan,
                      f"The reference gives {c.indicator} in {unit}, the claim {fig.text} in {fig.unit}.", source)
        return

    def explain(ok):
        return (f"{fig.text} for {c.indicator} in {c.year} against the reference {format_explained(value)} {unit}: "
                f"{'it agrees' if ok else 'it disagrees'}.")
    yield judged([c], "reference", Interval(value, value), value, fig.bounds(), fig.value, explain,
                 slack=REFERENCE_SLACK, source=source, against_reference=True)


# --------------------------------------------------------------------------- the table


def verdicts(rows: Sequence[ClaimRow], ref: Reference, rates: Sequence[YearRate],
             infos: Mapping[str, ArticleInfo] | None = None) -> Iterator[Verdict | Unchecked]:
    for r in rows:
        if not r.checkable and r.claim_type != "composition":
            continue
        if r.claim_type == "change_from_to":
            yield from check_from_to(r)
        elif r.claim_type in ("growth", "multiplier"):
            yield from check_growth(r)
            yield from check_compound(r)
        elif r.claim_type == "composition" and r.checkable:
            yield from check_composition(r)
        elif r.claim_type == "equivalence":
            yield from check_equivalence(r, rates)
    yield from check_share_counts(rows)
    yield from check_cross_article(rows, infos)
    for r in rows:
        yield from check_reference(r, ref)


def check(claims: pd.DataFrame, reference=None, ruleset: Path | str | None = None,
          articles: pd.DataFrame | None = None) -> pd.DataFrame:
    """The Checks table of a Claims table (``extractor.build_claims``): one verdict per check.

    ``reference``: a DataFrame or a .csv/.xlsx/.parquet path of the long shape (entity, indicator,
    period, value, unit, source), or None for the bundled World Bank extract of Kazakhstan.
    ``articles``: the Articles (or Mentions) table, whose title, published and outlet name the
    two articles of a cross_article check (else their ids, or those columns of ``claims``).

    Checks with nothing to judge against (an equivalence or reference claim of unknown year, a
    currency or year without an official rate, a year the reference does not cover) are no rows:
    ``frame.attrs["unchecked"]`` counts them, {check: {reason: n}} (:func:`unchecked_counts`)."""
    rows = claim_rows(claims)
    ref = Reference(reference_of(reference))
    rates = load_rates(ruleset)
    out, counts, unchecked = [], {}, {}
    for v in verdicts(rows, ref, rates, article_infos(articles, claims)):
        if isinstance(v, Unchecked):
            reasons = unchecked.setdefault(v.check, {})
            reasons[v.reason] = reasons.get(v.reason, 0) + 1
            continue
        anchor = v.claims[0].id
        n = counts[(anchor, v.check)] = counts.get((anchor, v.check), -1) + 1
        sentences = list(dict.fromkeys(c.sentence for c in v.claims))
        out.append({"check_id": f"{anchor}:{v.check}:{n}", "claim_ids": [c.id for c in v.claims],
                    "check": v.check, "verdict": v.verdict, "expected": v.expected, "observed": v.observed,
                    "rel_error": v.rel_error, "tolerance": v.tolerance, "explanation": v.explanation,
                    "sentences": sentences, "reference_source": v.reference_source})
    frame = pd.DataFrame(out, columns=CHECK_COLUMNS)
    for column in ("expected", "observed", "rel_error", "tolerance"):
        frame[column] = frame[column].astype(float)
    frame.attrs["unchecked"] = unchecked
    return frame


def unchecked_counts(checks: pd.DataFrame) -> dict[str, int]:
    """How many checks of each kind had nothing to judge against, by check and reason, from
    ``checks.attrs`` (set by :func:`check`; a table read back from a file has none: {}).

    >>> frame = pd.DataFrame(); frame.attrs["unchecked"] = {"equivalence": {"year unknown": 2, "no rate": 1}}
    >>> unchecked_counts(frame)
    {'equivalence: no rate': 1, 'equivalence: year unknown': 2}
    """
    found = checks.attrs.get("unchecked") or {}
    return {f"{name}: {reason}": n for name, reasons in sorted(found.items()) for reason, n in sorted(reasons.items())}
