"""Everything a user opens, written from the tables into one folder. Reads only the tables.

The folder is replaced as a whole (:class:`~extractor.outputs.folder.StagedFolder`): built beside
the target, with ``manifest.json`` (every file's size and sha256) written last, then swapped in.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .charts import chart_figures, save_charts
from .database import DATABASE_FILE, write_database
from .datapackage import write_datapackage
from .joined import figures_frame
from ..checks.factcheck import REFERENCE_FILE
from ..ruleset.loader import default_rules_dir
from ..ruleset.ruleset import RulesLike
from .folder import MANIFEST, StagedFolder, is_earlier_report, report_folder  # noqa: F401 (API)
from .sheet import DEFAULT_MIN_CONFIDENCE, write_indicator_sheet
from .summary import write_claims_summary
from .tables_io import write_table

TABLES = ("articles", "mentions", "claims", "checks")
# The four tables and the figures frame (extractor.figures: mentions with their articles and
# value_usd) as a table of its own, so the Mentions table stays the one the stages exchange.
TABLE_FILES = (*TABLES, "figures")
README = "README.md"
README_TEXT = """\
# A report of extractor

What `extractor report` wrote; `manifest.json` lists every file with its size and sha256, the
version and the command. Re-running the report into this folder replaces it whole:
files added here by hand are not kept.

| file | what it is |
| --- | --- |
| `claims.html` | the claims summary: a self-contained page (open it in a browser) |
| `claims.md` | the same summary as Markdown |
| `indicators.xlsx` | the indicator spreadsheet: indicator by year, every cell traceable to its sentence; About sheet explains it |
| `figures/` | trend, from-to (slope) and overview charts, PNG and SVG |
| `articles.*`, `mentions.*`, `claims.*`, `checks.*` | the four tables, Parquet and CSV (text a spreadsheet would run as a formula starts with an apostrophe); missing values are empty (Parquet null), lists JSON arrays in CSV |
| `figures.*` | the mentions with their article's date, title, URL and outlet, and amounts in US dollars (`value_usd`, `usd_rate_source`) |
| `datapackage.json` | a Frictionless Data Package: every table file's columns, types, descriptions and keys |
| `extractor.db` | the four tables in one SQLite database, with foreign keys and full-text search (`datasette extractor.db`) |
"""


def reference_provenance(reference_path: Path | None = None) -> str:
    """The provenance text of the reference data, for the spreadsheet's About sheet."""
    readme = (reference_path.parent if reference_path else default_rules_dir() / REFERENCE_FILE.parent) / "README.md"
    return readme.read_text(encoding="utf-8") if readme.is_file() else ""


def write_report(out_dir: str | Path | StagedFolder, articles: pd.DataFrame, mentions: pd.DataFrame,
                 claims: pd.DataFrame, checks: pd.DataFrame, reference_path: Path | None = None,
                 ruleset: RulesLike = None, min_confidence: float = DEFAULT_MIN_CONFIDENCE,
                 force: bool = False) -> list[Path]:
    """The tables (Parquet and CSV), the SQLite database extractor.db (the four tables, linked and
    searchable: ``datasette extractor.db``), indicators.xlsx, claims.md, claims.html, figures/,
    README.md and manifest.json, replacing ``out_dir`` whole (see :mod:`.folder`). A non-empty
    folder that is no earlier report is refused unless ``force``. ``out_dir`` may be a
    :func:`report_folder` opened already (the CLI opens it before the long work)."""
    folder = out_dir if isinstance(out_dir, StagedFolder) else report_folder(out_dir, force)
    with folder as staging:
        names = write_report_files(staging, articles, mentions, claims, checks, reference_path, ruleset,
                                   min_confidence)
    return [folder.target / name for name in names] + [folder.target / MANIFEST]


def write_report_files(out_dir: Path, articles: pd.DataFrame, mentions: pd.DataFrame, claims: pd.DataFrame,
                       checks: pd.DataFrame, reference_path: Path | None = None, ruleset: RulesLike = None,
                       min_confidence: float = DEFAULT_MIN_CONFIDENCE) -> list[str]:
    """Write every file of a report into ``out_dir`` (the staging folder); returns their names."""
    written = []
    figures = figures_frame(articles, mentions, ruleset)
    for name, table in zip(TABLE_FILES, (articles, mentions, claims, checks, figures)):
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
    readme = out_dir / README
    readme.write_text(README_TEXT, encoding="utf-8")
    written.append(readme)
    names = [Path(p).relative_to(out_dir).as_posix() for p in written]
    return names + [write_datapackage(out_dir, names).name]
