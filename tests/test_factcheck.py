"""extractor.checks.factcheck: the Checks table on real sentences of the sample corpus.

- REAL: passages of data/sample (checked verbatim) -> extract_text -> build_claims -> check:
  the verdict each check type must give (the model loads once per module);
- other outlets' phrasings (written for these tables): conversions in each currency of
  rules/reference/exchange_rates.csv, consistent as written and flagged with one number changed;
  conversions of unknown year (counted, no row); pairs of articles that are and are not comparable;
- the whole sample corpus: the one real inconsistency (238 + 595 != 733) and nothing else flagged;
- a fast mutation test (tests/mutation_check.py, one round): detection and false alarms;
- no model: reference loading, the exchange-rate table and its validation, tolerance arithmetic,
  hand-built claims for the through-USD conversions and what makes two claims comparable.
"""

from __future__ import annotations

import math

import pandas as pd
import pytest

from extractor import build_claims, extract_text
from extractor.errors import ExtractorError, RuleError
from extractor.checks.factcheck import (CHECK_COLUMNS, CHECK_TYPES, RATES_FILE, REFERENCE_FILE, VERDICTS, check,
                                        load_rates, load_reference, unchecked_counts)
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
     "equivalence", "consistent", 523.401, 766 / 1.5, "KZT per USD"),  # the 2025 average of exchange_rates.csv
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
    assert {"arithmetic", "composition", "share_count", "equivalence", "cross_article"} <= set(checks.check)
    flagged = checks[checks.verdict.isin(("inconsistent", "contradicted"))]
    assert len(flagged) == 1 and "238 villages" in " ".join(flagged.iloc[0].sentences)
    assert checks.check_id.is_unique
    # The World Bank GDP ends in 2023, the sample speaks of 2024: counted, not listed as rows.
    assert "reference" not in set(checks.check)
    assert unchecked_counts(checks).get("reference: no reference figure", 0) >= 1, unchecked_counts(checks)
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
    ("gdp", 2024, 288e9, "USD", None),                     # the World Bank GDP runs to 2023: counted, no row
    ("population", 2024, 20.6e6, "count", "supported"),
    ("gdp_per_capita", 2023, 12900, "USD", "supported"),   # derived: 261.4 bn / 20.33 mn = 12,859
    ("gdp_per_capita", 2023, 15000, "USD", "contradicted"),
    ("gdp_per_capita", 2024, 14000, "USD", None),
    ("gdp", None, 288e9, "USD", None),                     # no year at all: counted, no row
])
def test_reference_checks(indicator, year, value, unit, verdict):
    checks = check(level_claims(indicator, year, value, unit))
    if verdict is None:
        reason = "year unknown" if year is None else "no reference figure"
        assert checks.empty and unchecked_counts(checks) == {f"reference: {reason}": 1}
        return
    assert checks.verdict.tolist() == [verdict] and unchecked_counts(checks) == {}
    row = checks.iloc[0]
    assert "World Bank" in row.reference_source and math.isfinite(row.rel_error)


def test_reference_as_a_dataframe():
    ref = pd.DataFrame({"entity": ["KAZ"], "indicator": ["gdp"], "period": [2024], "value": [288.1e9],
                        "unit": ["USD"], "source": ["my table"]})
    checks = check(level_claims("gdp", 2024, 288e9, "USD"), reference=ref)
    assert checks.verdict.tolist() == ["supported"] and checks.reference_source.tolist() == ["my table"]


# --------------------------------------------------------------------------- conversions (model)

# Conversions in other outlets' phrasings (written for this table; each consistent with the
# year's official rates of rules/reference/exchange_rates.csv), and the same sentence with one
# number changed by 10-40%, which must be flagged.
# (sentence, published, rate unit, implied rate as written, (old, new), implied rate when changed)
CONVERSIONS = [
    ("In 2019 the region's farmers received $250 million (95.6 billion tenge) in state subsidies.", "2020-02-01",
     "KZT per USD", "382.4", ("95.6 billion", "115 billion"), "460"),
    ("As a result of these measures, savings of budget funds of the Republic of Kazakhstan since the beginning of "
     "this year amounted to approximately $1.5 billion (more than 766 billion tenge).", "2025-03-18",
     "KZT per USD", "510.67", ("766 billion", "1,006 billion"), "670.67"),
    ("In 2023, Uzbekistan's exports reached 124 trillion soums ($10.6 billion).", "2024-02-01",
     "UZS per USD", "11,698", ("$10.6 billion", "$8.1 billion"), "15,309"),
    ("Kyrgyzstan attracted 52 billion soms ($600 million) of investment in 2023.", "2024-02-01",
     "KGS per USD", "86.67", ("52 billion", "65 billion"), "108.33"),
    ("In 2021, the company paid 7.4 billion rubles ($100 million) in taxes.", "2022-02-01",
     "RUB per USD", "74", ("7.4 billion", "9.4 billion"), "94"),
    ("Trade with China reached 200 billion yuan ($28 billion) in 2023.", "2024-02-01",
     "CNY per USD", "7.14", ("$28 billion", "$36 billion"), "5.56"),
    ("The bank signed a loan of 48.5 million euros ($52.4 million) for the water project in 2023.", "2024-02-01",
     "EUR per USD", "0.93", ("$52.4 million", "$66.4 million"), "0.73"),
    ("In 2023, Chinese investors put 2 billion yuan (130 billion tenge) into the new plant.", "2024-02-01",
     "KZT per CNY", "65", ("130 billion", "170 billion"), "85"),
]


def equivalences(sentence: str, published: str | None) -> pd.DataFrame:
    checks = check(build_claims(extract_text(sentence, published=published)))
    return checks[checks.check == "equivalence"]


@pytest.mark.model
@pytest.mark.parametrize("sentence, published, unit, rate, change, changed_rate", CONVERSIONS,
                         ids=[c[2] + ": " + c[0][:30] for c in CONVERSIONS])
def test_conversions_against_the_years_rates(sentence, published, unit, rate, change, changed_rate):
    found = equivalences(sentence, published)
    assert found.verdict.tolist() == ["consistent"], found.explanation.tolist()
    row = found.iloc[0]
    assert f"implies {rate} {unit}, within the" in row.explanation
    assert "official average" in row.explanation and "the year's rates" in row.explanation
    assert "exchange_rates.csv" in row.reference_source and row.rel_error <= row.tolerance
    old, new = change
    changed = equivalences(sentence.replace(old, new, 1), published)
    assert changed.verdict.tolist() == ["inconsistent"], changed.explanation.tolist()
    assert f"implies {changed_rate} {unit}, outside the" in changed.iloc[0].explanation
    assert changed.iloc[0].rel_error > changed.iloc[0].tolerance


@pytest.mark.model
@pytest.mark.parametrize("sentence, published", [
    ("The new terminal will cost 300 billion tenge ($650 million), the ministry said.", "2024-05-01"),
    ("The project is worth $2 billion (about 900 billion tenge).", None),
    ("The project is worth $2 billion (about 200 billion tenge).", None),  # way off, but of no known year
])
def test_a_conversion_of_unknown_year_is_counted_not_listed(sentence, published):
    checks = check(build_claims(extract_text(sentence, published=published)))
    assert checks.empty, checks.explanation.tolist()
    assert unchecked_counts(checks) == {"equivalence: year unknown": 1}


# --------------------------------------------------------------------------- comparable figures (model)

ARTICLES = pd.DataFrame({"article_id": ["a1", "a2"], "title": ["Industry sums up the year", "Factories in numbers"],
                         "published": pd.to_datetime(["2024-02-01", "2024-02-03"]),
                         "outlet": ["Kazinform", "primeminister.kz"]})

# Two articles' sentences about one indicator that must not be compared: another place, another
# stretch of the year, a plan against an actual figure, a share against a level.
NOT_COMPARABLE = [
    ("In Almaty, industrial output amounted to 5 trillion tenge in 2023.",
     "In 2023, industrial output amounted to 40 trillion tenge."),                                   # city vs national
    ("Industrial output in Karaganda region amounted to 5 trillion tenge in 2023.",
     "In Almaty, industrial output amounted to 4 trillion tenge in 2023."),                          # two regions
    ("In January-July 2024, industrial output amounted to 22 trillion tenge.",
     "In January-September 2024, industrial output amounted to 31 trillion tenge."),                 # 7 vs 9 months
    ("In the first half of 2024, industrial output amounted to 20 trillion tenge.",
     "In 2024, industrial output amounted to 41 trillion tenge."),                                   # half vs year
    ("In 2024, industrial output will amount to 45 trillion tenge.",
     "In 2024, industrial output amounted to 41 trillion tenge."),                                   # plan vs actual
]


def two_articles_checks(first: str, second: str, published: str = "2024-12-01") -> pd.DataFrame:
    mentions = pd.concat([extract_text(first, published=published).assign(article_id="a1"),
                          extract_text(second, published=published).assign(article_id="a2")], ignore_index=True)
    mentions["mention_id"] = mentions["article_id"] + ":" + mentions["mention_id"]
    return check(build_claims(mentions), articles=ARTICLES)


@pytest.mark.model
@pytest.mark.parametrize("first, second", NOT_COMPARABLE, ids=[f"{a[:30]} | {b[:30]}" for a, b in NOT_COMPARABLE])
def test_figures_that_are_not_comparable_are_not_compared(first, second):
    checks = two_articles_checks(first, second)
    assert checks[checks.check == "cross_article"].empty, checks.explanation.tolist()


@pytest.mark.model
def test_comparable_figures_that_disagree_are_flagged_with_the_gap_and_both_articles():
    checks = two_articles_checks("In 2023, industrial output amounted to 40 trillion tenge.",
                                 "Industrial output reached 46 trillion tenge in 2023.")
    cross = checks[checks.check == "cross_article"]
    assert cross.verdict.tolist() == ["inconsistent"], cross.explanation.tolist()
    text = cross.iloc[0].explanation
    assert "differ by 6 tn KZT (15.0%)" in text, text
    assert '"Industry sums up the year" (Kazinform, 2024-02-01)' in text
    assert '"Factories in numbers" (primeminister.kz, 2024-02-03)' in text
    same = two_articles_checks("In 2023, industrial output amounted to 40 trillion tenge.",
                               "Industrial output reached 40 trillion tenge in 2023.")
    assert same.loc[same.check == "cross_article", "verdict"].tolist() == ["consistent"]
    assert same.loc[same.check == "cross_article", "explanation"].str.endswith(": the same figure.").all()


# --------------------------------------------------------------------------- hand-built claims (no model)


def claim(claim_id: str, article: str, figures: list[tuple], year: int | None, claim_type: str = "level",
          indicator: str = "industrial_output", status: str = "actual", location: str = "",
          granularity: str | None = "year", days: tuple = (None, None)) -> dict:
    """One Claims row; ``figures`` are (role, text, value, unit, kind)."""
    return {"claim_id": claim_id, "article_id": article, "sentence": f"{claim_id}.", "sentence_start": 0,
            "indicator": indicator, "claim_type": claim_type, "mention_ids": [f"{claim_id}:{i}" for i in range(len(figures))],
            "roles": [f[0] for f in figures], "period_start": year, "period_end": year,
            "period_from": pd.Timestamp(days[0]) if days[0] else pd.NaT, "period_to": pd.Timestamp(days[1]) if days[1] else pd.NaT,
            "period_granularity": granularity, "status": status, "location": location, "flags": "",
            "texts": [f[1] for f in figures], "values": [f[2] for f in figures], "value_highs": [math.nan] * len(figures),
            "units": [f[3] for f in figures], "kinds": [f[4] for f in figures], "directions": ["none"] * len(figures),
            "qualifiers": ["exact"] * len(figures)}


def conversion(texts: tuple[str, str], values: tuple[float, float], units: tuple[str, str], year: int | None) -> dict:
    return claim("c:0", "c", [("value", texts[0], values[0], units[0], "level"),
                              ("equivalent", texts[1], values[1], units[1], "level")], year, "equivalence", indicator="")


@pytest.mark.parametrize("texts, values, units, year, verdict, words", [
    (("1.2 billion yuan", "84.0 billion tenge"), (1.2e9, 84.0e9), ("CNY", "KZT"), 2024, "consistent", "70 KZT per CNY"),
    (("84.0 billion tenge", "1.2 billion yuan"), (84.0e9, 1.2e9), ("KZT", "CNY"), 2024, "consistent", "70 KZT per CNY"),
    (("1.2 billion yuan", "110.0 billion tenge"), (1.2e9, 110.0e9), ("CNY", "KZT"), 2024, "inconsistent", "91.67 KZT per CNY"),
    (("15.0 billion rubles", "82.0 billion tenge"), (15.0e9, 82.0e9), ("RUB", "KZT"), 2021, "consistent", "5.47 KZT per RUB"),
    (("$10.0 million", "9.20 million euros"), (10.0e6, 9.2e6), ("USD", "EUR"), 2019, "consistent", "0.92 EUR per USD"),
    (("$10.0 million", "7.00 million euros"), (10.0e6, 7.0e6), ("USD", "EUR"), 2019, "inconsistent", "0.7 EUR per USD"),
])
def test_conversions_through_the_dollar(texts, values, units, year, verdict, words):
    checks = check(pd.DataFrame([conversion(texts, values, units, year)]))
    assert checks.verdict.tolist() == [verdict], checks.explanation.tolist()
    assert words in checks.iloc[0].explanation


@pytest.mark.parametrize("units, year, reason", [
    (("USD", "KZT"), None, "year unknown"),
    (("USD", "KZT"), 2031, "no rate"),      # past the table's last year
    (("USD", "GBP"), 2023, "no rate"),      # a currency the table does not have
])
def test_conversions_without_a_rate_are_counted(units, year, reason):
    checks = check(pd.DataFrame([conversion(("$1.0 billion", "900 billion"), (1e9, 9e11), units, year)]))
    assert checks.empty and unchecked_counts(checks) == {f"equivalence: {reason}": 1}


LEVEL = ("value", "40.0 trillion tenge", 40.0e12, "KZT", "level")
MORE = ("value", "46.0 trillion tenge", 46.0e12, "KZT", "level")


@pytest.mark.parametrize("other, compared", [
    (claim("b:0", "b", [MORE], 2023), True),                                         # truly comparable: flagged
    (claim("b:0", "b", [MORE], 2023, location="Almaty"), False),                     # known vs national
    (claim("b:0", "b", [MORE], 2023, status="plan"), False),
    (claim("b:0", "b", [("value", "46.0 trillion tenge", 46.0e12, "KZT", "change")], 2023), False),  # a change, not a level
    (claim("b:0", "b", [MORE], 2023, indicator="gdp"), False),
    (claim("b:0", "b", [MORE], 2022), False),
    (claim("b:0", "b", [MORE], 2023, granularity="half", days=("2023-01-01", "2023-06-30")), False),
    (claim("b:0", "b", [MORE], None), False),                                         # no period
    (claim("a:1", "a", [MORE], 2023), False),                                         # same article
])
def test_what_makes_two_figures_comparable(other, compared):
    claims = pd.DataFrame([claim("a:0", "a", [LEVEL], 2023), other])
    cross = check(claims)
    cross = cross[cross.check == "cross_article"]
    assert cross.verdict.tolist() == (["inconsistent"] if compared else []), cross.explanation.tolist()
    if compared:
        assert "differ by 6 tn KZT (15.0%)" in cross.iloc[0].explanation
        assert "in article a and 46.0 trillion tenge in article b:" in cross.iloc[0].explanation


def test_cross_article_checks_grow_with_the_articles_not_their_pairs():
    """60 articles with one comparable figure: 59 checks against the median, not 1,770 pairs."""
    claims = pd.DataFrame([claim(f"a{k}:0", f"a{k}", [LEVEL], 2023) for k in range(60)])
    cross = check(claims).query("check == 'cross_article'")
    assert len(cross) == 59 and set(cross.verdict) == {"consistent"}


def test_the_one_article_that_disagrees_with_the_others_is_the_one_flagged():
    claims = pd.DataFrame([claim(f"a{k}:0", f"a{k}", [LEVEL], 2023) for k in range(4)]
                          + [claim("odd:0", "odd", [MORE], 2023)])
    cross = check(claims).query("check == 'cross_article'")
    flagged = cross[cross.verdict == "inconsistent"]
    assert len(cross) == 4 and [ids for ids in flagged.claim_ids] == [[cross.claim_ids.iloc[0][0], "odd:0"]]


def test_same_place_same_months_are_comparable():
    jan_jul = dict(granularity="year-to-date", days=("2024-01-01", "2024-07-31"))
    claims = pd.DataFrame([claim("a:0", "a", [LEVEL], 2024, location="Almaty", **jan_jul),
                           claim("b:0", "b", [MORE], 2024, location="almaty", **jan_jul),
                           claim("c:0", "c", [MORE], 2024, location="Almaty", granularity="months",
                                 days=("2024-01-01", "2024-09-30"))])
    cross = check(claims).query("check == 'cross_article'")
    assert [ids for ids in cross.claim_ids] == [["a:0", "b:0"]]


# --------------------------------------------------------------------------- the exchange-rate table (no model)


def test_bundled_rates_cover_six_currencies_and_the_years():
    rates = load_rates()
    years = {}
    for r in rates:
        years.setdefault(r.currency, set()).add(r.year)
        assert r.base == "USD" and 0 < r.low <= r.value <= r.high and 0 <= r.margin < 0.5
        assert r.source and r.range_source
    assert set(years) == {"KZT", "UZS", "KGS", "RUB", "CNY", "EUR"}
    assert all(set(range(2010, 2026)) <= ys for ys in years.values()), years
    by = {(r.currency, r.year): r for r in rates}
    assert by[("KZT", 2016)].value == pytest.approx(342.16)       # WDI PA.NUS.FCRF, as stored upstream
    assert by[("EUR", 2022)].value == pytest.approx(0.949624)
    assert by[("KZT", 2015)].high > 1.4 * by[("KZT", 2015)].low   # the tenge floated in August 2015


HEADER = "currency,base,year,value,low,high,margin,source,range_source\n"
GOOD = "KZT,USD,2019,382.7,373,390,0.05,WDI,HMRC\n"


@pytest.mark.parametrize("text, message", [
    (HEADER + GOOD + "KZT,USD,2020,412.9,376,443.6,0.05,WDI,HMRC\n", None),
    (HEADER.replace("margin", "margn") + GOOD, r"exchange_rates.csv:1: the header must be currency,base,year"),
    (HEADER + GOOD + "KZT,USD,2020,4l2.9,376,443.6,0.05,WDI,HMRC\n", r"exchange_rates.csv:3: value must be a number, got '4l2.9'"),
    (HEADER + "KZT,USD,2019,382.7,390,373,0.05,WDI,HMRC\n", r"exchange_rates.csv:2: KZT 2019: need 0 < low <= value <= high"),
    (HEADER + GOOD + GOOD, r"exchange_rates.csv:3: KZT 2019 appears twice \(first on line 2\)"),
    (HEADER + "KZT,EUR,2019,382.7,373,390,0.05,WDI,HMRC\n", r"exchange_rates.csv:2: base must be USD"),
    (HEADER + "tenge,USD,2019,382.7,373,390,0.05,WDI,HMRC\n", r"exchange_rates.csv:2: currency must be an ISO 4217 code"),
    (HEADER + "KZT,USD,2019,382.7,373,390,5,WDI,HMRC\n", r"exchange_rates.csv:2: margin must be a fraction"),
    (HEADER + "KZT,USD,2019,382.7,373,390,0.05,,HMRC\n", r"exchange_rates.csv:2: source and range_source"),
    (HEADER + "KZT,USD,2019,382.7,373,390,0.05,WDI\n", r"exchange_rates.csv:2: expected 9 fields"),
])
def test_the_rate_table_is_validated_on_load(tmp_path, text, message):
    path = tmp_path / RATES_FILE
    path.parent.mkdir(parents=True)
    path.write_text(text, encoding="utf-8")
    if message is None:
        assert [(r.currency, r.year) for r in load_rates(tmp_path)] == [("KZT", 2019), ("KZT", 2020)]
        return
    with pytest.raises(RuleError, match=message):
        load_rates(tmp_path)


def test_a_rules_folder_without_the_rate_table(tmp_path):
    with pytest.raises(RuleError, match="exchange-rate table not found"):
        load_rates(tmp_path)
