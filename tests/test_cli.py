"""The command line: every command has help with an example, tables are written by suffix or to
standard output, articles come from files or standard input, the progress bar knows its total,
failures are counted once per reason, and tables written before are taken as input (issue 15)."""

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from rich.console import Console
from typer.testing import CliRunner

from extractor import cli
from extractor.cli import app
from extractor.outputs.tables_io import read_table, write_table
from extractor.version import __version__

from hostile_tables import tiny_tables  # shared by the output tests

runner = CliRunner()
COMMANDS = sorted(command.name or command.callback.__name__ for command in app.registered_commands)
FORMATS = ".parquet, .csv, .tsv, .json, .jsonl, .xlsx"
NEWS = [{"id": "a", "title": "Wages", "text": "The minimum wage doubled from 42,500 to 85,000 tenge in 2024."},
        {"id": "b", "title": "Trade", "text": "Exports grew from $61.1 billion to $81.6 billion."}]


def jsonl(rows) -> str:
    return "".join(json.dumps(row) + "\n" for row in rows)


def test_the_commands_of_the_issues_so_far_are_there():
    assert {"extract", "claims", "check", "sheet", "charts", "report", "eval"} <= set(COMMANDS)


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_an_example(command):
    result = runner.invoke(app, [command, "--help"], terminal_width=200)
    assert result.exit_code == 0, result.output
    assert "Example: extractor " in result.output


def test_version():
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and result.stdout.strip() == f"extractor {__version__}"


@pytest.mark.parametrize("suffix", [".csv", ".parquet", ".jsonl", ".xlsx"])
def test_claims_writes_the_claims_table_by_suffix(tmp_path, suffix):
    out = tmp_path / f"claims{suffix}"
    result = runner.invoke(app, ["claims", "data/sample", "-o", str(out), "--no-ner"])
    assert result.exit_code == 0, result.output
    assert out.exists() and out.stat().st_size > 0
    if suffix == ".parquet":
        assert {"claim_id", "claim_type", "summary"} <= set(pd.read_parquet(out).columns)


@pytest.mark.parametrize("suffix", [".json", ".tsv"])
def test_json_and_tsv_tables_read_back_as_written(tmp_path, suffix):
    (tmp_path / "news.jsonl").write_text(jsonl(NEWS), encoding="utf-8")
    out, parquet = tmp_path / f"m{suffix}", tmp_path / "m.parquet"
    for target in (out, parquet):
        result = runner.invoke(app, ["extract", str(tmp_path / "news.jsonl"), "-o", str(target), "--no-ner"])
        assert result.exit_code == 0, result.output
    if suffix == ".json":
        records = json.loads(out.read_text(encoding="utf-8"))
        assert isinstance(records, list) and {"doubled", "42,500", "$61.1 billion"} <= {r["text"] for r in records}
    else:
        assert out.read_text(encoding="utf-8").splitlines()[0].startswith('"mention_id"\t"article_id"')
    name, back = read_table(out)
    expected = read_table(parquet)[1]  # both read back as the engine's table
    assert name == "mentions"
    pd.testing.assert_frame_equal(back, expected, check_dtype=False)


# --------------------------------------------------------------------------- standard input and output


def test_standard_input_to_standard_output_in_a_real_process(tmp_path):
    """`cat news.jsonl | extractor extract - -o - --format json`: the table on stdout, the counts on stderr."""
    env = {**os.environ, "COLUMNS": "80"}
    result = subprocess.run([sys.executable, "-m", "extractor.cli", "extract", "-", "-o", "-", "--format", "json",
                             "--no-ner"], input=jsonl(NEWS).encode(), capture_output=True, cwd=tmp_path, env=env,
                            timeout=300)
    assert result.returncode == 0, result.stderr.decode()
    records = json.loads(result.stdout)
    assert {"42,500", "$61.1 billion", "$81.6 billion"} <= {r["text"] for r in records}
    assert "records read: 2  ok: 2" in result.stderr.decode()
    assert not list(tmp_path.iterdir()), "nothing is left behind"


@pytest.mark.parametrize("text, suffix", [(jsonl(NEWS), ".jsonl"), ("id,title,text\na,Trade,\"Exports grew 5%.\"\n", ".csv"),
                                           ("GDP reached $288 billion in 2024.", ".txt")],
                         ids=["jsonl", "csv", "text"])
def test_standard_input_is_read_in_the_format_its_first_bytes_show(text, suffix):
    result = runner.invoke(app, ["extract", "-", "-o", "-", "--no-ner"], input=text)
    assert result.exit_code == 0, result.output
    table = pd.read_csv(io.StringIO(result.stdout))
    assert len(table) >= 1 and table["article_id"].str.startswith("stdin:").all()
    assert cli._suffix_of(text.encode()) == suffix


def test_csv_on_standard_output_is_the_file_a_path_gets(tmp_path):
    (tmp_path / "news.jsonl").write_text(jsonl(NEWS), encoding="utf-8")
    piped = runner.invoke(app, ["claims", str(tmp_path / "news.jsonl"), "-o", "-", "--no-ner", "-q"])
    written = runner.invoke(app, ["claims", str(tmp_path / "news.jsonl"), "-o", str(tmp_path / "c.csv"), "--no-ner"])
    assert piped.exit_code == written.exit_code == 0
    assert piped.stdout == (tmp_path / "c.csv").read_text(encoding="utf-8")
    assert piped.stderr == "", "-q: nothing but the table"


# --------------------------------------------------------------------------- what is printed


def test_quiet_prints_nothing_and_verbose_lists_every_failed_record(tmp_path):
    bad = ['{"text": "Exports grew 5%."}', "{broken", "{broken too"]
    (tmp_path / "news.jsonl").write_text("\n".join(bad) + "\n", encoding="utf-8")
    args = ["extract", str(tmp_path / "news.jsonl"), "-o", str(tmp_path / "m.csv"), "--no-ner"]
    quiet = runner.invoke(app, [*args, "-q"])
    assert quiet.exit_code == 0 and quiet.stderr == "" and quiet.stdout == ""
    normal = runner.invoke(app, args)
    assert [line for line in normal.stderr.splitlines() if line.startswith("failed")] == [
        f"failed 2 records: invalid JSON (Expecting property name enclosed in double quotes); fix or remove the "
        f"line (first: {tmp_path / 'news.jsonl'} record 1)"]
    verbose = runner.invoke(app, [*args, "-v"])
    assert [line.split(": ")[0] for line in verbose.stderr.splitlines() if line.startswith("failed")] == [
        f"failed {tmp_path / 'news.jsonl'} record 1", f"failed {tmp_path / 'news.jsonl'} record 2"]
    both = runner.invoke(app, [*args, "-q", "-v"])
    assert both.exit_code != 0


def test_no_readable_record_is_an_error_with_each_reason_once(tmp_path, run_main):
    for i in range(5):
        (tmp_path / f"report{i}.docx").write_bytes(b"PK\x03\x04")
    out = tmp_path / "m.csv"
    returncode, stdout, stderr = run_main("extract", str(tmp_path), "-o", str(out), "--no-ner")
    assert returncode != 0 and not out.exists()
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert lines == [
        "records read: 5  ok: 0  empty: 0  failed: 5",
        "failed 5 records: unsupported format '.docx'; use one of .csv, .jsonl, .parquet, .txt (optionally .gz) "
        f"(first: {(tmp_path / 'report0.docx').as_posix()} record 0)",
        "error: no readable record: 5 read, 5 failed, 0 empty; nothing written"]


def test_a_text_column_no_input_has_is_an_error_before_any_reading(tmp_path, run_main):
    (tmp_path / "news.jsonl").write_text(jsonl(NEWS), encoding="utf-8")
    returncode, _, stderr = run_main("extract", str(tmp_path / "news.jsonl"), "-o", str(tmp_path / "m.csv"),
                                     "--text-column", "content", "--no-ner")
    assert returncode != 0 and "records read" not in stderr
    assert stderr.strip().splitlines() == ["error: --text-column 'content': no input has that column; the columns "
                                           "are: news.jsonl (id, title, text)"]
    returncode, _, stderr = run_main("extract", "data/sample", "-o", str(tmp_path / "m.csv"), "--text-column", "body")
    assert returncode != 0 and "no input is a table" in stderr
    ok = runner.invoke(app, ["extract", str(tmp_path / "news.jsonl"), "-o", str(tmp_path / "m.csv"),
                             "--text-column", "title", "--no-ner"])
    assert ok.exit_code == 0, ok.output


def test_the_progress_bar_has_a_total_percentage_speed_and_time_left(tmp_path, monkeypatch):
    screen = io.StringIO()
    monkeypatch.setattr(cli, "console", Console(file=screen, force_terminal=True, width=160, color_system=None))
    result = runner.invoke(app, ["extract", "data/sample", "-o", str(tmp_path / "m.csv"), "--no-ner"])
    assert result.exit_code == 0, result.output
    shown = screen.getvalue()
    total = sum(p.stat().st_size for p in Path("data/sample").iterdir())
    assert f"/{total / 1e3:.1f} kB" in shown or f"/{total / 1e6:.1f} MB" in shown, shown[-600:]
    assert "%" in shown and "B/s" in shown and "records" in shown
    assert "0:00:" in shown or "-:--:--" in shown  # time left


def test_progress_follows_the_bytes_read():
    tracker = cli.ReadProgress(None, {"a.txt": 1000, "b.txt": 500})
    tracker({"source": "a.txt", "body": "x" * 300})
    assert (tracker.done, tracker.within) == (0, 300)
    tracker({"source": "a.txt", "body": "x" * 900})
    assert tracker.within == 990, "never past the file's end before the next one starts"
    tracker({"source": "b.txt", "body": "x" * 100})
    assert (tracker.done, tracker.within, tracker.records) == (1000, 100, 3)


# --------------------------------------------------------------------------- tables as input


@pytest.fixture
def written_tables(tmp_path):
    """The tiny tables, as `extractor report` would write them: parquet and CSV files."""
    articles, mentions, claims = tiny_tables()
    folder = tmp_path / "tables"
    for name, table in (("articles", articles), ("mentions", mentions), ("claims", claims)):
        write_table(table, folder / f"{name}.parquet")
        write_table(table, folder / f"{name}.csv")
    return folder


@pytest.fixture
def no_extraction(monkeypatch):
    from extractor import pipeline

    def refuse(*args, **kwargs):
        raise AssertionError("the articles were read and extracted again")

    monkeypatch.setattr(pipeline, "iter_mentions", refuse)


@pytest.mark.parametrize("table", ["mentions.parquet", "mentions.csv"])
def test_sheet_charts_and_report_take_a_mentions_table_without_extracting(written_tables, tmp_path, table,
                                                                         no_extraction):
    import openpyxl

    given = str(written_tables / table)
    sheet = runner.invoke(app, ["sheet", given, "-o", str(tmp_path / "s.xlsx")])
    assert sheet.exit_code == 0, sheet.output
    assert "no extraction" in sheet.stderr
    rows = list(openpyxl.load_workbook(tmp_path / "s.xlsx")["Indicators"].iter_rows(values_only=True))
    assert rows[1][0] == "gdp" and rows[1][-2:] == (250e9, 288e9)
    charts = runner.invoke(app, ["charts", given, "-o", str(tmp_path / "figures")])
    assert charts.exit_code == 0, charts.output
    assert (tmp_path / "figures" / "trend_gdp_usd.png").is_file()
    report = runner.invoke(app, ["report", given, str(written_tables / "articles.parquet"), "-o", str(tmp_path / "r")])
    assert report.exit_code == 0, report.output
    assert {"claims.html", "indicators.xlsx", "extractor.db", "checks.parquet"} <= {p.name for p in (tmp_path / "r").iterdir()}


def test_check_takes_a_claims_table_and_a_report_folder(written_tables, tmp_path, no_extraction):
    result = runner.invoke(app, ["check", str(written_tables / "claims.csv"), "-o", str(tmp_path / "k.csv")])
    assert result.exit_code == 0, result.output
    checks = pd.read_csv(tmp_path / "k.csv")
    assert set(checks["check"]) >= {"arithmetic"} or len(checks) >= 0
    report = runner.invoke(app, ["report", str(written_tables / "mentions.parquet"), "-o", str(tmp_path / "r")])
    assert report.exit_code == 0, report.output
    again = runner.invoke(app, ["check", str(tmp_path / "r"), "-o", str(tmp_path / "k2.parquet")])
    assert again.exit_code == 0, again.output
    assert pd.read_parquet(tmp_path / "k2.parquet")["check_id"].tolist() == pd.read_parquet(
        tmp_path / "r" / "checks.parquet")["check_id"].tolist()


def test_tables_and_articles_together_are_an_error(written_tables, tmp_path, run_main):
    returncode, _, stderr = run_main("sheet", str(written_tables / "mentions.parquet"), "data/sample", "-o",
                                     str(tmp_path / "s.xlsx"))
    assert returncode != 0 and "not a table the engine wrote" in stderr


def test_a_claims_table_alone_does_not_make_a_sheet(written_tables, tmp_path, run_main):
    returncode, _, stderr = run_main("sheet", str(written_tables / "claims.parquet"), "-o", str(tmp_path / "s.xlsx"))
    assert returncode != 0 and "needs the Mentions table" in stderr


# The error tests call the entry point, extractor.cli.main, in this process (conftest.py's
# run_main); tests/test_corpus.py runs it once in a real process for the exit code and stderr.


def test_an_unknown_output_format_is_one_clear_error_before_any_work(tmp_path, run_main):
    returncode, _, stderr = run_main("extract", "data/sample", "-o", str(tmp_path / "m.txt"))
    assert returncode != 0
    assert stderr.strip().splitlines() == [f"error: {tmp_path / 'm.txt'}: unknown output format "
                                           f"'.txt'; use one of {FORMATS}"]
    assert "records read" not in stderr  # nothing was read before the error


ERROR_CASES = [
    (["extract", "/no/such/folder", "-o", "{tmp}/m.csv"], "/no/such/folder: no such file or directory"),
    (["extract", "data/sample", "-o", "{tmp}/m.pdf"], "unknown output format '.pdf'"),
    (["extract", "data/sample", "-o", "{tmp}/bad.csv/m.csv"], "is not a writable folder"),
    (["check", "data/sample", "-o", "{tmp}/c.csv", "--reference", "{tmp}/bad.csv"], "missing column(s)"),
    (["sheet", "data/sample", "-o", "{tmp}/s.csv"], "written as .xlsx"),
    (["extract", "data/sample", "-o", "-", "--format", "docx"], "--format 'docx': unknown table format"),
    (["extract", "data/sample", "-o", "{tmp}/m.csv", "--format", "json"], "the file's suffix gives its format"),
]


@pytest.mark.parametrize("args, message", ERROR_CASES, ids=[" ".join(c[0][:1] + c[0][-1:]) for c in ERROR_CASES])
def test_errors_are_one_clear_line_and_a_non_zero_exit(tmp_path, run_main, args, message):
    (tmp_path / "bad.csv").write_text("a,b\n1,2\n")
    argv = [a.format(tmp=tmp_path) for a in args]
    returncode, _, stderr = run_main(*argv, "--no-ner")
    assert returncode != 0
    lines = [line for line in stderr.splitlines() if line.strip() and not line.startswith("records read")]
    assert len(lines) == 1 and lines[0].startswith("error: ") and message in lines[0], stderr
    assert "Traceback" not in stderr
