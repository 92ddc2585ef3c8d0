"""Where a figure holds (issue 10): the Mentions columns location and location_level, from the
places rules (Kazakhstan's regions and cities, every country, the world) and the article's own
country. Sentences of the kinds other outlets write; rules only, but for the one case that
needs the parse (a place inside an organisation's name)."""

import pytest

from extractor import extract_text
from extractor.ruleset.context_rules import context_rules
from extractor.context.describe import article_country

# (text, the figure's words, (location, location_level))
CASES = [
    ("Kazakhstan's GDP grew by 4.8% in 2024.", "4.8%", ("", "national")),
    ("Industrial output in Almaty region rose by 5.1 percent.", "5.1 percent", ("Almaty Region", "region")),
    ("In the main grain-bearing regions: in Akmola region - 3.5 million tons, in Kostanay - 3.8 million tons.",
     "3.8 million tons", ("Kostanay", "city")),
    ("In the main grain-bearing regions: in Akmola region - 3.5 million tons, in Kostanay - 3.8 million tons.",
     "3.5 million tons", ("Akmola Region", "region")),
    ("Kazakhstan's exports rose. Russia's GDP grew by 3.6 percent in 2023.", "3.6 percent", ("Russia", "other_country")),
    ("Kazakhstan's exports to Russia reached $9 billion.", "$9 billion", ("", "national")),
    ("Kazakhstan's trade with China grew by 12% to $31 billion.", "12%", ("", "national")),
    ("Georgia received remittances: Greece - $21.45 million, Israel - $13.98 million, Germany - $7.5 million.",
     "$13.98 million", ("", "national")),
    ("Kazakhstan's exports grew, while world exports of creative goods reached $713 billion.", "$713 billion",
     ("world", "world")),
    ("Global oil demand will rise by 1.2 million barrels per day, Kazakhstan's ministry said.",
     "1.2 million barrels per day", ("world", "world")),
    ("The World Bank expects Kazakhstan's economy to grow by 4.1% in 2025.", "4.1%", ("", "national")),
    ("In 2023, Uzbekistan's exports rose. The volume of industrial production in Uzbekistan surpassed 165 "
     "billion soums.", "165 billion soums", ("", "national")),
]


@pytest.mark.parametrize("text, words, place", CASES, ids=[f"{c[1]} | {c[0][:40]}" for c in CASES])
def test_a_figure_holds_where_its_own_words_say(text, words, place):
    mentions = extract_text(text, published="2024-06-01", ner=False)
    row = mentions[mentions["text"] == words].iloc[0]
    assert (row["location"], row["location_level"]) == place


@pytest.mark.parametrize("text, country", [
    ("Uzbekistan's exports to Russia and Kazakhstan rose; Uzbekistan's imports fell.", "uzbekistan"),
    ("Output in Almaty and Shymkent grew; Russia's fell.", "kazakhstan"),  # its places count for it
    ("Inflation slowed to 8%.", None),
])
def test_the_article_country_is_the_one_it_names_most_not_its_partners(text, country):
    assert article_country(text, context_rules(None)) == country


@pytest.mark.model
def test_a_place_inside_an_organisations_name_is_no_location():
    text = "Air Astana carried more than 2 million passengers in the first half of 2018."
    parsed = extract_text(text, published="2018-08-28").set_index("text").loc["2 million"]
    assert (parsed["location"], parsed["location_level"]) == ("", "national")
    unparsed = extract_text(text, published="2018-08-28", ner=False).set_index("text").loc["2 million"]
    assert unparsed["location"] == "Astana", "without the parse the name cannot be told from the city"
