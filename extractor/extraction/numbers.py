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

import math
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
    >>> parse_digits("9" * 400)
    (None, ('malformed_number',))
    """
    value, flags = _read_digits(text, decimal_comma)
    if value is not None and not math.isfinite(value):
        return None, ("malformed_number",)  # more digits than a float holds: flagged, never inf
    return value, flags


def _read_digits(text: str, decimal_comma: bool) -> tuple[float | None, tuple[str, ...]]:
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


_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def _tokens(phrase: str) -> list[str]:
    return [t for t in re.split(r"[\s\-‐–]+", phrase.lower().strip()) if t]


@dataclass(frozen=True)
class WordNumber:
    """A number spelled in words, found by :func:`parse_word_numbers` in a run of words."""

    value: float
    start: int  # offsets into the run's text
    end: int
    scale: float = 1.0  # the largest scale word in it ("two million three hundred": 1e6), 1 when none
    fraction: bool = False  # it ends in a fraction word ("two thirds", "one and a half")


def words_to_number(phrase: str, words: Mapping[str, NumberWord],
                    scales: Mapping[str, float] | None = None) -> float | None:
    """Value of a number spelled in words, or None if the whole phrase is not one number.

    Handles "six", "sixty-five", "two hundred and ten", "one and a half", "a third",
    "two-thirds", "half", "three quarters", and with ``scales`` "two thousand and two hundred",
    "one and a half million", "two point five billion".

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
    >>> words_to_number("and", WORDS) is None, words_to_number("two and three", WORDS) is None
    (True, True)
    >>> words_to_number("two thousand and two hundred", WORDS, SCALES)
    2200.0
    """
    found = parse_word_numbers(phrase, words, scales or {})
    if len(found) == 1 and found[0].start == 0 and found[0].end == len(phrase.strip()):
        return found[0].value
    return None


def parse_word_numbers(text: str, words: Mapping[str, NumberWord],
                       scales: Mapping[str, float]) -> list[WordNumber]:
    """Every number spelled in a run of words, longest first from left to right: a run may hold
    several ("two and three" is two numbers, "one hundred and six" one).

    The grammar is the usual English one. Tens take a unit after them ("sixty-five"), "hundred"
    multiplies what comes before ("ninety-five hundred" is 9,500), scale words close a group and
    may follow one another ("three lakh crore"), "and" joins a hundred or a scale to what follows
    ("two thousand and two") and a whole to its fraction ("twenty and three fifths"). A fraction
    word divides what comes before it ("five eighths", "one hundred thirty fifths" is 100/35),
    may be of the scale after it ("half a million", "one billion and a quarter million") or of the
    scale before "and" ("one million and a half"). "point" starts decimals, a digit per word or
    one number below a hundred ("two hundred point zero three", "nought point eleven").

    >>> [(n.value, n.scale) for n in parse_word_numbers("twenty-one trillion three hundred", WORDS, SCALES)]
    [(21000000000300.0, 1000000000000.0)]
    >>> [n.value for n in parse_word_numbers("one hundred thirty fifths", WORDS, SCALES)]
    [2.857142857142857]
    >>> [n.value for n in parse_word_numbers("one hundred and thirty fifths", WORDS, SCALES)]
    [26.0]
    >>> [n.value for n in parse_word_numbers("one hundred and three quarters", WORDS, SCALES)]
    [100.75]
    >>> [n.value for n in parse_word_numbers("one billion and a half million", WORDS, SCALES)]
    [1000500000.0]
    >>> [n.value for n in parse_word_numbers("two and a half million", WORDS, SCALES)]
    [2500000.0]
    >>> [n.value for n in parse_word_numbers("two thirds of a million", WORDS, SCALES)]
    [666666.6666666666]
    >>> [n.value for n in parse_word_numbers("two hundred point zero three", WORDS, SCALES)]
    [200.03]
    >>> [(n.value, n.start, n.end) for n in parse_word_numbers("two and three", WORDS, SCALES)]
    [(2.0, 0, 3), (3.0, 8, 13)]
    >>> [(n.value, n.start) for n in parse_word_numbers("a three-foot trip", WORDS, SCALES)]
    [(3.0, 2)]
    >>> [n.value for n in parse_word_numbers("one twenty-fifth", WORDS, SCALES)]
    [0.04]
    """
    tokens = [(m.group().lower(), m.start(), m.end()) for m in _WORD.finditer(text)]
    kinds = [_kind(t, words, scales) for t, _, _ in tokens]
    out: list[WordNumber] = []
    i = 0
    while i < len(tokens):
        if kinds[i][0] in ("and", "of", "point", None, "share") or kinds[i][0] == "a" and not _a_starts(kinds, i):
            i += 1
            continue
        parsed = _parse_from(tokens, kinds, i)
        if parsed is None:
            i += 1
            continue
        value, j, scale, fraction = parsed
        out.append(WordNumber(value, tokens[i][1], tokens[j - 1][2], scale, fraction))
        i = j
    return out


def _kind(token: str, words: Mapping[str, NumberWord], scales: Mapping[str, float]) -> tuple[str | None, float]:
    word = words.get(token)
    if word is not None:
        if word.role == "unit":
            v = word.value
            return ("zero" if v == 0 else "digit" if v < 10 else "teen"), v
        if word.role == "ordinal_share":
            return "share", word.value
        return {"ten": "ten", "hundred": "hundred", "denominator": "den"}.get(word.role), word.value
    if token in scales:
        return "scale", scales[token]
    if token in ("a", "an"):
        return "a", 1.0
    if token in ("and", "of", "point"):
        return token, 0.0
    return None, 0.0


def _a_starts(kinds, i: int) -> bool:
    """ "a"/"an" starts a number before "hundred", a scale word or a fraction word."""
    return i + 1 < len(kinds) and kinds[i + 1][0] in ("hundred", "scale", "den")


def _and_continues(kinds, i: int, last: str | None) -> bool:
    """Whether the "and" at ``i`` joins what follows to the number: after "hundred" or a scale
    word before more of the number ("one hundred and six"), or before a fraction ("one and a
    half", "twenty and three fifths")."""
    nxt = kinds[i + 1][0] if i + 1 < len(kinds) else None
    if last in ("hundred", "scale") and nxt in ("digit", "teen", "ten", "zero", "a"):
        return True
    for k in range(i + 1, min(i + 4, len(kinds))):  # a numerator, then a fraction word
        kind = kinds[k][0]
        if kind == "den":
            return k > i + 1
        if kind not in ("digit", "teen", "ten", "a"):
            return False
    return False


def _parse_from(tokens, kinds, i0: int):
    """The longest number starting at token ``i0``: (value, end token, top scale, is a fraction)."""
    n = len(tokens)
    total = group = 0.0  # closed scale groups; the group being built (below a scale word)
    last = None  # the kind of the previous token
    last_scale = math.inf
    top = 1.0
    seen = False
    and_value = None  # the number before the last "and", and what came after it
    after_and: list[str] = []
    and_after_scale = False
    ten_value = 0.0  # the last ten word's value, for "thirty fifths" (a 35th)
    best = None
    i = i0
    while i < n:
        kind, v = kinds[i]
        if kind == "a":
            if not (i == i0 or last in ("and", "of", "den")) or not _a_starts(kinds, i):
                break
            last = "a"
            i += 1
            continue
        if kind == "and":
            if not seen or not _and_continues(kinds, i, last):
                break
            and_value, after_and, and_after_scale = total + group, [], last == "scale"
            last = "and"
            i += 1
            continue
        if kind == "of":  # only "two thirds of a million"
            if last != "den" or i + 2 >= n or kinds[i + 1][0] != "a" or kinds[i + 2][0] != "scale":
                break
            last = "of"
            i += 1
            continue
        if kind in ("digit", "teen", "zero"):
            if last in ("digit", "teen", "zero", "den") or last == "ten" and kind != "digit":
                break
            group += v
            seen = True
        elif kind == "ten":
            compound_ordinal = i + 1 < n and kinds[i + 1][0] == "den" and kinds[i + 1][1] < 10
            if last in ("teen", "zero", "den") or last in ("digit", "ten") and not compound_ordinal:
                break  # ... but "one twenty-fifth", "twenty twenty fifths": a numerator, then a 25th
            ten_value = v
            group += v
            seen = True
        elif kind == "hundred":
            if last == "a":
                group = 100.0
            elif last in ("digit", "teen", "ten"):  # "two hundred", "ninety-five hundred"
                group *= 100
            else:
                break
            seen = True
        elif kind == "scale":
            if last == "a":
                group = 1.0
            if last == "scale" and group == 0 and v > last_scale:  # "three lakh crore"
                total *= v
            elif group == 0 or v >= last_scale or last in ("and", "of"):
                break
            else:
                total += group * v
                group = 0.0
            last_scale, top = v, max(top, v)
            seen = True
        elif kind == "den":
            parsed = _fraction(tokens, kinds, i, i0, last, total, group, and_value, after_and, and_after_scale,
                               last_scale, ten_value)
            if parsed is None:
                break
            return _after_fraction(tokens, kinds, i, parsed, top) or best
        elif kind == "point":
            decimal = _decimals(kinds, i + 1) if seen else None
            if decimal is None:
                break
            digits, j = decimal
            value = total + group + digits
            if j < n and kinds[j][0] == "scale" and kinds[j][1] < last_scale:
                return value * kinds[j][1], j + 1, max(top, kinds[j][1]), False
            return value, j, top, False
        else:
            break
        if last == "and" or after_and:
            after_and.append(kind)
        last = kind
        i += 1
        if seen:
            best = (total + group, i, top, False)
    return best


def _fraction(tokens, kinds, i, i0, last, total, group, and_value, after_and, and_after_scale, last_scale,
              ten_value):
    """(base, whole, numerator, denominator, scale of the fraction) at the fraction word ``i``."""
    den = kinds[i][1]
    if last in (None, "a") and i == i0 or last == "a" and and_value is None:  # "half", "a third"
        return 0.0, 0.0, 1.0, den, 1.0
    if last == "a":  # "one and a half", "one million and a half"
        return (and_value, 0.0, 1.0, den, last_scale) if and_after_scale else (0.0, and_value, 1.0, den, 1.0)
    if last not in ("digit", "teen", "ten", "hundred", "zero", "scale"):
        return None
    if and_value is not None and after_and == ["digit"]:  # "twenty and three fifths"
        numerator = total + group - and_value
        if and_after_scale:
            return and_value, 0.0, numerator, den, last_scale
        return 0.0, and_value, numerator, den, 1.0
    if last == "ten" and den < 10 and after_and[-1:] != ["ten"] and total + group - ten_value > 0:
        return 0.0, 0.0, total + group - ten_value, ten_value + den, 1.0  # "one hundred thirty fifths"
    return 0.0, 0.0, total + group, den, 1.0


def _after_fraction(tokens, kinds, i, parsed, top):
    """A fraction may be of the scale word after it: "half a million", "two thirds of a million"."""
    base, whole, numerator, den, of_scale = parsed
    n = len(kinds)
    j = i + 1
    k = j
    if k < n and kinds[k][0] == "of" and k + 2 < n and kinds[k + 1][0] == "a" and kinds[k + 2][0] == "scale":
        k += 2
    elif k < n and kinds[k][0] == "a" and k + 1 < n and kinds[k + 1][0] == "scale":
        k += 1
    if k < n and kinds[k][0] == "scale":
        scale = kinds[k][1]
        return base + (whole + numerator / den) * scale, k + 1, max(top, scale), False
    return base + whole + numerator / den * of_scale, j, top, True


def _decimals(kinds, j: int):
    """The decimals after "point": a digit per word ("zero three"), or one number below a
    hundred ("seventy-one", "eleven"). (fraction, end token) or None."""
    n = len(kinds)
    if j < n and kinds[j][0] in ("teen", "ten"):
        value, k = kinds[j][1], j + 1
        if kinds[j][0] == "ten" and k < n and kinds[k][0] == "digit":
            value, k = value + kinds[k][1], k + 1
        return value / 100, k
    digits = ""
    k = j
    while k < n and kinds[k][0] in ("digit", "zero"):
        digits += str(int(kinds[k][1]))
        k += 1
    return (float("0." + digits), k) if digits else None


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
    "fifths": NumberWord(5, "denominator"), "fifth": NumberWord(5, "denominator"),
    "thirtieth": NumberWord(30, "denominator"),
}
SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
