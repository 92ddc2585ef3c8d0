"""Output you can trust (issue 14, the writing side): one row per attempt a hostile or careless
user made, each asserting what now holds. Nothing executed (no formula cell in any .xlsx, CSV
cells escaped), CSVs that read back with the same rows, and a report folder that after a kill,
a full disk or a second run is the old complete report or the new one, never a mix."""

from __future__ import annotations

import csv
import errno
import json
import os
import signal
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from hypothesis import given, strategies as st

import extractor
from extractor.errors import CorpusError, OutputError
from extractor.formatting import escape_cell, formula_like, unescape_cell
from extractor.outputs import report as report_mod
from extractor.outputs.folder import MANIFEST, StagedFolder, manifest_problems, read_manifest
from extractor.outputs.report import write_report
from extractor.outputs.tables_io import read_table, write_table
from extractor.version import __version__

EXTRACTOR = Path(sys.executable).with_name("extractor")

# Article text as a hostile source writes it; each holds a figure, so it reaches every table.
HOSTILE = [
    ('=HYPERLINK("http://evil.example","click")', '=HYPERLINK("http://evil.example","click") GDP grew 5% in 2024.'),
    ("=cmd|' /C calc'!A0", "=cmd|' /C calc'!A0 Exports reached $80 billion in 2024."),
    ("+1", "+1 The minimum wage rose to 85,000 tenge in 2024."),
    ("@SUM(A1:A9)", "@SUM(A1:A9) 1,367 kindergartens were built in 2024."),
    ("-2+3", "-2+3 Inflation was 8.6% in 2024."),
    ("a lone\rcarriage return", "Investment grew\rby 12% in 2024.\rImports fell 3%."),
    ("\t=1+1 tab", "\t=1+1 Unemployment stood at 4.7% in 2024."),
]


@pytest.fixture(scope="module")
def hostile_tables(tmp_path_factory):
    """The four tables of the hostile articles (rules only: no model needed)."""
    corpus = tmp_path_factory.mktemp("hostile") / "hostile.jsonl"
    corpus.write_text("".join(json.dumps({"id": f"h{i}", "title": t, "text": b, "date": "2025-03-17"}) + "\n"
                              for i, (t, b) in enumerate(HOSTILE)), encoding="utf-8")
    return extractor.run([corpus], ner=False)


@pytest.fixture(scope="module")
def small_tables(sample_articles, sample_rules_mentions):
    """Three sample articles and their figures: a report of them is written in about a second."""
    import extractor

    articles = sample_articles.head(3).copy()
    mentions = sample_rules_mentions[sample_rules_mentions["article_id"].isin(articles["article_id"])].copy()
    claims = extractor.build_claims(mentions)
    return articles, mentions, claims, extractor.check(claims, articles=articles)


def leftovers(parent: Path) -> list[str]:
    """Staging folders, moved-away reports, lock files and partial files beside or in a report."""
    return sorted(p.name for p in parent.rglob(".*"))


# --------------------------------------------------------------------------- executed: formulas


@pytest.mark.parametrize("text, runs", [
    ("=HYPERLINK(\"x\")", True), ("=cmd|' /C calc'!A0", True), ("+1", True), ("@SUM(A1)", True),
    ("-2+3", True), ("\tx", True), ("\rx", True), ("-x", True),
    ("-5", False), ("-5%", False), ("-1,234.5", False), ("GDP", False), ("", False), (" =1", False),
])
def test_formula_like_text_is_found_by_one_function(text, runs):
    assert formula_like(text) is runs
    assert (escape_cell(text) != text) is runs


@given(st.text())
def test_escaping_is_reversible(text):
    escaped = escape_cell(text)
    assert unescape_cell(escaped) == text
    assert escaped == text or escaped == "'" + text  # an apostrophe before, nothing else changed


def formula_cells(path: Path) -> list[str]:
    workbook = openpyxl.load_workbook(path)
    return [f"{ws.title}!{c.coordinate}" for ws in workbook.worksheets for row in ws.iter_rows() for c in row
            if c.data_type == "f"]


@pytest.mark.parametrize("table", ["articles", "mentions", "claims", "checks"])
def test_no_formula_cell_in_a_table_written_as_xlsx(tmp_path, hostile_tables, table):
    frame = getattr(hostile_tables, table)
    path = write_table(frame, tmp_path / f"{table}.xlsx")
    assert formula_cells(path) == []
    texts = {c.value for row in openpyxl.load_workbook(path).active.iter_rows() for c in row if isinstance(c.value, str)}
    if table == "articles":  # the text is kept as written, as text
        assert {t for t, _ in HOSTILE if "\r" not in t} <= texts


def test_no_formula_cell_in_the_indicator_sheet_and_no_formula_text_in_report_csvs(tmp_path, hostile_tables):
    out = tmp_path / "report"
    write_report(out, *hostile_tables)
    assert formula_cells(out / "indicators.xlsx") == []
    for name in ("articles", "mentions", "claims", "checks"):
        with open(out / f"{name}.csv", encoding="utf-8", newline="") as handle:
            cells = [cell for row in csv.reader(handle) for cell in row]
        assert not [c for c in cells if formula_like(c) and not c.startswith("'")], name


def test_cli_xlsx_outputs_hold_no_formula(tmp_path, hostile_tables, run_main):
    write_table(hostile_tables.mentions, tmp_path / "mentions.parquet")
    for command, name in (("check", "checks.xlsx"), ("sheet", "indicators.xlsx")):
        code, _, err = run_main(command, str(tmp_path / "mentions.parquet"), "-o", str(tmp_path / name), "-q")
        assert code == 0, err
        assert formula_cells(tmp_path / name) == []


# --------------------------------------------------------------------------- lost: CSV rows


@pytest.mark.parametrize("table", ["articles", "mentions"])
def test_csv_with_a_lone_carriage_return_reads_back_with_the_same_rows(tmp_path, hostile_tables, table):
    frame = getattr(hostile_tables, table)
    assert frame.astype(str).apply(lambda c: c.str.contains("\r")).any().any()  # the case is there
    path = write_table(frame, tmp_path / f"{table}.csv")
    by_pandas = pd.read_csv(path, dtype=str, keep_default_na=False)
    with open(path, encoding="utf-8", newline="") as handle:
        by_csv = list(csv.reader(handle))
    assert len(by_pandas) == len(by_csv) - 1 == len(frame)
    assert by_pandas.values.tolist() == by_csv[1:]
    column = "title" if table == "articles" else "sentence"
    assert [unescape_cell(t) for t in by_pandas[column]] == frame[column].fillna("").tolist()
    assert read_table(path, table)[1][column].fillna("").tolist() == frame[column].fillna("").tolist()


# --------------------------------------------------------------------------- half-written: the report folder


def test_a_fresh_report_has_a_manifest_of_every_file(tmp_path, small_tables):
    out = tmp_path / "r"
    written = write_report(out, *small_tables)
    manifest = read_manifest(out)
    assert manifest_problems(out) == []
    assert manifest["version"] == __version__ and manifest["command"] and "time" not in manifest  # same run, same bytes
    assert {f["path"] for f in manifest["files"]} | {MANIFEST} == {p.relative_to(out).as_posix() for p in written}
    assert any(f["path"].startswith("figures/") for f in manifest["files"])
    assert leftovers(tmp_path) == []


def test_a_folder_that_is_no_report_is_refused_then_replaced_whole_with_force(tmp_path, small_tables):
    out = tmp_path / "mine"
    out.mkdir()
    (out / "notes.txt").write_text("my notes")
    with pytest.raises(OutputError, match=r"mine: not empty and not a report extractor wrote \(it holds notes\.txt\)"
                                          r".*--force"):
        write_report(out, *small_tables)
    assert [p.name for p in out.iterdir()] == ["notes.txt"] and leftovers(tmp_path) == []
    write_report(out, *small_tables, force=True)
    assert not (out / "notes.txt").exists() and manifest_problems(out) == []


def test_a_rerun_into_an_old_report_leaves_no_chart_of_the_old_run(tmp_path, sample_tables_of_two_sizes):
    big, small = sample_tables_of_two_sizes
    out = tmp_path / "r"
    write_report(out, *big)
    old_charts = {p.name for p in (out / "figures").iterdir()}
    (out / "notes.txt").write_text("added by hand")
    write_report(out, *small)  # no --force needed: it is an earlier report
    new_charts = {p.name for p in (out / "figures").iterdir()}
    assert new_charts < old_charts  # the fewer charts of the new run, and only those
    assert manifest_problems(out) == [] and not (out / "notes.txt").exists()
    assert leftovers(tmp_path) == []


@pytest.fixture(scope="module")
def sample_tables_of_two_sizes(sample_articles, sample_rules_mentions):
    import extractor

    def tables(n):
        articles = sample_articles.head(n).copy()
        mentions = sample_rules_mentions[sample_rules_mentions["article_id"].isin(articles["article_id"])].copy()
        claims = extractor.build_claims(mentions)
        return articles, mentions, claims, extractor.check(claims, articles=articles)

    return tables(12), tables(2)


def test_a_report_folder_written_before_manifests_is_replaced_without_force(tmp_path, small_tables):
    committed = Path(__file__).resolve().parent.parent / "reports"
    out = tmp_path / "reports"
    for path in committed.rglob("*"):
        if path.is_file() and path.name != MANIFEST:
            (out / path.relative_to(committed)).parent.mkdir(parents=True, exist_ok=True)
            (out / path.relative_to(committed)).write_bytes(path.read_bytes())
    write_report(out, *small_tables)
    assert manifest_problems(out) == [] and leftovers(tmp_path) == []


def test_a_failure_midway_leaves_the_old_complete_report_and_nothing_else(tmp_path, small_tables, monkeypatch):
    out = tmp_path / "r"
    write_report(out, *small_tables)
    before = read_manifest(out)

    def killed(*args, **kwargs):
        raise KeyboardInterrupt  # as a Ctrl-C midway through the writing

    monkeypatch.setattr(report_mod, "write_claims_summary", killed)
    with pytest.raises(KeyboardInterrupt):
        write_report(out, *small_tables)
    assert read_manifest(out) == before and manifest_problems(out) == []
    assert leftovers(tmp_path) == []


def test_a_full_disk_midway_is_one_line_and_leaves_the_old_report(tmp_path, small_tables, monkeypatch):
    out = tmp_path / "r"
    write_report(out, *small_tables)
    before = read_manifest(out)

    def disk_full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(report_mod, "save_charts", disk_full)
    with pytest.raises(OutputError, match=r"^\S+/r: cannot write \(No space left on device\); free some space"):
        write_report(out, *small_tables)
    assert read_manifest(out) == before and manifest_problems(out) == [] and leftovers(tmp_path) == []


def test_two_runs_into_one_folder_cannot_mix(tmp_path, small_tables):
    out = tmp_path / "r"
    first = StagedFolder(out)
    first.open()
    try:
        with pytest.raises(OutputError, match=rf"r: another extractor run \(pid {os.getpid()}\) is writing there"):
            write_report(out, *small_tables)
    finally:
        first.abort()
    assert leftovers(tmp_path) == [] and not out.exists()


def test_a_stale_lock_of_a_dead_run_is_taken_over_with_a_note(tmp_path, small_tables):
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    (tmp_path / ".r.lock").write_text(f"{dead.pid}\n")
    folder = report_mod.report_folder(tmp_path / "r")
    folder.open()
    assert [n for n in folder.notes if "stale lock" in n and str(dead.pid) in n]
    write_report(folder, *small_tables)
    assert manifest_problems(tmp_path / "r") == [] and leftovers(tmp_path) == []


def test_a_killed_run_is_recovered_by_the_next(tmp_path, small_tables):
    """A kill between moving the old report away and moving the new one in: the next run puts
    the old one back before it starts, and removes the staging folder the killed run left."""
    out = tmp_path / "r"
    write_report(out, *small_tables)
    before = read_manifest(out)
    os.rename(out, tmp_path / ".r.old-1")
    (tmp_path / ".r.staging-1-x").mkdir()
    folder = report_mod.report_folder(out)
    folder.open()
    assert read_manifest(out) == before and any("restored" in n for n in folder.notes)
    folder.abort()
    assert leftovers(tmp_path) == []


def test_sigkill_of_a_report_midway_leaves_the_old_complete_report(tmp_path, small_tables):
    out = tmp_path / "r"
    write_report(out, *small_tables)
    before = read_manifest(out)
    # the report's own tables in (no extraction), the report replaced: as `make report` twice
    run = subprocess.Popen([str(EXTRACTOR), "report", str(out), "-o", str(out), "-q"],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and run.poll() is None:  # killed once it is writing
        staging = list(tmp_path.glob(".r.staging-*"))
        if staging and (staging[0] / "extractor.db").exists():
            break
        time.sleep(0.01)
    assert run.poll() is None, "the run ended before it could be killed midway"
    run.send_signal(signal.SIGKILL)
    run.wait()
    assert read_manifest(out) == before and manifest_problems(out) == []
    write_report(out, *small_tables)  # the next run cleans up what the killed one left
    assert manifest_problems(out) == [] and leftovers(tmp_path) == []


# --------------------------------------------------------------------------- a real full or read-only disk


@contextmanager
def mounted(where: Path, options: str):
    """A small tmpfs at ``where`` (needs root and mount rights; else the test is skipped)."""
    where.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(where)], capture_output=True)
    if done.returncode:
        pytest.skip(f"cannot mount a tmpfs to fill ({done.stderr.decode().strip() or 'not root'})")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=False)


def test_a_really_full_disk_is_one_line_with_no_partial_files(tmp_path, small_tables):
    with mounted(tmp_path / "disk", "size=160k") as disk:
        with pytest.raises(OutputError, match=r"cannot write \(No space left on device\); free some space"):
            write_report(disk / "r", *small_tables)
        assert list(disk.iterdir()) == []
        with pytest.raises(OutputError, match=r"t\.csv: cannot write \(No space left on device\)"):
            write_table(small_tables[0].assign(body="x" * 300_000), disk / "t.csv")
        assert list(disk.iterdir()) == []


def test_a_read_only_location_fails_before_any_work_in_one_line(tmp_path, run_main):
    with mounted(tmp_path / "ro", "ro,size=64k") as ro:
        for args in (["report", "data/sample", "-o", str(ro / "r")], ["sheet", "data/sample", "-o", str(ro / "x.xlsx")],
                     ["charts", "data/sample", "-o", str(ro / "f")], ["check", "data/sample", "-o", str(ro / "c.csv")],
                     ["extract", "data/sample", "-o", str(ro / "m.xlsx")]):
            started = time.monotonic()
            code, _, err = run_main(*args)
            assert code == 2 and time.monotonic() - started < 0.5, (args, err)
            assert "records read" not in err  # nothing was read
            lines = [line for line in err.splitlines() if line.strip()]
            assert len(lines) == 1 and str(ro) in lines[0] and "choose a writable location" in lines[0], lines


# --------------------------------------------------------------------------- bad Parquet input


def test_a_file_that_is_no_parquet_says_so(tmp_path):
    bad = tmp_path / "mentions.parquet"
    bad.write_bytes(b"PAR1 this is not parquet at all")
    with pytest.raises(CorpusError, match=rf"not a Parquet file: {bad}"):
        read_table(bad)
    rows = list(extractor.iter_articles([bad]))
    assert len(rows) == 1 and rows[0]["status"] == "failed" and rows[0]["error"].startswith("not a Parquet file")
