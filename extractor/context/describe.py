"""The context of a figure: kind, direction, measured thing, indicator, period, status, place.

Cue words are data (``rules/context.yaml``, ``rules/indicators.yaml``, ``rules/places.yaml``,
``rules/periods.yaml``). Each decision is a small named function over the figure's clause and
sentence; `describe` puts them together for one figure.
"""

from __future__ import annotations

import functools
import re
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from .measured import MeasuredWords, governing_words, measured as measured_phrase, word_lists
from .periods import Period, find_periods, is_adjacent, labels_figure, period_columns, period_for
from .cue_examples import checked_context_rules
from .relations import clause_of, pair_end, strip_qualifier
from ..ruleset.context_rules import ContextRules, Indicator, any_cue
from ..tables import CHANGE_KINDS

if TYPE_CHECKING:  # the parse is made by the extract stage; this module only reads it
    from spacy.tokens import Span

PERCENT_UNITS = {"percent", "percentage_point"}
# Dimensions of physical measures: a figure in one never measures an indicator kept in another.
MEASURES = {"length", "area", "volume", "mass", "energy", "power", "flow"}


# --------------------------------------------------------------------------- pieces


def figure_kind(unit: str, before: str, after: str, rules: ContextRules) -> str:
    """level, change, change_pct, share or multiplier.

    Multipliers by their unit; a percentage is a change when a change cue or a growth-rate cue
    surrounds it, else a share; any other amount is a change when a change cue surrounds it.
    """
    if unit == "times":
        return "multiplier"
    changed = any_cue(rules.of_role("change", "before"), before, "before") or \
        any_cue(rules.of_role("change", "after"), after, "after")
    if unit in PERCENT_UNITS:
        rate = any_cue(rules.of_role("rate", "before"), before, "before") or \
            any_cue(rules.of_role("rate", "after"), after, "after")
        if unit == "percentage_point":  # a difference of two percentages ("fell 0.8 pp"), or a width
            return "change" if changed or rate else "level"
        return "change_pct" if changed or rate else "share"
    return "change" if changed else "level"


def figure_direction(kind: str, own_direction: str, clause_before: str, clause: str, rules: ContextRules) -> str:
    """up, down or none; only changes and multipliers move. The nearest cue before wins."""
    if kind not in ("change", "change_pct", "multiplier"):
        return "none"
    if own_direction in ("up", "down"):
        return own_direction
    best, where = "none", -1
    for role in ("up", "down"):
        for cue in rules.of_role(role):
            for m in cue.pattern.finditer(clause_before):
                if m.start() > where:
                    best, where = role, m.start()
    if best == "none":
        for role in ("up", "down"):
            if any(c.pattern.search(clause) for c in rules.of_role(role)):
                return role
        return "up" if kind == "multiplier" else "none"
    return best


def figure_status(clause: str, period: Period | None, published_year: int | None, rules: ContextRules) -> str:
    """actual, plan or target, from the clause's cues and a period that lies ahead; a plan the
    clause reports as met ("the forecast was fulfilled at 100.0%") is actual."""
    if any(c.pattern.search(clause) for c in rules.of_role("achieved")):
        return "actual"
    if any(c.pattern.search(clause) for c in rules.of_role("target")):
        return "target"
    if any(c.pattern.search(clause) for c in rules.of_role("plan")):
        return "plan"
    if period is not None and published_year is not None and period.plan and period.end_year > published_year:
        return "plan"
    return "actual"


def eligible(indicator: Indicator, context: str) -> bool:
    """Not ruled out by an ``unless`` phrase, and carrying one of its ``when`` stems if any."""
    if any(re.search(rf"(?<!\w){re.escape(u)}(?!\w)", context, re.IGNORECASE) for u in indicator.unless):
        return False
    return not indicator.when or any(
        re.search(rf"(?<!\w){re.escape(stem)}", context, re.IGNORECASE) for stem in indicator.when)


SHARE_OF = re.compile(r"\bshare\s+of\s+(.+?)\s+(?:in|within|among)\s+\S", re.IGNORECASE)


# The whole a share is of, written right after it: "61.6 percent of industrial output", "46.9
# percent of total industrial production".
SHARE_WHOLE_AFTER = re.compile(r"^\s*of\s+(?:the\s+)?(?P<whole>[^,;:()]{3,80})", re.IGNORECASE)
SHARE_WHOLE_IN = re.compile(r"\b(?:share|part|portion|proportion)\s+(?:of\s+.+?\s+)?(?:in|of|within)\s+(?P<whole>.+)$",
                            re.IGNORECASE)


def is_part_of(indicator: str, phrase: str, after: str, unit_dimension: str, rules: ContextRules) -> bool:
    """Whether a share's indicator is the whole the share is of rather than what it measures:
    the share of a part ("the mining industry accounted for 61.6 percent of industrial output",
    "its share in total industrial production") is no value of the whole's indicator, though it
    is filed under it. Shares of indicators that are themselves ratios (a coverage, a wear rate)
    are their values.

    >>> from extractor.ruleset.context_rules import context_rules
    >>> rules = context_rules()
    >>> is_part_of("industrial_output", "mining industry", " of industrial output", "percent", rules)
    True
    >>> is_part_of("exports", "share of exports in foreign trade turnover", "", "percent", rules)
    False
    """
    if next((i.dimension for i in rules.indicators if i.id == indicator), None) == "ratio":
        return False
    wholes = [m["whole"] for m in (SHARE_WHOLE_AFTER.match(after or ""), SHARE_WHOLE_IN.search(phrase or "")) if m]
    return any(indicator_for(whole, unit_dimension, "share", rules) == indicator for whole in wholes)


def kind_of_rate(indicator: str, unit: str, kind: str, rules: ContextRules) -> str:
    """The kind of a percentage of an indicator that is itself a rate (rate_kind in
    indicators.yaml): "inflation was 8.4%" states a change of prices, whatever words frame it."""
    rate_kind = next((i.rate_kind for i in rules.indicators if i.id == indicator), None) if indicator else None
    if rate_kind and unit in PERCENT_UNITS and unit != "percentage_point" and kind in ("level", "share", "change_pct"):
        return rate_kind
    return kind


# What a phrase names only by the way: "foreign exchange reserves including the assets of the
# National Fund" measures reserves, not the National Fund.
ASIDE = re.compile(r"\b(?:including|excluding|except|without|together\s+with|along\s+with|net\s+of|considering|taking\s+into\s+account)\b[^,;()]*",
                   re.IGNORECASE)


@functools.lru_cache(maxsize=4096)
def synonyms_in(pattern: re.Pattern, text: str) -> tuple[str, ...]:
    """The indicator synonyms ``text`` holds, lower-cased, longest first; cached, because every
    figure of a clause searches the same clause."""
    return tuple(m.group().lower() for m in sorted(pattern.finditer(text or ""), key=lambda m: -len(m.group())))


def indicator_for(phrase: str, unit_dimension: str, kind: str, rules: ContextRules,
                  verb: str = "", clause: str = "") -> str:
    """The id of the indicator a figure measures, or "".

    Synonyms are looked for in the measured phrase with the verb it hangs on ("the Baiterek
    holding will invest"), the longest first, then in the whole clause. An indicator's
    ``unless`` and ``when`` words are judged on the phrase and the verb ("schools" that "were
    updated" are schools modernized, not schools built). Money figures take only money
    indicators, and other figures only other indicators.
    """
    part = SHARE_OF.search(phrase or "") if kind == "share" else None
    if part:  # "the share of exports in the foreign trade turnover" measures exports
        found = indicator_for(part.group(1), unit_dimension, kind, rules, verb)
        if found:
            return found
    phrase, clause = ASIDE.sub(" ", phrase or ""), ASIDE.sub(" ", clause or "")
    context = f"{phrase} {verb}".strip()
    for where in (phrase, context, clause):  # the phrase's own words first, then its verb
        for synonym in synonyms_in(rules.synonym_pattern, where):
            for ind in rules.synonym_owner[synonym]:
                if not eligible(ind, context if where is not clause else f"{context} {clause}"):
                    continue
                if kind in ("level", "change") and ((unit_dimension == "money") != (ind.dimension == "money") or (
                        unit_dimension in MEASURES and ind.dimension in MEASURES and unit_dimension != ind.dimension)):
                    continue  # tonnes of grain carried by rail are no kilometres of railway
                return ind.id
    return ""


def partner_at(text: str, position: int, rules: ContextRules) -> bool:
    """Whether the country named at ``position`` of ``text`` is a partner, not a place ("exports
    to Russia", "trade with China": partner cues of rules/context.yaml)."""
    return rules.has("partner", text[max(0, position - 30):position], "before")


def location_for(sentence: str, start: int, end: int, cs: int, ce: int, rules: ContextRules,
                 other_figures: list[tuple[int, int]] = (), country: str | None = None,
                 organisations: list[tuple[int, int]] = ()) -> tuple[str, str]:
    """Where the figure at [start, end) of ``sentence`` holds, as (canonical name, level): a
    region or city, the world, another country (other_country), or ("", "national") when the
    figure is the nation's: no place is named, or only ``country``, the article's own (the id
    of a country place).

    The place is looked for where the figure's own words are: right before it back to the
    figure before it ("in Akmola region - 3.5 million tons, in Kostanay - 3.8 million tons",
    the nearest first), then after it up to the next figure; the rest of its clause only when it
    is the clause's one figure, and of its sentence only when it is the sentence's. A country named as a partner
    ("exports to Russia", "between Kazakhstan and Uzbekistan"), in a list of three or more
    countries (a breakdown by partner), or inside an organisation's name ("Air Astana", from
    the parse) is no location.
    """
    before = max([e for _, e in other_figures if e <= start] + [0])  # a list's label may sit past a dash
    after = min([s for s, e in other_figures if s >= end and s < ce] + [ce])
    stretches = [(before, start, True), (end, after, False)]
    if not any(cs <= s < ce for s, _ in other_figures):
        stretches.append((cs, ce, False))
    if not other_figures:
        stretches.append((0, len(sentence), False))
    named = rules.places_in(sentence)
    countries = {pid for pid, _, pattern in named if rules.place_kind.get(pid) == "country" and pattern.search(sentence)}
    for a, b, nearest_last in stretches:
        found = []
        for pid, name, pattern in named:
            for m in pattern.finditer(sentence, a, b):
                if any(o <= m.start() and m.end() <= oe for o, oe in organisations):
                    continue
                kind = rules.place_kind.get(pid, "region")
                if kind == "country" and (len(countries) >= 3 or partner_at(sentence, m.start(), rules)):
                    continue
                found.append((m.start(), len(m.group()), pid, name, kind))
        if found:  # the nearest to the figure, the longest spelling there ("Almaty region", not "Almaty")
            _, _, pid, name, kind = max(found, key=lambda f: (f[0], f[1])) if nearest_last \
                else min(found, key=lambda f: (f[0], -f[1]))
            if kind != "country":
                return name, kind
            return ("", "national") if country in (None, pid) else (name, "other_country")
    return "", "national"


def organisations(span: Span | None, shift: int = 0) -> list[tuple[int, int]]:
    """Character bounds, in the figure's sentence (or its window starting at ``shift``), of the
    organisations and facilities the parse names ("Air Astana", "Bank of Georgia"): a place
    inside one is no location."""
    if span is None:
        return []
    return [(e.start_char - shift, e.end_char - shift) for e in span.doc.ents if e.label_ in ("ORG", "FAC", "PRODUCT")]


def article_country(text: str, rules: ContextRules) -> str | None:
    """The country an article is about: the one its places name most (a region or city counts
    for its country), the first named on a tie; None when it names none."""
    counts: dict[str, int] = {}
    first: dict[str, int] = {}
    pattern, place_of = rules.any_place
    for m in pattern.finditer(text):  # one scan: the longest spelling at each place named
        pid = place_of[m.group()]
        country = rules.place_country.get(pid)
        if country is None or rules.place_kind.get(pid) == "world" or partner_at(text, m.start(), rules):
            continue  # "exports to Russia" is not what the article is about
        counts[country] = counts.get(country, 0) + 1
        first.setdefault(country, m.start())
    if not counts:
        return None
    return min(counts, key=lambda c: (-counts[c], first[c]))


def names_partner(sentence: str, left: int, right: int, rules: ContextRules) -> bool:
    """Whether ``sentence[left:right]`` names a country as a trade partner ("exports to the UK",
    "trade with China", "imports from Azerbaijan"): a partner cue right before its name."""
    stretch = sentence[left:right]
    for pid, _, pattern in rules.places_in(stretch):
        if rules.place_kind.get(pid) != "country":
            continue
        for m in pattern.finditer(sentence, left, right):
            if partner_at(sentence, m.start(), rules):
                return True
    return False


def own_stretch(cs: int, ce: int, start: int, end: int, other_figures: list[tuple[int, int]]) -> tuple[int, int]:
    """The bounds of the part of a figure's clause that speaks of it alone: from the figure to
    the next figure, and the text before it only when no other figure precedes it in the clause
    ("Over 2,000 new jobs have been created, 25 projects have entered export markets": the jobs
    are the 2,000's, not the 25's). Where a fallback may look for the indicator, and for a partner."""
    earlier = [e for s, e in other_figures if cs < e <= start]
    left = start if earlier else cs
    right = min([s for s, e in other_figures if s >= end and s < ce] + [ce])
    return left, right


# --------------------------------------------------------------------------- one figure


LABEL_WORDS = 6  # a label is a short name; a longer stretch is a clause, not a list item's label


SCOPE_PREPOSITION = re.compile(r"^(?:in|at|on|across|within|throughout|under)\s+(?:the\s+)?", re.IGNORECASE)
# A change said for a sector after its amount: "by 5.4 percent in the mining industry", with
# the change verb said once before ("increased by 5.1 percent, in particular by 5.4 percent in ...").
GAPPED_BY = re.compile(r"(?:^|[,;]|\band|\bparticular|\balso)\s*(?:[-–—]\s*)?by\s+$", re.IGNORECASE)
SCOPE_AFTER = re.compile(r"^\s+in\s+(?:the\s+)?(?P<scope>[A-Za-z][^,;.()]{2,60}?)(?=\s*(?:[,;.)]|\band\b|$))",
                         re.IGNORECASE)


# The first item of a list, at the end of the words before the list's first figure: "growth was
# seen in construction with", "investment in fixed capital in construction (": what is left is the
# list's head, whose indicator an item without its own takes.
LIST_FIRST_ITEM = re.compile(r"\s+(?:in|with|at|by|for|as|of)\s+[^,;:()]*[\s(–—:-]*$", re.IGNORECASE)


def names_place(text: str, rules: ContextRules) -> bool:
    """Whether ``text`` names a place of the rules (a region, a city, a country)."""
    return any(pattern.search(text) for _, _, pattern in rules.places_in(text))


def scope_after(before: str, after: str, rules: ContextRules, words: MeasuredWords) -> str:
    """The sector a gapped change is for, written after it: "... increased by 5.1 percent, in
    particular by 5.4 percent in the mining industry" -> mining industry. "" when the figure is
    no such item, or the words name a place or a time (a location or period, not a thing).

    >>> from extractor.ruleset.context_rules import context_rules
    >>> from extractor.context.measured import word_lists
    >>> [scope_after(b, a, context_rules(), word_lists()) for b, a in [("rose by 5.1%, in particular by ",
    ...     " in the mining industry, by 4.9%"), ("rose by 5.1%, and by ", " in Almaty"), ("output rose by ", " in May")]]
    ['mining industry', '', '']
    """
    if not GAPPED_BY.search(before):
        return ""
    m = SCOPE_AFTER.match(after)
    if m is None or names_place(m["scope"], rules):
        return ""
    scope = m["scope"].strip()
    lowered = {w.lower() for w in scope.split()}
    if lowered & (words.time_nouns | words.pointers) or re.search(r"\d", scope):
        return ""
    return scope


def list_label(before: str, rules: ContextRules, words: MeasuredWords) -> str:
    """The label of a list item, written right before its figure with a dash, a colon or an
    opening bracket ("Greece - $21.45 million", "construction (8.8%)", "pharmaceuticals (up by
    25.7 percent)", "metallurgy - 10.6 percent"): what the item measures, where the parse would
    take a neighbour's noun or the list's head. "" when the figure is no such item.

    >>> from extractor.ruleset.context_rules import context_rules
    >>> from extractor.context.measured import word_lists
    >>> [list_label(b, context_rules(), word_lists()) for b in ("Greece - ", "included construction (",
    ...     "leather goods (up by ", "were: Russia – ", "approximately $1.5 billion (", "grew 1.5 times - ")]
    ['Greece', 'construction', 'leather goods', 'Russia', '', '']
    >>> [list_label(b, context_rules(), word_lists()) for b in ("and in some regions - ",
    ...     "collected: in Akmola region - ", "Geostat reported a decline in manufacturing (", "The vast majority (")]
    ['', '', 'manufacturing', '']
    >>> [list_label(b, context_rules(), word_lists()) for b in ("prices rose by 6.5 percent, non-food goods by ",
    ...     "prices rose by 6.5 percent, and tobacco products increased by ", "output grew by ")]
    ['non-food goods', '', '']
    """
    mark = next((c.pattern.search(before) for c in rules.of_role("label_mark", "before")
                 if c.pattern.search(before)), None)
    if mark is None:
        return ""
    if "label" in mark.groupdict():  # the cue says where the label is: "..., non-food goods by "
        raw = mark.group("label").strip()
    else:
        raw = words.label_start.split(before[:mark.start()])[-1].strip()
    if words.scope_start.match(raw):
        # "in Akmola region - 3.5 million tons", "in some regions - up to 90%": where, not what;
        # but "in trade - by 9.1 percent" names a sector, the thing that grew
        rest = SCOPE_PREPOSITION.sub("", raw)
        if rest == raw or words.scope_start.match(rest) or names_place(rest, rules):
            return ""
        raw = rest
    label = words.leading.sub("", raw).strip()
    changed = list(re.finditer(rf"\b(?:{'|'.join(map(re.escape, words.change_nouns))})\s+(?:in|of)\s+", label,
                               re.IGNORECASE))
    if changed:  # "a decline in manufacturing (-6.6%)": the thing that changed
        label = words.leading.sub("", label[changed[-1].end():]).strip()
    found = label.split()
    if not found or len(found) > LABEL_WORDS or re.search(r"\d", label) or not re.search(r"[A-Za-z]{3}", label):
        return ""
    lowered = [w.lower().strip(".,'’") for w in found]
    empty = words.pointers | words.containers | words.time_nouns | words.transparent
    if lowered[-1] in empty or lowered[0].endswith("ing") and len(lowered) > 1 and lowered[1] in ("to", "up", "down"):
        return ""  # "the vast majority (94.7 percent)", "is coming to an end - 1.8 million hectares"
    return label


def keeps_period(kind: str, period: Period | None, before: str, after: str, adjacent: bool,
                 status: str, published_year: int | None, rules: ContextRules, written_here: bool = False) -> bool:
    """Whether a figure keeps the period found for it.

    - The start of a "from X to Y" pair keeps only a period written right after it ("from 74.5%
      in 2018 to 63.5% in 2024"): a period framing the pair is the time between them. The end
      keeps a single year or part of one its own sentence names (``written_here``), the time it
      was reached ("in 2023 year-on-year, from $52.68 billion to $51 billion"); of a span of
      years ("over the past six years, from 53% to 64%"), a year carried from an earlier
      sentence or one only pointed at ("in the same period") it may be only the last point.
    - A level or share reached at the end of a multi-year change ("reaching 4.2 million tenge")
      is not a value for the whole span.
    - A planned figure does not belong to a period already past ("launched last year to
      modernize 86,000 kilometers"; "since 2019 ... to build 1,200 schools").
    """
    if period is None:
        return False
    if adjacent:
        return True
    if kind in ("level", "share"):
        if rules.has("pair_from", before, "before") and rules.has("pair_to_after", after, "after"):
            return False
        if rules.has("pair_to_before", before, "before"):
            return written_here and period.start_year == period.end_year
        if period.start_year != period.end_year and rules.has("endpoint", before, "before"):
            return False
    if status == "plan" and published_year is not None and (
            period.end_year < published_year or period.start_year < published_year <= period.end_year
            and period.start_year != period.end_year):
        return False
    return True


def pair_start_period(period: Period | None, end: str, clause: str, rules: ContextRules) -> Period | None:
    """The period of the start of a "from X to Y" pair that a period frames without dating it:
    the first year of a span when the text writes it ("since 2019 ... from 73 to 75 years"), or the
    year before a year the clause compares year on year ("in 2023 year-on-year, from $52.68
    billion to $51 billion"). Any other end of a framed pair has no period of its own."""
    if period is None or end != "from":
        return None
    if period.start_year != period.end_year:
        return replace(period, end_year=period.start_year, first_month=1, last_month=12, day=None) \
            if period.start_written else None
    if rules.has("year_before", clause, "clause"):
        return replace(period, start_year=period.start_year - 1, end_year=period.end_year - 1)
    return None


def change_since_base(kind: str, period: Period | None, bases: set[Period]) -> Period | None:
    """A change measured against a base more than a year before its own year spans the two: "In
    2024, railway repairs rose by 41% compared to 2019" is a change over 2019-2024. Against the
    year before ("grew 4.3% compared to 2022", in 2023) it is the year's own rate, and keeps it."""
    if kind not in CHANGE_KINDS or period is None or period.start_year != period.end_year:
        return period
    earlier = [b for b in bases if b.start_year == b.end_year and b.end_year < period.start_year - 1]
    if not earlier:
        return period
    base = min(earlier, key=lambda b: b.start_year)
    return replace(period, start_year=base.start_year, first_month=1, last_month=12, day=None)


def comparison_bases(sentence: str, periods: list[Period], rules: ContextRules) -> set[Period]:
    """The periods a sentence names only as the base of a comparison ("rose 12% compared to
    2021", "3.5% more than last year", "exceeds the last year's level by 2.5 million hectares"):
    they date the base, never the new figure, and frame no later sentence (compare cues)."""
    return {p for p in periods
            if rules.has("compare", sentence[:p.start], "before") or rules.has("compare", p.text, "after")}


def describe(sentence: str, start: int, end: int, unit: str, dimension: str, direction: str,
             published_year: int | None, span: Span | None, periods: list[Period] | None = None,
             ruleset: Path | None = None, other_figures: list[tuple[int, int]] = (),
             carried: Period | None = None, country: str | None = None, window_start: int = 0) -> dict:
    """The context columns for a figure at [start, end) of ``sentence``.

    ``span`` is the figure as a Span of the parsed sentence (None without a parse: then the
    measured thing and indicator stay empty). ``country``: the id of the article's own country
    (:func:`article_country`), whose figures are national. ``window_start``: where ``sentence``
    starts in the parsed sentence of ``span`` when it is a window of an over-long one (window.py).
    """
    rules = checked_context_rules(ruleset)
    cs, ce = clause_of(sentence, start, end, rules)
    clause = sentence[cs:ce]
    # "before" cues see the whole sentence so far: "mortality has decreased by 7.8%, maternal
    # mortality by 26.3%" carries the change verb across the clause break
    before = strip_qualifier(sentence[:start], ruleset)
    after = sentence[end:ce]
    kind = figure_kind(unit, before, after, rules)
    periods = find_periods(sentence, published_year, ruleset) if periods is None else periods
    bases = comparison_bases(sentence, periods, rules)
    own = [p for p in periods if p not in bases]
    # A year another figure owns ("66.2 percent, up from 72.4 percent a year earlier", "134,000
    # cars versus 30,000 in 2018") leaves the rest of the sentence to the period framing it; a
    # span or a "now" another figure owns does not ("doubled in five years, reaching 4.2 million").
    free = [p for p in own if not (p.start_year == p.end_year and p.carries
                                   and any(is_adjacent(p, e, sentence) for _, e in other_figures))]
    period = next((p for p in bases if is_adjacent(p, end, sentence) or labels_figure(p, start, sentence)), None) \
        or period_for(own, start, end, sentence, other_figures) \
        or (None if free or rules.has("undated", clause, "clause") else carried)
    status = figure_status(clause, period, published_year, rules)
    adjacent = is_adjacent(period, end, sentence)
    written_here = period in own and not period.points_back
    if not keeps_period(kind, period, before, after, adjacent, status, published_year, rules, written_here):
        period = pair_start_period(period, pair_end(before, after, rules), clause, rules)
    period = change_since_base(kind, period, bases)
    if status == "plan" and rules.has("pair_from", before, "before") and (
            period is None or published_year is None or period.end_year <= published_year):
        status = "actual"  # the level a planned change starts from: "to 96.2 million tons from 87.56 million"
    parsed = measured_phrase(span, unit == "count", unit in PERCENT_UNITS, ruleset) if span is not None else ""
    label = list_label(before, rules, word_lists(ruleset))
    scope = "" if label else scope_after(before, after, rules, word_lists(ruleset))
    if scope:  # "thefts dropped by 52%, and by 60% in public spaces": thefts in public spaces
        written = SCOPE_AFTER.match(after).group().strip()
        label = scope if not parsed or scope.lower() in parsed.lower() else f"{parsed} {written}"
    if kind == "share" and rules.has("rate", label or parsed, "measured"):
        kind = "change_pct"  # "the growth rate in the services sector ... reached 2.3 percent"
    governing = governing_words(span) if span is not None else ""
    left, right = own_stretch(cs, ce, start, end, other_figures)
    stretch = sentence[left:right]
    # A list item measures its label; a part with no indicator of its own is part of the whole
    # the sentence is about ("manufacturing grew ...: pharmaceuticals (25.7%)"): its indicator.
    # a list item's fallback is the list's head, not the items after it ("mining with 9.8 percent
    # and agriculture at 1.6 percent": agriculture is the next item's)
    head = LIST_FIRST_ITEM.sub("", sentence[cs:min([start] + [s for s, _ in other_figures if cs <= s < start])])
    indicator = indicator_for(scope or label, dimension, kind, rules, governing, head) if label else ""
    if not indicator:
        indicator = indicator_for(parsed, dimension, kind, rules, governing, head if label else stretch)
    # "mining accounted for 61.6 percent of industrial output": the indicator of the whole, by the
    # annotation's convention, but the share of a part, never a value of it (relation "part")
    part = bool(indicator) and kind == "share" and is_part_of(indicator, label or parsed, after, dimension, rules)
    if indicator and not part and any(i.by_partner for i in rules.indicators if i.id == indicator):
        # "exports to the UK reached $5 million": exports, but one partner's, not the country's total
        part = names_partner(sentence, left, right, rules)
    kind = kind_of_rate(indicator, unit, kind, rules)
    return {
        "kind": kind,
        # the nearest cue before the figure in its sentence: "dropped by 52%, and by 60% in ..."
        "direction": figure_direction(kind, direction, sentence[:start], clause, rules),
        "measured": label or parsed,
        "indicator": indicator,
        **period_columns(period),
        "status": status,
        **dict(zip(("location", "location_level"),
                   location_for(sentence, start, end, cs, ce, rules, other_figures, country,
                                organisations(span, window_start)))),
        "relation": pair_end(before, after, rules) or ("part" if part else ""),
    }
