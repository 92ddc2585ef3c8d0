"""extractor.extraction.numbers: digits (parse_digits) and numbers spelled in words (parse_word_numbers).

parse_digits: the decimal comma reading never touches a thousands separator.

A comma followed by exactly three digits is a thousands group, whatever the option; only "19,5"
and "3,45" (at most three digits, a comma, one or two digits) get the pending ``decimal_comma``
reading, which the rule pass keeps before a scale word, unit, currency or percent
(tests/test_figures.py, "decimal comma") and flags malformed otherwise.
"""

from __future__ import annotations

import pytest

from extractor.extraction.lexicon import load_lexicon
from extractor.extraction.numbers import parse_digits, parse_word_numbers, significant_decimals

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


# ---- numbers spelled in words: the grammar of numbers.parse_word_numbers on the shipped words -------

# a run of words -> every number in it, as (text, value)
WORD_NUMBERS = {
    "sixty-five": [("sixty-five", 65)],
    "two hundred and ten": [("two hundred and ten", 210)],
    "two thousand and two hundred": [("two thousand and two hundred", 2200)],
    "two hundred and two thousand": [("two hundred and two thousand", 202_000)],
    "twenty-one trillion three hundred": [("twenty-one trillion three hundred", 21e12 + 300)],
    "ninety-five hundred": [("ninety-five hundred", 9500)],
    "one and a half million": [("one and a half million", 1.5e6)],
    "half a million": [("half a million", 5e5)],
    "a quarter million": [("a quarter million", 2.5e5)],
    "two thirds of a million": [("two thirds of a million", 2e6 / 3)],
    "one billion and a half million": [("one billion and a half million", 1.0005e9)],
    "five billion and three quarters": [("five billion and three quarters", 5.75e9)],
    "three lakh crore": [("three lakh crore", 3e12)],
    "half a dozen": [("half a dozen", 6)],
    "a dozen": [("a dozen", 12)],
    "five eighths": [("five eighths", 0.625)],
    "one hundred and three quarters": [("one hundred and three quarters", 100.75)],
    "twenty and three fifths": [("twenty and three fifths", 20.6)],
    "one hundred thirty fifths": [("one hundred thirty fifths", 100 / 35)],
    "one hundred and thirty fifths": [("one hundred and thirty fifths", 26)],
    "a hundred trillionths": [("a hundred trillionths", 1e-10)],
    "forty two and a third": [("forty two and a third", 42 + 1 / 3)],
    "two point five": [("two point five", 2.5)],
    "nought point nought three": [("nought point nought three", 0.03)],
    "two hundred point seventy-one": [("two hundred point seventy-one", 200.71)],
    "two point five billion": [("two point five billion", 2.5e9)],
    # two numbers, not one
    "two and three": [("two", 2), ("three", 3)],
    "three four": [("three", 3), ("four", 4)],
    "a three": [("three", 3)],
    "and of a": [],
}


@pytest.mark.parametrize(("text", "expected"), WORD_NUMBERS.items(), ids=list(WORD_NUMBERS))
def test_numbers_in_words(text, expected):
    lex = load_lexicon()
    scales = {w: f for w, f in lex.scales.items() if w.isalpha()}
    found = [(text[n.start:n.end], n.value) for n in parse_word_numbers(text, lex.number_words, scales)]
    assert [t for t, _ in found] == [t for t, _ in expected]
    assert all(v == pytest.approx(e, rel=1e-12) for (_, v), (_, e) in zip(found, expected))
