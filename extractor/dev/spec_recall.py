"""Recall of the engine on Recognizers-Text's English spec files, a peer's public test suite.

Four files of microsoft/Recognizers-Text are read (they are not shipped; fetch them):
``Specs/NumberWithUnit/English/CurrencyModel.json``, ``.../DimensionModel.json``,
``Specs/Number/English/PercentModel.json`` and ``Specs/Number/English/NumberModel.json``. Each
case is an input text and the results the peer expects in it; a result is *found* when a figure
the engine returns overlaps the result's span with the right value and, where the spec gives
one, the right unit (compared through pint: "0.5 USD" is "50 Cent", "1 mile" is "1.609344 km").

Skipped, and listed with the reason:

* cases the spec marks ``NotSupported`` (or ``NotSupportedByDesign``) for Python: the peer's own
  Python port does not pass them, and the issue scores what that port supports;
* results with no value (a currency or unit named without a number: "the dollar");
* results that ANNOTATION.md says are no figures, by design: the parts of an IP address, of a
  phone number or of a date, a time of day read as a unit ("2 pm" as picometres), the digits of
  an identifier ("SCP-173"), a duration that only frames a period ("earn $2000 over 3 years"),
  a number with a comma the annotation flags malformed rather than guess ("5,00", "1,3"), and
  spec units the tables have no dimension for (angles).

    python -m extractor.dev.spec_recall /tmp/specs            # recall per file, and the skips
    python -m extractor.dev.spec_recall /tmp/specs --misses   # every result not found, to read
    python -m extractor.dev.spec_recall /tmp/specs --rules-only   # the rule pass without NER
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

SPEC_FILES = {
    "currency": "CurrencyModel.json",
    "dimension": "DimensionModel.json",
    "percent": "PercentModel.json",
    "number": "NumberModel.json",
}
REL_TOL = 1e-6
# A fraction the engine stores as a percent share ("two-thirds of" -> 66.67) is rounded to two
# decimals: it matches the spec's 0.666666666666667 within half a hundredth of a percent.
PERCENT_ABS_TOL = 0.005

# ---- results that are no figures by ANNOTATION.md -----------------------------------------------
# Each: (reason, pattern over the input). A result whose span lies inside a match is skipped.
BY_DESIGN = (
    ("an IP address is an identifier, not a figure", re.compile(r"\b\d{1,3}(?:\.\d{1,3}){3}\b")),
    ("a phone number is an identifier, not a figure", re.compile(r"\+?\d{1,3}-\d{3}-\d{3,4}(?:/\d+)?")),
    ("a date is no figure", re.compile(r"\b\d{1,2}/\d{1,2}/\d{2,4}\b")),
    ("a time of day is no figure (\"2 pm\" is not read as picometres)",
     re.compile(r"\b\d{1,2}\s*(?:am|pm)\b(?=\s+is\b)", re.IGNORECASE)),
    ("the digits of an identifier (\"SCP-173\") are no figure", re.compile(r"\b[A-Za-z]{2,}-\d+\b")),
    ("a duration that only frames a period (\"in 3 years\") is no figure",
     re.compile(r"\b(?:in|over|within|for)\s+\d+\s+(?:years?|months?|weeks?|days?)\b", re.IGNORECASE)),
)
# A comma the annotation cannot read as a thousands separator ("5,00", "22,24,26,31", "1,3" with no
# unit after it): ANNOTATION.md has it flagged malformed, never guessed ("460,00 seats").
_COMMA_NUMBER = re.compile(r"(?<![\d,])\d+(?:,\d+)+(?![\d,])")
# Spec units whose quantity the Mentions table has no dimension for.
NO_DIMENSION = {"Degree": "angle", "Radian": "angle", "Turn": "angle"}
# Currency subunits the spec names, as the fraction of the main unit they are.
SUBUNITS = {"cent": 0.01, "pence": 0.01, "penny": 0.01, "sen": 0.01, "satoshi": 1e-8}
# The main currency nouns a subunit is a hundredth of ("pence" are of a pound).
SUBUNIT_OF = {"pence": "pound", "penny": "pound"}


@dataclass(frozen=True)
class Expected:
    """One result of a spec case: its span in the input (end exclusive), value and unit."""

    case: int
    text: str
    start: int
    end: int
    value: float | None
    unit: str | None  # the spec's unit name ("Dollar", "Kilometer per hour"), if it gives one
    iso: str | None = None  # the spec's ISO 4217 code, for currencies


@dataclass(frozen=True)
class Found:
    """One figure the engine returned for a case's input."""

    start: int
    end: int
    text: str
    value: float | None
    unit: str


@dataclass
class FileScore:
    name: str
    scored: int = 0
    found: int = 0  # right value and unit
    found_value: int = 0  # right value, whatever the unit
    skipped: list[tuple[str, str, str]] = field(default_factory=list)  # (input, result text, reason)
    misses: list[tuple[Expected, str, list[Found]]] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.found / self.scored if self.scored else math.nan

    @property
    def value_recall(self) -> float:
        return self.found_value / self.scored if self.scored else math.nan


# ---- reading the specs ----------------------------------------------------------------------------


def read_spec(path: Path) -> list[dict]:
    """The cases of one spec file (JSON, possibly with a byte-order mark)."""
    return json.loads(Path(path).read_text(encoding="utf-8-sig"))


def unsupported_in_python(case: dict) -> bool:
    """Whether the spec says its Python port does not pass this case.

    >>> unsupported_in_python({"NotSupported": "javascript, python, java"})
    True
    >>> unsupported_in_python({"NotSupported": "javascript"}), unsupported_in_python({})
    (False, False)
    """
    marks = " ".join(str(case.get(k) or "") for k in ("NotSupported", "NotSupportedByDesign"))
    return "python" in marks.lower()


def spec_value(raw) -> float | None:
    """A spec value as a number: "75000000", "100%", "1E-12"; None for a missing one.

    >>> spec_value("100%"), spec_value("1E-12"), spec_value(None), spec_value("null")
    (100.0, 1e-12, None, None)
    """
    if raw is None:
        return None
    text = str(raw).strip().rstrip("%")
    try:
        return float(text)
    except ValueError:
        return None


def locate(text: str, result: dict) -> tuple[int, int]:
    """The span of a result in its input, end exclusive. The spec's ``End`` is inclusive and its
    ``Text`` lower-cased; where the offsets do not hold the text, the text is searched for."""
    start, end = int(result.get("Start", 0)), int(result.get("End", -1)) + 1
    wanted = str(result["Text"]).lower()
    if text[start:end].lower() == wanted:
        return start, end
    at = text.lower().find(wanted)
    return (at, at + len(wanted)) if at >= 0 else (start, max(end, start + len(wanted)))


def expected_results(case_index: int, case: dict) -> list[Expected]:
    out = []
    for result in case.get("Results") or []:
        resolution = result.get("Resolution") or {}
        start, end = locate(case["Input"], result)
        out.append(Expected(case_index, str(result["Text"]), start, end, spec_value(resolution.get("value")),
                            resolution.get("unit"), resolution.get("isoCurrency")))
    return out


def by_design(text: str, expected: Expected) -> str | None:
    """Why a result is no figure by ANNOTATION.md, or None when it is one to score."""
    if expected.value is None:
        return "no value: a unit or currency named without a number is no figure"
    if expected.unit in NO_DIMENSION:
        return f"the tables have no dimension for an {NO_DIMENSION[expected.unit]}"
    for reason, pattern in BY_DESIGN:
        for m in pattern.finditer(text):
            if m.start() <= expected.start and expected.end <= m.end():
                return reason
    from ..extraction.numbers import parse_digits

    for m in _COMMA_NUMBER.finditer(text):
        unit_after = re.match(r"\s*(?:%|[A-Za-z$€£])", text[m.end():])
        if m.start() <= expected.start and expected.end <= m.end() and not unit_after \
                and parse_digits(m.group())[0] is None:
            return "an ambiguous comma is flagged malformed, never guessed (ANNOTATION.md: \"460,00 seats\")"
    return None


# ---- matching a figure to a result ----------------------------------------------------------------


def _close(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=REL_TOL, abs_tol=1e-12)


def currency_codes(name: str) -> tuple[frozenset[str], float]:
    """The ISO codes a spec currency name may stand for, and the fraction of them it is.

    A full name is looked up among CLDR's English names ("Finnish markka" -> FIM); a bare noun
    stands for every currency of that noun ("Dollar": USD, CAD, ...); a subunit for the main
    currencies it divides ("Cent": a hundredth of any dollar, euro, ...).
    """
    from babel import Locale  # a dependency of the engine; imported here to keep --help fast

    names = {code: label.lower() for code, label in Locale("en").currencies.items()}
    lowered = name.lower().strip()
    exact = frozenset(code for code, label in names.items() if label == lowered)
    if exact:
        return exact, 1.0
    noun = lowered.split()[-1]
    fraction = SUBUNITS.get(noun, 1.0)
    if noun in SUBUNITS:
        main = SUBUNIT_OF.get(noun)
        return frozenset(code for code, label in names.items() if main is None or label.endswith(main)), fraction
    stems = {noun, noun.rstrip("s")}
    return frozenset(code for code, label in names.items() if label.split()[-1] in stems), fraction


def pint_expression(name: str) -> str:
    """A spec dimension unit name as a pint expression.

    >>> pint_expression("Kilometer per hour"), pint_expression("Square meter"), pint_expression("Metric ton")
    ('kilometer/hour', 'square meter', 'metric_ton')
    """
    parts = [re.sub(r"^(square|cubic)_", r"\1 ", p.strip().lower().replace(" ", "_")) for p in name.split(" per ")]
    return "/".join(parts)


def value_only_matches(expected: Expected, fig: Found) -> bool:
    """Whether a figure has the result's value as the spec writes it, whatever its unit (the
    measure of the issue's first table); a unit converted to the spec's also counts."""
    if fig.value is None:
        return False
    return _close(fig.value, expected.value) or fig.unit == "percent" and \
        abs(fig.value / 100 - expected.value) <= PERCENT_ABS_TOL / 100


def value_matches(kind: str, expected: Expected, fig: Found) -> bool:
    """Whether a figure states the result's amount (and unit, where the spec gives one)."""
    if fig.value is None:
        return False
    if kind == "number":
        if _close(fig.value, expected.value):
            return True
        return fig.unit == "percent" and abs(fig.value / 100 - expected.value) <= PERCENT_ABS_TOL / 100
    if kind == "percent":
        return fig.unit == "percent" and _close(fig.value, expected.value)
    if kind == "currency":
        if expected.iso:
            codes, fraction = frozenset({expected.iso}), 1.0
        else:
            codes, fraction = currency_codes(expected.unit or "")
        return fig.unit in codes and _close(fig.value, expected.value * fraction)
    return _same_measure(fig, expected)


def _same_measure(fig: Found, expected: Expected) -> bool:
    from ..extraction.units import registry

    ureg = registry()
    try:
        want = ureg.Quantity(expected.value, pint_expression(expected.unit or ""))
        got = ureg.Quantity(fig.value, fig.unit).to(want.units)
    except Exception:  # noqa: BLE001 - pint raises many kinds; any of them means "not the same"
        return False
    return _close(got.magnitude, want.magnitude)


# ---- running the engine ---------------------------------------------------------------------------


def engine(rules_only: bool = False) -> Callable[[str], list[Found]]:
    """The figures the engine returns for a text: the whole pipeline (rule pass and NER), or the
    rule pass alone."""
    if rules_only:
        from ..extraction.figures import find_figures

        def run(text: str) -> list[Found]:
            return [Found(f.start, f.end, f.text, f.value, f.unit) for f in find_figures(text)]
        return run

    from ..pipeline import text_mentions

    def run_all(text: str) -> list[Found]:
        rows = text_mentions(text)
        return [Found(r["start"], r["end"], r["text"], None if _missing(r["value"]) else float(r["value"]),
                      r["unit"]) for r in rows]
    return run_all


def _missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def score_file(kind: str, cases: Sequence[dict], run: Callable[[str], list[Found]]) -> FileScore:
    score = FileScore(kind)
    for i, case in enumerate(cases):
        text = case["Input"]
        results = expected_results(i, case)
        if unsupported_in_python(case):
            for r in results or [None]:
                score.skipped.append((text, r.text if r else "", "the spec marks it NotSupported for Python"))
            continue
        todo = []
        for r in results:
            reason = by_design(text, r)
            if reason:
                score.skipped.append((text, r.text, reason))
            else:
                todo.append(r)
        if not todo:
            continue
        figures = run(text)
        for r in todo:
            score.scored += 1
            hits = [f for f in figures if f.start < r.end and r.start < f.end]
            right = any(value_matches(kind, r, f) for f in hits)
            score.found += right
            score.found_value += right or any(value_only_matches(r, f) for f in hits)
            if not right:
                score.misses.append((r, text, hits))
    return score


def score_specs(directory: Path, rules_only: bool = False, kinds: Iterable[str] = SPEC_FILES) -> list[FileScore]:
    run = engine(rules_only)
    return [score_file(kind, read_spec(Path(directory) / SPEC_FILES[kind]), run) for kind in kinds]


def format_scores(scores: Sequence[FileScore], misses: bool = False, skips: bool = True) -> str:
    lines = ["file        value+unit  value   found/scored  skipped"]
    for s in scores:
        lines.append(f"{s.name:<10}  {s.recall:10.3f}  {s.value_recall:5.3f}  {s.found:5d}/{s.scored:<6d}"
                     f"  {len(s.skipped):7d}")
    if skips:
        for s in scores:
            lines.append(f"\n## {s.name}: skipped")
            for text, result, reason in s.skipped:
                lines.append(f"- {reason}: {result!r} in {_short(text)!r}")
    if misses:
        for s in scores:
            lines.append(f"\n## {s.name}: not found")
            for r, text, hits in s.misses:
                got = "; ".join(f"{f.text!r}={f.value:g} {f.unit}" if f.value is not None else f"{f.text!r}=None"
                                for f in hits) or "nothing"
                unit = f" {r.iso or r.unit}" if (r.iso or r.unit) else ""
                lines.append(f"- {r.text!r} = {r.value:g}{unit} in {_short(text)!r}: got {got}")
    return "\n".join(lines)


def _short(text: str, width: int = 100) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m extractor.dev.spec_recall",
        description="Recall with the right value (and unit) on Recognizers-Text's English specs.",
        epilog="example: python -m extractor.dev.spec_recall /tmp/specs --misses")
    parser.add_argument("specs", type=Path, help="folder holding CurrencyModel.json, DimensionModel.json, "
                        "PercentModel.json and NumberModel.json")
    parser.add_argument("--misses", action="store_true", help="list every result not found")
    parser.add_argument("--no-skips", action="store_true", help="do not list the skipped results")
    parser.add_argument("--rules-only", action="store_true", help="score the rule pass alone, without NER")
    parser.add_argument("--only", choices=list(SPEC_FILES), action="append", help="score only these files")
    args = parser.parse_args(argv)
    missing = [name for name in SPEC_FILES.values() if not (args.specs / name).is_file()]
    if missing:
        print(f"error: {args.specs} lacks {', '.join(missing)}", file=sys.stderr)
        return 2
    scores = score_specs(args.specs, args.rules_only, args.only or SPEC_FILES)
    print(format_scores(scores, misses=args.misses, skips=not args.no_skips))
    return 0


if __name__ == "__main__":
    sys.exit(main())
