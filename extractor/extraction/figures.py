"""The rule pass: find every figure in a text with the lexicon of ``rules/``.

A figure is built outwards from a number core ("4,400", "1.3", "1.5e6", "3/4", "½", "1 234 567",
"sixty-five", "two and a half million"): a dash range ("5-7"), scale words ("trillion", "1
trillion 100 billion", "25 lakh"), a unit, currency or multiplier after it (glued, spaced,
hyphenated as an adjective or in brackets: "50GB", "3-inch", "20 (kg)"), the unit it is per ("$80
per barrel"), a currency sign before it, a sign word ("minus 5 degrees"), a qualifier before that.
An ambiguous currency ("$", "¥", "pounds") is read from the text (currencies.py). Candidates that
the exclusion rules recognise as dates, times, ordinals, identifiers or period framings are
dropped. Working on characters rather than tokens keeps "KZT2.3 trillion", "T500 billion", "$288"
and "1.8-fold" whole, whatever a tokenizer does with them.

>>> [f.text for f in find_figures("GDP reached $288 billion, up 4.8% in 2024.")]
['$288 billion', '4.8%']
>>> [(f.text, f.unit) for f in find_figures("Brent rose to $82 per barrel; the 6.1-inch phone has 256GB.")]
[('$82 per barrel', 'USD/bbl'), ('6.1-inch', 'in'), ('256GB', 'GB')]
"""

from __future__ import annotations

import bisect
import math
import re
import unicodedata
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import MappingProxyType

from ..ruleset.ruleset import RuleSet, compiled_per_ruleset
from .lexicon import Lexicon, Suffix, load_lexicon
from .numbers import combine_scaled, parse_digits, parse_word_numbers
from .units import canonical

CONTEXT = 80  # characters of context the exclusion patterns see on each side
DIGITS = r"\d+(?:[.,]\d+|[\u00a0\u202f]\d{3}(?!\d))*"  # thin/no-break spaces group thousands
_DASH_RANGE = re.compile(rf"\s*[-–—−]\s*(?P<num>{DIGITS})")  # "8−9%" is typeset with a minus sign
_SPACE = re.compile(r"\s*")
_WORD_CHAR = re.compile(r"\w")
# a fraction word is a figure when it is "of" something ("a third of the budget") or the size of
# a change ("fell by a third", "grew by almost a quarter"); alone it is mostly a period or a
# phrase ("the first quarter", "on the other half")
_FRACTION_OF = re.compile(r"\s+of\b")
_FRACTION_BY = re.compile(r"\bby\s+$", re.IGNORECASE)
# ... and the change ends there: a clause break or a word that starts what comes next ("fell by a
# third in 2023", "by half from 2019"), not a noun the ordinal belongs to ("by a third country",
# "followed by a third round")
_FRACTION_BY_END = re.compile(
    r"\s*(?:$|[.,;:!?)\]\"'”’—–]|-\s|(?:in|to|from|over|since|compared|against|versus|vs|on|last|this|"
    r"year-on-year|y/y|and|or|but|as|while|whereas|when|after|between|during|within|amid|due|"
    r"thanks|because|according|despite)\b)", re.IGNORECASE)
DECIMAL_COMMA = "decimal_comma"  # a pending reading of "19,5": kept only before a unit or scale
# Notation beyond plain digits: scientific ("1.5e6", "12.32e+14"), a power ("1.1^23"), a decimal
# without its zero (".08"). Exponents are integers; the base is read by parse_digits.
_EXPONENT = re.compile(r"(?:[eE](?P<e>[+-]?\d{1,3})|\^(?P<p>[+-]?\d{1,3}))(?![\w.^])")
_BARE_DECIMAL = re.compile(r"(?<![\w.,])\.\d+(?![\d.,])")
# thousands grouped by plain spaces ("1 234 567", "40 000", "14 740 MW"): read as one number when
# there are two groups or more, a "000" group, or a unit or scale after them; else "in 2023 15
# companies" would be one number
_PLAIN_GROUPS = re.compile(r"(?: \d{3}(?![\d,]|\.\d{3}))+(?:\.\d+)?")
# a fraction in digits, of the denominators news writes ("1/2", "3/4", "5/8"), and mixed ("10 1/2");
# any other "a/b" is a date, a score or a ratio of two figures
_DIGIT_FRACTION = re.compile(r"(?<![\d/.,])(?P<n>\d{1,2})/(?P<d>[234568]|16)(?![\d/])")
_MIXED_FRACTION = re.compile(r"\s+(?P<n>\d{1,2})/(?P<d>[234568]|16)(?![\d/])")
_VULGAR = "½⅓⅔¼¾⅕⅖⅗⅘⅙⅚⅛⅜⅝⅞"
_VULGAR_FRACTION = re.compile(rf"(?:(?<!\d)(?P<whole>\d+))?(?P<f>[{_VULGAR}])")  # "½", "2½"; linear in long digit runs
# "one over three", "2000 over 3", "one out of three": a ratio of two numbers that ends its clause
# (before a noun, "645 out of 655 facilities" is two counts)
_RATIO = re.compile(r"\s+(?P<word>over|out\s+of|in)\s+", re.IGNORECASE)
# "one in 10": a part of a whole, read as a share wherever it stands ("one in 10 children missed
# out"); "2000 over 3", "one out of three" only where they end their clause ("over 3 years" is a
# span, and "645 out of 655 planned facilities" two counts)
_SHARE_RATIO_WORDS = frozenset({"in"})
# A height in feet and inches is one length: "6-foot-5", "5 feet 10 inches", "6ft 2in"
_INCHES_AFTER_FEET = re.compile(r"(?:(?P<hyphen>-)|\s+(?:and\s+)?)(?P<n>\d{1,2})(?!\d|[.,]\d)"
                                r"(?P<inch>[-\s]?(?:inches|inch|in\b\.?|″|\"))?", re.IGNORECASE)
_CLAUSE_END = re.compile(r"\s*(?:$|[.,;:!?)\]])")
_BRACKETED = re.compile(r"\s?(?P<open>[(\[{<])")
_AND = re.compile(r"\s+and\s+", re.IGNORECASE)
_AND_OR_SPACE = re.compile(r"(?:\s+and)?\s+", re.IGNORECASE)
_PLUS_OR = re.compile(r"\bplus\s+or\s+$", re.IGNORECASE)  # "plus or minus 1 point" is a band, not a minus
_CLOSING = {"(": ")", "[": "]", "{": "}", "<": ">"}
_AGE = re.compile(r"-(?:years?|months?|weeks?|days?)-olds?\b", re.IGNORECASE)
# a rate is per a measure, never of these: "14% per annum" is a percent, "3 times a year" a multiplier
_NO_RATE_QUANTITIES = frozenset({"ratio", "multiplier"})
_NO_RATE_UNITS = frozenset({"count", "percent", "percentage_point", "times"})


def _parenthesised(unit: str) -> str:
    return f"({unit})" if "/" in unit or re.search(r"(?<!\*)\*(?!\*)", unit) else unit


@dataclass(frozen=True)
class Figure:
    """One figure found in a text; offsets are character offsets into that text."""

    start: int
    end: int
    text: str
    value: float | None
    unit: str  # canonical unit; "count" when the number counts things
    qualifier: str = "exact"
    value_high: float | None = None  # the upper end of a range written in one span
    rule: str = "number"  # rule ids that built it, joined by "+"
    flags: tuple[str, ...] = ()
    number_start: int = 0  # where the number itself starts (after a currency sign)
    scale: float = 1.0  # the scale factor applied ("trillion" -> 1e12), 1 when none
    time: bool = False
    direction: str = "none"  # for multiplier words: "halved" is down

    @property
    def scaled(self) -> bool:
        return self.scale != 1.0

    @property
    def value_low(self) -> float | None:
        return self.value


@dataclass
class _Candidate:
    start: int
    end: int
    number_text: str
    value: float | None
    is_words: bool
    flags: list[str] = field(default_factory=list)
    value_high: float | None = None
    scale: float = 1.0
    scaled: bool = False
    unit: str | None = None
    suffix: Suffix | None = None
    prefix_start: int | None = None
    rules: list[str] = field(default_factory=list)
    fraction: bool = False  # a fraction as written ("two thirds", "3/4", "½"), not a decimal
    ambiguous: str = ""  # the ambiguous currency entry its sign or noun needs read ("dollar")


class FigureScanner:
    """Compiled patterns of one lexicon; ``scan(text)`` returns the figures of a text."""

    def __init__(self, lexicon: Lexicon):
        self.lex = lexicon
        # a run of number words, scale words and the words that join them, read by
        # numbers.parse_word_numbers ("two thousand and two", "one and a half million", "five
        # eighths", "two point five"): it starts with a number word, or "a" before "hundred", a
        # scale or a fraction word ("a dozen", "a third")
        numbers = {w for w, nw in lexicon.number_words.items() if nw.role not in ("ordinal_share", "sign")}
        self.word_scales = MappingProxyType({w: f for w, f in lexicon.scales.items() if w.isalpha()})
        after_a = {w for w in numbers if lexicon.number_words[w].role in ("hundred", "denominator")} | set(self.word_scales)
        vocab = numbers | set(self.word_scales) | {"and", "a", "an", "point", "of"}

        def alternation(items):
            return "(?:" + "|".join(map(re.escape, sorted(items, key=len, reverse=True))) + ")"

        joint = r"(?:\s+|\s*[-‐]\s*)"
        self.word_run = re.compile(
            rf"\b(?:{alternation(numbers)}|an?{joint}{alternation(after_a)})(?:{joint}{alternation(vocab)})*"
            r"(?:\b|(?=fold\b))", re.IGNORECASE)
        percents = sorted((s.text for s in lexicon.suffixes if s.unit == "percent" and s.text[0].isalpha()),
                          key=len, reverse=True)
        self.percent_of = re.compile(r"(?:^|(?<=[\s(]))(?P<p>(?:" + "|".join(map(re.escape, percents))
                                     + r")s?)\s+of\s+$", re.IGNORECASE)
        signs = [w for w, nw in lexicon.number_words.items() if nw.role == "sign"]
        # "minus 5 degrees", "negative one": a sign word right before the number
        self.sign_word = re.compile(r"(?:^|(?<=\W))(?P<w>" + "|".join(map(re.escape, signs)) + r")\s+$",
                                    re.IGNORECASE) if signs else None
        # digits glued to letters ("KZT2.3", "G20") are candidates too: a currency prefix claims
        # the first, the glued_to_letters exclusion drops the second
        self.digits = re.compile(rf"(?<![\d.,]){DIGITS}")
        scale_words = sorted(lexicon.scales, key=len, reverse=True)
        self.scale = re.compile(
            # a full stop belongs to an abbreviation ("5 bln. tenge"), not to the sentence's end
            r"(?:\s+|-)(?P<word>" + "|".join(map(re.escape, scale_words)) + r")\b(?:\.(?=\s*(?-i:[a-z])))?",
            re.IGNORECASE)
        attached = sorted(lexicon.attached_scales, key=len, reverse=True)
        self.attached_scale = re.compile(r"(?P<word>" + "|".join(map(re.escape, attached)) + r")(?![\w])")
        self.compound = re.compile(rf"\s+(?:and\s+)?(?P<num>{DIGITS})(?=\s*[A-Za-z])")
        shares = [w for w, nw in lexicon.number_words.items()
                  if nw.role == "ordinal_share" or nw.role == "denominator" and not w.endswith("s") and w != "half"]
        self.every = re.compile(r"\bevery\s+(?P<word>" + "|".join(map(re.escape, shares)) + r")\b",
                                re.IGNORECASE) if shares else None
        mult = sorted(lexicon.multiplier_words, key=len, reverse=True)
        self.multiplier_word = re.compile(r"\b(?:" + "|".join(map(re.escape, mult)) + r")\b", re.IGNORECASE)
        quals = sorted(lexicon.qualifiers, key=len, reverse=True)
        # the qualifier words right before a figure, to strip from the text a context cue reads
        self.trailing_qualifiers = re.compile(
            r"(?:\b(?:" + "|".join(map(re.escape, quals)) + r")\s+)+$", re.IGNORECASE)
        self.qualifier = re.compile(r"(?:^|(?<=\W))(?P<q>" + "|".join(map(re.escape, quals)) + r")\s+$",
                                    re.IGNORECASE)
        prefixes = sorted(lexicon.prefixes, key=len, reverse=True)
        # a currency sign or code right before the number, with at most one space: "$288", "KZT 5";
        # a minus may stand between them ("KZT -2,181 million")
        self.prefix_before = re.compile(r"(?P<p>" + "|".join(map(re.escape, prefixes)) + r")[ \u00a0]?(?P<minus>[-−])?$")
        self.countries = lexicon.countries
        # every suffix by its length and lower-cased text: a lookup per length at a position,
        # longest first, instead of a test of each of the lexicon's thousands of spellings
        index: dict[int, dict[str, list[Suffix]]] = {}
        for suffix in lexicon.suffixes:  # longest first already; equal texts keep the lexicon's order
            index.setdefault(len(suffix.text), {}).setdefault(suffix.text.lower(), []).append(suffix)
        self.suffix_index = tuple(sorted(index.items(), reverse=True))
        self.suffix_starts = frozenset(s.text[0].lower() for s in lexicon.suffixes)
        rate_words = sorted(lexicon.rate_words, key=len, reverse=True)
        self.rate_word = re.compile(
            r"(?:\s*/\s*|\s+(?:" + "|".join(re.escape(w) for w in rate_words if w != "/") + r")\s+)",
            re.IGNORECASE) if rate_words else None
        self.vague = lexicon.vague  # "tens of thousands (of families)": flagged, never a value (rules/vague.yaml)

    # ------------------------------------------------------------------ number cores

    def cores(self, text: str) -> list[_Candidate]:
        found: list[_Candidate] = []
        for m in self.digits.finditer(text):
            found.append(self._digit_core(text, m.start(), m.end()))
        for m in _BARE_DECIMAL.finditer(text):
            found.append(_Candidate(m.start(), m.end(), m.group(), float("0" + m.group()), False))
        for m in _DIGIT_FRACTION.finditer(text):
            if int(m.group("n")) < int(m.group("d")):
                found.append(_Candidate(m.start(), m.end(), m.group(), int(m.group("n")) / int(m.group("d")),
                                        False, fraction=True, rules=["digit_fraction"]))
        for m in _VULGAR_FRACTION.finditer(text):
            whole = float(m.group("whole")) if m.group("whole") else 0.0
            found.append(_Candidate(m.start(), m.end(), m.group(), whole + unicodedata.numeric(m.group("f")),
                                    False, fraction=True, rules=["vulgar_fraction"]))
        for m in self.word_run.finditer(text):
            for n in parse_word_numbers(m.group(), self.lex.number_words, self.word_scales):
                s, e = m.start() + n.start, m.start() + n.end
                c = _Candidate(s, e, text[s:e], n.value, True, scale=n.scale, scaled=n.scale != 1.0,
                               fraction=n.fraction)
                if c.scaled:
                    c.rules.append("scale")
                found.append(c)
        found.sort(key=lambda c: (c.start, -c.end))
        return found

    def _digit_core(self, text: str, start: int, end: int) -> _Candidate:
        """A number in digits at ``start:end``, with the notation that may follow it: an
        exponent, more thousands groups after plain spaces, a mixed fraction."""
        number = text[start:end]
        groups = _PLAIN_GROUPS.match(text, end) if re.fullmatch(r"\d{1,3}", number) else None
        if groups and self._plain_groups_count(text, groups):
            end = groups.end()
        value, flags = parse_digits(text[start:end], decimal_comma=True)
        c = _Candidate(start, end, text[start:end], value, False, list(flags))
        exponent = _EXPONENT.match(text, end)
        if exponent and value is not None and not flags:
            power = int(exponent.group("e") or exponent.group("p"))
            try:
                c.value = value * 10.0 ** power if exponent.group("e") else value ** power
            except OverflowError:
                c.value = math.inf
            if not math.isfinite(c.value):  # "1e309": beyond a float; flagged, never re-read as 309
                c.value, c.flags = None, [*c.flags, "malformed_number"]
            c.end, c.number_text = exponent.end(), text[start:exponent.end()]
            c.rules.append("exponent")
            return c
        mixed = _MIXED_FRACTION.match(text, end)
        if mixed and value is not None and not flags and float(value).is_integer() \
                and int(mixed.group("n")) < int(mixed.group("d")):
            c.value = value + int(mixed.group("n")) / int(mixed.group("d"))
            c.end, c.number_text, c.fraction = mixed.end(), text[start:mixed.end()], True
            c.rules.append("digit_fraction")
        return c

    def _plain_groups_count(self, text: str, groups: re.Match) -> bool:
        """Whether digits grouped by plain spaces are one number: two groups or more, a "000"
        group, or a unit, currency or scale right after."""
        parts = groups.group().split()
        if len(parts) >= 2 or "000" in parts:
            return True
        return bool(self._suffix_at(text, groups.end()) or self.scale.match(text, groups.end()))

    # ------------------------------------------------------------------ extending a core

    def extend_range(self, text: str, c: _Candidate) -> None:
        m = _DASH_RANGE.match(text, c.end)
        if not m or c.value is None or _looks_like_year(c.number_text):
            return
        high, flags = parse_digits(m.group("num"), decimal_comma=True)
        if high is None or _looks_like_year(m.group("num")) or high <= c.value:
            return
        if self.digits.match(text, m.start("num")) is None:
            return
        if high >= 1000 and c.value < 1000 and c.value * 1000 <= high and float(c.value).is_integer() \
                and re.fullmatch(r"\d{1,3}", c.number_text) and re.search(r"[,\u00a0\u202f ]000$", m.group("num")):
            c.value *= 1000  # "275-295,000 tons": the low end is in the high end's thousands
        c.value_high, c.end = high, m.end()
        if DECIMAL_COMMA in flags and DECIMAL_COMMA not in c.flags:
            c.flags.append(DECIMAL_COMMA)  # "19,5-21,7 million tons": settled as one
        c.rules.append("range")

    def extend_scale(self, text: str, c: _Candidate) -> None:
        if c.is_words and c.scaled:
            return  # numbers.parse_word_numbers took every scale word it could
        m = self.attached_scale.match(text, c.end) if not c.is_words else None
        not_before = self.lex.attached_scale_not_before.get(m.group("word")) if m else None
        if not_before is not None and not_before.match(text, m.end()):
            m = None  # "9M 2023": a period label, not nine million
        glued_unit = self._suffix_at(text, c.end, attached_only=True) if m else None
        if m and (glued_unit is None or glued_unit[1] <= m.end()):  # "5km" is no 5k m; "$3m" no 3 metres
            factor = self.lex.attached_scales[m.group("word")]
        else:
            m = self.scale.match(text, c.end)
            if not m:
                return
            factor = self.lex.scales[m.group("word").lower()]
        parts = [(c.value, factor)] if c.value is not None else []
        end = m.end()
        # "1 trillion 100 billion tenge": smaller scaled parts that follow add up to one figure
        while c.value is not None:
            n = self.compound.match(text, end)
            s = self.scale.match(text, n.end()) if n else None
            if not (n and s) or self.lex.scales[s.group("word").lower()] >= parts[-1][1]:
                break
            small, _ = parse_digits(n.group("num"))
            if small is None:
                break
            parts.append((small, self.lex.scales[s.group("word").lower()]))
            end = s.end()
            c.rules.append("compound")
        tail = self._compound_tail(text, end, parts[-1][1]) if c.value is not None else None
        if tail:  # "4 thousand 3 hundred and 21", "6 crore and two hundred", "3 million and a half"
            parts.append((tail[0], 1.0))
            end = tail[1]
            c.rules.append("compound")
        c.scale, c.scaled, c.end = factor, True, end
        if c.value is not None:
            c.value = combine_scaled(parts)
        if c.value_high is not None:
            c.value_high *= factor
        c.rules.append("scale")

    def _compound_tail(self, text: str, pos: int, last_scale: float) -> tuple[float, int] | None:
        """What "and" adds after a scaled number: a smaller number with no scale or unit of its
        own ("3 hundred and 21 yuan", "6 crore and two hundred"), or a fraction of the scale ("3
        million and a half"); digits only after "hundred", and words with no unit after them ("£2m and
        50p", "£2m and fifty pence" are two amounts). (amount, end) or None."""
        m = _AND.match(text, pos)
        if not m:
            return None
        digits = self.digits.match(text, m.end())
        if digits:
            small, flags = parse_digits(digits.group())
            after = digits.end()
            if small is None or flags or _looks_like_year(digits.group()) or small >= last_scale or last_scale != 100:
                return None
            if self.scale.match(text, after) or self.attached_scale.match(text, after):
                return None
            return small, after
        run = self.word_run.match(text, m.end())
        numbers = parse_word_numbers(run.group(), self.lex.number_words, self.word_scales) if run else []
        if not numbers or numbers[0].start != 0:
            return None
        n = numbers[0]
        if n.fraction and n.value < 1:
            return n.value * last_scale, m.end() + n.end
        if n.scale != 1.0 or n.value >= last_scale or self._suffix_at(text, m.end() + n.end):
            return None
        return n.value, m.end() + n.end

    def _suffix_at(self, text: str, pos: int, attached_only: bool = False, glued: bool = False,
                   per: bool = False) -> tuple[Suffix, int] | None:
        """The longest suffix that may stand at ``pos``, and where it ends. ``glued``: the
        suffix starts right at ``pos`` whatever its kind ("3-inch": after the hyphen); ``per``: a
        rate's denominator, where the per-only units count ("per game")."""
        gap = pos if glued else _SPACE.match(text, pos).end()
        spaced = gap > pos
        if attached_only and spaced or text[gap:gap + 1].lower() not in self.suffix_starts:
            return None
        for length, by_text in self.suffix_index:
            candidate = text[gap:gap + length]
            found = by_text.get(candidate.lower()) if len(candidate) == length else None
            for suffix in found or ():
                if suffix.per_only and not per:
                    continue
                if not spaced and not glued and not suffix.attached and suffix.text[0].isalnum():
                    continue
                end = gap + length
                if suffix.text[-1].isalnum() and end < len(text) and _WORD_CHAR.match(text[end]):
                    continue
                if suffix.not_before:
                    rest = text[end:end + 30].lstrip().lower()
                    if any(rest.startswith(p.lower()) for p in suffix.not_before):
                        continue
                # an upper-case code must be written in upper case ("5 ha" yes, "5 HA" fine, "5 Kwh" no)
                if (suffix.text.isupper() or suffix.exact_case) and candidate != suffix.text:
                    continue
                return suffix, end
        return None

    def extend_suffix(self, text: str, c: _Candidate, start: int | None = None) -> None:
        hit = self._suffix_at(text, c.end) or self._bracketed_unit(text, c.end) \
            or self._hyphenated_unit(text, c, c.start if start is None else start)
        if not hit:
            return
        suffix, end = hit
        if suffix.multiplier and c.scaled:
            return
        c.suffix, c.unit, c.end = suffix, suffix.unit, end
        c.ambiguous = suffix.ambiguous
        if suffix.scale != 1.0:  # "59 bcm" is 59e9 m**3, "25 bp" 0.25 percentage_point
            c.value = c.value * suffix.scale if c.value is not None else None
            c.value_high = c.value_high * suffix.scale if c.value_high is not None else None
            c.scale, c.scaled = c.scale * suffix.scale, True
        c.rules.append(suffix.rule)
        self.extend_subunit(text, c)
        self.extend_inches(text, c)

    @staticmethod
    def extend_inches(text: str, c: _Candidate) -> None:
        """Feet and the inches after them are one height, in inches: "he's 6-foot-5" is 77 inch.
        Spaced, the inches say so ("6 feet 2 inches"); a bare number after "6 feet" is another figure."""
        if c.unit != "ft" or c.scaled or c.value is None or c.value_high is not None or not float(c.value).is_integer():
            return
        m = _INCHES_AFTER_FEET.match(text, c.end)
        if not m or int(m.group("n")) >= 12 or not (m.group("hyphen") or m.group("inch")):
            return
        c.value, c.unit, c.end = c.value * 12 + int(m.group("n")), "in", m.end()
        c.rules.append("feet_inches")

    def _bracketed_unit(self, text: str, pos: int) -> tuple[Suffix, int] | None:
        """A unit symbol in brackets right after the number, as tables write it: "20 (kg)"."""
        m = _BRACKETED.match(text, pos)
        if not m:
            return None
        hit = self._suffix_at(text, m.end(), glued=True)
        if hit and hit[0].quantity and text[hit[1]:hit[1] + 1] == _CLOSING[m.group("open")]:
            return hit[0], hit[1] + 1
        return None

    def _hyphenated_unit(self, text: str, c: _Candidate, start: int) -> tuple[Suffix, int] | None:
        """A unit joined to its number by a hyphen, as an adjective: "a 3-inch pipe", "six-mile
        trip", "12-cent dividend", "a 38-percent increase"; an age: "a 5-year-old". Only where no
        exclusion rule reads the hyphen as a compound adjective that is no figure ("three-shift",
        "a 30-day period")."""
        if text[c.end:c.end + 1] not in "-‐" or c.end + 1 >= len(text):
            return None
        age = _AGE.match(text, c.end)
        if age:
            hit = self._suffix_at(text, c.end + 1, glued=True)
            if hit and hit[0].time:
                return hit[0], age.end()
            return None
        hit = self._suffix_at(text, c.end + 1, glued=True)
        # the exclusions that read the hyphen, not those about digits glued to letters
        if not hit or hit[0].time or hit[0].multiplier or self.excluded_by(text, replace(c, unit=hit[0].unit), start):
            return None
        return hit

    def extend_rate(self, text: str, c: _Candidate) -> None:
        """A unit per another: "$80 per barrel" is USD/bbl, "120 miles an hour" mi/h, "20 points
        per game" point/game. Only after money or a measure, only of a unit of the lexicon, and
        not where the denominator dates the figure ("$2 billion a year earlier")."""
        if self.rate_word is None or c.unit is None or c.unit in _NO_RATE_UNITS or c.suffix is not None and (
                c.suffix.multiplier or c.suffix.time or c.suffix.quantity in _NO_RATE_QUANTITIES):
            return
        m = self.rate_word.match(text, c.end)
        if not m:
            return
        hit = self._suffix_at(text, m.end(), glued=True, per=True)
        if not hit or hit[0].multiplier or hit[0].quantity in ("money", "ratio", ""):
            return
        denominator, end = hit
        rest = text[end:end + 30].lstrip().lower()
        if any(rest.startswith(w.lower()) for w in self.lex.rate_not_before):
            return
        try:
            unit = canonical(f"{c.unit}/{_parenthesised(denominator.unit)}", ruleset=self.lex.ruleset).unit
        except ValueError:
            return
        c.unit, c.end = unit, end
        c.rules.append("rate")

    def extend_prefix(self, text: str, c: _Candidate, taken_until: int = -1) -> None:
        if c.is_words:
            return
        # a sign already claimed by the figure before ("5 KZT 10") is not this one's prefix
        m = self.prefix_before.search(text, max(0, c.start - 12, taken_until), c.start)
        if m:
            prefix = m.group("p")
            start = m.start()
            if not (prefix[0].isalpha() and start > 0 and text[start - 1].isalnum()):
                ambiguous = self.lex.ambiguous_prefixes.get(prefix, "")
                rule = f"currencies:{ambiguous or self.lex.prefixes[prefix]}"
                if self._set_currency(c, self.lex.prefixes[prefix], start, rule):
                    c.ambiguous = c.ambiguous or ambiguous
                    if m.group("minus") and c.value is not None:
                        c.value, c.value_high = -c.value, None if c.value_high is None else -c.value_high
                return
        for prefix, code in self.lex.attached_prefixes.items():
            start = c.start - len(prefix)
            if start >= 0 and text[start:c.start] == prefix and (start == 0 or not text[start - 1].isalnum()):
                self._set_currency(c, code, start, f"currencies:{code}:attached")
                return

    @staticmethod
    def _set_currency(c: _Candidate, code: str, start: int, rule: str) -> bool:
        if c.unit and c.unit != code:
            return False  # "$" before and "tenge" after disagree: keep what follows the number
        c.unit, c.prefix_start = code, start
        c.rules.append(rule)
        return True

    def resolve_currency(self, text: str, c: _Candidate, memo: dict) -> None:
        """An ambiguous sign or noun ("$", "¥", "kr", "dollars", "pounds") read from its text
        (currencies.Ambiguity.resolve); the reading and why go into the rule ("dollar=CAD(context:CA)")."""
        ambiguity = self.lex.ambiguities.get(c.ambiguous) if c.ambiguous else None
        if ambiguity is None or self.countries is None or c.unit != ambiguity.default:
            return
        key = (ambiguity.id, c.scaled)
        if key not in memo:
            memo[key] = ambiguity.resolve(text, c.scaled, self.countries)
        unit, why = memo[key]
        c.unit = unit
        c.rules.append(f"{ambiguity.id}={unit}({why})")

    def extend_subunit(self, text: str, c: _Candidate) -> None:
        """Amounts in a currency and its hundredths: "3 dollars 50 cents", "thirteen dollars and
        forty-five cents", "thirteen dollars forty five" (clause-final) are one figure, $3.50."""
        suffix = c.suffix
        if suffix is None or not suffix.currency or suffix.subunit or c.scaled or c.value is None \
                or c.value_high is not None:
            return
        m = _AND_OR_SPACE.match(text, c.end)
        if not m:
            return
        digits = self.digits.match(text, m.end())
        if digits:
            small, flags = parse_digits(digits.group())
            end = digits.end() if not flags else -1
        else:
            run = self.word_run.match(text, m.end())
            numbers = parse_word_numbers(run.group(), self.lex.number_words, self.word_scales) if run else []
            small, end = (numbers[0].value, m.end() + numbers[0].end) if numbers and numbers[0].start == 0 else (None, -1)
        if small is None or end < 0 or not 0 < small < 100 or not float(small).is_integer():
            return
        hit = self._suffix_at(text, end)
        if hit and hit[0].subunit and hit[0].currency == suffix.currency:
            c.value += small * hit[0].scale
            c.end = hit[1]
        elif hit is None and _CLAUSE_END.match(text, end):
            c.value += small / 100
            c.end = end
        else:
            return
        c.rules.append("subunit")

    # ------------------------------------------------------------------ filters

    def excluded_by(self, text: str, c: _Candidate, start: int) -> str | None:
        """Id of the exclusion rule that says this candidate is no figure, or None."""
        before, after = text[max(0, start - CONTEXT):start], text[c.end:c.end + CONTEXT]
        unitless = c.unit is None and not c.scaled
        for rule in self.lex.exclusions:
            if rule.number and not rule.number.match(c.number_text):
                continue
            if rule.figure and not rule.figure.fullmatch(text[c.start:c.end]):
                continue
            if rule.year_like and not (_looks_like_year(c.number_text) and c.value_high is None):
                continue
            if rule.unitless and not unitless:
                continue
            if rule.time_unit and not (c.suffix and c.suffix.time):
                continue
            if rule.before and not rule.before.search(before):
                continue
            if rule.after and not rule.after.match(after):
                continue
            return rule.id
        return None

    def qualifier_before(self, text: str, start: int) -> str:
        window = text[max(0, start - 40):start]
        m = self.qualifier.search(window)
        if not m:
            return "exact"
        qualifier = self.lex.qualifiers[m.group("q").lower()]
        if qualifier == "up_to" and re.search(r"\bto\s+$", window[:m.start()]):
            return "exact"  # "rose to up to 22 trillion" says where it rose to, not a cap
        return qualifier

    # ------------------------------------------------------------------ the pass

    def vague_amounts(self, text: str) -> list[Figure]:
        return [Figure(m.start(), m.end(), m.group(), None, "count", "approx", rule="vague",
                       flags=("vague",), number_start=m.start()) for m in self.vague.finditer(text)]

    def scan(self, text: str) -> list[Figure]:
        figures: list[Figure] = []
        vague = self.vague_amounts(text)
        taken_until = -1
        memo: dict = {}  # the reading of each ambiguous currency in this text
        for c in self.cores(text):
            if c.start < taken_until or any(v.start <= c.start < v.end for v in vague):
                continue
            if c.value is not None and c.value < 1 and c.fraction and c.is_words and not self._fraction_counts(text, c):
                continue  # a bare fraction ("on the other half") is no figure
            self.extend_range(text, c)
            self.extend_scale(text, c)
            self.extend_suffix(text, c)
            self.extend_prefix(text, c, taken_until)
            self.resolve_currency(text, c, memo)
            self.extend_rate(text, c)
            self.extend_ratio(text, c)
            start = c.prefix_start if c.prefix_start is not None else c.start
            if c.unit is None and not c.scaled \
                    and (percent := self._percent_of(text, c, max(taken_until, 0))) is not None:
                start = percent  # "per cent of 210"
                c.unit = "percent"
                c.rules.append("percent_of")
            if c.prefix_start is None and not c.is_words and start > 0 and text[start - 1] in "-−" \
                    and (start == 1 or text[start - 2] in " (\n\t"):
                start -= 1  # a printed minus: "-30.4%"
                c.value = -c.value if c.value is not None else None
            elif c.prefix_start is None and self.sign_word is not None \
                    and (sign := self.sign_word.search(text, max(0, start - 12), start)) \
                    and not _PLUS_OR.search(text, max(0, sign.start() - 12), sign.start()):
                start = sign.start("w")  # "minus 5 degrees", "negative one"
                c.value = -c.value if c.value is not None else None
                c.value_high = -c.value_high if c.value_high is not None else None
                c.rules.append("sign_word")
            if self.excluded_by(text, c, start):
                continue
            if c.is_words and c.unit is None and not c.scaled and not self._standalone(c) \
                    and "sign_word" not in c.rules and "ratio" not in c.rules:
                continue
            figures.append(self._figure(text, c, start))
            taken_until = c.end
        figures = self._add_word_figures(text, figures, vague)
        return [_settle_decimal_comma(f) for f in distribute_units(text, figures)]

    def extend_ratio(self, text: str, c: _Candidate) -> None:
        """ "one over three", "2000 over 3", "one out of three", "one in 10": a ratio of two plain
        numbers is one figure, their quotient. With "over" or "out of", only where it ends the
        clause; "in" is a part of a whole anywhere ("one in 10 children"): the smaller, whole."""
        if c.unit is not None or c.scaled or c.value is None or c.value_high is not None:
            return
        m = _RATIO.match(text, c.end)
        if not m:
            return
        digits = self.digits.match(text, m.end())
        if digits:
            value, flags = parse_digits(digits.group())
            end = digits.end()
            if flags or _looks_like_year(digits.group()):
                return
        else:
            run = self.word_run.match(text, m.end())
            numbers = parse_word_numbers(run.group(), self.lex.number_words, self.word_scales) if run else []
            if not numbers or numbers[0].start != 0 or numbers[0].fraction:
                return
            value, end = numbers[0].value, m.end() + numbers[0].end
        if not value:
            return
        share = m.group("word").lower() in _SHARE_RATIO_WORDS
        if share:
            if not (float(c.value).is_integer() and float(value).is_integer() and 0 < c.value < value) \
                    or self._suffix_at(text, end) or self.scale.match(text, end):
                return  # "5 in 10 km", "3 in 2 million": no part of a whole
        elif not _CLAUSE_END.match(text, end):
            return
        c.value, c.end, c.fraction = c.value / value, end, True
        c.number_text = text[c.start:end]
        c.rules.append("ratio")

    def _percent_of(self, text: str, c: _Candidate, taken_until: int) -> int | None:
        """Where "per cent of" starts before a plain number that ends its clause ("per cent of
        210", "percents of twenty"): the percent written first. None when it is not so."""
        m = self.percent_of.search(text, max(taken_until, c.start - 20), c.start)
        if not m or not _CLAUSE_END.match(text, c.end):
            return None
        return m.start("p")

    def _fraction_counts(self, text: str, c: _Candidate) -> bool:
        """Whether a fraction word is a figure: "a third of ...", "fell by (almost) a third", or a
        fraction with its numerator written out ("five eighths", "two thirds") of a denominator
        that is no period ("the last three quarters", "the second half" are parts of a year)."""
        if _FRACTION_OF.match(text, c.end):
            return True
        tokens = re.findall(r"[^\W\d_]+", c.number_text.lower())
        first, last = self.lex.number_words.get(tokens[0]), tokens[-1]
        explicit = first is not None and first.role in ("unit", "ten") or tokens[0] in ("a", "an") \
            and len(tokens) > 2 and tokens[1] in self.lex.number_words and self.lex.number_words[tokens[1]].role == "hundred"
        if explicit and last not in _PERIOD_FRACTIONS:
            return True
        before = self.trailing_qualifiers.sub("", text[max(0, c.start - 60):c.start])
        return bool(_FRACTION_BY.search(before)) and bool(_FRACTION_BY_END.match(text, c.end))

    def _standalone(self, c: _Candidate) -> bool:
        tokens = re.split(r"[\s\-]+", c.number_text.lower())
        return any(self.lex.number_words.get(t) and self.lex.number_words[t].standalone for t in tokens)

    def _figure(self, text: str, c: _Candidate, start: int) -> Figure:
        value, unit, flags = c.value, c.unit or "count", list(c.flags)
        if value is not None and not math.isfinite(value) or c.value_high is not None and not math.isfinite(c.value_high):
            value, c.value_high = None, None  # a scale took it past what a float holds ("1e300 trillion")
            flags.append("malformed_number")
        if c.fraction and value is not None and abs(value) < 1 and unit == "count":
            value, unit = round(value * 100, 2), "percent"  # "two-thirds of", "3/4" is a share
            c.rules.append("fraction")
        if re.match(r"\s+(?:each|apiece)\b", text[c.end:]):
            flags.append("each")
        qualifier = "range" if c.value_high is not None else self.qualifier_before(text, start)
        rule = "+".join(["number_words" if c.is_words else "number", *c.rules])
        return Figure(start, c.end, text[start:c.end], value, unit, qualifier, c.value_high, rule,
                      tuple(flags), c.start, c.scale, bool(c.suffix and c.suffix.time))

    def _add_word_figures(self, text: str, figures: list[Figure], vague: list[Figure]) -> list[Figure]:
        """Multiplier words ("doubled"), shares ("every second"), vague amounts (flagged)."""
        extra: list[Figure] = []
        for m in self.multiplier_word.finditer(text):
            value, direction, rule, not_before = self.lex.multiplier_words[m.group().lower()]
            if any(text[m.end():m.end() + 30].lower().startswith(p.lower()) for p in not_before):
                continue  # "double taxation", "double-digit growth"
            extra.append(Figure(m.start(), m.end(), m.group(), value, "times",
                                self.qualifier_before(text, m.start()), rule=rule,
                                number_start=m.start(), direction=direction))
        if self.every:
            for m in self.every.finditer(text):
                share = 100 / self.lex.number_words[m.group("word").lower()].value
                extra.append(Figure(m.start(), m.end(), m.group(), round(share, 2), "percent",
                                    rule="every_nth", number_start=m.start()))
        merged = sorted(figures + vague, key=lambda f: f.start)
        starts = [f.start for f in merged]
        for fig in sorted(extra, key=lambda f: f.start):
            i = bisect.bisect_left(starts, fig.end)  # figures starting before this one ends
            if i and merged[i - 1].end > fig.start:
                continue
            if any(f.start < fig.end and fig.start < f.end for f in merged[max(0, i - 3):i]):
                continue
            merged.insert(i, fig)
            starts.insert(i, fig.start)
        return merged


_PERIOD_FRACTIONS = frozenset({"half", "halves", "quarter", "quarters"})


def _settle_decimal_comma(fig: Figure) -> Figure:
    """Keep "19,5" as 19.5 when a scale word, unit, currency or percent is on the figure (its own
    or one shared from the next number: "between 5,5 and 6,5 percent"); else it is ambiguous
    ("460,00 seats", "2,5 people") and flagged malformed with no value."""
    if DECIMAL_COMMA not in fig.flags:
        return fig
    flags = tuple(f for f in fig.flags if f != DECIMAL_COMMA)
    if fig.unit != "count" or fig.scaled:
        return replace(fig, flags=flags, rule=fig.rule + "+decimal_comma")
    return replace(fig, value=None, value_high=None, flags=flags + ("malformed_number",))


def _looks_like_year(number_text: str) -> bool:
    """A bare four-digit integer from 1900 to 2100.

    >>> _looks_like_year("2024"), _looks_like_year("2,024"), _looks_like_year("1367")
    (True, False, False)
    """
    return bool(re.fullmatch(r"(?:19|20)\d\d|2100", number_text))


# "or" is left out: "30 or 67%" restates a count as a share, it does not share the unit
_COORDINATION = re.compile(r"^\s*(?:to|and|[-–—])\s*$")
# A bare number in brackets right after a figure, written the way it is ("EBITDA margin of 37.4
# percent (39.0)", "KZT 38,970 million (37,549)"): the same measure a year before, as company
# reports give it, in the figure's unit and scale.
_OPENING = re.compile(r"^\s*\(\s*$")
_CLOSING_AFTER = re.compile(r"\s*\)")
# What may follow a bare number that takes the currency written before the number it is joined
# to ("Rs 631.15 and 631.30 apiece", "from $40 to 55."): punctuation or a word that is no noun of
# its own; "$5 billion and 300 projects" counts projects.
_NO_NOUN_AFTER = re.compile(r"\s*(?:$|[.,;:)!?]|(?:apiece|each|respectively|a\s+piece|per|on|in|at|"
                            r"this|last|from|for|by|against|compared|versus|while|but|with|over|during|since)\b)",
                            re.IGNORECASE)


def distribute_units(text: str, figures: list[Figure]) -> list[Figure]:
    """A unit or scale written once serves the numbers coordinated with it.

    "from 42,500 to 85,000 tenge": 42,500 is tenge too; "from 1.1 to 2.4 trillion tenge": 1.1
    is trillions of tenge; "from six to 20 percent": six is a percent. The span stays as written.
    """
    out = list(figures)
    for i in range(len(out) - 2, -1, -1):
        a, b = out[i], out[i + 1]
        if a.unit != "count" or "vague" in b.flags or a.scaled and not b.scaled:
            continue
        if b.unit == "count" and (not b.scaled or a.scaled):
            continue  # nothing written once to share
        if b.rule.startswith("multipliers") or a.rule.startswith(("multipliers", "every_nth", "vague")):
            continue
        if not _COORDINATION.match(text[a.end:b.start]):
            continue
        value = a.value
        scale = a.scale
        if value is not None and b.scaled and not a.scaled and value < 1000:
            value, scale = value * b.scale, b.scale
        out[i] = replace(a, unit=b.unit, value=value, rule=a.rule + "+shared_unit", time=b.time,
                         scale=scale)
    for i in range(1, len(out)):  # a company report's comparative: "KZT 38,970 million (37,549)"
        a, b = out[i - 1], out[i]
        if b.unit != "count" or b.rule != "number" or (a.unit == "count" and not a.scaled) \
                or a.rule.startswith(("multipliers", "every_nth", "vague")) or a.value_high is not None \
                or not _OPENING.match(text[a.end:b.start]) or not _CLOSING_AFTER.match(text, b.end) \
                or _number_format(a.text) != _number_format(b.text):
            continue
        value = b.value * a.scale if a.scaled and b.value is not None else b.value
        out[i] = replace(b, unit=a.unit, value=value, rule=b.rule + "+comparative", scale=a.scale, time=a.time)
    for i in range(1, len(out)):  # a currency sign before the first number serves the next
        a, b = out[i - 1], out[i]
        if "currencies:" not in a.rule or a.start == a.number_start or b.unit != "count" \
                or b.rule != "number" or not _COORDINATION.match(text[a.end:b.start]) \
                or not _NO_NOUN_AFTER.match(text, b.end):
            continue
        value = b.value * a.scale if a.scaled and b.value is not None and b.value < 1000 else b.value
        out[i] = replace(b, unit=a.unit, value=value, rule=b.rule + "+shared_currency", scale=a.scale)
    return out


def _number_format(figure_text: str) -> tuple[bool, int] | None:
    """How the first number of a figure's text is written: (thousands grouped, decimals)."""
    m = re.search(r"\d[\d,.\u00a0\u202f]*\d|\d", figure_text)
    if m is None:
        return None
    number = m.group()
    decimals = re.search(r"\.(\d+)$", number)
    return bool(re.search(r"\d[,\u00a0\u202f]\d{3}", number)), len(decimals.group(1)) if decimals else 0


@compiled_per_ruleset
def scanner(ruleset: RuleSet) -> FigureScanner:
    """The scanner for a rules folder, compiled once per version of its files."""
    return FigureScanner(load_lexicon(ruleset))


def find_figures(text: str, ruleset: Path | None = None) -> list[Figure]:
    """Every figure of ``text`` found by the rule pass, in order."""
    return scanner(ruleset).scan(text)
