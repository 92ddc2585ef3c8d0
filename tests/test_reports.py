"""The committed reports/ are what `make report` writes today: the tables equal a fresh run's.

The fresh run is a process of its own, started in the background when the tests start
(``early_jobs``, conftest.py), so it runs while the tests before these do.
"""

import atexit
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pandas as pd
import pytest

REPORTS = Path(__file__).resolve().parent.parent / "reports"

# Run from the checkout: article ids hold the source path as `make report` gives it (data/sample).
FRESH_RUN = """
import sys
import extractor
articles = extractor.read_corpus(["data/sample"])
mentions = extractor.extract(articles)
claims = extractor.build_claims(mentions)
checks = extractor.check(claims)
extractor.write_report(sys.argv[1], articles, mentions, claims, checks)
"""


def fresh_report() -> Path:
    """A folder holding what write_report writes for a fresh run on the sample corpus."""
    out = Path(tempfile.mkdtemp(prefix="extractor-fresh-report-"))
    atexit.register(shutil.rmtree, out, ignore_errors=True)
    done = subprocess.run([sys.executable, "-c", FRESH_RUN, str(out)], cwd=REPORTS.parent,
                          capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, f"the fresh run failed:\n{done.stderr[-3000:]}"
    return out


def early_jobs(item) -> dict:
    """The fresh run conftest.py starts when the tests start, if a test here needs it."""
    return {("report", "fresh"): fresh_report} if "fresh" in getattr(item, "fixturenames", ()) else {}


@pytest.fixture(scope="module")
def fresh(early):
    return early(("report", "fresh"), fresh_report)


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
