"""Claims: the figures of the Mentions table grouped into the statements a fact-checker checks.

A claim is usually one sentence's figures about one subject: "foreign trade turnover increased
1.5 times - from $94.8 billion to $141.4 billion" is one claim of three figures, and "GDP reached
$288 billion" one claim of one figure. :func:`build_claims` reads only the Mentions table (no
spaCy, no second extraction pass); the cue words that tie figures together are data,
``rules/claims.yaml``, validated on load.

The Claims table, one row per claim (:data:`CLAIM_COLUMNS`):

============== ===================================================================================
claim_id       ``{article_id}:{field initial}{sentence_start}:{index}`` -- the index counts the
               claims anchored in that sentence in the order of their first figure; stable for a
               given Mentions table (``...:b4011:0``, next to mention ids ``...:b4082``)
article_id,    where the claim is; ``sentence_start`` is its (first) sentence's offset in the
field,         field. A composition may run on into the next sentences ("Out of 6,256 villages,
sentence,      5,523 ... . The remaining 733 ..."): ``sentence`` then holds those sentences joined
sentence_start by a space, and the claim is anchored in the first
indicator,     the indicator id and the measured thing of its key figure (the first present of
subject        to, value, total, from, part, remainder, change), falling back on the other figures;
               for a "respectively" list the item's label is added: "water supply coverage (cities)"
claim_type     level, share, growth (a change or change_pct, maybe with the level it reached),
               multiplier (likewise), change_from_to, composition, equivalence, vague
mention_ids    the claim's figures in text order (a list of str; it survives ``to_parquet``, and
               ``read_parquet`` gives it back as an array; for CSV and spreadsheets,
               :func:`joined_lists` joins the list columns with ";")
roles          one role per mention id, same order (list of str):
                 value       the figure of a level, share, vague or equivalence claim
                 from, to    the two ends of a change; ``to`` is also the level a growth or
                             multiplier claim reached ("rose sevenfold to 2,900 units")
                 change      a change, change_pct or multiplier stated for the claim
                 total       what a composition adds up to
                 part        one of its parts
                 remainder   a part stated as what remains ("The remaining 733 villages")
                 annual_rate the rate per year of an overall change ("has tripled, with output
                             growing at an average annual rate of 20.3%")
                 equivalent  the mention before it restated: another currency ("$1.5 billion
                             (more than 766 billion tenge)") or the count of a share
                             ("71.12% (5,561,937 people)")
from_id, to_id, shortcuts into those roles for joins with the Mentions table ("" when absent;
total_id,      ``part_ids`` holds parts and remainders, text order)
change_ids,
part_ids
period_start,  the earliest start and latest end of its figures' periods (Int64, NA when none)
period_end
period_from,   first and last day, and granularity, of its figures' periods: theirs when they share
period_to,     one period ("2024 H1"), else the widest days and no granularity (multi-year when
period_granularity  the years differ)
status, location  of the key figure (location: the first figure that names one)
summary        a normalised one-line text: "minimum wage: 42,500 -> 85,000 KZT (x2.0), 2019-2025"
flags          comma-separated: the figures' malformed_number, vague and each, and
               partial (a composition whose parts need not exhaust its total: "including",
               "of which", "645 out of 655" with no remainder), cross_sentence,
               stated_total (a level named as a total: "with a total of 7,820,204 participants"),
               and identity (a composition no cue tied, of amounts that add up by definition:
               rules/identities.yaml)
texts, values, one entry per mention id, same order: the figure's Mentions ``text``, ``value``,
value_highs,   ``value_high``, ``unit``, ``dimension``, ``kind``, ``direction`` and ``qualifier``,
units, ...     so that checks (:mod:`extractor.checks.factcheck`) need only this table
============== ===================================================================================

Choices. A share with its count in brackets is a ``share`` claim, its count an ``equivalent``:
the statement to check is the share of a (stated or implied) total, and the pair implies that
total (5,561,937 / 71.12% = 7.82 million, the next sentence's turnout), whereas an
``equivalence`` claim is one amount in two units of one dimension, checked by a conversion rate.
Vague amounts ("tens of thousands of families") form claims of type ``vague`` so no mention is
lost, and checks can skip them by type. An "each" amount keeps its claim, flagged ``each``, so no
check adds it up. Every mention belongs to at least one claim; a figure that is a part of one
composition and the total of the next ("645 out of 655 ... Of these, 226 ...") belongs to both.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import Any, Iterable, Iterator, Mapping, Sequence

import pandas as pd

from ..errors import ExtractorError, RuleError
from ..formatting import QUALIFIER_WORDS, format_amount, format_number, format_ratio, period_label, unit_parts
from ..tables import (CHANGE_KINDS, CLAIM_TYPES, CLAIMS, LEVEL_KINDS, MENTION_FLAGS,  # noqa: F401
                      divides, float_or_nan, int_or_none, is_missing, text_or_empty)
from ..extraction.figures import scanner
from .identities import PASSAGE_SENTENCES, Candidate, figure_words, identities, match_identities
from ..ruleset.ruleset import RuleSet, RulesLike, compiled_per_ruleset
from ..ruleset.loader import LINE_KEY, Field, Schema, rule_entries

CUES = Schema("cues", {
    "id": Field((str,), True), "role": Field((str,), True), "pattern": Field((str,), True),
    "example": Field((str,), True), "matches": Field((str,), True),
})
CUE_ROLES = frozenset({
    "clause_break", "change_to", "versus", "change_from",
    "change_after", "reaching", "level_change", "restated_change", "respectively", "list_separator",
    "label_lead", "total_parts", "total_some", "part_of", "out_of", "out_of_part", "part_of_previous",
    "of_which", "remainder", "stated_total", "annual_rate", "annual_rate_after", "reached", "from_earlier",
})

# List columns parallel to ``mention_ids``: each figure's own Mentions value (column -> Mention
# attribute), so that checks (extractor.checks.factcheck) read the Claims table alone.
MENTION_LISTS = MappingProxyType({
    "texts": "text", "values": "value", "value_highs": "value_high", "units": "unit",
    "dimensions": "dimension", "kinds": "kind", "directions": "direction", "qualifiers": "qualifier",
})
CLAIM_COLUMNS = CLAIMS.names
LIST_COLUMNS = tuple(c.name for c in CLAIMS.columns if c.kind == "list")
MENTION_NEEDS = (
    "mention_id", "article_id", "field", "start", "end", "text", "sentence", "sentence_start",
    "value", "value_low", "value_high", "unit", "dimension", "kind", "direction", "qualifier",
    "measured", "indicator", "period_start", "period_end", "status", "location", "flags",
)
PERCENT_UNITS = frozenset({"percent", "percentage_point"})
# Two sentences follow each other when at most this much (white space) lies between them.
ADJACENT_GAP = 4
# The key figure of a claim, for its subject, indicator and status: the first role present.
KEY_ROLES = ("to", "value", "total", "from", "part", "remainder", "change", "annual_rate", "equivalent")

# Summary wording (output, not extraction rules).


# --------------------------------------------------------------------------- cue rules


@dataclass(frozen=True)
class ClaimCues:
    """The compiled cues of ``rules/claims.yaml``, by role, and the qualifier words to strip."""

    patterns: Mapping[str, tuple[re.Pattern, ...]]
    qualifier_tail: re.Pattern

    def has(self, role: str, text: str) -> bool:
        return any(p.search(text) for p in self.patterns.get(role, ()))

    def strip(self, text: str) -> str:
        """``text`` without the qualifier words at its end ("to around " -> "to ")."""
        return self.qualifier_tail.sub("", text)


@compiled_per_ruleset
def claim_cues(ruleset: RuleSet) -> ClaimCues:
    """The cues of ``claims.yaml`` of ``ruleset`` (default: the shipped rules), loaded once per
    version of the folder's files."""
    path = ruleset / "claims.yaml"
    by_role: dict[str, list[re.Pattern]] = {}
    for e in rule_entries("claims.yaml", CUES, ruleset):
        if e["role"] not in CUE_ROLES:
            raise RuleError(path, e[LINE_KEY], f"entry {e['id']!r}: role must be one of {sorted(CUE_ROLES)}")
        try:
            pattern = re.compile(e["pattern"], re.IGNORECASE)
        except re.error as exc:
            raise RuleError(path, e[LINE_KEY], f"entry {e['id']!r}: bad pattern: {exc}") from None
        if not pattern.search(e["matches"]):
            raise RuleError(path, e[LINE_KEY], f"entry {e['id']!r}: pattern does not match its own "
                                               f"'matches' text {e['matches']!r}; fix one of them")
        by_role.setdefault(e["role"], []).append(pattern)
    # the one qualifier-tail pattern, the figure scanner's ("to around " -> "to ")
    return ClaimCues(MappingProxyType({r: tuple(p) for r, p in by_role.items()}), scanner(ruleset).trailing_qualifiers)


# --------------------------------------------------------------------------- the figures


@dataclass(frozen=True)
class Mention:
    """One Mentions row; ``start``/``end`` are offsets in its sentence, ``offset`` in its field."""

    id: str
    offset: int
    start: int
    end: int
    text: str
    value: float
    value_high: float
    unit: str
    dimension: str
    kind: str
    direction: str
    qualifier: str
    measured: str
    indicator: str
    period_start: int | None
    period_end: int | None
    status: str
    location: str
    flags: tuple[str, ...]
    relation: str = ""  # from / to / restates: how the context stage tied it to its neighbours
    period_from: Any = None  # first and last day of the period (Timestamps), and its granularity
    period_to: Any = None
    period_granularity: str = ""

    @classmethod
    def figure(cls, value: float, unit: str = "count", **fields) -> "Mention":
        """A free-standing figure, for examples and tests: ``Mention.figure(2, "times", kind="multiplier")``."""
        base = dict(id="m", offset=0, start=0, end=0, text="", value=float(value), value_high=math.nan,
                    unit=unit, dimension="money" if re.fullmatch(r"[A-Z]{3}", unit) else "",
                    kind="multiplier" if unit == "times" else "level", direction="none", qualifier="exact",
                    measured="", indicator="", period_start=None, period_end=None, status="actual",
                    location="", flags=())
        return cls(**{**base, **fields})


@dataclass(frozen=True)
class Sentence:
    article_id: str
    field: str
    start: int
    text: str
    mentions: tuple[Mention, ...]

    def follows(self, other: "Sentence") -> bool:
        """Whether this sentence comes right after ``other`` in the same field."""
        gap = self.start - (other.start + len(other.text))
        return (self.article_id, self.field) == (other.article_id, other.field) and 0 <= gap <= ADJACENT_GAP


@dataclass(frozen=True)
class Head:
    """A figure with its restatements right after it ("$1.5 billion (766 billion tenge)");
    ``end`` is where they end, closing bracket included."""

    mention: Mention
    end: int
    equivalents: tuple[Mention, ...] = ()

    @property
    def kind(self) -> str:
        return self.mention.kind


def mention_of(row: Mapping, sentence_start: int) -> Mention:
    """A Mentions row (a dict) as a :class:`Mention` of its sentence."""
    start = int(row["start"])
    return Mention(
        id=str(row["mention_id"]), offset=start, start=start - sentence_start,
        end=int(row["end"]) - sentence_start, text=text_or_empty(row["text"]), value=float_or_nan(row["value"]),
        value_high=float_or_nan(row["value_high"]), unit=text_or_empty(row["unit"]), dimension=text_or_empty(row["dimension"]),
        kind=text_or_empty(row["kind"]) or "level", direction=text_or_empty(row["direction"]) or "none",
        qualifier=text_or_empty(row["qualifier"]) or "exact", measured=text_or_empty(row["measured"]).strip(),
        indicator=text_or_empty(row["indicator"]), period_start=int_or_none(row["period_start"]),
        period_end=int_or_none(row["period_end"]), status=text_or_empty(row["status"]) or "actual",
        location=text_or_empty(row["location"]), flags=tuple(f for f in text_or_empty(row["flags"]).split(",") if f),
        relation=text_or_empty(row.get("relation")),
        period_from=None if is_missing(row.get("period_from")) else pd.Timestamp(row["period_from"]),
        period_to=None if is_missing(row.get("period_to")) else pd.Timestamp(row["period_to"]),
        period_granularity=text_or_empty(row.get("period_granularity")),
    )


def check_columns(mentions: pd.DataFrame) -> None:
    missing = [c for c in MENTION_NEEDS if c not in mentions.columns]
    if missing:
        raise ExtractorError(f"build_claims needs a Mentions table (extractor.extract); missing column(s) "
                             f"{', '.join(missing)}")


def sentences_of(mentions: pd.DataFrame) -> Iterator[list[Sentence]]:
    """The sentences of each article field that hold figures, in text order, field by field
    (articles in their order of first appearance)."""
    check_columns(mentions)
    fields: dict[tuple[str, str], list[dict]] = {}
    optional = ("relation", "period_from", "period_to", "period_granularity")  # absent from older tables
    read = [*MENTION_NEEDS, *(c for c in optional if c in mentions.columns)]
    for row in mentions[read].to_dict("records"):
        fields.setdefault((str(row["article_id"]), str(row["field"])), []).append(row)
    for (article_id, field_name), rows in fields.items():
        by_sentence: dict[int, tuple[str, list[dict]]] = {}
        for row in sorted(rows, key=lambda r: int(r["start"])):
            s0 = int_or_none(row["sentence_start"])
            s0, text = (s0, text_or_empty(row["sentence"])) if s0 is not None else (int(row["start"]), text_or_empty(row["text"]))
            by_sentence.setdefault(s0, (text, []))[1].append(row)
        yield [Sentence(article_id, field_name, s0, text, tuple(mention_of(r, s0) for r in members))
               for s0, (text, members) in sorted(by_sentence.items())]


# --------------------------------------------------------------------------- small predicates


def same_subject(a: Mention, b: Mention) -> bool:
    """Whether two figures may be about one thing: the same indicator when both have one, else
    the same measured thing when both have one, else yes.

    >>> schools = Mention.figure(1, measured="schools")
    >>> same_subject(schools, replace(schools, measured="Schools"))
    True
    >>> same_subject(schools, replace(schools, measured="seats"))
    False
    >>> same_subject(Mention.figure(4.2e6, indicator="labour_productivity", measured="Labor productivity"),
    ...              Mention.figure(2, "times", indicator="labour_productivity", measured="years"))
    True
    """
    if a.indicator and b.indicator:
        return a.indicator == b.indicator
    if a.measured and b.measured:
        return a.measured.lower() == b.measured.lower()
    return True


def item_label(text: str, cues: ClaimCues) -> str:
    """The label of a list item from the text after its figure, up to the next separator.

    >>> item_label(" in cities and ", claim_cues())
    'cities'
    >>> item_label(" in villages, these figures have now reached ", claim_cues())
    'villages'
    """
    label = re.split(r"[,;:()]|\s[-–—]\s|\b(?:and|or|while|whereas)\b", text, maxsplit=1)[0].strip()
    for pattern in cues.patterns.get("label_lead", ()):
        label = pattern.sub("", label, count=1).strip()
    return label if len(label) <= 40 else ""


def find_equivalents(sentence: Sentence, cues: ClaimCues) -> tuple[Head, ...]:
    """The sentence's figures as heads, each restatement folded into the figure it restates."""
    heads: list[Head] = []
    for m in sentence.mentions:
        if heads:
            h = heads[-1]
            between = cues.strip(sentence.text[h.end:m.start])
            if m.relation == "restates":  # decided by the context stage
                close = re.match(r"[^()\d]{0,30}\)", sentence.text[m.end:]) if "(" in between else None
                heads[-1] = replace(h, equivalents=h.equivalents + (m,), end=m.end + (close.end() if close else 0))
                continue
        heads.append(Head(m, m.end))
    return tuple(heads)


# --------------------------------------------------------------------------- claims being built


@dataclass
class Claim:
    """A claim while it is being built: its figures with their roles, its sentences."""

    claim_type: str
    sentences: list[Sentence]
    members: list[tuple[Mention, str]] = field(default_factory=list)
    equivalents: dict[str, list[Mention]] = field(default_factory=dict)  # head id -> its restatements
    label: str = ""
    relation: str = ""  # compositions: parts (a full list), some (including, of which), out_of
    flags: list[str] = field(default_factory=list)

    def add(self, head: Head, role: str, sentence: Sentence | None = None) -> "Claim":
        self.members.append((head.mention, role))
        for eq in head.equivalents:
            self.members.append((eq, "equivalent"))
        if head.equivalents:
            self.equivalents[head.mention.id] = list(head.equivalents)
        if sentence is not None and all(s.start != sentence.start for s in self.sentences):
            self.sentences.append(sentence)
            self.flag("cross_sentence")
        return self

    def flag(self, name: str) -> None:
        if name not in self.flags:
            self.flags.append(name)

    def unflag(self, name: str) -> None:
        if name in self.flags:
            self.flags.remove(name)

    def all(self, role: str) -> list[Mention]:
        return sorted((m for m, r in self.members if r == role), key=lambda m: m.offset)

    def one(self, role: str) -> Mention | None:
        found = self.all(role)
        return found[0] if found else None

    def ordered(self) -> list[tuple[Mention, str]]:
        return sorted(self.members, key=lambda mr: mr[0].offset)

    def key(self) -> Mention:
        for role in KEY_ROLES:
            if (m := self.one(role)) is not None:
                return m
        return self.ordered()[0][0]

    def by_priority(self) -> list[Mention]:
        return [m for role in KEY_ROLES for m in self.all(role)]


def claim_for(claim_type: str, sentence: Sentence, *roles: tuple[Head, str], label: str = "",
              relation: str = "") -> Claim:
    claim = Claim(claim_type, [sentence], label=label, relation=relation)
    for head, role in roles:
        claim.add(head, role)
    return claim


class SentenceFigures:
    """The heads of one sentence and which of them no claim has taken yet."""

    def __init__(self, sentence: Sentence, cues: ClaimCues):
        self.sentence, self.cues = sentence, cues
        self.heads = find_equivalents(sentence, cues)
        self.free = set(range(len(self.heads)))

    def __len__(self) -> int:
        return len(self.heads)

    def gap(self, i: int, j: int) -> str:
        """The text between heads i and j, qualifier words before j removed."""
        return self.cues.strip(self.sentence.text[self.heads[i].end:self.heads[j].mention.start])

    def before(self, i: int) -> str:
        return self.cues.strip(self.sentence.text[:self.heads[i].mention.start])

    def after(self, i: int) -> str:
        """The text from head i to the next head, or to the sentence's end."""
        end = self.heads[i + 1].mention.start if i + 1 < len(self.heads) else len(self.sentence.text)
        return self.sentence.text[self.heads[i].end:end]

    def annual_rate(self, i: int) -> bool:
        """Whether head i is a percentage change per year ("an average annual rate of 20.3%",
        "by 15% a year")."""
        return self.heads[i].kind == "change_pct" and (
            self.cues.has("annual_rate", self.before(i)) or self.cues.has("annual_rate_after", self.after(i)))

    def both_free(self, i: int, j: int) -> bool:
        return i in self.free and j in self.free

    def is_free(self, i: int) -> bool:
        return i in self.free

    def tied(self, role: str, i: int, j: int) -> bool:
        """Whether cue ``role`` ties heads i and j, with no clause break between them."""
        gap = self.gap(i, j)
        return self.cues.has(role, gap) and not self.cues.has("clause_break", gap)

    def take(self, *indices: int) -> None:
        self.free.difference_update(indices)

    def list_from(self, i: int, fits) -> list[int]:
        """Heads i, i+1, ... joined as one list ("8,000 km of republican roads and 4,000 km ..."),
        while ``fits(head)`` holds."""
        run = [i] if i in self.free and fits(self.heads[i]) else []
        while run and self.both_free(run[-1], run[-1] + 1) and fits(self.heads[run[-1] + 1]) \
                and self.cues.has("list_separator", self.gap(run[-1], run[-1] + 1)):
            run.append(run[-1] + 1)
        return run


# --------------------------------------------------------------------------- grouping steps


def map_respectively(s: SentenceFigures) -> list[Claim]:
    """"97.2% in cities and 86.4% in villages ... now reached 99.4% and 97.8%, respectively":
    the last list before "respectively" maps in order onto the list of as many figures of the
    same unit just before it; each pair is a from-to claim labelled with its item."""
    text = s.sentence.text
    marks = [m.start() for p in s.cues.patterns.get("respectively", ()) for m in p.finditer(text)]
    ends = [i for i, h in enumerate(s.heads) if marks and h.end <= max(marks)]
    if not ends or not re.fullmatch(r"[\s,]*", text[s.heads[ends[-1]].end:max(marks)]):
        return []
    unit = s.heads[ends[-1]].mention.unit
    last = ends[-1]
    second = [last]
    while second[0] > 0 and s.cues.has("list_separator", s.gap(second[0] - 1, second[0])) \
            and s.heads[second[0] - 1].mention.unit == unit:
        second.insert(0, second[0] - 1)
    n = len(second)
    first = list(range(second[0] - n, second[0]))
    if n < 2 or first[0] < 0 or any(i not in s.free for i in first + second) \
            or any(s.heads[i].mention.unit != unit for i in first) \
            or not all(s.cues.has("list_separator", s.gap(i, i + 1)) for i in first[:-1]):
        return []
    claims = []
    for i, j in zip(first, second):
        label = item_label(text[s.heads[i].end:s.heads[i + 1].mention.start], s.cues)
        claims.append(claim_for("change_from_to", s.sentence, (s.heads[i], "from"), (s.heads[j], "to"), label=label))
    s.take(*first, *second)
    return claims


def find_compositions(s: SentenceFigures) -> list[Claim]:
    """Totals and their parts within a sentence: "12,000 km of highways - 8,000 km of republican
    roads and 4,000 km of local roads" (a full list), "1,300 schools, including 900 rural ones"
    (some of it), "645 out of 655" and "Out of 6,256 villages, 5,523 ..." (part of a total)."""
    claims = []
    for i in range(len(s) - 1):
        j = i + 1
        if not s.both_free(i, j) or s.cues.has("clause_break", s.gap(i, j)):
            continue
        total, gap = s.heads[i], s.gap(i, j)
        unit = total.mention.unit
        if s.cues.has("total_parts", gap):
            parts = s.list_from(j, lambda h: h.mention.unit == unit)
            if len(parts) >= 2:
                claims.append(claim_for("composition", s.sentence, (total, "total"),
                                        *[(s.heads[k], "part") for k in parts], relation="parts"))
                s.take(i, *parts)
                continue
        if s.cues.has("total_some", gap):
            parts = s.list_from(j, lambda h: h.mention.unit in (unit, "percent"))
            if parts:
                claim = claim_for("composition", s.sentence, (total, "total"),
                                  *[(s.heads[k], "part") for k in parts], relation="some")
                claim.flag("partial")
                claims.append(claim)
                s.take(i, *parts)
                continue
        if s.heads[j].mention.unit != unit:
            continue
        if s.cues.has("part_of", gap):
            part, total = s.heads[i], s.heads[j]
        elif s.cues.has("out_of", s.before(i)) and s.cues.has("out_of_part", gap):
            part = s.heads[j]
        else:
            continue
        claim = claim_for("composition", s.sentence, (total, "total"), (part, "part"), relation="out_of")
        claim.flag("partial")
        claims.append(claim)
        s.take(i, j)
    return claims


def attach_remainders(s: SentenceFigures, open_compositions: Sequence[Claim]) -> None:
    """"The remaining 733 villages": a figure after a remainder cue completes an open composition
    of its unit: the latest one of its own sentence, else the latest of the "out of" kind
    ("645 out of 655 ... The remaining 10"), else the latest."""
    for i in sorted(s.free):
        if not s.cues.has("remainder", s.before(i)):
            continue
        unit = s.heads[i].mention.unit
        fitting = [c for c in open_compositions if c.one("total") and c.one("total").unit == unit]
        ranked = [c for c in fitting if any(x.start == s.sentence.start for x in c.sentences)] \
            or [c for c in fitting if c.relation == "out_of"] or fitting
        if ranked:
            target = ranked[-1]
            target.add(s.heads[i], "remainder", s.sentence)
            if target.relation == "out_of":
                target.unflag("partial")
            s.take(i)


def continue_compositions(s: SentenceFigures, previous: SentenceFigures | None,
                          open_compositions: Sequence[Claim]) -> list[Claim]:
    """Parts of the totals of the sentence just before: "Of these, 226 ... while another 419 ..."
    (every figure of the sentence), "61 of which for 74,400 seats ..." (its first figure; each
    other one goes to the figure before with the same measured thing, if any). The default total
    is the previous sentence's first figure of the part's unit."""
    if previous is None or not s.free:
        return []
    text = s.sentence.text
    remainders = {i for i in s.free if s.cues.has("remainder", s.before(i))}
    if s.cues.has("part_of_previous", text):
        anchored, others = sorted(s.free - remainders), []
    elif 0 in s.free and not re.search(r"\w", text[:s.heads[0].mention.start]) \
            and s.cues.has("of_which", text[s.heads[0].end:]):
        anchored, others = [0], sorted(s.free - {0} - remainders)
    else:
        return []
    new: list[Claim] = []
    by_total: dict[str, Claim] = {c.one("total").id: c for c in open_compositions if c.one("total")}

    def add_part(k: int, t: int) -> None:
        total = previous.heads[t]
        claim = by_total.get(total.mention.id)
        if claim is None or claim.relation == "parts":  # a full list takes no more parts
            claim = claim_for("composition", previous.sentence, (total, "total"), relation="some")
            claim.flag("partial")
            by_total[total.mention.id] = claim
            new.append(claim)
            previous.take(t)
        claim.add(s.heads[k], "part", s.sentence)
        s.take(k)

    def default_total(unit: str) -> int | None:
        fits = [t for t, h in enumerate(previous.heads) if h.mention.unit == unit or unit == "percent"]
        return fits[0] if fits else None

    for k in anchored:
        t = default_total(s.heads[k].mention.unit)
        if t is not None:
            add_part(k, t)
    used = {c.one("total").id for c in new}
    for k in others:
        m = s.heads[k].mention
        match = [t for t, h in enumerate(previous.heads) if h.mention.unit == m.unit and m.measured
                 and h.mention.measured.lower() == m.measured.lower() and h.mention.id not in used]
        if match:
            add_part(k, match[0])
    return new


def split_remainder(s: SentenceFigures, previous: SentenceFigures | None) -> list[Claim]:
    """"The remaining 733 villages will be connected ... 238 villages will get facilities, and
    595 rural settlements block modules": a remainder stated in the sentence before, split in
    this one into two or more levels of its unit (and nothing else), is a full composition
    whose parts must add up to it."""
    if previous is None or len(s.free) < 2 or len(s.free) != len(s.heads):
        return []
    remainders = [h for i, h in enumerate(previous.heads) if s.cues.has("remainder", previous.before(i))]
    if len(remainders) != 1:
        return []
    total = remainders[0]
    parts = sorted(s.free)
    if any(s.heads[k].mention.unit != total.mention.unit or s.heads[k].mention.kind != "level"
           for k in parts):
        return []
    claim = claim_for("composition", previous.sentence, (total, "total"), relation="parts")
    for k in parts:
        claim.add(s.heads[k], "part", s.sentence)
        s.take(k)
    return [claim]


def joining_changes(s: SentenceFigures, i: int, j: int) -> list[int]:
    """The changes stated for the pair of heads i and j (i first in the text): right before the
    first ("increased 1.5 times - from", with a restated change before it; "increased 52% to X as
    against Y") or right after the second ("to 521, an increase of 8%")."""
    found = []
    k = i - 1
    if s.is_free(k) and s.heads[k].kind in CHANGE_KINDS and s.tied("change_from", k, i):
        found.append(k)
        while s.is_free(found[0] - 1) and s.heads[found[0] - 1].kind in CHANGE_KINDS \
                and s.cues.has("restated_change", s.gap(found[0] - 1, found[0])):
            found.insert(0, found[0] - 1)
    elif s.is_free(k) and s.heads[k].kind in CHANGE_KINDS and s.tied("reaching", k, i):
        found.append(k)  # "increased 52% to Rs 3,285 crore as against Rs 2,166 crore": the first is the later
    k = j + 1
    if s.is_free(k) and s.heads[k].kind in CHANGE_KINDS and s.cues.has("change_after", s.gap(j, k)):
        found.append(k)
    return found


def pair_from_to(s: SentenceFigures) -> list[Claim]:
    """From-to pairs of levels of one dimension, with the changes that join them: "from 42,500
    to 85,000 tenge", "stood at 71%, it has now been reduced to 61%", and "134,000 ... versus
    30,000 in 2018" (the figure compared with is the earlier one)."""
    claims = []
    for i in range(len(s) - 1):
        j = i + 1
        if not s.both_free(i, j):
            continue
        a, b = s.heads[i], s.heads[j]
        if a.kind in CHANGE_KINDS or b.kind in CHANGE_KINDS or a.mention.dimension != b.mention.dimension:
            continue
        gap = s.gap(i, j)
        compared = s.cues.has("versus", gap) and not s.cues.has("clause_break", gap) and a.mention.unit == b.mention.unit
        if not (same_subject(a.mention, b.mention) or compared):
            continue  # an explicit comparison of one unit is of one thing ("X compared to Rs 528 crore")
        if a.mention.relation == "from" and b.mention.relation == "to" or s.tied("change_to", i, j):
            first, last = a, b
        elif s.cues.has("reached", s.before(i)) and s.cues.has("from_earlier", gap):
            first, last = b, a
        elif s.cues.has("versus", gap):
            later = b.mention.period_start is not None and a.mention.period_end is not None \
                and b.mention.period_start > a.mention.period_end
            first, last = (a, b) if later else (b, a)
        else:
            continue
        s.take(i, j)
        changes = joining_changes(s, i, j)
        s.take(*changes)
        claims.append(claim_for("change_from_to", s.sentence, (first, "from"), (last, "to"),
                                *[(s.heads[k], "change") for k in changes]))
    return claims + pair_with_change(s)


def pair_with_change(s: SentenceFigures) -> list[Claim]:
    """Two levels and the change between them, in either of the orders results are written:
    the level, the change, the level it came from ("reached 17.1 million tonnes in 2023, down 6%
    from 18.2 million tonnes in 2022"), or the change, the level it reached and the one it came
    from ("increased 48% to Rs 6,498 crore from Rs 4,381 crore", "rose 12% to $5 billion,
    compared with $4.5 billion a year earlier")."""
    claims = []
    heads = s.heads
    for x in range(len(s) - 2):
        y, z = x + 1, x + 2
        if not (s.both_free(x, y) and s.is_free(z)):
            continue
        if _change_between(heads[y], heads[x], heads[z]) and s.cues.has("level_change", s.gap(x, y)) \
                and s.tied("change_from", y, z):
            change, to = y, x
        elif _change_between(heads[x], heads[y], heads[z]) and s.tied("reaching", x, y) \
                and not s.cues.has("clause_break", s.gap(y, z)) \
                and (s.cues.has("from_earlier", s.gap(y, z)) or s.cues.has("versus", s.gap(y, z))):
            change, to = x, y
        else:
            continue
        s.take(x, y, z)
        claims.append(claim_for("change_from_to", s.sentence, (heads[z], "from"), (heads[to], "to"),
                                (heads[change], "change")))
    return claims


def _change_between(change: Head, a: Head, b: Head) -> bool:
    """Whether ``change`` is a change and ``a``, ``b`` two levels of one thing and dimension."""
    return change.kind in CHANGE_KINDS and a.kind not in CHANGE_KINDS and b.kind not in CHANGE_KINDS \
        and a.mention.dimension == b.mention.dimension and same_subject(a.mention, b.mention)


def annual_rates(s: SentenceFigures) -> dict[int, int]:
    """Overall changes and the rate per year stated next to them, with no clause break between:
    "has tripled, with industrial output growing at an average annual rate of 20.3%" (change
    head -> rate head); the rates are taken."""
    pairs = {}
    for k in sorted(s.free):
        if not s.annual_rate(k):
            continue
        for t in (k - 1, k + 1):
            if s.is_free(t) and t not in pairs and s.heads[t].kind in ("multiplier", "change_pct") \
                    and not s.annual_rate(t) and not s.cues.has("clause_break", s.gap(min(t, k), max(t, k))):
                pairs[t] = k
                s.take(k)
                break
    return pairs


def link_growth(s: SentenceFigures) -> list[Claim]:
    """Changes with the level they led to: "rose sevenfold to 2,900 units", "has doubled in five
    years, reaching 4.2 million tenge", "$14,000, increasing by nearly 50%", "grew by 6.4 million
    square meters, or 51.4%, ... reaching 19 million square meters"; a change with no level is a
    claim of its own. Multiplier claims when every change is a multiplier, else growth. An
    overall change keeps the rate per year stated with it (:func:`annual_rates`)."""
    claims = []
    rates = annual_rates(s)
    for i in range(len(s)):
        if i not in s.free or s.heads[i].kind not in CHANGE_KINDS:
            continue
        group = [i]
        while s.is_free(group[-1] + 1) and s.heads[group[-1] + 1].kind in CHANGE_KINDS \
                and s.cues.has("restated_change", s.gap(group[-1], group[-1] + 1)):
            group.append(group[-1] + 1)

        def fits(k: int) -> bool:
            level = s.heads[k]
            return level.kind in LEVEL_KINDS and all(
                same_subject(level.mention, s.heads[g].mention)
                and (s.heads[g].kind != "change" or s.heads[g].mention.unit == level.mention.unit) for g in group)

        before, after = group[0] - 1, group[-1] + 1
        if s.is_free(before) and fits(before) and s.cues.has("level_change", s.gap(before, group[0])):
            level = before
        elif s.is_free(after) and fits(after) and s.tied("reaching", group[-1], after):
            level = after
        else:
            level = None
        kind = "multiplier" if all(s.heads[g].kind == "multiplier" for g in group) else "growth"
        roles = [(s.heads[g], "change") for g in group] + ([(s.heads[level], "to")] if level is not None else [])
        roles += [(s.heads[rates[g]], "annual_rate") for g in group if g in rates]
        claims.append(claim_for(kind, s.sentence, *roles))
        s.take(*group, *([level] if level is not None else []))
    return claims


SINGLE_TYPES = MappingProxyType({"level": "level", "share": "share", "change": "growth",
                                 "change_pct": "growth", "multiplier": "multiplier"})


def single_type(head: Head) -> str:
    """The type of a figure's claim of its own: vague, equivalence (an amount restated in another
    unit of its dimension), or by its kind."""
    m = head.mention
    if "vague" in m.flags:
        return "vague"
    if m.kind != "share" and any(e.dimension == m.dimension for e in head.equivalents):
        return "equivalence"
    return SINGLE_TYPES.get(m.kind, "level")


def single_claims(s: SentenceFigures) -> list[Claim]:
    """Every figure no other step took: a claim of its own; a level named as a total ("with a
    total of 7,820,204 participants") is flagged ``stated_total``."""
    claims = []
    for i in sorted(s.free):
        claim = claim_for(single_type(s.heads[i]), s.sentence, (s.heads[i], "value"))
        if claim.claim_type == "level" and s.cues.has("stated_total", s.before(i)):
            claim.flag("stated_total")
        claims.append(claim)
    s.take(*list(s.free))
    return claims


def field_claims(sentences: Sequence[Sentence], cues: ClaimCues, rules: Sequence = ()) -> list[Claim]:
    """The claims of one article field: first what can span sentences ("respectively" lists,
    compositions and their continuations), then per sentence from-to pairs, growth and the rest."""
    states = [SentenceFigures(sentence, cues) for sentence in sentences]
    claims: list[Claim] = []
    open_compositions: list[Claim] = []
    for k, s in enumerate(states):
        previous = states[k - 1] if k and s.sentence.follows(states[k - 1].sentence) else None
        if previous is None:
            open_compositions = []
        found = map_respectively(s) + find_compositions(s)
        found += continue_compositions(s, previous, open_compositions)
        found += split_remainder(s, previous)
        open_compositions += [c for c in found if c.claim_type == "composition"]
        attach_remainders(s, open_compositions)
        claims += found
    for s in states:
        claims += pair_from_to(s) + link_growth(s) + single_claims(s)
    claims = attach_stated_changes(claims)
    claims = attach_identities(claims, states, rules)
    for claim in claims:
        fill_sentences(claim, [s.sentence for s in states])
    return claims


def attach_stated_changes(claims: list[Claim]) -> list[Claim]:
    """A change stated on its own and the two levels it is between, in the next sentence (or the
    one before), are one claim: "Net profit rose 34%. The lender posted a net profit of Rs 710
    crore compared to Rs 528 crore in the year-ago period." The growth claim (a change, nothing
    else) joins the from-to claim (two levels, no change) of the same thing."""
    pairs = [c for c in claims if c.claim_type == "change_from_to" and not c.all("change")]
    merged: set[int] = set()
    for growth in claims:
        if growth.claim_type != "growth" or {r for _, r in growth.members} - {"change", "equivalent"} \
                or len(growth.sentences) != 1:
            continue
        change = growth.one("change")
        here = growth.sentences[0]
        for pair in pairs:
            there = pair.sentences[0]
            if id(pair) in merged or not (there.follows(here) or here.follows(there)):
                continue
            level = pair.one("to")
            if level is not None and same_thing(change, level):
                for m, role in growth.members:
                    pair.members.append((m, role))
                pair.sentences = sorted({id(x): x for x in pair.sentences + [here]}.values(), key=lambda x: x.start)
                pair.flag("cross_sentence")
                merged.add(id(pair))
                growth.claim_type = ""  # taken
                break
    return [c for c in claims if c.claim_type]


def attach_identities(claims: list[Claim], states: Sequence[SentenceFigures], rules: Sequence) -> list[Claim]:
    """Levels that no cue tied but that add up by definition (rules/identities.yaml: a turnover
    and its exports and imports, spending and its revenue and deficit), stated in one passage in
    one unit and period, become one composition claim of all its parts ("identity" flag)."""
    singles = [c for c in claims if c.claim_type == "level" and len(c.sentences) == 1
               and {r for _, r in c.members} <= {"value", "equivalent"}]
    if not rules or len(singles) < 3:
        return claims
    order = {s.sentence.start: k for k, s in enumerate(states)}
    candidates = []
    for n, claim in enumerate(singles):
        m, sentence = claim.one("value"), claim.sentences[0]
        figures = sorted(sentence.mentions, key=lambda x: x.start)
        k = next(i for i, x in enumerate(figures) if x.id == m.id)
        before, after = figure_words(sentence.text, [x.start for x in figures], [x.end for x in figures], k, m.measured)
        candidates.append(Candidate(n, order[sentence.start], before, after,
                                    (m.unit, m.period_start, m.period_end, m.period_granularity)))

    def one_passage(a: int, b: int) -> bool:
        lo, hi = min(a, b), max(a, b)
        return hi - lo < PASSAGE_SENTENCES and all(states[k + 1].sentence.follows(states[k].sentence)
                                                   for k in range(lo, hi))

    made = []
    for _identity, total, parts in match_identities(candidates, rules, one_passage):
        composition = Claim("composition", [], relation="parts")
        made.append(composition)
        for index, role in [(total, "total"), *[(p, "part") for p in parts]]:
            single = singles[index]
            composition.members += [(m, role if r == "value" else r) for m, r in single.members]
            composition.equivalents.update(single.equivalents)
            composition.sentences += [x for x in single.sentences if x not in composition.sentences]
            single.claim_type = ""  # taken
        composition.sentences.sort(key=lambda x: x.start)
        composition.flag("identity")
        if len(composition.sentences) > 1:
            composition.flag("cross_sentence")
    return [c for c in claims if c.claim_type] + made


def same_thing(a: Mention, b: Mention) -> bool:
    """Whether two figures of neighbouring sentences name one thing: the same indicator, or
    measured things with the same head noun ("first quarter net profit", "net profit for the
    quarter": profit)."""
    if a.indicator and b.indicator:
        return a.indicator == b.indicator
    return bool(a.measured and b.measured) and _thing_head(a.measured) == _thing_head(b.measured)


def _thing_head(phrase: str) -> str:
    """The noun a measured phrase is about: its last word before "for", "of", "in", ... ("net
    profit for the June quarter" -> profit), plural "s" dropped."""
    words = re.findall(r"[a-z]+", re.split(r"\b(?:for|of|in|at|during|from|to|on|by|per)\b", phrase.lower())[0])
    return words[-1].rstrip("s") if words else ""


def fill_sentences(claim: Claim, sentences: Sequence[Sentence]) -> None:
    """A claim over several sentences holds the ones between them too ("645 out of 655 ... Of
    these, ... The remaining 10"), so its text reads as a passage."""
    if len(claim.sentences) > 1:
        first, last = min(s.start for s in claim.sentences), max(s.start for s in claim.sentences)
        claim.sentences = [s for s in sentences if first <= s.start <= last]


# --------------------------------------------------------------------------- summaries


def amount_text(m: Mention, with_unit: bool = True) -> str:
    """A figure's amount for a summary; vague and malformed figures keep their words."""
    if "vague" in m.flags:
        return re.sub(r"\s+of$", "", m.text) + " (vague)"
    if not math.isfinite(m.value):
        return f'"{m.text}"' + (" (malformed)" if "malformed_number" in m.flags else "")
    text = format_amount(m.value, m.unit, m.dimension, m.qualifier, m.value_high, with_unit)
    return text + (" each" if "each" in m.flags else "")


def change_text(m: Mention) -> str:
    """A stated change: "+31.4%", "about +50%", "more than x6", "÷5", "+40".

    >>> change_text(Mention.figure(50, "percent", kind="change_pct", direction="up", qualifier="approx"))
    'about +50%'
    >>> change_text(Mention.figure(6, "times", qualifier="more_than"))
    'more than x6'
    >>> change_text(Mention.figure(5, "times", direction="down")), change_text(Mention.figure(0.5, "times", direction="down"))
    ('÷5', 'x0.5')
    """
    if not math.isfinite(m.value):
        return amount_text(m)
    if m.unit == "times":  # "reduced fivefold" is 5, down; "halved" is the factor itself, 0.5
        body = ("÷" if divides(m.unit, m.direction, m.value) else "x") + format_number(m.value)
    else:
        body = ("-" if m.direction == "down" else "+") + format_amount(m.value, m.unit, m.dimension)
    words = QUALIFIER_WORDS.get(m.qualifier)
    return f"{words} {body}" if words else body


def compare_change(first: Mention, last: Mention, stated: Mention | None) -> str:
    """The change a from/to claim states, as written; with none stated, the ratio between the two
    (or percentage points between percentages). Whether a stated change fits its two figures is
    the checks' verdict (``extractor.checks``), never a second arithmetic here.

    >>> wage = Mention.figure(42500, "KZT"), Mention.figure(85000, "KZT")
    >>> compare_change(*wage, Mention.figure(2, "times", direction="up")), compare_change(*wage, None)
    ('x2', 'x2.0')
    >>> compare_change(Mention.figure(94.8e9, "USD"), Mention.figure(141.4e9, "USD"), Mention.figure(1.5, "times"))
    'x1.5'
    >>> compare_change(Mention.figure(481), Mention.figure(521), Mention.figure(45, kind="change", direction="up"))
    '+45'
    >>> compare_change(Mention.figure(74.5, "percent"), Mention.figure(63.5, "percent"), None)
    '-11 pp'
    """
    if stated is not None:
        return change_text(stated)
    a, b = first.value, last.value
    if not (math.isfinite(a) and math.isfinite(b)) or a == 0:
        return ""
    if first.unit in PERCENT_UNITS:
        return f"{'-' if b < a else '+'}{format_number(abs(b - a), 1)} pp"
    return f"x{format_ratio(b / a)}"


def period_text(start: int | None, end: int | None, granularity: str = "", first: Any = None,
                last: Any = None) -> str:
    """The period of a summary; "" when unknown; a part of a year by its label.

    >>> period_text(2024, 2024), period_text(2019, 2025), period_text(None, None)
    (', 2024', ', 2019-2025', '')
    >>> period_text(2024, 2024, "half", pd.Timestamp("2024-01-01"), pd.Timestamp("2024-06-30"))
    ', 2024 H1'
    """
    if start is None and end is None:
        return ""
    start, end = start if start is not None else end, end if end is not None else start
    if start != end:
        return f", {start}-{end}"
    return f", {period_label(start, granularity, first, last)}"


def year_of(m: Mention) -> int | None:
    return m.period_start if m.period_start is not None and m.period_start == m.period_end else None


def with_equivalents(claim: Claim, m: Mention, with_unit: bool = True) -> str:
    eqs = claim.equivalents.get(m.id, [])
    return amount_text(m, with_unit) + "".join(f" ({amount_text(e)})" for e in eqs)


def from_to_text(claim: Claim) -> tuple[str, bool]:
    """ "42,500 -> 85,000 KZT (x2.0)", "74.5% (2018) -> 63.5% (2024) (-11 pp)"; and whether an
    end carries its own year (then the claim's period is left out of the summary)."""
    first, last = claim.one("from"), claim.one("to")
    suffix_unit = unit_parts(last.unit, last.dimension, last.value)[1]
    once = first.unit == last.unit and suffix_unit not in ("", "%") and not claim.equivalents.get(first.id)
    y1, y2 = year_of(first), year_of(last)
    years = y1 != y2
    a = with_equivalents(claim, first, not once) + (f" ({y1})" if years and y1 else "")
    b = with_equivalents(claim, last) + (f" ({y2})" if years and y2 else "")
    relation = "; ".join(filter(None, (compare_change(first, last, c) for c in claim.all("change") or [None])))
    return f"{a} -> {b}" + (f" ({relation})" if relation else ""), years and bool(y1 or y2)


def growth_text(claim: Claim) -> str:
    changes = [change_text(c) for c in claim.all("change")]
    changes += [f"{change_text(r)} a year" for r in claim.all("annual_rate")]
    text = changes[0] + (f" ({', '.join(changes[1:])})" if len(changes) > 1 else "")
    to = claim.one("to")
    return text + (f" to {with_equivalents(claim, to)}" if to is not None else "")


def part_texts(claim: Claim) -> list[str]:
    total = claim.one("total")
    parts = sorted(claim.all("part") + claim.all("remainder"), key=lambda m: m.offset)
    labels = [m.measured for m in parts]
    distinct = len({x.lower() for x in labels}) == len(labels) and all(labels) \
        and total.measured.lower() not in {x.lower() for x in labels}
    texts = []
    for m, label in zip(parts, labels):
        text = amount_text(m)
        if (m, "remainder") in claim.members:
            text += " remaining"
        elif distinct:
            text += f" ({label})"
        texts.append(text)
    return texts


def composition_text(claim: Claim) -> str:
    total = amount_text(claim.one("total"))
    parts = part_texts(claim)
    if claim.relation == "out_of" and "partial" in claim.flags:
        return f"{parts[0]} of {total}"
    if "partial" in claim.flags:
        return f"{total}, incl. {', '.join(parts)}"
    return f"{total} = {' + '.join(parts)}"


def claim_subject(claim: Claim) -> str:
    measured = next((m.measured for m in claim.by_priority() if m.measured), "")
    if not measured:
        measured = next((m.indicator.replace("_", " ") for m in claim.by_priority() if m.indicator), "")
    return f"{measured} ({claim.label})" if claim.label and measured else measured or claim.label


def summarize(claim: Claim, subject: str) -> str:
    """The claim as one normalised line: subject, amounts, period, status when not actual."""
    key, period_shown = claim.key(), False
    if claim.claim_type == "change_from_to":
        body, period_shown = from_to_text(claim)
    elif claim.claim_type in ("growth", "multiplier"):
        body = growth_text(claim)
    elif claim.claim_type == "composition":
        body = composition_text(claim)
    elif claim.claim_type == "equivalence":
        value = claim.one("value")
        body = " = ".join([amount_text(value)] + [amount_text(e) for e in claim.equivalents.get(value.id, [])])
    else:
        body = with_equivalents(claim, claim.one("value"))
    start, end, first, last, granularity = claim_period(claim)
    text = (f"{subject}: " if subject else "") + body + (
        "" if period_shown else period_text(start, end, granularity, first, last))
    return text + (f" ({key.status})" if key.status and key.status != "actual" else "")


# --------------------------------------------------------------------------- the table


def claim_period(claim: Claim) -> tuple:
    """First and last year, first and last day, and granularity of a claim's figures' periods.
    The granularity is theirs when they share one and the days, else none is claimed."""
    dated = [m for m, _ in claim.members if m.period_start is not None]
    if not dated:
        return None, None, None, None, ""
    start = min(m.period_start for m in dated)
    end = max(m.period_end if m.period_end is not None else m.period_start for m in dated)
    spans = {(m.period_from, m.period_to, m.period_granularity) for m in dated}
    if len(spans) == 1:
        first, last, granularity = spans.pop()
        return start, end, first, last, granularity
    froms = [m.period_from for m in dated if m.period_from is not None]
    tos = [m.period_to for m in dated if m.period_to is not None]
    return start, end, (min(froms) if froms else None), (max(tos) if tos else None), \
        ("multi-year" if start != end else "")


def claim_flags(claim: Claim) -> str:
    present = {f for m, _ in claim.members for f in m.flags}
    return ",".join([f for f in MENTION_FLAGS if f in present] + claim.flags)


def claim_row(claim: Claim, index: int) -> dict:
    sentences = sorted(claim.sentences, key=lambda s: s.start)
    anchor = sentences[0]
    ordered = claim.ordered()
    key = claim.key()
    subject = claim_subject(claim)
    start, end, first, last, granularity = claim_period(claim)
    ids = {role: [m.id for m in claim.all(role)] for role in ("from", "to", "total", "change")}
    return {
        "claim_id": f"{anchor.article_id}:{anchor.field[:1]}{anchor.start}:{index}",
        "article_id": anchor.article_id,
        "field": anchor.field,
        "sentence": " ".join(s.text for s in sentences),
        "sentence_start": anchor.start,
        "indicator": next((m.indicator for m in claim.by_priority() if m.indicator), ""),
        "subject": subject,
        "claim_type": claim.claim_type,
        "mention_ids": [m.id for m, _ in ordered],
        "roles": [r for _, r in ordered],
        "from_id": (ids["from"] or [""])[0],
        "to_id": (ids["to"] or [""])[0],
        "total_id": (ids["total"] or [""])[0],
        "change_ids": ids["change"],
        "part_ids": [m.id for m, r in ordered if r in ("part", "remainder")],
        "period_start": start,
        "period_end": end,
        "period_from": first,
        "period_to": last,
        "period_granularity": granularity,
        "status": key.status,
        "location": next((m.location for m in claim.by_priority() if m.location), ""),
        "summary": summarize(claim, subject),
        "flags": claim_flags(claim),
        **{column: [getattr(m, attr) for m, _ in ordered] for column, attr in MENTION_LISTS.items()},
    }


def claim_rows(claims: Iterable[Claim]) -> Iterator[dict]:
    """Rows in text order, numbered within their anchor sentence."""
    ordered = sorted(enumerate(claims), key=lambda ic: (min(s.start for s in ic[1].sentences),
                                                        ic[1].ordered()[0][0].offset, ic[0]))
    counts: dict[int, int] = {}
    for _, claim in ordered:
        anchor = min(s.start for s in claim.sentences)
        counts[anchor] = counts.get(anchor, -1) + 1
        yield claim_row(claim, counts[anchor])


def claims_frame(rows: Iterable[dict]) -> pd.DataFrame:
    frame = pd.DataFrame(list(rows), columns=CLAIM_COLUMNS)
    for column in ("sentence_start", "period_start", "period_end"):
        frame[column] = frame[column].astype("Int64")
    for column in ("period_from", "period_to"):
        frame[column] = pd.to_datetime(frame[column]).astype("datetime64[ns]")  # as published, and Parquet
    frame["period_granularity"] = frame["period_granularity"].astype("object").fillna("").astype(str)
    for column in LIST_COLUMNS:
        frame[column] = frame[column].astype("object")
    return frame


def joined_lists(claims: pd.DataFrame, sep: str = ";") -> pd.DataFrame:
    """A copy of a Claims table with its list columns joined by ``sep``, for CSV and spreadsheets.

    >>> joined_lists(pd.DataFrame({"mention_ids": [["a:b1", "a:b9"]], "roles": [["from", "to"]],
    ...                            "change_ids": [[]], "part_ids": [[]]})).iloc[0].tolist()
    ['a:b1;a:b9', 'from;to', '', '']
    """
    out = claims.copy()
    for column in LIST_COLUMNS:
        if column in out:
            out[column] = [sep.join(map(str, v)) for v in out[column]]
    return out


def build_claims(mentions: pd.DataFrame, ruleset: RulesLike = None) -> pd.DataFrame:
    """The Claims table of a Mentions table (``extractor.extract``): one row per statement to
    check, its figures linked by id and role (see the module's documentation for the columns).

    The ties between figures that the context stage decides (the ``relation`` column: the ends
    of "from X to Y", restatements) are read, not re-decided; rows of a table built elsewhere
    that lack them get them from the context stage's own rule (``context.relations``)."""
    ruleset = RuleSet.of(ruleset)
    cues = claim_cues(ruleset)
    check_columns(mentions)
    if "relation" not in mentions.columns or mentions["relation"].isna().any():
        from ..context.relations import relations_of  # the context stage's decision, not a copy

        mentions = mentions.assign(relation=relations_of(mentions, ruleset))
    rows: list[dict] = []
    rules = identities(ruleset)
    for sentences in sentences_of(mentions):
        rows.extend(claim_rows(field_claims(sentences, cues, rules)))
    return claims_frame(rows)
