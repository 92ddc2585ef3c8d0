"""Score a Mentions table against the hand-checked gold set (``tests/gold/``). Pure pandas.

The flow behind ``extractor eval``::

    gold = load_gold("tests/gold")                       # one row per gold figure, validated
    texts = locate_texts(gold, "tests/gold")             # gold file name -> path of its text
    articles = read_corpus(list(texts.values()))         # extractor.read_corpus
    aligned = align(gold, articles)                      # file offsets -> article-body offsets
    metrics = score(aligned, mentions, articles)         # P/R/F1 and attribute accuracies
    print(format_report(metrics))
    errors(aligned, mentions, articles)                  # false positives / negatives to read

Gold lines follow ``tests/gold/README.md`` (the conventions of ANNOTATION.md): offsets index the
whole source file, units are short labels (``KZT``, ``pp``, ``m3/day``). Predictions carry
body offsets and canonical pint-style units; ``extractor.extraction.units`` maps one onto the other.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from .. import tables
from ..errors import ExtractorError
from ..extraction.units import UnknownUnitError, gold_label, registry, same_quantity

# ----------------------------------------------------------------------------- the gold format

REQUIRED_KEYS = ("file", "start", "end", "text", "value", "value_high", "unit")
# The figure's context, annotated all together or not at all: a set that judges only span, value
# and unit (general news, tests/gold/general/) leaves them out and they are not scored there.
CONTEXT_KEYS = ("kind", "qualifier", "measured", "year", "status")
OPTIONAL_KEYS = ("flag", "indicator", "location", "location_level", "period")
UNIT_LABELS = frozenset(
    "KZT USD EUR RUB CNY percent pp km m m2 km2 ha m3 m3/day t kWh GWh MW GW bbl/day t/ha TEU "
    "years count times".split()
)
KINDS = frozenset(tables.KINDS)
QUALIFIERS = frozenset(tables.QUALIFIERS) - {"at_least"}  # the annotation folds it into more_than
STATUSES = frozenset(tables.STATUSES)
FLAGS = frozenset({"malformed"})
YEAR = re.compile(r"^(\d{4})(?:-(\d{4}))?$")
LOCATION_LEVELS = frozenset({"national", "region", "city", "world", "other_country"})
# A part of a year, inclusive months ("2024-01/2024-06"), or a day for a stock at a point in time.
PART_PERIOD = re.compile(r"^\d{4}-(0[1-9]|1[0-2])/\d{4}-(0[1-9]|1[0-2])$|^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$")
ISO_CURRENCY = re.compile(r"^[A-Z]{3}$")

# The engine may say "at_least" (DESIGN.md); the annotation folds "at least" into more_than.
QUALIFIER_ALIASES = {"at_least": "more_than"}

PLACE_KEYS = ("location", "location_level", "period")
GOLD_COLUMNS = [*REQUIRED_KEYS, *CONTEXT_KEYS, "flag", "indicator", *PLACE_KEYS, "has_location",
                "has_context", "gold_file", "line"]
ALIGNED_COLUMNS = [
    "article_id", "start", "end", "file_start", "file_end", "text", "value", "value_high", "unit",
    "kind", "qualifier", "measured", "year", "status", "flag", "indicator", *PLACE_KEYS, "has_location",
    "has_context",
    "file", "gold_file", "line",
    "context", "align_note",
]
CONTEXT_CHARS = 60
REL_TOL = 1e-6


class GoldFormatError(ExtractorError, ValueError):
    """A gold line breaks the format of tests/gold/README.md (message names file and line)."""


class GoldTextNotFoundError(ExtractorError, FileNotFoundError):
    """The text file a gold line annotates is nowhere to be found."""


class GoldAlignmentError(ExtractorError, ValueError):
    """An article body does not hold a gold figure's text where its offsets say it should."""


def record_problems(record: Any) -> list[str]:
    """What is wrong with one parsed gold line, as readable phrases (empty when it is fine).

    >>> good = {"file": "a.txt", "start": 4, "end": 7, "text": "31%", "value": 31,
    ...         "value_high": None, "unit": "percent", "kind": "share", "qualifier": "exact",
    ...         "measured": "coverage", "year": "2024", "status": "actual"}
    >>> record_problems(good)
    []
    >>> record_problems({**good, "unit": "zorkmid", "year": "24"})
    ["unit 'zorkmid' is not a label of ANNOTATION.md, an ISO 4217 code or a unit pint reads", "year '24' is not YYYY or YYYY-YYYY"]
    >>> record_problems({**good, "location_level": "planet", "period": "2024-13/2024-14"})
    ["location_level 'planet' is not one of ['city', 'national', 'other_country', 'region', 'world'] or null", "period '2024-13/2024-14' is not YYYY-MM/YYYY-MM or YYYY-MM-DD"]
    >>> record_problems({**good, "end": 8})
    ['end - start is 4 but text has 3 characters']
    >>> record_problems({**good, "value": None})
    ['value is null but flag is not "malformed"']
    >>> record_problems({k: v for k, v in good.items() if k != "status"} | {"note": 1})
    ['missing key(s) status', 'unknown key(s) note']
    """
    if not isinstance(record, dict):
        return [f"expected a JSON object, got {type(record).__name__}"]
    problems = []
    context = [key for key in CONTEXT_KEYS if key in record]
    missing = [key for key in (*REQUIRED_KEYS, *(CONTEXT_KEYS if context else ()))
               if key not in record]
    unknown = sorted(set(record) - set(REQUIRED_KEYS) - set(CONTEXT_KEYS) - set(OPTIONAL_KEYS))
    if missing:
        problems.append(f"missing key(s) {', '.join(missing)}")
    if unknown:
        problems.append(f"unknown key(s) {', '.join(unknown)}")
    if missing:
        return problems
    problems += _span_problems(record) + _value_problems(record) + _label_problems(record)
    return problems


def _span_problems(record: dict) -> list[str]:
    start, end, text = record["start"], record["end"], record["text"]
    if not isinstance(record["file"], str) or not record["file"]:
        return ["file must be a non-empty string"]
    if not (_is_int(start) and _is_int(end)) or not 0 <= start < end:
        return [f"start/end must be integers with 0 <= start < end, got {start!r}/{end!r}"]
    if not isinstance(text, str):
        return ["text must be a string"]
    if end - start != len(text):
        return [f"end - start is {end - start} but text has {len(text)} characters"]
    return []


def _value_problems(record: dict) -> list[str]:
    value, high, flag = record["value"], record["value_high"], record.get("flag")
    problems = []
    if flag is not None and flag not in FLAGS:
        problems.append(f"flag {flag!r} is not one of {sorted(FLAGS)}")
    if value is None and flag != "malformed":
        problems.append('value is null but flag is not "malformed"')
    for name, number in (("value", value), ("value_high", high)):
        if number is not None and not _is_number(number):
            problems.append(f"{name} must be a number or null, got {number!r}")
    if "qualifier" in record and (high is not None) != (record["qualifier"] == "range"):
        problems.append("value_high is set exactly when qualifier is range")
    return problems


def _label_problems(record: dict) -> list[str]:
    problems = []
    if not known_unit(record["unit"]):
        problems.append(f"unit {record['unit']!r} is not a label of ANNOTATION.md, an ISO 4217 code "
                        "or a unit pint reads")
    if "kind" in record:
        problems += _context_problems(record)
    level, period = record.get("location_level"), record.get("period")
    if level is not None and level not in LOCATION_LEVELS:
        problems.append(f"location_level {level!r} is not one of {sorted(LOCATION_LEVELS)} or null")
    if record.get("location") is not None and not isinstance(record["location"], str):
        problems.append("location must be a string or null")
    if period is not None and not (isinstance(period, str) and PART_PERIOD.match(period)):
        problems.append(f"period {period!r} is not YYYY-MM/YYYY-MM or YYYY-MM-DD")
    return problems


def _context_problems(record: dict) -> list[str]:
    problems = []
    for key, allowed, what in (
        ("kind", KINDS, f"one of {sorted(KINDS)}"),
        ("qualifier", QUALIFIERS, f"one of {sorted(QUALIFIERS)}"),
        ("status", STATUSES, f"one of {sorted(STATUSES)}"),
    ):
        if record[key] not in allowed:
            problems.append(f"{key} {record[key]!r} is not {what}")
    year = record["year"]
    if year is not None and parse_period(year) is None:
        problems.append(f"year {year!r} is not YYYY or YYYY-YYYY")
    if record["measured"] is not None and not isinstance(record["measured"], str):
        problems.append("measured must be a string or null")
    return problems


def known_unit(label: Any) -> bool:
    """A scoring label, an ISO 4217 code, or a unit the project's pint registry reads
    ("oz", "t*km": other outlets' units beyond the sample's labels)."""
    if not isinstance(label, str):
        return False
    if label in UNIT_LABELS or ISO_CURRENCY.match(label):
        return True
    if gold_label(label) != label:
        return False  # an engine spelling ("percentage_point") of a unit that has a label ("pp")
    try:
        registry().parse_units(label)
    except Exception:  # pint raises several types for an unreadable unit
        return False
    return True


def _is_int(x: Any) -> bool:
    return isinstance(x, int) and not isinstance(x, bool)


def _is_number(x: Any) -> bool:
    return isinstance(x, (int, float)) and not isinstance(x, bool) and math.isfinite(x)


def load_gold(gold_dir: str | Path) -> pd.DataFrame:
    """Every ``*.jsonl`` line of ``gold_dir`` as one row, validated; columns ``GOLD_COLUMNS``.

    ``gold_file`` and ``line`` say where each row came from. Blank lines are skipped. Raises
    :class:`GoldFormatError` naming file and line for the first broken line, and for a span
    annotated twice.
    """
    folder = Path(gold_dir)
    paths = sorted(folder.glob("*.jsonl"))
    if not paths:
        raise GoldFormatError(f"{folder}: no *.jsonl gold files here; point at the gold folder")
    rows = [row for path in paths for row in _read_gold_file(path)]
    gold = pd.DataFrame(rows, columns=GOLD_COLUMNS)
    _reject_duplicate_spans(gold)
    return gold.astype({"start": "int64", "end": "int64", "value": "float64",
                        "value_high": "float64", "line": "int64"})


def _read_gold_file(path: Path) -> Iterable[dict]:
    with path.open(encoding="utf-8") as handle:
        for number, raw in enumerate(handle, 1):
            if not raw.strip():
                continue
            try:
                record = json.loads(raw)
            except json.JSONDecodeError as exc:
                raise GoldFormatError(f"{path}:{number}: not valid JSON ({exc.msg})") from None
            problems = record_problems(record)
            if problems:
                raise GoldFormatError(
                    f"{path}:{number}: {'; '.join(problems)} "
                    "(see tests/gold/README.md for the format)"
                )
            yield {**{key: None for key in CONTEXT_KEYS}, **record, "flag": record.get("flag"),
                   "indicator": record.get("indicator"), "has_context": "kind" in record,
                   **{key: record.get(key) for key in PLACE_KEYS},
                   "has_location": "location_level" in record, "gold_file": path.name, "line": number}


def _reject_duplicate_spans(gold: pd.DataFrame) -> None:
    dup = gold[gold.duplicated(["file", "start", "end"], keep=False)]
    if not dup.empty:
        first = dup.iloc[0]
        lines = dup[(dup["file"] == first["file"]) & (dup["start"] == first["start"])]
        where = ", ".join(f"{r.gold_file}:{r.line}" for r in lines.itertuples())
        raise GoldFormatError(f"{where}: the span {first['text']!r} is annotated twice; keep one")


# ----------------------------------------------------------------------------- texts and offsets


CORPUS_POINTER = "corpus.txt"  # in a gold folder: the folders (relative to it) holding its texts


def pointed_corpora(gold_dir: Path) -> list[Path]:
    """The text folders a gold folder names in its ``corpus.txt``, one per line (# comments)."""
    pointer = gold_dir / CORPUS_POINTER
    if not pointer.is_file():
        return []
    lines = [line.split("#", 1)[0].strip() for line in pointer.read_text(encoding="utf-8").splitlines()]
    return [(gold_dir / line).resolve() for line in lines if line]


def locate_texts(
    gold: pd.DataFrame, gold_dir: str | Path, corpus_dirs: Sequence[str | Path] = ()
) -> dict[str, Path]:
    """Where the text of each gold ``file`` lives.

    Looked up, first hit wins, in ``gold_dir``, each of ``corpus_dirs``, the folders the gold
    folder's ``corpus.txt`` names, and ``gold_dir/../seeds`` (the layout of the shared
    annotation folder). Never relative to this module: a gold folder says where its texts are.
    """
    folder = Path(gold_dir)
    places = [folder, *map(Path, corpus_dirs), *pointed_corpora(folder), folder.parent / "seeds"]
    found = {}
    for name in sorted(gold["file"].unique()):
        hits = [place / name for place in places if (place / name).is_file()]
        if not hits:
            looked = ", ".join(str(place) for place in places)
            raise GoldTextNotFoundError(
                f"gold file {name!r} ({_gold_lines(gold, name)}) has no text in: {looked}; "
                "pass the folder holding it as a corpus dir"
            )
        found[name] = hits[0]
    return found


def check_offsets(gold: pd.DataFrame, texts: Mapping[str, Path]) -> None:
    """Raise :class:`GoldFormatError` unless every row's ``text == file_text[start:end]``."""
    bad = []
    for name, rows in gold.groupby("file", sort=True):
        content = Path(texts[name]).read_text(encoding="utf-8")
        for row in rows.itertuples():
            found = content[row.start:row.end]
            if found != row.text:
                bad.append(f"{row.gold_file}:{row.line}: text {row.text!r} but the file has "
                           f"{found!r} at {row.start}:{row.end}")
    if bad:
        more = f" (and {len(bad) - 5} more)" if len(bad) > 5 else ""
        raise GoldFormatError("; ".join(bad[:5]) + more + "; fix the offsets")


def _gold_lines(gold: pd.DataFrame, name: str) -> str:
    rows = gold[gold["file"] == name]
    return f"{rows['gold_file'].iloc[0]}, {len(rows)} line(s)"


# ----------------------------------------------------------------------------- alignment


def align(gold: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Gold rows with body-relative offsets: columns ``ALIGNED_COLUMNS``.

    A row belongs to the article whose ``source`` has the gold ``file`` as its base name and
    whose body ``[offset, offset + len(body))`` contains the span; ``start``/``end`` become
    body offsets (the file offsets stay in ``file_start``/``file_end``). A row outside every
    body (a figure in a title) keeps ``article_id == ""`` and says why in ``align_note``.

    >>> gold = pd.DataFrame({"file": ["a.txt", "a.txt"], "start": [2, 12], "end": [5, 14],
    ...                      "text": ["$5m", "7%"], "gold_file": "a.jsonl", "line": [1, 2]})
    >>> arts = pd.DataFrame({"article_id": ["A1"], "source": ["in/a.txt"], "record": [0],
    ...                      "offset": [10], "body": ["x 7% y"], "status": ["ok"]})
    >>> align(gold, arts)[["article_id", "start", "end", "file_start", "align_note"]].values.tolist()
    [['', <NA>, <NA>, 2, 'outside every article body'], ['A1', 2, 4, 12, '']]
    """
    bodies = _bodies_by_file(articles)
    rows = [_align_row(row, bodies.get(row["file"], [])) for row in gold.to_dict("records")]
    aligned = pd.DataFrame(rows).reindex(columns=ALIGNED_COLUMNS)
    return aligned.astype({"article_id": "str", "start": "Int64", "end": "Int64",
                           "context": "str", "align_note": "str"})


def _bodies_by_file(articles: pd.DataFrame) -> dict[str, list[tuple[str, int, str]]]:
    """(article_id, offset, body) per source base name, for articles that have a body."""
    usable = articles[articles["offset"].notna() & articles["body"].notna()]
    bodies: dict[str, list[tuple[str, int, str]]] = {}
    for art in usable.itertuples():
        bodies.setdefault(Path(str(art.source)).name, []).append(
            (str(art.article_id), int(art.offset), str(art.body)))
    return bodies


def _align_row(row: dict, bodies: list[tuple[str, int, str]]) -> dict:
    out = {**row, "file_start": row["start"], "file_end": row["end"]}
    for article_id, offset, body in bodies:
        start, end = row["start"] - offset, row["end"] - offset
        if 0 <= start and end <= len(body):
            if body[start:end] != row["text"]:
                raise GoldAlignmentError(
                    f"{row['gold_file']}:{row['line']}: article {article_id} holds "
                    f"{body[start:end]!r} where the gold says {row['text']!r}; the article's "
                    "offset into its source file is wrong (check the corpus reader)")
            return {**out, "article_id": article_id, "start": start, "end": end,
                    "context": context_window(body, start, end), "align_note": ""}
    note = "outside every article body" if bodies else "no article read from this file"
    return {**out, "article_id": "", "start": None, "end": None, "context": "", "align_note": note}


def context_window(body: str, start: int, end: int, chars: int = CONTEXT_CHARS) -> str:
    """``chars`` characters either side of a span, on one line, the span in [brackets].

    >>> context_window("Output grew by 31.4% in 2024.\\nNext.", 15, 20, chars=8)
    'grew by [31.4%] in 2024'
    """
    window = f"{body[max(0, start - chars):start]}[{body[start:end]}]{body[end:end + chars]}"
    return re.sub(r"\s+", " ", window).strip()  # a newline would break a table cell


# ----------------------------------------------------------------------------- comparisons


# The prepositions and relative words that end a head noun's phrase: the brief's list, plus
# their close kin that gold phrases use ("personnel on standby", "sales per project").
HEAD_STOPS = frozenset(
    "of in for to from with that which by who whose where on at per under across among during since "
    "within between through via".split()
)
IRREGULAR_PARTICIPLES = frozenset(
    "built grown made done born held paid sold spent given taken shown underway".split()
)


def head_noun(phrase: str | None) -> str:
    """The head noun of a ``measured`` phrase, crudely: two phrases match when these agree.

    The last word before any of/in/for/to/from/with/that/which/by (and a few kin: on, at,
    per, whose, ...), lower-cased, with a plural stripped. Parentheses and possessives are dropped,
    and so is a participle trailing the noun (gold phrases often say what happened to it:
    "kindergartens opened").

    >>> head_noun("passenger cars")
    'car'
    >>> head_noun("share of raw materials in exports")
    'share'
    >>> head_noun("people with access to natural gas")
    'people'
    >>> head_noun("primary healthcare facilities")
    'facility'
    >>> head_noun("GDP per capita"), head_noun("sales per commercialized project")
    ('gdp', 'sale')
    >>> head_noun("kindergartens opened"), head_noun("new schools built in 2024")
    ('kindergarten', 'school')
    >>> head_noun("pairs of trains (Dostyk-Moyinty line capacity)")
    'pair'
    >>> head_noun("children's and youth sports schools"), head_noun("Baiterek holding's")
    ('school', 'holding')
    >>> head_noun("newly commissioned housing"), head_noun("people regularly engaged in sports")
    ('housing', 'people')
    >>> head_noun("personnel on standby"), head_noun("citizens whose well-being is affected")
    ('personnel', 'citizen')
    >>> head_noun("planned schools"), head_noun("taxes"), head_noun("status"), head_noun(None)
    ('school', 'tax', 'status', '')
    """
    if not isinstance(phrase, str):
        return ""
    words = re.findall(r"[\w-]+", re.sub(r"\([^)]*\)|['’]s\b", " ", phrase.lower()))
    for i, word in enumerate(words):
        if word in HEAD_STOPS or (i > 0 and _starts_trailing_participle(words, i)):
            words = words[:i]
            break
    return singular(words[-1]) if words else ""


def _starts_trailing_participle(words: list[str], i: int) -> bool:
    """Whether ``words[i]`` opens a participle that follows the noun ("cars [produced]",
    "people [regularly] engaged"), as opposed to one before it ("newly commissioned housing").

    >>> _starts_trailing_participle(["kindergartens", "opened"], 1)
    True
    >>> _starts_trailing_participle(["people", "regularly", "engaged"], 1)
    True
    >>> _starts_trailing_participle(["newly", "commissioned", "housing"], 1)
    False
    >>> _starts_trailing_participle(["high", "value-added", "goods"], 1)
    False
    """
    word, after = words[i], words[i + 1] if i + 1 < len(words) else ""
    if word.endswith("ly") and _is_participle(after):
        return True
    if _present_participle_after_plural(words, i):
        return True
    return _is_participle(word) and not words[i - 1].endswith("ly")


def _present_participle_after_plural(words: list[str], i: int) -> bool:
    """"companies [supporting] institutions", "voters [opposing] construction": an -ing word
    right after a plural noun and followed by its object opens a participle clause; "kindergarten
    waiting lists" (singular before) and a final "-ing" noun do not.

    >>> _present_participle_after_plural(["companies", "supporting", "schools"], 1)
    True
    >>> _present_participle_after_plural(["kindergarten", "waiting", "lists"], 1)
    False
    """
    word, before = words[i], words[i - 1]
    return (word.endswith("ing") and len(word) > 5 and i + 1 < len(words)
            and before.endswith("s") and not before.endswith("ss"))


def _is_participle(word: str) -> bool:
    """A past participle ("opened", "built"), not a noun like "need" or a compound adjective."""
    regular = len(word) > 4 and word.endswith("ed") and not word.endswith("eed") and "-" not in word
    return regular or word in IRREGULAR_PARTICIPLES


def singular(word: str) -> str:
    """Crude English singular: enough to make "facilities" and "facility" agree.

    >>> [singular(w) for w in ["facilities", "schools", "areas", "boxes", "churches", "gas", "status"]]
    ['facility', 'school', 'area', 'box', 'church', 'gas', 'status']
    """
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "xes", "sses")):
        return word[:-2]
    if word.endswith("s") and len(word) > 3 and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def parse_period(year: Any) -> tuple[int, int] | None:
    """A gold ``year`` as (first, last): "2024" -> (2024, 2024); None when not a period.

    >>> parse_period("2019-2024"), parse_period("2024"), parse_period("24"), parse_period(None)
    ((2019, 2024), (2024, 2024), None, None)
    """
    match = YEAR.match(year) if isinstance(year, str) else None
    if not match:
        return None
    first = int(match.group(1))
    last = int(match.group(2) or first)
    return (first, last) if first <= last else None


def predicted_period(start: Any, end: Any) -> tuple[int, int] | None:
    """A prediction's period_start/period_end as (first, last); one missing year stands for both.

    >>> predicted_period(2019, 2024.0), predicted_period(2024, None), predicted_period(None, float("nan"))
    ((2019, 2024), (2024, 2024), None)
    """
    years = [int(y) for y in (start, end) if not tables.is_missing(y)]
    if not years:
        return None
    return (years[0], years[-1])


def values_close(a: Any, b: Any, rel_tol: float = REL_TOL) -> bool:
    """Two numbers equal up to ``rel_tol``; a missing value equals nothing.

    >>> values_close(1.3e12, 1.3000001e12), values_close(1.3e12, 1.31e12), values_close(5, None)
    (True, False, False)
    """
    if tables.is_missing(a) or tables.is_missing(b):
        return False
    return math.isclose(float(a), float(b), rel_tol=rel_tol, abs_tol=0.0)


def has_flag(flags: Any, name: str) -> bool:
    """Whether a Mentions ``flags`` cell (a string or a list of strings) mentions ``name``.

    >>> has_flag("malformed_number", "malformed"), has_flag(["vague"], "malformed"), has_flag(None, "x")
    (True, False, False)
    """
    if isinstance(flags, str):
        return name in flags
    if tables.is_missing(flags):
        return False
    return any(name in str(flag) for flag in flags)


def unit_value_match(gold_unit: str, gold_value: Any, pred_unit: Any, pred_value: Any) -> bool:
    """Whether a predicted amount states the gold amount.

    Same label (``gold_label``) and value within the tolerance, or - for a figure in another
    unit of the same dimension (TWh against kWh) - the same quantity after conversion
    (``same_quantity``). A predicted unit the registry cannot read states nothing.
    """
    if tables.is_missing(pred_value) or not isinstance(pred_unit, str) or not pred_unit:
        return False
    if gold_label(pred_unit) == gold_unit:
        return values_close(gold_value, pred_value)
    try:
        return bool(same_quantity(gold_unit, float(gold_value), pred_unit, float(pred_value)))
    except UnknownUnitError:
        return False  # scored as a wrong unit; errors() lists the prediction with its unit


def strict_match(gold: Mapping, pred: Mapping) -> bool:
    """Value and unit agree (value_high too when the gold has one); malformed matches malformed.

    A gold ``"value": null`` with ``"flag": "malformed"`` is matched by a prediction without a
    value whose flags mention "malformed": the engine must flag the number, never guess it.
    """
    if tables.is_missing(gold["value"]):
        return (gold.get("flag") == "malformed" and tables.is_missing(pred.get("value"))
                and has_flag(pred.get("flags"), "malformed"))
    if not unit_value_match(gold["unit"], gold["value"], pred.get("unit"), pred.get("value")):
        return False
    if tables.is_missing(gold.get("value_high")):
        return True
    return unit_value_match(gold["unit"], gold["value_high"], pred.get("unit"), pred.get("value_high"))


# ----------------------------------------------------------------------------- matching


def match_one_to_one(candidates: Mapping[Hashable, Sequence[Hashable]]) -> dict[Hashable, Hashable]:
    """A maximum one-to-one matching of gold items to predictions (augmenting paths).

    ``candidates`` lists, per gold item, the predictions it may pair with, best first; the best
    are taken when that costs no pair elsewhere.

    >>> match_one_to_one({"g1": ["p1", "p2"], "g2": ["p1"]})
    {'g1': 'p2', 'g2': 'p1'}
    >>> match_one_to_one({"g1": ["p1"], "g2": ["p1"], "g3": []})
    {'g1': 'p1'}
    """
    owner: dict[Hashable, Hashable] = {}

    def claim(gold: Hashable, seen: set) -> bool:
        for pred in candidates[gold]:
            if pred not in seen:
                seen.add(pred)
                if pred not in owner or claim(owner[pred], seen):
                    owner[pred] = gold
                    return True
        return False

    for gold in candidates:
        claim(gold, set())
    return {gold: pred for pred, gold in sorted(owner.items(), key=lambda kv: str(kv[1]))}


Pair = Callable[[Mapping, Mapping], bool]


def exact_span(gold: Mapping, pred: Mapping) -> bool:
    return gold["start"] == pred["start"] and gold["end"] == pred["end"]


def overlapping(gold: Mapping, pred: Mapping) -> bool:
    return _overlap(gold, pred) > 0


def strict(gold: Mapping, pred: Mapping) -> bool:
    return overlapping(gold, pred) and strict_match(gold, pred)


def _overlap(gold: Mapping, pred: Mapping) -> int:
    return min(gold["end"], pred["end"]) - max(gold["start"], pred["start"])


def match(gold: pd.DataFrame, pred: pd.DataFrame, pairs: Pair) -> dict[int, int]:
    """Gold row label -> prediction row label, one-to-one, within each article.

    Candidates are the predictions of the same article for which ``pairs(gold, pred)`` holds,
    the largest overlap first.
    """
    # plain dicts, not DataFrame rows: iterrows built a Series per pair and dominated eval time
    by_article: dict = {}
    for plabel, p in pred.to_dict("index").items():
        by_article.setdefault(p["article_id"], []).append((plabel, p))
    candidates: dict[int, list[int]] = {}
    for label, g in gold.to_dict("index").items():
        found = [(-_overlap(g, p), abs(p["start"] - g["start"]), plabel)
                 for plabel, p in by_article.get(g["article_id"], ()) if pairs(g, p)]
        candidates[label] = [plabel for *_, plabel in sorted(found)]
    return match_one_to_one(candidates)


# ----------------------------------------------------------------------------- metrics


def prf(tp: int, n_gold: int, n_pred: int) -> dict[str, float | int]:
    """Precision, recall, F1 and their counts (``n`` = gold figures scored).

    >>> prf(8, 10, 9)
    {'precision': 0.8889, 'recall': 0.8, 'f1': 0.8421, 'tp': 8, 'fp': 1, 'fn': 2, 'n': 10}
    >>> prf(0, 0, 0)["f1"]
    0.0
    """
    precision = tp / n_pred if n_pred else 0.0
    recall = tp / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4),
            "tp": int(tp), "fp": int(n_pred - tp), "fn": int(n_gold - tp), "n": int(n_gold)}


def accuracy(correct: int, n: int) -> dict[str, float | int | None]:
    """Share of correct items and its counts; ``None`` when there is nothing to judge.

    >>> accuracy(3, 4)
    {'accuracy': 0.75, 'correct': 3, 'wrong': 1, 'n': 4}
    """
    return {"accuracy": round(correct / n, 4) if n else None, "correct": int(correct),
            "wrong": int(n - correct), "n": int(n)}


def same_kind(g: Mapping, p: Mapping) -> bool:
    return g["kind"] == p.get("kind")


def same_qualifier(g: Mapping, p: Mapping) -> bool:
    predicted = p.get("qualifier")
    return g["qualifier"] == QUALIFIER_ALIASES.get(predicted, predicted)


def same_status(g: Mapping, p: Mapping) -> bool:
    return g["status"] == p.get("status")


def same_period(g: Mapping, p: Mapping) -> bool:
    """Gold "2019-2024" against period_start/period_end; no period on both sides agrees."""
    return parse_period(g["year"]) == predicted_period(p.get("period_start"), p.get("period_end"))


def predicted_part(p: Mapping) -> str | None:
    """A prediction's part of a year in the gold's ``period`` form: "2024-01/2024-06" for months,
    "2024-10-01" for a day, None for whole years or no period.

    >>> day, half = pd.Timestamp("2024-10-01"), (pd.Timestamp("2024-01-01"), pd.Timestamp("2024-06-30"))
    >>> predicted_part({"period_granularity": "day", "period_from": day, "period_to": day})
    '2024-10-01'
    >>> predicted_part({"period_granularity": "half", "period_from": half[0], "period_to": half[1]})
    '2024-01/2024-06'
    >>> predicted_part({"period_granularity": "year"}), predicted_part({})
    (None, None)
    """
    granularity = p.get("period_granularity")
    start, end = p.get("period_from"), p.get("period_to")
    if tables.is_missing(granularity) or granularity in ("", "year", "multi-year") or tables.is_missing(start):
        return None
    start = pd.Timestamp(start)
    if granularity == "day":
        return start.date().isoformat()
    last = "??" if tables.is_missing(end) else f"{pd.Timestamp(end).month:02d}"
    return f"{start.year}-{start.month:02d}/{start.year if tables.is_missing(end) else pd.Timestamp(end).year}-{last}"


def same_months(g: Mapping, p: Mapping) -> bool:
    """The year and the part of it: gold ``year`` and ``period`` (absent for whole years)
    against period_start/period_end and period_from/period_to."""
    gold_part = None if tables.is_missing(g.get("period")) else g.get("period")
    return same_period(g, p) and gold_part == predicted_part(p)


def has_months(g: Mapping) -> bool:
    """Judged where the gold annotates parts of years: the other-outlets sets (with location)."""
    return has_location(g)


def same_indicator(g: Mapping, p: Mapping) -> bool:
    return str(p.get("indicator") or "") == str(g.get("indicator") or "")


def has_indicator(g: Mapping) -> bool:
    """Indicator accuracy counts only gold figures that have an indicator (issue 4)."""
    return not tables.is_missing(g.get("indicator")) and str(g.get("indicator")) != ""


def same_measured(g: Mapping, p: Mapping) -> bool:
    """Right when the content words overlap enough (:func:`phrases_agree`)."""
    return phrases_agree(g["measured"], p.get("measured"))


def same_measured_head(g: Mapping, p: Mapping) -> bool:
    """The older, stricter reading: the two phrases' head nouns agree (:func:`head_noun`)."""
    return head_noun(g["measured"]) == head_noun(p.get("measured"))


# Function words and possessives carry no content: "the volume of its exports" ~ "export volume".
STOPWORDS = frozenset(
    "a an the of in on at to for from by with and or as its their his her our this that these those "
    "which who whose than into over under about per is are was were be been it they".split()
)


def stem(word: str) -> str:
    """A crude stem, enough for "production"/"produced" and "exports"/"export" to agree.

    >>> [stem(w) for w in ["exports", "production", "produced", "harvesting", "facilities", "gas"]]
    ['export', 'produc', 'produc', 'harvest', 'facility', 'gas']
    """
    word = singular(word)
    for suffix in ("ation", "tion", "ing", "ed", "ment"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def content_words(phrase: str | None) -> set[str]:
    """The stemmed content words of a phrase: lower-cased, possessives and stopwords dropped.

    >>> sorted(content_words("the harvest of wheat")), sorted(content_words("Kazakhstan's wheat harvest"))
    (['harvest', 'wheat'], ['harvest', 'kazakhstan', 'wheat'])
    """
    if not isinstance(phrase, str):
        return set()
    text = re.sub(r"['’]s\b|\([^)]*\)", " ", phrase.lower())
    return {stem(w) for w in re.findall(r"[a-z0-9]+", text) if w not in STOPWORDS}


def phrases_agree(gold: str | None, predicted: str | None) -> bool:
    """Whether two measured phrases name the same thing: their content words overlap by at least
    2/3 of the shorter phrase or 1/2 of the longer. Both empty agree; one empty does not.

    >>> phrases_agree("harvest of wheat", "wheat harvest"), phrases_agree("oil production", "oil")
    (True, True)
    >>> phrases_agree("copper output", "gold reserves"), phrases_agree("inflation", None)
    (False, False)
    >>> phrases_agree("share of raw materials in exports", "exports"), phrases_agree(None, "")
    (True, True)
    """
    a, b = content_words(gold), content_words(predicted)
    if not a or not b:
        return not a and not b
    shared = len(a & b)
    return shared >= 2 / 3 * min(len(a), len(b)) and shared > 0 or shared >= 1 / 2 * max(len(a), len(b))


# Words that only say what kind of place a name is: "Almaty region" ~ "Almaty oblast" ~ "Almaty".
PLACE_WORDS = frozenset("region oblast province city district the of republic".split())


def place_words(name: Any) -> set[str]:
    if not isinstance(name, str):
        return set()
    words = set(re.findall(r"[a-z]+", name.lower())) - PLACE_WORDS
    return {"world"} if words & {"world", "global", "globally", "worldwide"} else words


def same_location(g: Mapping, p: Mapping) -> bool:
    """A national (or placeless) gold figure wants no location; any other, a location sharing a
    word of the gold's name ("Almaty region" ~ "Almaty")."""
    if g.get("location_level") in (None, "national") or tables.is_missing(g.get("location_level")):
        return not place_words(p.get("location"))
    return bool(place_words(g.get("location")) & place_words(p.get("location")))


def same_location_level(g: Mapping, p: Mapping) -> bool:
    """national, region, city, world or other_country; a placeless gold figure (null level, a
    company's group total) counts as national."""
    gold = g.get("location_level")
    gold = "national" if tables.is_missing(gold) or gold is None else gold
    return gold == (p.get("location_level") or "national")


def has_context(g: Mapping) -> bool:
    """Attributes are judged only on gold that annotates the context (not tests/gold/general/);
    a row built without the column (a hand-made table) counts as annotated."""
    flag = g.get("has_context", True)
    return True if tables.is_missing(flag) else bool(flag)


def has_location(g: Mapping) -> bool:
    """Location accuracy counts only gold annotated with a location (the other-outlets sets)."""
    return bool(g.get("has_location")) and not tables.is_missing(g.get("has_location"))


ATTRIBUTES: dict[str, Pair] = {
    "kind": same_kind, "qualifier": same_qualifier, "status": same_status,
    "period": same_period, "measured": same_measured, "measured_head": same_measured_head,
    "indicator": same_indicator, "location": same_location, "location_level": same_location_level,
    "months": same_months,
}
# Which gold rows an attribute is judged on (default: every strict match).
JUDGED = {"indicator": has_indicator, "location": has_location, "location_level": has_location,
          "months": has_months}
SPAN_METRICS: dict[str, Pair] = {"span": exact_span, "span_overlap": overlapping, "strict": strict}


def scored_mentions(gold_aligned: pd.DataFrame, mentions: pd.DataFrame,
                    articles: pd.DataFrame | None = None) -> pd.DataFrame:
    """The predictions to score: with ``articles``, only those of the files the gold annotates
    (the gold holds every figure of those files, so nothing else can be judged)."""
    if articles is None:
        return mentions
    names = set(gold_aligned["file"])
    covered = articles.loc[articles["source"].map(lambda s: Path(str(s)).name in names),
                           "article_id"]
    return mentions[mentions["article_id"].isin(set(covered.astype(str)))]


def score(gold_aligned: pd.DataFrame, mentions: pd.DataFrame,
          articles: pd.DataFrame | None = None) -> dict[str, Any]:
    """Every metric of ``extractor eval`` as a plain, JSON-ready dict.

    ``span``: exact start/end; ``span_overlap``: any shared character; ``strict``: overlapping
    with the same value (and value_high) in the same quantity. Matching is one-to-one within an
    article. ``kind``, ``qualifier``, ``status``, ``period`` and ``measured`` are accuracies over
    the strict pairs. Gold rows outside every article body are left out of all of them and
    counted as ``gold_unaligned``. Pass ``articles`` to score only predictions from the files
    the gold covers.
    """
    gold = gold_aligned[gold_aligned["article_id"].astype(str) != ""]
    pred = scored_mentions(gold_aligned, mentions, articles).reset_index(drop=True)
    metrics: dict[str, Any] = {
        "gold": int(len(gold_aligned)), "gold_aligned": int(len(gold)),
        "gold_unaligned": int(len(gold_aligned) - len(gold)), "predicted": int(len(pred)),
    }
    pairs = {}
    for name, rule in SPAN_METRICS.items():
        pairs[name] = match(gold, pred, rule)
        metrics[name] = prf(len(pairs[name]), len(gold), len(pred))
    for name, agrees in ATTRIBUTES.items():
        judged = [(g, p) for g, p in pairs["strict"].items()
                  if has_context(gold.loc[g]) and (name not in JUDGED or JUDGED[name](gold.loc[g]))]
        correct = sum(agrees(gold.loc[g], pred.loc[p]) for g, p in judged)
        metrics[name] = accuracy(correct, len(judged))
    return metrics


PRF_LABELS = {"span": "span (exact)", "span_overlap": "span (overlap)", "strict": "value+unit"}


def format_report(metrics: Mapping[str, Any]) -> str:
    """The metrics of :func:`score` as a plain-text table.

    >>> m = {"gold": 3, "gold_aligned": 2, "gold_unaligned": 1, "predicted": 2,
    ...      "span": prf(1, 2, 2), "span_overlap": prf(2, 2, 2), "strict": prf(2, 2, 2),
    ...      "kind": accuracy(1, 2), "qualifier": accuracy(2, 2), "status": accuracy(2, 2),
    ...      "period": accuracy(0, 2), "measured": accuracy(0, 0), "indicator": accuracy(1, 1)}
    >>> print(format_report(m))
    gold figures 3 (2 in article titles and bodies, 1 outside: not scored), predicted 2
    <BLANKLINE>
    metric          precision  recall      f1    tp    fp    fn
    span (exact)       0.5000  0.5000  0.5000     1     1     1
    span (overlap)     1.0000  1.0000  1.0000     2     0     0
    value+unit         1.0000  1.0000  1.0000     2     0     0
    <BLANKLINE>
    over value+unit matches   accuracy  correct      n
    kind                        0.5000        1      2
    qualifier                   1.0000        2      2
    status                      1.0000        2      2
    period                      0.0000        0      2
    measured                         -        0      0
    indicator                   1.0000        1      1
    """
    lines = [
        f"gold figures {metrics['gold']} ({metrics['gold_aligned']} in article titles and bodies, "
        f"{metrics['gold_unaligned']} outside: not scored), predicted {metrics['predicted']}",
        "",
        f"{'metric':<16}{'precision':>9}{'recall':>8}{'f1':>8}{'tp':>6}{'fp':>6}{'fn':>6}",
    ]
    for key, label in PRF_LABELS.items():
        m = metrics[key]
        lines.append(f"{label:<16}{m['precision']:>9.4f}{m['recall']:>8.4f}{m['f1']:>8.4f}"
                     f"{m['tp']:>6}{m['fp']:>6}{m['fn']:>6}")
    lines += ["", f"{'over value+unit matches':<24}{'accuracy':>10}{'correct':>9}{'n':>7}"]
    for key in (k for k in ATTRIBUTES if k in metrics):
        m = metrics[key]
        shown = "-" if m["accuracy"] is None else f"{m['accuracy']:.4f}"
        lines.append(f"{key:<24}{shown:>10}{m['correct']:>9}{m['n']:>7}")
    return "\n".join(lines)


# ----------------------------------------------------------------------------- error listing

ERROR_COLUMNS = ["error", "reason", "article_id", "start", "end", "text", "value", "unit",
                 "gold_value", "gold_unit", "where", "context"]


def errors(gold_aligned: pd.DataFrame, mentions: pd.DataFrame,
           articles: pd.DataFrame | None = None) -> pd.DataFrame:
    """False negatives and false positives of the value+unit score, for reading.

    ``error`` is ``fn`` (a gold figure not found) or ``fp`` (a prediction not in the gold);
    ``reason`` says whether anything overlapped ("no prediction here", "value/unit differ",
    "not a gold figure", "outside every article body"). ``where`` is the gold file:line of a
    missed figure. ``context`` is +-60 characters of the body (with ``articles``; otherwise the
    gold's context or the prediction's ``sentence``).
    """
    gold = gold_aligned[gold_aligned["article_id"].astype(str) != ""]
    pred = scored_mentions(gold_aligned, mentions, articles).reset_index(drop=True)
    matched = match(gold, pred, strict)
    taken = set(matched.values())
    bodies = {} if articles is None else dict(zip(articles["article_id"].astype(str), articles["body"]))
    rows = [_fn_row(g, "value/unit differ" if _overlaps_any(g, pred) else "no prediction here")
            for label, g in gold.iterrows() if label not in matched]
    rows += [_fn_row(g, g["align_note"]) for _, g in gold_aligned.iterrows()
             if str(g["article_id"]) == ""]
    rows += [_fp_row(p, "value/unit differ" if _overlaps_any(p, gold) else "not a gold figure", bodies)
             for label, p in pred.iterrows() if label not in taken]
    return pd.DataFrame(rows, columns=ERROR_COLUMNS)


def _overlaps_any(row: pd.Series, table: pd.DataFrame) -> bool:
    """Whether any row of ``table`` shares a character with ``row`` in the same article."""
    same = table[table["article_id"] == row["article_id"]]
    return bool(((same["start"] < row["end"]) & (same["end"] > row["start"])).any())


def _fn_row(g: pd.Series, reason: str) -> dict:
    return {"error": "fn", "reason": reason, "article_id": g["article_id"], "start": g["start"],
            "end": g["end"], "text": g["text"], "gold_value": g["value"], "gold_unit": g["unit"],
            "where": f"{g['gold_file']}:{g['line']}", "context": g["context"]}


def _fp_row(p: pd.Series, reason: str, bodies: Mapping[str, str]) -> dict:
    body = bodies.get(str(p["article_id"]))
    context = (context_window(body, int(p["start"]), int(p["end"])) if isinstance(body, str)
               else p.get("sentence", ""))
    return {"error": "fp", "reason": reason, "article_id": p["article_id"], "start": p["start"],
            "end": p["end"], "text": p.get("text"), "value": p.get("value"),
            "unit": p.get("unit"), "where": "", "context": context}


# ----------------------------------------------------------------------------- the whole run


@dataclass
class EvalResult:
    metrics: dict[str, Any]
    errors: pd.DataFrame
    aligned: pd.DataFrame
    mentions: pd.DataFrame


TITLE_SUFFIX = "#title"


def scorable_documents(articles: pd.DataFrame) -> pd.DataFrame:
    """Bodies and titles as separate documents, so figures in titles are scored too.

    A title becomes a pseudo-article ``<article_id>#title`` whose body is the title and whose
    offset is ``title_offset``; mentions with ``field == "title"`` are renamed the same way
    (:func:`scorable_mentions`). A feed dump's repeated title line belongs to neither (the
    reader drops it) and its gold figures stay unaligned, reported, not scored.
    """
    titles = articles[articles["title_offset"].notna() & (articles["title"].astype(str) != "")]
    titles = titles.assign(article_id=titles["article_id"].astype(str) + TITLE_SUFFIX,
                           body=titles["title"], offset=titles["title_offset"])
    return pd.concat([articles, titles], ignore_index=True)


def scorable_mentions(mentions: pd.DataFrame) -> pd.DataFrame:
    in_title = mentions["field"] == "title"
    renamed = mentions["article_id"].astype(str).where(~in_title, mentions["article_id"].astype(str) + TITLE_SUFFIX)
    return mentions.assign(article_id=renamed)


def run(gold_dir: str | Path, corpus_dirs: Iterable[str | Path],
        extract: Callable[[pd.DataFrame], pd.DataFrame], dated: bool = True) -> EvalResult:
    """Read the texts the gold annotates, extract with ``extract``, and score.

    ``extract`` maps an Articles table to a Mentions table (``extractor.extract``); it is
    passed in so this module stays free of spaCy. Vague amounts ("tens of thousands"), which
    the engine flags but the annotation does not count as figures, are left out of scoring.
    ``dated=False`` reads the texts without their sidecar index (no dates, titles or URLs), as
    a user's folder of bare .txt files: the engine then dates each article from its text.
    """
    from ..corpus.readers import read_corpus  # the reader has no NLP; imported here to keep layers plain
    from ..corpus.sidecar import SIDECAR_NAME, is_sidecar

    gold = load_gold(gold_dir)
    texts = locate_texts(gold, gold_dir, tuple(corpus_dirs))
    check_offsets(gold, texts)
    folders = sorted({texts[name].parent for name in texts})
    indexes = [folder / SIDECAR_NAME for folder in folders if dated and is_sidecar(folder / SIDECAR_NAME)]
    articles = read_corpus([texts[name] for name in sorted(texts)] + indexes)  # dates from a sidecar
    mentions = extract(articles)
    mentions = mentions[~mentions["flags"].fillna("").str.contains("vague")]
    documents = scorable_documents(articles)
    predicted = scorable_mentions(mentions)
    aligned = align(gold, documents)
    return EvalResult(score(aligned, predicted, documents), errors(aligned, predicted, documents),
                      aligned, predicted)
