"""extractor.outputs.sheet: the indicator workbook, reopened with openpyxl.

Fast tests on a tiny hand-made article whose title and body start with "=1+1" (text must come
back as text, never a formula); one model test on the whole sample corpus.
"""

from __future__ import annotations

import openpyxl
import pandas as pd
import pytest

import extractor

from extractor.outputs.sheet import EXCEL_CELL_LIMIT, choose_cells, indicator_points, write_indicator_sheet

SHEETS = ["Indicators", "Part-year", "Sources", "Held back", "Mentions", "Claims", "Checks", "Articles", "About"]
ROW = ["indicator", "label", "location", "location_level", "unit", "dimension", "kind", "sources"]  # before the periods
FIRST = len(ROW)  # the first period's column, 0-based

from hostile_tables import BODY, tiny_tables  # shared by the output tests


def tiny_checks(claims):
    return pd.DataFrame({
        "check_id": ["c1"], "claim_ids": [[claims["claim_id"].iloc[-1]]], "check": ["arithmetic"],
        "verdict": ["inconsistent"], "expected": [1.34], "observed": [1.5], "rel_error": [0.12],
        "tolerance": [0.01], "explanation": ["=2+2 stated x1.5"], "reference_source": ["@ref"]})


@pytest.fixture(scope="module")
def workbook(tmp_path_factory):
    articles, mentions, claims = tiny_tables()
    path = write_indicator_sheet(tmp_path_factory.mktemp("sheet") / "ind.xlsx", articles, mentions, claims,
                                 tiny_checks(claims), reference_provenance="test reference, 2025")
    return openpyxl.load_workbook(path)


def test_sheets_exist(workbook):
    assert workbook.sheetnames == SHEETS


def test_indicator_cells_are_numbers_with_provenance(workbook):
    ws = workbook["Indicators"]
    header = [c.value for c in ws[1]]
    assert header == [*ROW, "2023", "2024"]
    rows = list(ws.iter_rows(min_row=2))
    assert [r[0].value for r in rows] == ["gdp"]
    gdp = rows[0]
    assert [c.value for c in gdp[:FIRST]] == ["gdp", "GDP", None, "national", "USD", "money", "level", 1]
    assert [c.value for c in gdp[FIRST:]] == [250e9, 288e9]
    for cell in gdp[FIRST:]:
        assert cell.data_type == "n" and isinstance(cell.value, (int, float))
        assert "#,##0" in cell.number_format
        assert "tiny:0:abc" in cell.comment.text and "2025-03-17" in cell.comment.text
        assert cell.value == 288e9 or "$250 billion" in cell.comment.text
    assert "confidence 0." in gdp[FIRST].comment.text
    assert ws.freeze_panes == "I2" and ws.auto_filter.ref


@pytest.mark.parametrize("sheet, column", [("Articles", "title"), ("Articles", "body"),
                                           ("Articles", "attribution"), ("Checks", "explanation"),
                                           ("Checks", "reference_source")])
def test_formula_like_text_stays_text(workbook, sheet, column):
    ws = workbook[sheet]
    header = [c.value for c in ws[1]]
    cell = ws.cell(row=2, column=header.index(column) + 1)
    assert isinstance(cell.value, str) and cell.data_type == "s", (cell.value, cell.data_type)
    assert cell.value[0] in "=@"
    assert cell.quotePrefix


def test_body_starting_with_formula_is_kept_verbatim(workbook):
    ws = workbook["Articles"]
    header = [c.value for c in ws[1]]
    assert ws.cell(row=2, column=header.index("body") + 1).value == BODY


def test_about_sheet(workbook):
    text = "\n".join(str(c.value) for row in workbook["About"].iter_rows() for c in row if c.value)
    assert f"extractor {extractor.__version__}" in text
    assert "test reference, 2025" in text
    assert "32,767" in text and "status actual" in text
    for name in SHEETS[2:]:
        assert workbook[name].freeze_panes == "A2"
    assert "Confidence" in text and "Held back" in text


def test_lists_are_joined_and_checks_optional(tmp_path):
    articles, mentions, claims = tiny_tables()
    path = write_indicator_sheet(tmp_path / "x.xlsx", articles, mentions, claims)
    wb = openpyxl.load_workbook(path)
    assert "Checks" not in wb.sheetnames
    ws = wb["Claims"]
    header = [c.value for c in ws[1]]
    ids = [ws.cell(row=r, column=header.index("mention_ids") + 1).value for r in range(2, ws.max_row + 1)]
    assert "tiny:0:abc:b129; tiny:0:abc:b146" in ids


def test_long_body_is_cut_to_the_cell_limit(tmp_path):
    articles, mentions, claims = tiny_tables()
    articles.loc[0, "body"] = "x" * (EXCEL_CELL_LIMIT + 10)
    wb = openpyxl.load_workbook(write_indicator_sheet(tmp_path / "x.xlsx", articles, mentions, claims))
    ws = wb["Articles"]
    header = [c.value for c in ws[1]]
    assert len(ws.cell(row=2, column=header.index("body") + 1).value) == EXCEL_CELL_LIMIT
    assert ws.cell(row=2, column=header.index("body_truncated") + 1).value is True


def test_a_part_of_a_year_gets_its_own_column_in_part_year_never_a_years(tmp_path):
    articles, mentions, claims = tiny_tables()
    half = mentions.iloc[[1]].copy()  # the 2024 figure, as if the text said "in January-June 2024"
    half["mention_id"], half["value"] = "tiny:0:abc:half", 140e9
    half["period_granularity"] = "half"
    half["period_from"], half["period_to"] = pd.Timestamp("2024-01-01"), pd.Timestamp("2024-06-30")
    quarter = half.assign(mention_id="tiny:0:abc:q3", value=75e9, period_granularity="quarter",
                          period_from=pd.Timestamp("2024-07-01"), period_to=pd.Timestamp("2024-09-30"))
    both = pd.concat([mentions, half, quarter], ignore_index=True)
    wb = openpyxl.load_workbook(write_indicator_sheet(tmp_path / "x.xlsx", articles, both, claims))
    annual, parts = wb["Indicators"], wb["Part-year"]
    assert [c.value for c in annual[1]][FIRST:] == ["2023", "2024"]
    assert [c.value for c in annual[2]][FIRST:] == [250e9, 288e9], "the half-year figure stays out of 2024"
    assert [c.value for c in parts[1]] == [*ROW, "2024 H1", "2024 Q3"]
    assert [c.value for c in parts[2]][FIRST:] == [140e9, 75e9]
    assert parts.freeze_panes == "I2"


def test_a_cell_below_the_confidence_asked_for_is_held_back_with_its_reason(tmp_path):
    articles, mentions, claims = tiny_tables()
    doubtful = mentions.copy()
    doubtful.loc[doubtful["text"] == "$250 billion", "period_text"] = "(publication year)"
    path = write_indicator_sheet(tmp_path / "x.xlsx", articles, doubtful, claims, min_confidence=0.8)
    wb = openpyxl.load_workbook(path)
    annual, held = wb["Indicators"], wb["Held back"]
    assert [c.value for c in annual[1]][FIRST:] == ["2024"], "2023 rests on the publication year only"
    header = [c.value for c in held[1]]
    row = dict(zip(header, [c.value for c in held[2]]))
    assert (row["period"], row["value"], row["doubts"]) == ("2023", 250e9, "the period is only the publication year")
    assert row["cell_confidence"] < 0.8 and held.max_row == 2


def test_one_figure_per_cell_prefers_exact_then_confidence():
    _, mentions, _ = tiny_tables()
    extra = mentions.iloc[[1]].copy()
    extra["mention_id"] = "tiny:0:abc:other"
    extra["value"], extra["qualifier"], extra["confidence"] = 300e9, "approx", 0.99
    cells = choose_cells(pd.concat([mentions, extra], ignore_index=True))
    row = cells[cells["year"] == 2024].iloc[0]
    assert row["value"] == 288e9 and row["candidates"] == 2 and row["conflict"]


def test_points_exclude_changes_plans_ranges_and_malformed():
    _, mentions, _ = tiny_tables()
    m = pd.concat([mentions.iloc[[0]]] * 4, ignore_index=True)
    m.loc[0, "kind"] = "change"
    m.loc[1, "status"] = "plan"
    m.loc[2, "period_end"] = 2025
    m.loc[3, "flags"] = "malformed_number"
    assert indicator_points(m).empty
    assert len(indicator_points(m, statuses=None)) == 1  # the plan


def test_a_sectors_share_of_the_indicator_is_no_cell_of_it():
    """"Mining accounted for 61.6 percent of industrial output" is filed under industrial output
    (relation part) but is no value of it: the cell is left to the whole's own figures."""
    _, mentions, _ = tiny_tables()
    m = pd.concat([mentions.iloc[[0]]] * 2, ignore_index=True)
    m["relation"] = ["part", ""]
    assert indicator_points(m).index.tolist() == [1]


@pytest.mark.model
def test_sample_corpus_workbook(tmp_path, sample_articles, sample_mentions, sample_claims):
    articles, mentions, claims = sample_articles, sample_mentions, sample_claims
    wb = openpyxl.load_workbook(write_indicator_sheet(tmp_path / "s.xlsx", articles, mentions, claims))
    ws = wb["Indicators"]
    assert ws.max_row > 10
    year_columns = [i for i, c in enumerate(ws[1]) if str(c.value).isdigit()]
    values = [row[i] for row in ws.iter_rows(min_row=2) for i in year_columns if row[i].value is not None]
    assert values and all(c.data_type == "n" for c in values)
    assert all(c.comment is not None for c in values)
    assert wb["Mentions"].max_row == len(mentions) + 1
    assert wb["Claims"].max_row == len(claims) + 1


def test_which_indicators_are_rates_comes_from_the_rules_the_tables_were_made_with(tmp_path):
    import shutil

    from extractor.ruleset.loader import default_rules_dir

    rules = tmp_path / "rules"
    shutil.copytree(default_rules_dir(), rules)
    text = (rules / "indicators.yaml").read_text(encoding="utf-8")
    (rules / "indicators.yaml").write_text(text.replace("    rate_kind: change_pct\n", ""), encoding="utf-8")
    m = pd.DataFrame({"indicator": ["inflation"], "kind": ["change_pct"], "period_start": [2024],
                      "period_end": [2024], "status": ["actual"], "flags": [""]})
    assert len(indicator_points(m)) == 1, "inflation is a rate in the shipped rules: its rate is its value"
    assert len(indicator_points(m, ruleset=rules)) == 0, "not in rules where it is no rate"


# --------------------------------------------------------------------------- issue 15: a sheet to print and to trace


def test_every_sheet_prints_landscape_fitted_to_width_with_titles_and_an_area(workbook):
    for ws in workbook.worksheets:
        setup = ws.page_setup
        assert setup.orientation == "landscape", ws.title
        assert ws.sheet_properties.pageSetUpPr.fitToPage and setup.fitToWidth == 1 and setup.fitToHeight == 0, ws.title
        assert ws.print_title_rows == "$1:$1", ws.title
        last = openpyxl.utils.get_column_letter(ws.max_column)
        assert ws.print_area == f"'{ws.title}'!$A$1:${last}${ws.max_row}", ws.title
    assert workbook["Indicators"].print_title_cols == "$A:$B"  # indicator and label on every page
    assert workbook["Part-year"].print_title_cols == "$A:$B"


def test_every_year_from_the_first_to_the_last_has_a_column(tmp_path):
    articles, mentions, claims = tiny_tables()
    early = mentions.iloc[[0]].copy()
    early["mention_id"], early["value"], early["period_start"], early["period_end"] = "tiny:0:abc:2020", 190e9, 2020, 2020
    early["period_from"], early["period_to"] = pd.Timestamp("2020-01-01"), pd.Timestamp("2020-12-31")
    wb = openpyxl.load_workbook(write_indicator_sheet(tmp_path / "x.xlsx", articles,
                                                      pd.concat([early, mentions], ignore_index=True), claims))
    ws = wb["Indicators"]
    assert [c.value for c in ws[1]][FIRST:] == ["2020", "2021", "2022", "2023", "2024"]
    assert [c.value for c in ws[2]][FIRST:] == [190e9, None, None, 250e9, 288e9], "a gap stays an empty column"


def test_numbers_show_in_their_scale_and_keep_their_value(workbook, tmp_path):
    gdp = list(workbook["Indicators"].iter_rows(min_row=2))[0][FIRST:]
    assert [c.value for c in gdp] == [250e9, 288e9]  # the stored value, in full
    assert {c.number_format for c in gdp} == {'#,##0,,," bn"'}  # shown as "250 bn", "288 bn"
    from extractor.outputs.sheet import _number_format

    assert _number_format([3.7e12], "KZT") == '#,##0.0,,,," tn"'
    assert _number_format([31.4, 28.0], "percent") == '#,##0.0"%"'
    assert _number_format([1367, 2000], "count") == "#,##0"
    assert _number_format([4.5e6, 12e6], "t") == '#,##0.0,," mn"'


def test_each_cell_links_to_its_sources_row_and_back(workbook):
    ws, sources = workbook["Indicators"], workbook["Sources"]
    header = [c.value for c in sources[1]]
    assert header[:2] == ["cell", "figure_is"] and {"mention_id", "sentence", "article", "url", "article_id"} <= set(header)
    for cell in list(ws.iter_rows(min_row=2))[0][FIRST:]:
        location = cell.hyperlink.location
        assert location.startswith("Sources!A"), location
        row = dict(zip(header, [c.value for c in sources[int(location.split("!A")[1])]]))
        assert row["cell"] == f"Indicators!{cell.coordinate}" and row["figure_is"] == "chosen"
        assert row["value"] == cell.value and row["label"] == "GDP"
        assert row["mention_id"].startswith("tiny:0:abc:b") and row["text"] in row["sentence"]
        assert row["article"].startswith("=1+1") and row["article_id"] == "tiny:0:abc"
        back = sources.cell(row=int(location.split("!A")[1]), column=1).hyperlink
        assert back.location == f"'Indicators'!{cell.coordinate}"


def test_an_untitled_article_is_named_by_its_first_words(tmp_path):
    articles, mentions, claims = tiny_tables()
    wb = openpyxl.load_workbook(write_indicator_sheet(tmp_path / "x.xlsx", articles.assign(title=""), mentions, claims))
    header = [c.value for c in wb["Sources"][1]]
    article = wb["Sources"].cell(row=2, column=header.index("article") + 1).value
    assert article.startswith("=1+1 <script>alert(1)</script> GDP reached") and article.endswith("…")
    assert "(untitled)" not in wb["Indicators"].cell(row=2, column=FIRST + 1).comment.text
