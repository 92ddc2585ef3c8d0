"""The rule pass under arbitrary input: ``numbers.parse_digits``, ``numbers.words_to_number`` and
``figures.find_figures`` never raise, and every figure is the exact slice of its text.

Inputs mix anything at all (control characters, other scripts, surrogate-free Unicode) with
fragments the pass reacts to (digits with separators, scale words, currency signs, units,
qualifiers, dashes, minus signs), so that random text reaches the deep branches too.
"""

from __future__ import annotations

import math


from hypothesis import example, given, settings
from hypothesis import strategies as st

from extractor.extraction.figures import find_figures
from extractor.extraction.lexicon import load_lexicon
from extractor.extraction.numbers import WORDS, parse_digits, words_to_number

SETTINGS = settings()  # the examples per test come from the profile (tests/conftest.py)

LEXICON = load_lexicon()
QUALIFIERS = {"exact", "approx", "more_than", "less_than", "at_least", "up_to", "range"}

FRAGMENTS = [
    # numbers and their separators
    "0", "5", "12", "1,367", "4,400", "460,00", "31.4", "1.234.567", "2\u00a0500", "12,34,567", "2024",
    "2019-2024", "5-7", "21,000 – 22,500", ".", ",", ",,", "..", "-", "−", "–", "—", "+", "/", ":",
    "11:50", "17.03.2025", "17/03/2025", "2025-03-19", "No. ", "№", "#", "G", "COVID-", "T", "KZT",
    # words
    "one", "two", "six", "sixty-five", "hundred", "a", "an", "and", "half", "third", "two-thirds",
    "quarters", "one and a half", "every second", "tens of thousands of", "a few", "several",
    "thousand", "million", "bln.", "bn", "tn", "k", "M", "trillion 100 billion",
    "$", "US$", "₸", "€", "tenge", "US dollars", "rubles", "yuan", "%", "per cent",
    "percentage points", "p.p.", "km", "square meters", "cubic meters per day", "tonnes", "kWh",
    "GW", "MW", "years", "months", "fold", "-fold", "times", "times a week", "doubled", "halved",
    "twice", "about", "more than", "at least", "up to", "under", "not exceeding", "each", "apiece",
    "th", "st", "place", "out of", "top", "Article", "since", "ago", "over the past", "in",
    # other scripts and odd characters
    "млрд", "тенге", "ВВП", "жылы", "亿美元", "增长", "\u200b", "\u2028", "\x00", "\x1b", "\ufeff",
    "\U0001f600", "\u0301", "٣", "१२", "½", "²", "Ⅻ",
]
SEPARATORS = ["", " ", "  ", "\n", "\t", "\u00a0", "(", ")", ", ", ". ", "-"]

fragment_texts = st.lists(
    st.one_of(st.sampled_from(FRAGMENTS), st.sampled_from(SEPARATORS), st.text(max_size=5)),
    max_size=40,
).map("".join)
long_digit_runs = st.builds(
    lambda digits, sep, tail: sep.join(digits) + tail,
    st.lists(st.text("0123456789", min_size=1, max_size=400), min_size=1, max_size=30),
    st.sampled_from(["", ",", ".", " ", "\u00a0", "-", ",000"]),
    st.sampled_from(["", "%", " tenge", " billion tenge", "-fold", " times", "th", " years"]),
)
any_text = st.one_of(st.text(), fragment_texts, long_digit_runs)


def check_figures(text: str) -> None:
    figures = find_figures(text)
    last_start = -1
    for fig in figures:
        assert 0 <= fig.start < fig.end <= len(text), fig
        assert text[fig.start:fig.end] == fig.text, fig
        assert fig.start <= fig.number_start <= fig.end, fig
        assert fig.start >= last_start, "figures come in text order"
        last_start = fig.start
        assert fig.qualifier in QUALIFIERS, fig
        assert isinstance(fig.unit, str) and fig.unit, fig
        if fig.value is not None:
            assert isinstance(fig.value, float) and not math.isnan(fig.value), fig
        else:
            assert {"malformed_number", "vague"} & set(fig.flags), "no value only when flagged"
        if fig.value_high is not None:
            assert fig.qualifier == "range" and fig.value is not None, fig


@SETTINGS
@given(any_text)
@example("")
@example("9" * 100_000)
@example("1," * 5000)
@example("\x00\x01\x02\x03\x7f\x9f")
@example("ВВП вырос на 4,8% и достиг 288 млрд долларов")
@example("哈萨克斯坦国内生产总值达到2880亿美元，增长4.8%。")
def test_parse_digits_never_raises(text):
    value, flags = parse_digits(text)
    assert value is None or isinstance(value, float)
    assert isinstance(flags, tuple) and all(isinstance(f, str) for f in flags)
    if value is None:
        assert "malformed_number" in flags


@SETTINGS
@given(st.text("0123456789,.", min_size=1, max_size=60).filter(lambda t: t[0].isdigit()))
def test_parse_digits_is_either_a_value_or_flagged(text):
    value, flags = parse_digits(text)
    assert (value is None) == ("malformed_number" in flags)
    if value is not None and "," not in text and text.count(".") <= 1:
        assert value == float(text)


@SETTINGS
@given(any_text)
@example("")
@example("and")
@example("a a a a")
@example("half half")
@example("one and a and a half")
@example("two-thirds-thirds")
@example("hundred " * 2000)
def test_words_to_number_never_raises(text):
    for table in (LEXICON.number_words, WORDS):
        value = words_to_number(text, table)
        assert value is None or (isinstance(value, float) and not math.isnan(value))


@SETTINGS
@given(any_text)
@example("")
@example("\x00\x01 GDP\x0b grew\x0c by\x1b 5%\x7f.")
@example("9" * 20_000 + " tenge")
@example("1," * 3000 + "5 billion tenge")
@example("- " * 1000 + "5%")
@example("T" * 500 + "500 billion")
@example("ВВП Казахстана вырос на 4,8% и достиг 288 млрд долларов.")
@example("Қазақстанның ЖІӨ 2024 жылы 288 млрд доллар болды.")
@example("哈萨克斯坦国内生产总值达到2880亿美元，增长4.8%。")
@example("every second every second tens of thousands of tens of thousands")
def test_find_figures_never_raises_and_spans_are_slices(text):
    check_figures(text)


@SETTINGS
@given(fragment_texts, st.sampled_from(["\n\n", "Kazinform reports.\n", "\u00a0 \n"]))
def test_find_figures_shifts_with_a_preceding_paragraph(text, before):
    """A paragraph's figures do not depend on what ended the paragraph before it."""
    alone = [(f.start, f.text, f.value, f.unit, f.qualifier, f.value_high, f.flags) for f in find_figures(text)]
    after = [(f.start - len(before), f.text, f.value, f.unit, f.qualifier, f.value_high, f.flags)
             for f in find_figures(before + text)]
    assert after == alone


@SETTINGS
@given(any_text)
@example("It costs 5 KZT 10 more.")
def test_figures_never_share_characters(text):
    figures = find_figures(text)
    for a, b in zip(figures, figures[1:]):
        assert a.end <= b.start, (a.text, b.text)
