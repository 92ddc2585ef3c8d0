"""The rule files of ``rules/`` compiled into what the rule pass matches with.

One :class:`Lexicon` per rules folder and process (:func:`load_lexicon` is cached); it is frozen,
so no caller can change a rule another caller relies on. Every surface form is validated on load:
units must be known to the pint registry, exclusion patterns must compile and match their own
example, ids must be unique.

Units and currencies are two layers each: what a well-kept source knows (every unit of pint's
registry, spelled by :mod:`.unit_words`; every ISO 4217 currency of CLDR, by :mod:`.currencies`)
and the news layer of ``units.yaml`` and ``currencies.yaml`` on top, whose spellings win.
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Mapping

import pint

from . import currencies as currencies_mod
from . import units as units_mod
from . import unit_words
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
    # an ambiguous spelling (rules/currencies.yaml, kind 2)
    "means": STR_LIST, "default": Field((str,)), "elsewhere": Field((str,)), "unit": Field((str,)),
    "money_cues": STR_LIST,
    # a subunit (kind 3)
    "subunit": Field((int, float)), "of": Field((str,)),
    # corrections of CLDR (kind 4)
    "never": STR_LIST, "countries": Field((dict,)),
})
_AMBIGUITY_KEYS = ("means", "default", "elsewhere", "unit", "money_cues")
_SUBUNIT_KEYS = ("subunit", "of")
_CORRECTION_KEYS = ("never", "countries")
UNITS = Schema("units", {
    "id": Field((str,), True), "unit": Field((str,)),
    "words": STR_LIST, "attached": STR_LIST, "time": Field((bool,)),
    "scale": Field((int, float)), "exact_case": STR_LIST, "not_before": STR_LIST,
    "per_only": Field((bool,)),
    # generator entries: which of pint's units are spelled (extraction/unit_words.py)
    "quantities": STR_LIST, "prefixes": STR_LIST, "prefixed": STR_LIST, "powered": STR_LIST,
    "never": STR_LIST,
    # the rates entry
    "rate_words": STR_LIST, "rate_not_before": STR_LIST,
})
_GENERATOR_KEYS = ("quantities", "prefixes", "prefixed", "powered", "never")
_RATE_KEYS = ("rate_words", "rate_not_before")
_NEWS_KEYS = ("words", "attached", "time", "scale", "exact_case", "not_before", "per_only")
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
    "figure": Field((str,)), "year_like": Field((bool,)), "time_unit": Field((bool,)), "unitless": Field((bool,)),
    "example": Field((str,), True),
})

VAGUE = Schema("vague", {
    "id": Field((str,), True), "pattern": Field((str,), True), "example": Field((str,), True),
})

NUMBER_ROLES = {"unit", "ten", "hundred", "denominator", "ordinal_share", "sign"}
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
    per_only: bool = False  # only after "per" ("per game", "per capita"): no unit of its own
    quantity: str = ""  # what the unit measures (extractor.extraction.units.quantity)
    currency: str = ""  # a currency spelling: its ISO code, or the id of its ambiguous entry
    ambiguous: str = ""  # the id of the ambiguous entry (rules/currencies.yaml) that reads it
    subunit: bool = False  # a hundredth of its currency ("cents"): `scale` is the fraction


@dataclass(frozen=True)
class Exclusion:
    id: str
    before: re.Pattern | None
    after: re.Pattern | None
    number: re.Pattern | None
    figure: re.Pattern | None  # the candidate's whole text, a range's two numbers included
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
    rate_words: tuple[str, ...] = ()  # "per", "a", "/": a unit after one of them divides the figure's
    rate_not_before: tuple[str, ...] = ()  # "$2 billion a year earlier" is no rate
    ambiguities: Mapping[str, currencies_mod.Ambiguity] = field(default_factory=dict)  # entry id -> its reading
    ambiguous_prefixes: Mapping[str, str] = field(default_factory=dict)  # prefix -> ambiguous entry id
    countries: currencies_mod.CountryIndex | None = None  # what decides an ambiguous spelling


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
    money = _currency_lexicon(path, currency_entries)
    prefixes, attached_prefixes, suffixes = money.prefixes, money.attached, list(money.suffixes)

    unit_entries, path = entries("units.yaml", UNITS)
    unit_suffixes, rate_words, rate_not_before = _unit_suffixes(path, unit_entries)
    suffixes += unit_suffixes

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
                  _compile(path, e, "figure"), e.get("year_like", False), e.get("time_unit", False), e.get("unitless", False),
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
        rate_words=rate_words,
        rate_not_before=rate_not_before,
        ambiguities=MappingProxyType(money.ambiguities),
        ambiguous_prefixes=MappingProxyType(money.ambiguous_prefixes),
        countries=money.countries,
    )


# ---- currencies: the news layer of currencies.yaml on top of CLDR's --------------------------------


@dataclass
class _Money:
    prefixes: dict
    attached: dict
    suffixes: list
    ambiguities: dict
    ambiguous_prefixes: dict
    countries: currencies_mod.CountryIndex | None


def _currency_kind(path: Path, e: Mapping) -> str:
    has = {key for key in e if not key.startswith("__")}
    kinds = [kind for kind, keys in (("ambiguous", _AMBIGUITY_KEYS), ("subunit", _SUBUNIT_KEYS),
                                     ("correction", _CORRECTION_KEYS)) if has & set(keys)]
    if len(kinds) > 1:
        raise RuleError(path, e[LINE_KEY], f"entry {e['id']!r}: mixes the keys of a {kinds[0]} and a {kinds[1]} entry")
    kind = kinds[0] if kinds else "iso"
    required = {"ambiguous": ("means", "default"), "subunit": ("subunit", "of", "suffixes")}.get(kind, ())
    missing = [key for key in required if key not in e]
    if missing:
        raise RuleError(path, e[LINE_KEY], f"entry {e['id']!r}: a {kind} entry needs {missing[0]!r}")
    if kind != "iso" and re.fullmatch(r"[A-Z]{3}", e["id"]):
        raise RuleError(path, e[LINE_KEY], f"entry {e['id']!r}: an ISO code names a currency; give the {kind} "
                        "entry another id")
    return kind


def _symbol_like(spelling: str) -> bool:
    """A short spelling with a capital is a symbol, matched only as written: "500 Ft" is forints,
    "500 ft" feet; "10 Rs" rupees.

    >>> [_symbol_like(s) for s in ("Ft", "Kč", "NIS", "tenge", "Kazakh tenge", "kr")]
    [True, True, True, False, False, False]
    """
    return len(spelling) <= 4 and any(ch.isupper() for ch in spelling)


def _currency_lexicon(path: Path, currency_entries) -> _Money:
    """Prefixes and suffixes of every currency: the news entries of currencies.yaml first, then its
    ambiguous spellings and subunits, then every CLDR spelling none of those writes."""
    out = _Money({}, {}, [], {}, {}, None)
    by_kind: dict[str, list] = defaultdict(list)
    for e in currency_entries:
        by_kind[_currency_kind(path, e)].append(e)
    for e in by_kind["iso"]:
        code = _check_unit(path, e, e["id"])
        out.prefixes.update({p: code for p in _words(e, "prefixes")})
        out.attached.update({p: code for p in _words(e, "attached")})
        out.suffixes += [Suffix(s, code, f"currencies:{e['id']}", currency=code, exact_case=_symbol_like(s))
                         for s in _words(e, "suffixes")]
    for e in by_kind["ambiguous"]:
        means = tuple(_check_unit(path, e, code) for code in _words(e, "means"))
        default = _check_unit(path, e, e["default"])
        if default not in means:
            raise RuleError(path, e[LINE_KEY], f"entry {e['id']!r}: default {default!r} is not one of means")
        elsewhere = e.get("elsewhere", "default")
        if elsewhere not in ("default", "mentioned"):
            raise RuleError(path, e[LINE_KEY], f"entry {e['id']!r}: elsewhere must be default or mentioned")
        unit = _check_unit(path, e, e["unit"]) if "unit" in e else None
        out.ambiguities[e["id"]] = currencies_mod.Ambiguity(e["id"], means, default, elsewhere, unit,
                                                             tuple(_words(e, "money_cues")))
        for p in _words(e, "prefixes"):
            out.prefixes.setdefault(p, default)
            out.ambiguous_prefixes.setdefault(p, e["id"])
        out.suffixes += [Suffix(s, default, f"currencies:{e['id']}", currency=e["id"], ambiguous=e["id"],
                                exact_case=_symbol_like(s)) for s in _words(e, "suffixes")]
    for e in by_kind["subunit"]:
        of = e["of"]
        if of in out.ambiguities:
            code, ambiguous = out.ambiguities[of].default, of
        else:
            code, ambiguous = _check_unit(path, e, of), ""
        fraction = float(e["subunit"])
        if not 0 < fraction < 1:
            raise RuleError(path, e[LINE_KEY], f"entry {e['id']!r}: subunit must be a fraction between 0 and 1")
        out.suffixes += [Suffix(s, code, f"currencies:{e['id']}", attached=False, scale=fraction, currency=of,
                                ambiguous=ambiguous, subunit=True) for s in _words(e, "suffixes")]
    never = [w for e in by_kind["correction"] for w in _words(e, "never")]
    countries: dict[str, tuple[str, ...]] = {}
    known = currencies_mod.cldr_countries()
    for e in by_kind["correction"]:
        for code, words in (e.get("countries") or {}).items():
            if isinstance(code, str) and code.startswith("__"):
                continue  # the loader's line numbers
            if code not in known or not isinstance(words, (list, tuple)) or not all(isinstance(w, str) for w in words):
                raise RuleError(path, e[LINE_KEY], f"entry {e['id']!r}: countries must map ISO 3166 codes "
                                f"CLDR knows to lists of words; {code!r} is not one or its words are no list")
            countries[code] = tuple(words)
    out.countries = currencies_mod.CountryIndex.build(countries) if out.ambiguities else None
    ureg = units_mod.registry(path.parent)
    spelled = {s.text.lower() for s in out.suffixes}
    for s in currencies_mod.cldr_spellings(never):
        if s.code not in ureg:
            continue  # a rules folder whose units.txt lacks it
        if s.prefix:
            if s.text not in out.prefixes and s.text not in out.attached:
                out.prefixes[s.text] = s.code
        elif s.text.lower() not in spelled:
            spelled.add(s.text.lower())
            out.suffixes.append(Suffix(s.text, s.code, f"currencies:cldr:{s.code}", currency=s.code))
    return out

# ---- units: the news layer of units.yaml on top of the spellings generated from pint ------------


def _unit_suffixes(path: Path, unit_entries) -> tuple[list[Suffix], tuple[str, ...], tuple[str, ...]]:
    """The unit spellings of units.yaml: its news entries first, then every generated spelling no
    news entry spells and no `never` refuses; and its rate words."""
    ureg = units_mod.registry(path.parent)
    news, generators, rates = [], [], []
    for e in unit_entries:
        kind = _unit_entry_kind(path, e)
        (news if kind == "news" else generators if kind == "generator" else rates).append(e)
    generated = _generated(ureg, path, generators)
    by_unit: dict[str, list[tuple[str, str, bool]]] = defaultdict(list)
    for text, unit, quantity, symbol in generated:
        by_unit[unit].append((text, quantity, symbol))

    suffixes: list[Suffix] = []
    for e in news:
        unit = _check_unit(path, e, e["unit"])
        quantity = units_mod.quantity(unit, ruleset=path.parent)
        words = _words(e, "words")
        symbols: set[str] = set()
        if not words:  # every generated spelling of the unit, under this entry's rules
            words = [text for text, _, _ in by_unit.get(unit, ())]
            symbols = {text for text, _, symbol in by_unit.get(unit, ()) if symbol}
            if not words:
                raise RuleError(path, e[LINE_KEY], f"entry {e['id']!r}: pint spells no unit {unit!r} of the "
                                "generated lexicon; give its words")
        attached = set(_words(e, "attached")) | {w for w in symbols if len(w) > 1}
        exact = set(_words(e, "exact_case")) | symbols
        if exact - set(words):
            raise RuleError(path, e[LINE_KEY], f"entry {e['id']!r}: exact_case {sorted(exact - set(words))} "
                            "must be spellings of its words")
        scale = float(e.get("scale", 1))
        if scale <= 0:
            raise RuleError(path, e[LINE_KEY], f"entry {e['id']!r}: scale must be a positive number")
        not_before = tuple(_words(e, "not_before"))
        time = e.get("time", quantity == "time")
        common = dict(scale=scale, not_before=not_before, per_only=e.get("per_only", False), quantity=quantity)
        suffixes += [Suffix(w, unit, f"units:{e['id']}", w in attached, time, exact_case=w in exact, **common)
                     for w in words]
        suffixes += [Suffix(w, unit, f"units:{e['id']}", True, time, **common) for w in attached - set(words)]

    spelled_words = {s.text.lower() for s in suffixes if not s.exact_case}
    spelled_symbols = {s.text for s in suffixes if s.exact_case}
    for text, unit, quantity, symbol in generated:
        if (text in spelled_symbols) if symbol else (text.lower() in spelled_words):
            continue
        suffixes.append(Suffix(text, unit, f"units:pint:{unit}", attached=symbol and len(text) > 1,
                               time=quantity == "time", exact_case=symbol, quantity=quantity))
    rate_words = tuple(w for e in rates for w in _words(e, "rate_words"))
    rate_not_before = tuple(w for e in rates for w in _words(e, "rate_not_before"))
    return suffixes, rate_words, rate_not_before


def _unit_entry_kind(path: Path, e: Mapping) -> str:
    has = {key for key in e if not key.startswith("__")}
    if "unit" in has:
        extra = has & {*_GENERATOR_KEYS, *_RATE_KEYS}
        if extra:
            raise RuleError(path, e[LINE_KEY], f"entry {e['id']!r}: a unit entry takes no {sorted(extra)[0]!r}")
        return "news"
    if has & set(_GENERATOR_KEYS):
        extra = has & {*_NEWS_KEYS, *_RATE_KEYS}
        if extra:
            raise RuleError(path, e[LINE_KEY], f"entry {e['id']!r}: a generator entry takes no {sorted(extra)[0]!r}")
        return "generator"
    if has & set(_RATE_KEYS):
        return "rates"
    raise RuleError(path, e[LINE_KEY], f"entry {e['id']!r}: missing required key 'unit' (or a generator "
                    f"key: {', '.join(_GENERATOR_KEYS)})")


def _generated(ureg: pint.UnitRegistry, path: Path, generators) -> tuple[tuple[str, str, str, bool], ...]:
    """(text, canonical unit, quantity, is a symbol) of every generated spelling, less `never`."""
    quantities = tuple(w for e in generators for w in _words(e, "quantities"))
    for e in generators:
        unknown = [q for q in _words(e, "quantities") if q not in units_mod.QUANTITIES]
        if unknown:
            raise RuleError(path, e[LINE_KEY], f"entry {e['id']!r}: unknown quantity {unknown[0]!r}; "
                            f"use one of {', '.join(units_mod.QUANTITIES)}")
        for unit in _words(e, "prefixed") + _words(e, "powered"):
            try:
                ureg.get_name(unit)
            except pint.errors.PintError:
                raise RuleError(path, e[LINE_KEY], f"entry {e['id']!r}: pint has no unit {unit!r}") from None
        for prefix in _words(e, "prefixes"):
            if prefix not in ureg._prefixes:
                raise RuleError(path, e[LINE_KEY], f"entry {e['id']!r}: pint has no prefix {prefix!r}") from None
    groups = tuple((tuple(_words(e, "prefixes")), tuple(_words(e, "prefixed"))) for e in generators
                   if _words(e, "prefixed"))
    powered = tuple(w for e in generators for w in _words(e, "powered"))
    never = frozenset(w for e in generators for w in _words(e, "never"))
    return _generated_for(ureg, quantities, groups, powered, never)


@functools.lru_cache(maxsize=16)
def _generated_for(ureg: pint.UnitRegistry, quantities: tuple[str, ...], groups, powered: tuple[str, ...],
                   never: frozenset[str]) -> tuple[tuple[str, str, str, bool], ...]:
    """Cached per registry and generator settings: a copied rules folder reuses it."""

    def quantity_of(name: str) -> str | None:
        return units_mod.unit_info(ureg, name)[1]

    spellings = unit_words.unit_spellings(ureg, quantity_of, quantities, powered=powered)
    for prefixes, prefixed in groups:
        spellings += unit_words.unit_spellings(ureg, quantity_of, (), prefixes, prefixed)
    never_words = {w.lower() for w in never}
    out, seen = [], set()
    for s in spellings:
        if (s.text in never) if s.symbol else (s.text.lower() in never_words):
            continue
        if s.symbol and len(s.text) < 2:  # one-letter symbols only where a news entry names them
            continue
        try:
            info, quantity = units_mod.unit_info(ureg, s.unit)
        except ValueError:
            continue
        key = (s.text if s.symbol else s.text.lower(), s.symbol)
        if key not in seen:
            seen.add(key)
            out.append((s.text, info.unit, quantity, s.symbol))
    return tuple(out)
