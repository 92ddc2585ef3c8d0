"""The command line: every command has help with an example, and claims/extract write tables."""

import pandas as pd
import pytest
from typer.testing import CliRunner

from extractor.cli import app

runner = CliRunner()
COMMANDS = sorted(command.name or command.callback.__name__ for command in app.registered_commands)


def test_the_commands_of_the_issues_so_far_are_there():
    assert {"extract", "claims", "report", "eval"} <= set(COMMANDS)


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_an_example(command):
    result = runner.invoke(app, [command, "--help"], terminal_width=200)
    assert result.exit_code == 0, result.output
    assert "Example: extractor " in result.output


@pytest.mark.parametrize("suffix", [".csv", ".parquet", ".jsonl", ".xlsx"])
def test_claims_writes_the_claims_table_by_suffix(tmp_path, suffix):
    out = tmp_path / f"claims{suffix}"
    result = runner.invoke(app, ["claims", "data/sample", "-o", str(out), "--no-ner"])
    assert result.exit_code == 0, result.output
    assert out.exists() and out.stat().st_size > 0
    if suffix == ".parquet":
        assert {"claim_id", "claim_type", "summary"} <= set(pd.read_parquet(out).columns)


# The error tests call the entry point, extractor.cli.main, in this process (conftest.py's
# run_main); tests/test_corpus.py runs it once in a real process for the exit code and stderr.


def test_an_unknown_output_format_is_one_clear_error_before_any_work(tmp_path, run_main):
    returncode, _, stderr = run_main("extract", "data/sample", "-o", str(tmp_path / "m.txt"))
    assert returncode != 0
    assert stderr.strip().splitlines() == [f"error: {tmp_path / 'm.txt'}: unknown output format "
                                           "'.txt'; use one of .parquet, .csv, .jsonl, .xlsx"]
    assert "records read" not in stderr  # nothing was read before the error


ERROR_CASES = [
    (["extract", "/no/such/folder", "-o", "{tmp}/m.csv"], "/no/such/folder: no such file or directory"),
    (["extract", "data/sample", "-o", "{tmp}/m.pdf"], "unknown output format '.pdf'"),
    (["extract", "data/sample", "-o", "{tmp}/bad.csv/m.csv"], "is not a writable folder"),
    (["check", "data/sample", "-o", "{tmp}/c.csv", "--reference", "{tmp}/bad.csv"], "missing column(s)"),
    (["sheet", "data/sample", "-o", "{tmp}/s.csv"], "written as .xlsx"),
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
