"""extractor.extraction.numbers.parse_digits: the decimal comma reading never touches a thousands separator.

A comma followed by exactly three digits is a thousands group, whatever the option; only "19,5"
and "3,45" (at most three digits, a comma, one or two digits) get the pending ``decimal_comma``
reading, which the rule pass keeps before a scale word, unit, currency or percent
(tests/test_figures.py, "decimal comma") and flags malformed otherwise.
"""

from __future__ import annotations

import pytest

from extractor.extraction.numbers import parse_digits, significant_decimals

CASES = {
    # thousands separators: the same with and without the option
    "12,000": (12_000, ()),
    "1,300": (1300, ()),
    "7,820,204": (7_820_204, ()),
    "1,234.5": (1234.5, ()),
    "31.4": (31.4, ()),
    # a European decimal comma: a value, marked as pending
    "19,5": (19.5, ("decimal_comma",)),
    "3,45": (3.45, ("decimal_comma",)),
    "0,7": (0.7, ("decimal_comma",)),
    "460,00": (460.0, ("decimal_comma",)),
    "-5,8": (-5.8, ("decimal_comma",)),
    # never a decimal: a long whole part (a missing space after a year), too many decimals,
    # mixed groups
    "2023,15": (None, ("malformed_number",)),
    "1,2345": (None, ("malformed_number",)),
    "12,34,567": (None, ("malformed_number",)),
    "1,5,7": (None, ("malformed_number",)),
}


@pytest.mark.parametrize(("text", "expected"), CASES.items(), ids=list(CASES))
def test_parse_digits_with_decimal_comma(text, expected):
    assert parse_digits(text, decimal_comma=True) == (
        None if expected[0] is None else float(expected[0]), expected[1])


@pytest.mark.parametrize("text", ["19,5", "3,45", "460,00", "5,8"])
def test_without_the_option_a_decimal_comma_stays_malformed(text):
    assert parse_digits(text) == (None, ("malformed_number",))


@pytest.mark.parametrize("text", [f"{n:,}" for n in (1000, 12_345, 999_999, 1_000_000, 7_820_204)])
def test_thousands_groups_never_read_as_decimals(text):
    assert parse_digits(text, decimal_comma=True) == parse_digits(text) == (float(text.replace(",", "")), ())


def test_significant_decimals_of_a_decimal_comma():
    assert significant_decimals("19,5") == 1 and significant_decimals("4,400") == 0
