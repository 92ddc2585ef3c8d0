"""extractor.ruleset.loader and extractor.extraction.lexicon: strict rule files, errors naming file and line.

Each defect case copies the shipped rules/ into a temporary folder, breaks one thing and expects
``load_lexicon`` to refuse it with a :class:`RuleError` that names the file, the line and the
problem. The line a case expects is marked in its replacement text with the comment ``# <-``
(entry-level errors point at the line where the entry starts, i.e. its ``- id:`` line).
"""

from __future__ import annotations

import dataclasses
import re
import shutil
from pathlib import Path

import pytest

from extractor.errors import RuleError
from extractor.extraction.figures import find_figures
from extractor.extraction.lexicon import SCALES, UNITS, load_lexicon
from extractor.ruleset.loader import default_rules_dir, read_yaml, rule_entries

RULES = default_rules_dir()
MARK = "# <-"  # ends the line a defect case expects the error on


def copy_rules(tmp_path: Path) -> Path:
    target = tmp_path / "rules"
    shutil.copytree(RULES, target)
    return target


def replace(old: str, new: str):
    """An edit that replaces ``old`` (which must occur exactly once) by ``new``."""

    def edit(path: Path) -> None:
        text = path.read_text(encoding="utf-8")
        assert text.count(old) == 1, f"{path.name} no longer holds {old!r} exactly once"
        path.write_text(text.replace(old, new), encoding="utf-8")

    return edit


def append(extra: str):
    def edit(path: Path) -> None:
        path.write_text(path.read_text(encoding="utf-8") + extra, encoding="utf-8")

    return edit


def delete(path: Path) -> None:
    path.unlink()


def marked_line(path: Path) -> int | None:
    """The 1-based line of the file that carries ``MARK``; None when the file is gone."""
    if not path.exists():
        return None
    lines = [i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if MARK in line]
    assert len(lines) == 1, f"a defect case must mark exactly one line of {path.name}"
    return lines[0]


# (file, edit, expected message fragment); the expected line is the one marked "# <-".
DEFECTS = [
    pytest.param(
        "scales.yaml",
        replace("  - id: million\n    factor: 1000000\n    words:",
                f"  - id: million\n    factor: 1000000\n    word: [x]  {MARK}\n    words:"),
        "entry 'million': unknown key 'word'; allowed: id, factor, words, attached",
        id="unknown_key_word_for_words",
    ),
    pytest.param(
        "scales.yaml",
        replace("  - id: billion\n", f"  - id: million  {MARK}\n"),
        "duplicate id 'million' (first defined on line",
        id="duplicate_id",
    ),
    pytest.param(
        "units.yaml",
        replace("  - id: kilometre\n    unit: km\n", f"  - id: kilometre  {MARK}\n    unit: kilometerz\n"),
        "entry 'kilometre': unknown unit 'kilometerz': pint cannot read it",
        id="unit_pint_cannot_parse",
    ),
    pytest.param(
        "currencies.yaml",
        replace("  - id: GEL\n", f"  - id: XYZ  {MARK}\n"),
        "entry 'XYZ': unknown unit 'XYZ'",
        id="currency_not_a_unit",
    ),
    pytest.param(
        "exclusions.yaml",
        replace("  - id: ordinal_suffix\n    after: '^(?:st|nd|rd|th)\\b'",
                f"  - id: ordinal_suffix  {MARK}\n    after: '^(?:st|nd|rd|th\\b'"),
        "entry 'ordinal_suffix': bad after pattern: missing )",
        id="invalid_regex",
    ),
    pytest.param(
        "vague.yaml",
        replace("  - id: several_scale\n    pattern: '\\b(?:several|a\\s+few)",
                f"  - id: several_scale  {MARK}\n    pattern: '\\b(?:sundry|a\\s+few)"),
        "entry 'several_scale': pattern does not find its example",
        id="vague_pattern_misses_its_example",
    ),
    pytest.param(
        "qualifiers.yaml",
        replace("  - id: up_to\n    qualifier: up_to\n", f"  - id: up_to  {MARK}\n    qualifier: upto\n"),
        "entry 'up_to': qualifier must be one of",
        id="bad_qualifier_value",
    ),
    pytest.param(
        "scales.yaml",
        replace("  - id: thousand\n    factor: 1000\n", f"  - id: thousand\n    factor: '1e3'  {MARK}\n"),
        "entry 'thousand': 'factor' must be int or float, got '1e3'",
        id="wrong_type_factor_string",
    ),
    pytest.param(
        "units.yaml",
        replace("  - id: kilometre\n    unit: km\n", f"  - id: kilometre\n    unit: km\n    unit: m  {MARK}\n"),
        "key 'unit' appears twice in one entry (first on line",
        id="duplicate_key_in_mapping",
    ),
    pytest.param(
        "multipliers.yaml",
        replace("  - id: times\n    suffixes: [times]\n", f"  - id: times\n   suffixes: [times]  {MARK}\n"),
        "invalid YAML",
        id="invalid_yaml_syntax",
    ),
    pytest.param(
        "qualifiers.yaml",
        delete,
        "rule file not found",
        id="missing_file",
    ),
    pytest.param(
        "numbers.yaml",
        append(f"extra_words: []  {MARK}\n"),
        "unknown top-level key 'extra_words'; expected only 'number_words'",
        id="unknown_top_level_key",
    ),
]


@pytest.mark.parametrize(("name", "edit", "fragment"), DEFECTS)
def test_a_defect_is_a_rule_error_naming_file_line_and_problem(tmp_path, name, edit, fragment):
    rules_dir = copy_rules(tmp_path)
    edit(rules_dir / name)
    line = marked_line(rules_dir / name)
    with pytest.raises(RuleError) as info:
        load_lexicon(rules_dir)
    error = info.value
    message = str(error)
    assert Path(error.path).resolve() == (rules_dir / name).resolve(), message
    assert name in message and fragment in message, message
    assert error.line == line, message
    if line is not None:
        assert f"{name}:{line}:" in message, message


@pytest.mark.parametrize(
    ("edit", "fragment"),
    [
        (append("extra_words: []\n"), "unknown top-level key 'extra_words'"),
        (replace("\nnumber_words:\n", "\nnumber_wordz:\n"), "expected a top-level key 'number_words'"),
    ],
    ids=["extra_key", "misspelt_key"],
)
def test_top_level_key_errors_name_the_file_and_the_key(tmp_path, edit, fragment):
    rules_dir = copy_rules(tmp_path)
    edit(rules_dir / "numbers.yaml")
    with pytest.raises(RuleError, match=re.escape(fragment)) as info:
        load_lexicon(rules_dir)
    assert Path(info.value.path).name == "numbers.yaml"


# ---------------------------------------------------------------------------- the shipped rules


def test_the_shipped_rules_load():
    lex = load_lexicon()
    assert lex.ruleset.folder == RULES.resolve()
    assert lex.scales["billion"] == 1e9 and lex.scales["trillion"] == 1e12
    assert lex.prefixes["$"] == "USD" and lex.attached_prefixes["T"] == "KZT"
    assert lex.qualifiers["more than"] == "more_than"
    assert lex.number_words["sixty"].value == 60
    assert {s.unit for s in lex.suffixes} >= {"KZT", "percent", "km", "GW", "times"}
    assert len(lex.exclusions) == len({e.id for e in lex.exclusions}) > 0


@pytest.mark.parametrize("path", sorted(RULES.glob("*.yaml")), ids=lambda p: p.name)
def test_every_shipped_rule_file_is_valid_yaml(path):
    assert isinstance(read_yaml(path), dict)


RULE_FILES = sorted([*RULES.glob("*.yaml"), *RULES.glob("*.txt")])


@pytest.mark.parametrize("path", RULE_FILES, ids=lambda p: p.name)
def test_every_rule_file_starts_with_a_comment_block_documenting_its_fields(path):
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines and lines[0].startswith("#"), f"{path.name}: first line must be a comment"
    header = []
    for line in lines:
        if not line.startswith("#"):
            break
        header.append(line)
    assert len(header) >= 3, f"{path.name}: the comment block at the top is too short to document it"


# exclusion id -> the parts of its example that must NOT be (inside) a figure
EXCLUDED = {
    "ordinal_suffix": ["4th"],
    "ordinal_fraction_period": ["first quarter"],
    "number_sign": ["No. 3"],
    "glued_to_letters_before": ["G20", "COVID-19", "GRES-3"],
    "glued_to_letters_after": ["3D", "5G"],
    "time_of_day": ["11:50"],
    "minutes_of_time": ["11:50"],
    "date_month_before": ["June 17, 1999"],
    "date_month_after": ["6 October"],
    "numeric_date": ["17.03.2025"],
    "year": ["2024"],
    "decade": ["1990s"],
    "rank_top": ["top 10"],
    "rank_place": ["88 place"],
    "out_of_rank": ["88th place out of 130"],
    "compound_adjective": ["three-shift", "one-time"],
    "document_reference": ["Article 5"],
    "period_framing_duration": ["six years"],
    "duration_dating_event": ["six years"],
    "iso_date": ["2025-03-19"],
    "slash_date": ["17/03/2025"],
    "slash_date_start": ["17/03/2025"],
    "split_year": ["2024/25"],
    "feed_header_views": ["7586"],
    "product_name": ["11", "13", "100"],
    "date_day_range_end": ["25 to 28"],
    "score_range": ["1-2", "1-10"],
    "score_first": ["37-7"],
    "score_second": ["37-7"],
    "score_line_first": ["34"],
    "score_line_second": ["20"],
}


def test_every_exclusion_rule_has_a_row_in_the_expected_table():
    assert {e.id for e in load_lexicon().exclusions} == set(EXCLUDED)


@pytest.mark.parametrize("exclusion", load_lexicon().exclusions, ids=lambda e: e.id)
def test_an_exclusion_rule_keeps_its_example_free_of_figures(exclusion):
    figures = find_figures(exclusion.example)
    for part in EXCLUDED.get(exclusion.id, []):
        start = exclusion.example.find(part)
        assert start >= 0, f"{part!r} is not in the example of {exclusion.id}"
        end = start + len(part)
        overlapping = [f.text for f in figures if f.start < end and start < f.end]
        assert not overlapping, f"{exclusion.id}: {overlapping} found in {exclusion.example!r}"


def test_exclusion_examples_keep_the_figures_they_are_not_about():
    examples = {e.id: e.example for e in load_lexicon().exclusions}
    assert [f.text for f in find_figures(examples["year"])] == ["$288 billion"]
    assert [f.text for f in find_figures(examples["period_framing_duration"])] == ["4,400 kilometers"]
    assert [f.text for f in find_figures(examples["compound_adjective"])] == ["71"]


# ---------------------------------------------------------------------------- caching, immutability


def test_loading_twice_returns_the_same_lexicon():
    assert load_lexicon() is load_lexicon()
    assert rule_entries("scales.yaml", SCALES) is rule_entries("scales.yaml", SCALES)


def test_one_lexicon_per_rules_folder_however_it_is_named(monkeypatch):
    monkeypatch.chdir(RULES.parent)
    assert load_lexicon() is load_lexicon(RULES) is load_lexicon(Path(RULES.name))


def test_the_lexicon_is_read_only():
    lex = load_lexicon()
    mappings = [lex.number_words, lex.scales, lex.attached_scales, lex.prefixes,
                lex.attached_prefixes, lex.multiplier_words, lex.qualifiers]
    for mapping in mappings:
        key = next(iter(mapping))
        with pytest.raises(TypeError):
            mapping[key] = mapping[key]
        with pytest.raises(TypeError):
            mapping["new word"] = 1
        with pytest.raises(TypeError):
            del mapping[key]
    with pytest.raises(dataclasses.FrozenInstanceError):
        lex.scales = {}
    assert isinstance(lex.suffixes, tuple) and isinstance(lex.exclusions, tuple)
    with pytest.raises(dataclasses.FrozenInstanceError):
        lex.suffixes[0].unit = "USD"


def test_cached_rule_entries_are_read_only():
    entry = rule_entries("units.yaml", UNITS)[0]
    with pytest.raises(TypeError):
        entry["unit"] = "m"
    with pytest.raises(TypeError):
        entry["new"] = 1


def test_lists_inside_cached_rule_entries_are_read_only(tmp_path):
    rules_dir = copy_rules(tmp_path)  # while the bug lasts, the append below must not reach rules/
    entry = rule_entries("scales.yaml", SCALES, rules_dir)[0]
    with pytest.raises((TypeError, AttributeError)):
        entry["words"].append("zillion")


# ---------------------------------------------------------------------------- a custom --rules folder


def test_a_new_scale_word_is_one_line_of_yaml(tmp_path):
    rules_dir = copy_rules(tmp_path)
    replace("words: [billion,", "words: [billion, milliard,")(rules_dir / "scales.yaml")
    text = "The budget is 5 milliard tenge."
    assert [(f.text, f.unit) for f in find_figures(text)] == [("5", "count")]
    [figure] = find_figures(text, rules_dir)
    assert (figure.text, figure.value, figure.unit) == ("5 milliard tenge", 5e9, "KZT")


def test_a_new_unit_spelling_is_one_line_of_yaml(tmp_path):
    rules_dir = copy_rules(tmp_path)
    replace("words: [kilometers,", "words: [klicks, kilometers,")(rules_dir / "units.yaml")
    text = "A road of 40 klicks was repaired."
    assert [f.unit for f in find_figures(text)] == ["count"]
    [figure] = find_figures(text, rules_dir)
    assert (figure.text, figure.value, figure.unit, figure.rule) == (
        "40 klicks", 40, "km", "number+units:kilometre")
    assert load_lexicon(rules_dir) is not load_lexicon()


def test_a_new_currency_defined_in_the_folders_units_txt(tmp_path):
    rules_dir = copy_rules(tmp_path)
    append("MNT = [money_MNT] = _ = tugrik\n")(rules_dir / "units.txt")
    append("  - id: MNT\n    suffixes: [tugriks, MNT]\n")(rules_dir / "currencies.yaml")
    [figure] = find_figures("It cost 5 million tugriks.", rules_dir)
    assert (figure.text, figure.value, figure.unit) == ("5 million tugriks", 5e6, "MNT")
