"""The general-news gold set (tests/gold/general): every line valid, offsets exact, splits listed."""
import csv
import json
from pathlib import Path

import pytest

from extractor.dev.evaluate import record_problems

BASE = Path(__file__).resolve().parent / "gold" / "general"
TEXTS = BASE / "texts"
SPLITS = ("dev", "heldout")


def _lines():
    out = []
    for split in SPLITS:
        for path in sorted((BASE / split).glob("*.jsonl")):
            for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if line.strip():
                    out.append(pytest.param(split, json.loads(line), id=f"{split}/{path.name}:{n}"))
    return out


LINES = _lines()


def _index():
    with open(TEXTS / "index.csv", encoding="utf-8", newline="") as f:
        return {row["file"]: row for row in csv.DictReader(f)}


@pytest.mark.parametrize("split,record", LINES)
def test_record_valid_and_offsets_exact(split, record):
    assert record_problems(record) == []
    text = (TEXTS / record["file"]).read_text(encoding="utf-8")
    assert text[record["start"]:record["end"]] == record["text"]
    assert _index()[record["file"]]["split"] == split


def test_no_span_annotated_twice():
    keys = [(r.values[1]["file"], r.values[1]["start"], r.values[1]["end"]) for r in LINES]
    assert len(keys) == len(set(keys))


def test_index_lists_every_text_with_rule_split():
    index = _index()
    files = sorted(p.name for p in TEXTS.glob("G*.txt"))
    assert sorted(index) == files
    for n, name in enumerate(files, 1):
        assert index[name]["split"] == ("heldout" if n % 3 == 2 else "dev")
        assert index[name]["source_kind"] in {"sports", "weather_science", "technology", "energy_commodities",
                                              "finance_company", "autos", "health_demography", "general"}
    annotated = {r.values[1]["file"]: r.values[0] for r in LINES}
    assert set(annotated) == set(files)
    for name, split in annotated.items():
        assert index[name]["split"] == split


def test_corpus_pointers():
    for split in SPLITS:
        lines = (BASE / split / "corpus.txt").read_text(encoding="utf-8").splitlines()
        assert lines == ["# The texts this gold annotates, relative to this folder (read by extractor eval).",
                         "../texts"]
