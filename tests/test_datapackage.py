"""Issue 15: the public form of the tables (NA, lists), the figures frame with value_usd, and the
report folder's datapackage.json, checked against the committed reports/ and fresh writes."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import extractor
from extractor import tables
from extractor.outputs.tables_io import read_table, write_table

REPORTS = Path(__file__).resolve().parent.parent / "reports"

# (internal flags cell, its public form): a figure's flags written and read back unchanged
FLAGS = [("", []), ("vague", ["vague"]), ("vague,each", ["vague", "each"]), ("partial,cross_sentence",
                                                                             ["partial", "cross_sentence"])]


@pytest.mark.parametrize("internal, public", FLAGS)
def test_flags_are_lists_in_public_and_text_inside(internal, public):
    frame = pd.DataFrame({"flags": [internal], "indicator": [""]})
    out = tables.public_form(frame, "mentions")
    assert out["flags"].iloc[0] == public and out["indicator"].isna().all()
    assert tables.internal_form(out, "mentions")["flags"].iloc[0] == internal


@pytest.mark.parametrize("suffix", [".parquet", ".csv", ".tsv", ".json", ".jsonl"])
@pytest.mark.parametrize("name", ["mentions", "claims"])
def test_a_table_round_trips_through_every_format_without_loss(tmp_path, name, suffix):
    engine = read_table(REPORTS / f"{name}.parquet")[1]
    back = read_table(write_table(engine, tmp_path / f"{name}{suffix}"))[1]
    pd.testing.assert_frame_equal(back, engine, check_dtype=False, obj=f"{name}{suffix}")


def test_the_committed_files_hold_na_and_lists():
    mentions = pd.read_parquet(REPORTS / "mentions.parquet")
    assert mentions["indicator"].isna().sum() > 0 and not (mentions["indicator"] == "").any()
    assert all(isinstance(f, (list, tuple)) or hasattr(f, "tolist") for f in mentions["flags"])
    assert pq.read_schema(REPORTS / "mentions.parquet").field("flags").type == pa.list_(pa.string())
    csv = pd.read_csv(REPORTS / "claims.csv", dtype=str, keep_default_na=False)
    assert all(json.loads(cell) is not None for cell in csv["mention_ids"]), "lists are JSON arrays in CSV"


# (figure, its unit and year, value_usd, the rate's source starts with): real rows of the sample
USD = [("$288 billion", 288e9, "stated in USD"),
       ("1.3 trillion tenge", 1.3e12 / 464.659, "HMRC yearly average via GBP, 2024 average: 464.659 KZT"),
       ("10 trillion tenge", math.nan, None)]  # 2027: no rate for that year


@pytest.mark.parametrize("text, usd, source", USD)
def test_figures_carry_their_article_and_dollars(text, usd, source):
    figures = extractor.figures([REPORTS])
    row = figures[figures["text"] == text].iloc[0]
    assert row["value_usd"] == pytest.approx(usd, nan_ok=True)
    assert (pd.isna(row["usd_rate_source"]) if source is None else row["usd_rate_source"].startswith(source))
    articles = pd.read_parquet(REPORTS / "articles.parquet").set_index("article_id")
    assert row["published"] == articles.loc[row["article_id"], "published"]
    assert row["title"] == articles.loc[row["article_id"], "title"] and isinstance(row["outlet"], str)


def test_the_datapackage_describes_every_column_of_every_table_file():
    package = json.loads((REPORTS / "datapackage.json").read_text(encoding="utf-8"))
    described = {r["path"]: r for r in package["resources"]}
    table_files = sorted(p.name for p in REPORTS.iterdir() if p.suffix in (".parquet", ".csv"))
    assert sorted(described) == table_files
    arrow = {"string": (pa.types.is_string, pa.types.is_large_string,  # a category: strings, dictionary-encoded
                        lambda t: pa.types.is_dictionary(t) and pa.types.is_string(t.value_type)), "integer": (pa.types.is_integer,),
             "number": (pa.types.is_floating,), "datetime": (pa.types.is_timestamp,),
             "array": (pa.types.is_list, pa.types.is_large_list), "any": (lambda t: True,)}
    names = {r["name"] for r in package["resources"]}
    for path, resource in described.items():
        fields = resource["schema"]["fields"]
        assert all(f["description"] for f in fields), path
        columns = pd.read_csv(REPORTS / path, nrows=0).columns.tolist() if path.endswith(".csv") else \
            pq.read_schema(REPORTS / path).names
        assert [f["name"] for f in fields] == columns, path
        for key in resource["schema"].get("foreignKeys", []):
            assert key["reference"]["resource"] in names
        if path.endswith(".parquet"):
            schema = pq.read_schema(REPORTS / path)
            for field in fields:
                kind = schema.field(field["name"]).type
                assert any(test(kind) for test in arrow[field["type"]]) or pa.types.is_null(kind), \
                    f"{path}: {field['name']} is {kind}, described as {field['type']}"
    manifest = json.loads((REPORTS / "manifest.json").read_text(encoding="utf-8"))
    assert "datapackage.json" in {f["path"] for f in manifest["files"]}
