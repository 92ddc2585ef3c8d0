"""extractor.extraction.units: the one pint registry of rules/units.txt, and the tables' canonical units."""

from __future__ import annotations

import math
import shutil

import pint
import pytest

from extractor.extraction import unit_words, units
from extractor.extraction.lexicon import load_lexicon
from extractor.errors import RuleError
from extractor.extraction.units import (
    DIMENSIONS,
    UnitInfo,
    UnknownUnitError,
    canonical,
    default_rules_dir,
    gold_label,
    registry,
    same_quantity,
    to_base,
)

CURRENCIES = (
    "KZT USD EUR RUB CNY GBP JPY KRW KGS UZS TRY AED INR CHF TJS TMT AZN GEL BYN".split()
)

# expression -> (unit, dimension, base unit, to_base)
CANONICAL = {
    # length, area, volume
    "km": ("km", "length", "m", 1e3),
    "kilometre": ("km", "length", "m", 1e3),
    "kilometers": ("km", "length", "m", 1e3),
    "m": ("m", "length", "m", 1),
    "metre": ("m", "length", "m", 1),
    "m**2": ("m**2", "area", "m**2", 1),
    "square metre": ("m**2", "area", "m**2", 1),
    "m²": ("m**2", "area", "m**2", 1),
    "km**2": ("km**2", "area", "m**2", 1e6),
    "square_kilometre": ("km**2", "area", "m**2", 1e6),
    "sq km": ("km**2", "area", "m**2", 1e6),
    "ha": ("ha", "area", "m**2", 1e4),
    "hectare": ("ha", "area", "m**2", 1e4),
    "m**3": ("m**3", "volume", "m**3", 1),
    "cubic metres": ("m**3", "volume", "m**3", 1),
    "bbl": ("bbl", "volume", "m**3", 0.158987294928),
    "barrel": ("bbl", "volume", "m**3", 0.158987294928),
    # flow
    "m**3/d": ("m**3/d", "flow", "m**3/d", 1),
    "cubic_meter/day": ("m**3/d", "flow", "m**3/d", 1),
    "cubic meters per day": ("m**3/d", "flow", "m**3/d", 1),
    "m³/d": ("m**3/d", "flow", "m**3/d", 1),
    "barrel/d": ("bbl/d", "flow", "m**3/d", 0.158987294928),
    "barrel/day": ("bbl/d", "flow", "m**3/d", 0.158987294928),
    "barrels per day": ("bbl/d", "flow", "m**3/d", 0.158987294928),
    # mass and yield
    "t": ("t", "mass", "t", 1),
    "tonne": ("t", "mass", "t", 1),
    "tonnes": ("t", "mass", "t", 1),
    "tons": ("t", "mass", "t", 1),
    "kg": ("kg", "mass", "t", 1e-3),
    "t/ha": ("t/ha", "yield", "t/ha", 1),
    "tonnes per hectare": ("t/ha", "yield", "t/ha", 1),
    # energy and power
    "kWh": ("kWh", "energy", "kWh", 1),
    "MWh": ("MWh", "energy", "kWh", 1e3),
    "GWh": ("GWh", "energy", "kWh", 1e6),
    "TWh": ("TWh", "energy", "kWh", 1e9),
    "kW": ("kW", "power", "W", 1e3),
    "MW": ("MW", "power", "W", 1e6),
    "GW": ("GW", "power", "W", 1e9),
    # time
    "year": ("year", "time", "year", 1),
    "years": ("year", "time", "year", 1),
    "month": ("month", "time", "year", 1 / 12),
    "day": ("d", "time", "year", 1 / 365.25),
    # dimensionless and count-like
    "percent": ("percent", "ratio", "percent", 1),
    "%": ("percent", "ratio", "percent", 1),
    "percentage_point": ("percentage_point", "ratio", "percentage_point", 1),
    "pp": ("percentage_point", "ratio", "percentage_point", 1),
    "count": ("count", "count", "count", 1),
    "times": ("times", "multiplier", "times", 1),
    "fold": ("times", "multiplier", "times", 1),
    "TEU": ("TEU", "count", "TEU", 1),
    "FEU": ("FEU", "count", "TEU", 2),
    # money by name
    "tenge": ("KZT", "money", "KZT", 1),
    "euros": ("EUR", "money", "EUR", 1),
    "roubles": ("RUB", "money", "RUB", 1),
    "yuan": ("CNY", "money", "CNY", 1),
    # ANNOTATION.md's scoring labels read back
    "m2": ("m**2", "area", "m**2", 1),
    "km2": ("km**2", "area", "m**2", 1e6),
    "m3": ("m**3", "volume", "m**3", 1),
    "m3/day": ("m**3/d", "flow", "m**3/d", 1),
    "bbl/day": ("bbl/d", "flow", "m**3/d", 0.158987294928),
}

# ANNOTATION.md's labels, each with the canonical unit it scores.
GOLD_LABELS = {
    "KZT": "KZT", "USD": "USD", "EUR": "EUR", "RUB": "RUB", "CNY": "CNY",
    "percent": "percent", "pp": "percentage_point", "km": "km", "m": "m", "m2": "m**2",
    "km2": "km**2", "ha": "ha", "m3": "m**3", "m3/day": "m**3/d", "t": "t", "kWh": "kWh",
    "GWh": "GWh", "MW": "MW", "GW": "GW", "bbl/day": "bbl/d", "t/ha": "t/ha", "TEU": "TEU",
    "years": "year", "count": "count", "times": "times",
}


@pytest.mark.parametrize(("expr", "expected"), CANONICAL.items(), ids=list(CANONICAL))
def test_canonical(expr, expected):
    unit, dimension, base, factor = expected
    info = canonical(expr)
    assert (info.unit, info.dimension, info.base_unit) == (unit, dimension, base)
    assert math.isclose(info.to_base, factor, rel_tol=1e-12)


@pytest.mark.parametrize("expr", CANONICAL, ids=list(CANONICAL))
def test_canonical_is_idempotent_and_bases_are_canonical(expr):
    info = canonical(expr)
    assert canonical(info.unit) == info
    base = canonical(info.base_unit)
    assert (base.unit, base.to_base) == (info.base_unit, 1.0)


def test_exact_powers_of_ten_come_out_exact():
    # pint's TWh -> kWh is 999999999.9999999 in floating point; the tables want 1e9.
    assert [canonical(u).to_base for u in ("TWh", "GW", "km", "ha")] == [1e9, 1e9, 1e3, 1e4]


def test_every_dimension_of_the_tables_is_reachable():
    reached = {canonical(expr).dimension for expr in [*CANONICAL, *BEYOND_THE_TABLES]}
    assert reached == set(DIMENSIONS)


def test_unit_info_is_frozen():
    with pytest.raises(AttributeError):
        canonical("km").unit = "m"
    assert isinstance(canonical("km"), UnitInfo)


@pytest.mark.parametrize("code", CURRENCIES)
def test_each_currency_is_its_own_base(code):
    assert canonical(code) == UnitInfo(code, "money", code, 1.0)
    assert registry().parse_units(code).dimensionality == {f"[money_{code}]": 1}


@pytest.mark.parametrize(
    ("a", "b"),
    [("KZT", code) for code in CURRENCIES if code != "KZT"]
    + [("USD", "EUR"), ("RUB", "BYN"), ("TMT", "AZN"), ("KGS", "UZS")],
    ids=lambda code: code,
)
def test_currencies_never_convert(a, b):
    with pytest.raises(pint.DimensionalityError):
        registry().Quantity(1, a).to(b)
    assert not same_quantity(a, 100, b, 100)


@pytest.mark.parametrize(
    ("a", "b"),
    [("percent", "percentage_point"), ("TEU", "count"), ("KZT", "count"), ("TEU", "t")],
    ids=lambda unit: unit,
)
def test_own_dimensions_refuse_conversion(a, b):
    with pytest.raises(pint.DimensionalityError):
        registry().Quantity(1, a).to(b)


@pytest.mark.parametrize(
    ("expr", "litres"),
    [("barrel", 158.987294928), ("bbl", 158.987294928), ("oil_barrel", 158.987294928)],
)
def test_barrel_is_the_oil_barrel_everywhere(expr, litres):
    # Redefined over pint's 119 L US liquid barrel; a stale cache once kept the old factor
    # for "barrel" alone while "bbl/d" used the new one.
    ureg = registry()
    assert math.isclose(ureg.Quantity(1, expr).to("L").magnitude, litres, rel_tol=1e-12)
    assert math.isclose(ureg.Quantity(1, f"{expr}/d").to("L/d").magnitude, litres, rel_tol=1e-12)


@pytest.mark.parametrize(
    ("expr", "kilograms"), [("ton", 1000), ("tons", 1000), ("short_ton", 907.18474)]
)
def test_ton_is_metric_and_the_short_ton_keeps_its_name(expr, kilograms):
    assert math.isclose(registry().Quantity(1, expr).to("kg").magnitude, kilograms)


def test_registry_is_one_shared_instance():
    assert registry() is registry()
    assert registry() is registry(default_rules_dir())
    assert (default_rules_dir() / "units.txt").is_file()


def test_registry_keeps_pint_defaults():
    assert registry().Quantity(1, "mile").to("km").magnitude == pytest.approx(1.609344)


@pytest.mark.parametrize(
    ("expr", "says"),
    [
        ("tiyn", "pint cannot read it"),
        ("m/", "pint cannot read it"),
        ("(", "pint cannot read it"),
        ("1000 m", "pint cannot read it"),
        ("m**5", "measures none of the quantities"),
        ("kg*m", "measures none of the quantities"),
        ("1/km", "measures none of the quantities"),
        ("", "measures none of the quantities"),
        ("bbl/d/d", "measures none of the quantities"),
    ],
    ids=lambda value: repr(value) if value in ("", "(") else value,
)
def test_unknown_unit_error_names_the_unit_and_the_fix(expr, says):
    with pytest.raises(UnknownUnitError) as caught:
        canonical(expr)
    message = str(caught.value)
    assert isinstance(caught.value, ValueError)
    assert caught.value.unit == expr
    assert message.startswith(f"unknown unit {expr!r}: ")
    assert says in message
    assert "units.txt" in message or "extractor/units.py" in message


# Quantities of general news beyond the sample's: their dimension is the quantity, their value_base
# in the quantity's base. expression -> (unit, quantity, base unit, to_base)
BEYOND_THE_TABLES = {
    "km/h": ("km/h", "speed", "km/h", 1),
    "mph": ("mph", "speed", "km/h", 1.609344),
    "mile/hour": ("mi/h", "speed", "km/h", 1.609344),
    "knot": ("kn", "speed", "km/h", 1.852),
    "degC": ("degC", "temperature", "degC", 1),
    "celsius": ("degC", "temperature", "degC", 1),
    "psi": ("psi", "pressure", "Pa", 6894.757293168),
    "GHz": ("GHz", "frequency", "Hz", 1e9),
    "kN": ("kN", "force", "N", 1e3),
    "GB": ("GB", "data", "B", 1e9),
    "megabit": ("Mbit", "data", "B", 125_000),
    "degree": ("degree", "angle", "degree", 1),
    "USD/bbl": ("USD/bbl", "price", "USD/m**3", 6.289810770432),
    "KZT/t": ("KZT/t", "price", "KZT/t", 1),
    "EUR/MWh": ("EUR/MWh", "price", "EUR/kWh", 1e-3),
    "point/game": ("point/game", "rate", "point/game", 1),
    "USD/capita": ("USD/capita", "price", "USD/capita", 1),
    "mAh": ("mAh", "charge", "mAh", 1),
    "Ah": ("Ah", "charge", "mAh", 1e3),
    "nit": ("nit", "luminance", "nit", 1),
}


@pytest.mark.parametrize(("expr", "expected"), BEYOND_THE_TABLES.items(), ids=list(BEYOND_THE_TABLES))
def test_quantities_of_general_news(expr, expected):
    unit, name, base, factor = expected
    info = canonical(expr)
    assert (info.unit, info.dimension, info.base_unit, units.quantity(expr)) == (unit, name, base, name)
    assert math.isclose(info.to_base, factor, rel_tol=1e-9)
    assert canonical(info.unit) == info  # the canonical spelling reads back as itself


def test_a_temperature_scale_has_no_factor_to_another():
    assert math.isnan(canonical("degF").to_base) and canonical("degC").to_base == 1.0
    assert not same_quantity("degF", 32, "degC", 0)


def test_the_tables_dimensions_are_quantities_too():
    assert set(DIMENSIONS) <= set(units.QUANTITIES)
    assert all(units.quantity(expr) == canonical(expr).dimension for expr in CANONICAL)


def test_kt_is_a_kilotonne_and_a_point_is_a_score():
    assert canonical("kt") == UnitInfo("kt", "mass", "t", 1000.0)
    assert canonical("point").dimension == "count" and canonical("point").base_unit == "point"


@pytest.mark.parametrize("code", ["MYR", "ILS", "CAD", "HKD", "UAH", "XOF", "FIM", "NLG"])
def test_every_iso_currency_of_cldr_is_its_own_base(code):
    assert code in units.iso_currencies()
    assert canonical(code) == UnitInfo(code, "money", code, 1.0)
    with pytest.raises(pint.DimensionalityError):
        registry().Quantity(1, code).to("USD")


@pytest.mark.parametrize(("label", "unit"), GOLD_LABELS.items(), ids=list(GOLD_LABELS))
def test_gold_label_round_trip(label, unit):
    assert canonical(label).unit == unit
    assert gold_label(unit) == label


@pytest.mark.parametrize("unit", ["GWh", "TWh", "MW", "count", "CHF", "bbl"])
def test_gold_label_keeps_units_without_a_short_label(unit):
    assert gold_label(unit) == unit


SAME_QUANTITY = [
    ("TWh", 1.2, "kWh", 1.2e9, True),
    ("GWh", 5, "TWh", 0.005, True),
    ("kWh", 1, "TWh", 1, False),
    ("m3/day", 105_000, "m**3/d", 105_000, True),
    ("bbl/day", 1.8e6, "bbl/d", 1.8e6, True),
    ("bbl/d", 1, "m**3/d", 0.158987294928, True),
    ("pp", 2.5, "percentage_point", 2.5, True),
    ("pp", 2.5, "percent", 2.5, False),
    ("percent", 50, "times", 0.5, False),
    ("count", 2, "times", 2, False),
    ("km2", 1, "ha", 100, True),
    ("t", 1, "kg", 1000, True),
    ("years", 75, "year", 75, True),
    ("KZT", 288e9, "KZT", 288e9 * (1 + 1e-7), True),
    ("KZT", 288e9, "KZT", 288e9 * (1 + 1e-5), False),
    ("USD", 1.5e9, "KZT", 1.5e9, False),
    ("TEU", 2, "FEU", 1, True),
    ("TEU", 2, "count", 2, False),
]


@pytest.mark.parametrize(
    ("unit_a", "value_a", "unit_b", "value_b", "expected"),
    SAME_QUANTITY,
    ids=[f"{a}={va:g}~{b}={vb:g}" for a, va, b, vb, _ in SAME_QUANTITY],
)
def test_same_quantity(unit_a, value_a, unit_b, value_b, expected):
    assert same_quantity(unit_a, value_a, unit_b, value_b) is expected
    assert same_quantity(unit_b, value_b, unit_a, value_a) is expected


def test_same_quantity_tolerance_is_a_parameter():
    assert same_quantity("KZT", 100, "KZT", 101, rel_tol=0.02)
    assert not same_quantity("KZT", 100, "KZT", 101)


@pytest.mark.parametrize(
    ("value", "unit", "expected"),
    [(7, "GW", 7e9), (2.5, "ha", 25_000), (40, "KZT", 40), (1.8e6, "bbl/d", 286_177.1309),
     (3, "TWh", 3e9), (6, "month", 0.5)],
    ids=lambda value: str(value),
)
def test_to_base(value, unit, expected):
    assert to_base(value, unit) == pytest.approx(expected)


# ---- units.txt is strict: errors name the file and the line ------------------------------------

LOAD_ERRORS = {
    "clash with pint": ("pound = [money_GBP]\n", 1, "already means pint's"),
    "clash with a pint alias": ("GBP = [money_GBP] = _ = lb\n", 1, "already means pint's"),
    "prefixed pint unit": ("KZT = [money_KZT]\nms = [count_ms]\n", 2, "already means pint's"),
    "defined twice": ("KZT = [money_KZT]\n\nKZT = [money_KZT]\n", 3, "already defined on line 1"),
    "unknown reference": ("KZT = [money_KZT]\nmln_KZT = 1e6 * KZTT\n", 2, "terms of 'KZTT', which"),
    "unnamed dimension": ("widget = [widget]\n", 1, "must be named [<dimension>_<what>]"),
    "unknown dimension label": ("widget = [thing_widget]\n", 1, "must be named"),
    "dimensionless without a name": ("dozen_pack = []\n", 1, "cannot tell dimensionless"),
    "unparsable": ("KZT = [money_KZT]\nfoo = 3 *\n", 2, "pint cannot read"),
}


@pytest.mark.parametrize(("text", "line", "says"), LOAD_ERRORS.values(), ids=list(LOAD_ERRORS))
def test_units_file_errors_name_file_and_line(tmp_path, text, line, says):
    (tmp_path / "units.txt").write_text(text, encoding="utf-8")
    with pytest.raises(RuleError) as caught:
        registry(tmp_path)
    assert str(caught.value).startswith(f"{(tmp_path / 'units.txt').resolve()}:{line}: ")
    assert says in str(caught.value)


def test_units_file_override_needs_its_reason_on_the_line(tmp_path):
    (tmp_path / "units.txt").write_text(
        "KZT = [money_KZT]\npp = 0.01 * percent  # override: pp is read as a percentage point\n",
        encoding="utf-8",
    )
    ureg = registry(tmp_path)
    assert ureg is not registry()
    assert ureg.Quantity(2, "pp").to("percent").magnitude == pytest.approx(0.02)
    assert canonical("KZT", ruleset=tmp_path) == UnitInfo("KZT", "money", "KZT", 1.0)


def test_missing_units_file_says_what_to_do(tmp_path):
    with pytest.raises(RuleError, match="every rules directory needs a units.txt"):
        registry(tmp_path)


def test_shipped_overrides_all_replace_a_pint_name():
    # A stale "# override:" marker would let a later accidental clash on that line through.
    plain = pint.UnitRegistry()
    path = default_rules_dir() / "units.txt"
    lines = path.read_text(encoding="utf-8").splitlines()
    definitions = list(units._parsed_definitions(path))
    for definition in definitions:
        marked = units.OVERRIDE_MARK in lines[definition.start_line - 1]
        clashes = [name for name in units._new_names(definition) if name in plain]
        assert bool(clashes) == marked, (definition.start_line, clashes)
    assert {name for d in definitions for name in units._new_names(d)} >= set(CURRENCIES)



# ---- the unit lexicon generated from pint (rules/units.yaml) ---------------------------------------

# spelling after a number -> the canonical unit the lexicon gives it
GENERATED = {
    "miles": "mi", "mile": "mi", "feet": "ft", "foot": "ft", "inches": "in", "yards": "yd",
    "nautical miles": "nmi", "acres": "acre", "gallons": "gal", "litres": "l", "millilitres": "ml",
    "microgrammes": "µg", "μg": "µg", "kilograms": "kg", "ounces": "oz", "troy ounces": "toz",
    "horsepower": "hp", "kilowatt-hours": "kWh", "megawatts": "MW", "GB": "GB", "terabytes": "TB",
    "megabit": "Mbit", "GHz": "GHz", "rpm": "rpm", "mph": "mph", "knots": "kn", "psi": "psi",
    "degrees Celsius": "degC", "°F": "degF", "square feet": "ft**2", "sq mi": "mi**2", "km²": "km**2",
    "cubic feet": "ft**3", "hours": "h", "weeks": "week", "decades": "decade", "light-years": "ly",
    # the news layer over pint's meaning
    "kt": "kt", "bps": "percentage_point", "points": "point", "degrees": "degC", "mt": "t", "tons": "t",
    "pc": "percent", "koz": "koz",
}


@pytest.mark.parametrize(("spelling", "unit"), GENERATED.items(), ids=list(GENERATED))
def test_the_lexicon_spells_pints_units(spelling, unit):
    found = [s for s in load_lexicon().suffixes if s.text == spelling and not s.ambiguous]
    assert found and found[0].unit == unit


# pint spellings news writes as words, times of day, fractions: never units
NOT_UNITS = ["in", "at", "are", "pm", "grain", "grains", "quarter", "fifth", "chain", "pond", "Tg",
             "dB", "h", "s", "d", "K", "G", "a", "c"]


@pytest.mark.parametrize("spelling", NOT_UNITS)
def test_spellings_news_writes_as_words_are_no_units(spelling):
    assert spelling not in {s.text for s in load_lexicon().suffixes if s.rule.startswith("units:")}


def test_generated_symbols_may_be_glued_and_keep_their_case():
    by_text = {s.text: s for s in load_lexicon().suffixes}
    assert by_text["GB"].attached and by_text["GB"].exact_case
    assert by_text["kW"].attached and not by_text["miles"].exact_case
    assert by_text["hours"].time and not by_text["miles"].time
    # the clock's shorter durations are what is measured ("in 3.7 seconds"), never a period's frame
    assert not by_text["seconds"].time and not by_text["minutes"].time


def test_unit_spellings_on_a_tiny_registry():
    ureg = pint.UnitRegistry(None)
    ureg.define("meter = [length] = m = metre")
    ureg.define("foot = 0.3048 * meter = ft = feet")
    ureg.define("kilo- = 1e3 = k-")
    spellings = unit_words.unit_spellings(ureg, lambda name: "length", ["length"], ["kilo"], ["meter"],
                                          powered=["foot"])
    texts = {s.text: (s.unit, s.symbol) for s in spellings}
    assert texts["feet"] == ("foot", False) and texts["ft"] == ("foot", True)
    assert texts["kilometres"] == ("kilometer", False) and texts["km"] == ("kilometer", True)
    assert texts["square feet"] == ("foot**2", False) and texts["ft²"] == ("foot**2", True)
    assert "feets" not in texts


LEXICON_ERRORS = {
    "unknown quantity": ("  - id: more\n    quantities: [smell]\n", "unknown quantity 'smell'"),
    "unknown prefix": ("  - id: more\n    prefixes: [zillo]\n    prefixed: [meter]\n", "pint has no prefix 'zillo'"),
    "unknown unit": ("  - id: more\n    prefixes: [kilo]\n    prefixed: [flurb]\n", "pint has no unit 'flurb'"),
    "mixed keys": ("  - id: more\n    unit: km\n    never: [km]\n", "a unit entry takes no 'never'"),
    "nothing to do": ("  - id: more\n    time: true\n", "missing required key 'unit'"),
    "no generated spelling": ("  - id: more\n    unit: TEU\n", "pint spells no unit 'TEU'"),
}


@pytest.mark.parametrize(("entry", "says"), LEXICON_ERRORS.values(), ids=list(LEXICON_ERRORS))
def test_a_wrong_units_yaml_entry_is_a_rule_error(tmp_path, entry, says):
    rules_dir = tmp_path / "rules"
    shutil.copytree(default_rules_dir(), rules_dir)
    path = rules_dir / "units.yaml"
    path.write_text(path.read_text(encoding="utf-8") + entry, encoding="utf-8")
    with pytest.raises(RuleError) as caught:
        load_lexicon(rules_dir)
    assert "units.yaml" in str(caught.value) and says in str(caught.value)
