"""The spellings of units after a number, generated from pint's registry.

Every unit pint defines (with the ones ``rules/units.txt`` adds) is spelled the ways its
definition names it: its name and plural ("mile", "miles"), British spellings ("kilometre",
"litres", "microgrammes"), its aliases ("feet", "tonne") and its symbol ("mi", "km", "GB"). SI
prefixes are spelled out for the units ``rules/units.yaml`` names as prefixable ("kilowatt",
"kW"), squares and cubes for its lengths ("square feet", "sq ft", "km²"). What the registry
cannot know -- which of those spellings news uses as plain words ("in", "at", "grain", "point")
-- is the news layer of ``rules/units.yaml``, applied by the lexicon on top of this list.

The functions here are pure: they take the registry and a classifier, so the tests can give
them a tiny one.

>>> plural("foot"), plural("inch"), plural("degree Celsius"), plural("century"), plural("kilowatt hour")
('feet', 'inches', 'degrees Celsius', 'centuries', 'kilowatt hours')
>>> british("kilometer"), british("microgram"), british("liters")
(['kilometre'], ['microgramme'], ['litres'])
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

import pint

# Nouns whose plural is not "+s" / "+es"; the rest follow the rules in plural().
_IRREGULAR = {"foot": "feet", "feet": "feet", "hertz": "hertz", "celsius": "celsius", "fahrenheit": "fahrenheit",
              "kelvin": "kelvin", "siemens": "siemens", "lux": "lux", "stone": "stone", "inch": "inches",
              "pence": "pence", "person": "people", "capita": "capita"}
# A name whose first word is its head: "degree Celsius" -> "degrees Celsius", "pound force" ->
# "pounds force", "foot pound" is regular (its head is the last word).
_HEAD_FIRST = re.compile(r"^(degree|pound|kilogram|gram|ton|tonne|barrel|cubic \w+|square \w+)\s+(?!hour\b|mile\b)(.+)$")
_BRITISH = ((re.compile(r"meter(s?)\b"), r"metre\1"), (re.compile(r"liter(s?)\b"), r"litre\1"),
            (re.compile(r"gram(s?)\b"), r"gramme\1"))


@dataclass(frozen=True)
class Spelling:
    """One way a unit is written after a number."""

    text: str
    unit: str  # a pint expression of the unit ("mile", "kilometer", "foot**2")
    symbol: bool  # a symbol ("km", "GB"): matched as written, and it may be glued to the digits


def plural(name: str) -> str:
    """The English plural of a unit name written with spaces ("miles per hour", "atomic units
    of mass": the head before "per" or "of").

    >>> plural("mile per hour"), plural("atomic unit of mass"), plural("kilohertz"), plural("gigabyte")
    ('miles per hour', 'atomic units of mass', 'kilohertz', 'gigabytes')
    """
    for joint in (" per ", " of "):
        if joint in name:
            before, after = name.split(joint, 1)
            return f"{plural(before)}{joint}{after}"
    head = _HEAD_FIRST.match(name)
    if head:
        return f"{plural(head.group(1))} {head.group(2)}"
    words = name.split(" ")
    last = words[-1]
    lower = last.lower()
    irregular = next((k for k in _IRREGULAR if lower.endswith(k)), None)
    if irregular:
        new = last[: len(last) - len(irregular)] + _IRREGULAR[irregular]
    elif re.search(r"(s|x|z|ch|sh)$", lower):
        new = last + "es"
    elif re.search(r"[^aeiou]y$", lower):
        new = last[:-1] + "ies"
    else:
        new = last + "s"
    return " ".join([*words[:-1], new])


def british(name: str) -> list[str]:
    """British spellings of a name, when they differ ("meter" -> "metre", "gram" -> "gramme")."""
    out = []
    for pattern, replacement in _BRITISH:
        changed = pattern.sub(replacement, name)
        if changed != name:
            out.append(changed)
    return out


def _word_like(alias: str) -> bool:
    """An alias that is a word (matched case-insensitively, with a plural) rather than a symbol.

    >>> [_word_like(a) for a in ("tonne", "international_foot", "hr", "MPH", "ℓ", "L")]
    [True, True, False, False, False, False]
    """
    return len(alias) > 3 and alias.replace("_", "").isalpha() and alias[1:].replace("_", "").islower()


def _forms(name: str, pluralise: bool = True) -> Iterator[str]:
    """A name, its plural and British spellings; a name of two words also hyphenated
    ("kilowatt-hours", "light-years").

    >>> list(_forms("kilowatt_hour"))
    ['kilowatt hour', 'kilowatt-hour', 'kilowatt hours', 'kilowatt-hours']
    """
    text = name.replace("_", " ")
    for form in (text, plural(text)) if pluralise else (text,):
        variants = [form]
        words = form.split(" ")
        if len(words) == 2 and words[0] not in ("square", "cubic", "sq", "cu") and not words[1][:1].isupper():
            variants.append("-".join(words))
        for variant in variants:
            yield variant
            yield from british(variant)


def _is_plural(alias: str) -> bool:
    """An alias that is already a plural ("inches", "feet", "millennia") gets none of its own."""
    lower = alias.lower()
    return lower.endswith(("s", "feet", "ia")) and not lower.endswith(("ss", "us"))


def _usable(text: str) -> bool:
    """Spellings no text writes: pint's identifiers with underscores, temperature differences."""
    return "_" not in text and not text.startswith(("Δ", "delta"))


def _definitions(ureg: pint.UnitRegistry) -> Iterator:
    seen = set()
    units = ureg._units
    maps = getattr(units, "maps", [units])  # a ChainMap: its own maps are much faster to walk
    for definition in [d for m in maps for d in list(m.values())]:  # parsing adds to them
        name = definition.name
        if name in seen or name.startswith("[") or getattr(definition, "is_base", False) and not definition.symbol:
            continue
        seen.add(name)
        yield definition


def unit_spellings(ureg: pint.UnitRegistry, quantity_of: Callable[[str], str | None],
                   quantities: Iterable[str], prefixes: Iterable[str] = (), prefixed: Iterable[str] = (),
                   powered: Iterable[str] = ()) -> list[Spelling]:
    """Every spelling of every unit of ``quantities`` (names, plurals, aliases, symbols), the
    ``prefixes`` (pint prefix names: "kilo", "micro") spelled out for the ``prefixed`` units,
    and squares and cubes of the ``powered`` lengths. ``quantity_of`` says what a unit measures
    (None for a unit it cannot place)."""
    wanted = set(quantities)
    out: list[Spelling] = []
    for definition in _definitions(ureg):
        try:
            measured = quantity_of(definition.name)
        except ValueError:
            continue
        if measured not in wanted:
            continue
        out += _spell(definition.name, definition.symbol, definition.aliases,
                      lambda text, name=definition.name: _reads_as(ureg, text, name))
    for unit in prefixed:
        definition = ureg._units[unit]
        for prefix in prefixes:
            p = ureg._prefixes[prefix]
            # the prefix's symbol and its non-ASCII variants ("µ" and "μ"), not its ASCII
            # stand-ins ("u", "mc"), which news writes only in a few fixed words ("mcg")
            symbols = [s for s in (p.defined_symbol, *p.aliases) if s and (s == p.defined_symbol or not s.isascii())]
            name = prefix + definition.name
            words = [prefix + a for a in definition.aliases if _word_like(a)]
            unit_symbols = [definition.symbol] if definition.symbol and definition.symbol != definition.name else []
            out += _spell(name, None, words)
            out += [Spelling(s + u, name, True) for s in symbols for u in unit_symbols]
    for unit in powered:
        out += _powers(ureg, unit)
    return _dedupe(out)


def _spell(name: str, symbol: str | None, aliases: Iterable[str],
           means: Callable[[str], bool] = lambda text: True) -> list[Spelling]:
    """The spellings of one unit; ``means(text)`` says whether the registry reads a symbol or an
    alias as this unit (units.txt may have given it to another: "kt" is a kilotonne, not a knot)."""
    if name.startswith("delta_"):
        return []
    out = [Spelling(form, name, False) for form in _forms(name)]
    if symbol and symbol != name and means(symbol):
        out.append(Spelling(symbol, name, True))
    for alias in aliases:
        if not means(alias):
            continue
        if _word_like(alias):
            out += [Spelling(form, name, False) for form in _forms(alias, not _is_plural(alias))]
        else:
            out.append(Spelling(alias, name, True))
    return [s for s in out if _usable(s.text)]


def _reads_as(ureg: pint.UnitRegistry, text: str, name: str) -> bool:
    defined = ureg._units.get(text)  # a name, symbol or alias pint keeps as it is written
    if defined is not None:
        return defined.name == name
    try:
        return ureg.get_name(text) == name
    except pint.errors.PintError:
        return False


def _powers(ureg: pint.UnitRegistry, unit: str) -> list[Spelling]:
    """ "square kilometres", "sq km", "sq. km", "km2", "km²"; "cubic feet", "cu ft", "ft³"."""
    full = ureg.get_name(unit)
    name = full.replace("_", " ")
    symbol = ureg.get_symbol(full)
    symbol = symbol if symbol != full else None
    out = []
    for power, word, short, digit, superscript in ((2, "square", "sq", "2", "²"), (3, "cubic", "cu", "3", "³")):
        expr = f"{full}**{power}"
        for form in _forms(name):
            out.append(Spelling(f"{word} {form}", expr, False))
        if symbol:
            out += [Spelling(f"{short} {symbol}", expr, False), Spelling(f"{short}. {symbol}", expr, False),
                    Spelling(f"{short}.{symbol}", expr, False), Spelling(symbol + digit, expr, True),
                    Spelling(symbol + superscript, expr, True)]
    return out


def _dedupe(spellings: Iterable[Spelling]) -> list[Spelling]:
    """One spelling per text (a symbol per exact text, a word per lower-cased text); the first
    wins, so a unit's own names come before another unit's alias of the same text."""
    seen: set[tuple[str, bool]] = set()
    out = []
    for s in spellings:
        key = (s.text if s.symbol else s.text.lower(), s.symbol)
        if key in seen or not s.text.strip():
            continue
        seen.add(key)
        out.append(s)
    return out
