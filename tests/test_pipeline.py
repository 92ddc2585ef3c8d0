"""extractor.pipeline: the Mentions table, its provenance, and the ``figure_ruler`` component.

Tests that run the statistical model are marked ``model``; they share the one model the process
loads (the pipeline caches it), so the file stays fast. The rest run with ``ner=False`` or on
``spacy.blank("en")``.
"""

from __future__ import annotations

import math
import shutil
from pathlib import Path

import pandas as pd
import pytest
import spacy
from spacy.tokens import Doc

from extractor import pipeline
from extractor.extraction import ner
from extractor.errors import ExtractorError
from extractor.extraction.figures import Figure
from extractor.pipeline import MENTION_COLUMNS, extract, extract_text
from extractor.ruleset.loader import default_rules_dir

METHODS = {"rule", "ner", "rule+ner"}


def copy_rules(tmp_path: Path) -> Path:
    target = tmp_path / "rules"
    shutil.copytree(default_rules_dir(), target)
    return target


def add_scale_word(rules_dir: Path, word: str) -> None:
    path = rules_dir / "scales.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.count("words: [billion,") == 1
    path.write_text(text.replace("words: [billion,", f"words: [billion, {word},"), encoding="utf-8")


def model_loader():
    """The extract stage's cached model loader."""
    return ner.language_model


# sample_articles and sample_mentions: the sample's tables, built once per session (conftest.py)


# ---------------------------------------------------------------------------- one text


@pytest.mark.model
def test_extract_text_gives_the_mentions_table():
    frame = extract_text("GDP reached $288 billion.", published="2025-03-17")
    assert isinstance(frame, pd.DataFrame)
    assert list(frame.columns) == MENTION_COLUMNS
    [row] = frame.to_dict("records")
    assert (row["text"], row["start"], row["end"]) == ("$288 billion", 12, 24)
    assert row["value"] == 288e9 and row["unit"] == "USD" and row["dimension"] == "money"
    assert row["value_base"] == 288e9  # money stays in its own currency
    assert row["field"] == "body" and row["article_id"] == "text"
    assert row["sentence"] == "GDP reached $288 billion." and row["sentence_start"] == 0
    assert row["method"] in METHODS and row["rule"]


# text -> (figure text, value, unit, dimension, value_base)
NORMALISED = {
    "The new road is 4,400 km long.": ("4,400 km", 4400, "km", "length", 4.4e6),
    "A 120 kilometres bypass was opened.": ("120 kilometres", 120, "km", "length", 1.2e5),
    "Capacity will reach 7 GW.": ("7 GW", 7, "GW", "power", 7e9),
    "The plant has 450 MW of capacity.": ("450 MW", 450, "MW", "power", 4.5e8),
    "The budget is 1.3 trillion tenge.": ("1.3 trillion tenge", 1.3e12, "KZT", "money", 1.3e12),
    "Investment reached €40 million.": ("€40 million", 4e7, "EUR", "money", 4e7),
    "Output rose by 31.4%.": ("31.4%", 31.4, "percent", "ratio", 31.4),
    "Farms harvested 2.5 million tonnes.": ("2.5 million tonnes", 2.5e6, "t", "mass", 2.5e6),
    "Plants produced 120 billion kWh.": ("120 billion kWh", 1.2e11, "kWh", "energy", 1.2e11),
}


@pytest.mark.parametrize("text", NORMALISED)
def test_value_base_is_in_the_base_unit_of_the_dimension(text):
    frame = extract_text(text, published="2025-03-17", ner=False)
    [row] = frame.to_dict("records")
    expected = NORMALISED[text]
    assert (row["text"], row["unit"], row["dimension"]) == (expected[0], expected[2], expected[3])
    assert math.isclose(row["value"], expected[1]) and math.isclose(row["value_base"], expected[4])


def test_extract_text_without_figures_is_an_empty_mentions_table():
    frame = extract_text("No figures here at all.", ner=False)
    assert frame.empty and list(frame.columns) == MENTION_COLUMNS


# ---------------------------------------------------------------------------- the sample corpus


@pytest.mark.model
def test_every_span_is_a_slice_of_its_article(sample_articles, sample_mentions):
    assert len(sample_mentions) > 100
    assert set(sample_mentions["field"]) <= {"title", "body"}
    joined = sample_mentions.merge(sample_articles[["article_id", "title", "body"]], on="article_id",
                                   how="left", validate="many_to_one")
    assert joined["body"].notna().all()
    bad = [
        (r.article_id, r.field, r.start, r.text)
        for r in joined.itertuples()
        if getattr(r, r.field)[r.start:r.end] != r.text
    ]
    assert not bad, bad[:5]


@pytest.mark.model
def test_the_sentence_holds_the_figure(sample_articles, sample_mentions):
    texts = sample_articles.set_index("article_id")
    for r in sample_mentions.itertuples():
        assert r.text in r.sentence, (r.mention_id, r.text, r.sentence)
        assert r.sentence_start <= r.start and r.end <= r.sentence_start + len(r.sentence), r.mention_id
        source = texts.at[r.article_id, r.field]
        assert source[r.sentence_start:r.sentence_start + len(r.sentence)] == r.sentence, r.mention_id


@pytest.mark.model
def test_every_mention_says_how_it_was_found(sample_mentions):
    assert set(sample_mentions["method"]) <= METHODS
    assert "rule" in set(sample_mentions["method"]) or "rule+ner" in set(sample_mentions["method"])
    assert sample_mentions["rule"].notna().all()
    assert (sample_mentions["rule"].astype(str).str.len() > 0).all()
    assert sample_mentions["mention_id"].is_unique


@pytest.mark.model
def test_no_mention_for_articles_that_are_not_ok(sample_articles, sample_mentions):
    ok = set(sample_articles.loc[sample_articles["status"] == "ok", "article_id"])
    assert set(sample_mentions["article_id"]) <= ok


def test_articles_that_are_not_ok_are_skipped():
    articles = pd.DataFrame([
        {"article_id": "a", "status": "ok", "title": "", "body": "It cost $5 million.", "published": None},
        {"article_id": "b", "status": "empty", "title": "", "body": "It cost $7 million.", "published": None},
        {"article_id": "c", "status": "failed", "title": "5 km", "body": None, "published": None},
    ])
    frame = extract(articles, ner=False)
    assert list(frame["article_id"]) == ["a"] and list(frame["value"]) == [5e6]


# ---------------------------------------------------------------------------- the spaCy component


def test_figure_ruler_in_a_users_own_pipeline():
    nlp = spacy.blank("en")
    nlp.add_pipe("figure_ruler")
    doc = nlp("Between 2019 and 2024, GDP reached $288 billion and output rose by 31.4%.")
    spans = doc.spans["figures"]
    assert [span.text for span in spans] == ["$288 billion", "31.4%"]
    assert all(isinstance(span._.figure, dict) for span in spans)
    assert [span._.figure["value"] for span in spans] == [288e9, 31.4]
    assert [span.label_ for span in spans] == ["USD", "percent"]


def test_figure_ruler_spans_key_is_configurable():
    nlp = spacy.blank("en")
    nlp.add_pipe("figure_ruler", config={"spans_key": "numbers"})
    doc = nlp("The plant has 450 MW.")
    assert [span.text for span in doc.spans["numbers"]] == ["450 MW"]


def test_figure_ruler_reads_the_rules_folder_of_its_config(tmp_path):
    rules_dir = copy_rules(tmp_path)
    add_scale_word(rules_dir, "milliard")
    nlp = spacy.blank("en")
    nlp.add_pipe("figure_ruler", config={"rules_dir": str(rules_dir)})
    doc = nlp("The budget is 5 milliard tenge.")
    assert [(s.text, s._.figure["value"], s.label_) for s in doc.spans["figures"]] == [
        ("5 milliard tenge", 5e9, "KZT")]


def test_a_pipeline_with_figure_ruler_saves_and_loads(tmp_path):
    nlp = spacy.blank("en")
    nlp.add_pipe("figure_ruler")
    nlp.to_disk(tmp_path / "nlp")
    doc = spacy.load(tmp_path / "nlp")("It cost $5 million.")
    assert [(s.text, s._.figure["value"]) for s in doc.spans["figures"]] == [("$5 million", 5e6)]


def test_a_doc_with_figures_serialises():
    nlp = spacy.blank("en")
    nlp.add_pipe("figure_ruler")
    data = nlp("It cost $5 million.").to_bytes()
    doc = Doc(nlp.vocab).from_bytes(data)
    assert [(s.text, s._.figure["value"]) for s in doc.spans["figures"]] == [("$5 million", 5e6)]


# ---------------------------------------------------------------------------- a custom --rules folder


def test_extract_text_reads_the_rules_folder_it_is_given(tmp_path):
    rules_dir = copy_rules(tmp_path)
    add_scale_word(rules_dir, "milliard")
    text = "The budget is 5 milliard tenge."
    assert list(extract_text(text, ner=False)["text"]) == ["5"]
    [row] = extract_text(text, ner=False, ruleset=rules_dir).to_dict("records")
    assert (row["text"], row["value"], row["unit"], row["value_base"]) == ("5 milliard tenge", 5e9, "KZT", 5e9)


def test_a_currency_defined_in_the_folders_units_txt_reaches_the_table(tmp_path):
    rules_dir = copy_rules(tmp_path)
    with open(rules_dir / "units.txt", "a", encoding="utf-8") as units_txt:
        units_txt.write("MNT = [money_MNT] = _ = tugrik\n")
    with open(rules_dir / "currencies.yaml", "a", encoding="utf-8") as currencies:
        currencies.write("  - id: MNT\n    suffixes: [tugriks, MNT]\n")
    [row] = extract_text("It cost 5 million tugriks.", ner=False, ruleset=rules_dir).to_dict("records")
    assert (row["unit"], row["dimension"], row["value_base"]) == ("MNT", "money", 5e6)


# ---------------------------------------------------------------------------- the model


@pytest.mark.model
def test_the_model_is_loaded_once_per_process():
    load = model_loader()
    assert load() is load()


# ---------------------------------------------------------------------------- odd input


ODD_TEXTS = {
    "empty": "",
    "blank": " \n\t\u00a0\n",
    "control_characters": "Budget\x00 of $5\x07 million\x1b[0m and \x0c 7% \x1f growth.\r\n",
    "russian": "ВВП Казахстана вырос на 4,8% и составил 288 млрд долларов в 2024 году.",
}
# one line of 1 MiB, a figure every kilobyte or so (a denser line only makes the test slower)
_FILLER = "The ministry said the programme covers schools, hospitals and roads in every region. " * 12
ONE_MB_LINE = ((_FILLER + "It cost 5 million tenge. ") * 1100)[: 1 << 20]


@pytest.mark.parametrize("text", [
    *(pytest.param(text, id=name) for name, text in ODD_TEXTS.items()),
    pytest.param(ONE_MB_LINE, id="one_mb_line"),
])
def test_odd_text_does_not_crash(text):
    frame = extract_text(text, published="2025-03-17", ner=False)
    assert list(frame.columns) == MENTION_COLUMNS
    for r in frame.itertuples():
        assert text[r.start:r.end] == r.text


@pytest.mark.model
@pytest.mark.parametrize("name", ["empty", "control_characters", "russian"])
def test_odd_text_does_not_crash_the_model(name):
    text = ODD_TEXTS[name]
    frame = extract_text(text, published="2025-03-17")
    for r in frame.itertuples():
        assert text[r.start:r.end] == r.text


@pytest.mark.parametrize("text, sentences", [
    ("Around 10mln sq.m. of housing was built. The plan is 111mln sq.m. by 2029.",
     ["Around 10mln sq.m. of housing was built.", "The plan is 111mln sq.m. by 2029."]),
    ("Output rose 5 p.c. in May. Exports hit 12 bln. tenge in June.",
     ["Output rose 5 p.c. in May.", "Exports hit 12 bln. tenge in June."]),
    ("GDP grew 4.8%. 2024 was a record year.\nnew line, new sentence.",
     ["GDP grew 4.8%.", "2024 was a record year.", "new line, new sentence."]),
])
def test_an_abbreviation_dot_ends_no_sentence(text, sentences):
    from extractor.extraction.sentences import sentence_bounds

    assert [text[s:e] for s, e in sentence_bounds(text)] == sentences


@pytest.mark.model
def test_entities_are_recognised_only_where_they_can_change_a_row():
    """NER is half the model's time; the context stage reads entities only for places inside
    names and for proper-noun subjects, so the recogniser runs on those sentences alone."""
    from extractor.pipeline import parse_sentences
    from extractor.ruleset.context_rules import context_rules

    docs = parse_sentences(["Air Astana carried 2 million passengers.",  # a place in a name
                            "Halyk Bank earned KZT 1.9 trillion.",  # a proper-noun subject
                            "Output rose 5 percent to 3 million tons."], context_rules())
    assert [bool(d.ents) for d in docs] == [True, True, False]
    assert all(d.has_annotation("DEP") for d in docs), "every sentence is parsed"


@pytest.mark.model
def test_parsing_many_articles_at_once_changes_no_row(sample_articles, monkeypatch):
    """The model parses the figure sentences of ARTICLES_PER_PARSE articles in one pass; the
    Mentions table is the same, row for row, as parsing one article at a time."""
    articles = sample_articles.head(6)
    together = pipeline.extract(articles)
    monkeypatch.setattr(pipeline, "ARTICLES_PER_PARSE", 1)
    pd.testing.assert_frame_equal(pipeline.extract(articles), together)
