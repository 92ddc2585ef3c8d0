"""extractor.claims.build: figures grouped into the statements a fact-checker checks.

Three tables of cases:
- GROUPING: small hand-built Mentions tables (fast, no model) -- every claim of a passage with
  the figures of each role, so the grouping logic is pinned down whatever the extractor does;
- SUMMARIES: the normalised one-line summary of hand-built claims;
- REAL: passages of the sample corpus (checked verbatim against data/sample) run through
  ``extract_text`` (the model; each passage is extracted once per module) -- the claims they
  must yield.
Then the whole sample corpus: nothing lost, ids unique, roles consistent.
"""

from __future__ import annotations

import re
import shutil

import pandas as pd
import pytest

from extractor import MENTION_COLUMNS, check, extract_text
from extractor.claims.build import CLAIM_COLUMNS, CLAIM_TYPES, build_claims, claim_cues
from extractor.errors import ExtractorError, RuleError
from extractor.ruleset.loader import default_rules_dir

PUBLISHED = "2025-03-18"
DIMENSIONS = {"count": "count", "percent": "ratio", "percentage_point": "ratio", "times": "multiplier",
              "KZT": "money", "USD": "money", "km": "length", "m**2": "area", "kWh": "energy", "year": "time"}


# --------------------------------------------------------------------------- hand-built Mentions


def F(text: str, value: float, unit: str = "count", **context) -> dict:
    """One figure of a hand-built passage: its text, value, unit and any Mentions column."""
    kind = "multiplier" if unit == "times" else "level"
    return {"text": text, "value": value, "unit": unit, "dimension": DIMENSIONS[unit], "kind": kind,
            "direction": "up" if unit == "times" else "none", **context}


def mentions_of(passage: str, *figures: dict, article_id: str = "a1") -> pd.DataFrame:
    """A Mentions table of ``passage`` (one body): sentences split after . ! ? and white space;
    each figure found at its text, in order, after the previous one."""
    bounds, start = [], 0
    for m in re.finditer(r"(?<=[.!?])\s+", passage):
        bounds.append((start, m.start()))
        start = m.end()
    bounds.append((start, len(passage)))
    rows, at = [], 0
    for fig in figures:
        s = passage.index(fig["text"], at)
        at = s + len(fig["text"])
        s0, s1 = next(b for b in bounds if b[0] <= s < b[1])
        row = {"mention_id": f"{article_id}:b{s}", "article_id": article_id, "field": "body", "start": s,
               "end": at, "sentence": passage[s0:s1], "sentence_start": s0, "value_low": fig["value"],
               "value_high": float("nan"), "value_base": fig["value"], "qualifier": "exact", "measured": "",
               "indicator": "", "period_start": None, "period_end": None, "period_text": "", "status": "actual",
               "location": "", "method": "rule", "rule": "test", "confidence": 1.0, "flags": ""}
        row.update(fig)
        rows.append(row)
    frame = pd.DataFrame(rows, columns=MENTION_COLUMNS)
    for column in ("start", "end", "sentence_start", "period_start", "period_end"):
        frame[column] = frame[column].astype("Int64")
    return frame


def grouped(claims: pd.DataFrame, mentions: pd.DataFrame) -> list[tuple[str, dict]]:
    """Each claim as (claim_type, {role: [figure texts in text order]})."""
    text = dict(zip(mentions.mention_id, mentions.text))
    out = []
    for row in claims.itertuples():
        roles: dict[str, list[str]] = {}
        for mention_id, role in zip(row.mention_ids, row.roles):
            roles.setdefault(role, []).append(text[mention_id])
        out.append((row.claim_type, roles))
    return out


WAGE = ("Over the past six years, the minimum wage has gradually doubled from 42,500 to 85,000 tenge.",
        F("doubled", 2, "times", measured="minimum wage", period_start=2019, period_end=2025),
        F("42,500", 42500, "KZT", measured="minimum wage"), F("85,000 tenge", 85000, "KZT", measured="minimum wage"))
TRADE = ("As a result, over the past six years, foreign trade turnover increased 1.5 times - from $94.8 billion to "
         "$141.4 billion - while exports grew from $61.1 billion to $81.6 billion.",
         F("1.5 times", 1.5, "times", measured="foreign trade turnover", period_start=2019, period_end=2025),
         F("$94.8 billion", 94.8e9, "USD", measured="foreign trade turnover"),
         F("$141.4 billion", 141.4e9, "USD", measured="foreign trade turnover"),
         F("$61.1 billion", 61.1e9, "USD", measured="exports"), F("$81.6 billion", 81.6e9, "USD", measured="exports"))
DEPENDENCY = ("The trend of reducing raw material dependency in exports continued, declining from 74.5% in 2018 "
              "to 63.5% in 2024.",
              F("74.5%", 74.5, "percent", kind="share", measured="raw material dependency", period_start=2018,
                period_end=2018),
              F("63.5%", 63.5, "percent", kind="share", measured="raw material dependency", period_start=2024,
                period_end=2024))
WATER = ("Significant progress has been made in recent years: while in 2019 water supply coverage stood at 97.2% in "
         "cities and 86.4% in villages, these figures have now reached 99.4% and 97.8%, respectively.",
         *[F(t, float(t[:-1]), "percent", kind="share", measured="water supply coverage", period_start=y,
             period_end=y) for t, y in (("97.2%", 2019), ("86.4%", 2019), ("99.4%", 2025), ("97.8%", 2025))])
SAVINGS = ("Savings of budget funds since the beginning of this year amounted to approximately $1.5 billion "
           "(more than 766 billion tenge).",
           F("$1.5 billion", 1.5e9, "USD", qualifier="approx", period_start=2025, period_end=2025),
           F("766 billion tenge", 766e9, "KZT", qualifier="more_than", period_start=2025, period_end=2025))
VILLAGES = ("Out of 6,256 villages, 5,523 now have access to water. The remaining 733 villages will be connected "
            "to clean water by the end of this year.",
            F("6,256", 6256, measured="villages"), F("5,523", 5523, measured="villages"),
            F("733", 733, measured="remaining villages", status="plan"))
SALES = ("Over 2,000 new jobs have been created, and six projects have achieved sales exceeding 1 billion tenge each.",
         F("2,000", 2000, qualifier="more_than", measured="new jobs"), F("six", 6, measured="projects"),
         F("1 billion tenge", 1e9, "KZT", qualifier="more_than", measured="sales", flags="each"))

# (id, passage and its figures, every claim: (claim_type, {role: [figure texts]}))
GROUPING = [
    ("from-to joined by a multiplier", WAGE,
     [("change_from_to", {"change": ["doubled"], "from": ["42,500"], "to": ["85,000 tenge"]})]),
    ("from-to joined by a change", ("The number of children's and youth sports schools has increased by 40, "
                                    "from 481 to 521.", F("40", 40, kind="change", direction="up"),
                                    F("481", 481), F("521", 521)),
     [("change_from_to", {"change": ["40"], "from": ["481"], "to": ["521"]})]),
    ("two pairs, a clause break between them", TRADE,
     [("change_from_to", {"change": ["1.5 times"], "from": ["$94.8 billion"], "to": ["$141.4 billion"]}),
      ("change_from_to", {"from": ["$61.1 billion"], "to": ["$81.6 billion"]})]),
    ("each end with its own year", DEPENDENCY, [("change_from_to", {"from": ["74.5%"], "to": ["63.5%"]})]),
    ("respectively maps in order", WATER,
     [("change_from_to", {"from": ["97.2%"], "to": ["99.4%"]}),
      ("change_from_to", {"from": ["86.4%"], "to": ["97.8%"]})]),
    ("a level later reduced to another", ("While in 2019, the average depreciation of heating sources stood at 71%, "
                                          "it has now been reduced to 61%, and this work will continue.",
                                          F("71%", 71, "percent", kind="share"), F("61%", 61, "percent", kind="share")),
     [("change_from_to", {"from": ["71%"], "to": ["61%"]})]),
    ("versus: the earlier level is the from", ("In absolute terms, this equates to 134,000 passenger cars produced "
                                               "versus 30,000 in 2018.", F("134,000", 134000),
                                               F("30,000", 30000, period_start=2018, period_end=2018)),
     [("change_from_to", {"to": ["134,000"], "from": ["30,000"]})]),
    ("share restated as a count", ("As a result, the share of citizens regularly engaged in sports has risen from "
                                   "31.5% (5.9 million people) to 41.4% (8.4 million people).",
                                   F("31.5%", 31.5, "percent", kind="share"), F("5.9 million", 5.9e6),
                                   F("41.4%", 41.4, "percent", kind="share"), F("8.4 million", 8.4e6)),
     [("change_from_to", {"from": ["31.5%"], "equivalent": ["5.9 million", "8.4 million"], "to": ["41.4%"]})]),
    ("two currencies, one amount", SAVINGS,
     [("equivalence", {"value": ["$1.5 billion"], "equivalent": ["766 billion tenge"]})]),
    ("shares with their counts", ("The majority of voters, totaling 71.12% (5,561,937 people), supported the "
                                  "construction, while 26.13% (2,045,271 people) opposed it.",
                                  F("71.12%", 71.12, "percent", kind="share"), F("5,561,937", 5561937),
                                  F("26.13%", 26.13, "percent", kind="share"), F("2,045,271", 2045271)),
     [("share", {"value": ["71.12%"], "equivalent": ["5,561,937"]}),
      ("share", {"value": ["26.13%"], "equivalent": ["2,045,271"]})]),
    ("a total and its listed parts", ("In 2024 alone, construction and repairs covered 12,000 kilometers of highways"
                                      " - 8,000 kilometers of republican roads and 4,000 kilometers of local roads -"
                                      " a record figure.", F("12,000 kilometers", 12000, "km"),
                                      F("8,000 kilometers", 8000, "km"), F("4,000 kilometers", 4000, "km")),
     [("composition", {"total": ["12,000 kilometers"], "part": ["8,000 kilometers", "4,000 kilometers"]})]),
    ("out of, and the remaining in the next sentence", VILLAGES,
     [("composition", {"total": ["6,256"], "part": ["5,523"], "remainder": ["733"]})]),
    ("out of, of these, the remaining", (
        "To date, construction has been completed on 645 out of 655 planned primary healthcare facilities. Of these, "
        "226 were built in villages that previously lacked medical infrastructure, while another 419 replaced "
        "outdated buildings.\nThe remaining 10 primary healthcare facilities are expected to be commissioned by the "
        "end of this year.", F("645", 645), F("655", 655), F("226", 226), F("419", 419), F("10", 10)),
     [("composition", {"part": ["645"], "total": ["655"], "remainder": ["10"]}),
      ("composition", {"total": ["645"], "part": ["226", "419"]})]),
    ("N of which: parts of the previous sentence's totals", (
        "89 schools for 100,000 seats were built using the recovered assets countrywide. 61 of which for 74,400 "
        "seats were already put into service.", F("89", 89, measured="schools"),
        F("100,000", 100000, measured="seats"), F("61", 61, measured="schools"),
        F("74,400", 74400, measured="seats")),
     [("composition", {"total": ["89"], "part": ["61"]}),
      ("composition", {"total": ["100,000"], "part": ["74,400"]})]),
    ("including", ("She added the Head of State tasked to renovate almost 1,300 schools, including 900 rural ones.",
                   F("1,300", 1300, qualifier="approx"), F("900", 900)),
     [("composition", {"total": ["1,300"], "part": ["900"]})]),
    ("of which, a share", ("105 new schools were constructed in 2024, of which 40% were in rural areas.",
                           F("105", 105), F("40%", 40, "percent", kind="share")),
     [("composition", {"total": ["105"], "part": ["40%"]})]),
    ("a remainder needs the sentence right before", (
        "Out of 6,256 villages, 5,523 now have access to water.\n\n\n\n\nThe remaining 733 villages will be connected.",
        F("6,256", 6256), F("5,523", 5523), F("733", 733)),
     [("composition", {"total": ["6,256"], "part": ["5,523"]}), ("level", {"value": ["733"]})]),
    ("each: the per-item amount keeps its own claim", SALES,
     [("level", {"value": ["2,000"]}), ("level", {"value": ["six"]}), ("level", {"value": ["1 billion tenge"]})]),
    ("a vague amount", ("From 2019 to 2024, a total of 97.8 million square meters of housing was delivered, enabling "
                        "tens of thousands of Kazakh families to purchase homes.",
                        F("97.8 million square meters", 97.8e6, "m**2"),
                        F("tens of thousands of", float("nan"), qualifier="approx", flags="vague")),
     [("level", {"value": ["97.8 million square meters"]}), ("vague", {"value": ["tens of thousands of"]})]),
    ("changes with the levels they reached", (
        "A similar trend is observed in truck production, which increased more than sixfold to 7,100 units; bus "
        "production rose sevenfold to 2,900 units.", F("sixfold", 6, "times", qualifier="more_than"),
        F("7,100", 7100), F("sevenfold", 7, "times"), F("2,900", 2900)),
     [("multiplier", {"change": ["sixfold"], "to": ["7,100"]}),
      ("multiplier", {"change": ["sevenfold"], "to": ["2,900"]})]),
    ("a level, then the growth that led to it", (
        "GDP per capita exceeded $14,000, increasing by nearly 50%.", F("$14,000", 14000, "USD", qualifier="more_than"),
        F("50%", 50, "percent", kind="change_pct", direction="up", qualifier="approx")),
     [("growth", {"to": ["$14,000"], "change": ["50%"]})]),
    ("a change restated, then reaching a level", (
        "The volume of commissioned housing in 2024 grew by 6.4 million square meters, or 51.4%, compared to 2018, "
        "reaching 19 million square meters.",
        F("6.4 million square meters", 6.4e6, "m**2", kind="change", direction="up"),
        F("51.4%", 51.4, "percent", kind="change_pct", direction="up"), F("19 million square meters", 19e6, "m**2")),
     [("growth", {"change": ["6.4 million square meters", "51.4%"], "to": ["19 million square meters"]})]),
    ("separate growths", ("Since 2019, the overall crime rate has dropped by 52%, and by 60% in public spaces.",
                          F("52%", 52, "percent", kind="change_pct", direction="down"),
                          F("60%", 60, "percent", kind="change_pct", direction="down")),
     [("growth", {"change": ["52%"]}), ("growth", {"change": ["60%"]})]),
    ("an overall change and its rate per year", (
        "Over six years, production in the machining industry has tripled, with industrial output growing at an "
        "average annual rate of 20.3%.", F("tripled", 3, "times", period_start=2019, period_end=2025),
        F("20.3%", 20.3, "percent", kind="change_pct", direction="up", period_start=2019, period_end=2025)),
     [("multiplier", {"change": ["tripled"], "annual_rate": ["20.3%"]})]),
    ("a rate per year written after the figure", (
        "Exports doubled over the five years, growing by about 15% a year.", F("doubled", 2, "times"),
        F("15%", 15, "percent", kind="change_pct", direction="up", qualifier="approx")),
     [("multiplier", {"change": ["doubled"], "annual_rate": ["15%"]})]),
    ("no rate per year across a clause break", (
        "Salaries for approximately 600,000 teachers have doubled, while doctors' salaries have increased by 30% "
        "annually for three consecutive years.", F("600,000", 600000, qualifier="approx"), F("doubled", 2, "times"),
        F("30%", 30, "percent", kind="change_pct", direction="up")),
     [("level", {"value": ["600,000"]}), ("multiplier", {"change": ["doubled"]}), ("growth", {"change": ["30%"]})]),
    ("no link across subjects", (
        "This year, 45 additional gasification projects for settlements are underway, which will expand gas coverage "
        "to 12.4 million people.", F("45", 45, kind="change", measured="additional gasification projects"),
        F("12.4 million", 12.4e6, measured="people", indicator="gasification")),
     [("growth", {"change": ["45"]}), ("level", {"value": ["12.4 million"]})]),
]


@pytest.mark.parametrize("passage, expected", [(c[1], c[2]) for c in GROUPING], ids=[c[0] for c in GROUPING])
def test_grouping_of_hand_built_mentions(passage, expected):
    mentions = mentions_of(*passage)
    claims = build_claims(mentions)
    assert grouped(claims, mentions) == expected
    assert set(mentions.mention_id) <= {i for ids in claims.mention_ids for i in ids}


# (id, passage and its figures, the summary of its first claim)
SUMMARIES = [
    ("the stated multiplier as written", WAGE, "minimum wage: 42,500 -> 85,000 KZT (x2), 2019-2025"),
    ("a rounded stated multiplier, no second arithmetic", TRADE,
     "foreign trade turnover: $94.8 bn -> $141.4 bn (x1.5), 2019-2025"),
    ("years at each end", DEPENDENCY, "raw material dependency: 74.5% (2018) -> 63.5% (2024) (-11 pp)"),
    ("respectively labels", WATER, "water supply coverage (cities): 97.2% (2019) -> 99.4% (2025) (+2.2 pp)"),
    ("equivalence with qualifiers", SAVINGS, "about $1.5 bn = more than 766 bn KZT, 2025"),
    ("composition completed by a remainder", VILLAGES, "villages: 6,256 = 5,523 + 733 remaining"),
    ("plan", ("The Baiterek holding will invest 8 trillion tenge, with this figure set to increase to 10 trillion "
              "tenge by 2027.", F("8 trillion tenge", 8e12, "KZT", status="plan", period_start=2025, period_end=2025),
              F("10 trillion tenge", 1e13, "KZT", status="plan", period_start=2027, period_end=2027)),
     "8 tn (2025) -> 10 tn KZT (2027) (x1.25) (plan)"),
    ("a stated change as written: whether it fits is the checks' verdict", ("The number of sports schools has increased by 45, from 481 to 521.",
                                 F("45", 45, kind="change", direction="up", measured="sports schools"),
                                 F("481", 481), F("521", 521)),
     "sports schools: 481 -> 521 (+45)"),
    ("bounded multiplier", ("The volume of innovative products has more than doubled over the past five years - from "
                            "1.1 trillion to 2.4 trillion tenge.",
                            F("doubled", 2, "times", qualifier="more_than"), F("1.1 trillion", 1.1e12, "KZT"),
                            F("2.4 trillion tenge", 2.4e12, "KZT")),
     "1.1 tn -> 2.4 tn KZT (more than x2)"),
]


@pytest.mark.parametrize("passage, summary", [(c[1], c[2]) for c in SUMMARIES], ids=[c[0] for c in SUMMARIES])
def test_summary(passage, summary):
    assert build_claims(mentions_of(*passage)).summary.iloc[0] == summary


def test_each_is_flagged_and_written_per_item():
    row = build_claims(mentions_of(*SALES)).iloc[-1]
    assert row["flags"] == "each" and row["summary"] == "sales: more than 1 bn KZT each"


def test_role_shortcuts_and_flags():
    mentions = mentions_of(*TRADE)
    ids = dict(zip(mentions.text, mentions.mention_id))
    row = build_claims(mentions).iloc[0]
    assert (row["from_id"], row["to_id"], row["change_ids"]) == (
        ids["$94.8 billion"], ids["$141.4 billion"], [ids["1.5 times"]])
    assert row["claim_id"] == "a1:b0:0" and (row["period_start"], row["period_end"]) == (2019, 2025)
    mentions = mentions_of(*VILLAGES)
    ids = dict(zip(mentions.text, mentions.mention_id))
    row = build_claims(mentions).iloc[0]
    assert row["total_id"] == ids["6,256"] and row["part_ids"] == [ids["5,523"], ids["733"]]
    assert row["flags"] == "cross_sentence" and row["sentence"] == VILLAGES[0] and row["status"] == "actual"


def test_ids_do_not_depend_on_row_order():
    mentions = pd.concat([mentions_of(*WATER), mentions_of(*VILLAGES, article_id="a2")])
    once = build_claims(mentions)
    shuffled = build_claims(mentions.sample(frac=1, random_state=3))
    assert sorted(once.claim_id) == sorted(shuffled.claim_id) and once.claim_id.is_unique


def test_list_columns_survive_parquet(tmp_path):
    claims = build_claims(mentions_of(*WAGE))
    claims.to_parquet(tmp_path / "claims.parquet", index=False)
    back = pd.read_parquet(tmp_path / "claims.parquet")
    assert list(back.columns) == CLAIM_COLUMNS
    assert [list(x) for x in back.mention_ids] == list(claims.mention_ids)
    assert [list(x) for x in back.roles] == [["change", "from", "to"]]


def test_empty_mentions_give_an_empty_table():
    claims = build_claims(pd.DataFrame(columns=MENTION_COLUMNS))
    assert claims.empty and list(claims.columns) == CLAIM_COLUMNS


def test_a_table_that_is_not_mentions_is_refused():
    with pytest.raises(ExtractorError, match="missing column.*sentence_start"):
        build_claims(mentions_of(*WAGE).drop(columns=["sentence_start"]))


# --------------------------------------------------------------------------- rules/claims.yaml


def test_every_cue_matches_its_own_text():
    cues = claim_cues()
    assert cues.has("versus", " produced versus ") and not cues.has("versus", " produced, and ")
    assert cues.strip(" to around ") == " to "


@pytest.mark.parametrize("old, new, problem", [
    ("  - id: versus\n    role: versus\n", "  - id: versus\n    role: versus\n    where: gap\n", "unknown key 'where'"),
    ("  - id: versus\n    role: versus\n", "  - id: versus\n    role: compare\n", "role must be one of"),
    ('    matches: " out of "\n', '    matches: " of the total of "\n', "does not match its own"),
    ("  - id: of_which\n", "  - id: of_these\n", "duplicate id 'of_these'"),
], ids=["unknown key", "unknown role", "pattern misses its text", "duplicate id"])
def test_a_broken_cue_file_names_file_and_line(tmp_path, old, new, problem):
    rules = tmp_path / "rules"
    shutil.copytree(default_rules_dir(), rules)
    path = rules / "claims.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path.write_text(text.replace(old, new), encoding="utf-8")
    with pytest.raises(RuleError, match=rf"claims\.yaml:\d+: .*{problem}"):
        claim_cues(rules)


# --------------------------------------------------------------------------- real sentences (model)


@pytest.fixture(scope="module")
def sample_text(sample_dir) -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in sorted(sample_dir.glob("*.txt")))


# (passage of the sample corpus, claims it must yield: (claim_type, {role: [figure texts]}), or a summary)
REAL = [
    ("Over the past six years, the minimum wage has gradually doubled from 42,500 to 85,000 tenge, positively "
     "impacting the well-being of around 2 million citizens.",
     [("change_from_to", {"change": ["doubled"], "from": ["42,500"], "to": ["85,000 tenge"]}),
      "minimum wage: 42,500 -> 85,000 KZT (x2), 2019-2025"]),
    ("As a result, over the past six years, foreign trade turnover increased 1.5 times - from $94.8 billion to "
     "$141.4 billion - while exports grew from $61.1 billion to $81.6 billion.",
     [("change_from_to", {"change": ["1.5 times"], "from": ["$94.8 billion"], "to": ["$141.4 billion"]}),
      ("change_from_to", {"from": ["$61.1 billion"], "to": ["$81.6 billion"]}),
      "foreign trade turnover: $94.8 bn -> $141.4 bn (x1.5), 2019-2025"]),
    ("The number of children's and youth sports schools has increased by 40, from 481 to 521.",
     [("change_from_to", {"change": ["40"], "from": ["481"], "to": ["521"]})]),
    ("The trend of reducing raw material dependency in exports continued, declining from 74.5% in 2018 to 63.5% in "
     "2024.", [("change_from_to", {"from": ["74.5%"], "to": ["63.5%"]})]),
    ("Significant progress has been made in recent years: while in 2019 water supply coverage stood at 97.2% in "
     "cities and 86.4% in villages, these figures have now reached 99.4% and 97.8%, respectively.",
     [("change_from_to", {"from": ["97.2%"], "to": ["99.4%"]}),
      ("change_from_to", {"from": ["86.4%"], "to": ["97.8%"]}),
      "water supply coverage (villages): 86.4% (2019) -> 97.8% (2025) (+11.4 pp)"]),
    ("As a result of these measures, savings of budget funds of the Republic of Kazakhstan since the beginning of "
     "this year amounted to approximately $1.5 billion (more than 766 billion tenge).",
     [("equivalence", {"value": ["$1.5 billion"], "equivalent": ["766 billion tenge"]})]),
    ("The majority of voters, totaling 71.12% (5,561,937 people), supported the construction, while 26.13% "
     "(2,045,271 people) opposed it.",
     [("share", {"value": ["71.12%"], "equivalent": ["5,561,937"]}),
      ("share", {"value": ["26.13%"], "equivalent": ["2,045,271"]})]),
    ("Out of 6,256 villages, 5,523 now have access to water. The remaining 733 villages will be connected to clean "
     "water by the end of this year.",
     [("composition", {"total": ["6,256"], "part": ["5,523"], "remainder": ["733"]})]),
    ("In 2024 alone, construction and repairs covered 12,000 kilometers of highways - 8,000 kilometers of republican "
     "roads and 4,000 kilometers of local roads - a record figure.",
     [("composition", {"total": ["12,000 kilometers"], "part": ["8,000 kilometers", "4,000 kilometers"]}),
      "highways: 12,000 km = 8,000 km (republican roads) + 4,000 km (local roads), 2024"]),
    ("To date, construction has been completed on 645 out of 655 planned primary healthcare facilities. Of these, 226 "
     "were built in villages that previously lacked medical infrastructure, while another 419 replaced outdated "
     "buildings.\nThe remaining 10 primary healthcare facilities are expected to be commissioned by the end of this "
     "year.",
     [("composition", {"part": ["645"], "total": ["655"], "remainder": ["10"]}),
      ("composition", {"total": ["645"], "part": ["226", "419"]})]),
    ("89 schools for 100,000 seats were built using the recovered assets countrywide. 61 of which for 74,400 seats "
     "were already put into service.",
     [("composition", {"total": ["89"], "part": ["61"]}), ("composition", {"total": ["100,000"], "part": ["74,400"]})]),
    ("She added the Head of State tasked to renovate almost 1,300 schools, including 900 rural ones.",
     [("composition", {"total": ["1,300"], "part": ["900"]})]),
    ("Over 2,000 new jobs have been created, 25 projects have entered export markets, and six projects have achieved "
     "sales exceeding 1 billion tenge each.", [("level", {"value": ["1 billion tenge"]})]),
    ("From 2019 to 2024, a total of 97.8 million square meters of housing was delivered, enabling tens of thousands "
     "of Kazakh families to purchase homes and improve their quality of life.",
     [("level", {"value": ["97.8 million square meters"]}), ("vague", {"value": ["tens of thousands"]})]),
    ("A similar trend is observed in truck production, which increased more than sixfold to 7,100 units; bus "
     "production rose sevenfold to 2,900 units; and special-purpose vehicles nearly tripled to 711 units.",
     [("multiplier", {"change": ["sixfold"], "to": ["7,100"]}),
      ("multiplier", {"change": ["sevenfold"], "to": ["2,900"]}),
      ("multiplier", {"change": ["tripled"], "to": ["711"]})]),
    ("GDP per capita exceeded $14,000, increasing by nearly 50%.",
     [("growth", {"to": ["$14,000"], "change": ["50%"]})]),
    ("Since 2019, electricity consumption has risen by 14% to around 120 billion kWh.",
     [("growth", {"change": ["14%"], "to": ["120 billion kWh"]})]),
    ("Since 2019, the overall crime rate has dropped by 52%, and by 60% in public spaces.",
     [("growth", {"change": ["52%"]}), ("growth", {"change": ["60%"]})]),
    ("Labor productivity per agricultural worker has doubled in five years, reaching 4.2 million tenge, while food "
     "production has grown 2.1 times.",
     [("multiplier", {"change": ["doubled"], "to": ["4.2 million tenge"]}), ("multiplier", {"change": ["2.1 times"]})]),
    ("By the end of 2024, GDP reached $288 billion.", [("level", {"value": ["$288 billion"]}), "GDP: $288 bn, 2024"]),
    ("Over six years, production in the machining industry has tripled, with industrial output growing at an average "
     "annual rate of 20.3%.",
     [("multiplier", {"change": ["tripled"], "annual_rate": ["20.3%"]}),
      "production in machining industry: x3 (+20.3% a year), 2019-2025"]),
]


@pytest.fixture(scope="module")
def real_mentions() -> dict[str, pd.DataFrame]:
    """Each REAL passage extracted once (loads the model)."""
    return {passage: extract_text(passage, published=PUBLISHED) for passage, _ in REAL}


@pytest.mark.model
@pytest.mark.parametrize("passage, expected", REAL, ids=[p[:50] for p, _ in REAL])
def test_claims_of_real_sentences(real_mentions, sample_text, passage, expected):
    assert passage in sample_text
    mentions = real_mentions[passage]
    claims = build_claims(mentions)
    found = grouped(claims, mentions)
    for claim in expected:
        if isinstance(claim, str):
            assert claim in list(claims.summary)
        else:
            assert claim in found


# Results as company reports and wires word them (sentences written for this table, after the
# shapes of tests/gold/claims): (passage, publication date, claims it must yield).
RESULTS = [
    ("Net interest income increased 48% to Rs 6,498 crore from Rs 4,381 crore in the corresponding period last year.",
     "2019-07-25", [("change_from_to", {"change": ["48%"], "to": ["Rs 6,498 crore"], "from": ["Rs 4,381 crore"]})]),
    ("Provisions during the quarter increased 52% to Rs 3,285 crore as against Rs 2,166 crore in the year-ago quarter.",
     "2019-07-25", [("change_from_to", {"change": ["52%"], "to": ["Rs 3,285 crore"], "from": ["Rs 2,166 crore"]})]),
    ("Provisions fell 28% to Rs309.97 crore in the quarter from Rs430.13 crore a quarter ago.",
     "2017-10-20", [("change_from_to", {"change": ["28%"], "to": ["Rs309.97 crore"], "from": ["Rs430.13 crore"]})]),
    # "up from": the second is the earlier level, whatever the parse named it
    ("The company reported a net profit of $943 million for the quarter, up from $915 million a year earlier.",
     "2022-10-25", [("change_from_to", {"to": ["$943 million"], "from": ["$915 million"]})]),
    # a change stated in one sentence, the two levels it is between in the next
    ("The bank said its first quarter net profit rose 34%. It posted a net profit of $710 million for the quarter "
     "compared to $528 million in the year-ago period.",
     "2019-07-25", [("change_from_to", {"change": ["34%"], "to": ["$710 million"], "from": ["$528 million"]})]),
    # ... but not a change of another thing
    ("Revenue rose 12%. Net profit was $710 million compared to $528 million a year earlier.",
     "2019-07-25", [("growth", {"change": ["12%"]}), ("change_from_to", {"to": ["$710 million"], "from": ["$528 million"]})]),
]


@pytest.mark.model
@pytest.mark.parametrize("passage, published, expected", RESULTS, ids=[p[:50] for p, _, _ in RESULTS])
def test_claims_of_results_as_reports_word_them(passage, published, expected):
    mentions = extract_text(passage, published=published)
    found = grouped(build_claims(mentions), mentions)
    for claim in expected:
        assert claim in found, found


@pytest.mark.model
def test_a_change_between_stated_levels_is_checked_against_them():
    """The change of a results sentence is checked against its two levels: consistent as written,
    inconsistent when one level is changed (the claim sets' mutation)."""
    text = "Net interest income increased 48% to Rs 6,498 crore from Rs 4,381 crore in the corresponding period last year."
    verdicts = [set(check(build_claims(extract_text(t, published="2019-07-25")))["verdict"].astype(str))
                for t in (text, text.replace("6,498", "7,798"))]
    assert "consistent" in verdicts[0] and "inconsistent" not in verdicts[0]
    assert "inconsistent" in verdicts[1]


# Identities (rules/identities.yaml): amounts that add up by definition, in one passage.
IDENTITY_CASES = [
    # (passage, published, {role: [figure texts]} of the composition, or None: no identity)
    ("Turkey's foreign trade volume reached $390.84 billion in 2017, with exports of $157.05 billion and imports "
     "of $233.79 billion.", "2018-01-31",
     {"total": ["$390.84 billion"], "part": ["$157.05 billion", "$233.79 billion"]}),
    ("In January-June, revenues of the consolidated budget amounted to 153.8 trillion soums and expenses 180.8 "
     "trillion soums. The deficit amounted to 26.9 trillion soums.", "2023-07-20",
     {"total": ["180.8 trillion soums"], "part": ["153.8 trillion soums", "26.9 trillion soums"]}),
    # the words after a figure name it when those before do not: "70,980.2 billion soms were spent"
    ("The state budget received 70,622.7 billion soms for half a year, and 70,980.2 billion soms were spent. "
     "Thus, the deficit of the state budget for the half-year is estimated at 357.4 billion soms.", "2018-07-20",
     {"total": ["70,980.2 billion soms"], "part": ["70,622.7 billion soms", "357.4 billion soms"]}),
    # another period is another statement: no identity across years
    ("Exports reached $157.1 billion in 2017. Imports were $234.2 billion in 2016, and the turnover $391.3 "
     "billion in 2015.", "2018-01-31", None),
]


@pytest.mark.model
@pytest.mark.parametrize("passage, published, roles", IDENTITY_CASES, ids=[p[:50] for p, _, _ in IDENTITY_CASES])
def test_amounts_that_add_up_by_definition_are_one_composition(passage, published, roles):
    mentions = extract_text(passage, published=published)
    claims = build_claims(mentions)
    compositions = [g for g, flags in zip(grouped(claims, mentions), claims["flags"])
                    if g[0] == "composition" and "identity" in flags]
    assert compositions == ([("composition", roles)] if roles else [])


@pytest.mark.model
def test_a_scale_slip_between_budget_amounts_is_inconsistent():
    """The claim sets' real slip (24.kg): a deficit of 357.4 million soms between 70 trillion of
    revenue and of spending does not add up; written in billions it does."""
    text = ("The state budget received 70,622.7 billion soms for half a year, and 70,980.2 billion soms were spent. "
            "Thus, the deficit of the state budget for the half-year is estimated at 357.4 million soms.")
    verdicts = [set(check(build_claims(extract_text(t, published="2018-07-20")))["verdict"].astype(str))
                for t in (text, text.replace("357.4 million", "357.4 billion"))]
    assert "inconsistent" in verdicts[0]
    assert "consistent" in verdicts[1] and "inconsistent" not in verdicts[1]


@pytest.mark.parametrize("old, new, problem", [
    ("    parts: ['\\bexport', '\\bimport']\n", "    parts: ['\\bexport']\n", "two parts or more"),
    ("  - id: trade_deficit\n", "  - id: trade_turnover\n", "duplicate id 'trade_turnover'"),
    ("    total: '\\bimport'\n", "    total: '(\\bimport'\n", "bad pattern"),
], ids=["one part", "duplicate id", "bad pattern"])
def test_a_broken_identity_file_names_file_and_line(tmp_path, old, new, problem):
    from extractor.claims.identities import identities

    rules = tmp_path / "rules"
    shutil.copytree(default_rules_dir(), rules)
    path = rules / "identities.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")
    with pytest.raises(RuleError, match=rf"identities\.yaml:\d+: .*{problem}"):
        identities(rules)


# --------------------------------------------------------------------------- the whole sample corpus (model)


@pytest.fixture(scope="module")
def corpus(sample_mentions, sample_claims):
    """The sample's mentions and claims, built once per session (conftest.py)."""
    return sample_mentions, sample_claims


@pytest.mark.model
def test_no_mention_is_lost_and_ids_are_unique(corpus):
    mentions, claims = corpus
    assert set(mentions.mention_id) == {i for ids in claims.mention_ids for i in ids}
    assert claims.claim_id.is_unique and len(claims) > 0


@pytest.mark.model
def test_every_claim_is_well_formed(corpus):
    mentions, claims = corpus
    known = set(mentions.mention_id)
    for row in claims.itertuples():
        roles = dict(zip(row.mention_ids, row.roles))
        assert row.claim_type in CLAIM_TYPES and row.summary and len(row.roles) == len(row.mention_ids)
        assert set(row.mention_ids) <= known and row.claim_id.startswith(f"{row.article_id}:{row.field[0]}")
        assert all(roles[i] == r for r, i in (("from", row.from_id), ("to", row.to_id), ("total", row.total_id)) if i)
        assert all(roles[i] == "change" for i in row.change_ids)
        assert all(roles[i] in ("part", "remainder") for i in row.part_ids)
        if row.claim_type == "change_from_to":
            assert row.from_id and row.to_id
        if row.claim_type == "composition":
            assert row.total_id and row.part_ids
    assert set(claims.claim_type) >= {"level", "share", "growth", "multiplier", "change_from_to", "composition",
                                      "equivalence"}


@pytest.mark.model
def test_a_remainder_split_in_the_next_sentence_is_a_full_composition():
    text = ("The remaining 733 villages will be connected to clean water by 2027. Centralized water "
            "supply facilities will be built in 238 villages, and complex block modules will be "
            "installed in 595 rural settlements.")
    claims = build_claims(extract_text(text, published="2025-03-18"))
    [composition] = claims[claims["claim_type"] == "composition"].to_dict("records")
    roles = dict(zip(composition["texts"], composition["roles"]))
    assert roles == {"733": "total", "238": "part", "595": "part"}
    assert "partial" not in (composition["flags"] or "")
