"""Fuzzing the input side (issue 14): random bytes and text through every line-based reader, cut
gzip streams, tight limits, and the text extraction entry point. No exception escapes, and every
record is accounted for: one row per record, ``ok``, ``empty`` or ``failed`` with its reason.

The examples per test follow the hypothesis profile (tests/conftest.py): a sixth of it, so the
default "fast" profile stays a few seconds and ``make test-all`` ("thorough") searches ten times
as hard.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import tempfile
from pathlib import Path

from hypothesis import example, given, settings
from hypothesis import strategies as st

from extractor import iter_articles
from extractor.corpus.readers import ARTICLE_COLUMNS, STATUSES
from extractor.pipeline import extract_text

FUZZ = settings(max_examples=max(8, settings().max_examples // 6))

# A line's bytes: anything but line ends and NUL (NUL makes the whole file binary: tested apart),
# opened with "#" so no line is blank by chance.
line_bytes = st.binary(max_size=80).map(lambda b: b"#" + b.translate(None, b"\r\n\x00"))
texts = st.text(st.characters(blacklist_categories=("Cs",)), max_size=80)
limits = st.fixed_dictionaries({}, optional={"max_record_size": st.integers(1, 400),
                                             "max_line_length": st.integers(1, 400)})


def read(data: bytes, suffix: str, **options) -> list[dict]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"fuzz{suffix}"
        path.write_bytes(data)
        return list(iter_articles(path, **options))


def check_accounted(rows: list[dict]) -> None:
    """Every row a whole Articles row whose status says what happened."""
    assert rows, "every file gives at least one row"
    for row in rows:
        assert set(row) == set(ARTICLE_COLUMNS)
        assert row["status"] in STATUSES
        assert bool(row["error"]) == (row["status"] == "failed"), row
        if row["status"] == "ok":
            assert row["body"].strip()


def jsonl_of(records: list[str | bytes]) -> bytes:
    """JSON Lines of ``records``: a str is a JSON object's text, bytes are a line as they are."""
    return b"".join((r if isinstance(r, bytes) else json.dumps({"text": r}).encode()) + b"\n" for r in records)


jsonl_records = st.lists(st.one_of(texts, line_bytes, st.just(b"")), max_size=20)


@FUZZ
@given(jsonl_records, limits)
@example([b"", "\u00e9t\u00e9", "caf\u00e9".encode("latin-1"), "Itâ€™s"], {})
@example(["a" * 500, "GDP grew 5%."], {"max_line_length": 100})
def test_jsonl_every_line_is_one_row(records, options):
    data = jsonl_of(records)
    rows = read(data, ".jsonl", **options)
    check_accounted(rows)
    lines = [r for r in records if r != b""]
    if lines:
        assert len(rows) == len(lines)
        assert [r["record"] for r in rows] == [n for n, r in enumerate(records) if r != b""]
    else:
        assert [r["status"] for r in rows] == ["empty"]


csv_cells = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=40)


@FUZZ
@given(st.lists(st.tuples(csv_cells, csv_cells), max_size=15), limits)
@example([("x\r\ny", '"quoted"'), ("", "a,b")], {})
def test_csv_every_record_is_one_row(records, options):
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n", quoting=csv.QUOTE_ALL)  # a lone "\r" too
    writer.writerow(["title", "text"])
    writer.writerows(("t" + title, "x" + text) for title, text in records)  # never a blank record
    rows = read(buffer.getvalue().encode("utf-8"), ".csv", **options)
    check_accounted(rows)
    if "CSV header" in rows[0]["error"]:  # over a limit: without its header a CSV is one failed row
        assert len(rows) == 1 and options
        return
    assert len(rows) == max(len(records), 1)
    for row, (_, text) in zip(rows, records):
        # a record fails only over a limit or for text that is UTF-8 read as cp1252 (mojibake)
        assert row["body"] == "x" + text if row["status"] == "ok" else options or "mixed_encoding" in row["error"]


@FUZZ
@given(st.binary(max_size=2000), st.sampled_from([".txt", ".jsonl", ".csv"]), limits)
@example(b"\xef\xbb\xbf" + "Доходы".encode("cp1251"), ".txt", {})
@example(b"\xff\xfe" + b"a\x00\n\x00\x00\xd8", ".jsonl", {})
def test_random_bytes_never_raise(data, suffix, options):
    check_accounted(read(data, suffix, **options))


@FUZZ
@given(st.one_of(st.binary(max_size=3000), jsonl_records.map(jsonl_of)), st.floats(0, 1),
       st.sampled_from([".jsonl.gz", ".csv.gz", ".txt.gz"]))
def test_a_cut_gzip_keeps_a_prefix_and_fails_the_rest(data, where, suffix):
    packed = gzip.compress(data)
    cut = max(1, int(len(packed) * where))  # no byte at all is an empty file, not a cut one
    rows = read(packed[:cut], suffix)
    check_accounted(rows)
    whole = read(packed, suffix)
    if cut < len(packed):
        # what was read before the cut is what a whole read gives there, then one failed row
        assert rows[-1]["status"] == "failed", rows[-1]
        kept = [(r["record"], r["status"], r["body"]) for r in rows[:-1]]
        assert kept == [(r["record"], r["status"], r["body"]) for r in whole[:len(kept)]]
        assert ("mid-stream" in rows[-1]["error"] or "cannot read" in rows[-1]["error"]
                or rows[-1]["error"] == whole[len(kept)]["error"])
    else:
        assert [{k: v for k, v in r.items() if k != "source"} for r in rows] == [
            {k: v for k, v in r.items() if k != "source"} for r in whole]


@FUZZ
@given(texts, st.sampled_from([None, "2024-03-25"]))
@example("GDP grew 5% to $288 billion in 2024, up from 4.8%.", None)
@example("\u00a0\u2028 1,2,3 %% $ € 10^99 1e400 ....5 -- 0x1F", "2024-03-25")
def test_extract_text_never_raises(text, published):
    mentions = extract_text(text, published=published, ner=False)
    for mention in mentions.itertuples():
        assert 0 <= mention.start <= mention.end <= len(text)
