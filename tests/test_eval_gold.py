"""The accuracy floor of issue 3, on the hand-checked gold of the sample corpus.

This is the same computation as `extractor eval tests/gold`; the suite fails below the floor.
"""

from pathlib import Path

import pytest

from extractor import evaluate, pipeline

GOLD = Path(__file__).parent / "gold"
STRICT_F1_FLOOR = 0.95
SPAN_F1_FLOOR = 0.97


@pytest.fixture(scope="module")
def result():
    return evaluate.run(GOLD, (), pipeline.extract)


@pytest.mark.model
def test_strict_value_unit_f1_meets_the_floor(result):
    strict = result.metrics["strict"]
    assert strict["f1"] >= STRICT_F1_FLOOR, evaluate.format_report(result.metrics)


@pytest.mark.model
def test_span_f1_meets_the_floor(result):
    span = result.metrics["span"]
    assert span["f1"] >= SPAN_F1_FLOOR, evaluate.format_report(result.metrics)


@pytest.mark.model
def test_only_repeated_title_lines_are_left_unscored(result):
    unaligned = result.aligned[result.aligned["article_id"] == ""]
    # the reader drops a feed dump's repeated title line; its figures duplicate the title's
    assert len(unaligned) == 2, unaligned[["file", "text", "align_note"]].to_string()
