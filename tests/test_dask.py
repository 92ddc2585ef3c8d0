"""extractor.dask on a LocalCluster of 2 worker processes: the partitioned Parquet read in order
is the single-process run's Articles and Mentions, row for row; claims and checks likewise."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

distributed = pytest.importorskip("dask.distributed")

from extractor import api  # noqa: E402
from extractor import dask as extractor_dask  # noqa: E402
from extractor.cli import app  # noqa: E402
from extractor.tables import internal_form  # noqa: E402

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "sample"


@pytest.fixture(scope="module")
def client():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                  dashboard_address="127.0.0.1:0", worker_dashboard_address="127.0.0.1:0") as cluster:
        with distributed.Client(cluster) as dask_client:
            yield dask_client


@pytest.fixture(scope="module")
def single():
    return api.run([SAMPLE])


def test_partitioned_parquet_equals_single_process_rows(client, single, tmp_path):
    parts = extractor_dask.extract_to_parquet([SAMPLE], tmp_path / "out", client)
    assert parts.count == len(list(SAMPLE.iterdir())) == 2  # one partition per file
    assert [p.name for p in sorted((tmp_path / "out" / "mentions").iterdir())] == \
        ["part-00000.parquet", "part-00001.parquet"]
    assert len(single.mentions) > 0
    pd.testing.assert_frame_equal(parts.mentions(), single.mentions)
    pd.testing.assert_frame_equal(parts.articles(), single.articles)
    pd.testing.assert_frame_equal(internal_form(pd.read_parquet(tmp_path / "out" / "mentions"), "mentions"),
                                  single.mentions)
    assert parts.figures == len(single.mentions)
    assert parts.accounts["status"].astype(str).tolist() == single.articles["status"].astype(str).tolist()


def test_claims_and_checks_after_gathering(client, single):
    tables = extractor_dask.run([SAMPLE], client)
    for name in ("articles", "mentions", "claims", "checks"):
        pd.testing.assert_frame_equal(getattr(tables, name), getattr(single, name), obj=name)


def test_files_sharing_a_name_are_read_by_one_task(client, tmp_path):
    # The same text under one file name in two folders: the second is told apart (~2) only
    # when both files are read in order by one reader.
    text = "Kazakhstan's GDP grew 4.8% in 2023, the statistics bureau said.\n"
    for folder in ("a", "b", "c"):
        (tmp_path / "in" / folder).mkdir(parents=True)
    (tmp_path / "in" / "a" / "report.txt").write_text(text)
    (tmp_path / "in" / "b" / "other.txt").write_text("Inflation was 9.8% in 2023.\n")
    (tmp_path / "in" / "c" / "report.txt").write_text(text)
    articles, mentions = api.read([tmp_path / "in"])
    assert articles["article_id"].str.endswith("~2").sum() == 1
    parts = extractor_dask.extract_to_parquet([tmp_path / "in"], tmp_path / "out", client)
    assert parts.count == 1
    pd.testing.assert_frame_equal(parts.articles(), articles)
    pd.testing.assert_frame_equal(parts.mentions(), mentions)


def test_cli_extract_writes_the_parts(tmp_path, single):
    from typer.testing import CliRunner

    result = CliRunner().invoke(app, ["extract", str(SAMPLE), "-o", str(tmp_path / "parts"), "--dask", "local",
                                      "--workers", "2", "-q"])
    assert result.exit_code == 0, result.output
    pd.testing.assert_frame_equal(internal_form(pd.read_parquet(tmp_path / "parts" / "mentions"), "mentions"),
                                  single.mentions)


def test_cli_extract_refuses_a_file_and_an_unreachable_scheduler(tmp_path):
    from typer.testing import CliRunner

    result = CliRunner().invoke(app, ["extract", str(SAMPLE), "-o", str(tmp_path / "m.parquet"), "--dask", "local"])
    assert result.exit_code != 0 and "give -o a folder" in str(result.exception)
    with pytest.raises(extractor_dask.DaskError, match="cannot reach the Dask scheduler"):
        extractor_dask.extract_to_parquet([SAMPLE], tmp_path / "out", "tcp://127.0.0.1:9")
