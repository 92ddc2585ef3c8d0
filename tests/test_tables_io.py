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


# --------------------------------------------------------------------------- issue 15: more formats, read back


@pytest.fixture(scope="module")
def run_tables(tmp_path_factory):
    """The four tables of a small run (rules only), as the engine makes them."""
    import json

    import extractor

    folder = tmp_path_factory.mktemp("news")
    rows = [{"id": "a", "title": "=Wages", "text": "The minimum wage doubled from 42,500 to 85,000 tenge in 2024."},
            {"id": "b", "title": "Trade", "text": "Exports grew from $61.1 billion to $81.6 billion in 2023."}]
    (folder / "news.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return extractor.run([folder / "news.jsonl"], ner=False)


@pytest.mark.parametrize("suffix", [".csv", ".tsv", ".json", ".jsonl", ".parquet"])
def test_every_table_format_reads_back_with_its_types(tmp_path, run_tables, suffix):
    from extractor.outputs.tables_io import read_table

    for name, frame in zip(("articles", "mentions", "claims", "checks"), run_tables):
        found, back = read_table(write_table(frame, tmp_path / f"{name}{suffix}"))
        assert found == name
        if name == "articles":  # its dates are datetime64[us]; read back as the other tables' [ns]
            back["published"] = back["published"].astype(frame["published"].dtype)
            back["scraped"] = back["scraped"].astype(frame["scraped"].dtype)
        if name == "checks" and suffix in (".json", ".jsonl"):  # JSON has no infinity: an unbounded tolerance is null
            frame = frame.assign(tolerance=frame["tolerance"].replace(float("inf"), float("nan")))
        pd.testing.assert_frame_equal(back, frame, check_dtype=False, check_categorical=False, obj=f"{name}{suffix}")
    assert isinstance(back["claim_ids"].iloc[0], list)


def test_a_list_written_as_python_or_json_text_reads_as_a_list():
    from extractor.outputs.tables_io import _as_list

    assert _as_list("['a', 'b']") == _as_list('["a", "b"]') == ["a", "b"]
    assert _as_list("[1.5, -2, nan]")[:2] == [1.5, -2] and _as_list("[]") == []
    assert _as_list("__import__('os').system('x')") == ["__import__('os').system('x')"], "never run"


def test_a_file_that_is_no_table_of_the_engine_is_named_in_the_error(tmp_path):
    from extractor.errors import CorpusError
    from extractor.outputs.tables_io import read_table, read_tables

    pd.DataFrame({"id": [1], "text": ["GDP grew"]}).to_csv(tmp_path / "news.csv", index=False)
    with pytest.raises(CorpusError, match=r"news\.csv: not one of the engine's tables"):
        read_table(tmp_path / "news.csv")
    with pytest.raises(CorpusError, match=r"news\.csv: not a table the engine wrote"):
        read_tables([tmp_path / "news.csv"])


def test_a_table_streams_as_the_bytes_of_its_file(tmp_path):
    import io

    from extractor.outputs.tables_io import stream_format, write_stream

    for suffix in (".csv", ".json", ".parquet"):
        buffer = io.BytesIO()
        write_stream(table(), suffix, buffer)
        assert buffer.getvalue() == write_table(table(), tmp_path / f"t{suffix}").read_bytes()
    assert stream_format(None) == ".csv" and stream_format("tsv") == ".tsv"
    with pytest.raises(OutputError, match="unknown table format"):
        stream_format("docx")
