"""Publication dates: read as the source writes them, and found in the text when none is given.

A figure's year often rests on its article's date ("this year", "last year", a bare figure in a
report on its own time), so a date read wrong shifts every year of the article. Dates written
day first ("07.08.2021", the way the region writes them) are read day first, a format can be
forced, and an article with no date takes the latest full date its text states, else the year it
was most likely written in, from the years it reports on (January 1 of it, marked so: only the
year is known), so "this year" and "last year" resolve.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

import pandas as pd

from ..tables import PUBLISHED_FROM

# Where an article's date came from (the Articles column published_from); "text_year": only the
# year is known, from the years the text reports on, and the date is January 1 of it.
FROM_RECORD, FROM_INDEX, FROM_RUN, FROM_TEXT, FROM_TEXT_YEAR, UNREADABLE = PUBLISHED_FROM

DAY_FIRST = re.compile(r"^\s*\d{1,2}[./]\d{1,2}[./]\d{4}\b")
MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
MONTH_NUMBER = {m.lower(): i for i, m in enumerate(MONTHS.split("|"), 1)}
FULL_DATES = (  # (pattern, groups as day, month, year)
    re.compile(rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m>{MONTHS}),?\s+(?P<y>(?:19|20)\d\d)\b", re.IGNORECASE),
    re.compile(rf"\b(?P<m>{MONTHS})\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>(?:19|20)\d\d)\b", re.IGNORECASE),
    re.compile(r"\b(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>(?:19|20)\d\d)\b"),
    re.compile(r"\b(?P<y>(?:19|20)\d\d)-(?P<m>\d{2})-(?P<d>\d{2})\b"),
)


def parse_date(value: Any, date_format: str | None = None) -> datetime:
    """A source's date as a naive datetime; ValueError when it cannot be read.

    >>> parse_date("07.08.2021"), parse_date("13.08.2021")
    (datetime.datetime(2021, 8, 7, 0, 0), datetime.datetime(2021, 8, 13, 0, 0))
    >>> parse_date("2024-03-25T10:00:00+05:00"), parse_date("08/07/2021", "%m/%d/%Y")
    (datetime.datetime(2024, 3, 25, 10, 0), datetime.datetime(2021, 8, 7, 0, 0))
    """
    if isinstance(value, datetime):
        stamp = pd.Timestamp(value)
    else:
        text = str(value).strip()
        if date_format:
            return datetime.strptime(text, date_format)
        try:
            stamp = pd.to_datetime(text, dayfirst=bool(DAY_FIRST.match(text)))
        except (ValueError, TypeError, OverflowError) as exc:
            raise ValueError(str(exc)) from None
    if pd.isna(stamp):
        raise ValueError(f"no date in {value!r}")
    return (stamp.tz_localize(None) if stamp.tzinfo else stamp).to_pydatetime()  # local wall time


def latest_date_in(text: str) -> datetime | None:
    """The latest full date (day, month and year) a text states, or None: what an undated
    article can be dated by ("As of 1 October 2023 ...", "Tashkent, March 27, 2023").

    >>> latest_date_in("Output as of 1 October 2023 rose; on September 12, 2023 it was lower.")
    datetime.datetime(2023, 10, 1, 0, 0)
    >>> latest_date_in("GDP grew 5% in 2023.") is None
    True
    """
    found = []
    for pattern in FULL_DATES:
        for m in pattern.finditer(text or ""):
            month = m["m"]
            month = MONTH_NUMBER[month.lower()] if month.isalpha() else int(month)
            try:
                found.append(datetime(int(m["y"]), month, int(m["d"])))
            except ValueError:
                continue  # "31.02.2024" is no date
    return max(found) if found else None


# A year the text reports on: written as the time of what it tells ("in 2023", "in January-June
# 2024", "for the first quarter of 2023", "in September 2020", "Q3 2023"), not a deadline ("by
# 2030", "until 2027") nor the start of a span ("2026-2030").
REPORTED_YEAR = re.compile(
    rf"(?<!\bby )(?<!\buntil )(?<!\btill )(?<!\bbefore )(?<!\bthrough )"
    rf"\b(?:(?:in|of|during|for|throughout)\s+(?:the\s+)?"
    rf"(?:(?:first|second|third|fourth|1st|2nd|3rd|4th)\s+(?:half|quarter)\s+of\s+|"
    rf"(?:first|past|last)\s+\w+\s+months\s+of\s+|(?:{MONTHS})(?:\s*(?:[-–]|to|through)\s*(?:{MONTHS}))?,?\s+)?"
    rf"|(?:{MONTHS})(?:\s*(?:[-–]|to|through)\s*(?:{MONTHS}))?,?\s+|\b(?:Q[1-4]|H[12]|9M|FY)\s*)"
    rf"(?P<y>(?:19|20)\d\d)\b(?!\s*[-–—/]\s*(?:19|20)?\d\d)",
    re.IGNORECASE)


# A year named as the base of a comparison or the start of a stretch is not the one reported on,
# and the one reported on is most often the year after it: "20% more than in the same period of
# 2021", "88.7 percent of the January-March 2016 level", "since September 2024", "up from 5% in
# 2022". Not a base: "more than 2 million passengers in 2018" (an amount's bound), "from January
# through May 2023" (the start of the reported months), "received $192 million from abroad".
BASE_BEFORE = re.compile(r"(?:\bthan(?!\s+(?:[$€£¥]\s*)?\d)|\bcompared\s+(?:to|with)|\bversus|\bvs\.?|\bagainst|"
                         r"\bsame\s+period|\bcorresponding\s+period|\bsince|"
                         r"\b(?:up|down|rose|risen|rising|fell|fallen|falling|grew|grown|growing|climbed|jumped|"
                         r"dropped|declined|increased|decreased|slowed|accelerated|eased)\s+from)"
                         r"\W+(?:\w+\W+){0,3}$", re.IGNORECASE)
BASE_AFTER = re.compile(r"^\s+(?:level|figure|indicator)s?\b", re.IGNORECASE)
# The second year of a stretch ("June 2019 - July 2020", a marketing year or season under way)
# is where it ends, not the time reported on; its first year was counted already.
SPAN_END = re.compile(r"(?:19|20)\d\d\s*[-–—]\s*$")
# With no year reported in those words, a season written as two running years ("the autumn-winter
# period 2018-2019", "the 2019/2020 marketing year") is under way in its first; a longer stretch
# ("the 2026-2030 concept") says nothing of when the text was written.
SEASON = re.compile(r"(?<![\d.,])(?P<y>(?:19|20)\d\d)\s*[-–/]\s*(?P<z>(?:19|20)?\d\d)\b(?!\s*[-–/.,]?\d)")

# A year on its own, neither a deadline ("by 2030", "the 2030 target"), nor one end of a stretch
# ("2026-2030"), nor part of a number or date ("1,2024", "12.10.2024").
BARE_YEAR = re.compile(r"(?<!\bby )(?<!\buntil )(?<!\btill )(?<!\bbefore )(?<!\bthrough )(?<!\bto )"
                       r"(?<![\d.,/–-])\b(?P<y>(?:19|20)\d\d)\b(?![.,/–-]?\d|\s*[-–—/]|\s+(?:target|goal)s?\b)",
                       re.IGNORECASE)


def reported_year_in(text: str) -> int | None:
    """The latest year a text reports on, or None: what an article with no date at all is
    dated by (only the year), so "this year" and bare figures of a report resolve.

    >>> reported_year_in("In January-June 2024, exports rose 7%; in 2023 they fell. By 2030 ...")
    2024
    >>> reported_year_in("The 2026-2030 concept sets targets until 2030.") is None
    True
    >>> reported_year_in("Exports this year rose 20% against the same period in 2021.")
    2022
    >>> reported_year_in("The harvest for the autumn-winter period 2018-2019 is 312 thousand tonnes.")
    2018
    >>> reported_year_in("After April's figures, the bank adjusted its primary 2024 expectations.")
    2024
    """
    found = reported_years(text)
    return max(year for year, _ in found) if found else None


# How a reported year is told: as a whole year that is over, as a part of one or a year still
# running, or not told (a comparison's base points at the year after it; a modifier, a season).
WHOLE, RUNNING, UNTOLD = "whole", "running", "untold"


def publication_year_in(text: str) -> int | None:
    """The year an undated text was most likely written in: the latest year it reports on, or
    the year after it when that year is told as a whole and done ("In 2021, the group produced
    299,000 tons"): a year's results are published once it is over, so "last year" in the same
    text is that year. A part of a year ("in January-June 2024"), a comparison's base or a year
    written only as a modifier says the text was written within it.

    >>> publication_year_in("In 2021, KAZ Minerals produced 299,000 tons, 2.3% less than in 2020.")
    2022
    >>> publication_year_in("In January-June 2024, exports rose 7%; in 2023 they fell.")
    2024
    >>> publication_year_in("In 2024, the budget will allocate 12 billion tenge.")
    2024
    """
    found = reported_years(text)
    if not found:
        return None
    latest = max(year for year, _ in found)
    told = {how for year, how in found if year == latest}
    return latest + 1 if told == {WHOLE} or told == {WHOLE, UNTOLD} else latest


# A year told as a whole, and as done: "in 2021" / "for 2021" / "FY2021" with no part of a year
# before or after it ("in the 2018 first half"), and no future or plan in the words after it
# ("In 2024, the budget will allocate").
# "Of 2017" is left out: "the harvesting works of 2017" are still under way.
WHOLE_YEAR_WORDS = re.compile(r"^(?:(?:in|during|for|throughout)\s+(?:the\s+)?|FY\s*)(?:19|20)\d\d$", re.IGNORECASE)
PART_AFTER = re.compile(r"^\s*(?:(?:first|second|third|fourth|1st|2nd|3rd|4th)\s+(?:half|quarter)|"
                        r"(?:[HQ][1-4]|[1-4][HQ]|9M)\b|(?:\w+\s+)?months\b)", re.IGNORECASE)
NOT_DONE_AFTER = re.compile(r"\b(?:will|shall|plans?\s+to|planned|planning|expected|expects?|forecast(?:ed|s)?|"
                            r"projected|aims?\s+to|intends?|is\s+to|are\s+to|should|would|could|may|might|"
                            r"set\s+to)\b", re.IGNORECASE)
# ... nor named as what a plan is for: "objectives set for 2023", "the budget for 2025".
NOT_DONE_BEFORE = re.compile(r"\b(?:set|planned|scheduled|targets?|objectives?|goals?|tasks?|plans?|forecasts?|"
                             r"outlook|budget(?:ed)?|expected|projected)\s+$", re.IGNORECASE)


def reported_years(text: str) -> list[tuple[int, str]]:
    """Every year a text reports on (see ``reported_year_in``), each with how it is told:
    WHOLE, RUNNING or UNTOLD (``publication_year_in``)."""
    text = text or ""
    years = []
    for m in REPORTED_YEAR.finditer(text):
        before = text[max(0, m.start() - 60):m.start()]
        if SPAN_END.search(before[-12:]):
            continue
        base = bool(BASE_BEFORE.search(before)) or bool(BASE_AFTER.match(text[m.end():m.end() + 20]))
        if base:
            how = UNTOLD
        elif WHOLE_YEAR_WORDS.match(m.group(0)) and not PART_AFTER.match(text[m.end():m.end() + 30]) \
                and not NOT_DONE_BEFORE.search(before) and not NOT_DONE_AFTER.search(_clause_after(text, m.end())):
            how = WHOLE
        else:
            how = RUNNING
        years.append((int(m["y"]) + base, how))
    if not years:
        years = [(int(m["y"]), UNTOLD) for m in SEASON.finditer(text) if _next_year(m["y"], m["z"])]
    if not years:  # last, a year written as a modifier: "adjusted its 2024 expectations"
        years = [(int(m["y"]), UNTOLD) for m in BARE_YEAR.finditer(text)]
    return years


def _clause_after(text: str, end: int, chars: int = 120) -> str:
    """The words after a year up to the end of its sentence (at most ``chars``)."""
    rest = text[end:end + chars]
    stop = re.search(r"[.;!?](?:\s|$)|\n", rest)
    return rest[:stop.start()] if stop else rest


def _next_year(first: str, second: str) -> bool:
    """Whether ``second`` ("2019", "19") is the year after ``first`` ("2018")."""
    return int(second) % 100 == (int(first) + 1) % 100
