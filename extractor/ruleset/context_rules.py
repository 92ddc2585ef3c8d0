"""The context stage's rules, loaded and validated: cue words (rules/context.yaml), indicators
(rules/indicators.yaml) and places (rules/places.yaml). Here, not in the context stage, so an
output (a chart's indicator labels) can read them without loading the parse."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import RuleError
from ..tables import DIMENSIONS
from .loader import LINE_KEY, Field, Schema, default_rules_dir, rule_entries
from .ruleset import RuleSet, compiled_per_ruleset

CUES = Schema("cues", {
    "id": Field((str,), True), "role": Field((str,), True), "where": Field((str,), True),
    "pattern": Field((str,), True), "example": Field((str,), True),
})
INDICATORS = Schema("indicators", {
    "id": Field((str,), True), "label": Field((str,), True), "dimension": Field((str,), True),
    "synonyms": Field((list,), True, list_of=(str,)), "unless": Field((list,), list_of=(str,)),
    "when": Field((list,), list_of=(str,)), "reference": Field((str,)), "rate_kind": Field((str,)), "by_partner": Field((bool,)),
})
PLACES = Schema("places", {
    "id": Field((str,), True), "name": Field((str,), True), "kind": Field((str,), True),
    "region": Field((str,)), "spellings": Field((list,), True, list_of=(str,)),
})
ROLES = {"change", "rate", "up", "down", "plan", "target", "clause_break", "endpoint", "pair_from", "compare", "restates", "label_mark",
         "pair_to_after", "pair_to_before", "undated", "year_before", "partner", "achieved"}
WHERE = {"before", "after", "clause", "between", "measured"}



@dataclass(frozen=True)
class Cue:
    id: str
    role: str
    where: str
    pattern: re.Pattern
    example: str = ""
    line: int | None = None  # in context.yaml, for errors about the cue


@dataclass(frozen=True)
class Indicator:
    id: str
    label: str
    dimension: str
    synonyms: tuple[str, ...]
    unless: tuple[str, ...]
    when: tuple[str, ...]
    reference: str | None
    rate_kind: str | None = None  # the kind of its percent figures, when it is itself a rate of change
    by_partner: bool = False  # a figure naming a partner country is one partner's part ("exports to Russia")


@dataclass(frozen=True)
class ContextRules:
    cues: tuple[Cue, ...]
    indicators: tuple[Indicator, ...]
    synonym_pattern: re.Pattern  # every synonym, longest first, as whole words
    synonym_owner: dict  # lower-cased synonym -> indicators that list it
    places: tuple[tuple[str, str, re.Pattern], ...]  # (id, name, spelling pattern), longest first
    # the first word of each place's spelling, in the same order (None: search it always). A
    # spelling can only match a text holding its first word, so most patterns need no search.
    place_first_words: tuple[str | None, ...] = ()
    place_kind: dict = field(default_factory=dict)  # id -> city | region | country | world
    place_country: dict = field(default_factory=dict)  # id -> the id of the country it lies in

    @functools.cached_property
    def places_by_first_word(self) -> dict:
        """First word of a spelling -> the places (id, name, pattern) it can start; key None for
        spellings that have none. A text can only name the places of the words it holds."""
        index: dict = {}
        for place, first in zip(self.places, self.place_first_words):
            index.setdefault(first, []).append(place)
        return index

    @functools.cached_property
    def any_place(self) -> tuple[re.Pattern, dict]:
        """One pattern for every spelling, the longest first at each position, and the place id of
        each spelling: a text's places in one scan (a spelling names one place, check_places)."""
        spellings = {_spelling(pattern): pid for pid, _, pattern in self.places}
        alternatives = "|".join(re.escape(s) for s in sorted(spellings, key=len, reverse=True))
        return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)"), spellings

    def places_in(self, text: str) -> list[tuple[str, str, re.Pattern]]:
        """The places whose spelling ``text`` may hold (their first word is in it)."""
        index = self.places_by_first_word
        words = set(re.findall(r"\w+", text)) & index.keys()
        return [p for w in words for p in index[w]] + index.get(None, [])

    def of_role(self, role: str, where: str | None = None) -> list[Cue]:
        return [c for c in self.cues if c.role == role and (where is None or c.where == where)]

    def has(self, role: str, text: str, where: str) -> bool:
        """Whether a cue of ``role`` looking ``where`` matches ``text``."""
        return any_cue(self.of_role(role, where), text, where)

    @functools.cached_property
    def clause_break(self) -> re.Pattern:
        """Every clause_break cue as one pattern, for finditer over a sentence."""
        return re.compile("|".join(f"(?:{c.pattern.pattern})" for c in self.of_role("clause_break")), re.IGNORECASE)


@compiled_per_ruleset
def context_rules(ruleset: RuleSet) -> ContextRules:
    base = Path(ruleset or default_rules_dir())
    cues = []
    for e in rule_entries("context.yaml", CUES, ruleset):
        if e["role"] not in ROLES or e["where"] not in WHERE:
            raise RuleError(base / "context.yaml", e[LINE_KEY],
                            f"entry {e['id']!r}: role must be one of {sorted(ROLES)} and where one of {sorted(WHERE)}")
        source = e["pattern"] + ("$" if e["where"] == "before" else "")
        try:
            cues.append(Cue(e["id"], e["role"], e["where"], re.compile(source, re.IGNORECASE), e["example"],
                            e[LINE_KEY]))
        except re.error as exc:
            raise RuleError(base / "context.yaml", e[LINE_KEY], f"entry {e['id']!r}: bad pattern: {exc}") from None
    indicator_entries = rule_entries("indicators.yaml", INDICATORS, ruleset)
    for e in indicator_entries:
        if e["dimension"] not in DIMENSIONS:
            raise RuleError(base / "indicators.yaml", e[LINE_KEY], f"entry {e['id']!r}: dimension "
                            f"{e['dimension']!r} is not one of {', '.join(DIMENSIONS)}")
        if e.get("rate_kind") not in (None, "change_pct", "share"):
            raise RuleError(base / "indicators.yaml", e[LINE_KEY], f"entry {e['id']!r}: rate_kind "
                            f"{e['rate_kind']!r} is not change_pct or share")
    indicators = tuple(
        Indicator(e["id"], e["label"], e["dimension"], tuple(e["synonyms"]), tuple(e.get("unless", ())),
                  tuple(e.get("when", ())), e.get("reference"), e.get("rate_kind"), e.get("by_partner", False))
        for e in indicator_entries
    )
    owners: dict[str, list[Indicator]] = {}
    for ind in indicators:
        for syn in ind.synonyms:
            owners.setdefault(syn.lower(), []).append(ind)
    synonyms = sorted(owners, key=len, reverse=True)
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(s) for s in synonyms) + r")(?!\w)", re.IGNORECASE)
    places = []
    place_entries = rule_entries("places.yaml", PLACES, ruleset)
    check_places(place_entries, base / "places.yaml")
    kinds = {e["id"]: e["kind"] for e in place_entries}
    country_of = {e["id"]: _country_of(e, place_entries) for e in place_entries}
    written = {sp for e in place_entries for sp in e["spellings"]}
    for e in [*place_entries, *_world_countries(written, kinds)]:
        kinds.setdefault(e["id"], e["kind"])
        country_of.setdefault(e["id"], e["id"])
        for spelling in e["spellings"]:
            places.append((e["id"], e["name"], re.compile(rf"(?<!\w){re.escape(spelling)}(?!\w)")))
    places.sort(key=lambda p: -len(p[2].pattern))
    first_words = tuple(_first_word(p[2]) for p in places)
    return ContextRules(tuple(cues), indicators, pattern, owners, tuple(places), first_words, kinds, country_of)


def _country_of(entry, entries) -> str:
    """The country a place lies in: its own id for a country or the world, else the country of
    its region's chain (places.yaml's places are Kazakhstan's unless a country entry says so)."""
    if entry["kind"] in ("country", "world"):
        return entry["id"]
    countries = [e["id"] for e in entries if e["kind"] == "country"]
    return "kazakhstan" if "kazakhstan" in countries else (countries[0] if countries else "")


def _world_countries(written: set[str], kinds: dict) -> list[dict]:
    """Every country of ISO 3166 (pycountry) as a place of kind country, under the names news
    writes ("South Korea", not "Korea, Republic of"); places.yaml's own countries and spellings
    (its news names: Russia, the US) win over these."""
    import pycountry

    out = []
    for country in pycountry.countries:
        names = [getattr(country, attr, None) for attr in ("common_name", "name", "official_name")]
        spellings = [n for n in dict.fromkeys(names) if n and "," not in n and n not in written]
        key = re.sub(r"\W+", "_", spellings[0].lower()).strip("_") if spellings else ""
        if not spellings or key in kinds:
            continue
        out.append({"id": key, "name": spellings[0], "kind": "country", "spellings": spellings})
        written.update(spellings)
    return out


def _spelling(place: re.Pattern) -> str:
    """The spelling a place pattern was compiled from (re.escape undone)."""
    return re.sub(r"\\(.)", r"\1", re.sub(r"^\(\?<!\\w\)|\(\?!\\w\)$", "", place.pattern))


def _first_word(place: re.Pattern) -> str | None:
    m = re.match(r"\w+", _spelling(place))
    return m.group() if m else None


def any_cue(cues: list[Cue], text: str, where: str) -> bool:
    """Whether one of ``cues`` matches ``text``: an "after" cue at its start, others anywhere."""
    for cue in cues:
        if where in ("after", "between") and cue.pattern.match(text) \
                or where not in ("after", "between") and cue.pattern.search(text):
            return True
    return False


PLACE_KINDS = ("city", "region", "country", "world")


def check_places(entries, path: Path) -> None:
    """Each place's kind is known, its region is a place of the file, and no spelling names two
    places (the longest-spelling rule could not tell them apart)."""
    ids = {e["id"] for e in entries}
    owner: dict[str, tuple[str, int]] = {}
    for e in entries:
        if e["kind"] not in PLACE_KINDS:
            raise RuleError(path, e[LINE_KEY], f"entry {e['id']!r}: kind {e['kind']!r} is not one of "
                            f"{', '.join(PLACE_KINDS)}")
        if e.get("region") is not None and e["region"] not in ids:
            raise RuleError(path, e[LINE_KEY], f"entry {e['id']!r}: region {e['region']!r} is no place's id")
        for spelling in e["spellings"]:
            if spelling in owner:
                other, line = owner[spelling]
                raise RuleError(path, e[LINE_KEY], f"entry {e['id']!r}: spelling {spelling!r} already "
                                f"names {other!r} (line {line}); a spelling belongs to one place")
            owner[spelling] = (e["id"], e[LINE_KEY])
