"""extractor.corpus.readers under random input: it never raises, every record gets a valid status, and
every body (and title) is the exact slice of the decoded file at its offset."""

from __future__ import annotations

import io
import tempfile
from pathlib import Path

from hypothesis import example, given, settings
from hypothesis import strategies as st

from extractor import iter_articles
from extractor.corpus.readers import ARTICLE_COLUMNS, HEADER, STATUSES

SETTINGS = settings()  # the examples per test come from the profile (tests/conftest.py)

REAL_HEADERS = ["17.03.2025, 11:50 6181", " date 2025-03-19 17.03.2025, 11:50 6181",
                "18.03.2025, 19:30 7586", "09.12.2025, 20:32 79996", "10.12.2025, 16:20"]
# Header-shaped lines with any two-digit fields: impossible dates and times included.
made_headers = st.builds(
    "{:02d}.{:02d}.{:04d}, {:02d}:{:02d}{}".format,
    st.integers(0, 39), st.integers(0, 19), st.integers(0, 9999), st.integers(0, 29),
    st.integers(0, 69), st.one_of(st.just(""), st.integers(0, 10**25).map(" {}".format)),
)
lines = st.one_of(
    st.sampled_from(REAL_HEADERS),
    made_headers,
    st.sampled_from(["", " ", "\t", "   "]),                                    # blank
    st.sampled_from(["Images | Akorda", "Images | Depositphotos", "Photo | x"]),  # captions
    st.sampled_from(["\u00a0", "\u00a0 ", " \u00a0"]),                           # end lines
    st.sampled_from(["Budget grows", "Revenue rose 5%, primeminister.kz reports."]),
    st.text(max_size=60),                                                      # anything
)
feed_texts = st.builds(
    lambda first, body, newline: newline.join(([first] if first else []) + body),
    st.one_of(st.none(), st.sampled_from(REAL_HEADERS), made_headers),
    st.lists(lines, max_size=30),
    st.sampled_from(["\n", "\r\n", "\r"]),
)
ENCODINGS = ["utf-8", "utf-8-sig", "utf-16"]


def read(data: bytes, suffix: str = ".txt") -> list[dict]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"random{suffix}"
        path.write_bytes(data)
        return list(iter_articles(path))


def check_rows(rows: list[dict], data: bytes) -> None:
    assert rows, "every file gives at least one row"
    for row in rows:
        assert set(row) == set(ARTICLE_COLUMNS)
        assert row["status"] in STATUSES
        assert bool(row["error"]) == (row["status"] == "failed")
        if row["status"] == "ok":
            assert row["body"].strip()
        if row["body"] or row["title"]:
            text = data.decode(row["encoding"])
        if row["body"]:
            assert text[row["offset"]:row["offset"] + len(row["body"])] == row["body"]
        if row["title"]:
            assert text[row["title_offset"]:row["title_offset"] + len(row["title"])] == row["title"]


@SETTINGS
@given(feed_texts, st.sampled_from(ENCODINGS))
@example("17.03.2025, 11:50 1\n32.13.2025, 25:61 2\nT\nBody.\n", "utf-8")
@example("17.03.2025, 11:50 " + "9" * 5000 + "\nT\nBody.", "utf-8")
@example("17.03.2025, 11:50 1\r\nT\r\nT\r\nImages | Akorda\r\n\u00a0 \r\n", "utf-16")
def test_feed_dump_reader_on_random_text(text, encoding):
    data = text.encode(encoding, "surrogatepass")
    rows = read(data)
    check_rows(rows, data)
    decoded = data.decode(encoding)
    physical = list(io.StringIO(decoded, newline=""))  # the lines the reader iterates
    first = next((line for line in physical if line.strip()), "")
    if rows[0]["encoding"] is None:
        # refused as a whole: only text with NULs or mostly control characters is
        assert len(rows) == 1 and "binary content" in rows[0]["error"]
        assert any(ord(ch) < 32 and ch not in "\t\n\r" for ch in decoded)
    elif HEADER.match(first):
        # a feed dump: exactly one row per header line, numbered in order
        assert len(rows) == sum(1 for line in physical if HEADER.match(line))
        assert [r["record"] for r in rows] == list(range(len(rows)))
        assert {r["encoding"] for r in rows} == {encoding}
    else:
        assert len(rows) == 1 and rows[0]["offset"] in (0, None)


@SETTINGS
@given(st.binary(max_size=3000), st.sampled_from([b"", b"17.03.2025, 11:50 6181\n"]),
       st.sampled_from([".txt", ".jsonl", ".csv", ".txt.gz", ".parquet"]))
@example(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), b"", ".txt")
@example(b"\xff\xfe\x00", b"", ".txt")
@example(b"\x98\xc0\xc1", b"", ".txt")
def test_reader_on_random_bytes(data, prefix, suffix):
    data = prefix + data
    rows = read(data, suffix)
    assert rows
    for row in rows:
        assert row["status"] in STATUSES
        assert bool(row["error"]) == (row["status"] == "failed")
    if suffix == ".txt":
        check_rows(rows, data)
