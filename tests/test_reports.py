"""The committed reports/ are what `make report` writes today: the tables equal a fresh run's."""

from pathlib import Path

import pandas as pd
import pytest

import extractor

REPORTS = Path(__file__).resolve().parent.parent / "reports"


@pytest.fixture(scope="module")
def fresh(tmp_path_factory):
    import os

    out = tmp_path_factory.mktemp("report")
    here = os.getcwd()
    os.chdir(REPORTS.parent)  # article ids hold the source path as `make report` gives it
    try:
        articles = extractor.read_corpus(["data/sample"])
    finally:
        os.chdir(here)
    mentions = extractor.extract(articles)
    claims = extractor.build_claims(mentions)
    checks = extractor.check(claims)
    extractor.write_report(out, articles, mentions, claims, checks)
    return out


def test_the_report_files_are_committed():
    for name in ("claims.html", "claims.md", "indicators.xlsx", "figures/overview.png"):
        assert (REPORTS / name).is_file(), f"reports/{name} is missing: run `make report` and commit it"


@pytest.mark.model
@pytest.mark.parametrize("table", ["articles", "mentions", "claims", "checks"])
def test_committed_table_equals_a_fresh_run(fresh, table):
    committed = pd.read_parquet(REPORTS / f"{table}.parquet")
    now = pd.read_parquet(fresh / f"{table}.parquet")
    pd.testing.assert_frame_equal(committed, now, check_exact=False, rtol=1e-9,
                                  obj=f"reports/{table}.parquet (run `make report` and commit it)")


@pytest.mark.model
def test_the_same_figures_and_charts_are_written(fresh):
    committed = sorted(p.name for p in (REPORTS / "figures").iterdir())
    assert committed == sorted(p.name for p in (fresh / "figures").iterdir())
