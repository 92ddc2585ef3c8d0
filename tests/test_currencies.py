"""extractor.extraction.currencies: CLDR's currencies, the news layer of rules/currencies.yaml, and
how an ambiguous sign or noun is read from its text (issue 13).

The scanner's rows (sentence -> figures) are in tests/test_figures.py ("currencies of the world",
"ambiguous signs and nouns ..."); these are the parts below it: the spellings CLDR gives, the
reading of an ambiguous spelling with a tiny country index, and the load errors of the file.
"""

from __future__ import annotations

import shutil

import pytest

from extractor.errors import RuleError
from extractor.extraction import currencies
from extractor.extraction.currencies import Ambiguity, CountryIndex
from extractor.extraction.figures import find_figures
from extractor.extraction.lexicon import load_lexicon
from extractor.ruleset.loader import default_rules_dir


def copy_rules(tmp_path):
    target = tmp_path / "rules"
    shutil.copytree(default_rules_dir(), target)
    return target


# ---- what CLDR gives -------------------------------------------------------------------------------

SPELLED = {  # (text, before the number) -> the currency CLDR makes of it
    ("MYR", True): "MYR", ("MYR", False): "MYR",
    ("CA$", True): "CAD", ("€", True): "EUR", ("€", False): "EUR", ("₪", True): "ILS",
    ("Israeli new shekels", False): "ILS", ("Japanese yen", False): "JPY",
    ("ringgit", False): "MYR", ("shekels", False): "ILS", ("yuan", False): "CNY",
    ("Finnish markka", False): "FIM", ("Dutch guilders", False): "NLG",
}


@pytest.mark.parametrize(("key", "code"), SPELLED.items(), ids=[f"{t!r}" for t, _ in SPELLED])
def test_cldr_spells_every_currency(key, code):
    found = {(s.text, s.prefix): s.code for s in currencies.cldr_spellings()}
    assert found[key] == code


@pytest.mark.parametrize("noun", ["dollar", "dollars", "pounds", "francs", "rupees", "pesos", "dinars"])
def test_a_noun_several_current_currencies_share_is_left_to_the_news_layer(noun):
    assert noun not in {s.text.lower() for s in currencies.cldr_spellings() if not s.prefix}


def test_never_removes_cldr_spellings():
    texts = {s.text for s in currencies.cldr_spellings(never=["ALL", "real"])}
    assert "ALL" not in texts and "real" not in texts and "reals" in texts


def test_country_names_are_as_news_writes_them():
    names = currencies.cldr_countries()
    assert (names["HK"], names["MM"], names["KZ"], names["US"]) == ("Hong Kong", "Myanmar", "Kazakhstan",
                                                                    "United States")


# ---- reading an ambiguous spelling --------------------------------------------------------------

INDEX = CountryIndex.build(
    {"CA": ("Canadian", "Toronto"), "US": ("U.S.",), "CN": ("Chinese",), "JP": ("Tokyo",), "GB": ("UK",)},
    names={"CA": "Canada", "US": "United States", "KZ": "Kazakhstan", "CN": "China", "JP": "Japan",
           "GB": "United Kingdom"},
    currencies={"CA": ("CAD",), "US": ("USD",), "KZ": ("KZT",), "CN": ("CNY",), "JP": ("JPY",), "GB": ("GBP",)})
DOLLAR = Ambiguity("dollar", ("USD", "CAD"), "USD")
YEN_SIGN = Ambiguity("yen_sign", ("JPY", "CNY"), "JPY", elsewhere="mentioned")
POUND = Ambiguity("pound", ("GBP",), "GBP", unit="lb", money_cues=("£", "sterling"))

READINGS = [
    (DOLLAR, "Canada's budget: the Canadian deficit will be", False, ("CAD", "context:CA")),
    (DOLLAR, "In Toronto, homes cost", False, ("CAD", "context:CA")),
    (DOLLAR, "Kazakhstan and Canada signed; Kazakhstan will pay", False, ("USD", "default")),
    (DOLLAR, "The U.S. and Canada agreed.", False, ("USD", "default")),  # one each: no main country
    (DOLLAR, "Revenue rose.", False, ("USD", "default")),
    (YEN_SIGN, "China lent it to Kazakhstan; Kazakhstan's port", False, ("CNY", "mentioned")),
    (YEN_SIGN, "Japan's exports fell", False, ("JPY", "context:JP")),
    (YEN_SIGN, "Shares rose in Kazakhstan.", False, ("JPY", "default")),
    (POUND, "The baby weighed", False, ("lb", "measure")),
    (POUND, "Arsenal paid", True, ("GBP", "default")),
    (POUND, "Fares rose to £3; a ticket now costs", False, ("GBP", "default")),
]


@pytest.mark.parametrize(("ambiguity", "text", "scaled", "expected"), READINGS,
                         ids=[f"{a.id}: {t}" for a, t, _, _ in READINGS])
def test_an_ambiguous_spelling_is_read_from_its_text(ambiguity, text, scaled, expected):
    assert ambiguity.resolve(text, scaled, INDEX) == expected


def test_a_country_is_named_by_whole_words_only():
    assert INDEX.mentions("Canadas, UKRAINE and Chinese") == {"CN": 1}


def test_the_reading_is_recorded_in_the_rule():
    [fig] = find_figures("In Toronto, the average home costs $700,000.")
    assert fig.unit == "CAD" and fig.rule.endswith("dollar=CAD(context:CA)")
    [fig] = find_figures("The fund lent $9M to farmers in 2023.")
    assert fig.unit == "USD" and fig.rule.endswith("dollar=USD(default)")


def test_the_lexicon_keeps_the_default_of_an_ambiguous_prefix():
    lex = load_lexicon()
    assert lex.prefixes["$"] == "USD" and lex.ambiguous_prefixes["$"] == "dollar"
    assert lex.prefixes["¥"] == "JPY" and lex.ambiguities["yen_sign"].elsewhere == "mentioned"
    assert {"dollar", "pound", "krona", "rupee"} <= set(lex.ambiguities)


# ---- the file is strict ---------------------------------------------------------------------------

ERRORS = {
    "default not among means": ("  - id: thaler\n    suffixes: [thalers]\n    means: [USD, EUR]\n    default: GBP\n",
                                "default 'GBP' is not one of means"),
    "unknown elsewhere": ("  - id: thaler\n    suffixes: [thalers]\n    means: [USD]\n    default: USD\n"
                          "    elsewhere: nearby\n", "elsewhere must be default or mentioned"),
    "ambiguous entry with an ISO id": ("  - id: QQQ\n    means: [USD]\n    default: USD\n", "an ISO code names a currency"),
    "subunit without its currency": ("  - id: groschen\n    suffixes: [groschen]\n    subunit: 0.01\n", "needs 'of'"),
    "subunit that is no fraction": ("  - id: groschen\n    suffixes: [groschen]\n    subunit: 100\n    of: EUR\n",
                                    "subunit must be a fraction"),
    "mixed kinds": ("  - id: thaler\n    means: [USD]\n    default: USD\n    subunit: 0.01\n    of: USD\n",
                    "mixes the keys"),
    "unknown country": ("  - id: more_countries\n    countries: {XX: [Xish]}\n", "ISO 3166 codes"),
}


@pytest.mark.parametrize(("entry", "says"), ERRORS.values(), ids=list(ERRORS))
def test_a_wrong_entry_is_a_rule_error_naming_the_file(tmp_path, entry, says):
    rules_dir = copy_rules(tmp_path)
    path = rules_dir / "currencies.yaml"
    path.write_text(path.read_text(encoding="utf-8") + entry, encoding="utf-8")
    with pytest.raises(RuleError) as caught:
        load_lexicon(rules_dir)
    assert "currencies.yaml" in str(caught.value) and says in str(caught.value)
