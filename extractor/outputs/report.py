"""Everything a user opens, written from the tables into one folder. Reads only the tables."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .charts import chart_figures, save_charts
from .database import DATABASE_FILE, write_database
from ..checks.factcheck import REFERENCE_FILE
from ..ruleset.loader import default_rules_dir
from ..ruleset.ruleset import RulesLike
from .sheet import DEFAULT_MIN_CONFIDENCE, write_indicator_sheet
from .summary import write_claims_summary
from .tables_io import write_table

TABLES = ("articles", "mentions", "claims", "checks")


def reference_provenance(reference_path: Path | None = None) -> str:
    """The provenance text of the reference data, for the spreadsheet's About sheet."""
    readme = (reference_path.parent if reference_path else default_rules_dir() / REFERENCE_FILE.parent) / "README.md"
    return readme.read_text(encoding="utf-8") if readme.is_file() else ""


def write_report(out_dir: str | Path, articles: pd.DataFrame, mentions: pd.DataFrame,
                 claims: pd.DataFrame, checks: pd.DataFrame, reference_path: Path | None = None,
                 ruleset: RulesLike = None, min_confidence: float = DEFAULT_MIN_CONFIDENCE) -> list[Path]:
    """The tables (Parquet and CSV), the SQLite database extractor.db (the four tables, linked and
    searchable: ``datasette extractor.db``), indicators.xlsx, claims.md, claims.html and figures/."""
    out_dir = Path(out_dir)
    written = []
    for name, table in zip(TABLES, (articles, mentions, claims, checks)):
        for suffix in (".parquet", ".csv"):
            written.append(write_table(table, out_dir / f"{name}{suffix}"))
    written.append(write_database(out_dir / DATABASE_FILE, articles, mentions, claims, checks))
    written.append(write_indicator_sheet(out_dir / "indicators.xlsx", articles, mentions, claims, checks,
                                         reference_provenance(reference_path), min_confidence, ruleset))
    drawn = chart_figures(articles, mentions, claims, ruleset)  # each chart drawn once, for both
    charts = save_charts(drawn, out_dir / "figures")
    pngs = [path for path in charts if path.suffix == ".png"]  # one per chart, in drawing order
    images = [(path.read_bytes(), caption) for path, (_, _, caption) in zip(pngs, drawn)]
    written += write_claims_summary(out_dir, articles, mentions, claims, checks, ruleset=ruleset, images=images)
    written += charts
    return written
