"""Period expressions resolved against a fixed publication date (issue 4's list), and which
figure of a sentence a period belongs to. Pure text: no model."""

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
    ("exports grew in January-March 2024", "January-March 2024", "2024"),
    ("422 schools were commissioned in 2023 and 2024", "in 2023 and 2024", "2023-2024"),
    ("Currently, 410 educational institutions are supported by 498 companies.", "Currently", "2025"),
    ("To date, construction has been completed on 645 facilities.", "To date", "2025"),
]


@pytest.mark.parametrize("sentence, words, years", EXPRESSIONS, ids=[e[1] for e in EXPRESSIONS])
def test_period_expression_resolves_against_the_publication_year(sentence, words, years):
    periods = find_periods(sentence, PUBLISHED)
    assert [(p.text, p.label) for p in periods] == [(words, years)]


@pytest.mark.parametrize("sentence", [
    "The Protocol was adopted on June 17, 1999, in London.",  # a date, not a period of a figure
    "The President chaired the 4th meeting of the Ulttyq Qurultay.",
    "Kazakhstan has 17 regions.",
])
def test_no_period_where_none_is_written(sentence):
    assert [p.text for p in find_periods(sentence, PUBLISHED) if p.rule != "month_year"] == []


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
}


@pytest.mark.parametrize("text, published, figure, years", WHEN.values(), ids=WHEN.keys())
def test_when_a_figure_holds(text, published, figure, years):
    from extractor import extract_text

    mentions = extract_text(text, published=published, ner=False)
    row = mentions[mentions["text"] == figure].iloc[0]
    got = None if pd.isna(row["period_start"]) else (int(row["period_start"]), int(row["period_end"]))
    assert got == years, f"{figure!r} in {text!r}: period {row['period_text']!r}"
