"""The reader against files that end early, decode badly late on, or are too big (issue 14, input
side): every record finished before the trouble is kept, the trouble gets one failed row saying
what happened and what to do, and nothing grows memory beyond the limits.

Measure the gzip bomb (time and peak memory of a fresh reader process) with::

    .venv/bin/python tests/test_reader_limits.py

which prints ``format=... rows=... seconds=S peak_rss_mb=X`` for a 1 GiB bomb of each format.
"""

from __future__ import annotations

import gzip
import json
import random
import re
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

import pytest

from extractor import CorpusError, iter_articles
from extractor.api import read
from extractor.corpus import readers, stream
from extractor.corpus.stream import parse_size

RECORDS = 50
TRUNCATED = re.compile(r"^file ends mid-stream \(truncated gzip\) after record (\d+): the records before it "
                       r"were read; re-download or re-compress the file$")


def words(rng: random.Random, count: int) -> str:
    """Text that compresses about as well as news does, so half the .gz holds about half the records."""
    vocabulary = ["budget", "exports", "rose", "tenge", "billion", "percent", "ministry", "said", "growth",
                  "Kazakhstan", "imports", "fell", "year", "output", "oil", "wheat", "region"]
    return " ".join(rng.choice(vocabulary) + str(rng.randrange(1000)) for _ in range(count))


def bodies(words_each: int) -> list[str]:
    rng = random.Random(words_each)
    return [f"Article {i}: {words(rng, words_each)}." for i in range(RECORDS)]


def as_jsonl(texts: list[str]) -> bytes:
    return "".join(json.dumps({"id": i, "text": t}) + "\n" for i, t in enumerate(texts)).encode()


def as_csv(texts: list[str]) -> bytes:
    return ("id,text\n" + "".join(f'{i},"{t}"\n' for i, t in enumerate(texts))).encode()


def as_feed_dump(texts: list[str]) -> bytes:
    """A feed dump as tests/test_corpus.py writes them: header, blank, title, blank, body, end line."""
    return "".join(f"17.03.2025, 11:{i % 60:02d} {100 + i}\n\nTitle {i}\n\n{t}\n\u00a0 \n\n"
                   for i, t in enumerate(texts)).encode()


FORMATS = {"jsonl": (".jsonl.gz", as_jsonl), "csv": (".csv.gz", as_csv), "feed": (".txt.gz", as_feed_dump)}


def rows_of(path: Path, **options) -> list[dict]:
    return list(iter_articles(path, **options))


# --------------------------------------------------------------------------- 1. truncated gzip


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("words_each", [12, 400], ids=["inside-the-sniffed-prefix", "beyond-it"])
def test_truncated_gzip_keeps_the_records_before_the_cut(tmp_path, fmt, words_each):
    suffix, build = FORMATS[fmt]
    texts = bodies(words_each)
    packed = gzip.compress(build(texts))
    path = tmp_path / f"news{suffix}"
    path.write_bytes(packed[:len(packed) // 2])
    rows = rows_of(path)
    ok = [r for r in rows if r["status"] == "ok"]
    failed = [r for r in rows if r["status"] == "failed"]
    assert 0.3 * RECORDS < len(ok) < 0.7 * RECORDS, [r["status"] for r in rows]
    assert len(failed) == 1 and rows[-1] is failed[0] and len(rows) == len(ok) + 1
    assert [r["body"] for r in ok] == texts[:len(ok)]
    match = TRUNCATED.match(failed[0]["error"])
    assert match, failed[0]["error"]
    assert int(match[1]) == ok[-1]["record"] and failed[0]["record"] > ok[-1]["record"]


@pytest.mark.parametrize("data, cut, reason", [
    (b"GDP grew 5% in 2024.\n" * 100, 0.5, r"^cannot read: file ends mid-stream \(truncated gzip\)"),
    (b"", 1.0, None),  # a whole gzip of nothing is an empty file, not a truncated one
    (b"GDP grew 5%.", 1.0, None),
], ids=["plain-text-cut", "empty-gzip", "whole-plain-text"])
def test_a_plain_text_gzip_is_one_row(tmp_path, data, cut, reason):
    packed = gzip.compress(data)
    path = tmp_path / "a.txt.gz"
    path.write_bytes(packed[:int(len(packed) * cut)])
    [row] = rows_of(path)
    if reason is None:
        assert row["status"] == ("ok" if data else "empty") and row["body"] == data.decode()
    else:
        assert row["status"] == "failed" and re.match(reason, row["error"]), row["error"]


@pytest.mark.parametrize("tail, status, reason", [
    (gzip.compress(as_jsonl(["Imports fell 2%."])), "ok", ""),  # a second member: concatenated gzips
    (b"\x00" * 1024, "ok", ""),  # padding after the last member, as tape tools write it
    (b"this is no gzip member", "failed", "corrupt gzip data"),
], ids=["second-member", "nul-padding", "trailing-garbage"])
def test_what_follows_a_gzip_member(tmp_path, tail, status, reason):
    path = tmp_path / "news.jsonl.gz"
    path.write_bytes(gzip.compress(as_jsonl(["Exports rose 5%."])) + tail)
    rows = rows_of(path)
    assert rows[0]["status"] == "ok" and rows[0]["body"] == "Exports rose 5%."
    assert rows[-1]["status"] == status and reason in rows[-1]["error"]


def test_a_bad_crc_fails_what_it_covers(tmp_path):
    """The CRC is checked at the end of the member: the data it covers cannot be trusted, so
    what was inflated with the check (one input chunk, here the whole file) fails with it."""
    packed = bytearray(gzip.compress(as_jsonl(bodies(12))))
    packed[-8] ^= 0xFF  # the CRC-32 of the trailer
    (tmp_path / "news.jsonl.gz").write_bytes(bytes(packed))
    [row] = rows_of(tmp_path / "news.jsonl.gz")
    assert row["status"] == "failed"
    assert row["error"] == ("cannot read: corrupt gzip data (Error -3 while decompressing data: incorrect data "
                            "check); re-download or re-compress the file")


# --------------------------------------------------------------------------- 2. one pass


@pytest.fixture
def pieces_read(monkeypatch):
    """Every stream a reader opens, with the bytes it read; no other way into a file is left."""
    opened: list[stream.RawPieces] = []
    real_init = stream.RawPieces.__init__

    def spy(self, *args, **kwargs):
        real_init(self, *args, **kwargs)
        opened.append(self)

    monkeypatch.setattr(stream.RawPieces, "__init__", spy)
    monkeypatch.setattr(readers, "open_binary", lambda *a: pytest.fail("a reader opened the file a second time"))
    return opened


@pytest.mark.parametrize("name, build", [
    ("news.jsonl", as_jsonl), ("news.csv", as_csv), ("dump.txt", as_feed_dump), ("dump.txt.gz", as_feed_dump),
    ("plain.txt", lambda texts: "\n".join(texts).encode()),
])
def test_each_file_is_read_once(tmp_path, pieces_read, name, build):
    data = build(bodies(400))  # several times the sniffed prefix
    assert len(data) > 2 * readers.SNIFF_BYTES
    path = tmp_path / name
    path.write_bytes(gzip.compress(data) if name.endswith(".gz") else data)
    rows = rows_of(path)
    assert {r["status"] for r in rows} == {"ok"}
    assert len(pieces_read) == 1 and pieces_read[0].read_bytes == len(data)


def test_a_late_utf16_error_fails_from_that_line_on(tmp_path):
    texts = bodies(400)
    data = as_feed_dump(texts).decode().encode("utf-16")
    cut = len(data) * 3 // 4 & ~1
    data = data[:cut] + "\ud800".encode("utf-16-le", "surrogatepass") + "x".encode("utf-16-le") + data[cut:]
    (tmp_path / "dump.txt").write_bytes(data)
    rows = rows_of(tmp_path / "dump.txt")
    ok = [r for r in rows if r["status"] == "ok"]
    assert [r["status"] for r in rows] == ["ok"] * len(ok) + ["failed"] and 30 < len(ok) < 40
    assert [r["body"] for r in ok] == texts[:len(ok)]
    assert re.match(r"^line \d+: cannot decode as utf-16 \(illegal UTF-16 surrogate\) after record "
                    rf"{len(ok) - 1}: the records before it were read; pass --encoding", rows[-1]["error"])


def test_an_ascii_start_then_latin1_reads_on_as_latin1(tmp_path):
    """Only ASCII in the sniffed prefix, then the first accents, in latin-1: the file is latin-1,
    and the ASCII records before read the same in it."""
    texts = bodies(400)
    texts[40] = "Le café crème coûte 3 francs à Genève."
    data = as_jsonl(texts).replace(json.dumps(texts[40]).encode(), f'"{texts[40]}"'.encode("latin-1"))
    (tmp_path / "news.jsonl").write_bytes(data)
    rows = rows_of(tmp_path / "news.jsonl")
    assert [r["status"] for r in rows] == ["ok"] * RECORDS
    assert [r["body"] for r in rows] == texts
    assert {r["encoding"] for r in rows[41:]} == {"latin-1"}


# --------------------------------------------------------------------------- 3. limits


@pytest.mark.parametrize("text, size", [
    ("500MB", 500 * 10**6), ("2GiB", 2 * 2**30), ("32 MB", 32 * 10**6), ("1.5KiB", 1536), ("4096", 4096),
    ("10kb", 10_000), (1024, 1024),
])
def test_sizes_as_users_write_them(text, size):
    assert parse_size(text) == size


@pytest.mark.parametrize("text", ["lots", "2 GiBs", "-5MB", "0", "1e9", "MB", ""])
def test_a_bad_size_is_one_clear_error(tmp_path, text):
    (tmp_path / "a.txt").write_text("GDP grew 5%.")
    with pytest.raises(CorpusError, match=r"^max_file_size \(--max-file-size\): .*(not a size|above zero)"):
        rows_of(tmp_path, max_file_size=text)


def test_the_defaults_are_the_documented_ones():
    limits = readers.ReaderOptions().limits()
    assert (limits.max_file_size, limits.max_record_size, limits.max_line_length) == (2 * 2**30, 32 * 10**6,
                                                                                     32 * 10**6)


def write_gzip(path: Path, head: bytes, filler: bytes, size: int, tail: bytes = b"") -> Path:
    """A gzip of ``head``, ``size`` bytes of ``filler`` and ``tail``, written in 1 MiB chunks."""
    chunk = filler * ((1 << 20) // len(filler))
    with gzip.open(path, "wb", compresslevel=6) as out:
        out.write(head)
        for _ in range(size // len(chunk)):
            out.write(chunk)
        out.write(tail)
    return path


OVER_FILE = (r"^file over max_file_size \(1 MB decompressed\) after record (\d+): the records before it were read; "
             r"raise it with --max-file-size \(max_file_size= in Python\) if the file is trusted$")


@pytest.mark.parametrize("name, head, filler", [
    ("bomb.jsonl.gz", as_jsonl(["Exports rose 5%.", "Imports fell 2%."]), as_jsonl(["a" * 2000])),
    ("bomb.csv.gz", as_csv(["Exports rose 5%.", "Imports fell 2%."]), as_csv(["a" * 2000])[len("id,text\n"):]),
    ("bomb.txt.gz", as_feed_dump(["Exports rose 5%.", "Imports fell 2%."]), as_feed_dump(["a" * 2000])),
])
def test_a_file_over_the_size_limit_stops_there(tmp_path, name, head, filler):
    path = write_gzip(tmp_path / name, head, filler, 5 * 2**20)
    assert path.stat().st_size < 100_000
    rows = rows_of(path, max_file_size="1MB")
    assert [r["body"] for r in rows[:2]] == ["Exports rose 5%.", "Imports fell 2%."]
    assert rows[-1]["status"] == "failed" and {r["status"] for r in rows[:-1]} == {"ok"}
    match = re.match(OVER_FILE, rows[-1]["error"])
    assert match, rows[-1]["error"]
    assert int(match[1]) == rows[-2]["record"]


def test_a_plain_text_over_the_size_limit_fails_naming_it(tmp_path):
    path = write_gzip(tmp_path / "bomb.txt.gz", b"", b"a", 5 * 2**20)
    [row] = rows_of(path, max_file_size="1MB")
    assert row["status"] == "failed" and row["error"].startswith("cannot read: file over max_file_size (1 MB")


RECORD_OVER = "record over max_record_size (1 kB of text); raise it with --max-record-size (max_record_size= in Python)"


@pytest.mark.parametrize("name, data, failed_line", [
    ("news.jsonl", as_jsonl(["Exports rose 5%.", "x" * 2000, "Imports fell 2%."]), 2),
    ("news.csv", as_csv(["Exports rose 5%.", "x" * 2000, "Imports fell 2%."]), 3),
    # 20 lines of one quoted field, one with an escaped quote: read to the field's end, not held
    ("news.csv", as_csv(["Exports rose 5%.", ("x" * 99 + "\n") * 10 + 'say ""no""\n' + ("x" * 99 + "\n") * 10,
                         "Imports fell 2%."]), 3),
    ("dump.txt", as_feed_dump(["Exports rose 5%.", ("x" * 99 + "\n") * 20, "Imports fell 2%."]), 8),
], ids=["jsonl-line", "csv-field", "csv-multiline-field", "feed-article"])
def test_a_record_over_the_limit_fails_and_the_next_is_read(tmp_path, name, data, failed_line):
    path = tmp_path / name
    path.write_bytes(data)
    rows = rows_of(path, max_record_size="1kB")
    assert [r["status"] for r in rows] == ["ok", "failed", "ok"]
    assert [rows[0]["body"], rows[2]["body"]] == ["Exports rose 5%.", "Imports fell 2%."]
    assert rows[1]["error"].startswith(f"line {failed_line}: {RECORD_OVER}"), rows[1]["error"]


def test_a_line_over_the_line_limit_fails_its_record(tmp_path):
    path = tmp_path / "news.jsonl"
    path.write_bytes(as_jsonl(["Exports rose 5%.", "x" * 300, "Imports fell 2%."]))
    rows = rows_of(path, max_line_length=200)
    assert [r["status"] for r in rows] == ["ok", "failed", "ok"]
    assert rows[1]["error"] == ("line 2: longer than max_line_length (200 bytes of text); "
                                "raise it with --max-line-length (max_line_length= in Python)")


def test_an_over_long_line_is_never_held(tmp_path):
    """A 40 MB line under a 1 MB record limit: reading it holds a few pieces, not the line."""
    path = write_gzip(tmp_path / "line.jsonl.gz", b'{"text": "', b"a", 40 * 2**20, b'"}\n{"text": "Exports rose."}\n')
    tracemalloc.start()
    try:
        rows = rows_of(path, max_record_size="1MB")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert [r["status"] for r in rows] == ["failed", "ok"] and rows[1]["body"] == "Exports rose."
    assert peak < 8 * 2**20, f"peak {peak / 2**20:.1f} MiB while reading a 40 MB line"


def test_offsets_stay_exact_after_a_skipped_line(tmp_path, decoded):
    dump = as_feed_dump(["Exports rose 5%.", "y" * 3000, "Imports fell 2%."])
    path = tmp_path / "dump.txt"
    path.write_bytes(dump)
    rows = rows_of(path, max_line_length=1000)
    assert [r["status"] for r in rows] == ["ok", "failed", "ok"]
    text = decoded(path, "utf-8")
    assert text[rows[2]["offset"]:rows[2]["offset"] + len(rows[2]["body"])] == "Imports fell 2%."


def test_api_read_passes_the_limits(tmp_path):
    path = write_gzip(tmp_path / "bomb.jsonl.gz", as_jsonl(["Exports rose 5%."]), b"a", 3 * 2**20)
    articles, _ = read([path], ner=False, max_file_size="1MB", max_record_size=10_000)
    assert list(articles["status"].iloc[[0, -1]]) == ["ok", "failed"]
    assert re.match(OVER_FILE, articles["error"].iloc[-1])


@pytest.mark.parametrize("args, message", [
    (["--max-file-size", "1MB"], r"failed 1 record: file over max_file_size \(1 MB decompressed\)"),
    (["--max-record-size", "45"], r"failed 1 record: record over max_record_size \(45 bytes of text\)"),
    (["--max-file-size", "lots"], r"error: --max-file-size: 'lots' is not a size; write it like 500MB, 2GiB"),
    (["--max-line-length", "0"], r"error: --max-line-length: '0': a size must be above zero"),
])
def test_cli_limit_flags(tmp_path, run_main, args, message):
    path = write_gzip(tmp_path / "bomb.jsonl.gz", as_jsonl(["Exports rose 5%."]), b"a", 3 * 2**20)
    if "--max-record-size" in args:
        path = tmp_path / "news.jsonl"
        path.write_bytes(as_jsonl(["Exports rose 5%.", "Imports fell by 2% in 2024."]))
    code, out, err = run_main("extract", str(path), "-o", str(tmp_path / "m.csv"), "--no-ner", *args)
    assert re.search(message, " ".join(err.split())), err
    assert code == (2 if message.startswith("error") else 0), err


# --------------------------------------------------------------------------- the 1 GiB bomb, measured

BOMB_READER = """
import json, sys, time
from extractor import iter_articles
start = time.perf_counter()
rows = [(r["status"], r["error"]) for r in iter_articles(sys.argv[1])]
print(json.dumps({"rows": rows, "seconds": time.perf_counter() - start}))
"""
BOMB_SECONDS, BOMB_RSS_MB = 10, 500


def write_bomb(folder: Path, suffix: str) -> Path:
    """1 GiB of "a" on one line (about 1 MB of gzip), then one real record."""
    tail = b'"}\n{"text": "Exports rose 5%."}\n' if suffix == ".jsonl.gz" else b"\n"
    head = b'{"text": "' if suffix == ".jsonl.gz" else b""
    return write_gzip(folder / f"bomb{suffix}", head, b"a", 2**30, tail)


# The reader's parent, fresh too: RUSAGE_CHILDREN is the largest child a process ever waited for,
# so in the test process it could be another test's child.
PARENT = """
import json, resource, subprocess, sys
done = subprocess.run([sys.executable, "-c", sys.argv[1], sys.argv[2]], capture_output=True, text=True)
if done.returncode:
    sys.exit(done.stderr)
result = json.loads(done.stdout.strip().splitlines()[-1])
result["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # KB on Linux
print(json.dumps(result))
"""


def measure_bomb(path: Path) -> dict:
    """Read ``path`` in a fresh interpreter: its rows, seconds and peak RSS."""
    done = subprocess.run([sys.executable, "-c", PARENT, BOMB_READER, str(path)], capture_output=True, text=True,
                          timeout=300, check=False)
    if done.returncode:
        raise RuntimeError(f"the reader subprocess failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.slow
@pytest.mark.parametrize("suffix", [".jsonl.gz", ".txt.gz"])
def test_a_1_gib_gzip_bomb_is_refused_quickly_in_little_memory(tmp_path, suffix):
    path = write_bomb(tmp_path, suffix)
    assert path.stat().st_size < 5 * 2**20
    result = measure_bomb(path)
    assert result["rows"][0][0] == "failed" and "max_record_size (32 MB" in result["rows"][0][1], result
    if suffix == ".jsonl.gz":
        assert result["rows"][1] == ["ok", ""], "the record after the bomb is still read"
    assert result["seconds"] < BOMB_SECONDS, result
    assert result["peak_rss_mb"] < BOMB_RSS_MB, result


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        for suffix in (".jsonl.gz", ".txt.gz"):
            path = write_bomb(Path(folder), suffix)
            start = time.perf_counter()
            result = measure_bomb(path)
            print(f"format={suffix} compressed_bytes={path.stat().st_size} rows={[s for s, _ in result['rows']]} "
                  f"seconds={result['seconds']:.1f} wall={time.perf_counter() - start:.1f} "
                  f"peak_rss_mb={result['peak_rss_mb']:.0f}")


if __name__ == "__main__":
    main()
