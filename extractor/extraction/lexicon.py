"""The rule files of ``rules/`` compiled into what the rule pass matches with.

One :class:`Lexicon` per rules folder and process (:func:`load_lexicon` is cached); it is frozen,
so no caller can change a rule another caller relies on. Every surface form is validated on load:
units must be known to the pint registry, exclusion patterns must compile and match their own
example, ids must be unique.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Mapping

from . import units as units_mod
from ..errors import RuleError
from .numbers import NumberWord
from ..ruleset.ruleset import RuleSet, compiled_per_ruleset
from ..ruleset.loader import LINE_KEY, Field, Schema, rule_entries

STR_LIST = Field((list,), list_of=(str,))

NUMBERS = Schema("number_words", {
    "id": Field((str,), True), "value": Field((int, float), True),
    "role": Field((str,), True), "standalone": Field((bool,)),
})
SCALES = Schema("scales", {
    "id": Field((str,), True), "factor": Field((int, float), True),
    "words": Field((list,), True, list_of=(str,)), "attached": STR_LIST,
    "attached_not_before": Field((str,)),
})
CURRENCIES = Schema("currencies", {
    "id": Field((str,), True), "prefixes": STR_LIST, "attached": STR_LIST, "suffixes": STR_LIST,
})
UNITS = Schema("units", {
    "id": Field((str,), True), "unit": Field((str,), True),
    "words": Field((list,), True, list_of=(str,)), "attached": STR_LIST, "time": Field((bool,)),
    "scale": Field((int, float)), "exact_case": STR_LIST, "not_before": STR_LIST,
})
MULTIPLIERS = Schema("multipliers", {
    "id": Field((str,), True), "suffixes": STR_LIST, "words": STR_LIST,
    "value": Field((int, float)), "direction": Field((str,)), "not_before": STR_LIST,
})
QUALIFIERS = Schema("qualifiers", {
    "id": Field((str,), True), "qualifier": Field((str,), True),
    "words": Field((list,), True, list_of=(str,)),
})
EXCLUSIONS = Schema("exclusions", {
    "id": Field((str,), True), "before": Field((str,)), "after": Field((str,)), "number": Field((str,)),
    "year_like": Field((bool,)), "time_unit": Field((bool,)), "unitless": Field((bool,)),
    "example": Field((str,), True),
})

VAGUE = Schema("vague", {
    "id": Field((str,), True), "pattern": Field((str,), True), "example": Field((str,), True),
})

NUMBER_ROLES = {"unit", "ten", "hundred", "denominator", "ordinal_share"}
QUALIFIER_VALUES = {"approx", "more_than", "less_than", "at_least", "up_to"}


@dataclass(frozen=True)
class Suffix:
    """A surface form written after a number, and what it makes of the figure."""

    text: str
    unit: str  # canonical unit
    rule: str  # the id of the rule entry that produced it, e.g. "units:kilometre"
    attached: bool = False  # may be glued to the digits
    time: bool = False
    multiplier: bool = False
    not_before: tuple[str, ...] = ()
    scale: float = 1.0  # the spelling carries a scale: "bcm" is 1e9 m**3, "bp" 0.01 percentage_point
    exact_case: bool = False  # matched only as written ("bp", not "BP")


@dataclass(frozen=True)
class Exclusion:
    id: str
    before: re.Pattern | None
    after: re.Pattern | None
    number: re.Pattern | None
    year_like: bool
    time_unit: bool
    unitless: bool
    example: str


@dataclass(frozen=True)
class Lexicon:
    number_words: Mapping[str, NumberWord]
    scales: Mapping[str, float]  # lower-cased word -> factor
    attached_scales: Mapping[str, float]  # case-sensitive glued abbreviation -> factor
    attached_scale_not_before: Mapping[str, re.Pattern]  # glued abbreviation -> text it is no scale before
    prefixes: Mapping[str, str]  # currency prefix -> ISO code
    attached_prefixes: Mapping[str, str]
    suffixes: tuple[Suffix, ...]  # longest first
    multiplier_words: Mapping[str, tuple[float, str, str, tuple[str, ...]]]  # word -> (value, direction, rule, not_before)
    qualifiers: Mapping[str, str]  # phrase -> qualifier
    exclusions: tuple[Exclusion, ...]
    vague: re.Pattern  # every vague-amount pattern of vague.yaml, as one
    ruleset: RuleSet  # the rules folder (and file versions) it was compiled from


def _words(entry, key) -> list[str]:
    return list(entry.get(key) or [])


def _check_unit(path: Path, entry: Mapping, unit: str) -> str:
    try:
        return units_mod.canonical(unit, ruleset=path.parent).unit
    except ValueError as exc:
        raise RuleError(path, entry.get(LINE_KEY), f"entry {entry['id']!r}: {exc}") from None


def _compile(path: Path, entry: Mapping, key: str) -> re.Pattern | None:
    source = entry.get(key)
    if source is None:
        return None
    # `before` must end the preceding text; `after` and `number` are matched from their start
    anchored = f"(?:{source})$" if key == "before" else source
    try:
        return re.compile(anchored, re.IGNORECASE)
    except re.error as exc:
        raise RuleError(path, entry.get(LINE_KEY), f"entry {entry['id']!r}: bad {key} pattern: {exc}") from None


@compiled_per_ruleset
def load_lexicon(ruleset: RuleSet) -> Lexicon:
    """Compile the rule files of ``ruleset`` (default: the shipped rules) once per version of
    the folder's files, however the folder is named."""

    def entries(name, schema):
        return rule_entries(name, schema, ruleset), ruleset / name

    number_entries, path = entries("numbers.yaml", NUMBERS)
    number_words = {}
    for e in number_entries:
        if e["role"] not in NUMBER_ROLES:
            raise RuleError(path, e[LINE_KEY], f"entry {e['id']!r}: role must be one of {sorted(NUMBER_ROLES)}")
        number_words[e["id"].lower()] = NumberWord(float(e["value"]), e["role"], e.get("standalone", True))

    scale_entries, _ = entries("scales.yaml", SCALES)
    scales = {w.lower(): float(e["factor"]) for e in scale_entries for w in e["words"]}
    attached_scales = {w: float(e["factor"]) for e in scale_entries for w in _words(e, "attached")}
    attached_scale_not_before = {}
    for e in scale_entries:
        pattern = _compile(ruleset / "scales.yaml", e, "attached_not_before")
        if pattern is not None:
            attached_scale_not_before.update({w: pattern for w in _words(e, "attached")})

    currency_entries, path = entries("currencies.yaml", CURRENCIES)
    prefixes, attached_prefixes, suffixes = {}, {}, []
    for e in currency_entries:
        code = _check_unit(path, e, e["id"])
        prefixes.update({p: code for p in _words(e, "prefixes")})
        attached_prefixes.update({p: code for p in _words(e, "attached")})
        suffixes += [Suffix(s, code, f"currencies:{e['id']}") for s in _words(e, "suffixes")]

    unit_entries, path = entries("units.yaml", UNITS)
    for e in unit_entries:
        unit = _check_unit(path, e, e["unit"])
        attached = set(_words(e, "attached"))
        exact = set(_words(e, "exact_case"))
        if exact - set(_words(e, "words")):
            raise RuleError(path, e[LINE_KEY], f"entry {e['id']!r}: exact_case {sorted(exact - set(_words(e, 'words')))} "
                            "must be spellings of its words")
        scale = float(e.get("scale", 1))
        if scale <= 0:
            raise RuleError(path, e[LINE_KEY], f"entry {e['id']!r}: scale must be a positive number")
        not_before = tuple(_words(e, "not_before"))
        suffixes += [Suffix(w, unit, f"units:{e['id']}", w in attached, e.get("time", False),
                            scale=scale, exact_case=w in exact, not_before=not_before)
                     for w in _words(e, "words")]
        suffixes += [Suffix(w, unit, f"units:{e['id']}", True, e.get("time", False), scale=scale,
                            not_before=not_before)
                     for w in attached - set(_words(e, "words"))]

    multiplier_entries, path = entries("multipliers.yaml", MULTIPLIERS)
    multiplier_words = {}
    for e in multiplier_entries:
        direction = e.get("direction", "up")
        if direction not in ("up", "down"):
            raise RuleError(path, e[LINE_KEY], f"entry {e['id']!r}: direction must be up or down")
        if e.get("words") and "value" not in e:
            raise RuleError(path, e[LINE_KEY], f"entry {e['id']!r}: words need a value")
        for w in _words(e, "words"):
            multiplier_words[w.lower()] = (float(e["value"]), direction, f"multipliers:{e['id']}",
                                           tuple(_words(e, "not_before")))
        suffixes += [Suffix(s, "times", f"multipliers:{e['id']}", attached=not s.startswith(" "),
                            multiplier=True, not_before=tuple(_words(e, "not_before")))
                     for s in _words(e, "suffixes")]

    qualifier_entries, path = entries("qualifiers.yaml", QUALIFIERS)
    qualifiers = {}
    for e in qualifier_entries:
        if e["qualifier"] not in QUALIFIER_VALUES:
            raise RuleError(path, e[LINE_KEY], f"entry {e['id']!r}: qualifier must be one of {sorted(QUALIFIER_VALUES)}")
        qualifiers.update({w.lower(): e["qualifier"] for w in e["words"]})

    exclusion_entries, path = entries("exclusions.yaml", EXCLUSIONS)
    exclusions = tuple(
        Exclusion(e["id"], _compile(path, e, "before"), _compile(path, e, "after"), _compile(path, e, "number"),
                  e.get("year_like", False), e.get("time_unit", False), e.get("unitless", False),
                  e["example"])
        for e in exclusion_entries
    )
    vague_entries, path = entries("vague.yaml", VAGUE)
    for e in vague_entries:
        if not _compile(path, e, "pattern").search(e["example"]):
            raise RuleError(path, e[LINE_KEY], f"entry {e['id']!r}: pattern does not find its example; fix one of them")
    vague = re.compile("|".join(f"(?:{e['pattern']})" for e in vague_entries) or r"(?!x)x", re.IGNORECASE)
    return Lexicon(
        number_words=MappingProxyType(number_words),
        scales=MappingProxyType(scales),
        attached_scales=MappingProxyType(attached_scales),
        attached_scale_not_before=MappingProxyType(attached_scale_not_before),
        prefixes=MappingProxyType(prefixes),
        attached_prefixes=MappingProxyType(attached_prefixes),
        suffixes=tuple(sorted(suffixes, key=lambda s: -len(s.text))),
        multiplier_words=MappingProxyType(multiplier_words),
        qualifiers=MappingProxyType(qualifiers),
        exclusions=exclusions,
        vague=vague,
        ruleset=ruleset,
    )
