"""The package's one pint unit registry, and the canonical form of every unit a figure carries.

``rules/units.txt`` is loaded on top of pint's default registry: currencies, each on a dimension of
its own, percentage points, multipliers, TEU, and the few words news means differently from pint
(barrel, ton, pp, point). Every other ISO 4217 currency of CLDR (through babel) is then defined
the same way, on a dimension of its own. Everything else asks :func:`canonical` what a unit is:

>>> canonical("kilometres")
UnitInfo(unit='km', dimension='length', base_unit='m', to_base=1000.0)
>>> canonical("tenge")
UnitInfo(unit='KZT', dimension='money', base_unit='KZT', to_base=1.0)
>>> to_base(3, "TWh")
3000000000.0

A unit of general news beyond the sample's (a speed, a temperature, a price per barrel) has its
quantity as its ``dimension`` (tables.DIMENSIONS names them), and :func:`quantity` says the same
for any unit.

>>> canonical("mph")
UnitInfo(unit='mph', dimension='speed', base_unit='km/h', to_base=1.609344)
>>> quantity("mph"), quantity("USD/bbl"), quantity("km")
('speed', 'price', 'length')
"""

from __future__ import annotations

import functools
import math
import re
import tokenize
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pint
from pint.delegates import ParserConfig, txt_defparser
from pint.facets.plain import AliasDefinition

from ..errors import ExtractorError, RuleError
from ..ruleset.loader import default_rules_dir
from ..tables import DIMENSIONS
from ..ruleset.ruleset import RuleSet, compiled_per_ruleset

__all__ = [
    "DIMENSIONS",
    "QUANTITIES",
    "UnitInfo",
    "UnknownUnitError",
    "canonical",
    "default_rules_dir",
    "gold_label",
    "iso_currencies",
    "quantity",
    "registry",
    "same_quantity",
    "to_base",
]

UNITS_FILE = "units.txt"
OVERRIDE_MARK = "# override:"  # ends a units.txt line that deliberately replaces a pint name

#: The values of the Mentions table's ``dimension`` column.
# Quantities pint derives from SI units, each with the base unit of the ``value_base`` column; each
# is a dimension of the tables (tables.DIMENSIONS), the later ones (speed onwards) those of general
# news beyond the sample's. A quantity the tables did not name would get an empty dimension.
_PHYSICAL_BASES = {
    "length": "m", "area": "m**2", "volume": "m**3", "flow": "m**3/d", "mass": "t",
    "energy": "kWh", "power": "W", "time": "year", "yield": "t/ha",
    "speed": "km/h", "temperature": "degC", "pressure": "Pa", "frequency": "Hz", "force": "N",
    "charge": "mAh", "luminance": "nit",  # a battery's capacity, a screen's brightness
}
# Pint cannot tell dimensionless units apart (a percent is 0.01 count), so their names decide
# (a prefixed name by the unit it prefixes: "gigabyte" is a byte).
_DIMENSIONLESS = {
    "percent": ("ratio", "percent"),
    "permille": ("ratio", "percent"),
    "count": ("count", "count"),
    "times": ("multiplier", "times"),
    "bit": ("data", "B"),
    "byte": ("data", "B"),
    "radian": ("angle", "degree"),
    "degree": ("angle", "degree"),
    "arcminute": ("angle", "degree"),
    "arcsecond": ("angle", "degree"),
    "turn": ("angle", "degree"),
}
#: Every quantity a canonical unit may measure: the tables' dimensions, the physical quantities
#: above, "data" and "angle", and the rates: "price" (money per unit) and "rate" (any other
#: quantity per unit, "20 points per game").
QUANTITIES = tuple(dict.fromkeys([*DIMENSIONS, *_PHYSICAL_BASES, "data", "angle", "price", "rate"]))
# Pint's symbols for these are "a" (annum), "%", "‰", "°C" and "deg"; the Mentions table spells
# them out in ASCII.
_SPELLED_OUT = {"year": "year", "percent": "percent", "permille": "permille",
                "degree_Celsius": "degC", "degree_Fahrenheit": "degF", "degree": "degree"}
# ANNOTATION.md's scoring labels, where they differ from the canonical unit.
_GOLD_LABELS = {
    "percentage_point": "pp", "m**2": "m2", "km**2": "km2", "m**3": "m3", "m**3/d": "m3/day",
    "bbl/d": "bbl/day", "year": "years",
}
_FROM_GOLD_LABEL = {label: unit for unit, label in _GOLD_LABELS.items()}
# Pint reads "cubic meter" and "square km" but defines no "cubic_meter".
_SQUARE_OR_CUBIC = re.compile(r"\b(square|cubic|sq)_(?=[A-Za-z])")
# What pint's unit parser raises on malformed input, beyond its own errors.
_PARSE_ERRORS = (
    pint.errors.PintError, ValueError, TypeError, AssertionError, AttributeError,
    tokenize.TokenError,
)


@dataclass(frozen=True)
class UnitInfo:
    """A unit as the Mentions table writes it: ``value * to_base`` is the value in ``base_unit``.

    ``dimension`` is None for a quantity the tables have no dimension for (:func:`quantity`
    names it); ``to_base`` is NaN for a temperature scale other than the base's (°F to °C is no
    factor)."""

    unit: str
    dimension: str | None
    base_unit: str
    to_base: float


class UnknownUnitError(ExtractorError, ValueError):
    """A unit that rules/units.txt does not define, or one of a dimension the tables do not have."""

    def __init__(self, unit: str, message: str):
        self.unit = unit
        super().__init__(f"unknown unit {unit!r}: {message}")


# ---- the registry -------------------------------------------------------------------------------


@compiled_per_ruleset
def registry(ruleset: RuleSet) -> pint.UnitRegistry:
    """The one shared registry: pint's defaults plus ``units.txt`` of ``ruleset``.

    Loaded once per file and shared by every caller, so nobody may ``define`` on it.

    >>> registry() is registry(default_rules_dir())
    True
    >>> registry().Quantity(1, "barrel").to("litre").magnitude
    158.98729492799993
    """
    path = (ruleset / UNITS_FILE).resolve()
    return _registry_of_text(path, path.read_bytes() if path.is_file() else None)


_REGISTRIES: dict[bytes, pint.UnitRegistry] = {}


def _registry_of_text(path: Path, content: bytes | None) -> pint.UnitRegistry:
    """A registry per distinct ``units.txt`` text: a copied rules folder (a notebook's edited
    copy, a test's) reuses the one already built (about 0.7 s each) unless it changed the units."""
    if content is None or content not in _REGISTRIES:
        ureg = _load_registry(path)  # raises, naming this file, when it is missing or wrong
        _REGISTRIES[content] = ureg
    return _REGISTRIES[content]


def _units_file(ruleset: str | Path | None) -> Path:
    directory = default_rules_dir() if ruleset is None else Path(ruleset)
    return (directory / UNITS_FILE).resolve()


def _load_registry(path: Path) -> pint.UnitRegistry:
    if not path.is_file():
        raise RuleError(path, None, f"not found: every rules directory needs a {UNITS_FILE}; "
                        f"start from a copy of {default_rules_dir() / UNITS_FILE}")
    definitions = list(_parsed_definitions(path))
    _check_definitions(path, definitions)
    # Pint only logs a redefinition (unseen unless logging is configured), and accepts nonsense
    # lines silently; the checks here name the file and line instead.
    ureg = pint.UnitRegistry(on_redefinition="ignore")
    _check_pint_clashes(ureg, path, definitions)
    ureg.load_definitions(path)
    # Every other currency of ISO 4217 (current and historic, as CLDR lists them) on a dimension
    # of its own, as units.txt defines the ones it gives aliases to.
    ureg.load_definitions([f"{code} = [money_{code}]" for code in iso_currencies() if code not in ureg])
    # Pint caches the root units of its defaults when the registry is built; without a rebuild a
    # redefined unit keeps its old factor ("barrel" would stay 119 L while "bbl/d" used 159 L).
    ureg._build_cache()
    _check_resolvable(ureg, path, definitions)
    return ureg


@functools.cache
def iso_currencies() -> tuple[str, ...]:
    """Every ISO 4217 code CLDR has an English name for (babel's data), current or historic.

    >>> codes = iso_currencies()
    >>> all(code in codes for code in ("KZT", "USD", "MYR", "ILS", "FIM")), len(codes) > 250
    (True, True)
    """
    from babel import Locale  # CLDR data; imported on first use, not with this module

    return tuple(sorted(code for code in Locale("en").currencies if re.fullmatch(r"[A-Z]{3}", code)))


def _parsed_definitions(path: Path) -> Iterator:
    """Pint's own reading of the file, one definition at a time, with its line number."""
    parser = txt_defparser.DefParser(ParserConfig(float), None)
    try:
        for definition in parser.iter_parsed_project(parser.parse_file(path)):
            if isinstance(definition, Exception):  # pint yields, rather than raises, some errors
                raise RuleError(path, definition.start_line,
                                f"pint cannot read {definition.raw!r}: fix the definition")
            yield from getattr(definition, "definitions", None) or (definition,)  # @group bodies
    except pint.errors.DefinitionSyntaxError as exc:
        line = getattr(exc, "start_line", None)
        raise RuleError(path, line, f"pint cannot read it: {exc.msg}") from None


def _new_names(definition) -> tuple[str, ...]:
    """Every name a definition adds: its name, symbol and aliases (@alias adds only aliases)."""
    own = () if isinstance(definition, AliasDefinition) else (definition.name,)
    symbol = getattr(definition, "defined_symbol", None)
    names = (*own, *((symbol,) if symbol else ()), *getattr(definition, "aliases", ()))
    return tuple(name for name in names if not name.startswith("["))


def _check_definitions(path: Path, definitions: Iterable) -> None:
    """Refuse a name defined twice, and a new dimension the tables cannot name."""
    first_line: dict[str, int] = {}
    for definition in definitions:
        line = definition.start_line
        for name in _new_names(definition):
            if name in first_line:
                raise RuleError(path, line,
                                f"{name!r} is already defined on line {first_line[name]}")
            first_line[name] = line
        for dimension in _new_dimensions(definition):
            if dimension == "[]" and definition.name not in _DIMENSIONLESS:
                raise RuleError(path, line, f"pint cannot tell dimensionless {definition.name!r} "
                                "from a count or a percent: name its dimension in "
                                "extractor/units.py (_DIMENSIONLESS), or give it one of its own")
            if dimension != "[]" and _extractor_dimension(dimension) is None:
                raise RuleError(path, line, f"new dimension {dimension} must be named "
                                f"[<dimension>_<what>] with a dimension of {DIMENSIONS}")


def _check_pint_clashes(ureg: pint.UnitRegistry, path: Path, definitions: Iterable) -> None:
    """Refuse a name pint already reads (prefixed or plural too), unless its line says why."""
    lines = path.read_text(encoding="utf-8").splitlines()
    for definition in definitions:
        line = definition.start_line
        for name in _new_names(definition):
            if name in ureg and OVERRIDE_MARK not in lines[line - 1]:
                raise RuleError(path, line,
                                f"{name!r} already means pint's {ureg.get_name(name)!r}; choose "
                                f"another name, or end the line with '{OVERRIDE_MARK} <why>'")


def _new_dimensions(definition) -> tuple[str, ...]:
    is_base = getattr(definition, "is_base", False)
    return tuple(definition.reference) if is_base and definition.reference else ()


def _check_resolvable(ureg: pint.UnitRegistry, path: Path, definitions: Iterable) -> None:
    """Pint accepts a definition in terms of an unknown unit and fails only when it is used."""
    for definition in definitions:
        for name in _new_names(definition):
            try:
                ureg.get_root_units(name)
            except pint.errors.UndefinedUnitError as exc:
                unknown = ", ".join(map(repr, exc.unit_names))
                raise RuleError(path, definition.start_line, f"{name!r} is defined in terms of "
                                f"{unknown}, which pint does not know; define it first") from None


def _extractor_dimension(pint_dimension: str) -> str | None:
    """The table dimension of a base dimension named by units.txt's convention, else None.

    >>> _extractor_dimension("[money_KZT]"), _extractor_dimension("[count_TEU]")
    ('money', 'count')
    >>> _extractor_dimension("[length]") is None, _extractor_dimension("[printing_unit]") is None
    (True, True)
    """
    label, sep, _ = pint_dimension.strip("[]").partition("_")
    return label if sep and label in DIMENSIONS else None


# ---- canonical units ----------------------------------------------------------------------------


def canonical(unit_expr: str, *, ruleset: str | Path | None = None) -> UnitInfo:
    """What a unit expression (pint syntax, or a scoring label of ANNOTATION.md) is in the tables.

    >>> canonical("m³/day")
    UnitInfo(unit='m**3/d', dimension='flow', base_unit='m**3/d', to_base=1.0)
    >>> canonical("pp")
    UnitInfo(unit='percentage_point', dimension='ratio', base_unit='percentage_point', to_base=1.0)
    >>> canonical("hectare").to_base
    10000.0
    >>> canonical("USD/bbl")
    UnitInfo(unit='USD/bbl', dimension='price', base_unit='USD/m**3', to_base=6.289810770432107)
    >>> canonical("tiyn")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    extractor.extraction.units.UnknownUnitError: unknown unit 'tiyn': pint cannot read it ...
    >>> canonical("m**5")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    extractor.extraction.units.UnknownUnitError: unknown unit 'm**5': pint reads it as 'meter ** 5' ...
    """
    info, _ = _canonical(unit_expr, RuleSet.of(ruleset))
    return info


def quantity(unit_expr: str, *, ruleset: str | Path | None = None) -> str:
    """What a unit measures: a dimension of the tables or another of :data:`QUANTITIES`.

    >>> [quantity(u) for u in ("kWh", "km/h", "degF", "GB", "point/game", "KZT/t", "degree")]
    ['energy', 'speed', 'temperature', 'data', 'rate', 'price', 'angle']
    """
    _, name = _canonical(unit_expr, RuleSet.of(ruleset))
    return name


def _canonical(unit_expr: str, ruleset: RuleSet) -> tuple[UnitInfo, str]:
    return unit_info(registry(ruleset), unit_expr, (ruleset / UNITS_FILE).resolve())


@functools.lru_cache(maxsize=16384)
def unit_info(ureg: pint.UnitRegistry, unit_expr: str, path: Path | None = None) -> tuple[UnitInfo, str]:
    """:func:`canonical` and :func:`quantity` of a unit in a given registry (the lexicon asks
    this of every unit pint defines); errors name ``path``, the units file of the registry."""
    expr = unit_expr.strip()
    try:
        unit = ureg.parse_units(_spell_out(_FROM_GOLD_LABEL.get(expr, expr)))
    except _PARSE_ERRORS as exc:
        reason = str(exc) or "malformed expression"
        raise UnknownUnitError(unit_expr, f"pint cannot read it ({reason}); define it in {path} "
                               "(the syntax is described at the top of that file)") from None
    quantity_and_base = _classify(ureg, unit)
    if quantity_and_base is None:
        raise UnknownUnitError(unit_expr, f"pint reads it as {_describe(unit)}, which measures none "
                               f"of the quantities the tables know ({', '.join(QUANTITIES)}); write "
                               "it in a unit of one of those, or add its quantity to extractor/units.py")
    name, base = quantity_and_base
    written = _unit_string(ureg, unit)
    if name == "temperature":  # offset scales: only the base itself converts by a factor
        factor = 1.0 if written == base else math.nan
    else:
        factor = _round_float_noise(ureg.Quantity(1.0, unit).to(_spell_out(base)).magnitude)
    return UnitInfo(written, name if name in DIMENSIONS else None, base, factor), name


def _spell_out(expr: str) -> str:
    """Underscored square/cubic units as pint reads them.

    >>> _spell_out("cubic_meter/day"), _spell_out("square_kilometres"), _spell_out("kWh")
    ('cubic meter/day', 'square kilometres', 'kWh')
    """
    return _SQUARE_OR_CUBIC.sub(r"\1 ", expr)


def _classify(ureg: pint.UnitRegistry, unit: pint.Unit) -> tuple[str, str] | None:
    """(quantity, base unit) of a parsed unit, or None for one no quantity fits: a unit of one
    quantity (:func:`_classify_one`), else a rate of one quantity per another ("USD/bbl")."""
    return _classify_one(ureg, unit) or _classify_rate(ureg, unit)


def _classify_one(ureg: pint.UnitRegistry, unit: pint.Unit) -> tuple[str, str] | None:
    dims = unit.dimensionality
    if not dims:
        items = _unit_items(ureg, unit)
        if len(items) != 1 or items[0][1] != 1:
            return None
        return _DIMENSIONLESS.get(items[0][0]) or _DIMENSIONLESS.get(_unprefixed(ureg, items[0][0]))
    if len(dims) == 1:
        ((pint_dimension, power),) = dims.items()
        dimension = _extractor_dimension(pint_dimension)
        if dimension is not None and power == 1:  # KZT, TEU: the unit on the dimension is its base
            return dimension, _unit_string(ureg, ureg.get_root_units(unit)[1])
    for name, base in _PHYSICAL_BASES.items():
        if _base_dimensionality(ureg, base) == dims:
            return name, base
    return None


def _classify_rate(ureg: pint.UnitRegistry, unit: pint.Unit) -> tuple[str, str] | None:
    """A rate: one quantity per another, each a plain quantity ("USD/bbl", "point/game").

    Its quantity is "price" when money is counted, else "rate"; its base is the numerator's base
    per the denominator's ("USD/m**3"). A denominator whose own base is a rate is refused."""
    items = _unit_items(ureg, unit)
    top = [(name, power) for name, power in items if power > 0]
    bottom = [(name, -power) for name, power in items if power < 0]
    if not top or not bottom:
        return None
    parts = []
    for group in (top, bottom):
        part = functools.reduce(lambda a, b: a * b, (ureg.Unit(name) ** power for name, power in group))
        found = _classify_one(ureg, part)
        if found is None or "/" in found[1]:
            return None
        parts.append(found)
    (top_quantity, top_base), (_, bottom_base) = parts
    bottom_base = f"({bottom_base})" if re.search(r"(?<!\*)\*(?!\*)", bottom_base) else bottom_base
    return ("price" if top_quantity == "money" else "rate"), f"{top_base}/{bottom_base}"


@functools.lru_cache(maxsize=64)
def _base_dimensionality(ureg: pint.UnitRegistry, base: str):
    return ureg.parse_units(base).dimensionality


def _unprefixed(ureg: pint.UnitRegistry, name: str) -> str:
    """The unit a prefixed name prefixes: "gigabyte" -> "byte"."""
    try:
        return ureg.parse_unit_name(name)[0][1]
    except (IndexError, *_PARSE_ERRORS):
        return name


def _describe(unit: pint.Unit) -> str:
    """How an error names what pint made of a unit the tables cannot hold."""
    if not unit.dimensionality:
        return f"dimensionless {str(unit) or 'nothing'!r}, neither a count, a percent, times, data nor an angle"
    return f"{str(unit)!r} of dimension {unit.dimensionality}"


def _unit_items(ureg: pint.UnitRegistry, unit: pint.Unit) -> list[tuple[str, float]]:
    return list(ureg.Quantity(1, unit).unit_items())


def _unit_string(ureg: pint.UnitRegistry, unit: pint.Unit) -> str:
    """Pint's short symbols, ``**`` powers and a ``/`` before each denominator: 'm**3/d', 't/ha'."""

    def term(name: str, power: float) -> str:
        symbol = _SPELLED_OUT.get(name) or ureg.get_symbol(name)
        return symbol if abs(power) == 1 else f"{symbol}**{abs(power):g}"

    items = _unit_items(ureg, unit)
    numerator = "*".join(term(name, power) for name, power in items if power > 0) or "1"
    return numerator + "".join(f"/{term(name, power)}" for name, power in items if power < 0)


def _round_float_noise(factor: float) -> float:
    """Snap a factor to 12 significant digits when it differs only in its last bits.

    Pint multiplies factors in binary floating point (TWh -> kWh comes out 999999999.9999999);
    a factor that is really a long fraction (a month is 1/12 year) is kept as it is.

    >>> _round_float_noise(999999999.9999999), _round_float_noise(0.15898729492799996)
    (1000000000.0, 0.158987294928)
    >>> _round_float_noise(1 / 12) == 1 / 12
    True
    """
    snapped = float(f"{factor:.12g}")
    return snapped if math.isclose(snapped, factor, rel_tol=1e-14) else factor


def to_base(value: float, unit: str, *, ruleset: str | Path | None = None) -> float:
    """``value`` in ``unit``, expressed in the base unit of its dimension.

    >>> to_base(7, "GW"), to_base(2.5, "ha"), to_base(40, "KZT")
    (7000000000.0, 25000.0, 40.0)
    """
    return float(value) * canonical(unit, ruleset=ruleset).to_base


# ---- scoring ------------------------------------------------------------------------------------


def gold_label(unit: str) -> str:
    """The short scoring label of ANNOTATION.md for a canonical unit.

    >>> [gold_label(u) for u in ("percentage_point", "m**3/d", "bbl/d", "year", "KZT", "GW")]
    ['pp', 'm3/day', 'bbl/day', 'years', 'KZT', 'GW']
    """
    return _GOLD_LABELS.get(unit, unit)


def same_quantity(
    unit_a: str, value_a: float, unit_b: str, value_b: float, rel_tol: float = 1e-6,
    *, ruleset: str | Path | None = None,
) -> bool:
    """Whether two figures state the same amount; units may be canonical or scoring labels.

    Compared in the base unit of their dimension; different currencies never match.

    >>> same_quantity("TWh", 1.2, "kWh", 1.2e9), same_quantity("m3/day", 5, "m**3/d", 5)
    (True, True)
    >>> same_quantity("percent", 5, "pp", 5), same_quantity("KZT", 100, "USD", 100)
    (False, False)
    >>> same_quantity("mi", 1, "km", 1.609344), same_quantity("mph", 1, "km/h", 1.609344)
    (True, True)
    """
    a = canonical(unit_a, ruleset=ruleset)
    b = canonical(unit_b, ruleset=ruleset)
    if (quantity(unit_a, ruleset=ruleset), a.base_unit) != (quantity(unit_b, ruleset=ruleset), b.base_unit):
        return False
    return math.isclose(value_a * a.to_base, value_b * b.to_base, rel_tol=rel_tol)
