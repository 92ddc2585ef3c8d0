"""`extractor extract` streams (issue 16): the Mentions table is written batch by batch as it is
extracted, so memory stays flat with the corpus, and the file is the one written whole before.

The corpora repeat the two sample dumps (18 real articles a copy; repeated texts get ids of their
own, ``~2``, ``~3``...), written a copy at a time (``test_corpus_streaming.write_dump``). The
memory measure runs the command line in a fresh interpreter under a small wrapper, so
``RUSAGE_CHILDREN``'s ``ru_maxrss`` is the command's own peak (its largest process), not that
of something the test run started before; the whole tree (workers too) is sampled beside it.

Quote the figures with::

    .venv/bin/python tests/test_streaming.py --size-mb 20 [--ner] [--workers N]

which prints ``size_mb=... articles=... figures=... seconds=... peak_rss_mb=... peak_tree_rss_mb=...``.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import pandas as pd
import pytest

from extractor.tables import internal_form

from extractor.outputs import streaming
from extractor.outputs.tables_io import read_table, write_table
from test_corpus_streaming import SAMPLE_ARTICLES, write_dump

ROOT = Path(__file__).resolve().parent.parent
PEAK_RSS_LIMIT_MB = 500

# --------------------------------------------------------------------------- the same table as written whole


@pytest.fixture
def small_batches(monkeypatch):
    """Batches of 50 rows: the sample's 209 figures take five, so appending is what is tested."""
    monkeypatch.setattr(streaming, "BATCH_ROWS", 50)


@pytest.fixture
def batch_log(monkeypatch):
    """The size of every batch the streamed extract writes, in order."""
    sizes: list[int] = []
    write = streaming.BatchSink.write

    def logged(self, rows):
        sizes.append(len(rows))
        return write(self, rows)

    monkeypatch.setattr(streaming.BatchSink, "write", logged)
    return sizes


@pytest.mark.parametrize("suffix", [".parquet", ".csv", ".tsv", ".jsonl"])
def test_a_streamed_table_is_the_table_written_whole(tmp_path, run_main, sample_rules_mentions, small_batches,
                                                     batch_log, suffix):
    streamed = tmp_path / f"mentions{suffix}"
    code, _, stderr = run_main("extract", "data/sample", "-o", str(streamed), "--no-ner", cwd=ROOT)
    assert code == 0, stderr
    assert batch_log == [50, 50, 50, 50, 9], "written in batches"
    whole = write_table(sample_rules_mentions, tmp_path / f"whole{suffix}")
    pd.testing.assert_frame_equal(read_table(streamed)[1], read_table(whole)[1])
    if suffix == ".parquet":  # the same columns, dtypes and values as the frame in memory
        pd.testing.assert_frame_equal(internal_form(pd.read_parquet(streamed), "mentions"), sample_rules_mentions)
    else:  # the same bytes: one writer for both
        assert streamed.read_bytes() == whole.read_bytes()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == [], "no partial file left"


def test_two_workers_stream_the_same_table(tmp_path, run_main, sample_rules_mentions, small_batches, batch_log):
    out = tmp_path / "mentions.parquet"
    code, _, stderr = run_main("extract", "data/sample", "-o", str(out), "--no-ner", "--workers", "2", cwd=ROOT)
    assert code == 0, stderr
    assert len(batch_log) == 5
    pd.testing.assert_frame_equal(internal_form(pd.read_parquet(out), "mentions"), sample_rules_mentions)


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_standard_output_gets_the_bytes_of_the_file(tmp_path, sample_rules_mentions, small_batches, batch_log, fmt):
    from typer.testing import CliRunner

    from extractor.cli import app

    result = CliRunner().invoke(app, ["extract", str(ROOT / "data" / "sample"), "-o", "-", "--format", fmt,
                                      "--no-ner", "-q"])
    assert result.exit_code == 0, result.output
    assert len(batch_log) == 5
    assert result.stdout_bytes == write_table(sample_rules_mentions, tmp_path / f"whole.{fmt}").read_bytes()


def test_formats_that_cannot_be_appended_to_are_written_whole(tmp_path, run_main, sample_rules_mentions, batch_log):
    for name in ("mentions.json", "mentions.xlsx"):
        code, _, stderr = run_main("extract", "data/sample", "-o", str(tmp_path / name), "--no-ner", cwd=ROOT)
        assert code == 0, stderr
    assert batch_log == [], "not streamed"
    pd.testing.assert_frame_equal(read_table(tmp_path / "mentions.json")[1],
                                  read_table(write_table(sample_rules_mentions, tmp_path / "whole.json"))[1])


# --------------------------------------------------------------------------- every record accounted for, as before

GOOD = {"title": "Trade", "text": "Exports grew from $61.1 billion to $81.6 billion in 2023.", "date": "2024-02-01"}
UNDATED = {"text": "Imports fell by 2 percent.", "date": "the 31st of Smarch"}  # no year in the text to date it by
# (records of news.jsonl, extra options, what both the streamed and the whole path must print)
ACCOUNTS = [
    ([GOOD, "not json", GOOD | {"text": ""}], [], "records read: 3  ok: 1  empty: 1  failed: 1\n"
                                                  "failed 1 record: invalid JSON"),
    ([GOOD, UNDATED], [], "warning 1 record(s) have a date that cannot be read (first: NEWS record 1)"),
    ([GOOD, "not json", {"body": 7}], ["-v"], "failed NEWS record 1: line 2: invalid JSON (Expecting value); "
                                              "fix or remove the line\nfailed NEWS record 2: line 3: text is int"),
    ([GOOD, "not json", UNDATED], ["-q"], None),                            # -q: nothing but errors
    (["not json", "not json"], ["-q"], "failed 2 records: invalid JSON"),  # ... unless every record failed
]


def write_jsonl(path: Path, records: list) -> Path:
    path.write_text("".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in records), encoding="utf-8")
    return path


@pytest.mark.parametrize("records,options,printed", ACCOUNTS)
def test_the_streamed_extract_prints_the_same_account_of_every_record(tmp_path, run_main, records, options, printed):
    news = write_jsonl(tmp_path / "news.jsonl", records)
    said = {}
    for out in ("m.parquet", "m.json"):  # streamed; written whole
        code, _, stderr = run_main("extract", str(news), "-o", str(tmp_path / out), "--no-ner", *options)
        said[out] = (code, stderr.replace(out, "OUT").replace(str(news), "NEWS"))
    assert said["m.parquet"] == said["m.json"]
    stderr = said["m.parquet"][1]
    assert stderr == "" if printed is None else printed in stderr, stderr


def test_no_readable_record_leaves_no_file_and_the_old_one_as_it_was(tmp_path, run_main):
    news = write_jsonl(tmp_path / "news.jsonl", ["not json", GOOD | {"text": " "}])
    out = tmp_path / "m.parquet"
    out.write_bytes(b"the old table")
    code, _, stderr = run_main("extract", str(news), "-o", str(out), "--no-ner")
    assert code == 2 and "no readable record: 2 read, 1 failed, 1 empty; nothing written" in stderr
    assert out.read_bytes() == b"the old table"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["m.parquet", "news.jsonl"]


def test_a_failure_after_the_first_batch_leaves_no_partial_file(tmp_path, run_main, small_batches, monkeypatch):
    write = streaming.BatchSink.write

    def fails_second(self, rows):
        if self.batches == 1:
            raise OSError(28, "No space left on device")
        return write(self, rows)

    monkeypatch.setattr(streaming.BatchSink, "write", fails_second)
    out = tmp_path / "m.csv"
    code, _, stderr = run_main("extract", "data/sample", "-o", str(out), "--no-ner", cwd=ROOT)
    assert code == 2 and f"{out}: cannot write (No space left on device)" in stderr
    assert list(tmp_path.iterdir()) == []


def test_every_batch_has_the_declared_types_even_when_a_column_is_all_missing(tmp_path):
    from extractor.pipeline import mentions_frame
    from extractor.tables import MENTIONS

    import pyarrow.parquet as pq

    row = {"mention_id": "a:b0", "article_id": "a", "field": "body", "start": 0, "end": 3, "text": "5%",
           "unit": "%", "value": 5.0}
    out = tmp_path / "m.parquet"
    with streaming.written_in_batches(out, MENTIONS, mentions_frame) as sink:
        sink.write([row])  # every optional column missing
        sink.write([row | {"mention_id": "a:b9", "dimension": "ratio", "period_from": "2024-01-01",
                           "period_start": 2024}])
    assert pq.read_schema(out).equals(streaming.arrow_schema(MENTIONS))
    assert pq.ParquetFile(out).num_row_groups == 2
    back = pd.read_parquet(out)
    assert back["period_start"].tolist() == [pd.NA, 2024] and str(back["period_start"].dtype) == "Int64"
    assert back["dimension"].tolist()[1] == "ratio" and pd.isna(back["dimension"].tolist()[0])


# --------------------------------------------------------------------------- corpora of many copies of the sample


def figures_per_copy(folder: Path, name: str, ner: bool) -> Counter:
    """The figures of each article of one copy of the sample dumped as ``name``, by its id
    without the ``~N`` of a repeated text."""
    import extractor

    one = folder / name
    write_dump(one, 0.001)  # one copy
    mentions = extractor.extract(extractor.read_corpus([one]), ner=ner)
    one.unlink()
    return Counter(base_ids(mentions["article_id"]))


def base_ids(ids) -> list[str]:
    return [re.sub(r"~\d+$", "", i) for i in ids]


def expected_figures(per_copy: Counter, copies: int) -> Counter:
    return Counter({article: count * copies for article, count in per_copy.items()})


def figures_by_article(path: Path) -> Counter:
    import pyarrow.parquet as pq

    return Counter(base_ids(pq.read_table(path, columns=["article_id"]).column("article_id").to_pylist()))


def test_a_corpus_of_many_copies_is_written_in_many_batches_and_its_rows_add_up(tmp_path, run_main, batch_log,
                                                                                  monkeypatch):
    # a quarter of a megabyte keeps the default run fast; the memory measure below takes 200 MB
    monkeypatch.setattr(streaming, "BATCH_ROWS", 200)
    articles, size = write_dump(tmp_path / "big.txt", 0.25)
    copies = articles // SAMPLE_ARTICLES
    out = tmp_path / "m.parquet"
    code, _, stderr = run_main("extract", str(tmp_path / "big.txt"), "-o", str(out), "--no-ner", "--workers", "2")
    assert code == 0, stderr
    expected = expected_figures(figures_per_copy(tmp_path, "big.txt", ner=False), copies)
    total = sum(expected.values())
    assert f"records read: {articles}  ok: {articles}  empty: 0  failed: 0" in stderr
    assert batch_log == [200] * (total // 200) + ([total % 200] if total % 200 else [])
    assert figures_by_article(out) == expected


# --------------------------------------------------------------------------- the memory measure

# Runs the command it is given and prints the peak RSS of its largest process (KB on Linux).
WRAPPER = """
import resource, subprocess, sys
done = subprocess.run(sys.argv[1:])
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, done.returncode)
"""


def tree_rss(process) -> int:
    """The resident memory of a process and all its descendants, in bytes."""
    import psutil

    total = 0
    for p in [process, *process.children(recursive=True)]:
        try:
            total += p.memory_info().rss
        except psutil.Error:  # ended between the listing and the reading
            pass
    return total


def measure_extract(corpus: Path, out: Path, ner: bool, workers: int) -> dict:
    """``extractor extract corpus -o out`` in a fresh interpreter: seconds, the peak RSS of its
    largest process and of its whole process tree (sampled every 0.2 s)."""
    import psutil

    command = [sys.executable, "-m", "extractor.cli", "extract", str(corpus), "-o", str(out), "-q",
               "--workers", str(workers)] + ([] if ner else ["--no-ner"])
    start = time.perf_counter()
    wrapper = subprocess.Popen([sys.executable, "-c", WRAPPER, *command], cwd=ROOT, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    watched, peak_tree = psutil.Process(wrapper.pid), 0
    while wrapper.poll() is None:
        peak_tree = max(peak_tree, tree_rss(watched))
        time.sleep(0.2)
    seconds = time.perf_counter() - start
    stdout, stderr = wrapper.communicate()
    peak_kb, returncode = stdout.split()
    if int(returncode):
        raise RuntimeError(f"extract failed:\n{stderr}")
    return {"seconds": seconds, "peak_rss_mb": int(peak_kb) / 1024, "peak_tree_rss_mb": peak_tree / 2**20,
            "command": " ".join(command)}


@pytest.mark.slow
def test_200_mb_corpus_extracts_in_bounded_memory(tmp_path):
    articles, size = write_dump(tmp_path / "big.txt", 200)
    assert size >= 200 * 2**20
    result = measure_extract(tmp_path / "big.txt", tmp_path / "m.parquet", ner=False, workers=1)
    print(f"\n200 MB corpus, rules only: {result}")  # shown with -s
    assert result["peak_rss_mb"] < PEAK_RSS_LIMIT_MB, result
    expected = expected_figures(figures_per_copy(tmp_path, "big.txt", ner=False), articles // SAMPLE_ARTICLES)
    assert figures_by_article(tmp_path / "m.parquet") == expected


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size-mb", type=float, default=20, help="size of the generated feed dump")
    parser.add_argument("--ner", action="store_true", help="with the NER pass (default: --no-ner)")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--dir", type=Path, default=None, help="where to write it (default: a temp folder)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(dir=args.dir) as folder:
        corpus = Path(folder) / "big.txt"
        articles, size = write_dump(corpus, args.size_mb)
        result = measure_extract(corpus, Path(folder) / "m.parquet", args.ner, args.workers)
        figures = sum(figures_by_article(Path(folder) / "m.parquet").values())
    print(f"size_mb={size / 2**20:.1f} articles={articles} figures={figures} ner={args.ner} workers={args.workers} "
          f"seconds={result['seconds']:.1f} peak_rss_mb={result['peak_rss_mb']:.1f} "
          f"peak_tree_rss_mb={result['peak_tree_rss_mb']:.1f}")


if __name__ == "__main__":
    main()
