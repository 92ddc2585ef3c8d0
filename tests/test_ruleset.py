"""One rules folder, one RuleSet: every stage reads the same version of the rules, and an edited
rule file reaches every stage at once (the running-notebook case), through ``ruleset=`` and
``--rules`` alike."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from extractor import extract_text, read_corpus
from extractor.extraction.figures import scanner
from extractor.extraction.units import registry
from extractor.ruleset.context_rules import context_rules
from extractor.ruleset.loader import default_rules_dir
from extractor.ruleset.ruleset import RuleSet


@pytest.fixture
def rules(tmp_path) -> Path:
    target = tmp_path / "rules"
    shutil.copytree(default_rules_dir(), target)
    return target


def touch_later(path: Path) -> None:
    """Give an edited file a new mtime even on a coarse-clock file system."""
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))


def test_the_same_folder_is_the_same_ruleset_until_a_file_changes(rules):
    first = RuleSet.of(rules)
    assert RuleSet.of(rules) is first and RuleSet.of(first) is first
    assert RuleSet.of(str(rules)) is first, "a str and a Path name one folder"
    touch_later(rules / "scales.yaml")
    assert RuleSet.of(rules) is not first


def test_everything_compiled_from_a_ruleset_is_built_once_for_it(rules):
    ruleset = RuleSet.of(rules)
    assert scanner(ruleset) is scanner(ruleset) and context_rules(ruleset) is context_rules(ruleset)
    assert registry(ruleset) is registry(ruleset)


def test_an_edited_rule_file_reaches_the_figure_pass_in_the_same_process(rules):
    text = "The budget is 5 milliard tenge."
    assert list(extract_text(text, ner=False, ruleset=rules)["text"]) == ["5"]
    path = rules / "scales.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("words: [billion,", "words: [billion, milliard,", 1),
                    encoding="utf-8")
    touch_later(path)
    [row] = extract_text(text, ner=False, ruleset=rules).to_dict("records")
    assert (row["text"], row["value"], row["unit"]) == ("5 milliard tenge", 5e9, "KZT")


def test_the_rules_folder_reaches_the_reader_s_attribution(rules, tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("Exports grew 5%, the ministry announced on Monday.", encoding="utf-8")
    assert read_corpus([article])["attribution"].iloc[0] == ""
    path = rules / "attribution.yaml"
    text = path.read_text(encoding="utf-8")
    assert "words: [" in text
    path.write_text(text.replace("words: [", "words: [announced, ", 1), encoding="utf-8")
    touch_later(path)
    got = read_corpus([article], rules=rules)["attribution"].iloc[0]
    assert got == "the ministry announced on Monday"
