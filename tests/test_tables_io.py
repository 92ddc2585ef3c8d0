"""Writing tables a user can trust (issue 14): CSV rows that read back as written, no cell a
spreadsheet program would run, and no half-written file under the real name."""

from __future__ import annotations

import openpyxl
import pandas as pd
import pytest

from extractor.errors import OutputError
from extractor.formatting import unescape_cell
from extractor.outputs.tables_io import write_table

# Text as hostile or careless sources write it: (title, what a spreadsheet program would do)
HOSTILE = [
    "GDP reached $288 billion",                # plain text
    "a title with a lone\rcarriage return",    # split rows in every CSV output before
    "two\r\nlines and a \"quote\", a comma",
    "=HYPERLINK(\"http://x\",\"click\")",      # a live formula
    "=cmd|' /C calc'!A0",                      # DDE
    "+1+1", "@SUM(A1:A2)", "\t=1+1", "-x+1",
    "-5%",                                     # a negative figure stays as written
    "'already quoted",
]


def table() -> pd.DataFrame:
    return pd.DataFrame({"title": HOSTILE, "n": range(len(HOSTILE)),
                         "value": [1.5] * len(HOSTILE), "ids": [["a", "b"]] * len(HOSTILE)})


def test_csv_reads_back_with_the_same_rows_and_text_after_unescaping(tmp_path):
    path = write_table(table(), tmp_path / "t.csv")
    back = pd.read_csv(path, keep_default_na=False)
    assert len(back) == len(HOSTILE) and back["n"].tolist() == list(range(len(HOSTILE)))
    assert [unescape_cell(t) for t in back["title"]] == HOSTILE


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_no_cell_is_run_as_a_formula(tmp_path, suffix):
    path = write_table(table(), tmp_path / f"t{suffix}")
    if suffix == ".csv":
        cells = pd.read_csv(path, keep_default_na=False)["title"].tolist()
        assert not [c for c in cells if c[:1] in ("=", "+", "@", "\t") or (c.startswith("-") and c != "-5%")]
    else:
        ws = openpyxl.load_workbook(path).active
        assert not [c.coordinate for row in ws.iter_rows() for c in row if c.data_type == "f"]


def test_an_interrupted_write_leaves_the_old_file_and_no_partial_one(tmp_path, monkeypatch):
    path = tmp_path / "t.parquet"
    write_table(table(), path)
    before = path.read_bytes()

    def disk_full(self, *args, **kwargs):
        with open(args[0], "wb") as handle:
            handle.write(b"PAR1")  # a few bytes, then the disk is full
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(pd.DataFrame, "to_parquet", disk_full)
    with pytest.raises(OutputError, match=r"t\.parquet: cannot write \(No space left on device\)"):
        write_table(table().head(1), path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["t.parquet"]
