"""The indicator spreadsheet: an .xlsx an analyst keeps, built only from the tables.

:func:`write_indicator_sheet` writes one workbook:

========== ==========================================================================================
Indicators one row per indicator, location and unit, with the indicator's label (rules/indicators.yaml);
           one column per year from the first to the last (a year without figures stays an empty
           column, so a gap shows); each cell a number (never text), shown in its row's scale
           ("3.7 tn", "288 bn", "31.4%": a number format, the stored value unchanged), with a
           comment naming the sentence and article it came from and a link to its row in Sources
Part-year  the same for figures of part of a year ("2024 Q1", "2024 H1", "2024 Jan–Aug", a day):
           they never sit in a year's column
Sources    one row per figure behind a cell (the chosen one, then the others): mention id, figure,
           sentence, article, date, outlet and URL, with a link back to the cell
Held back  the cells less sure than the confidence asked for (:func:`cell_confidence`), each with
           its doubts, kept out of the two sheets above
Mentions,  the tables as they are (list columns joined by "; "); Checks only when a Checks table is
Claims,    given; Articles' bodies cut to Excel's cell limit of 32,767 characters (the About sheet
Checks,    says so, and the ``body_truncated`` column marks the rows)
Articles
About      how to read the workbook, the corpus, the package version, the rule for Indicators cells
           and the provenance of reference data
========== ==========================================================================================

Text is never run as a formula: a text cell starting with ``=``, ``+``, ``-`` or ``@`` is stored
as a string with Excel's quote prefix, so "=1+1" in an article stays the text "=1+1".

Every sheet prints landscape, fitted to the page's width, with its header row (and on Indicators and
Part-year the indicator and its label) repeated on each page, and its print area set to its table.

The rule for Indicators cells (:func:`indicator_points` and :func:`choose_cells`): a figure is a
*time point* of an indicator when it has an indicator (its percentage changes too when the
indicator is itself a rate, as inflation is: ``rate_kind`` in rules/indicators.yaml), a single-year period (``period_start ==
period_end``; whole years go to Indicators, parts of a year by ``period_granularity`` to Part-year,
one column per distinct part), ``kind`` level or share (a share is the level of a ratio), not a part's
share of the indicator (``relation`` "part": "mining accounted for 61.6 percent of industrial output"),
and neither the ``malformed_number`` nor the ``vague`` flag; a cell takes the time points of ``status`` actual for
its indicator, location, unit and year, and when there are several, the first by: qualifier exact,
then approx, then any other; higher confidence; later publication; earlier in the Mentions table.
The cell's comment lists the others, and a cell whose candidates disagree is shaded.
"""

from __future__ import annotations

import math
import re
from pathlib import Path
from typing import Any, Iterable

import numpy as np
import pandas as pd

from ..formatting import SCALE_WORDS, formula_like, period_label, unit_label
from ..tables import LEVEL_KINDS, flag_set
from .folder import written_atomically
from .labels import article_outlet, article_title, safe_url

EXCEL_CELL_LIMIT = 32_767
EXCLUDED_FLAGS = ("malformed_number", "vague")
QUALIFIER_RANK = {"exact": 0, "approx": 1}

INDICATOR_COLUMNS = ["indicator", "location", "unit", "dimension"]
WHOLE_YEAR = ("", "year")  # granularities of a year's column ("" in tables written before it existed)


def rate_indicators(ruleset=None) -> set[str]:
    """The indicators that are themselves rates of change (inflation, economic growth): their
    percentage changes are their values, time points like any level (rate_kind in indicators.yaml)."""
    from ..ruleset.context_rules import context_rules

    return {i.id for i in context_rules(ruleset).indicators if i.rate_kind == "change_pct"}


def indicator_points(mentions: pd.DataFrame, statuses: Iterable[str] | None = ("actual",),
                     ruleset=None) -> pd.DataFrame:
    """The time points of indicators: rows of ``mentions`` with an indicator, a single-year period,
    kind level or share, no malformed_number/vague flag and (unless ``statuses`` is None) a status
    in ``statuses``; adds an int ``year`` column.

    >>> m = pd.DataFrame({"indicator": ["gdp", "gdp", ""], "kind": ["level", "change", "level"],
    ...     "period_start": [2024, 2024, 2024], "period_end": [2024, 2024, 2024],
    ...     "status": ["actual"] * 3, "flags": [""] * 3})
    >>> indicator_points(m).index.tolist()
    [0]
    """
    if mentions.empty:
        return mentions.assign(year=pd.Series(dtype="int64"))
    start = pd.to_numeric(mentions["period_start"], errors="coerce")
    end = pd.to_numeric(mentions["period_end"], errors="coerce")
    rates = rate_indicators(ruleset)
    keep = (
        mentions["indicator"].fillna("").astype(str).ne("")
        & start.notna()
        & (start == end)
        & (mentions["kind"].isin(list(LEVEL_KINDS)) | (mentions["kind"].eq("change_pct") & mentions["indicator"].isin(rates)))
        & ~mentions["flags"].map(lambda f: bool(flag_set(f) & set(EXCLUDED_FLAGS)))
    )
    if "relation" in mentions:  # a sector's share of its indicator is no value of it ("part")
        keep &= mentions["relation"].astype("object").fillna("").astype(str).ne("part")
    if statuses is not None:
        keep &= mentions["status"].isin(list(statuses))
    points = mentions[keep.fillna(False).astype(bool)].copy()
    points["year"] = start[points.index].astype("int64")
    granularity = (points["period_granularity"] if "period_granularity" in points
                   else pd.Series("", index=points.index)).astype("object").fillna("").astype(str)
    first = pd.to_datetime(points["period_from"]) if "period_from" in points else pd.Series(pd.NaT, index=points.index)
    last = pd.to_datetime(points["period_to"]) if "period_to" in points else pd.Series(pd.NaT, index=points.index)
    points["annual"] = granularity.isin(WHOLE_YEAR)
    points["period_label"] = [period_label(y, g, None if pd.isna(a) else a, None if pd.isna(b) else b)
                              for y, g, a, b in zip(points["year"], granularity, first, last)]
    # the columns' order: by first day, then last day
    points["period_order"] = [(y, 0, 0, 0) if whole else (y, a.month if pd.notna(a) else 0, a.day if pd.notna(a) else 0,
                                                           b.day_of_year if pd.notna(b) else 367)
                              for y, whole, a, b in zip(points["year"], points["annual"], first, last)]
    if "location" not in points:
        points["location"] = ""
    points["location"] = points["location"].fillna("").astype(str)
    return points


def _rank(points: pd.DataFrame, articles: pd.DataFrame | None) -> pd.DataFrame:
    out = points.copy()
    out["_q"] = out["qualifier"].map(QUALIFIER_RANK).fillna(2) if "qualifier" in out else 2
    out["_c"] = -pd.to_numeric(out.get("confidence", 0), errors="coerce").fillna(0)
    published = pd.Series(pd.NaT, index=out.index, dtype="datetime64[ns]")
    if articles is not None and "published" in articles and len(articles):
        by_id = articles.drop_duplicates("article_id").set_index("article_id")["published"]
        published = pd.to_datetime(out["article_id"].map(by_id), errors="coerce")
    out["_p"] = published
    out["_o"] = range(len(out))
    return out.sort_values(["_q", "_c", "_p", "_o"], ascending=[True, True, False, True],
                           na_position="last")


def choose_cells(mentions: pd.DataFrame, articles: pd.DataFrame | None = None, ruleset=None) -> pd.DataFrame:
    """One row per indicator, location, unit and period (a year, or a part of one: column
    ``period_label``): the chosen actual time point (:func:`indicator_points`), with
    ``candidates`` (how many there were), ``others`` (the rows of the rest, best first) and
    ``conflict`` (True when their values differ from the chosen one).
    """
    points = indicator_points(mentions, ruleset=ruleset)
    columns = ["indicator", "location", "unit", "period_label"]
    if points.empty:
        return points.assign(candidates=pd.Series(dtype="int64"), others=pd.Series(dtype=object),
                             conflict=pd.Series(dtype=bool))
    ranked = _rank(points, articles)
    rows = []
    for _, group in ranked.groupby(columns, sort=True):
        best = group.iloc[0].copy()
        others = group.iloc[1:].drop(columns=["_q", "_c", "_p", "_o"])
        best["candidates"] = len(group)
        best["others"] = others
        best["conflict"] = bool(len(others) and not np.allclose(others["value"].astype(float),
                                                                float(best["value"])))
        agreeing = group[np.isclose(group["value"].astype(float), float(best["value"]))]
        best["sources"] = agreeing["article_id"].nunique()
        best["cell_confidence"], best["doubts"] = cell_confidence(best)
        rows.append(best)
    return pd.DataFrame(rows).drop(columns=["_q", "_c", "_p", "_o"]).reset_index(drop=True)


# How much each doubt about a cell's figure lowers its confidence (a product, from the figure's
# own confidence: 0.95 found by rule and model, 0.9 by rule, 0.6 by the model alone).
DOUBTS = {
    "the period is only the publication year": 0.6,
    "the period is named elsewhere in the article": 0.85,
    "no measured thing was found: the indicator rests on the clause's words": 0.7,
    "other figures for the same cell disagree": 0.5,
}
DEFAULT_MIN_CONFIDENCE = 0.5


def cell_confidence(cell: pd.Series) -> tuple[float, str]:
    """How sure a cell is, 0-1, and why not more ("; "-joined doubts of :data:`DOUBTS`): from
    its figure's confidence, lowered for each doubt, raised when other articles state the same
    value (each independent source halves the remaining doubt)."""
    doubts = []
    period_text = str(cell.get("period_text") or "")
    if period_text == "(publication year)":
        doubts.append("the period is only the publication year")
    elif period_text and period_text not in str(cell.get("sentence") or ""):
        doubts.append("the period is named elsewhere in the article")
    if not str(cell.get("measured") or "").strip():
        doubts.append("no measured thing was found: the indicator rests on the clause's words")
    if cell.get("conflict"):
        doubts.append("other figures for the same cell disagree")
    confidence = float(cell.get("confidence") if pd.notna(cell.get("confidence")) else 0.9)
    for doubt in doubts:
        confidence *= DOUBTS[doubt]
    extra_sources = max(int(cell.get("sources") or 1) - 1, 0)
    confidence = 1 - (1 - confidence) * 0.5 ** extra_sources
    return round(confidence, 3), "; ".join(doubts)


# --- writing cells -------------------------------------------------------------------------------

def _illegal_re():
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    return ILLEGAL_CHARACTERS_RE


def _plain(value: Any) -> Any:
    """A table value as something openpyxl stores: lists joined, NA as None, numpy as Python."""
    if isinstance(value, (list, tuple, np.ndarray)):
        return "; ".join(map(str, value))
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float) and np.isnan(value):
        return None
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    if isinstance(value, np.generic):
        value = value.item()
        if isinstance(value, float) and np.isnan(value):
            return None
    return value


def set_cell(cell, value: Any, limit: int = EXCEL_CELL_LIMIT) -> bool:
    """Write ``value`` into an openpyxl cell; text is always a string (never a formula), without
    characters XML forbids, cut to ``limit`` characters. Returns True when text was cut."""
    value = _plain(value)
    if not isinstance(value, str):
        cell.value = value
        return False
    text = _illegal_re().sub("\ufffd", value)
    cut = len(text) > limit
    if cut:
        text = text[:limit]
    cell.value = text
    cell.data_type = "s"  # openpyxl guesses "f" for "=..."; a string is never evaluated
    if formula_like(text):  # the same test as every CSV cell (formatting.escape_cell)
        cell.quotePrefix = True  # and stays text when a user edits it in Excel or LibreOffice
    return cut


def _number_format(values: Iterable[float], unit: str = "") -> str:
    """An Excel number format showing ``values`` (one row's) in one scale, the stored values
    unchanged: each comma after the digits divides by a thousand, so 3.7e12 shows "3.7 tn".

    >>> _number_format([2.5e11, 2.88e11], "USD"), _number_format([1.3e12, 3.75e12], "KZT")
    ('#,##0,,," bn"', '#,##0.00,,,," tn"')
    >>> _number_format([31.4, 28], "percent"), _number_format([1367, 2000], "count"), _number_format([4.5e6])
    ('#,##0.0"%"', '#,##0', '#,##0.0,," mn"')
    """
    values = [float(v) for v in values if v is not None and not (isinstance(v, float) and np.isnan(v))]
    top = max((abs(v) for v in values), default=0.0)
    factor, word = next(((f, w) for f, w in SCALE_WORDS if top >= f), (1.0, ""))
    most = 2 if factor > 1 else 3
    decimals = max((next(d for d in range(most + 1) if abs(round(v / factor, d) - round(v / factor, most)) < 1e-9)
                    for v in values), default=0)
    fmt = "#,##0" + ("." + "0" * decimals if decimals else "") + "," * round(math.log10(factor) / 3)
    if word:
        fmt += f'" {word}"'
    return fmt + {"percent": '"%"', "percentage_point": '" pp"'}.get(unit, "")


def _style_header(ws, n_columns: int) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill

    fill = PatternFill("solid", fgColor="DDE5F0")
    for cell in ws[1][:n_columns]:
        cell.font = Font(bold=True)
        cell.fill = fill
        cell.alignment = Alignment(vertical="top", wrap_text=True)
    ws.freeze_panes = "A2"
    if ws.max_row >= 1 and n_columns:
        ws.auto_filter.ref = ws.dimensions


def _widths(ws, minimum: int = 8, maximum: int = 60) -> None:
    from openpyxl.utils import get_column_letter

    for index, column in enumerate(ws.iter_cols(max_row=min(ws.max_row, 500)), start=1):
        longest = 0
        for cell in column:
            if cell.value is None:
                continue
            text = cell.value if isinstance(cell.value, str) else (
                f"{cell.value:,.2f}" if isinstance(cell.value, float) else str(cell.value))
            longest = max(longest, max((len(line) for line in text.splitlines()), default=0))
        ws.column_dimensions[get_column_letter(index)].width = max(minimum, min(maximum, longest + 2))


def _write_frame(ws, frame: pd.DataFrame, limit: int = EXCEL_CELL_LIMIT) -> list[int]:
    """Write a table with a header row; numbers get thousands separators. Returns the 0-based
    positions of rows whose text was cut."""
    from openpyxl.styles import Alignment

    for col, name in enumerate(frame.columns, start=1):
        set_cell(ws.cell(row=1, column=col), str(name))
    cut_rows = []
    top = Alignment(vertical="top")
    for r, row in enumerate(frame.itertuples(index=False), start=2):
        for col, value in enumerate(row, start=1):
            cell = ws.cell(row=r, column=col)
            if set_cell(cell, value, limit):
                cut_rows.append(r - 2)
            cell.alignment = top
            if isinstance(cell.value, bool):
                continue
            if isinstance(cell.value, int):
                cell.number_format = "#,##0"
            elif isinstance(cell.value, float):
                cell.number_format = "#,##0.0##" if not float(cell.value).is_integer() else "#,##0"
            elif hasattr(cell.value, "year") and hasattr(cell.value, "hour"):
                cell.number_format = "yyyy-mm-dd hh:mm"
    _style_header(ws, len(frame.columns))
    _widths(ws)
    return cut_rows


def _article_lookup(articles: pd.DataFrame | None) -> dict[str, dict]:
    if articles is None or articles.empty:
        return {}
    return articles.drop_duplicates("article_id").set_index("article_id").to_dict("index")


def _describe(row: pd.Series, lookup: dict[str, dict]) -> str:
    art = lookup.get(row["article_id"], {})
    published = art.get("published")
    date = pd.Timestamp(published).strftime("%Y-%m-%d") if published is not None and not pd.isna(published) else "undated"
    qualifier = "" if row.get("qualifier") in (None, "exact") else f" ({row['qualifier']})"
    return (f"“{row['text']}”{qualifier} in: {row['sentence']}\n"
            f"Article: {article_title(art.get('title'), art.get('body'))} — {date}\n"
            f"article_id: {row['article_id']}")


ROW_COLUMNS = ["indicator", "label", "location", "location_level", "unit", "dimension", "kind", "sources"]
TITLE_COLUMNS = 2  # indicator and label: repeated on every printed page
SOURCE_COLUMNS = ["cell", "figure_is", "indicator", "label", "location", "unit", "period", "value", "text", "qualifier",
                  "confidence", "mention_id", "sentence", "article", "published", "outlet", "article_id", "url"]
LINK_COLOUR = "1F5FA8"


def indicator_labels(ruleset=None) -> dict[str, str]:
    """Indicator id -> its label in rules/indicators.yaml ("gdp_per_capita" -> "GDP per capita")."""
    from ..ruleset.context_rules import context_rules

    return {i.id: i.label for i in context_rules(ruleset).indicators}


def _label(indicator: str, labels: dict[str, str]) -> str:
    return labels.get(indicator) or str(indicator).replace("_", " ")


def _source_row(cell_ref: str, role: str, figure: pd.Series, key, period: str, labels: dict, lookup: dict) -> dict:
    art = lookup.get(figure["article_id"], {})
    published = art.get("published")
    return {
        "cell": cell_ref, "figure_is": role, "indicator": key.indicator, "label": _label(key.indicator, labels),
        "location": key.location, "unit": unit_label(key.unit), "period": period, "value": float(figure["value"]),
        "text": figure["text"], "qualifier": figure.get("qualifier"), "confidence": figure.get("confidence"),
        "mention_id": figure.get("mention_id"), "sentence": figure.get("sentence"),
        "article": article_title(art.get("title"), art.get("body")) if art else "",
        "published": None if published is None or pd.isna(published) else pd.Timestamp(published).to_pydatetime(),
        "outlet": article_outlet(art) if art else "", "article_id": figure["article_id"], "url": art.get("url"),
    }


def _write_indicators(ws, cells: pd.DataFrame, articles: pd.DataFrame | None, sources: list[dict] | None = None,
                      labels: dict[str, str] | None = None, every_year: bool = False) -> int:
    """One row per indicator, location and unit, one column per period of ``cells`` (with
    ``every_year``, every year from the first to the last); before the periods, the indicator's
    label, the row's location level, kinds (level, share) and number of source articles. Each
    cell links to its rows in the Sources sheet, appended to ``sources``."""
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.hyperlink import Hyperlink

    sources = [] if sources is None else sources
    labels = labels or {}
    periods = (cells.drop_duplicates("period_label").sort_values("period_order", kind="stable")["period_label"].tolist()
               if len(cells) else [])
    if every_year and len(cells):
        periods = [str(year) for year in range(int(cells["year"].min()), int(cells["year"].max()) + 1)]
    header = [*ROW_COLUMNS, *periods]
    first = len(ROW_COLUMNS) + 1
    for col, name in enumerate(header, start=1):
        set_cell(ws.cell(row=1, column=col), name)
    lookup = _article_lookup(articles)
    conflict_fill = PatternFill("solid", fgColor="FCE4D6")
    link_font = Font(color=LINK_COLOUR, underline="single")
    if len(cells):
        keys = cells[["indicator", "location", "unit"]].drop_duplicates().sort_values(
            ["indicator", "location", "unit"])
        for r, key in enumerate(keys.itertuples(index=False), start=2):
            mine = cells[(cells["indicator"] == key.indicator) & (cells["location"] == key.location)
                         & (cells["unit"] == key.unit)]
            row_sources = {a for _, c in mine.iterrows() for a in [c["article_id"], *c["others"]["article_id"]]}
            values = [key.indicator, _label(key.indicator, labels), key.location,
                      _text_of(mine, "location_level") or "national", unit_label(key.unit),
                      _text_of(mine, "dimension"), ", ".join(sorted(set(mine["kind"]))), len(row_sources)]
            for col, value in enumerate(values, start=1):
                set_cell(ws.cell(row=r, column=col), value)
            fmt = _number_format(mine["value"].astype(float), key.unit)
            for _, chosen in mine.iterrows():
                cell = ws.cell(row=r, column=first + periods.index(chosen["period_label"]))
                cell.value = float(chosen["value"])
                cell.number_format = fmt
                reference = f"{ws.title}!{cell.coordinate}"
                source_row = len(sources) + 2
                sources.append(_source_row(reference, "chosen", chosen, key, chosen["period_label"], labels, lookup))
                note = _describe(chosen, lookup) + f"\nconfidence {chosen['cell_confidence']:.2f}" + (
                    f" ({chosen['doubts']})" if chosen["doubts"] else "")
                others = chosen["others"]
                if len(others):
                    note += f"\n\nChosen from {int(chosen['candidates'])} figures; the others:"
                    for _, other in others.iterrows():
                        note += "\n- " + _describe(other, lookup).replace("\n", " | ")
                        sources.append(_source_row(reference, "other", other, key, chosen["period_label"], labels,
                                                   lookup))
                    if chosen["conflict"]:
                        cell.fill = conflict_fill
                note += f"\n\nSources row {source_row} (click the cell)"
                comment = Comment(_illegal_re().sub("\ufffd", note)[:EXCEL_CELL_LIMIT], "extractor")
                comment.width, comment.height = 420, 160
                cell.comment = comment
                cell.hyperlink = Hyperlink(ref=cell.coordinate, location=f"Sources!A{source_row}",
                                           tooltip="the figure's sentence and article, on the Sources sheet")
                cell.font = link_font
    _style_header(ws, len(header))
    ws.freeze_panes = f"{get_column_letter(first)}2"  # a name, not ws.cell(): that would make the cell
    _widths(ws, maximum=40)
    for col in range(first, len(header) + 1):  # a scaled number is short ("288 bn"); its heading sits over it
        ws.column_dimensions[get_column_letter(col)].width = max(11, len(header[col - 1]) + 2)
        heading = ws.cell(row=1, column=col)
        heading.alignment = Alignment(horizontal="right", vertical="top", wrap_text=True)
    return len(cells)


def _write_sources(ws, sources: list[dict]) -> None:
    """The Sources sheet: one row per figure behind an indicator cell, linking back to the cell
    and out to the article's URL (http and https only)."""
    from openpyxl.styles import Alignment, Font
    from openpyxl.worksheet.hyperlink import Hyperlink

    _write_frame(ws, pd.DataFrame(sources, columns=SOURCE_COLUMNS))
    link_font = Font(color=LINK_COLOUR, underline="single")
    for r, source in enumerate(sources, start=2):
        back = ws.cell(row=r, column=1)
        sheet, _, coordinate = source["cell"].partition("!")
        back.hyperlink = Hyperlink(ref=back.coordinate, location=f"'{sheet}'!{coordinate}", tooltip="back to the cell")
        back.font = link_font
        value = ws.cell(row=r, column=SOURCE_COLUMNS.index("value") + 1)
        value.number_format = _number_format([source["value"]], "")
        url = safe_url(source["url"])
        if url:
            link = ws.cell(row=r, column=SOURCE_COLUMNS.index("url") + 1)
            link.hyperlink = url
            link.font = link_font
    for name, width in (("sentence", 80), ("article", 50)):
        column = ws.cell(row=1, column=SOURCE_COLUMNS.index(name) + 1).column_letter
        ws.column_dimensions[column].width = width
    wrapped = Alignment(vertical="top", wrap_text=True)
    for row in ws.iter_rows(min_row=2, min_col=SOURCE_COLUMNS.index("sentence") + 1,
                            max_col=SOURCE_COLUMNS.index("article") + 1):
        for cell in row:
            cell.alignment = wrapped


def _print_setup(ws, title_columns: int = 0) -> None:
    """Landscape, fitted to the page's width (as many pages down as it takes), the header row
    (and ``title_columns`` first columns) on every page, the print area the sheet's table."""
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.properties import PageSetupProperties

    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    if ws.sheet_properties.pageSetUpPr is None:
        ws.sheet_properties.pageSetUpPr = PageSetupProperties()
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = "1:1"
    if title_columns:
        ws.print_title_cols = f"A:{get_column_letter(title_columns)}"
    ws.print_area = f"A1:{get_column_letter(max(ws.max_column, 1))}{max(ws.max_row, 1)}"
    ws.oddFooter.center.text = "&A, page &P of &N"
    ws.page_margins.left = ws.page_margins.right = 0.4


def _text_of(frame: pd.DataFrame, column: str) -> str:
    return str(frame[column].iloc[0]) if column in frame and len(frame) and pd.notna(frame[column].iloc[0]) else ""


HELD_BACK_COLUMNS = ["indicator", "location", "unit", "period", "value", "text", "cell_confidence", "doubts",
                     "mention_id", "article_id", "sentence"]


def held_back(cells: pd.DataFrame, min_confidence: float) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``cells`` split at ``min_confidence``: (kept, held back with the reason, as a table)."""
    if not len(cells):
        return cells, pd.DataFrame(columns=HELD_BACK_COLUMNS)
    low = cells["cell_confidence"] < min_confidence
    table = cells[low].rename(columns={"period_label": "period"})
    table = table.reindex(columns=HELD_BACK_COLUMNS).sort_values(["indicator", "location", "unit", "period"])
    return cells[~low], table


def _about_lines(articles, mentions, claims, checks, n_cells, truncated, reference_provenance,
                 min_confidence: float = DEFAULT_MIN_CONFIDENCE) -> list[tuple[str, str]]:
    from ..version import __version__

    ok = int((articles["status"] == "ok").sum()) if articles is not None and "status" in articles else len(articles or [])
    sources = sorted(articles["source"].dropna().astype(str).unique()) if articles is not None and "source" in articles else []
    published = pd.to_datetime(articles["published"], errors="coerce") if articles is not None and "published" in articles else pd.Series(dtype="datetime64[ns]")
    span = (f"{published.min():%Y-%m-%d} to {published.max():%Y-%m-%d}" if published.notna().any() else "undated")
    lines = [
        ("What this is", "Every figure the extractor found in a news corpus, as an indicator table "
         "with each cell traceable to its sentence, plus the underlying tables."),
        ("Indicators", "One row per indicator, location and unit, with the indicator's label; one column per "
         "calendar year from the first to the last, so a year without figures is an empty column. Each cell is "
         "a number, shown in its row's scale (3.7 tn, 288 bn, 4.5 mn, 31.4%: a number format; the cell holds the "
         "full value, 3,700,000,000,000). Click it for its row on the Sources sheet (the sentence, article, "
         "date, outlet and URL of the figure, and any other figures for the same cell), or hover over it for "
         "the same in its comment. A shaded cell had candidates that disagree: read them before using it."),
        ("Part-year", "The same for figures of part of a year: one column per part (2024 Q1, 2024 H1, "
         "2024 Jan–Aug for January to August, 2024 Mar for one month, a date for a stock at a day). A part "
         "of a year never fills a year's column in Indicators."),
        ("Confidence", "Each cell's comment gives its confidence (0-1) and any doubt: the figure's own "
         "confidence (0.95 found by rule and model, 0.9 by rule, 0.6 by the model alone), times "
         + ", ".join(f"{factor} when {doubt}" for doubt, factor in DOUBTS.items())
         + "; each further article stating the same value halves the remaining doubt. Cells below "
         f"{min_confidence} are not in Indicators or Part-year but on Held back, with the reason. Before the "
         "periods, each row says its location level (national, region, city, world, other_country), the kinds "
         "of its figures (level, share) and how many articles its figures come from."),
        ("Rule for a cell", "A figure counts when it has an indicator, a single-year period, kind level "
         "or share (a share is the level of a ratio, but not a sector's share of the indicator, relation "
         "part), status actual (not plans or targets) and no malformed_number or vague flag. When several figures fit one cell, the first is chosen by: "
         "qualifier exact, then approx, then others (more than, up to, ...); higher confidence; later "
         "publication; earlier in the Mentions table. The value is the number as written (for 'more "
         "than 7' the cell holds 7; the comment says 'more_than')."),
        ("Sources", "One row per figure behind an Indicators or Part-year cell: the chosen one, then the "
         "others for the same cell. The first column links back to the cell, the URL to the article."),
        ("Printing", "Every sheet prints landscape, fitted to the page's width, with its header row repeated "
         "on each page (on Indicators and Part-year, the indicator and its label too)."),
        ("Mentions", "One row per figure (see the project README, Tables)."),
        ("Claims", "One row per checkable statement; list columns are joined by '; '."),
        ("Checks", "Verdicts of the fact-checks." if checks is not None else "Not included: no Checks table was given."),
        ("Articles", f"One row per input record. Bodies longer than Excel's limit of {EXCEL_CELL_LIMIT:,} "
         f"characters are cut to it (column body_truncated); {len(truncated)} were cut. Offsets in "
         "Mentions refer to the full body in the source tables."),
        ("Corpus", f"{len(articles) if articles is not None else 0} records ({ok} ok) from "
         f"{len(sources)} source(s): {', '.join(sources)}; published {span}."),
        ("Counts", f"{len(mentions)} figures, {len(claims) if claims is not None else 0} claims, "
         f"{n_cells[0]} indicator cells, {n_cells[1]} part-year cells, {n_cells[2]} held back" + (f", {len(checks)} checks" if checks is not None else "") + "."),
        ("Version", f"extractor {__version__}"),
        ("Reference data", reference_provenance or "None used."),
        ("Text cells", "Text a spreadsheet would run as a formula (starting with =, +, @, a tab, a carriage "
                        "return, or - not followed by a number) is stored as text, never as a formula."),
    ]
    return lines


def write_indicator_sheet(path: str | Path, articles: pd.DataFrame, mentions: pd.DataFrame,
                          claims: pd.DataFrame, checks: pd.DataFrame | None = None,
                          reference_provenance: str = "", min_confidence: float = DEFAULT_MIN_CONFIDENCE,
                          ruleset=None) -> Path:
    """Write the indicator workbook (sheets Indicators, Part-year, Sources, Held back, Mentions,
    Claims, [Checks], Articles, About) to ``path`` (.xlsx); returns the path. Reads only the tables.
    Cells less sure than ``min_confidence`` (:func:`cell_confidence`) go to Held back, with why.
    ``ruleset``: the rules the tables were made with (which indicators are rates)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    path = Path(path)
    wb = Workbook()
    ws = wb.active
    ws.title = "Indicators"
    cells, doubtful = held_back(choose_cells(mentions, articles, ruleset), min_confidence)
    annual = cells["annual"].astype(bool) if len(cells) else pd.Series(dtype=bool)
    labels, sources = indicator_labels(ruleset), []
    n_cells = _write_indicators(ws, cells[annual] if len(cells) else cells, articles, sources, labels, every_year=True)
    n_parts = _write_indicators(wb.create_sheet("Part-year"), cells[~annual] if len(cells) else cells, articles,
                                sources, labels)
    _write_sources(wb.create_sheet("Sources"), sources)
    _write_frame(wb.create_sheet("Held back"), doubtful)
    _write_frame(wb.create_sheet("Mentions"), mentions)
    _write_frame(wb.create_sheet("Claims"), claims if claims is not None else pd.DataFrame())
    if checks is not None:
        _write_frame(wb.create_sheet("Checks"), checks)
    arts = articles.copy() if articles is not None else pd.DataFrame()
    truncated: list[int] = []
    if "body" in arts:
        lengths = arts["body"].fillna("").astype(str).str.len()
        arts["body_truncated"] = lengths > EXCEL_CELL_LIMIT
        truncated = list(np.flatnonzero(arts["body_truncated"].to_numpy()))
    _write_frame(wb.create_sheet("Articles"), arts)
    about = wb.create_sheet("About")
    set_cell(about.cell(row=1, column=1), "topic")
    set_cell(about.cell(row=1, column=2), "notes")
    for r, (topic, text) in enumerate(
            _about_lines(articles, mentions, claims, checks, (n_cells, n_parts, len(doubtful)), truncated,
                         reference_provenance, min_confidence), start=2):
        set_cell(about.cell(row=r, column=1), topic)
        set_cell(about.cell(row=r, column=2), text)
        about.cell(row=r, column=1).font = Font(bold=True)
        about.cell(row=r, column=1).alignment = Alignment(vertical="top")
        about.cell(row=r, column=2).alignment = Alignment(wrap_text=True, vertical="top")
    about.freeze_panes = "A2"
    about.column_dimensions["A"].width = 18
    about.column_dimensions["B"].width = 110
    for cell in about[1]:
        cell.font = Font(bold=True)
    for sheet in wb.worksheets:
        _print_setup(sheet, TITLE_COLUMNS if sheet.title in ("Indicators", "Part-year") else 0)
    # dated by the corpus, not the clock, so the same tables give the same workbook
    stamp = pd.to_datetime(articles.get("published"), errors="coerce").max() if len(articles) else pd.NaT
    stamp = (stamp if pd.notna(stamp) else pd.Timestamp("2000-01-01")).to_pydatetime()
    wb.properties.created = wb.properties.modified = stamp
    with written_atomically(path) as partial:
        with open(partial, "wb") as handle:  # openpyxl picks the format from a name: give it a handle
            wb.save(handle)
        _fix_times(partial, stamp.strftime("%Y-%m-%dT%H:%M:%SZ"))
    return path


def _fix_times(path: Path, stamp: str) -> None:
    """Rewrite the workbook with one fixed time: openpyxl stamps 'modified' and zip each entry
    with the clock, which would make every run's file differ."""
    import zipfile

    with zipfile.ZipFile(path) as zin:
        entries = [(info, zin.read(info.filename)) for info in zin.infolist()]
    entries = [(info, re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>" + stamp.encode(), data)
                if info.filename == "docProps/core.xml" else data) for info, data in entries]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for info, data in entries:
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type, fixed.external_attr = zipfile.ZIP_DEFLATED, info.external_attr
            zout.writestr(fixed, data)
