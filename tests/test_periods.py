"""Period expressions resolved against a fixed publication date (issue 4's list), and which
figure of a sentence a period belongs to. Pure text: no model."""

import datetime as dt

import pytest
import pandas as pd

from extractor.extraction.figures import find_figures
from extractor.context.periods import find_periods, period_for, period_rules

PUBLISHED = 2025  # the sample corpus: March and December 2025

# (sentence, the period expression expected, its years as "YYYY" or "YYYY-YYYY")
EXPRESSIONS = [
    ("In 2024, GDP reached $288 billion.", "In 2024", "2024"),
    ("Between 2019 and 2024, manufacturing output increased by 31.4%.", "Between 2019 and 2024", "2019-2024"),
    ("From 2019 to 2024, a total of 97.8 million square meters of housing was delivered.", "From 2019 to 2024", "2019-2024"),
    ("In 2021-2023, he took up the post.", "2021-2023", "2021-2023"),
    ("the 2026–2030 concept of creative industries", "2026–2030", "2026-2030"),
    ("134,000 passenger cars produced versus 30,000 in 2018", "in 2018", "2018"),
    ("Since 2019, 955 healthcare facilities have been built.", "Since 2019", "2019-2025"),
    ("Over the past six years, 4,400 kilometers of national highways have been reconstructed.",
     "Over the past six years", "2019-2025"),
    ("over the last 5 years exports doubled", "over the last 5 years", "2020-2025"),
    ("Over six years, 2.5 trillion tenge has been allocated.", "Over six years", "2019-2025"),
    ("Labor productivity has doubled in five years.", "in five years", "2020-2025"),
    ("This year, 45 additional gasification projects are underway.", "This year", "2025"),
    ("In the current year, the EAEU countries adopted a number of documents.", "the current year", "2025"),
    ("Last year, the output of Kazakhstani films grew by 58 per cent.", "Last year", "2024"),
    ("Last year’s record grain harvest", "Last year’s", "2024"),
    ("The works will be completed next year.", "next year", "2026"),
    ("set to increase to 10 trillion tenge by 2027", "by 2027", "2027"),
    ("By the end of 2024, GDP reached $288 billion.", "By the end of 2024", "2024"),
    ("By early 2025, more than 12 million people will have access to natural gas.", "By early 2025", "2025"),
    ("expected to be commissioned by the end of this year", "by the end of this year", "2025"),
    ("217 schools will be built by the yearend", "by the yearend", "2025"),
    ("economic expansion stood at 5.4% in January-February", "in January-February", "2025"),
    ("exports grew in January-March 2024", "in January-March 2024", "2024"),
    ("422 schools were commissioned in 2023 and 2024", "in 2023 and 2024", "2023-2024"),
    ("Currently, 410 educational institutions are supported by 498 companies.", "Currently", "2025"),
    ("To date, construction has been completed on 645 facilities.", "To date", "2025"),
]


@pytest.mark.parametrize("sentence, words, years", EXPRESSIONS, ids=[e[1] for e in EXPRESSIONS])
def test_period_expression_resolves_against_the_publication_year(sentence, words, years):
    periods = find_periods(sentence, PUBLISHED)
    assert [(p.text, p.label) for p in periods] == [(words, years)]


@pytest.mark.parametrize("sentence", [
    "The President chaired the 4th meeting of the Ulttyq Qurultay.",
    "Kazakhstan has 17 regions.",
])
def test_no_period_where_none_is_written(sentence):
    assert [p.text for p in find_periods(sentence, PUBLISHED)] == []


# Parts of a year (issue 11), against an article of 14 August 2025: (sentence, the period's
# words, its months as the gold's "period" (YYYY-MM/YYYY-MM, or a day), its granularity).
PUBLISHED_ON = dt.date(2025, 8, 14)  # a Thursday
PARTS = [
    ("In January-June 2024, exports rose 7%.", "In January-June 2024", "2024-01/2024-06", "half"),
    ("exports for January through February 2024 came to $4 billion", "for January through February 2024",
     "2024-01/2024-02", "year-to-date"),
    ("In January-July, the trade turnover reached $80 billion.", "In January-July", "2025-01/2025-07", "year-to-date"),
    ("over the past 7 months, 12 plants opened", "over the past 7 months", "2025-01/2025-07", "year-to-date"),
    ("in the first seven months of 2018 output grew", "in the first seven months of 2018", "2018-01/2018-07",
     "year-to-date"),
    ("in the first three months of this year", "in the first three months of this year", "2025-01/2025-03", "quarter"),
    ("in the first half of the year, GDP grew 6.2%", "in the first half of the year", "2025-01/2025-06", "half"),
    ("GDP grew 4.1% in the second quarter of 2024", "in the second quarter of 2024", "2024-04/2024-06", "quarter"),
    ("a first-quarter economic growth surge to 6.2%", "first-quarter", "2025-01/2025-03", "quarter"),
    ("Q3 2023 revenue was $1.2 billion", "Q3 2023", "2023-07/2023-09", "quarter"),
    ("revenue for 9M 2024 rose 12%", "for 9M 2024", "2024-01/2024-09", "year-to-date"),
    ("in the fourth quarter of last year", "in the fourth quarter of last year", "2024-10/2024-12", "quarter"),
    ("in January-August of last year", "in January-August of last year", "2024-01/2024-08", "year-to-date"),
    ("inflation reached 8.4% in September 2024", "in September 2024", "2024-09/2024-09", "month"),
    ("inflation was 8% in March", "in March", "2025-03/2025-03", "month"),
    ("compared with December last year", "December last year", "2024-12/2024-12", "month"),
    ("exports in October-November were $9 billion", "in October-November", "2025-10/2025-11", "months"),
    ("since the beginning of the year, 12 plants opened", "since the beginning of the year", "2025-01/2025-08",
     "year-to-date"),
    ("As of September 12, 11.6 million hectares have been harvested", "As of September 12", "2025-09-12", "day"),
    ("as of 1 January 2024, 20.1 million people lived there", "as of 1 January 2024", "2024-01-01", "day"),
    ("The Protocol was adopted on June 17, 1999, in London.", "on June 17, 1999", "1999-06-17", "day"),
    ("The decrease in GDP growth through June was due to construction", "through June", "2025-01/2025-06", "half"),
    ("capital ratios of over 18% at end-June 2025", "at end-June 2025", "2025-06-30", "day"),
    ("net profit of KZT253.6bn in Q225", "in Q225", "2025-04/2025-06", "quarter"),
    ("transfers each exceeding $1 million last month", "last month", "2025-07/2025-07", "month"),
    ("The central bank cut its key rate to 18% on Friday", "on Friday", "2025-08-08", "day"),
    ("Since the onset of the year, 506 projects were introduced", "Since the onset of the year", "2025-01/2025-08",
     "year-to-date"),
]


@pytest.mark.parametrize("sentence, words, months, granularity", PARTS, ids=[p[1] for p in PARTS])
def test_a_part_of_a_year_resolves_to_its_months(sentence, words, months, granularity):
    periods = find_periods(sentence, PUBLISHED_ON)
    assert [(p.text, p.part_label, p.granularity) for p in periods] == [(words, months, granularity)]


@pytest.mark.parametrize("sentence", [
    "The fund raised $3M in 2024.",  # 3M is three million here, not three months
    "a loan for six months at 5%",  # a duration, not the first half of the year
    "Revenue may grow by 4%.",  # "may" is no month
    "The 14 months of work cost $2 million.",
])
def test_no_part_of_a_year_where_none_is_written(sentence):
    assert [p.part_label for p in find_periods(sentence, PUBLISHED_ON)
            if p.part_label] == []


def test_a_fiscal_year_is_its_year():
    assert [(p.text, p.label, p.granularity) for p in find_periods("a dividend from FY24 net income", PUBLISHED)] \
        == [("FY24", "2024", "year")]


# Pointers at the period the text reports on, resolved against its frame (January-August 2021).
FRAME = find_periods("In January-August 2021, industrial output grew 5.4%.", PUBLISHED)[0]
POINTERS = [
    ("output fell by 1.5 percent during the reporting period", "the reporting period", "2021-01/2021-08"),
    ("imports over the same three-month period were $545.6 million", "the same three-month period", "2021-01/2021-08"),
    ("6.0% more than the corresponding period of the previous year",
     "the corresponding period of the previous year", "2020-01/2020-08"),
    ("lower than in the same period in 2019 (1.7%)", "the same period in 2019", "2019-01/2019-08"),
]


@pytest.mark.parametrize("sentence, words, months", POINTERS, ids=[p[1] for p in POINTERS])
def test_a_pointer_at_the_reported_period_resolves_against_the_frame(sentence, words, months):
    assert [(p.text, p.part_label) for p in find_periods(sentence, PUBLISHED, named=FRAME, reported=FRAME)] == [(words, months)]
    unframed = find_periods(sentence, PUBLISHED)  # without a frame, at most the year the words name
    assert all(p.whole_years for p in unframed), unframed


def test_a_year_to_date_needs_the_publication_month_for_its_end():
    period, = find_periods("since the beginning of the year, 12 plants opened", PUBLISHED)
    assert (period.granularity, period.date_from.isoformat(), period.date_to) == ("year-to-date", "2025-01-01", None)


def test_relative_periods_need_a_publication_date():
    assert find_periods("This year, 45 projects are underway.", None) == []
    assert [p.label for p in find_periods("In 2024, 45 projects were completed.", None)] == ["2024"]


def test_every_period_rule_resolves_its_own_example():
    for rule in period_rules():
        assert rule.pattern.search(rule_example(rule.id)), rule.id


def rule_example(rule_id: str) -> str:
    from extractor.context.periods import PERIODS
    from extractor.ruleset.loader import rule_entries

    return next(e["example"] for e in rule_entries("periods.yaml", PERIODS) if e["id"] == rule_id)


# (sentence, figure text, the period it gets): a period right after a figure is that figure's
OWNERSHIP = [
    ("exports continued, declining from 74.5% in 2018 to 63.5% in 2024.", "74.5%", "2018"),
    ("exports continued, declining from 74.5% in 2018 to 63.5% in 2024.", "63.5%", "2024"),
    ("this equates to 134,000 passenger cars produced versus 30,000 in 2018.", "134,000", None),
    ("this equates to 134,000 passenger cars produced versus 30,000 in 2018.", "30,000", "2018"),
    ("In 2024 alone, 180 investment projects worth 1.3 trillion tenge were implemented.", "180", "2024"),
    ("422 schools for 510,000 seats were commissioned in 2023 and 2024.", "510,000", "2023-2024"),
]


@pytest.mark.parametrize("sentence, figure, years", OWNERSHIP, ids=[f"{o[1]}->{o[2]}" for o in OWNERSHIP])
def test_which_figure_a_period_belongs_to(sentence, figure, years):
    figures = find_figures(sentence)
    fig = next(f for f in figures if f.text == figure)
    others = [(f.start, f.end) for f in figures if f is not fig]
    period = period_for(find_periods(sentence, PUBLISHED), fig.start, fig.end, sentence, others)
    assert (period.label if period else None) == years


# (text, publication date, figure, the years it gets): the classes of issue 11, in sentences of
# our own, through the whole pipeline (rules only), against a fixed reference date.
WHEN = {
    "a comparison's year dates the base, not the new figure":
        ("Industrial output in January-February 2024 compared to the same period in 2023 was 107.4 percent.",
         "2024-03-25", "107.4 percent", (2024, 2024)),
    "'than last year' dates nothing of the new figure":
        ("As of September 12, 1.4 million tons were harvested, which is 3.5% more than last year.",
         "2017-09-12", "3.5%", (2017, 2017)),
    "'exceeds the last year's level' is a base":
        ("As of September 12, the harvest exceeds the last year's level by 2.5 million hectares.",
         "2017-09-12", "2.5 million hectares", (2017, 2017)),
    "the lead's period carries to later paragraphs":
        ("In January-June 2022, exports reached $5 billion.\n\nImports rose 7% over the period.",
         "2022-07-20", "7%", (2022, 2022)),
    "a later paragraph naming another period stops the carry":
        ("In January-June 2022, exports reached $5 billion.\n\nIn 2019, imports were $3 billion.",
         "2022-07-20", "$3 billion", (2019, 2019)),
    "a day and month with no year is the publication year":
        ("As of September 12, 11.6 million hectares have been harvested.", "2017-09-12",
         "11.6 million hectares", (2017, 2017)),
    "a month with no year":
        ("Core inflation slowed to 7.6% in March.", "2024-04-25", "7.6%", (2024, 2024)),
    "a quarter with no year":
        ("The data show first-quarter economic growth of 6.2%.", "2024-04-25", "6.2%", (2024, 2024)),
    "months of this year":
        ("Exports exceeded $1.7 billion in two months.", "2022-03-07", "$1.7 billion", (2022, 2022)),
    "a report on its own time dates a bare figure by its publication":
        ("Exports rose 7% and imports fell 3%.", "2024-03-25", "7%", (2024, 2024)),
    "a bare figure takes the lead's period in a report on that time":
        ("In January-February 2024, output grew.\n\nExports rose 7%.", "2024-03-25", "7%", (2024, 2024)),
    "a text ranging over other years leaves a bare figure open":
        ("Since 2019, 955 facilities were built. Exports rose 7%.", "2025-03-17", "7%", None),
    "a planned bare figure is not dated by the publication":
        ("The ministry plans to build 40 schools.", "2024-03-25", "40", None),
    "a comparison base keeps its own year when written right after it":
        ("Exports fell to $4 billion from $5 billion in 2021.", "2022-05-01", "$5 billion", (2021, 2021)),
    "the end of a pair its sentence's one year frames is that year":
        ("Exports grew by $1.1 billion (9 percent) in 2022, year on year, from $12.3 billion to $13.4 billion.",
         "2023-01-20", "$13.4 billion", (2022, 2022)),
    "the end of a pair over a span of years has no year of its own":
        ("Over the past five years, the share of processed goods rose from 40% to 55%.",
         "2023-01-20", "55%", None),
    "the end of a pair a year carried from an earlier sentence frames has none":
        ("The programme began in 2019. Last year, a plan was adopted. The share of machinery in exports grew from 1.1% to 5.8%.",
         "2023-01-20", "5.8%", None),
    "a forecast reported as fulfilled is achieved and keeps its year":
        ("In 2021, 50.2 thousand tons of copper were produced, the forecast was fulfilled at 101.5%.",
         "2022-03-01", "50.2 thousand tons", (2021, 2021)),
    "'the reporting period' after a span of years is the span":
        ("Over the past 10 years, GDP grew 2.8 times.\n\nDuring the reporting period, wages increased 4.1 times.",
         "2019-10-01", "4.1 times", (2009, 2019)),
    "a report on its own time dates the end of a from-to pair ...":
        ("Exports rose from $5 billion to $6 billion.", "2024-03-25", "$6 billion", (2024, 2024)),
    "... but not its start, the time before the change":
        ("Exports rose from $5 billion to $6 billion.", "2024-03-25", "$5 billion", None),
    "'for the first time since' names a reference, not the figure's time":
        ("Consumer prices fell by 0.05% in the latest week, marking deflation for the first time since "
         "September 2024.", "2025-07-25", "0.05%", (2025, 2025)),
    "a year named only as a comparison base dates its sentence to the year after":
        ("In January-February 2024, output rose 3%.\n\nCompared to 2022, production increased by 4.3 percent.",
         "2024-03-25", "4.3 percent", (2023, 2023)),
    "... and the sentences after it in the paragraph":
        ("In January-February 2024, output rose 3%.\n\nMining output was 4.6 percent more than in 2022. "
         "Its share was 46.9 percent.", "2024-03-25", "46.9 percent", (2023, 2023)),
    "a bracketed period belongs to the figure inside the bracket, not before it":
        ("In January-August 2017, farm output amounted to 113.4 percent (in January-July 2016 - 97.6 percent).",
         "2017-09-20", "97.6 percent", (2016, 2016)),
    "... so the figure before the bracket keeps the sentence's period":
        ("In January-August 2017, farm output amounted to 113.4 percent (in January-July 2016 - 97.6 percent).",
         "2017-09-20", "113.4 percent", (2017, 2017)),
    "a figure in brackets after a period is that period's":
        ("As of January 2024, assets were $1.5 billion, lower than in December 2023 ($1.6 billion).",
         "2024-02-10", "$1.6 billion", (2023, 2023)),
    "a figure after a dash after a period is that period's":
        ("As of end-August this year, reserves were $30.8 billion, 5.7 percent less than a year earlier - $32.6 billion.",
         "2018-09-18", "$32.6 billion", (2017, 2017)),
    "an annual report that names the year before dates a bare from-to pair's start to it ...":
        ("In 2021, the group produced 299,000 tons of copper; in 2020 it produced 306,000 tons. Silver output rose "
         "from 3.37 thousand ounces to 3.41 thousand ounces.", "2022-02-10", "3.37 thousand ounces", (2020, 2020)),
    "... and its end to the report's year, not the publication's":
        ("In 2021, the group produced 299,000 tons of copper; in 2020 it produced 306,000 tons. Silver output rose "
         "from 3.37 thousand ounces to 3.41 thousand ounces.", "2022-02-10", "3.41 thousand ounces", (2021, 2021)),
    "a season under way does not stop a report dating its bare figures":
        ("The autumn-winter period 2018-2019 is passing normally. Crews repaired 52 boilers.",
         "2018-12-25", "52", (2018, 2018)),
}


@pytest.mark.parametrize("text, published, figure, years", WHEN.values(), ids=WHEN.keys())
def test_when_a_figure_holds(text, published, figure, years):
    from extractor import extract_text

    mentions = extract_text(text, published=published, ner=False)
    row = mentions[mentions["text"] == figure].iloc[0]
    got = None if pd.isna(row["period_start"]) else (int(row["period_start"]), int(row["period_end"]))
    assert got == years, f"{figure!r} in {text!r}: period {row['period_text']!r}"


@pytest.mark.parametrize("entry, problem", [
    ("{id: p, pattern: 'in (?P<m1>March)', start: published, end: published, months: weekly, example: in March}",
     "months must be one of"),
    ("{id: p, pattern: 'in March', start: published, end: published, months: named, example: in March}",
     "needs a named group 'm1'"),
    ("{id: p, pattern: 'in 2024', start: y1, end: y1, example: in 2024}", "named group 'y1'"),
])
def test_a_period_rule_that_cannot_resolve_is_an_error_naming_file_and_line(tmp_path, entry, problem):
    import shutil

    from extractor.errors import RuleError
    from extractor.ruleset.loader import default_rules_dir

    rules = tmp_path / "rules"
    shutil.copytree(default_rules_dir(), rules)
    (rules / "periods.yaml").write_text(f"periods:\n  - {entry}\n", encoding="utf-8")
    with pytest.raises(RuleError, match=rf"periods\.yaml:2: entry 'p': .*{problem}"):
        period_rules(rules)


def test_a_period_rule_no_time_word_can_reach_is_an_error(tmp_path):
    """Sentences without a year, month, weekday, part of a year or time noun skip the rules; a
    rule whose own example has none would never run, so loading it fails."""
    import shutil

    from extractor.context.periods import time_words
    from extractor.errors import RuleError
    from extractor.ruleset.loader import default_rules_dir

    rules = tmp_path / "rules"
    shutil.copytree(default_rules_dir(), rules)
    (rules / "periods.yaml").write_text(
        "periods:\n  - {id: p, pattern: 'recently', start: published, end: published, example: 'recently it rose'}\n",
        encoding="utf-8")
    with pytest.raises(RuleError, match=r"periods\.yaml:2: entry 'p': its example names no year"):
        time_words(rules)


def test_a_part_of_the_year_word_defined_twice_is_an_error(tmp_path):
    import shutil

    from extractor.context.periods import year_parts
    from extractor.errors import RuleError
    from extractor.ruleset.loader import default_rules_dir

    rules = tmp_path / "rules"
    shutil.copytree(default_rules_dir(), rules)
    (rules / "year_parts.yaml").write_text(
        "year_parts:\n  - {id: a, words: [H1], first_month: 1, last_month: 6}\n"
        "  - {id: b, words: [h1], first_month: 7, last_month: 12}\n", encoding="utf-8")
    with pytest.raises(RuleError, match=r"year_parts\.yaml:3: entry 'b': 'h1' is already a part of the year"):
        year_parts(rules)


# Periods across an article (the pipeline, rules only): the lead, headings, and months that
# take the year of their sentence. Each case: a text, a figure's words, its period as
# (years, part) — part None for whole years.
ARTICLE_CASES = [
    ("BAKU, Sept.14\n\nIn the first eight months of 2021, GDP grew 3 percent.\n\n"
     "Growth in the processing industry came from pharmaceuticals, up 40.8 percent.",
     "40.8 percent", ("2021", "2021-01/2021-08")),
    ("Industrial output rose 5.1 percent in January-July 2018, the ministry said.\n\n"
     "Iron ore production increased by 7.4 percent.", "7.4 percent", ("2018", "2018-01/2018-07")),
    ("Kcell announces its interim results for January - September 2018.\n\nThird quarter\n\n"
     "Net sales increased by 3.8 percent to KZT 38,970 million.\n\nNine-month period\n\n"
     "Net sales grew by 2.2 percent to KZT 111,659 million.", "3.8 percent", ("2018", "2018-07/2018-09")),
    ("Kcell announces its interim results for January - September 2018.\n\nThird quarter\n\n"
     "Net sales increased by 3.8 percent to KZT 38,970 million.\n\nNine-month period\n\n"
     "Net sales grew by 2.2 percent to KZT 111,659 million.", "2.2 percent", ("2018", "2018-01/2018-09")),
    ("Last year, the National Bank raised the base rate six times: in January (from 9.75% to 10.25%), "
     "in February (to 13.5%).", "13.5%", ("2022", "2022-02/2022-02")),
    ("In 2024, the volume of major railway repairs rose by 41% compared to 2019.", "41%", ("2019-2024", None)),
    ("In 2023, production increased by 4.3 percent compared to 2022.", "4.3 percent", ("2023", None)),
    ("Over the past six years, 4,400 kilometers of highways were rebuilt.\n\n"
     "In the same period, about 250 roadside facilities were built.", "250", ("2017-2023", None)),
    ("In 2023, Azerbaijan's trade turnover decreased year-on-year from $52.68 billion to $51 billion.",
     "$52.68 billion", ("2022", None)),
    ("In 2023, Azerbaijan's trade turnover decreased year-on-year from $52.68 billion to $51 billion.",
     "$51 billion", ("2023", None)),
    ("Inflation has declined since the beginning of the year, reaching 8% annually in March.", "8%",
     ("2023", "2023-03/2023-03")),  # an adverb between a figure and its period
    ("For the two months of this year, the inflation rate made up 1.38%.", "1.38%", ("2023", "2023-01/2023-02")),
    ("In January-June this year, non-oil output grew 11.2 percent.\n\n"
     "During the reporting period, industrial output decreased by 1.5 percent.", "1.5 percent",
     ("2023", "2023-01/2023-06")),
]


@pytest.mark.parametrize("text, words, period", ARTICLE_CASES, ids=[c[1] + " | " + c[0][:30] for c in ARTICLE_CASES])
def test_a_figure_takes_the_period_the_article_reports_on(text, words, period):
    from extractor import extract_text
    from extractor.dev.evaluate import predicted_part

    mentions = extract_text(text, published="2023-08-14", ner=False)
    row = mentions[mentions["text"] == words].iloc[0].to_dict()
    years = str(row["period_start"]) if row["period_start"] == row["period_end"] else f"{row['period_start']}-{row['period_end']}"
    assert (years, predicted_part(row)) == period, row["period_text"]
