"""extractor.dev.spec_recall: the scorer on Recognizers-Text's spec files, on a tiny spec of its own.

The real spec files are not shipped (the issue has them fetched); these tests build small files
in the same JSON shape, so they are fast and need no network.
"""

from __future__ import annotations

import json

import pytest

from extractor.dev import spec_recall
from extractor.dev.spec_recall import Expected, Found, main, score_file, value_matches


def case(text: str, *results, not_supported: str | None = None) -> dict:
    """A spec case; each result is (text, value, unit or None, iso or None)."""
    out = []
    for found, value, unit, iso in results:
        start = text.lower().find(found.lower())
        resolution = {"value": value}
        if unit:
            resolution["unit"] = unit
        if iso:
            resolution["isoCurrency"] = iso
        out.append({"Text": found.lower(), "Start": start, "End": start + len(found) - 1, "Resolution": resolution})
    entry = {"Input": text, "Results": out}
    if not_supported:
        entry["NotSupported"] = not_supported
    return entry


def rules_only(text: str) -> list[Found]:
    return spec_recall.engine(rules_only=True)(text)


CURRENCY = [
    case("The club paid $ 75 million for him.", ("$ 75 million", "75000000", "Dollar", None)),
    case("Shares fell 34 cents.", ("34 cents", "34", "Cent", None)),
    case("The loan was c $ 300 million.", ("c $ 300 million", "300000000", "Canadian dollar", "CAD")),
    case("Nokia paid 420 million finnish markka.", ("420 million finnish markka", "420000000", "Finnish markka", None)),
    case("Banknotes: 5 €.", ("5 €", "5", "Euro", "EUR"), not_supported="javascript, python"),
    case("The dollar rose.", ("dollar", None, "Dollar", None)),
    case("It cost 7 zorkmids.", ("7 zorkmids", "7", "Zorkmid", None)),
]


def test_a_currency_spec_is_scored_with_value_and_unit():
    score = score_file("currency", CURRENCY, rules_only)
    assert (score.found, score.scored) == (4, 5)
    assert [m[0].text for m in score.misses] == ["7 zorkmids"]
    assert score.found_value == 5  # "7" is found with its value, not its unit
    reasons = sorted(reason for _, _, reason in score.skipped)
    assert reasons == ["no value: a unit or currency named without a number is no figure",
                       "the spec marks it NotSupported for Python"]


@pytest.mark.parametrize(("text", "found", "value"), [
    ("192.168.1.2", "168", "168"),
    ("Call +1-222-2222/2222 now", "222", "222"),
    ("Meet on 5/17/2018?", "17", "17"),
    ("SCP-173", "173", "173"),
    ("I want to earn $2000 over 3 years", "3", "3"),
    ("The number is 1,3.", "1,3", "1.3"),
])
def test_what_annotation_md_calls_no_figure_is_skipped_by_design(text, found, value):
    score = score_file("number", [case(text, (found, value, None, None))], rules_only)
    assert score.scored == 0 and len(score.skipped) == 1


@pytest.mark.parametrize(("kind", "expected", "fig", "right"), [
    ("dimension", Expected(0, "1 mile", 0, 6, 1.0, "Mile"), Found(0, 6, "1 mile", 1.609344, "km"), True),
    ("dimension", Expected(0, "10 kmh", 0, 6, 10.0, "Kilometer per hour"), Found(0, 6, "", 10.0, "km/h"), True),
    ("dimension", Expected(0, "2 ft", 0, 4, 2.0, "Foot"), Found(0, 4, "", 2.0, "count"), False),
    ("currency", Expected(0, "50 cents", 0, 8, 50.0, "Cent"), Found(0, 8, "", 0.5, "USD"), True),
    ("currency", Expected(0, "470 pence", 0, 9, 470.0, "Pence"), Found(0, 9, "", 4.7, "USD"), False),
    ("currency", Expected(0, "5 francs", 0, 8, 5.0, "Franc"), Found(0, 8, "", 5.0, "XOF"), True),
    ("percent", Expected(0, "5 percent", 0, 9, 5.0, None), Found(0, 9, "", 5.0, "count"), False),
    ("number", Expected(0, "two thirds", 0, 10, 0.666666666666667, None), Found(0, 10, "", 66.67, "percent"), True),
])
def test_a_figure_matches_a_result_by_its_amount(kind, expected, fig, right):
    assert value_matches(kind, expected, fig) is right


def test_the_entry_point_scores_a_folder_and_says_what_is_missing(tmp_path, capsys):
    assert main([str(tmp_path)]) == 2
    assert "lacks CurrencyModel.json" in capsys.readouterr().err
    for kind, name in spec_recall.SPEC_FILES.items():
        cases = CURRENCY if kind == "currency" else [case("It weighs 200lbs.", ("200lbs", "200", "Pound", None))] \
            if kind == "dimension" else [case("It grew 5 percent.", ("5 percent", "5%", None, None))]
        (tmp_path / name).write_text("\ufeff" + json.dumps(cases), encoding="utf-8")
    assert main([str(tmp_path), "--rules-only", "--misses"]) == 0
    out = capsys.readouterr().out
    assert "currency         0.800" in out and "dimension        1.000" in out and "7 zorkmids" in out
