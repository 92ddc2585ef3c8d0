"""How the engine writes a number, an amount and a unit for a reader, in one place.

The claims summary, the checks' explanations, the indicator sheet and the charts all write
figures; they all call these functions, so "m³/day" in the sheet is "m³/day" in the summary
and a number has one spelling everywhere.
"""

from __future__ import annotations

import math
import re
from types import MappingProxyType
from typing import Any

QUALIFIER_WORDS = MappingProxyType({
    "approx": "about", "more_than": "more than", "less_than": "less than",
    "at_least": "at least", "up_to": "up to",
})
# Written before the number; any other currency is written as its code after it ("85,000 KZT").
CURRENCY_SIGNS = MappingProxyType({"USD": "$"})
SCALE_WORDS = ((1e12, "tn"), (1e9, "bn"), (1e6, "mn"))
PERCENT_UNITS = frozenset({"percent", "percentage_point"})
# Canonical units (tables.py) as a reader writes them; any other unit is written as it is.
UNIT_LABELS = MappingProxyType({
    "percent": "%",
    "percentage_point": "pp",
    "count": "count",
    "times": "times",
    "m**2": "m²",
    "m**3": "m³",
    "m**3/d": "m³/day",
})


def unit_label(unit: str) -> str:
    """A unit as a reader writes it.

    >>> unit_label("m**2"), unit_label("KZT"), unit_label("percent"), unit_label("m**3/d")
    ('m²', 'KZT', '%', 'm³/day')
    """
    return UNIT_LABELS.get(unit, unit.replace("**2", "²").replace("**3", "³"))


def format_number(value: float, decimals: int = 3, factor: float = 1.0) -> str:
    """``value / factor`` with thousands separators, at most ``decimals`` decimals, no trailing zeros.

    >>> format_number(42500), format_number(94.8), format_number(66.67), format_number(8.300000000000001)
    ('42,500', '94.8', '66.67', '8.3')
    >>> format_number(1234567), format_number(97.254, 2), format_number(2.88e11, factor=1e9)
    ('1,234,567', '97.25', '288')
    """
    text = f"{value / factor:,.{decimals}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def format_ratio(value: float) -> str:
    """A computed ratio: two decimals, at least one kept.

    >>> format_ratio(2.0), format_ratio(141.4 / 94.8), format_ratio(1.5)
    ('2.0', '1.49', '1.5')
    """
    text = f"{value:.2f}".rstrip("0")
    return text + "0" if text.endswith(".") else text


def unit_parts(unit: str, dimension: str, value: float) -> tuple[str, str]:
    """What to write before and after a number of ``unit``."""
    if unit in CURRENCY_SIGNS:
        return CURRENCY_SIGNS[unit], ""
    if unit == "percent":
        return "", "%"
    if unit == "percentage_point":
        return "", " pp"
    if unit == "times":
        return "x", ""
    if unit in ("", "count"):
        return "", ""
    if dimension == "time" and value != 1 and unit.isalpha():
        return "", f" {unit}s"
    return "", " " + unit_label(unit)


def format_amount(value: float, unit: str, dimension: str = "", qualifier: str = "exact",
                  value_high: float = math.nan, with_unit: bool = True) -> str:
    """An amount as a reader writes it: qualifier words, scale words for big money (and anything
    from a billion), thousands separators, the unit.

    >>> format_amount(94.8e9, "USD", "money")
    '$94.8 bn'
    >>> format_amount(7.66e11, "KZT", "money", "more_than")
    'more than 766 bn KZT'
    >>> format_amount(85000, "KZT", "money"), format_amount(5561937, "count", "count")
    ('85,000 KZT', '5,561,937')
    >>> format_amount(63.66, "percent", "ratio", "approx"), format_amount(105000, "m**3/d", "flow")
    ('about 63.66%', '105,000 m³/day')
    >>> format_amount(1.2e11, "kWh", "energy"), format_amount(5, "percent", "ratio", "range", 7)
    ('120 bn kWh', '5-7%')
    >>> format_amount(42500, "KZT", "money", with_unit=False), format_amount(1.5, "year", "time")
    ('42,500', '1.5 years')
    """
    prefix, suffix = unit_parts(unit, dimension, value)
    factor, scale = 1.0, ""
    if unit not in PERCENT_UNITS | {"times"} and (abs(value) >= 1e9 or dimension == "money" and abs(value) >= 1e6):
        factor, scale = next((f, f" {w}") for f, w in SCALE_WORDS if abs(value) >= f)
    number = format_number(value / factor)
    if qualifier == "range" and math.isfinite(value_high):
        number += "-" + format_number(value_high / factor)
    words = QUALIFIER_WORDS.get(qualifier)
    if not with_unit and not prefix and not suffix.startswith("%"):
        suffix = ""
    return f"{words + ' ' if words else ''}{prefix}{number}{scale}{suffix}"


def format_explained(value: float) -> str:
    """A number inside a check's explanation: whole from a thousand up, two decimals below, three
    significant digits for a small rate (USD per KZT).

    >>> format_explained(85000), format_explained(1.4916), format_explained(510.666), format_explained(7.66e11)
    ('85,000', '1.49', '510.67', '766,000,000,000')
    >>> format_explained(0.0019577), format_explained(float("nan"))
    ('0.00196', 'nan')
    """
    if not math.isfinite(value):
        return str(value)
    if abs(value) >= 1000:
        return format_number(value, 0)
    if 0 < abs(value) < 0.1:
        return f"{value:.3g}"
    return format_number(value, 2)


# English month abbreviations, fixed (calendar.month_abbr follows the locale; headings must not).
MONTH_ABBR = ("", "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def period_label(year: int, granularity: str | None, first: Any = None, last: Any = None) -> str:
    """A figure's period as a column heading: "2024" for a whole year (or an unknown
    granularity), "2024 Q1", "2024 H2", "2024 Mar", "2024 Jan–Aug", "2024-10-01".

    ``first`` and ``last`` are the period's first and last days (dates, Timestamps or None).

    >>> import datetime as dt
    >>> [period_label(2024, g, dt.date(2024, a, 1), dt.date(2024, b, 28)) for g, a, b in
    ...  [("year", 1, 12), ("quarter", 4, 6), ("half", 7, 12), ("month", 3, 3), ("year-to-date", 1, 8)]]
    ['2024', '2024 Q2', '2024 H2', '2024 Mar', '2024 Jan–Aug']
    >>> period_label(2024, "day", dt.date(2024, 10, 1)), period_label(2024, "year-to-date", dt.date(2024, 1, 1))
    ('2024-10-01', '2024 Jan–')
    """
    if not granularity or granularity in ("year", "multi-year") or first is None or _missing(first):
        return str(year)
    first_month = first.month
    if granularity == "day":
        return f"{first.year:04d}-{first.month:02d}-{first.day:02d}"
    if granularity == "quarter":
        return f"{year} Q{(first_month - 1) // 3 + 1}"
    if granularity == "half":
        return f"{year} H{1 if first_month <= 6 else 2}"
    if granularity == "month":
        return f"{year} {MONTH_ABBR[first_month]}"
    end = "" if last is None or _missing(last) else MONTH_ABBR[last.month]
    return f"{year} {MONTH_ABBR[first_month]}–{end}"


def _missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or str(value) in ("NaT", "nan")


# Text a spreadsheet program would run as a formula when it opens a CSV file (OWASP, "CSV
# injection"): a cell starting with "=", "+", "@", a tab or a carriage return, or "-" not
# followed by a plain number. Such a cell is written with an apostrophe before it, as
# spreadsheets themselves mark text; a cell that already starts with one gets another, so
# :func:`unescape_cell` gives every cell back exactly.
_FORMULA_START = re.compile(r"^(?:[=+@\t\r']|-(?![\d.,]+%?$))")


def formula_like(text: str) -> bool:
    r"""Whether a spreadsheet program would run ``text`` as a formula (or it starts with the
    apostrophe that marks escaped text): the one test behind every CSV cell
    (:func:`escape_cell`) and every .xlsx text cell (stored as text, with Excel's quote prefix).

    >>> [formula_like(t) for t in ["=1+1", "+1", "@SUM", "\tx", "\rx", "-2+3", "-5", "-1,234.5%", "GDP"]]
    [True, True, True, True, True, True, False, False, False]
    """
    return bool(_FORMULA_START.match(text))


def escape_cell(text: str) -> str:
    """A text cell safe to open in a spreadsheet program.

    >>> [escape_cell(t) for t in ["=1+1", "@SUM(A1)", "-5%", "-x", "'a", "GDP"]]
    ["'=1+1", "'@SUM(A1)", '-5%', "'-x", "''a", 'GDP']
    """
    return "'" + text if formula_like(text) else text


def unescape_cell(text: str) -> str:
    """The cell :func:`escape_cell` was given.

    >>> [unescape_cell(escape_cell(t)) for t in ["=1+1", "-5%", "-x", "'a", "GDP"]]
    ['=1+1', '-5%', '-x', "'a", 'GDP']
    """
    return text[1:] if text.startswith("'") and _FORMULA_START.match(text[1:]) else text
