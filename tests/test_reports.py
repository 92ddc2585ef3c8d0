"""The committed reports/ are what `make report` writes today: the tables equal a fresh run's.

The fresh run is this session's own run on the sample corpus (the shared tables of conftest.py,
built once), its tables written as `make report` writes them and its charts drawn (their file
names compared; saving them is the report's own tests' work). Article ids name a file and its
text, not the folder it was read from, so they match the committed ones; only the ``source``
column holds the path as given, and is compared relative to the checkout.
"""

from pathlib import Path

import pandas as pd
import pytest

REPORTS = Path(__file__).resolve().parent.parent / "reports"


@pytest.fixture(scope="module")
def fresh(tmp_path_factory, sample_articles, sample_mentions, sample_claims, sample_checks):
    """A folder holding the tables write_report writes for this session's run on the sample."""
    from extractor.outputs.report import TABLES
    from extractor.outputs.tables_io import write_table

    out = tmp_path_factory.mktemp("fresh-report")
    for name, table in zip(TABLES, (sample_articles, sample_mentions, sample_claims, sample_checks)):
        write_table(table, out / f"{name}.parquet")
    return out


@pytest.fixture(scope="module")
def fresh_chart_names(sample_articles, sample_mentions, sample_claims):
    """The file names write_report gives this session's charts: each drawn chart as .png and .svg."""
    from extractor.outputs.charts import chart_figures  # Figures off pyplot: nothing to close

    drawn = chart_figures(sample_articles, sample_mentions, sample_claims)
    return sorted(f"{name}{suffix}" for name, _, _ in drawn for suffix in (".png", ".svg"))


def test_the_report_files_are_committed():
    for name in ("claims.html", "claims.md", "indicators.xlsx", "figures/overview.png"):
        assert (REPORTS / name).is_file(), f"reports/{name} is missing: run `make report` and commit it"


@pytest.mark.model
@pytest.mark.parametrize("table", ["articles", "mentions", "claims", "checks"])
def test_committed_table_equals_a_fresh_run(fresh, table):
    committed = pd.read_parquet(REPORTS / f"{table}.parquet")
    now = pd.read_parquet(fresh / f"{table}.parquet")
    if table == "articles":  # the path as `make report` gives it: data/sample/..., from the checkout
        now["source"] = now["source"].map(lambda s: Path(s).resolve().relative_to(REPORTS.parent).as_posix())
    pd.testing.assert_frame_equal(committed, now, check_exact=False, rtol=1e-9,
                                  obj=f"reports/{table}.parquet (run `make report` and commit it)")


@pytest.mark.model
def test_the_same_figures_and_charts_are_written(fresh_chart_names):
    committed = sorted(p.name for p in (REPORTS / "figures").iterdir())
    assert committed == fresh_chart_names
