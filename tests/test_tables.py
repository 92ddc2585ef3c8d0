"""The table contract (extractor/tables.py): every table a run produces fits its declaration,
and the rule files refuse what the contract does not allow."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest

import extractor
from extractor import tables
from extractor.errors import RuleError
from extractor.ruleset.context_rules import context_rules
from extractor.context.measured import word_lists
from extractor.ruleset.loader import default_rules_dir


@pytest.fixture(scope="module")
def run(sample_articles, sample_rules_mentions):
    """The sample's tables, rules only; articles and mentions built once per session (conftest.py)."""
    articles, mentions = sample_articles, sample_rules_mentions
    claims = extractor.build_claims(mentions)
    return {"articles": articles, "mentions": mentions, "claims": claims, "checks": extractor.check(claims)}


@pytest.mark.parametrize("name", list(tables.TABLES))
def test_every_table_of_a_run_fits_its_declaration(run, name):
    assert tables.problems(run[name], name) == []


@pytest.mark.parametrize("name", list(tables.TABLES))
def test_the_committed_report_tables_fit_too(name):
    from pathlib import Path

    frame = pd.read_parquet(Path(__file__).resolve().parent.parent / "reports" / f"{name}.parquet")
    # the files hold the public form (NA, flags as lists); read back, they are the engine's tables
    assert tables.problems(tables.internal_form(frame, name), name) == []


def test_a_kind_spelled_a_new_way_is_caught(run):
    mentions = run["mentions"].copy()
    mentions.loc[mentions.index[0], "kind"] = "growth"
    with pytest.raises(tables.TableError, match=r"kind: 'growth' is not one of level"):
        tables.validate(mentions, "mentions")


def test_a_renamed_column_is_caught(run):
    checks = run["checks"].rename(columns={"verdict": "result"})
    assert "missing verdict" in tables.problems(checks, "checks")[0]


@pytest.fixture
def rules(tmp_path):
    target = tmp_path / "rules"
    shutil.copytree(default_rules_dir(), target)
    return target


# (file, text to replace, replacement, what the error says): each a defect the loaders refuse.
RULE_DEFECTS = {
    "indicator dimension not in the contract":
        ("indicators.yaml", "    dimension: money\n", "    dimension: monny\n", r"dimension 'monny' is not one of money"),
    "a spelling naming two places":
        ("places.yaml", "spellings: [Astana,", "spellings: [Almaty, Astana,", r"spelling 'Almaty' already names"),
    "a place in a region that does not exist":
        ("places.yaml", "region: abai_region", "region: abai_oblast", r"region 'abai_oblast' is no place's id"),
    "a measured-words example without its words":
        ("measured.yaml", 'example: "Labor productivity has doubled in five years"',
         'example: "Labor productivity has doubled"', r"list 'time_nouns': its example"),
}


@pytest.mark.parametrize("name, old, new, message", RULE_DEFECTS.values(), ids=RULE_DEFECTS.keys())
def test_a_rule_the_contract_does_not_allow_is_an_error_naming_file_and_line(rules, name, old, new, message):
    path = rules / name
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{name} no longer holds {old!r}: update this test"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    load = word_lists if name == "measured.yaml" else context_rules
    with pytest.raises(RuleError, match=rf"{name}:\d+: .*{message}"):
        load(rules)
