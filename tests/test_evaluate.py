"""Scoring against the gold set: metrics on small hand-made tables, and the gold files themselves."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pandas as pd
import pytest

from extractor.dev import evaluate as ev

REPO = Path(__file__).resolve().parent.parent
GOLD_DIR = REPO / "tests" / "gold"
SAMPLE_DIR = REPO / "data" / "sample"
GOLD_COUNTS = {"000_c89292145971ae9f.jsonl": 198, "004_54e8692dd87946bb.jsonl": 12}


# ----------------------------------------------------------------------------- a tiny unit world

LABELS = {"percentage_point": "pp", "m**2": "m2", "m**3/d": "m3/day", "year": "years"}
ENERGY_KWH = {"kWh": 1.0, "GWh": 1e6, "TWh": 1e9}


def tiny_same_quantity(unit_a, value_a, unit_b, value_b):
    """Energy converts; nothing else does (each currency is its own dimension)."""
    if unit_a in ENERGY_KWH and unit_b in ENERGY_KWH:
        return math.isclose(value_a * ENERGY_KWH[unit_a], value_b * ENERGY_KWH[unit_b], rel_tol=1e-6)
    return False


@pytest.fixture(autouse=True)
def tiny_units(monkeypatch):
    """The scorer's unit questions answered by a tiny, fixed table, so these tests pin down the
    scorer and not extractor.extraction.units (which has its own tests)."""
    monkeypatch.setattr(ev, "gold_label", lambda unit: LABELS.get(unit, unit))
    monkeypatch.setattr(ev, "same_quantity", tiny_same_quantity)


# ----------------------------------------------------------------------------- table builders


def gold_row(start, end, text, value, unit, **more):
    row = {"article_id": "A", "start": start, "end": end, "file_start": start + 100,
           "file_end": end + 100, "text": text, "value": value, "value_high": None, "unit": unit,
           "kind": "level", "qualifier": "exact", "measured": "schools", "year": "2024",
           "status": "actual", "flag": None, "file": "a.txt", "gold_file": "a.jsonl",
           "line": 1, "context": text, "align_note": ""}
    return {**row, **more}


def pred_row(start, end, text, value, unit, **more):
    row = {"article_id": "A", "start": start, "end": end, "text": text, "value": value,
           "value_high": None, "unit": unit, "kind": "level", "qualifier": "exact",
           "measured": "new schools", "period_start": 2024, "period_end": 2024,
           "status": "actual", "flags": "", "location": ""}
    return {**row, **more}


def gold_table(*rows):
    return pd.DataFrame(list(rows)).reindex(columns=ev.ALIGNED_COLUMNS)


def pred_table(*rows):
    return pd.DataFrame(list(rows), columns=list(pred_row(0, 1, "", 0, "").keys()))


G_SCHOOLS = gold_row(0, 5, "1,200", 1200, "count")
G_MONEY = gold_row(20, 37, "1.3 trillion tenge", 1.3e12, "KZT", kind="level")
G_SHARE = gold_row(50, 55, "31.4%", 31.4, "percent", kind="change_pct", year="2019-2024",
                   measured="manufacturing output")
P_SCHOOLS = pred_row(0, 5, "1,200", 1200.0, "count")
P_MONEY = pred_row(20, 37, "1.3 trillion tenge", 1.3e12, "KZT")
P_SHARE = pred_row(50, 55, "31.4%", 31.4, "percent", kind="change_pct", period_start=2019,
                   measured="output of manufacturing")


def prf_of(metric):
    return (metric["precision"], metric["recall"], metric["f1"])


# ----------------------------------------------------------------------------- span / strict metrics

SCORE_CASES = {
    # id: (gold rows, predicted rows, {metric: (precision, recall, f1)})
    "perfect": (
        [G_SCHOOLS, G_MONEY, G_SHARE], [P_SCHOOLS, P_MONEY, P_SHARE],
        {"span": (1, 1, 1), "span_overlap": (1, 1, 1), "strict": (1, 1, 1)},
    ),
    "one missing": (
        [G_SCHOOLS, G_MONEY, G_SHARE], [P_SCHOOLS, P_MONEY],
        {"span": (1, 0.6667, 0.8), "strict": (1, 0.6667, 0.8)},
    ),
    "one extra": (
        [G_SCHOOLS, G_MONEY], [P_SCHOOLS, P_MONEY, pred_row(60, 64, "2024", 2024, "count")],
        {"span": (0.6667, 1, 0.8), "strict": (0.6667, 1, 0.8)},
    ),
    "wrong unit: tenge read as dollars": (
        [G_MONEY], [{**P_MONEY, "unit": "USD"}],
        {"span": (1, 1, 1), "strict": (0, 0, 0)},
    ),
    "wrong value: scale word lost": (
        [G_MONEY], [{**P_MONEY, "value": 1.3}],
        {"span": (1, 1, 1), "strict": (0, 0, 0)},
    ),
    "canonical unit maps onto the gold label": (
        [gold_row(0, 6, "2.5 pp", 2.5, "pp")], [pred_row(0, 6, "2.5 pp", 2.5, "percentage_point")],
        {"strict": (1, 1, 1)},
    ),
    "TWh against kWh: same quantity after conversion": (
        [gold_row(0, 15, "120 billion kWh", 1.2e11, "kWh")],
        [pred_row(0, 15, "120 billion kWh", 120.0, "TWh")],
        {"strict": (1, 1, 1)},
    ),
    "TWh against kWh: a different amount": (
        [gold_row(0, 15, "120 billion kWh", 1.2e11, "kWh")],
        [pred_row(0, 15, "120 billion kWh", 12.0, "TWh")],
        {"strict": (0, 0, 0)},
    ),
    "range: value_high agrees": (
        [gold_row(0, 6, "14-15%", 14, "percent", value_high=15, qualifier="range")],
        [pred_row(0, 6, "14-15%", 14.0, "percent", value_high=15.0, qualifier="range")],
        {"strict": (1, 1, 1)},
    ),
    "range: value_high differs": (
        [gold_row(0, 6, "14-15%", 14, "percent", value_high=15, qualifier="range")],
        [pred_row(0, 6, "14-15%", 14.0, "percent", value_high=16.0, qualifier="range")],
        {"span": (1, 1, 1), "strict": (0, 0, 0)},
    ),
    "range: value_high missing": (
        [gold_row(0, 6, "14-15%", 14, "percent", value_high=15, qualifier="range")],
        [pred_row(0, 6, "14-15%", 14.0, "percent")],
        {"strict": (0, 0, 0)},
    ),
    "malformed: flagged and not guessed": (
        [gold_row(0, 6, "460,00", None, "count", flag="malformed")],
        [pred_row(0, 6, "460,00", float("nan"), "count", flags="malformed_number")],
        {"strict": (1, 1, 1)},
    ),
    "malformed: flags as a list": (
        [gold_row(0, 6, "460,00", None, "count", flag="malformed")],
        [pred_row(0, 6, "460,00", None, "count", flags=["malformed_number"])],
        {"strict": (1, 1, 1)},
    ),
    "malformed: silently read as 46,000": (
        [gold_row(0, 6, "460,00", None, "count", flag="malformed")],
        [pred_row(0, 6, "460,00", 46000.0, "count")],
        {"span": (1, 1, 1), "strict": (0, 0, 0)},
    ),
    "span off by one: lenient and strict match, exact does not": (
        [G_MONEY], [{**P_MONEY, "start": 19, "text": " 1.3 trillion tenge"}],
        {"span": (0, 0, 0), "span_overlap": (1, 1, 1), "strict": (1, 1, 1)},
    ),
    "one-to-one: a figure predicted twice counts once": (
        [G_SCHOOLS], [P_SCHOOLS, P_SCHOOLS],
        {"span": (0.5, 1, 0.6667), "span_overlap": (0.5, 1, 0.6667), "strict": (0.5, 1, 0.6667)},
    ),
    "one-to-one: one long prediction cannot cover two figures": (
        [gold_row(0, 5, "42500", 42500, "KZT"), gold_row(9, 21, "85,000 tenge", 85000, "KZT")],
        [pred_row(0, 21, "42500 to 85,000 tenge", 42500.0, "KZT")],
        {"span_overlap": (1, 0.5, 0.6667), "strict": (1, 0.5, 0.6667)},
    ),
    "same offsets in another article do not match": (
        [G_SCHOOLS], [{**P_SCHOOLS, "article_id": "B"}],
        {"span": (0, 0, 0), "strict": (0, 0, 0)},
    ),
    "nothing predicted": (
        [G_SCHOOLS], [],
        {"span": (0, 0, 0), "strict": (0, 0, 0)},
    ),
}


@pytest.mark.parametrize("gold,pred,expected", SCORE_CASES.values(), ids=SCORE_CASES.keys())
def test_score_span_and_strict(gold, pred, expected):
    metrics = ev.score(gold_table(*gold), pred_table(*pred))
    for name, want in expected.items():
        assert prf_of(metrics[name]) == pytest.approx(want, abs=1e-4), name


def test_score_counts_add_up():
    metrics = ev.score(gold_table(G_SCHOOLS, G_MONEY, G_SHARE),
                       pred_table(P_SCHOOLS, {**P_MONEY, "unit": "USD"}, pred_row(90, 92, "7", 7, "count")))
    assert metrics["span"] == {**metrics["span"], "tp": 2, "fp": 1, "fn": 1, "n": 3}
    assert metrics["strict"] == {**metrics["strict"], "tp": 1, "fp": 2, "fn": 2, "n": 3}
    assert (metrics["gold"], metrics["predicted"], metrics["gold_unaligned"]) == (3, 3, 0)


def test_perfect_prediction_scores_one_everywhere():
    metrics = ev.score(gold_table(G_SCHOOLS, G_MONEY, G_SHARE), pred_table(P_SCHOOLS, P_MONEY, P_SHARE))
    for name in ev.SPAN_METRICS:
        assert prf_of(metrics[name]) == (1, 1, 1)
    for name in ev.ATTRIBUTES:
        if name in ev.JUDGED:  # none of these gold rows names an indicator or a place: nothing to judge
            assert metrics[name]["n"] == 0
            continue
        assert metrics[name] == {"accuracy": 1.0, "correct": 3, "wrong": 0, "n": 3}


def test_indicator_accuracy_counts_only_gold_figures_that_have_one():
    gold = gold_table({**G_SCHOOLS, "indicator": "schools_built"}, {**G_MONEY, "indicator": "gdp"}, G_SHARE)
    pred = pred_table(P_SCHOOLS, P_MONEY, P_SHARE).assign(indicator=["schools_built", "fdi", "inflation"])
    assert ev.score(gold, pred)["indicator"] == {"accuracy": 0.5, "correct": 1, "wrong": 1, "n": 2}


# ----------------------------------------------------------------------------- attribute accuracies

ATTRIBUTE_CASES = {
    # id: (gold overrides, prediction overrides, attribute, correct?)
    "kind differs": ({}, {"kind": "change"}, "kind", False),
    "qualifier differs": ({"qualifier": "approx"}, {}, "qualifier", False),
    "at_least counts as more_than":
        ({"qualifier": "more_than"}, {"qualifier": "at_least"}, "qualifier", True),
    "status differs": ({}, {"status": "plan"}, "status", False),
    "single year": ({"year": "2024"}, {"period_start": 2024, "period_end": 2024}, "period", True),
    "single year, end missing":
        ({"year": "2024"}, {"period_start": 2024.0, "period_end": None}, "period", True),
    "period range":
        ({"year": "2019-2024"}, {"period_start": 2019, "period_end": 2024}, "period", True),
    "period range vs one year":
        ({"year": "2019-2024"}, {"period_start": 2024, "period_end": 2024}, "period", False),
    "no period on both sides":
        ({"year": None}, {"period_start": None, "period_end": float("nan")}, "period", True),
    "period predicted but none in gold": ({"year": None}, {}, "period", False),
    "measured shares its head noun":
        ({"measured": "passenger cars produced"}, {"measured": "cars"}, "measured", True),
    "measured head noun differs":
        ({"measured": "share of raw materials in exports"}, {"measured": "exports"}, "measured_head", False),
    "measured content words overlap (all of the shorter phrase)":
        ({"measured": "share of raw materials in exports"}, {"measured": "exports"}, "measured", True),
    "measured in other words order":
        ({"measured": "harvest of wheat"}, {"measured": "wheat harvest"}, "measured", True),
    "location: a regional figure and its region, written differently":
        ({"location": "Almaty region", "location_level": "region", "has_location": True},
         {"location": "Almaty"}, "location", True),
    "location: a national figure wants no place":
        ({"location": "Kazakhstan", "location_level": "national", "has_location": True},
         {"location": "Almaty"}, "location", False),
    "location: a regional figure read as national":
        ({"location": "Tashkent", "location_level": "city", "has_location": True},
         {"location": ""}, "location", False),
    "location: a world figure":
        ({"location": "world", "location_level": "world", "has_location": True},
         {"location": "global"}, "location", True),
    "measured sharing too little":
        ({"measured": "copper output of the group"}, {"measured": "gold reserves"}, "measured", False),
    "measured missing": ({"measured": "villages"}, {"measured": None}, "measured", False),
}


@pytest.mark.parametrize("gold_over,pred_over,attribute,correct", ATTRIBUTE_CASES.values(),
                         ids=ATTRIBUTE_CASES.keys())
def test_attribute_accuracy(gold_over, pred_over, attribute, correct):
    gold = gold_table({**G_SCHOOLS, **gold_over})
    metrics = ev.score(gold, pred_table({**P_SCHOOLS, **pred_over}))
    assert metrics[attribute] == {"accuracy": float(correct), "correct": int(correct),
                                  "wrong": int(not correct), "n": 1}


def test_attributes_are_judged_only_on_strict_matches():
    metrics = ev.score(gold_table(G_MONEY), pred_table({**P_MONEY, "unit": "USD", "kind": "share"}))
    assert metrics["kind"] == {"accuracy": None, "correct": 0, "wrong": 0, "n": 0}


REAL_UNIT_CASES = {
    # id: (gold label, gold value, predicted canonical unit, predicted value, match?)
    "pp": ("pp", 2.5, "percentage_point", 2.5, True),
    "percent is not pp": ("pp", 2.5, "percent", 2.5, False),
    "m3/day": ("m3/day", 105000, "m**3/d", 105000, True),
    "years": ("years", 75, "year", 75, True),
    "TWh against kWh": ("kWh", 1.2e11, "TWh", 120, True),
    "GW against MW": ("GW", 7, "MW", 7000, True),
    "tenge is not dollars": ("KZT", 100, "USD", 100, False),
    "unknown predicted unit": ("count", 3, "passengers", 3, False),
}


@pytest.mark.parametrize("gold_unit,gold_value,pred_unit,pred_value,expected",
                         REAL_UNIT_CASES.values(), ids=REAL_UNIT_CASES.keys())
def test_unit_match_with_the_real_registry(monkeypatch, gold_unit, gold_value, pred_unit, pred_value,
                                           expected):
    from extractor.extraction import units

    monkeypatch.setattr(ev, "gold_label", units.gold_label)
    monkeypatch.setattr(ev, "same_quantity", units.same_quantity)
    assert ev.unit_value_match(gold_unit, gold_value, pred_unit, pred_value) is expected


def test_every_gold_label_is_a_unit_the_registry_reads():
    from extractor.extraction import units

    for label in sorted(ev.UNIT_LABELS):
        assert units.gold_label(units.canonical(label).unit) == label


# ----------------------------------------------------------------------------- head_noun

HEAD_NOUN_CASES = {
    "passenger cars": "car",
    "passenger cars produced": "car",
    "new schools built in 2024": "school",
    "planned primary healthcare facilities": "facility",
    "share of raw materials in exports": "share",
    "people with access to natural gas": "people",
    "schools to be built": "school",
    "projects approved at the expense of the EAEU budget": "project",
    "savings of budget funds from public procurement": "saving",
    "volume of innovative products": "volume",
    "children's and youth sports schools": "school",
    "pairs of trains (Dostyk-Moyinty line capacity)": "pair",
    "Kazakhstan’s mutual trade with EAEU member states": "trade",
    "GDP": "gdp",
    "GDP per capita": "gdp",
    "people regularly engaged in physical culture and sports": "people",
    "newly commissioned housing": "housing",
    "flood response personnel on standby": "personnel",
    "minimum wage": "wage",
    "villages that lack water": "village",
    "rural areas": "area",
    "natural gas": "gas",
    "": "",
}


@pytest.mark.parametrize("phrase,head", HEAD_NOUN_CASES.items(), ids=HEAD_NOUN_CASES.keys())
def test_head_noun(phrase, head):
    assert ev.head_noun(phrase) == head


# ----------------------------------------------------------------------------- alignment


def articles_table(*rows):
    columns = ["article_id", "source", "record", "offset", "body", "status"]
    return pd.DataFrame(list(rows), columns=columns)


def raw_gold(*rows):
    return pd.DataFrame(
        [{"file": f, "start": s, "end": e, "text": t, "gold_file": "x.jsonl", "line": i}
         for i, (f, s, e, t) in enumerate(rows, 1)]
    )


def test_align_maps_file_offsets_to_body_offsets():
    text = "HEADER\nTitle 7%\nGDP reached $288 billion.\nHEADER\nTitle\nUp 31.4%."
    arts = articles_table(
        ["A1", "dump/a.txt", 0, text.index("GDP"), "GDP reached $288 billion.", "ok"],
        ["A2", "dump/a.txt", 1, text.index("Up"), "Up 31.4%.", "ok"],
        ["B1", "dump/b.txt", 0, 0, "GDP reached $288 billion.", "ok"],
    )
    gold = raw_gold(("a.txt", text.index("7%"), text.index("7%") + 2, "7%"),
                    ("a.txt", text.index("$288"), text.index("$288") + 12, "$288 billion"),
                    ("a.txt", text.index("31.4"), text.index("31.4") + 5, "31.4%"),
                    ("c.txt", 0, 3, "GDP"))
    aligned = ev.align(gold, arts)
    assert aligned[["article_id", "start", "end"]].astype(object).values.tolist() == [
        ["", pd.NA, pd.NA], ["A1", 12, 24], ["A2", 3, 8], ["", pd.NA, pd.NA]]
    assert aligned["align_note"].tolist() == [
        "outside every article body", "", "", "no article read from this file"]
    assert aligned.loc[1, "context"] == "GDP reached [$288 billion]."


def test_align_refuses_a_body_that_disagrees_with_the_gold():
    arts = articles_table(["A1", "a.txt", 0, 10, "GDP reached $288 billion.", "ok"])
    gold = raw_gold(("a.txt", 23, 35, "$288 billion"))  # body has it at 22:34
    with pytest.raises(ev.GoldAlignmentError, match=r"x\.jsonl:1: article A1 holds"):
        ev.align(gold, arts)


def test_unaligned_gold_is_counted_not_scored():
    gold = gold_table(G_SCHOOLS, {**G_MONEY, "article_id": "", "start": None, "end": None,
                                  "align_note": "outside every article body"})
    metrics = ev.score(gold, pred_table(P_SCHOOLS))
    assert (metrics["gold"], metrics["gold_aligned"], metrics["gold_unaligned"]) == (2, 1, 1)
    assert prf_of(metrics["strict"]) == (1, 1, 1)


def test_score_with_articles_ignores_predictions_from_files_without_gold():
    arts = articles_table(["A", "in/a.txt", 0, 0, "x" * 60, "ok"], ["Z", "in/z.txt", 0, 0, "y", "ok"])
    metrics = ev.score(gold_table(G_SCHOOLS), pred_table(P_SCHOOLS, {**P_SCHOOLS, "article_id": "Z"}), arts)
    assert metrics["predicted"] == 1 and prf_of(metrics["span"]) == (1, 1, 1)


# ----------------------------------------------------------------------------- errors listing


def test_errors_lists_misses_and_spurious_predictions_with_context():
    body = "Schools: 1,200 built. Money: 1.3 trillion tenge. Year 2024 too."
    arts = articles_table(["A", "a.txt", 0, 0, body, "ok"])
    gold = gold_table(gold_row(9, 14, "1,200", 1200, "count", context="ctx-1"),
                      gold_row(29, 47, "1.3 trillion tenge", 1.3e12, "KZT", line=2),
                      {**G_SHARE, "article_id": "", "start": None, "end": None, "line": 3,
                       "align_note": "outside every article body"})
    pred = pred_table(pred_row(29, 47, "1.3 trillion tenge", 1.3, "KZT"),
                      pred_row(54, 58, "2024", 2024, "count"))
    table = ev.errors(gold, pred, arts)
    assert table[["error", "reason", "text"]].values.tolist() == [
        ["fn", "no prediction here", "1,200"],
        ["fn", "value/unit differ", "1.3 trillion tenge"],
        ["fn", "outside every article body", "31.4%"],
        ["fp", "value/unit differ", "1.3 trillion tenge"],
        ["fp", "not a gold figure", "2024"],
    ]
    assert table["where"].tolist()[:3] == ["a.jsonl:1", "a.jsonl:2", "a.jsonl:3"]
    assert table["context"].iloc[4] == "Schools: 1,200 built. Money: 1.3 trillion tenge. Year [2024] too."


def test_format_report_shows_every_metric_and_its_counts():
    metrics = ev.score(gold_table(G_SCHOOLS, G_MONEY), pred_table(P_SCHOOLS))
    report = ev.format_report(metrics)
    assert "gold figures 2 (2 in article titles and bodies, 0 outside: not scored), predicted 1" in report
    assert "value+unit         1.0000  0.5000  0.6667     1     0     1" in report
    for name in ev.ATTRIBUTES:
        assert name in report


# ----------------------------------------------------------------------------- the gold format


def write_gold(tmp_path, *records, name="g.jsonl"):
    lines = [r if isinstance(r, str) else json.dumps(r) for r in records]
    (tmp_path / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
    return tmp_path


GOOD = {"file": "a.txt", "start": 0, "end": 3, "text": "31%", "value": 31, "value_high": None,
        "unit": "percent", "kind": "share", "qualifier": "exact", "measured": "coverage",
        "year": None, "status": "actual"}

BAD_LINES = {
    "not JSON": ("{nope", "not valid JSON"),
    "missing key": ({k: v for k, v in GOOD.items() if k != "kind"}, "missing key"),
    "unknown key": ({**GOOD, "comment": "x"}, "unknown key"),
    "unit not a label": ({**GOOD, "unit": "percentage_point"}, "unit 'percentage_point'"),
    "bad kind": ({**GOOD, "kind": "rate"}, "kind 'rate'"),
    "bad qualifier": ({**GOOD, "qualifier": "about"}, "qualifier 'about'"),
    "bad status": ({**GOOD, "status": "planned"}, "status 'planned'"),
    "bad year": ({**GOOD, "year": "2024-2019"}, "year '2024-2019'"),
    "span length": ({**GOOD, "end": 4}, "end - start is 4"),
    "null value without flag": ({**GOOD, "value": None}, "value is null"),
    "range without value_high": ({**GOOD, "qualifier": "range"}, "value_high is set exactly"),
    "value a string": ({**GOOD, "value": "31"}, "value must be a number"),
}


@pytest.mark.parametrize("line,message", BAD_LINES.values(), ids=BAD_LINES.keys())
def test_load_gold_names_file_line_and_problem(tmp_path, line, message):
    write_gold(tmp_path, GOOD, line)
    with pytest.raises(ev.GoldFormatError, match=r"g\.jsonl:2: ") as caught:
        ev.load_gold(tmp_path)
    assert message in str(caught.value)


def test_load_gold_rejects_a_span_annotated_twice(tmp_path):
    write_gold(tmp_path, GOOD, "", GOOD)
    with pytest.raises(ev.GoldFormatError, match=r"g\.jsonl:1, g\.jsonl:3: .* annotated twice"):
        ev.load_gold(tmp_path)


def test_load_gold_of_an_empty_folder_says_so(tmp_path):
    with pytest.raises(ev.GoldFormatError, match="no \\*.jsonl gold files"):
        ev.load_gold(tmp_path)


def test_locate_texts_looks_in_gold_dir_corpus_dirs_then_seeds(tmp_path):
    (tmp_path / "gold").mkdir()
    (tmp_path / "seeds").mkdir()
    (tmp_path / "corpus").mkdir()
    write_gold(tmp_path / "gold", GOOD, {**GOOD, "file": "b.txt"})
    (tmp_path / "seeds" / "a.txt").write_text("31% a", encoding="utf-8")
    (tmp_path / "corpus" / "b.txt").write_text("31% b", encoding="utf-8")
    gold = ev.load_gold(tmp_path / "gold")
    found = ev.locate_texts(gold, tmp_path / "gold", [tmp_path / "corpus"])
    assert found == {"a.txt": tmp_path / "seeds" / "a.txt", "b.txt": tmp_path / "corpus" / "b.txt"}


def test_locate_texts_names_the_missing_file_and_where_it_looked(tmp_path):
    write_gold(tmp_path, {**GOOD, "file": "nowhere.txt"})
    gold = ev.load_gold(tmp_path)
    with pytest.raises(ev.GoldTextNotFoundError, match=r"'nowhere\.txt' \(g\.jsonl, 1 line\(s\)\).*seeds"):
        ev.locate_texts(gold, tmp_path)


def test_check_offsets_reports_a_shifted_span(tmp_path):
    write_gold(tmp_path, GOOD)
    (tmp_path / "a.txt").write_text(" 31%", encoding="utf-8")
    gold = ev.load_gold(tmp_path)
    with pytest.raises(ev.GoldFormatError, match=r"g\.jsonl:1: text '31%' but the file has ' 31'"):
        ev.check_offsets(gold, ev.locate_texts(gold, tmp_path))


# ----------------------------------------------------------------------------- the shipped gold set


@pytest.fixture(scope="module")
def shipped_gold():
    return ev.load_gold(GOLD_DIR)


def test_shipped_gold_counts_per_file(shipped_gold):
    assert shipped_gold.groupby("gold_file").size().to_dict() == GOLD_COUNTS


def test_shipped_gold_texts_equal_the_sample_file_slices(shipped_gold):
    texts = {name: (SAMPLE_DIR / name).read_text(encoding="utf-8") for name in shipped_gold["file"].unique()}
    wrong = [f"{r.gold_file}:{r.line}" for r in shipped_gold.itertuples()
             if texts[r.file][r.start:r.end] != r.text]
    assert wrong == []


def test_shipped_gold_annotates_one_sample_file_per_gold_file(shipped_gold):
    names = shipped_gold.groupby("gold_file")["file"].unique()
    assert {g: list(f) for g, f in names.items()} == {
        g: [g.replace(".jsonl", ".txt")] for g in GOLD_COUNTS}
    assert set(ev.locate_texts(shipped_gold, GOLD_DIR).values()) == {
        SAMPLE_DIR / g.replace(".jsonl", ".txt") for g in GOLD_COUNTS}


def test_shipped_gold_aligns_onto_the_corpus_bodies(shipped_gold):
    """Every figure outside a title lands in an article body, text for text (align checks)."""
    from extractor import read_corpus

    articles = read_corpus([SAMPLE_DIR])
    aligned = ev.align(shipped_gold, articles)
    titles = aligned[aligned["article_id"] == ""]
    assert titles["align_note"].unique().tolist() == ["outside every article body"]
    assert sorted(zip(titles["gold_file"], titles["line"])) == [
        ("000_c89292145971ae9f.jsonl", 165), ("000_c89292145971ae9f.jsonl", 166),
        ("000_c89292145971ae9f.jsonl", 177), ("000_c89292145971ae9f.jsonl", 178),
        ("004_54e8692dd87946bb.jsonl", 1)]


def test_eval_can_read_the_texts_without_their_index_as_bare_txt_files(tmp_path):
    """Issue 11's undated measure: the same gold scored with the sidecar's dates and without
    them. "This year" resolves only when the article has a date; the text names no year."""
    from extractor import pipeline

    text = "Exports rose 7% this year."
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    (tmp_path / "index.csv").write_text("file,published\na.txt,2024-03-25\n", encoding="utf-8")
    write_gold(tmp_path, {**GOOD, "start": 13, "end": 15, "text": "7%", "value": 7, "kind": "change_pct",
                          "measured": "exports", "year": "2024"})
    scores = {dated: ev.run(tmp_path, (), lambda a: pipeline.extract(a, ner=False), dated=dated).metrics["period"]
              for dated in (True, False)}
    assert (scores[True]["accuracy"], scores[False]["accuracy"]) == (1.0, 0.0)


SPAN_VALUE_UNIT = {k: GOOD[k] for k in ev.REQUIRED_KEYS}  # a general-news line: no context keys


def test_gold_without_context_keys_is_loaded_and_its_context_not_judged(tmp_path):
    write_gold(tmp_path, SPAN_VALUE_UNIT, {**GOOD, "start": 10, "end": 13})
    gold = ev.load_gold(tmp_path)
    assert list(gold["has_context"]) == [False, True]
    assert ev.has_context(gold.iloc[1]) and not ev.has_context(gold.iloc[0])


def test_context_keys_come_all_together_or_not_at_all(tmp_path):
    write_gold(tmp_path, {**SPAN_VALUE_UNIT, "kind": "share"})
    with pytest.raises(Exception, match="missing key"):
        ev.load_gold(tmp_path)
