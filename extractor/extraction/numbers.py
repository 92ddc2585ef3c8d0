"""Numbers as written -> numeric values. Pure functions: no spaCy, no rule files.

The word tables come in as plain mappings (built from ``rules/numbers.yaml`` by the lexicon), so
these functions can be read and tested as a spec on their own.

>>> parse_digits("1,367")
(1367.0, ())
>>> parse_digits("460,00")
(None, ('malformed_number',))
>>> words_to_number("sixty-five", WORDS)
65.0
>>> words_to_number("one and a half", WORDS)
1.5
>>> words_to_number("two-thirds", WORDS)
0.6666666666666666
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

MINUS_SIGNS = "-−–"
_THOUSANDS = re.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$")
_THOUSANDS_SPACE = re.compile(r"^\d{1,3}(?:[\u00a0\u202f ]\d{3})+(?:\.\d+)?$")
_PLAIN = re.compile(r"^\d+(?:\.\d+)?$")
_DOT_GROUPS = re.compile(r"^\d{1,3}(?:\.\d{3}){2,}$")
# A European decimal comma: at most three digits, a comma, one or two digits ("19,5", "3,45").
# Three digits after a comma are always a thousands group ("1,300"); a longer whole part
# ("2023,15") is more likely a missing space than a decimal.
_DECIMAL_COMMA = re.compile(r"^\d{1,3},\d{1,2}$")


@dataclass(frozen=True)
class NumberWord:
    """One row of rules/numbers.yaml."""

    value: float
    role: str  # unit | ten | hundred | denominator | ordinal_share
    standalone: bool = True


def parse_digits(text: str, decimal_comma: bool = False) -> tuple[float | None, tuple[str, ...]]:
    """Value of a number written in digits, and flags; malformed numbers get no value.

    Thousands separators are commas (or thin/no-break spaces) between groups of three digits; a
    point is a decimal point. Anything else with a comma ("460,00", "5,8") is ambiguous and is
    flagged ``malformed_number`` instead of being guessed.

    With ``decimal_comma``, a number that can only be a European decimal comma ("19,5": one or
    two digits after the comma, at most three before) is read as one, with the flag
    ``decimal_comma``: the caller keeps the reading only when what follows settles it (a scale
    word, unit, currency or percent: "19,5 million tons", "5,8%"), and otherwise flags the number
    malformed ("460,00 seats" may be 460,000 with a digit lost).

    >>> parse_digits("19,5", decimal_comma=True)
    (19.5, ('decimal_comma',))
    >>> parse_digits("2023,15", decimal_comma=True)
    (None, ('malformed_number',))

    >>> parse_digits("4,400")
    (4400.0, ())
    >>> parse_digits("31.4")
    (31.4, ())
    >>> parse_digits("−30.4")
    (-30.4, ())
    >>> parse_digits("1.234.567")
    (1234567.0, ())
    >>> parse_digits("5,8")
    (None, ('malformed_number',))
    >>> parse_digits("12,34,567")
    (None, ('malformed_number',))
    """
    text = text.strip()
    sign = 1.0
    if text and text[0] in MINUS_SIGNS:
        sign, text = -1.0, text[1:]
    if _PLAIN.match(text):
        return sign * float(text), ()
    if _THOUSANDS.match(text):
        return sign * float(text.replace(",", "")), ()
    if _THOUSANDS_SPACE.match(text):
        return sign * float(re.sub(r"[\u00a0\u202f ]", "", text)), ()
    if _DOT_GROUPS.match(text):
        return sign * float(text.replace(".", "")), ()
    if decimal_comma and _DECIMAL_COMMA.match(text):
        return sign * float(text.replace(",", ".")), ("decimal_comma",)
    return None, ("malformed_number",)


def _tokens(phrase: str) -> list[str]:
    return [t for t in re.split(r"[\s\-‐–]+", phrase.lower().strip()) if t]


def words_to_number(phrase: str, words: Mapping[str, NumberWord]) -> float | None:
    """Value of a number spelled in words, or None if the phrase is not one.

    Handles "six", "sixty-five", "two hundred and ten", "one and a half", "a third",
    "two-thirds", "half", "three quarters".

    >>> words_to_number("two hundred and ten", WORDS)
    210.0
    >>> words_to_number("a third", WORDS)
    0.3333333333333333
    >>> words_to_number("half", WORDS)
    0.5
    >>> words_to_number("three quarters", WORDS)
    0.75
    >>> words_to_number("a hundred", WORDS)
    100.0
    >>> words_to_number("and", WORDS) is None
    True
    """
    tokens = _tokens(phrase)
    if not tokens:
        return None
    total = current = 0.0
    seen_number = False
    fraction_of: float | None = None  # "one and a half": the whole part before "and a"
    i = 0
    while i < len(tokens):
        token = tokens[i]
        word = words.get(token)
        if token == "and":
            i += 1
            continue
        if token in ("a", "an"):
            # "a third", "one and a half": an implicit numerator of one before a denominator
            nxt = words.get(tokens[i + 1]) if i + 1 < len(tokens) else None
            if nxt is not None and nxt.role == "hundred" and not seen_number:
                i += 1  # "a hundred": an implicit one
                continue
            if nxt is None or nxt.role != "denominator":
                return None
            if seen_number:
                fraction_of, total, current, seen_number = total + current, 0.0, 0.0, False
            current, seen_number = 1.0, True
            i += 1
            continue
        if word is None:
            return None
        if word.role == "unit" or word.role == "ten":
            current += word.value
            seen_number = True
        elif word.role == "hundred":
            current = (current or 1.0) * word.value
            seen_number = True
        elif word.role == "denominator":
            numerator = total + current if seen_number else 1.0
            value = numerator / word.value
            return (fraction_of or 0.0) + value if i == len(tokens) - 1 else None
        else:
            return None
        i += 1
    return total + current if seen_number else None


def combine_scaled(parts: list[tuple[float, float]]) -> float:
    """Sum of number x scale parts: "1 trillion 100 billion" -> 1.1e12.

    >>> combine_scaled([(1, 1e12), (100, 1e9)])
    1100000000000.0
    """
    return float(sum(number * scale for number, scale in parts))


def significant_decimals(text: str) -> int:
    """Decimal places as written, for tolerances downstream: "31.4" -> 1, "4,400" -> 0.

    >>> significant_decimals("1.35"), significant_decimals("19,5")
    (2, 1)
    """
    if _DECIMAL_COMMA.match(text.strip()):
        text = text.replace(",", ".")
    match = re.search(r"\.(\d+)\s*$", text.replace(",", ""))
    return len(match.group(1)) if match else 0


# A small table for the doctests above; the real one is rules/numbers.yaml.
WORDS = {
    **{w: NumberWord(v, "unit") for v, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve".split())},
    **{w: NumberWord(v, "ten") for v, w in zip(range(20, 100, 10),
       "twenty thirty forty fifty sixty seventy eighty ninety".split())},
    "hundred": NumberWord(100, "hundred"),
    "half": NumberWord(2, "denominator"), "third": NumberWord(3, "denominator"),
    "thirds": NumberWord(3, "denominator"), "quarters": NumberWord(4, "denominator"),
}
