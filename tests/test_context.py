"""Kind, direction, status and the measured thing of figures in real sentences of the sample
corpus (data/sample). Kind, direction and status are read from cue words (no model); the
measured thing needs the dependency parse (marked `model`)."""

import pytest

from extractor import extract_text
from extractor.context.describe import describe
from extractor.extraction.figures import find_figures

PUBLISHED = 2025


def context_of(sentence: str, figure: str) -> dict:
    fig = next(f for f in find_figures(sentence) if f.text == figure)
    from extractor.extraction import units

    info = units.canonical(fig.unit)
    return describe(sentence, fig.start, fig.end, info.unit, info.dimension, fig.direction, PUBLISHED, None)


# (sentence, figure, kind, direction, status)
CASES = [
    ("Between 2019 and 2024, manufacturing output increased by 31.4%, while the construction sector grew by 96.3%.",
     "31.4%", "change_pct", "up", "actual"),
    ("By the end of 2024, GDP reached $288 billion.", "$288 billion", "level", "none", "actual"),
    ("Overall, the share of manufacturing within industry has reached 46%.", "46%", "share", "none", "actual"),
    ("Since 2019, the overall crime rate has dropped by 52%, and by 60% in public spaces.",
     "52%", "change_pct", "down", "actual"),
    ("Since 2019, the overall crime rate has dropped by 52%, and by 60% in public spaces.",
     "60%", "change_pct", "down", "actual"),
    ("A similar trend is observed in bus production, which rose sevenfold to 2,900 units.",
     "sevenfold", "multiplier", "up", "actual"),
    ("As a result, this sector recorded almost 6% growth - the highest rate in the past decade.",
     "6%", "change_pct", "up", "actual"),
    ("with industrial output growing at an average annual rate of 20.3%.", "20.3%", "change_pct", "up", "actual"),
    ("the number of children's and youth sports schools has increased by 40, from 481 to 521.",
     "40", "change", "up", "actual"),
    ("the number of children's and youth sports schools has increased by 40, from 481 to 521.",
     "521", "level", "none", "actual"),
    ("This will reduce accidents by 20%, decrease the average wear of the utilities sector by 40% nationwide.",
     "20%", "change_pct", "down", "plan"),
    ("The National Park plans to equip two more leopards with satellite navigation collars.",
     "two", "change", "none", "plan"),
    ("This year, 45 additional gasification projects for settlements are underway.", "45", "change", "none", "actual"),
    ("The remaining 10 primary healthcare facilities are expected to be commissioned by the end of this year.",
     "10", "level", "none", "plan"),
    ("In 2025 alone, the Baiterek holding will invest 8 trillion tenge, with this figure set to increase "
     "to 10 trillion tenge by 2027.", "8 trillion tenge", "level", "none", "plan"),
    ("The Head of State has instructed the modernization of 1,000 schools in district centers and villages.",
     "1,000", "level", "none", "target"),
    ("The housing grew by 6.4 million square meters, or 51.4%, compared to 2018.", "51.4%", "change_pct", "up", "actual"),
    ("Total mortality has decreased by 7.8%, maternal mortality by 26.3%.", "26.3%", "change_pct", "down", "actual"),
    ("Salaries for approximately 600,000 teachers have doubled.", "doubled", "multiplier", "up", "actual"),
    ("Kazakhstan’s economic expansion stood at 5.4% in January-February this year.", "5.4%", "change_pct", "up", "actual"),
]


@pytest.mark.parametrize("sentence, figure, kind, direction, status", CASES,
                         ids=[f"{c[1]}: {c[0][:50]}" for c in CASES])
def test_kind_direction_and_status_from_cue_words(sentence, figure, kind, direction, status):
    got = context_of(sentence, figure)
    assert (got["kind"], got["direction"], got["status"]) == (kind, direction, status)


# (sentence, figure, measured, indicator) -- the parse decides, so these load the model
MEASURED = [
    ("By the end of 2024, GDP reached $288 billion.", "$288 billion", "GDP", "gdp"),
    ("GDP per capita exceeded $14,000, increasing by nearly 50%.", "$14,000", "GDP per capita", "gdp_per_capita"),
    ("Over the past six years, 1,367 kindergartens have opened.", "1,367", "kindergartens", "kindergartens"),
    ("Over the past six years, 4,400 kilometers of national highways have been reconstructed.",
     "4,400 kilometers", "national highways", "national_roads_repaired"),
    ("This year, the second track will be completed, increasing capacity from 12 pairs of trains to 60.",
     "60", "pairs of trains", ""),
    ("Total mortality has decreased by 7.8%, maternal mortality by 26.3%.", "26.3%", "maternal mortality",
     "maternal_mortality"),
    ("To date, construction has been completed on 645 out of 655 planned primary healthcare facilities.",
     "645", "planned primary healthcare facilities", "healthcare_facilities"),
    ("This will reduce accidents by 20%, decrease the average wear of the utilities sector by 40%.",
     "40%", "average wear of utilities sector", "utility_network_wear"),  # articles are left out
    ("Besides, for the past three years over 4,000 schools were updated.", "4,000", "schools", "schools_modernized"),
    ("While in 2019, the average depreciation of heating sources stood at 71%, it has now been reduced to 61%.",
     "61%", "average depreciation of heating sources", "utility_network_wear"),
    # issue 10's classes, in other outlets' words
    ("The share of exports in the foreign trade turnover amounted to 66.2 percent.", "66.2 percent",
     "share of exports in foreign trade turnover", "exports"),  # a share of X in Y measures X
    ("The airline carried 4.2 million transit passengers.", "4.2 million", "transit passengers", ""),
    ("Money transfers from abroad amounted to $192.7 million.", "$192.7 million", "Money transfers", ""),
    # the change itself as the subject: what changed is where it happened
    ("Growth was noted in the production of the chemical industry by 25.3 percent.", "25.3 percent",
     "production of chemical industry", "industrial_output"),
    ("Alongside, there was a decrease by 2.8 percent in the oil and gas sector.", "2.8 percent",
     "oil and gas sector", ""),
    # a unit word is no measured thing: the restatement takes the subject of the figure it restates
    ("Exports of goods reached 230.1 million U.S. dollars, which was 16.9 percent more than a year ago.",
     "16.9 percent", "Exports of goods", "exports"),
    # a list whose verb is said once: each item measures its own words, not a later item's
    ("Prices for beverages and tobacco increased by 6.5 percent, dairy products by 3.2 percent, "
     "non-food goods by 4.9 percent.", "6.5 percent", "Prices for beverages and tobacco", ""),
    ("Prices for beverages and tobacco increased by 6.5 percent, dairy products by 3.2 percent, "
     "non-food goods by 4.9 percent.", "3.2 percent", "dairy products", ""),
    ("Prices for beverages and tobacco increased by 6.5 percent, dairy products by 3.2 percent, "
     "non-food goods by 4.9 percent.", "4.9 percent", "non-food goods", ""),
    ("Since 2019, thefts have dropped by 52%, and by 60% in public spaces.", "60%", "thefts in public spaces", ""),
    # sectors of a list: after the amount ("by 5.4 percent in the mining industry"), after "in"
    # before it ("in trade - by 9.1 percent"), before "with" or "at"
    ("Industrial output increased by 5.1 percent, in particular by 5.4 percent in the mining industry.",
     "5.4 percent", "Industrial output in the mining industry", "industrial_output"),
    ("Growth rates accelerated in the processing industry by 5.8 percent, in trade - by 9.1 percent.",
     "9.1 percent", "trade", ""),
    ("Growth was seen in construction with 4.1 percent, mining with 9.8 percent and agriculture at 1.6 percent.",
     "9.8 percent", "mining", ""),
    ("Growth was seen in construction with 4.1 percent, mining with 9.8 percent and agriculture at 1.6 percent.",
     "1.6 percent", "agriculture", "agricultural_output"),
    # what a phrase names by the way is not what it measures
    ("Foreign exchange reserves including the assets of the National Fund amounted to $87.3 billion.",
     "$87.3 billion", "Foreign exchange reserves", ""),
    ("The assets of the National Fund reached $59.4 billion.", "$59.4 billion", "assets of National Fund",
     "national_fund"),
    # a trade partner kept in the phrase ("with"), so the trade is bilateral
    ("Uzbekistan's trade turnover with Kazakhstan reached $3.4 billion.", "$3.4 billion",
     "Uzbekistan's trade turnover with Kazakhstan", "mutual_trade"),
]


@pytest.fixture(scope="module")
def measured_rows():
    return {(s, f): next(r for r in extract_text(s, published="2025-03-18").to_dict("records") if r["text"] == f)
            for s, f, _, _ in MEASURED}


@pytest.mark.model
@pytest.mark.parametrize("sentence, figure, measured, indicator", MEASURED,
                         ids=[f"{m[1]}: {m[2]}" for m in MEASURED])
def test_measured_thing_and_indicator_from_the_parse(measured_rows, sentence, figure, measured, indicator):
    row = measured_rows[(sentence, figure)]
    assert (row["measured"], row["indicator"]) == (measured, indicator)


def test_an_amount_restating_a_change_is_a_change():
    rows = extract_text("Trade turnover decreased by 2.85 percent ($1.5 billion) in 2023.", published="2024-01-19",
                        ner=False).set_index("text")
    assert tuple(rows.loc["$1.5 billion", ["kind", "direction", "relation"]]) == ("change", "down", "restates")


@pytest.mark.model
def test_a_neighbour_of_another_physical_measure_lends_no_subject():
    row = next(r for r in extract_text("As of September 12, 11.6 million hectares have been harvested, 14.7 million "
                                       "tons of grain have been threshed.", published="2017-09-12").to_dict("records")
               if r["text"] == "11.6 million hectares")
    assert row["indicator"] != "grain_harvest"


@pytest.mark.model
def test_the_figures_of_a_rate_indicator_are_changes_whatever_frames_them():
    """Inflation states a change of prices: "inflation was 8%" is change_pct, like "prices rose 8%"."""
    for sentence, figure in [("Annual inflation stood at 8.4 percent in May.", "8.4 percent"),
                             ("The inflation rate amounted to 1.38% for the two months.", "1.38%"),
                             ("In two months the inflation rate has made up 1.38%, which is lower than in the "
                              "same period in 2021 (1.7%).", "1.7%")]:  # the indicator from its neighbour
        rows = extract_text(sentence, published="2024-06-01").to_dict("records")
        assert next(r for r in rows if r["text"] == figure)["kind"] == "change_pct", sentence


@pytest.mark.model
def test_a_percentage_whose_measured_phrase_names_a_change_is_a_change():
    """The parse names the thing: "the growth rate in the services sector ... reached 2.3 percent";
    a share that grew is still a share."""
    for sentence, figure, kind in [
            ("The growth rate in the services sector continues to recover and has so far reached 2.3 percent.",
             "2.3 percent", "change_pct"),
            ("The decline in coal output was 4.1 percent.", "4.1 percent", "change_pct"),
            ("The share of services in the economy has so far reached 52.3 percent.", "52.3 percent", "share")]:
        rows = extract_text(sentence, published="2024-06-01").to_dict("records")
        assert next(r for r in rows if r["text"] == figure)["kind"] == kind, sentence


@pytest.mark.model
def test_a_part_s_share_of_its_indicator_is_marked_a_part():
    """A sector's share of the whole is filed under the whole's indicator (the annotation's
    convention) but marked relation "part", so no one reads it as a value of the whole; a share
    that measures its own indicator ("the share of exports in trade turnover") is no part."""
    cases = [("The mining industry accounted for 61.6 percent of industrial output, processing 32.1 percent.",
              {"61.6 percent": "part", "32.1 percent": "part"}),
             ("Services made up 14.2 percent of total industrial production.", {"14.2 percent": "part"}),
             ("The share of exports in the foreign trade turnover amounted to 66.2 percent.", {"66.2 percent": ""}),
             ("Water supply coverage in villages reached 86.4 percent.", {"86.4 percent": ""})]
    for sentence, expected in cases:
        rows = extract_text(sentence, published="2024-06-01").set_index("text")
        assert {t: rows.loc[t, "relation"] for t in expected} == expected, sentence


# Other outlets' phrasings (written for this table): comparatives, signs, inflation levels,
# percentage points, plan fulfilment and the starting level of a planned change.
# (sentence, figure, kind, status)
OUTLET_CASES = [
    # a change verb with its percent right after it, as results and wires write it
    ("Net interest income increased 48% to Rs 6,498 crore.", "48%", "change_pct", "actual"),
    ("The economy expanded 5.6% last year.", "5.6%", "change_pct", "actual"),
    ("Shares slid 3% in early trading.", "3%", "change_pct", "actual"),
    ("Operating costs decreased 4.1% in the quarter.", "4.1%", "change_pct", "actual"),
    ("State budget spending was up only 7% over the period.", "7%", "change_pct", "actual"),
    ("Oil exports reached 5.2 million tonnes, 12% more than a year earlier.", "12%", "change_pct", "actual"),
    ("Coal shipments were 8% lower than in 2022.", "8%", "change_pct", "actual"),
    ("Spending on healthcare (+11.2 percent) led the increase.", "11.2 percent", "change_pct", "actual"),
    ("Tax receipts fell by KZT 120 billion or 4.1 percent.", "4.1 percent", "change_pct", "actual"),
    ("Retail turnover grew 3.2% year on year, increasing 5% in Almaty.", "5%", "change_pct", "actual"),
    ("Annual inflation slowed to 8.4 percent in May from 8.9 percent in April.", "8.4 percent", "change_pct",
     "actual"),
    ("Annual inflation slowed to 8.4 percent in May from 8.9 percent in April.", "8.9 percent", "change_pct",
     "actual"),
    ("The unemployment rate fell 0.3 percentage points to 4.7%.", "0.3 percentage points", "change", "actual"),
    ("The unemployment rate fell 0.3 percentage points to 4.7%.", "4.7%", "share", "actual"),
    ("The regulator kept the corridor at plus or minus 1 percentage point.", "1 percentage point", "level", "actual"),
    ("Coal output reached 101.5% of the plan.", "101.5%", "share", "actual"),
    ("The company plans to raise output to 12 million tons from 10.4 million tons in 2023.", "12 million tons",
     "level", "plan"),
    ("The company plans to raise output to 12 million tons from 10.4 million tons in 2023.", "10.4 million tons",
     "level", "actual"),
    ("The deficit could narrow to 1.5 trillion tenge.", "1.5 trillion tenge", "level", "plan"),
    ("Uzbekistan is ready to buy 300,000 tons of flour.", "300,000 tons", "level", "plan"),
    ("The smelter made 34.5 tons of selenium, the forecast was fulfilled at 100.3%.", "34.5 tons", "level", "actual"),
    ("Gold output (fulfillment of the forecast - 104.2%) was 21.6 tons.", "104.2%", "share", "actual"),
    ("Forecasts for copper cathode (148.5 thousand tons) were fulfilled.", "148.5 thousand tons", "level",
     "actual"),
    ("The mine exceeded its annual plan, shipping 2.1 million tons.", "2.1 million tons", "level", "actual"),
    ("The forecast for 2024 is 2.3 million tons.", "2.3 million tons", "level", "plan"),
    # changes said by a verb the list lacked, a noun or comparative after the amount, a restated percent
    ("The lira rallied by 45% against the dollar earlier this year.", "45%", "change_pct", "actual"),
    ("Reserves reached $34.5 billion, a $978.33 million decline compared to a year earlier.", "$978.33 million",
     "change", "actual"),
    ("Turnover was 3.9 billion dollars, 90.8 percent of the 2015 level or 370 million dollars fewer.",
     "370 million dollars", "change", "actual"),
    ("Exports were $33.8 billion, which is $4.2 billion, or 11.1 percent less year-on-year.", "$4.2 billion",
     "change", "actual"),
    # a percentage of growth named by the measured phrase or a list of growth
    ("Growth was seen in construction with 4.1 percent, mining with 9.8 percent and farming at 1.6 percent.",
     "1.6 percent", "change_pct", "actual"),
    ("The bank kept its GDP growth forecast at between 1% and 2%.", "1%", "change_pct", "plan"),
    ("Loan growth of 15-20% is now guided, down from 17-22% guided in May.", "17-22%", "change_pct", "actual"),
    ("Services made up 14.2 percent of industrial output.", "14.2 percent", "share", "actual"),
    # a share that grew stays a share at both ends
    ("The share of machinery in exports grew from 1.1% to 5.8%.", "5.8%", "share", "actual"),
    ("The share of machinery in exports grew from 1.1% to 5.8%.", "1.1%", "share", "actual"),
]


@pytest.mark.parametrize("sentence, figure, kind, status", OUTLET_CASES, ids=[f"{c[1]}: {c[0][:40]}" for c in OUTLET_CASES])
def test_kind_and_status_in_other_outlets_phrasings(sentence, figure, kind, status):
    got = context_of(sentence, figure)
    assert (got["kind"], got["status"]) == (kind, status)


def test_a_physical_measure_takes_no_indicator_kept_in_another():
    """Tonnes carried by a railway company are not kilometres of railway; kilometres are."""
    from extractor.context.describe import indicator_for
    from extractor.ruleset.context_rules import context_rules

    rules = context_rules()
    assert indicator_for("railway", "mass", "level", rules) != "railways_repaired"
    assert indicator_for("railway lines", "length", "level", rules) == "railways_repaired"
    assert indicator_for("transfer from the National Fund", "money", "level", rules) != "national_fund"


@pytest.mark.model
def test_a_pronoun_subject_takes_the_indicator_of_the_figure_before():
    text = ("The National Bank raised the base rate to 15.75 percent in February. "
            "Later, it rose to 16.5 percent. Exports reached $60 billion.")
    mentions = extract_text(text, published="2023-01-10")
    indicators = dict(zip(mentions.text, mentions.indicator))
    assert indicators["15.75 percent"] == indicators["16.5 percent"] == "base_rate"


@pytest.mark.model
@pytest.mark.parametrize("sentence, figure, measured", [
    ("Kazakhstan plans to boost its oil production this year to 96.2 million tons.", "96.2 million tons",
     "oil production"),
    ("The company expects to raise copper output to 450,000 tons.", "450,000 tons", "copper output"),
    ("The government spent 17.5 trillion tenge.", "17.5 trillion tenge", ""),
])
def test_an_agent_subject_is_not_what_is_measured(sentence, figure, measured):
    mentions = extract_text(sentence, published="2025-03-01")
    assert dict(zip(mentions.text, mentions.measured))[figure] == measured


def cue_examples():
    from extractor.ruleset.context_rules import CUES
    from extractor.ruleset.loader import rule_entries

    return [(e["id"], e["role"], e["where"], e["example"]) for e in rule_entries("context.yaml", CUES)]


@pytest.mark.parametrize("cue_id, role, where, example", cue_examples(), ids=[c[0] for c in cue_examples()])
def test_every_context_cue_matches_its_own_example_where_it_looks(cue_id, role, where, example):
    """A cue's example must show the cue at work (extractor/context/cue_examples.py)."""
    from extractor.context.cue_examples import shows_itself
    from extractor.ruleset.context_rules import context_rules
    from extractor.ruleset.ruleset import RuleSet

    rules = context_rules()
    cue = next(c for c in rules.cues if c.id == cue_id)
    assert shows_itself(cue, rules, RuleSet.of(None)), f"{cue_id} ({role}, {where}) misses {example!r}"


def test_a_cue_that_misses_its_own_example_stops_the_context_stage_naming_file_and_line(tmp_path):
    import shutil

    from extractor.errors import RuleError
    from extractor.ruleset.loader import default_rules_dir

    rules = tmp_path / "rules"
    shutil.copytree(default_rules_dir(), rules)
    path = rules / "context.yaml"
    text = path.read_text(encoding="utf-8")
    old = 'example: "Greece - $21.45 million, Israel – $13.98 million, Turkey – $10.61 million"'
    assert old in text
    path.write_text(text.replace(old, 'example: "Transfers reached $21.45 million"'), encoding="utf-8")
    with pytest.raises(RuleError, match=r"context\.yaml:\d+: entry 'label_dash_colon_bracket' .* does not match its own example"):
        extract_text("Exports rose 7%.", ner=False, ruleset=rules)


# (sentence, figure, measured): items of a list take their own label, written right before the
# figure with a dash, a colon or a bracket; a scope ("in some regions - up to 90%") is no label.
# Sentences of our own, in the shapes of statistics releases and wire copy; no model needed.
LIST_ITEMS = [
    ("Transfers came from Greece - $21.45 million, Israel – $13.98 million and Turkey – $10.61 million.",
     "$13.98 million", "Israel"),
    ("Growth was led by construction (8.8%), transport and warehousing (7.9%) and trade (5.5%).",
     "7.9%", "warehousing"),
    ("Output rose in textiles (up by 29.2 percent) and pharmaceuticals (up by 25.7 percent).",
     "25.7 percent", "pharmaceuticals"),
    ("The statistics office reported a decline in manufacturing (-6.6%) in the quarter.", "-6.6%",
     "manufacturing"),
    ("The main partners were: Russia – more than $221 million and China – about $193 million.",
     "$193 million", "China"),
    ("Coal stocks are 978.8 thousand tonnes, fuel oil - 115.2 thousand tonnes.", "115.2 thousand tonnes",
     "fuel oil"),
]
NOT_LIST_ITEMS = [
    ("The wear rate of utility networks reached 65% nationwide, and in some regions - up to 90%.", "90%"),
    ("Grain was collected: in Akmola region - 3.5 million tons, in Kostanay - 3.8 million tons.", "3.5 million tons"),
    ("Savings amounted to approximately $1.5 billion (more than 766 billion tenge).", "766 billion tenge"),
    ("The vast majority (94.7 percent) of transfers came from 19 countries.", "94.7 percent"),
]


@pytest.mark.parametrize("sentence, figure, measured", LIST_ITEMS, ids=[c[2] for c in LIST_ITEMS])
def test_a_list_item_measures_its_label(sentence, figure, measured):
    row = extract_text(sentence, published="2024-03-25", ner=False).set_index("text").loc[figure]
    assert row["measured"] == measured


@pytest.mark.parametrize("sentence, figure", NOT_LIST_ITEMS, ids=[c[1] for c in NOT_LIST_ITEMS])
def test_a_scope_a_restatement_or_a_quantifier_is_no_list_label(sentence, figure):
    from extractor.context.describe import list_label
    from extractor.context.measured import word_lists
    from extractor.context.relations import strip_qualifier
    from extractor.ruleset.context_rules import context_rules

    start = sentence.index(figure)
    assert list_label(strip_qualifier(sentence[:start]), context_rules(), word_lists()) == ""


# (sentence, figure, kind): the change a list is about reaches each percentage of the list, and
# inflation and growth written "to between" or "reaching" are rates; a money figure in brackets
# after a change is the amount, not a change. Sentences of our own, in release and wire shapes.
LIST_KINDS = [
    ("Growth was registered in trade (14.0%); information and communication (44.2%); construction (15.1%).",
     "44.2%", "change_pct"),
    ("Growth was noted in chemicals by 25.3 percent, metallurgy - 10.6 percent, machinery - 24.3 percent.",
     "10.6 percent", "change_pct"),
    ("Retail trade grew by 14.9 percent, hotel and restaurant services by 32.2 percent and freight by 28.5 percent.",
     "28.5 percent", "change_pct"),
    ("The bank lowered its inflation forecast to between 6% and 7% for the year.", "6%", "change_pct"),
    ("Inflation continued to slow, reaching 8% annually in March.", "8%", "change_pct"),
    ("Output increased by 7.7% and amounted to GEL 16.5 billion (USD 6.2 billion) in the quarter.",
     "USD 6.2 billion", "level"),
    ("Transfers came from Greece - $21.45 million, Israel – $13.98 million.", "$13.98 million", "level"),
    ("Exports were $230 million, which was 16.9 percent or $33 million more than a year earlier.",
     "16.9 percent", "change_pct"),
    ("Exports reached $4.2 billion, or 11.14 percent less year-on-year.", "11.14 percent", "change_pct"),
    ("The bank delivered a strong 26.1% y-o-y increase in net profit.", "26.1%", "change_pct"),
    ("Loans to individuals and firms grew by 4.3% and 1.4%, respectively.", "1.4%", "change_pct"),
    ("Services grew by 32.2 percent, freight by 28.5 percent and manufacturing by 0.1 percent.",
     "0.1 percent", "change_pct"),
    ("Growth was seen in industry with 0.1 percent, mining with 9.8 percent.", "9.8 percent", "change_pct"),
    ("Unemployment stood at 4.7% and the share of youth at 12%.", "12%", "share"),
]


@pytest.mark.parametrize("sentence, figure, kind", LIST_KINDS, ids=[f"{c[1]}: {c[0][:30]}" for c in LIST_KINDS])
def test_the_kind_a_list_is_about(sentence, figure, kind):
    assert context_of(sentence, figure)["kind"] == kind


@pytest.mark.parametrize("sentence, figure, indicator, relation", [
    ("Kyrgyzstan's exports to the UK reached $5.2 million.", "$5.2 million", "exports", "part"),
    ("Imports from Azerbaijan reached $3.1 million, while exports totaled $60 billion.", "$3.1 million",
     "imports", "part"),
    ("Imports from Azerbaijan reached $3.1 million, while exports totaled $60 billion.", "$60 billion",
     "exports", ""),  # the partner is the other figure's
    ("Kazakhstan's exports reached $9 billion.", "$9 billion", "exports", ""),  # the country's own total
    # "from <a country> ... to <figure>" is no from-to pair
    ("Imports from Azerbaijan amounted to $3.1 million.", "$3.1 million", "imports", "part"),
])
def test_trade_with_a_partner_country_is_a_part_of_the_total(sentence, figure, indicator, relation):
    """Exports to one partner are exports (the annotation's convention), but one partner's part of
    them, never the country's total: relation "part" keeps them out of the spreadsheet's cells."""
    rows = extract_text(sentence, published="2024-01-01", ner=False).set_index("text")
    assert (rows.loc[figure, "indicator"], rows.loc[figure, "relation"]) == (indicator, relation)


# --- over-long sentences (a flattened table, a text without full stops) -----------------------------

def test_each_figure_of_an_over_long_sentence_is_described_from_its_window(monkeypatch):
    """200 figures in one 5,000-character sentence: every one read, and each described from at
    most WINDOW characters on either side, so the cost per figure does not grow with the sentence."""
    from extractor import pipeline
    from extractor.context.window import WINDOW

    seen = []
    real = pipeline.context.describe

    def recording(sentence, *args, **kwargs):
        seen.append(len(sentence))
        return real(sentence, *args, **kwargs)

    monkeypatch.setattr(pipeline.context, "describe", recording)
    items = [f"{i + 1}.5 thousand tonnes of wheat" for i in range(200)]
    text = "In 2024, farms harvested " + ", ".join(items) + "."
    rows = extract_text(text, ner=False)
    assert list(rows["value"]) == [(i + 1.5) * 1000 for i in range(200)]
    assert len(seen) == 200 and max(seen) <= 2 * WINDOW + 40, max(seen)
    assert (rows["unit"] == "t").all()


def test_an_ordinary_sentence_is_read_whole():
    from extractor.context.window import figure_view

    sentence = "Exports grew from $61.1 billion in 2023 to $81.6 billion in 2024."
    view = figure_view(sentence, 43, 56, [], [(18, 31), (43, 56)])
    assert (view.sentence, view.offset, view.others) == (sentence, 0, [(18, 31)])
