"""The rule pass: find every figure in a text with the lexicon of ``rules/``.

A figure is built outwards from a number core ("4,400", "1.3", "sixty-five"): a dash range
("5-7"), scale words ("trillion", "1 trillion 100 billion"), a unit, currency or multiplier after
it, a currency sign before it, a qualifier before that. Candidates that the exclusion rules
recognise as dates, times, ordinals, identifiers or period framings are dropped. Working on
characters rather than tokens keeps "KZT2.3 trillion", "T500 billion", "$288" and "1.8-fold"
whole, whatever a tokenizer does with them.

>>> [f.text for f in find_figures("GDP reached $288 billion, up 4.8% in 2024.")]
['$288 billion', '4.8%']
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..ruleset.ruleset import RuleSet, compiled_per_ruleset
from .lexicon import Lexicon, Suffix, load_lexicon
from .numbers import combine_scaled, parse_digits, words_to_number

CONTEXT = 80  # characters of context the exclusion patterns see on each side
DIGITS = r"\d+(?:[.,]\d+|[\u00a0\u202f]\d{3}(?!\d))*"  # thin/no-break spaces group thousands
_DASH_RANGE = re.compile(rf"\s*[-–—]\s*(?P<num>{DIGITS})")
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


class FigureScanner:
    """Compiled patterns of one lexicon; ``scan(text)`` returns the figures of a text."""

    def __init__(self, lexicon: Lexicon):
        self.lex = lexicon
        words = sorted((w for w, nw in lexicon.number_words.items() if nw.role != "ordinal_share"),
                       key=len, reverse=True)
        word = "(?:" + "|".join(map(re.escape, words)) + ")"
        self.word_run = re.compile(
            rf"\b(?:an?\s+)?{word}(?:(?:\s+and\s+an?\s+|\s+and\s+|[\s\-‐]+){word})*(?:\b|(?=fold\b))",
            re.IGNORECASE,
        )
        # digits glued to letters ("KZT2.3", "G20") are candidates too: a currency prefix claims
        # the first, the glued_to_letters exclusion drops the second
        self.digits = re.compile(rf"(?<![\d.,]){DIGITS}")
        scale_words = sorted(lexicon.scales, key=len, reverse=True)
        self.scale = re.compile(
            # a full stop belongs to an abbreviation ("5 bln. tenge"), not to the sentence's end
            r"(?:\s+|-)(?P<word>" + "|".join(map(re.escape, scale_words)) + r")\b(?:\.(?=\s*(?-i:[a-z])))?",
            re.IGNORECASE)
        self.fraction_scale = re.compile(
            r"\s+an?\s+(?P<word>" + "|".join(map(re.escape, scale_words)) + r")\b", re.IGNORECASE)
        attached = sorted(lexicon.attached_scales, key=len, reverse=True)
        self.attached_scale = re.compile(r"(?P<word>" + "|".join(map(re.escape, attached)) + r")(?![\w])")
        self.compound = re.compile(rf"\s+(?:and\s+)?(?P<num>{DIGITS})(?=\s*[A-Za-z])")
        shares = [w for w, nw in lexicon.number_words.items()
                  if nw.role == "ordinal_share" or nw.role == "denominator" and not w.endswith("s") and w != "half"]
        self.every = re.compile(r"\bevery\s+(?P<word>" + "|".join(map(re.escape, shares)) + r")\b",
                                re.IGNORECASE) if shares else None
        mult = sorted(lexicon.multiplier_words, key=len, reverse=True)
        self.multiplier_word = re.compile(r"\b(?:" + "|".join(map(re.escape, mult)) + r")\b", re.IGNORECASE)
        # a sentence that can hold a figure: a digit or any word the lexicon reads as a number,
        # scale or multiplier (the statistical model runs only on those)
        cue_words = sorted({*lexicon.number_words, *lexicon.scales, *lexicon.multiplier_words}, key=len, reverse=True)
        self.may_hold = re.compile(r"\d|\b(?:" + "|".join(map(re.escape, cue_words)) + r")", re.IGNORECASE)
        quals = sorted(lexicon.qualifiers, key=len, reverse=True)
        # the qualifier words right before a figure, to strip from the text a context cue reads
        self.trailing_qualifiers = re.compile(
            r"(?:\b(?:" + "|".join(map(re.escape, quals)) + r")\s+)+$", re.IGNORECASE)
        self.qualifier = re.compile(r"(?:^|(?<=\W))(?P<q>" + "|".join(map(re.escape, quals)) + r")\s+$",
                                    re.IGNORECASE)
        prefixes = sorted(lexicon.prefixes, key=len, reverse=True)
        # a currency sign or code right before the number, with at most one space: "$288", "KZT 5"
        self.prefix_before = re.compile(r"(?P<p>" + "|".join(map(re.escape, prefixes)) + r")[ \u00a0]?$")
        # a quick test that some suffix starts here, before the careful per-suffix checks
        self.any_suffix = re.compile("|".join(re.escape(s.text) for s in lexicon.suffixes), re.IGNORECASE)
        self.vague = lexicon.vague  # "tens of thousands (of families)": flagged, never a value (rules/vague.yaml)

    # ------------------------------------------------------------------ number cores

    def cores(self, text: str) -> list[_Candidate]:
        found: list[_Candidate] = []
        for m in self.digits.finditer(text):
            value, flags = parse_digits(m.group(), decimal_comma=True)
            found.append(_Candidate(m.start(), m.end(), m.group(), value, False, list(flags)))
        for m in self.word_run.finditer(text):
            value = words_to_number(m.group(), self.lex.number_words)
            if value is None:
                continue
            found.append(_Candidate(m.start(), m.end(), m.group(), value, True))
        found.sort(key=lambda c: (c.start, -c.end))
        return found

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
        c.value_high, c.end = high, m.end()
        if DECIMAL_COMMA in flags and DECIMAL_COMMA not in c.flags:
            c.flags.append(DECIMAL_COMMA)  # "19,5-21,7 million tons": settled as one
        c.rules.append("range")

    def extend_scale(self, text: str, c: _Candidate) -> None:
        m = self.attached_scale.match(text, c.end) if not c.is_words else None
        not_before = self.lex.attached_scale_not_before.get(m.group("word")) if m else None
        if not_before is not None and not_before.match(text, m.end()):
            m = None  # "9M 2023": a period label, not nine million
        if m and not self._suffix_at(text, c.end, attached_only=True):
            factor = self.lex.attached_scales[m.group("word")]
        else:
            m = self.scale.match(text, c.end)
            if not m and c.is_words and c.value is not None and c.value < 1:
                m = self.fraction_scale.match(text, c.end)  # "half a million"
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
        c.scale, c.scaled, c.end = factor, True, end
        if c.value is not None:
            c.value = combine_scaled(parts)
        if c.value_high is not None:
            c.value_high *= factor
        c.rules.append("scale")

    def _suffix_at(self, text: str, pos: int, attached_only: bool = False) -> tuple[Suffix, int] | None:
        gap = _SPACE.match(text, pos).end()
        if not self.any_suffix.match(text, gap):
            return None
        for suffix in self.lex.suffixes:
            spaced = gap > pos
            if attached_only and spaced:
                return None
            if not spaced and not suffix.attached and suffix.text[0].isalnum():
                continue
            start = gap
            candidate = text[start:start + len(suffix.text)]
            if candidate.lower() != suffix.text.lower():
                continue
            end = start + len(suffix.text)
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

    def extend_suffix(self, text: str, c: _Candidate) -> None:
        hit = self._suffix_at(text, c.end)
        if not hit:
            return
        suffix, end = hit
        if suffix.multiplier and c.scaled:
            return
        c.suffix, c.unit, c.end = suffix, suffix.unit, end
        if suffix.scale != 1.0:  # "59 bcm" is 59e9 m**3, "25 bp" 0.25 percentage_point
            c.value = c.value * suffix.scale if c.value is not None else None
            c.value_high = c.value_high * suffix.scale if c.value_high is not None else None
            c.scale, c.scaled = c.scale * suffix.scale, True
        c.rules.append(suffix.rule)

    def extend_prefix(self, text: str, c: _Candidate, taken_until: int = -1) -> None:
        if c.is_words:
            return
        # a sign already claimed by the figure before ("5 KZT 10") is not this one's prefix
        m = self.prefix_before.search(text, max(0, c.start - 12, taken_until), c.start)
        if m:
            prefix = m.group("p")
            start = m.start()
            if not (prefix[0].isalpha() and start > 0 and text[start - 1].isalnum()):
                self._set_currency(c, self.lex.prefixes[prefix], start, f"currencies:{self.lex.prefixes[prefix]}")
                return
        for prefix, code in self.lex.attached_prefixes.items():
            start = c.start - len(prefix)
            if start >= 0 and text[start:c.start] == prefix and (start == 0 or not text[start - 1].isalnum()):
                self._set_currency(c, code, start, f"currencies:{code}:attached")
                return

    @staticmethod
    def _set_currency(c: _Candidate, code: str, start: int, rule: str) -> None:
        if c.unit and c.unit != code:
            return  # "$" before and "tenge" after disagree: keep what follows the number
        c.unit, c.prefix_start = code, start
        c.rules.append(rule)

    # ------------------------------------------------------------------ filters

    def excluded_by(self, text: str, c: _Candidate, start: int) -> str | None:
        """Id of the exclusion rule that says this candidate is no figure, or None."""
        before, after = text[max(0, start - CONTEXT):start], text[c.end:c.end + CONTEXT]
        unitless = c.unit is None and not c.scaled
        for rule in self.lex.exclusions:
            if rule.number and not rule.number.match(c.number_text):
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
        for c in self.cores(text):
            if c.start < taken_until or any(v.start <= c.start < v.end for v in vague):
                continue
            if c.value is not None and c.value < 1 and c.is_words and not self._fraction_counts(text, c):
                continue  # a bare fraction ("on the other half") is no figure
            self.extend_range(text, c)
            self.extend_scale(text, c)
            self.extend_suffix(text, c)
            self.extend_prefix(text, c, taken_until)
            start = c.prefix_start if c.prefix_start is not None else c.start
            if c.prefix_start is None and not c.is_words and start > 0 and text[start - 1] in "-−" \
                    and (start == 1 or text[start - 2] in " (\n\t"):
                start -= 1  # a printed minus: "-30.4%"
                c.value = -c.value if c.value is not None else None
            if self.excluded_by(text, c, start):
                continue
            if c.is_words and c.unit is None and not c.scaled and not self._standalone(c):
                continue
            figures.append(self._figure(text, c, start))
            taken_until = c.end
        figures = self._add_word_figures(text, figures, vague)
        return [_settle_decimal_comma(f) for f in distribute_units(text, figures)]

    def _fraction_counts(self, text: str, c: _Candidate) -> bool:
        """Whether a fraction word is a figure: "a third of ...", or "fell by (almost) a third"."""
        if _FRACTION_OF.match(text, c.end):
            return True
        before = self.trailing_qualifiers.sub("", text[max(0, c.start - 60):c.start])
        return bool(_FRACTION_BY.search(before)) and bool(_FRACTION_BY_END.match(text, c.end))

    def _standalone(self, c: _Candidate) -> bool:
        tokens = re.split(r"[\s\-]+", c.number_text.lower())
        return any(self.lex.number_words.get(t) and self.lex.number_words[t].standalone for t in tokens)

    def _figure(self, text: str, c: _Candidate, start: int) -> Figure:
        value, unit, flags = c.value, c.unit or "count", list(c.flags)
        if c.is_words and value is not None and value < 1 and unit == "count":
            value, unit = round(value * 100, 2), "percent"  # "two-thirds of" is a share
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
    return out


@compiled_per_ruleset
def scanner(ruleset: RuleSet) -> FigureScanner:
    """The scanner for a rules folder, compiled once per version of its files."""
    return FigureScanner(load_lexicon(ruleset))


def find_figures(text: str, ruleset: Path | None = None) -> list[Figure]:
    """Every figure of ``text`` found by the rule pass, in order."""
    return scanner(ruleset).scan(text)
