"""extractor.checks.factcheck: the Checks table on real sentences of the sample corpus.

- REAL: passages of data/sample (checked verbatim) -> extract_text -> build_claims -> check:
  the verdict each check type must give (the model loads once per module);
- the whole sample corpus: the one real inconsistency (238 + 595 != 733) and nothing else flagged;
- a fast mutation test (tests/mutation_check.py, one round): detection and false alarms;
- no model: reference loading, rate bands, tolerance arithmetic.
"""

from __future__ import annotations

import math

import pandas as pd
import pytest

from extractor import build_claims, extract_text
from extractor.errors import ExtractorError, RuleError
from extractor.checks.factcheck import (CHECK_COLUMNS, CHECK_TYPES, REFERENCE_FILE, VERDICTS, check, load_rates,
                                 load_reference)
from extractor.ruleset.loader import default_rules_dir, read_yaml
from mutation_check import mutation_rates

PUBLISHED = "2025-03-18"

# (passage of the sample corpus, check, verdict, expected, observed, words the explanation holds)
REAL = [
    ("Over the past six years, the minimum wage has gradually doubled from 42,500 to 85,000 tenge, positively "
     "impacting the well-being of around 2 million citizens.", "arithmetic", "consistent", 2.0, 2.0, "doubled"),
    ("The number of children's and youth sports schools has increased by 40, from 481 to 521.",
     "arithmetic", "consistent", 40.0, 40.0, "481"),
    ("As a result, over the past six years, foreign trade turnover increased 1.5 times - from $94.8 billion to "
     "$141.4 billion - while exports grew from $61.1 billion", "arithmetic", "consistent", 1.5, 141.4 / 94.8, "1.49"),
    ("In 2024 alone, construction and repairs covered 12,000 kilometers of highways - 8,000 kilometers of republican "
     "roads and 4,000 kilometers of local roads - a record figure.", "composition", "consistent", 12000, 12000,
     "12,000"),
    ("To date, construction has been completed on 645 out of 655 planned primary healthcare facilities. Of these, 226 "
     "were built in villages that previously lacked medical infrastructure, while another 419 replaced outdated "
     "buildings.\nThe remaining 10 primary healthcare facilities are expected to be commissioned by the end of this "
     "year.", "composition", "consistent", 655, 655, "655"),
    ("Out of 6,256 villages, 5,523 now have access to water. The remaining 733 villages will be connected to clean "
     "water by the end of this year. Centralized water supply facilities will be built in 238 villages, and complex "
     "block modules will be installed in 595 rural settlements.", "composition", "inconsistent", 733, 833, "833"),
    ("The majority of voters, totaling 71.12% (5,561,937 people), supported the construction, while 26.13% "
     "(2,045,271 people) opposed it. Voter turnout reached 63.66%, with a total of 7,820,204 participants.",
     "share_count", "consistent", 71.12, 5561937 / 7820204 * 100, "7,820,204"),
    ("As a result of these measures, savings of budget funds of the Republic of Kazakhstan since the beginning of "
     "this year amounted to approximately $1.5 billion (more than 766 billion tenge).",
     "equivalence", "consistent", 512.5, 766 / 1.5, "KZT per USD"),
    ("By the end of 2024, GDP reached $288 billion.", "reference", "unverifiable", math.nan, 288e9, "2023"),
    ("Over six years, production in the machining industry has tripled, with industrial output growing at an average "
     "annual rate of 20.3%.", "arithmetic", "consistent", 3.0, 1.203 ** 6, "compounds to x3.03"),
    ("To date, construction has been completed on 645 out of 655 planned primary healthcare facilities. Of these, 226 "
     "were built in villages that previously lacked medical infrastructure, while another 419 replaced outdated "
     "buildings.", "composition", "consistent", 645, 645, "226 + 419"),
    ("She added the Head of State tasked to renovate almost 1,300 schools, including 900 rural ones.",
     "composition", "unverifiable", 1300, 900, "only a bound"),
]

# A number of a REAL passage changed, as a careless edit would: the check must flag it.
# (passage as printed, the passage as changed, check, words the explanation holds)
CHANGED = [
    ("Over six years, production in the machining industry has tripled, with industrial output growing at an average "
     "annual rate of 20.3%.", ("20.3%", "16.3%"), "arithmetic", "compounds to x2.47"),
    ("To date, construction has been completed on 645 out of 655 planned primary healthcare facilities. Of these, 226 "
     "were built in villages that previously lacked medical infrastructure, while another 419 replaced outdated "
     "buildings.\nThe remaining 10 primary healthcare facilities are expected to be commissioned by the end of this "
     "year.", ("remaining 10", "remaining 11"), "composition", "656"),
    ("She added the Head of State tasked to renovate almost 1,300 schools, including 900 rural ones.",
     ("900", "1,900"), "composition", "exceed"),
    ("The majority of voters, totaling 71.12% (5,561,937 people), supported the construction, while 26.13% "
     "(2,045,271 people) opposed it. Voter turnout reached 63.66%, with a total of 7,820,204 participants.",
     ("7,820,204", "4,820,204"), "share_count", "115.39%"),
]


@pytest.fixture(scope="module")
def real_checks() -> dict[str, pd.DataFrame]:
    """Each REAL passage extracted once (loads the model), grouped and checked."""
    return {p[0]: check(build_claims(extract_text(p[0], published=PUBLISHED))) for p in REAL}


@pytest.fixture(scope="module")
def sample_text(sample_dir) -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in sorted(sample_dir.glob("*.txt")))


@pytest.mark.model
@pytest.mark.parametrize("passage, kind, verdict, expected, observed, words", REAL, ids=[p[0][:50] for p in REAL])
def test_checks_of_real_sentences(real_checks, sample_text, passage, kind, verdict, expected, observed, words):
    assert passage.replace("\n", "\n\n") in sample_text or passage in sample_text
    checks = real_checks[passage]
    assert list(checks.columns) == CHECK_COLUMNS
    found = checks[checks.check == kind]
    assert verdict in set(found.verdict), found.explanation.tolist()
    row = found[found.verdict == verdict].iloc[0]
    row = found[(found.verdict == verdict) & found.explanation.str.contains(words, regex=False)].iloc[0]
    assert row.expected == pytest.approx(expected, rel=1e-3, nan_ok=True)
    assert row.observed == pytest.approx(observed, rel=1e-3)
    assert words in row.explanation and row.explanation.endswith(".") and row.sentences
    if verdict in ("consistent", "inconsistent"):
        assert (row.rel_error <= row.tolerance) == (verdict == "consistent")


@pytest.mark.model
@pytest.mark.parametrize("passage, change, kind, words", CHANGED, ids=[c[1][1] for c in CHANGED])
def test_a_changed_number_is_flagged(sample_text, passage, change, kind, words):
    assert passage.replace("\n", "\n\n") in sample_text or passage in sample_text
    old, new = change
    changed = passage.replace(old, new, 1)
    checks = check(build_claims(extract_text(changed, published=PUBLISHED)))
    flagged = checks[(checks.check == kind) & (checks.verdict == "inconsistent")]
    assert any(words in e for e in flagged.explanation), checks[["check", "verdict", "explanation"]].to_dict("records")


# Sentences in other outlets' phrasings (written for this table, their figures consistent), each
# with one number changed as a careless edit would: consistent as written, flagged when changed.
# (sentence, check, words of the consistent explanation, (old, new) number, words when flagged)
OUTLETS = [
    ("Exports rose to $78.7 billion in 2023 from $70.0 billion a year earlier, an increase of 12.4%.",
     "arithmetic", "12.43", ("12.4%", "15.4%"), "15.4%"),
    ("The number of foreign tourists grew from 6.5 million in 2022 to 8.5 million in 2023, up 30.8%.",
     "arithmetic", "30.77", ("8.5 million", "9.5 million"), "46.15"),
    ("Of the 1,250 new apartments, 830 were sold and the remaining 420 are still on the market.",
     "composition", "1,250", ("remaining 420", "remaining 460"), "1,290"),
    ("Wheat output reached 17.1 million tonnes in 2023, down 6% from 18.2 million tonnes in 2022.",
     "arithmetic", "-6.04", ("down 6%", "down 9%"), "9%"),
    ("The budget deficit halved, from 2.4 trillion tenge to 1.2 trillion tenge.",
     "arithmetic", "ratio of 0.5", ("1.2 trillion", "1.6 trillion"), "0.67"),
    ("The fund invested $2 billion (about 900 billion tenge) in 2023.",
     "equivalence", "450 KZT per USD", ("900 billion", "600 billion"), "300 KZT per USD"),
    ("Average monthly wages have grown by an average of 11% a year since 2019, rising 1.7 times to 371,000 tenge.",
     "arithmetic", "x1.69", ("11%", "15%"), "x2.01"),
    ("The region built 48 schools last year - 30 in towns and 18 in villages.",
     "composition", "48", ("18 in villages", "28 in villages"), "58"),
    ("Retail sales increased by 250 billion tenge, or 4.5%, to 5.8 trillion tenge.",
     "arithmetic", "4.5%", ("or 4.5%", "or 6.5%"), "6.5%"),
]


@pytest.mark.model
@pytest.mark.parametrize("sentence, kind, words, change, flagged_words", OUTLETS, ids=[o[0][:40] for o in OUTLETS])
def test_other_outlets_phrasings(sentence, kind, words, change, flagged_words):
    checks = check(build_claims(extract_text(sentence, published="2024-03-01")))
    assert list(checks.verdict) == ["consistent"] and list(checks.check) == [kind], checks.explanation.tolist()
    assert words in checks.iloc[0].explanation
    old, new = change
    changed = check(build_claims(extract_text(sentence.replace(old, new, 1), published="2024-03-01")))
    assert list(changed.verdict) == ["inconsistent"], changed.explanation.tolist()
    assert flagged_words in changed.iloc[0].explanation


# Two articles stating one indicator: compared only when they speak of the same stretch of time.
CROSS = [
    ("In January-June 2024, industrial output amounted to 20 trillion tenge.",
     "In January-September 2024, industrial output amounted to 31 trillion tenge.", None),
    ("In the first quarter of 2024, industrial output amounted to 9 trillion tenge.",
     "In 2024, industrial output amounted to 40 trillion tenge.", None),
    ("In January-June 2024, industrial output amounted to 20 trillion tenge.",
     "Industrial output in the first half of 2024 amounted to 26 trillion tenge.", "inconsistent"),
    ("In 2023, industrial output amounted to 40 trillion tenge.",
     "Industrial output reached 40 trillion tenge in 2023.", "consistent"),
]


def two_articles(first: str, second: str) -> pd.DataFrame:
    mentions = pd.concat([extract_text(first, published="2024-12-01").assign(article_id="a1"),
                          extract_text(second, published="2024-12-01").assign(article_id="a2")], ignore_index=True)
    mentions["mention_id"] = mentions["article_id"] + ":" + mentions["mention_id"]
    return check(build_claims(mentions))


@pytest.mark.model
@pytest.mark.parametrize("first, second, verdict", CROSS, ids=[f"{c[0][:30]} | {c[1][:30]}" for c in CROSS])
def test_cross_article_compares_only_the_same_period(first, second, verdict):
    cross = two_articles(first, second).query("check == 'cross_article'")
    assert list(cross.verdict) == ([verdict] if verdict else []), cross.explanation.tolist()


# --------------------------------------------------------------------------- the whole sample corpus (model)


@pytest.fixture(scope="module")
def corpus_claims(sample_claims) -> pd.DataFrame:
    """The sample's claims, built once per session (conftest.py)."""
    return sample_claims


@pytest.mark.model
def test_sample_corpus_has_one_real_inconsistency(sample_checks):
    checks = sample_checks  # check(corpus_claims), built once per session (conftest.py)
    assert set(checks.check) <= set(CHECK_TYPES) and set(checks.verdict) <= set(VERDICTS)
    assert {"arithmetic", "composition", "share_count", "equivalence", "cross_article", "reference"} <= set(checks.check)
    flagged = checks[checks.verdict.isin(("inconsistent", "contradicted"))]
    assert len(flagged) == 1 and "238 villages" in " ".join(flagged.iloc[0].sentences)
    assert checks.check_id.is_unique
    assert set(checks.loc[checks.check == "reference", "verdict"]) == {"unverifiable"}  # WB GDP ends in 2023
    cross = checks[checks.check == "cross_article"]
    assert all(len({c.rsplit(":", 2)[0] for c in ids}) == 2 for ids in cross.claim_ids)


@pytest.mark.model
def test_mutations_are_caught_without_false_alarms(corpus_claims):
    """The issue's aim: detection >= 0.9, false alarms <= 0.05 (one round here; the closing note
    quotes five rounds of tests/mutation_check.py)."""
    rates = mutation_rates(corpus_claims, rounds=1, seed=0)
    assert rates["false_alarm_rate"] <= 0.05, rates
    assert rates["detection_rate"] >= 0.9, rates
    assert rates["claims"] >= 15 and rates["bounds_claims"] >= 1, rates


# --------------------------------------------------------------------------- reference data and rates (no model)


def test_bundled_reference_is_kaz_gdp_and_population():
    ref = load_reference(default_rules_dir() / REFERENCE_FILE)
    assert set(ref.entity) == {"KAZ"} and set(ref.indicator) == {"gdp", "population"}
    indicators = {e["id"] for e in read_yaml(default_rules_dir() / "indicators.yaml")["indicators"]}
    assert set(ref.indicator) <= indicators
    assert ref[ref.indicator == "gdp"].period.max() == 2023
    assert ref[ref.indicator == "population"].period.max() == 2024


@pytest.mark.parametrize("suffix", [".csv", ".xlsx", ".parquet"])
def test_reference_formats_and_missing_columns(tmp_path, suffix):
    frame = pd.DataFrame({"entity": ["KAZ"], "indicator": ["gdp"], "period": [2023], "value": [2.6e11]})
    path = tmp_path / f"ref{suffix}"
    {".csv": frame.to_csv, ".xlsx": frame.to_excel, ".parquet": frame.to_parquet}[suffix](path, index=False)
    with pytest.raises(ExtractorError, match=rf"ref\{suffix}: missing column\(s\) unit, source"):
        load_reference(path)
    with pytest.raises(ExtractorError, match="not found"):
        load_reference(tmp_path / "nope.csv")


def level_claims(indicator: str, year: int, value: float, unit: str, qualifier: str = "exact") -> pd.DataFrame:
    """A Claims table of one level claim (hand-built, no model)."""
    return pd.DataFrame([{
        "claim_id": "a:b0:0", "article_id": "a", "sentence": "x", "sentence_start": 0, "indicator": indicator,
        "claim_type": "level", "mention_ids": ["a:b1"], "roles": ["value"], "period_start": year,
        "period_end": year, "status": "actual", "location": "", "flags": "", "texts": [f"{value}"],
        "values": [value], "value_highs": [math.nan], "units": [unit], "kinds": ["level"],
        "directions": ["none"], "qualifiers": [qualifier]}])


@pytest.mark.parametrize("indicator, year, value, unit, verdict", [
    ("gdp", 2023, 262e9, "USD", "supported"),
    ("gdp", 2023, 300e9, "USD", "contradicted"),
    ("gdp", 2024, 288e9, "USD", "unverifiable"),           # the World Bank GDP runs to 2023
    ("population", 2024, 20.6e6, "count", "supported"),
    ("gdp_per_capita", 2023, 12900, "USD", "supported"),   # derived: 261.4 bn / 20.33 mn = 12,859
    ("gdp_per_capita", 2023, 15000, "USD", "contradicted"),
    ("gdp_per_capita", 2024, 14000, "USD", "unverifiable"),
])
def test_reference_checks(indicator, year, value, unit, verdict):
    checks = check(level_claims(indicator, year, value, unit))
    assert checks.verdict.tolist() == [verdict]
    row = checks.iloc[0]
    if verdict != "unverifiable":
        assert "World Bank" in row.reference_source and math.isfinite(row.rel_error)
    else:
        assert math.isnan(row.expected)


def test_reference_as_a_dataframe():
    ref = pd.DataFrame({"entity": ["KAZ"], "indicator": ["gdp"], "period": [2024], "value": [288.1e9],
                        "unit": ["USD"], "source": ["my table"]})
    checks = check(level_claims("gdp", 2024, 288e9, "USD"), reference=ref)
    assert checks.verdict.tolist() == ["supported"] and checks.reference_source.tolist() == ["my table"]


def test_rates_are_validated(tmp_path):
    bands = load_rates()
    assert {b.year for b in bands if (b.base, b.quote) == ("USD", "KZT")} >= set(range(2015, 2026))
    assert all(b.source and b.low <= b.high for b in bands)
    (tmp_path / "rates.yaml").write_text("rates:\n  - id: x\n    base: USD\n    quote: KZT\n    year: 2025\n"
                                         "    low: 1\n    high: 2\n    sorce: typo\n")
    with pytest.raises(RuleError, match=r"rates.yaml:\d+: entry 'x': unknown key 'sorce'"):
        load_rates(tmp_path)
