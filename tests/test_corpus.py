"""extractor.corpus.readers: sources -> the Articles table.

The expectations about the sample corpus were taken by hand from the raw files (grep for the
header lines, sed for titles and sentences), not from the reader's output.
"""

from __future__ import annotations

import atexit
import codecs
import csv
import gzip
import io
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
from datetime import datetime
from functools import partial
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

import extractor
from extractor import CorpusError, ReaderOptions, iter_articles, read_corpus
from extractor.corpus.readers import ARTICLE_COLUMNS, STATUSES, status_counts

DUMP_MARCH = "000_c89292145971ae9f.txt"
DUMP_DECEMBER = "004_54e8692dd87946bb.txt"
NBSP = "\u00a0"
SAMPLE_DIR = Path(__file__).resolve().parent.parent / "data" / "sample"  # conftest.py's sample_dir


def rows_of(path, **options) -> list[dict]:
    return list(iter_articles(path, **options))


def write(path: Path, data: bytes | str, encoding: str = "utf-8") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data if isinstance(data, bytes) else data.encode(encoding))
    return path


def only(rows: list[dict]) -> dict:
    assert len(rows) == 1, rows
    return rows[0]


# --------------------------------------------------------------------------- the sample corpus

# Header lines `DD.MM.YYYY, HH:MM N` counted by hand (grep -n, then read through):
#   000: lines 1 (" date 2025-03-19 17.03.2025, 11:50 6181"), 126, 141, 162, 181, 194, 211, 249, 266
#   004: lines 1 (" date 2025-12-15 14.12.2025, 11:11 4896"), 7, 12, 24, 29, 37, 41, 46, 51
SAMPLE_COUNTS = {DUMP_MARCH: 9, DUMP_DECEMBER: 9}


@pytest.mark.parametrize("name, count", SAMPLE_COUNTS.items(), ids=list(SAMPLE_COUNTS))
def test_sample_article_count(sample_dir, name, count):
    rows = rows_of(sample_dir / name)
    assert len(rows) == count
    assert [r["record"] for r in rows] == list(range(count))
    assert {r["status"] for r in rows} == {"ok"}


def test_sample_folder_reads_both_dumps_in_order(sample_dir):
    frame = read_corpus(sample_dir)
    assert list(frame.columns) == ARTICLE_COLUMNS
    assert len(frame) == sum(SAMPLE_COUNTS.values())
    assert [Path(s).name for s in frame["source"].unique()] == [DUMP_MARCH, DUMP_DECEMBER]
    assert frame["article_id"].is_unique
    assert (frame["status"] == "ok").all()


# (file, record, published, views, title, first body sentence, last body sentence, attribution)
# copied from the raw files; NBSP written out where the file has one.
SAMPLE_ARTICLES = [
    (DUMP_MARCH, 0, datetime(2025, 3, 17, 11, 50), 6181,
     "Six Years of Progress: Kazakhstan on Sustainable Development Pathway",
     "It will soon be six years since Kassym-Jomart Tokayev assumed leadership of our country.",
     "I am confident that, under the steady leadership of Kassym-Jomart Tokayev, Kazakhstan will "
     "achieve great success and fully realize its immense potential.",
     f"primeminister.kz{NBSP}reports"),
    (DUMP_MARCH, 1, datetime(2025, 3, 18, 19, 30), 7586,
     "Kazakh President highlights continued support for real sector",
     "President of Kazakhstan Kassym-Jomart Tokayev held a meeting with Prime Minister Olzhas "
     f"Bektenov on Tuesday afternoon, Akorda{NBSP}reports.",
     "In conclusion, the Kazakh President set tasks to continue supporting the real sector of "
     "economy, promoting investments and enhancing the social policy.",
     f"Akorda{NBSP}reports"),
    (DUMP_MARCH, 2, datetime(2025, 3, 18, 17, 21), 8191,
     "President Tokayev rebukes government bodies at Kazakh Security Council sitting",
     "President Kassym-Jomart Tokayev chaired the regular sitting of the Kazakh Security Council on "
     "Tuesday, Kazinform News Agency has learnt from the Telegram channel of Advisor of the President",
     "Earlier, it was reported that during the sitting President Tokayev pointed out that national "
     "security strategy development should be assessed by specific results.",
     "Kazinform News Agency has learnt from the Telegram channel of Advisor of the President - Press "
     "Secretary of the President of the Republic of Kazakhstan Ruslan Zheldibay"),
    (DUMP_MARCH, 3, datetime(2025, 3, 18, 16, 26), 8221,
     "Almassadam Satkaliyev named new Chairman of Nuclear Energy Agency",
     "Kazakhstan has announced the appointment of Almassadam Satkaliyev as the Chairman of the newly "
     f"established Nuclear Energy Agency, Kazinform News Agency{NBSP}reports.",
     f"Earlier, President Kassym-Jomart Tokayev of Kazakhstan signed{NBSP}a decree on steps for "
     "further improvement of public administration in Kazakhstan, providing for establishment of a "
     "Nuclear Energy Agency.",
     f"Kazinform News Agency{NBSP}reports"),
    (DUMP_MARCH, 4, datetime(2025, 3, 18, 15, 25), 8056,
     "Tokayev signs decree establishing Nuclear Energy Agency",
     "President Kassym-Jomart Tokayev of Kazakhstan signed on Tuesday a decree on steps for further "
     "improvement of public administration in Kazakhstan, providing for establishment of a Nuclear "
     f"Energy Agency, Kazinform News Agency{NBSP}cites Akorda.",
     "Voter turnout reached 63.66%, with a total of 7,820,204 participants.",
     f"Kazinform News Agency{NBSP}cites Akorda"),
    (DUMP_MARCH, 5, datetime(2025, 3, 18, 15, 19), 8471,
     "National security strategy development should be assessed by concrete results, Kazakh President",
     f"The Head of State chaired a regular meeting of the Kazakh Security Council, Kazinform News "
     f"Agency{NBSP}reports.",
     "Following the meeting, the President set state bodies certain tasks.",
     f"Kazinform News Agency{NBSP}reports"),
    (DUMP_MARCH, 6, datetime(2025, 3, 18, 14, 7), 8686,
     "Kazakhstan's film output to grow by 58% by 2024",
     "At the Government session chaired by the Prime Minister of the Republic of Kazakhstan Olzhas "
     "Bektenov considered the development of creative industries and digitalisation of culture and "
     "art, primeminister.kz reports.",
     "The Ministries of Culture and Information, Digital Development, Innovation and Aerospace "
     "Industry need to establish clear joint work on the sustainable development of creative "
     "industries and digitalisation of the entire sphere of culture and art.",
     "primeminister.kz reports"),
    (DUMP_MARCH, 7, datetime(2025, 3, 18, 12, 31), 13971,
     "Kazakhstan to develop 2026-2030 creative industries development concept",
     "At today’s Government meeting Kazakh Prime Minister Olzhas Bektenov set tasks to bolster the "
     f"country’s creative industries, Kazinform News Agency{NBSP}reports.",
     "As earlier reported, the Creative Industry Development Fund will bet set up in Kazakhstan "
     "involving top creative and educational organizations of Kazakhstan.",
     f"Kazinform News Agency{NBSP}reports"),
    (DUMP_MARCH, 8, datetime(2025, 3, 18, 11, 34), 13661,
     "Kazakhstan to build 200 new schools in 2025",
     "Since 2019 Kazakhstan has been developing large infrastructure projects to build 1,200 new "
     f"schools for over 1 million seats countrywide, Kazinform News Agency{NBSP}reports.",
     "She added the Head of State tasked to renovate almost 1,300 schools, including 900 rural ones.",
     f"Kazinform News Agency{NBSP}reports"),
    (DUMP_DECEMBER, 0, datetime(2025, 12, 14, 11, 11), 4896,
     "Kazakhstan builds up to 600 medical facilities in rural areas in 2 years",
     "Deputy Prime Minister and Minister of Culture and Information Aida Balayeva chaired a meeting "
     "of the Government to discuss the progress of the national project Modernization of Rural "
     "Healthcare, Qazinform News Agency reports via primeminister.kz.",
     "The remaining 10 primary healthcare facilities are expected to be commissioned by the end of "
     "this year.",
     "Qazinform News Agency reports via primeminister.kz"),
    (DUMP_DECEMBER, 1, datetime(2025, 12, 13, 21, 1), 17036,
     "Kazakhstan advances GPS monitoring to protect endangered snow leopards",
     "Researchers at Altyn-Emel National Park in the Zhetysu region have fitted another snow leopard "
     "with a GPS tracking collar, Qazinform News Agency reports.",
     "The tracking equipment is fully environmentally safe and does not harm the animals.",
     "Qazinform News Agency reports"),
    (DUMP_DECEMBER, 2, datetime(2025, 12, 12, 8, 10), 28501,
     "Bektenov takes part in Eurasian Intergovernmental Council meeting in Moscow",
     "Prime Minister of the Republic of Kazakhstan Olzhas Bektenov took part in a meeting of the "
     "Eurasian Intergovernmental Council in the city of Moscow (Russian Federation).",
     "Following the meeting of the Eurasian Intergovernmental Council, a number of documents were "
     "signed.",
     "primeminister.kz reports"),
    (DUMP_DECEMBER, 3, datetime(2025, 12, 11, 20, 27), 46996,
     "Kazakhstan, S. Korea partner to develop Alatau Smart City project",
     "Kazakh Deputy Prime Minister Kanat Bozumbayev on Thursday met with Kim Bok-hwan, President and "
     "CEO of the Korea Overseas Infrastructure and Urban Development Corporation (KIND), Qazinform "
     "News Agency reports via the Kazakh Government.",
     "KIND could participate in infrastructure construction projects, including in energy, water "
     "supply, water treatment, wastewater treatment and disposal, waste recycling \u2013 based on "
     "both an EPC contract or the format of development, said Bozumbayev.",
     "Qazinform News Agency reports via the Kazakh Government"),
    (DUMP_DECEMBER, 4, datetime(2025, 12, 11, 8, 10), 47636,
     "Chinese Company Explores Participation in Kazakhstan’s Power Infrastructure Modernization Program",
     "Alibek Kuantyrov, Deputy Minister of Foreign Affairs of the Republic of Kazakhstan, and Madiyar "
     "Sultanbek, Deputy Chairman of the Management Board of NC \"Kazakh Invest\" JSC, held a meeting "
     "with Li Jianjiang, General Manager of Zhongyoung Power (Yunxi) Group Co., Ltd.",
     "As part of the follow-up work, a separate meeting was organized for the Chinese delegation "
     "with the Ministry of Energy of the Republic of Kazakhstan to discuss sectoral requirements, "
     "infrastructure needs, and potential areas of partnership in the energy sector.",
     "Ministry of Foreign Affairs of the Republic of Kazakhstan reports"),
    (DUMP_DECEMBER, 5, datetime(2025, 12, 10, 17, 0), 67556,
     "Kazakhstan ratifies Protocol on Water and Health",
     "Head of State Kassym-Jomart Tokayev signed today the law ratifying the Protocol on Water and "
     "Health (PWH) to the 1992 UNECE Convention on the Protection and Use of Transboundary "
     "Watercourses and International Lakes, Qazinform News Agency cites Akorda.",
     "The country will also gain access to modern technologies and expertise in the purification "
     "and delivery of safe drinking water, the treatment and reuse of wastewater, as well as "
     "participate in the development of joint monitoring and early warning systems, and emergency "
     "response plans.",
     "Qazinform News Agency cites Akorda"),
    (DUMP_DECEMBER, 6, datetime(2025, 12, 10, 16, 20), 67296,
     "Zhanassova named Deputy Head of the President’s Executive Office",
     "Assel Zhanassova has been appointed Deputy Head of the President’s Executive Office, Qazinform "
     "News Agency learned from the Akorda press service.",
     "Since June 8, 2025 - Advisor to the President of the Republic of Kazakhstan.",
     "Qazinform News Agency learned from the Akorda press service"),
    (DUMP_DECEMBER, 7, datetime(2025, 12, 10, 15, 55), 66971,
     "Kazakhstan to suspend creation of new info systems by government agencies outside QazTech platform",
     "Head of State Kassym-Jomart Tokayev on Wednesday issued an order regarding some digitalization "
     "matters in Kazakhstan, Qazinform News Agency reports via Akorda.",
     "In case the creation of information system on the QazTech platform faces technical faults, the "
     "Government must ensure every individual case is submitted for review by the President’s "
     "Commission on digitalization implementation, reads the order.",
     "Qazinform News Agency reports via Akorda"),
    (DUMP_DECEMBER, 8, datetime(2025, 12, 9, 20, 32), 79996,
     "Kazakh Senate Speaker to meet Pope Leo XIV in Vatican",
     "Senate Speaker Maulen Ashimbayev will pay a working visit to the Vatican and hold meetings with "
     "senior officials of the Roman Curia, Qazinform News Agency reports.",
     "Maulen Ashimbayev will also meet with Cardinal George Jacob Koovakad, Prefect of the Dicastery "
     "for Interreligious Dialogue, and lay flowers at the tomb of Pope Francis.",
     "Qazinform News Agency reports"),
]


@pytest.fixture(scope="module")
def sample_rows(sample_dir) -> dict[tuple[str, int], dict]:
    return {(Path(r["source"]).name, r["record"]): r for r in iter_articles(sample_dir)}


@pytest.mark.parametrize(
    "name, record, published, views, title, first, last, attribution",
    SAMPLE_ARTICLES,
    ids=[f"{name[:3]}#{record}" for name, record, *_ in SAMPLE_ARTICLES],
)
def test_sample_article(sample_rows, name, record, published, views, title, first, last, attribution):
    row = sample_rows[name, record]
    assert row["status"] == "ok" and row["error"] == ""
    assert row["published"] == published
    assert row["views"] == views
    assert row["title"] == title
    assert row["body"].startswith(first)
    assert row["body"].endswith(last)
    assert row["attribution"] == attribution
    assert row["encoding"] == "utf-8"


@pytest.mark.parametrize("name, scraped", [(DUMP_MARCH, "2025-03-19"), (DUMP_DECEMBER, "2025-12-15")],
                         ids=["000", "004"])
def test_scrape_date_of_the_first_line_holds_for_the_whole_dump(sample_dir, name, scraped):
    rows = rows_of(sample_dir / name)
    assert {r["scraped"] for r in rows} == {pd.Timestamp(scraped)}


CAPTION_LINES = ["Images | Akorda", "Images | primeminister.kz", "Images | Depositphotos",
                 "Images | Kazakh Enlightenment Ministry"]


@pytest.mark.parametrize("name", SAMPLE_COUNTS, ids=list(SAMPLE_COUNTS))
def test_sample_bodies_are_clean_exact_slices(sample_dir, decoded, name):
    path = sample_dir / name
    text = decoded(path, "utf-8")
    for row in rows_of(path):
        body, title = row["body"], row["title"]
        assert text[row["offset"]:row["offset"] + len(body)] == body
        assert text[row["title_offset"]:row["title_offset"] + len(title)] == title
        assert not body.startswith(title), "title repeated at the start of the body"
        assert not any(caption in body for caption in CAPTION_LINES)
        assert f"\n{NBSP}\n" not in body and f"\n{NBSP} \n" not in body, "end line in the body"
        assert not body.endswith(NBSP) and body == body.strip()
        assert not re.search(r"^\s*\d{2}\.\d{2}\.\d{4}, \d{2}:\d{2}", body, re.MULTILINE)


def test_sample_captions_and_repeated_titles_exist_in_the_raw_file(sample_dir):
    """Guard for the test above: the raw March dump does hold what the reader must drop."""
    text = (sample_dir / DUMP_MARCH).read_text(encoding="utf-8")
    assert all(f"\n{caption}\n" in text for caption in CAPTION_LINES)
    assert text.count("\nKazakhstan to build 200 new schools in 2025\n") == 2
    # DESIGN.md says the end line is U+00A0 and a space; in this file it is a lone U+00A0.
    assert text.count(f"\n{NBSP}\n") == 9


# --------------------------------------------------------------------------- feed-dump structure


def test_feed_dump_crlf_blank_lines_caption_and_end_line(tmp_path, decoded):
    dump = (
        "17.03.2025, 11:50 6181\r\n\r\nBudget grows\r\n\r\nBudget grows\r\nImages | Akorda\r\n"
        "Revenue rose 5%, primeminister.kz reports.\r\n\r\nSpending fell.\r\n\u00a0 \r\n\r\n"
        "18.03.2025, 09:05\r\nNo views here\r\nOnly paragraph.\r\n"
    )
    path = write(tmp_path / "dump.txt", dump)
    first, second = rows_of(path)
    assert first["body"] == "Revenue rose 5%, primeminister.kz reports.\r\n\r\nSpending fell."
    assert first["title"] == "Budget grows" and first["attribution"] == "primeminister.kz reports"
    assert second["views"] is None and second["published"] == datetime(2025, 3, 18, 9, 5)
    text = decoded(path, "utf-8")
    for row in (first, second):
        assert text[row["offset"]:row["offset"] + len(row["body"])] == row["body"]
        assert text[row["title_offset"]:row["title_offset"] + len(row["title"])] == row["title"]


@pytest.mark.parametrize(
    "dump, statuses",
    [
        ("17.03.2025, 11:50 1\nTitle only\n", ["empty"]),
        ("17.03.2025, 11:50 1\nTitle\nTitle\nImages | Akorda\n\u00a0 \n", ["empty"]),
        ("17.03.2025, 11:50 1\n\n\u00a0 \n18.03.2025, 11:50 2\nT\nBody.\n", ["empty", "ok"]),
    ],
    ids=["title-only", "title-repeat-caption-endline", "header-only-then-article"],
)
def test_feed_article_without_paragraphs_is_empty(tmp_path, dump, statuses):
    rows = rows_of(write(tmp_path / "dump.txt", dump))
    assert [r["status"] for r in rows] == statuses


def test_feed_header_with_impossible_date_fails_that_article_only(tmp_path):
    dump = ("17.03.2025, 11:50 1\nA\nBody a.\n32.13.2025, 25:61 2\nB\nBody b.\n"
            "18.03.2025, 10:00 3\nC\nBody c.\n")
    rows = rows_of(write(tmp_path / "dump.txt", dump))
    assert [(r["record"], r["status"]) for r in rows] == [(0, "ok"), (1, "failed"), (2, "ok")]
    assert rows[1]["error"].startswith("line 4:") and "32.13.2025" in rows[1]["error"]
    assert rows[1]["body"] == "Body b." and rows[2]["body"] == "Body c."


def test_feed_header_views_too_large_for_the_table(tmp_path):
    rows = rows_of(write(tmp_path / "dump.txt", "17.03.2025, 11:50 " + "9" * 30 + "\nT\nBody.\n"))
    assert only(rows)["status"] == "failed"
    assert len(read_corpus(tmp_path / "dump.txt")) == 1  # the Int64 views column does not overflow


# --------------------------------------------------------------------------- formats


def test_plain_txt_is_one_article_unchanged(tmp_path):
    text = "GDP reached $288 billion, primeminister.kz reports.\r\n\r\nExports rose 3%.\n"
    row = only(rows_of(write(tmp_path / "plain.txt", text)))
    assert (row["body"], row["offset"], row["status"], row["title"]) == (text, 0, "ok", "")
    assert row["record"] == 0 and row["published"] is None
    assert row["attribution"] == "primeminister.kz reports"


JSONL_RECORDS = [
    {"id": "a1", "title": "Budget", "date": "2025-03-17T11:50:00", "url": "https://x.kz/1",
     "text": "Revenue rose 5%."},
    {"id": 2, "title": "Trade", "date": "2025-03-18 09:00:00+05:00", "url": None,
     "text": "Exports rose 3%."},
]


def test_jsonl_columns(tmp_path):
    path = write(tmp_path / "news.jsonl", "".join(json.dumps(r) + "\n" for r in JSONL_RECORDS))
    first, second = rows_of(path)
    assert (first["body"], first["title"], first["url"], first["external_id"]) == (
        "Revenue rose 5%.", "Budget", "https://x.kz/1", "a1")
    assert first["published"] == datetime(2025, 3, 17, 11, 50)
    assert second["published"] == datetime(2025, 3, 18, 9, 0)  # tz-naive local time
    assert second["external_id"] == "2" and second["url"] is None
    assert [r["record"] for r in (first, second)] == [0, 1]
    assert {r["status"] for r in (first, second)} == {"ok"} and first["offset"] == 0


@pytest.mark.parametrize(
    "column, options",
    [("content", {"text_column": "content"}),
     ("story", {"text_column": "story"}),
     ("story", {"options": ReaderOptions(text_column="story")})],
    ids=["content-keyword", "story-keyword", "story-ReaderOptions"],
)
def test_jsonl_custom_text_column(tmp_path, column, options):
    path = write(tmp_path / "news.jsonl", json.dumps({column: "Wages rose 10%.", "title": "W"}) + "\n")
    row = only(list(iter_articles(path, **options)))
    assert (row["status"], row["body"], row["title"]) == ("ok", "Wages rose 10%.", "W")


def test_jsonl_without_the_text_column_fails_naming_it(tmp_path):
    path = write(tmp_path / "news.jsonl", json.dumps({"story": "x"}) + "\n")
    row = only(rows_of(path))
    assert row["status"] == "failed"
    assert "line 1" in row["error"] and "'text'" in row["error"] and "story" in row["error"]


def test_options_and_keyword_fields_combine(tmp_path):
    path = write(tmp_path / "news.jsonl", json.dumps({"story": "Wages rose.", "head": "H"}) + "\n")
    row = only(list(iter_articles(path, ReaderOptions(title_column="head"), text_column="story")))
    assert (row["body"], row["title"]) == ("Wages rose.", "H")


def test_jsonl_invalid_line_fails_alone(tmp_path):
    lines = ['{"text": "One."}', '{"text": "Two.",', "", '["not", "an object"]', '{"text": "Four."}']
    rows = rows_of(write(tmp_path / "news.jsonl", "\n".join(lines) + "\n"))
    assert [(r["record"], r["status"]) for r in rows] == [
        (0, "ok"), (1, "failed"), (3, "failed"), (4, "ok")]
    assert rows[1]["error"].startswith("line 2: invalid JSON")
    assert rows[2]["error"].startswith("line 4: expected a JSON object")


@pytest.mark.parametrize("record, error", [({"text": 5}, "text is int")], ids=["text-not-string"])
def test_jsonl_unusable_record_fails_with_reason(tmp_path, record, error):
    row = only(rows_of(write(tmp_path / "news.jsonl", json.dumps(record) + "\n")))
    assert row["status"] == "failed" and error in row["error"] and "line 1" in row["error"]


def test_an_unreadable_date_keeps_the_record_and_guesses_no_date(tmp_path):
    row = only(rows_of(write(tmp_path / "news.jsonl", json.dumps({"text": "x", "date": "not a date"}) + "\n")))
    assert row["status"] == "ok" and row["published"] is None and row["published_from"] == "unreadable"


def test_jsonl_null_text_is_empty(tmp_path):
    row = only(rows_of(write(tmp_path / "news.jsonl", '{"text": null, "title": "T"}\n')))
    assert row["status"] == "empty"


def csv_text(rows: list[list[str]]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    return buffer.getvalue()


def test_csv_multiline_field_and_wrong_field_count(tmp_path):
    text = csv_text([["title", "text", "date"],
                     ["Budget", "Revenue rose 5%.\n\nSpending fell.", "2025-03-17"],
                     ["Trade", "Exports, imports, rose 3%.", "2025-03-18"]])
    text += "Broken,only two\n" + csv_text([["Last", "Wages rose.", ""]])
    rows = rows_of(write(tmp_path / "news.csv", text))
    assert [r["status"] for r in rows] == ["ok", "ok", "failed", "ok"]
    assert rows[0]["body"] == "Revenue rose 5%.\n\nSpending fell."
    assert rows[0]["published"] == datetime(2025, 3, 17)
    assert rows[1]["body"] == "Exports, imports, rose 3%."
    assert rows[2]["error"] == "line 6: expected 3 fields, found 2"  # header, 3 lines, 1 line, here
    assert rows[3]["published"] is None and rows[3]["title"] == "Last"


def test_parquet(tmp_path):
    frame = pd.DataFrame({
        "id": ["p1", "p2", "p3"], "title": ["A", "B", None],
        "date": pd.to_datetime(["2025-03-17 11:50", "2025-03-18 00:00", None]),
        "url": ["https://x.kz/a", None, None], "text": ["Revenue rose 5%.", "", None],
    })
    frame.to_parquet(tmp_path / "news.parquet")
    rows = rows_of(tmp_path / "news.parquet")
    assert [(r["record"], r["status"]) for r in rows] == [(0, "ok"), (1, "empty"), (2, "empty")]
    assert rows[0]["published"] == datetime(2025, 3, 17, 11, 50)
    assert (rows[0]["title"], rows[0]["url"], rows[0]["external_id"]) == ("A", "https://x.kz/a", "p1")
    assert rows[2]["published"] is None and rows[2]["title"] == ""


def test_parquet_custom_text_column(tmp_path):
    pd.DataFrame({"story": ["Wages rose 10%."]}).to_parquet(tmp_path / "news.parquet")
    assert only(rows_of(tmp_path / "news.parquet", text_column="story"))["body"] == "Wages rose 10%."


FEED = "17.03.2025, 11:50 6181\n\nBudget\n\nRevenue rose 5%.\n\u00a0 \n\n18.03.2025, 10:00 7\nTrade\nExports rose.\n"


def format_bytes(fmt: str) -> bytes:
    """A two-record source of each format."""
    if fmt == "feed.txt":
        return FEED.encode()
    if fmt == "plain.txt":
        return b"Revenue rose 5%.\n\nExports rose.\n"
    if fmt == "jsonl":
        return b'{"text": "Revenue rose 5%."}\n{"text": "Exports rose."}\n'
    if fmt == "csv":
        return b'text,title\n"Revenue rose 5%.",A\n"Exports rose.",B\n'
    if fmt == "parquet":
        buffer = io.BytesIO()
        pd.DataFrame({"text": ["Revenue rose 5%.", "Exports rose."]}).to_parquet(buffer)
        return buffer.getvalue()
    raise AssertionError(fmt)


FORMATS = {"feed.txt": 2, "plain.txt": 1, "jsonl": 2, "csv": 2, "parquet": 2}


@pytest.mark.parametrize("fmt, count", FORMATS.items(), ids=list(FORMATS))
def test_gzip_of_each_format_reads_like_the_plain_file(tmp_path, fmt, count):
    name = "news." + fmt.split(".")[-1]
    plain = write(tmp_path / "plain" / name, format_bytes(fmt))
    packed = write(tmp_path / "gz" / (name + ".gz"), gzip.compress(format_bytes(fmt)))
    keep = ("record", "status", "title", "body", "offset", "published", "encoding")
    plain_rows = [{k: r[k] for k in keep} for r in rows_of(plain)]
    packed_rows = [{k: r[k] for k in keep} for r in rows_of(packed)]
    assert len(plain_rows) == count and {r["status"] for r in plain_rows} == {"ok"}
    assert packed_rows == plain_rows


def test_corrupt_gzip_fails_with_reason(tmp_path):
    row = only(rows_of(write(tmp_path / "news.jsonl.gz", b"this is not gzip")))
    assert row["status"] == "failed" and row["error"].startswith("cannot read")


def test_directory_is_recursive_sorted_and_skips_hidden(tmp_path):
    write(tmp_path / "b" / "z.txt", "Zed.")
    write(tmp_path / "b" / "a.txt", "Ay.")
    write(tmp_path / "a.txt", "Top.")
    write(tmp_path / "c" / "d" / "deep.jsonl", '{"text": "Deep."}\n')
    write(tmp_path / ".hidden" / "h.txt", "Hidden.")
    write(tmp_path / "b" / ".h.txt", "Hidden.")
    sources = [Path(r["source"]).relative_to(tmp_path).as_posix() for r in rows_of(tmp_path)]
    assert sources == ["a.txt", "b/a.txt", "b/z.txt", "c/d/deep.jsonl"]
    assert rows_of(tmp_path) == rows_of(tmp_path)  # stable, ids included


def test_glob_patterns_and_several_paths(tmp_path):
    for name in ("x1.txt", "x2.txt", "y.txt", "sub/x3.txt"):
        write(tmp_path / name, f"Body of {name}.")
    names = lambda rows: [Path(r["source"]).name for r in rows]  # noqa: E731
    assert names(rows_of(str(tmp_path / "x*.txt"))) == ["x1.txt", "x2.txt"]
    assert names(rows_of(str(tmp_path / "**" / "x*.txt"))) == ["x3.txt", "x1.txt", "x2.txt"]  # sub/ < x1
    assert names(rows_of([tmp_path / "y.txt", str(tmp_path / "x1*")])) == ["y.txt", "x1.txt"]


@pytest.mark.parametrize("name, suffix", [("notes.docx", "'.docx'"), ("notes.docx.gz", "'.docx'"),
                                          ("README", "(no suffix)")],
                         ids=["docx", "docx.gz", "no-suffix"])
def test_unsupported_suffix_is_one_failed_row_naming_it(tmp_path, name, suffix):
    row = only(rows_of(write(tmp_path / name, b"whatever")))
    assert row["status"] == "failed" and suffix in row["error"] and ".jsonl" in row["error"]


@pytest.mark.parametrize("missing", ["no/such/dir", "no-such-file.txt", "nothing-*.jsonl"],
                         ids=["dir", "file", "glob"])
def test_missing_path_is_a_corpus_error_naming_it(tmp_path, missing):
    path = str(tmp_path / missing)
    with pytest.raises(CorpusError) as info:
        list(iter_articles([tmp_path, path]))  # an existing path first does not hide the typo
    assert path in str(info.value)
    with pytest.raises(CorpusError):
        read_corpus(path)


def test_unknown_forced_encoding_is_a_corpus_error(tmp_path):
    write(tmp_path / "a.txt", "Body.")
    with pytest.raises(CorpusError, match="unknown encoding 'no-such-codec'"):
        list(iter_articles(tmp_path, encoding="no-such-codec"))


# --------------------------------------------------------------------------- encodings

RUSSIAN = "Доходы бюджета выросли на 5% и составили 1,3 трлн тенге."
FRENCH = "Le café crème coûte 3 francs à Genève, déjà."

ENCODINGS = [
    ("utf-8", RUSSIAN.encode("utf-8"), "utf-8", RUSSIAN),
    ("utf-8-bom", codecs.BOM_UTF8 + RUSSIAN.encode("utf-8"), "utf-8-sig", RUSSIAN),
    ("utf-16-bom", RUSSIAN.encode("utf-16"), "utf-16", RUSSIAN),
    ("utf-16-le-no-bom", "Revenue rose 5%.".encode("utf-16-le"), "utf-16-le", "Revenue rose 5%."),
    ("cp1251", RUSSIAN.encode("cp1251"), "cp1251", RUSSIAN),
    ("latin-1", FRENCH.encode("latin-1"), "latin-1", FRENCH),
    ("utf-8-then-latin-1", b"a" * 70000 + "café".encode("latin-1"), "latin-1", "a" * 70000 + "café"),
]


@pytest.mark.parametrize("data, encoding, body", [e[1:] for e in ENCODINGS], ids=[e[0] for e in ENCODINGS])
def test_encoding_of_plain_text(tmp_path, data, encoding, body):
    row = only(rows_of(write(tmp_path / "a.txt", data)))
    assert (row["status"], row["encoding"], row["body"]) == ("ok", encoding, body)


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "cp1251"])
def test_encoding_of_feed_dump_keeps_offsets(tmp_path, decoded, encoding):
    dump = f"17.03.2025, 11:50 5\n\nБюджет\n\nБюджет\n{RUSSIAN}\n\u00a0 \n\n18.03.2025, 12:00 6\nT\n{RUSSIAN}\n"
    if encoding == "cp1251":
        dump = dump.replace("\u00a0", " ")  # cp1251 has a no-break space, but keep it simple
    path = write(tmp_path / "dump.txt", dump.encode(encoding))
    rows = rows_of(path)
    assert [(r["status"], r["encoding"], r["body"]) for r in rows] == [("ok", encoding, RUSSIAN)] * 2
    assert rows[0]["title"] == "Бюджет"
    text = decoded(path, encoding)
    for row in rows:
        assert text[row["offset"]:row["offset"] + len(row["body"])] == row["body"]
        assert text[row["title_offset"]:row["title_offset"] + len(row["title"])] == row["title"]


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_encoding_of_tables(tmp_path, fmt):
    data = (json.dumps({"text": RUSSIAN}, ensure_ascii=False) + "\n" if fmt == "jsonl"
            else csv_text([["text"], [RUSSIAN]]))
    row = only(rows_of(write(tmp_path / f"a.{fmt}", data.encode("cp1251"))))
    assert (row["status"], row["encoding"], row["body"]) == ("ok", "cp1251", RUSSIAN)


def test_forced_encoding(tmp_path):
    path = write(tmp_path / "a.txt", RUSSIAN.encode("cp1251"))
    row = only(rows_of(path, encoding="cp1251"))
    assert (row["encoding"], row["body"]) == ("cp1251", RUSSIAN)
    row = only(rows_of(write(tmp_path / "b.txt", b"\xff\xfe\xfd caf\xe9"), encoding="utf-8"))
    assert row["status"] == "failed" and "--encoding" in row["error"]


PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4 + random.Random(0).randbytes(512)
       + b"\x00" * 64)

BINARY = [
    ("png.txt", PNG, "binary"),
    ("png.jsonl", PNG, "binary"),
    ("png.csv", PNG, "binary"),
    ("controls.txt", bytes(range(1, 9)) * 200, "binary"),
    ("not-parquet.parquet", b"PAR1 this is not parquet", "parquet"),
]


@pytest.mark.parametrize("name, data, reason", BINARY, ids=[b[0] for b in BINARY])
def test_binary_content_fails_with_reason(tmp_path, name, data, reason):
    row = only(rows_of(write(tmp_path / name, data)))
    assert row["status"] == "failed" and reason in row["error"].lower()


@pytest.mark.parametrize("name", ["empty.txt", "blank.txt", "empty.jsonl", "empty.csv", "header-only.csv",
                                  "empty.parquet", "empty.txt.gz"])
def test_empty_file_is_one_empty_row(tmp_path, name):
    path = tmp_path / name
    if name == "blank.txt":
        write(path, " \n\n\t\n")
    elif name == "header-only.csv":
        write(path, "text,title\n")
    elif name == "empty.parquet":
        pd.DataFrame({"text": pd.Series([], dtype=str)}).to_parquet(path)
    elif name.endswith(".gz"):
        write(path, gzip.compress(b""))
    else:
        write(path, b"")
    row = only(rows_of(path))
    assert (row["status"], row["error"], row["record"]) == ("empty", "", 0)


# --------------------------------------------------------------------------- nothing is lost


def mixed_folder(root: Path) -> dict[str, int]:
    """A folder of every kind of source; returns the records each file holds (by hand)."""
    write(root / "dump.txt", FEED)                                       # 2 articles
    write(root / "plain.txt", "Revenue rose 5%.")                        # 1
    write(root / "sub" / "news.jsonl", '{"text": "A."}\n{broken\n\n{"text": ""}\n')  # 3
    write(root / "sub" / "news.csv", 'text,title\n"B.",x\nbad\n')        # 2
    write(root / "sub" / "news.jsonl.gz", gzip.compress(b'{"text": "C."}\n'))  # 1
    pd.DataFrame({"text": ["D.", "E."]}).to_parquet(root / "t.parquet")  # 2
    write(root / "empty.txt", b"")                                       # 1
    write(root / "image.txt", PNG)                                       # 1
    write(root / "notes.docx", b"PK\x03\x04")                            # 1
    return {"dump.txt": 2, "plain.txt": 1, "news.jsonl": 3, "news.csv": 2, "news.jsonl.gz": 1,
            "t.parquet": 2, "empty.txt": 1, "image.txt": 1, "notes.docx": 1}


MIXED_STATUS = {"read": 14, "ok": 8, "empty": 2, "failed": 4}


def test_nothing_is_lost(tmp_path):
    expected = mixed_folder(tmp_path)
    rows = rows_of(tmp_path)
    per_file: dict[str, int] = {}
    for row in rows:
        per_file[Path(row["source"]).name] = per_file.get(Path(row["source"]).name, 0) + 1
        assert row["status"] in STATUSES and set(row) == set(ARTICLE_COLUMNS)
        assert bool(row["error"]) == (row["status"] == "failed")
    assert per_file == expected
    counts = status_counts(r["status"] for r in rows)
    assert counts == MIXED_STATUS
    assert counts["read"] == counts["ok"] + counts["empty"] + counts["failed"] == sum(expected.values())
    frame = read_corpus(tmp_path)
    assert len(frame) == len(rows) and frame["article_id"].is_unique


@pytest.mark.parametrize("body, published, source", [
    ("Tashkent, March 27, 2023. Exports rose 7% this year.", "2023-03-27", "text"),
    ("In January-June 2024, exports rose 7% against the same period of 2023. By 2030 ...", "2024-01-01", "text_year"),
    ("Exports rose 20% compared to the same period in 2021.", "2022-01-01", "text_year"),
    ("Exports rose 7% this year.", None, ""),
    # an amount's bound ("more than 2 million") and a month range's "from" are no comparison base
    ("The airline flew more than 2 million passengers in the 2018 first half, up 10%.", "2018-01-01", "text_year"),
    ("Output rose 4% from January through May 2023.", "2023-01-01", "text_year"),
    ("Families received $192.7 million from abroad in September 2020.", "2020-01-01", "text_year"),
    # the end of a stretch that runs on into next year is not the year written in
    ("Exports may reach 74 mln tonnes in the 2019-2020 season (June 2019 - July 2020).", "2019-01-01", "text_year"),
    ("Fuel oil of 312 thousand tonnes is assigned for the heating season 2018-2019.", "2018-01-01", "text_year"),
    ("After April's data the bank adjusted its 2024 expectations.", "2024-01-01", "text_year"),
    # a whole year told as done is reported on once it is over: the text was written the year after
    ("In 2021, the group produced 299,000 tons of copper, 2.3% less than in 2020.", "2022-01-01", "text_year"),
    ("During 2023, exports totalled $5 billion. Last year's harvest was a record.", "2024-01-01", "text_year"),
    # ... but not a year still under way, planned, or named only in part
    ("In 2024, the budget will allocate 12 billion tenge to schools.", "2024-01-01", "text_year"),
    ("The meeting reviewed the results of 2022 and the objectives set for 2023.", "2023-01-01", "text_year"),
    ("The airline flew 2 million passengers in the 2018 first half.", "2018-01-01", "text_year"),
    ("In 2023, output rose 4% in the first nine months; in January-June 2023 it rose 3%.", "2023-01-01", "text_year"),
    ("The 2026-2030 concept sets targets until 2030.", None, ""),
])
def test_an_undated_text_is_dated_by_what_it_states(tmp_path, body, published, source):
    (tmp_path / "a.txt").write_text(body, encoding="utf-8")
    row = read_corpus(tmp_path).iloc[0]
    assert (None if pd.isna(row["published"]) else f"{row['published']:%Y-%m-%d}", row["published_from"]) \
        == (published, source)


def test_a_year_known_only_from_the_text_resolves_years_not_months(tmp_path):
    from extractor import extract

    (tmp_path / "a.txt").write_text("In January-June 2024, exports rose 7%. Imports rose 3% this year "
                                    "and 2% last month.", encoding="utf-8")
    mentions = extract(read_corpus(tmp_path), ner=False).set_index("text")
    assert mentions.loc["3%", "period_start"] == 2024
    assert mentions.loc["2%", "period_granularity"] != "month", "no month is known to count back from"


def test_ids_stay_when_the_corpus_moves_or_grows(tmp_path):
    """An article keeps its id (and so its mentions theirs) in another folder and after records
    are added before it; the same text twice in one file is told apart by ~2."""
    rows = [{"title": "a", "text": "GDP reached $288 billion in 2024."},
            {"title": "b", "text": "Exports rose 7%."}]
    first = tmp_path / "one" / "news.csv"
    first.parent.mkdir()
    pd.DataFrame(rows).to_csv(first, index=False)
    moved = tmp_path / "two" / "deeper" / "news.csv"
    moved.parent.mkdir(parents=True)
    pd.DataFrame([{"title": "new", "text": "Imports fell 3%."}, *rows, rows[1]]).to_csv(moved, index=False)
    before = read_corpus(first).set_index("title")["article_id"]
    after = read_corpus(moved)["article_id"].tolist()
    assert after[1:3] == [before["a"], before["b"]]
    assert after[3] == before["b"] + "~2" and len(set(after)) == 4


# --------------------------------------------------------------------------- CLI


def no_mentions(articles, ner=True, ruleset=None):
    """Stand-in for pipeline.iter_mentions: reads every article, finds nothing."""
    for _ in articles:
        pass
    yield from ()


def test_cli_report_counts_add_up_and_writes_articles(tmp_path, monkeypatch):
    from extractor import pipeline
    from extractor.cli import app

    # This test is about the reader's counts; extraction has its own tests.
    monkeypatch.setattr(pipeline, "iter_mentions", no_mentions)
    mixed_folder(tmp_path / "in")
    result = CliRunner().invoke(app, ["report", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "--no-ner"])
    assert result.exit_code == 0, result.output
    match = re.search(r"records read: (\d+)  ok: (\d+)  empty: (\d+)  failed: (\d+)", result.output)
    assert match, result.output
    read, ok, empty, failed = map(int, match.groups())
    assert read == ok + empty + failed
    assert {"read": read, "ok": ok, "empty": empty, "failed": failed} == MIXED_STATUS
    articles = pd.read_parquet(tmp_path / "out" / "articles.parquet")
    assert len(articles) == read
    assert articles["status"].astype(str).value_counts().to_dict() == {"ok": ok, "empty": empty, "failed": failed}


def run_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "COLUMNS": "80"}
    return subprocess.run([sys.executable, "-m", "extractor.cli", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=300)


def run_cli_in_a_new_folder(*args: str) -> tuple[subprocess.CompletedProcess, Path]:
    """``run_cli(*args)`` from a new scratch folder (removed at exit): the result and the folder."""
    folder = Path(tempfile.mkdtemp(prefix="extractor-cli-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return run_cli(*args, cwd=folder), folder


# The tests of the real entry point in a process of its own: each run is started in the
# background when the tests start (conftest.py's early jobs), while the tests before it run.
CLI_PROCESS_RUNS = {
    "test_cli_report_on_the_sample_corpus": ("report", str(SAMPLE_DIR), "-o", "out", "--no-ner"),
    "test_cli_missing_path_is_one_line_without_traceback": ("report", "no-such-dir", "-o", "out"),
}


def early_jobs(item) -> dict:
    args = CLI_PROCESS_RUNS.get(getattr(item, "originalname", None))
    return {("cli", args): partial(run_cli_in_a_new_folder, *args)} if args else {}


def cli_process_run(early, test: str) -> tuple[subprocess.CompletedProcess, Path]:
    args = CLI_PROCESS_RUNS[test]
    return early(("cli", args), partial(run_cli_in_a_new_folder, *args))


def test_cli_report_on_the_sample_corpus(early):
    """The main job end to end (rules only), ``extractor report`` in a real process: every
    sample article is read and written."""
    result, folder = cli_process_run(early, "test_cli_report_on_the_sample_corpus")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "records read: 18  ok: 18  empty: 0  failed: 0" in result.stdout + result.stderr
    articles = pd.read_parquet(folder / "out" / "articles.parquet")
    assert len(articles) == 18 and articles["body"].str.len().min() > 0


def test_cli_missing_path_is_one_line_without_traceback(early):
    result, _ = cli_process_run(early, "test_cli_missing_path_is_one_line_without_traceback")
    assert result.returncode != 0
    assert "Traceback" not in result.stderr + result.stdout
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert lines == ["error: no-such-dir: no such file or directory; give a file, folder or glob"]


def test_cli_missing_long_path_is_still_one_line(tmp_path, run_main):
    """In this process (conftest.py's run_main); the test above is the one in a real process."""
    missing = "a-rather-long-folder-name-that-a-user-might-mistype/" * 2 + "news.jsonl"
    returncode, _, stderr = run_main("report", missing, "-o", "out", cwd=tmp_path)
    assert returncode != 0
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and missing in lines[0]


def test_public_api():
    assert extractor.iter_articles is iter_articles and extractor.read_corpus is read_corpus


# ---------------------------------------------------------------------------- sidecar index


def test_a_sidecar_index_dates_and_titles_plain_text_files(tmp_path):
    (tmp_path / "a.txt").write_text("Exports rose 7% this year.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Imports fell 3%.", encoding="utf-8")
    (tmp_path / "index.csv").write_text(
        "file,title,published,url,outlet\na.txt,Exports up,2024-03-25,https://example.org/a,Trend\n",
        encoding="utf-8")
    articles = read_corpus([tmp_path]).set_index("source")
    by_name = {Path(s).name: row for s, row in articles.iterrows()}
    assert set(by_name) == {"a.txt", "b.txt"}, "the index is read, not taken for a corpus"
    assert by_name["a.txt"]["published"] == pd.Timestamp("2024-03-25")
    assert (by_name["a.txt"]["title"], by_name["a.txt"]["url"]) == ("Exports up", "https://example.org/a")
    assert pd.isna(by_name["b.txt"]["published"]) and by_name["b.txt"]["status"] == "ok"


@pytest.mark.parametrize("index, message", [
    ("file,published\na.txt,25 Marsch\n", r"index\.csv:2: unreadable date '25 Marsch'"),
    ("file,published\na.txt,2024-03-25\na.txt,2024-03-26\n", r"index\.csv:3: 'a.txt' is listed twice"),
    ("file,published\n,2024-03-25\n", r"index\.csv:2: no file name"),
])
def test_a_broken_sidecar_index_is_one_clear_error(tmp_path, index, message):
    (tmp_path / "a.txt").write_text("Exports rose 7%.", encoding="utf-8")
    (tmp_path / "index.csv").write_text(index, encoding="utf-8")
    with pytest.raises(CorpusError, match=message):
        read_corpus([tmp_path])


def test_a_csv_named_index_without_a_file_column_is_a_corpus(tmp_path):
    (tmp_path / "index.csv").write_text("text,date\nGDP grew 4.8%.,2024-01-10\n", encoding="utf-8")
    articles = read_corpus([tmp_path])
    assert list(articles["status"]) == ["ok"] and articles["published"].iloc[0] == pd.Timestamp("2024-01-10")


# ---------------------------------------------------------------------------- dates


@pytest.mark.parametrize("date, day", [("07.08.2021", "2021-08-07"), ("13.08.2021", "2021-08-13"),
                                       ("2021-08-07", "2021-08-07"), ("7 August 2021", "2021-08-07")])
def test_a_date_column_is_read_day_first_as_the_region_writes_it(tmp_path, date, day):
    path = tmp_path / "news.csv"
    path.write_text(f"text,date\nExports rose 7%.,{date}\n", encoding="utf-8")
    articles = read_corpus([path])
    assert articles["published"].iloc[0] == pd.Timestamp(day) and articles["published_from"].iloc[0] == "record"


def test_a_date_format_can_be_forced(tmp_path):
    path = tmp_path / "news.csv"
    path.write_text("text,date\nExports rose 7%.,08/07/2021\n", encoding="utf-8")
    assert read_corpus([path], date_format="%m/%d/%Y")["published"].iloc[0] == pd.Timestamp("2021-08-07")


def test_an_undated_text_takes_the_run_date_else_its_latest_full_date(tmp_path):
    (tmp_path / "a.txt").write_text("As of 1 October 2023, reserves were $35 billion; on 12 September 2023 less.",
                                    encoding="utf-8")
    (tmp_path / "b.txt").write_text("Exports rose 7% this year.", encoding="utf-8")
    inferred = read_corpus([tmp_path]).set_index(read_corpus([tmp_path])["source"].map(lambda s: Path(s).name))
    assert inferred.loc["a.txt", "published"] == pd.Timestamp("2023-10-01")
    assert inferred.loc["a.txt", "published_from"] == "text"
    assert pd.isna(inferred.loc["b.txt", "published"]) and inferred.loc["b.txt", "published_from"] == ""
    run = read_corpus([tmp_path], published="2024-03-25")
    assert (run["published"] == pd.Timestamp("2024-03-25")).all() and set(run["published_from"]) == {"run"}


def test_a_run_date_that_is_no_date_is_one_clear_error(tmp_path):
    (tmp_path / "a.txt").write_text("Exports rose 7%.", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"--published 'soon': not a date"):
        read_corpus([tmp_path], published="soon")
