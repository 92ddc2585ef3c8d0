"""Charts of the tables: indicator trends, from/to slopes, an overview. Reads only the tables.

Every chart is a :class:`matplotlib.figure.Figure` drawn on the Agg canvas, never through pyplot,
so nothing opens a window and nothing touches pyplot's global state. A notebook shows the Figure
the ``*_figure`` functions return as a picture all the same: it is a :class:`ChartFigure`, whose
``_repr_png_`` gives IPython its ``image/png`` (``display(fig)`` shows several from one cell). The ``*_charts`` functions save each figure as PNG and SVG into
a folder and return the paths written.

=================== ============================================================================
trend_figure        one indicator (and unit, location) over the years: its time points
                    (:func:`extractor.outputs.sheet.indicator_points`: single-year level or share figures,
                    any status; plans and targets drawn hollow), each labelled by its source
trend_charts        a trend figure for every indicator with at least two distinct years
slope_figure        change_from_to claims as small multiples, from (left) to (right), one unit each
slope_charts        slope figures, twelve claims a page
overview_figure     the figures by dimension and unit, and by indicator
overview_chart      the overview, saved
=================== ============================================================================
"""

from __future__ import annotations

import io
import re
import textwrap
from pathlib import Path

import matplotlib
import numpy as np
import pandas as pd
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator

from ..ruleset.context_rules import context_rules
from ..ruleset.ruleset import RulesLike
from ..formatting import format_number, unit_label
from .folder import written_atomically
from .sheet import indicator_points

SCALES = ((1e12, "trillions"), (1e9, "billions"), (1e6, "millions"))
UP, DOWN, FLAT = "#1a7f37", "#c0392b", "#555555"
ACTUAL, PLAN = "#1f5fa8", "#e08a00"
SLOPES_PER_PAGE = 12


class ChartFigure(Figure):
    """A Figure that shows itself as an image wherever IPython displays it (a notebook cell's
    ``image/png`` output), with or without pyplot: it is never registered with pyplot, so the
    inline backend would not know it, and nothing else would turn it into a picture."""

    def _repr_png_(self) -> bytes:
        return figure_png(self, dpi=100)


def _new_figure(width: float, height: float) -> Figure:
    fig = ChartFigure(figsize=(width, height), dpi=100, layout="constrained")
    FigureCanvasAgg(fig)
    return fig


def _scale(values) -> tuple[float, str]:
    """The factor and name to show ``values`` with (1e9, "billions") so ticks stay short.

    >>> _scale([2.88e11, 1.4e11]), _scale([97.2])
    ((1000000000.0, 'billions'), (1.0, ''))
    """
    top = float(np.nanmax(np.abs(np.asarray(values, dtype=float)))) if len(values) else 0.0
    for factor, name in SCALES:
        if top >= factor:
            return factor, name
    return 1.0, ""


def _axis_label(unit: str, scale_name: str) -> str:
    label = unit_label(unit)
    return f"{label} ({scale_name})" if scale_name else label


def _tick_formatter(factor: float) -> FuncFormatter:
    return FuncFormatter(lambda x, _pos: format_number(round(x / factor, 6), 2))


def slug(*parts: str) -> str:
    """A file-name-safe name.

    >>> slug("gdp", "m**2", "")
    'gdp_m_2'
    """
    text = "_".join(p for p in parts if p)
    return re.sub(r"[^A-Za-z0-9]+", "_", text).strip("_").lower() or "chart"


def _wrap(text: str, width: int = 34) -> str:
    return "\n".join(textwrap.wrap(str(text), width)) or str(text)


def source_labels(article_ids, articles: pd.DataFrame | None) -> list[str]:
    """A short source label per article id: the attribution's first words and the date when
    ``articles`` is given, else the id's first part."""
    if articles is None or articles.empty:
        return [str(a).split(":")[0][:16] for a in article_ids]
    table = articles.drop_duplicates("article_id").set_index("article_id")
    labels = []
    for aid in article_ids:
        if aid not in table.index:
            labels.append(str(aid).split(":")[0][:16])
            continue
        row = table.loc[aid]
        who = str(row.get("attribution") or "").replace("\xa0", " ")
        who = re.sub(r"\s+(reports?|has learnt.*|cites.*|informs.*)$", "", who.strip()) or str(row.get("title") or "")
        who = textwrap.shorten(who, 24, placeholder="…")
        when = pd.Timestamp(row["published"]).strftime("%d %b %Y") if pd.notna(row.get("published")) else ""
        labels.append(f"{who}, {when}".strip(", "))
    return labels


def _save(fig: Figure, out_dir: Path, name: str) -> list[Path]:
    paths = []
    for suffix in (".png", ".svg"):
        path = out_dir / f"{name}{suffix}"
        # no date and fixed ids: the same tables give byte-identical files (clean diffs in reports/)
        with written_atomically(path) as partial, matplotlib.rc_context({"svg.hashsalt": name}):
            fig.savefig(partial, format=suffix[1:], dpi=110 if suffix == ".png" else None,
                        metadata={"Date": None} if suffix == ".svg" else {"Software": None})
        fig.set_layout_engine("none")  # laid out once by the first save; the SVG reuses it
        paths.append(path)
    return paths


def figure_png(fig: Figure, dpi: int = 96) -> bytes:
    """The figure as PNG bytes (for an HTML data URI)."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi)
    return buffer.getvalue()


# --- trends ----------------------------------------------------------------------------------------

def trend_series(mentions: pd.DataFrame, ruleset: RulesLike = None) -> list[tuple[str, str, str]]:
    """(indicator, unit, location) of every indicator with time points in two or more years."""
    points = indicator_points(mentions, statuses=None, ruleset=ruleset)
    if points.empty:
        return []
    years = points.groupby(["indicator", "unit", "location"])["year"].nunique()
    return [key for key, n in years.items() if n >= 2]


def dimension_note(points: pd.DataFrame, indicator: str, indicator_dimension: str | None) -> str:
    """A second title line when the figures are not amounts of the indicator itself: the
    "exports" series of "the share of raw materials in exports" is a ratio, not money.

    >>> pts = pd.DataFrame({"dimension": ["ratio", "ratio"]})
    >>> dimension_note(pts, "exports", "money"), dimension_note(pts, "unemployment", "ratio")
    ('\\n(a ratio about exports, not exports itself)', '')
    """
    if points.empty or not indicator_dimension or "dimension" not in points:
        return ""
    dimension = points["dimension"].value_counts().index[0]
    label = indicator.replace("_", " ")
    return "" if dimension == indicator_dimension else f"\n(a {dimension} about {label}, not {label} itself)"


def trend_figure(mentions: pd.DataFrame, indicator: str, unit: str | None = None, location: str = "",
                 articles: pd.DataFrame | None = None, ruleset: RulesLike = None) -> Figure:
    """A trend chart of one indicator: years on x, the unit on y; filled points are actual
    figures (joined by a line through the first-ranked figure of each year), hollow ones plans or
    targets; each point is labelled with its source and the figure as written."""
    points = indicator_points(mentions, statuses=None, ruleset=ruleset)
    points = points[(points["indicator"] == indicator) & (points["location"] == (location or ""))]
    if unit is None and len(points):
        unit = points["unit"].value_counts().index[0]
    points = points[points["unit"] == unit].sort_values(["year", "status"])
    fig = _new_figure(8, 4.8)
    ax = fig.add_subplot()
    place = f" — {location}" if location else ""
    dimension = {i.id: i.dimension for i in context_rules(ruleset).indicators}.get(indicator)
    ax.set_title(f"{indicator.replace('_', ' ')}{place}: figures by year" + dimension_note(points, indicator, dimension))
    ax.set_xlabel("year the figure refers to")
    factor, scale_name = _scale(points["value"]) if len(points) else (1.0, "")
    ax.set_ylabel(_axis_label(unit or "", scale_name))
    ax.yaxis.set_major_formatter(_tick_formatter(factor))
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.grid(True, axis="y", alpha=0.3)
    if points.empty:
        ax.text(0.5, 0.5, "no time points", transform=ax.transAxes, ha="center")
        return fig
    labels = source_labels(points["article_id"], articles)
    actual = points[points["status"] == "actual"]
    if len(actual):
        line = actual.groupby("year", sort=True).head(1)
        ax.plot(line["year"], line["value"], color=ACTUAL, lw=1.5, zorder=1)
    seen_in_year: dict[int, int] = {}
    for (_, row), label in zip(points.iterrows(), labels):
        is_actual = row["status"] == "actual"
        ax.scatter([row["year"]], [row["value"]], s=45, zorder=2,
                   color=ACTUAL if is_actual else "white", edgecolor=ACTUAL if is_actual else PLAN,
                   linewidth=1.5, label="actual" if is_actual else f"{row['status']}")
        k = seen_in_year.get(row["year"], 0)  # the k-th label of its year, stacked above the year's top point
        seen_in_year[row["year"]] = k + 1
        top = points.loc[points["year"] == row["year"], "value"].max()
        status = "" if is_actual else f" ({row['status']})"
        # labels at the first and last year lean inwards, off the axes and their tick labels
        edge = "left" if row["year"] == points["year"].min() else "right" if row["year"] == points["year"].max() \
            else "center"
        ax.annotate(f"{row['text']}{status}\n{label}", (row["year"], top),
                    xytext=({"left": -6, "right": 6, "center": 0}[edge], 10 + 24 * k),
                    textcoords="offset points", ha=edge, fontsize=7.5, color="#333333",
                    bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.85})
    years = points["year"]
    ax.set_xlim(years.min() - 0.7, years.max() + 0.7)
    low, high = float(points["value"].min()), float(points["value"].max())
    pad = (high - low) * 0.35 or abs(high) * 0.2 or 1.0
    stacked = max(seen_in_year.values())  # room above for the tallest stack of labels
    ax.set_ylim(min(0.0, low - pad) if low >= 0 and low - pad < 0 else low - pad, high + pad * stacked)
    handles, names = ax.get_legend_handles_labels()
    unique = dict(zip(names, handles))
    ax.legend(unique.values(), unique.keys(), loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8,
              frameon=False, title="status", title_fontsize=8)
    return fig


def trend_charts(mentions: pd.DataFrame, out_dir: str | Path, articles: pd.DataFrame | None = None,
                 ruleset: RulesLike = None) -> list[Path]:
    """Save ``trend_<indicator>_<unit>[_<location>].png/.svg`` for every indicator with time
    points in two or more years (:func:`trend_series`); returns the paths written."""
    out_dir = Path(out_dir)
    paths: list[Path] = []
    for indicator, unit, location in trend_series(mentions, ruleset):
        fig = trend_figure(mentions, indicator, unit, location, articles=articles, ruleset=ruleset)
        paths += _save(fig, out_dir, "trend_" + slug(indicator, unit, location))
    return paths


# --- slopes ----------------------------------------------------------------------------------------

def slope_pairs(claims: pd.DataFrame, mentions: pd.DataFrame) -> pd.DataFrame:
    """The change_from_to claims whose two ends are in ``mentions`` and share a unit: claim_id,
    subject, indicator, unit, from/to value, text and year (NA when unknown), status."""
    columns = ["claim_id", "subject", "indicator", "unit", "from_value", "to_value", "from_text",
               "to_text", "from_year", "to_year", "status", "summary"]
    if claims is None or claims.empty or mentions.empty:
        return pd.DataFrame(columns=columns)
    by_id = mentions.drop_duplicates("mention_id").set_index("mention_id")
    rows = []
    for _, claim in claims[claims["claim_type"] == "change_from_to"].iterrows():
        if claim["from_id"] not in by_id.index or claim["to_id"] not in by_id.index:
            continue
        a, b = by_id.loc[claim["from_id"]], by_id.loc[claim["to_id"]]
        if a["unit"] != b["unit"]:
            continue

        def year(m, fallback):
            if pd.notna(m["period_start"]) and m["period_start"] == m["period_end"]:
                return int(m["period_start"])
            return int(fallback) if pd.notna(fallback) else pd.NA

        rows.append({
            "claim_id": claim["claim_id"], "subject": claim["subject"] or claim["indicator"] or "",
            "indicator": claim["indicator"], "unit": a["unit"],
            "from_value": float(a["value"]), "to_value": float(b["value"]),
            "from_text": a["text"], "to_text": b["text"],
            "from_year": year(a, claim["period_start"] if pd.notna(claim["period_end"])
                              and claim["period_start"] != claim["period_end"] else pd.NA),
            "to_year": year(b, claim["period_end"] if pd.notna(claim["period_start"])
                            and claim["period_start"] != claim["period_end"] else pd.NA),
            "status": claim["status"], "summary": claim["summary"],
        })
    return pd.DataFrame(rows, columns=columns)


def slope_figure(claims: pd.DataFrame, mentions: pd.DataFrame, claim_ids=None, columns: int = 3) -> Figure:
    """Small multiples of change_from_to claims (all, or those in ``claim_ids``): each panel goes
    from the first figure (left) to the second (right) in its own unit; green up, red down."""
    pairs = slope_pairs(claims, mentions)
    if claim_ids is not None:
        pairs = pairs[pairs["claim_id"].isin(list(claim_ids))]
    n = max(len(pairs), 1)
    columns = min(columns, n)
    rows = int(np.ceil(n / columns))
    fig = _new_figure(4.2 * columns, 3.3 * rows + 0.4)
    fig.suptitle("From → to: the two figures of each change claim", fontsize=12)
    if pairs.empty:
        ax = fig.add_subplot()
        ax.set_title("no change_from_to claims")
        ax.set_xlabel("stated order")
        ax.set_ylabel("value")
        return fig
    for i, (_, p) in enumerate(pairs.iterrows()):
        ax = fig.add_subplot(rows, columns, i + 1)
        factor, scale_name = _scale([p["from_value"], p["to_value"]])
        color = UP if p["to_value"] > p["from_value"] else DOWN if p["to_value"] < p["from_value"] else FLAT
        dashed = p["status"] in ("plan", "target")
        ax.plot([0, 1], [p["from_value"], p["to_value"]], color=color, lw=2, ls="--" if dashed else "-",
                marker="o")
        for x, value, text, ha in ((0, p["from_value"], p["from_text"], "right"),
                                   (1, p["to_value"], p["to_text"], "left")):
            ax.annotate(textwrap.shorten(str(text), 22, placeholder="…"), (x, value),
                        xytext=(-7 if ha == "right" else 7, 0), textcoords="offset points",
                        ha=ha, va="center", fontsize=8)
        status = f" ({p['status']})" if p["status"] not in ("actual", "", None) else ""
        ax.set_title(_wrap(f"{p['subject']}{status}", 38), fontsize=9)
        ax.set_xlim(-0.8, 1.8)
        ax.set_xticks([0, 1], [str(p["from_year"]) if pd.notna(p["from_year"]) else "from",
                               str(p["to_year"]) if pd.notna(p["to_year"]) else "to"])
        ax.set_xlabel("year" if pd.notna(p["from_year"]) or pd.notna(p["to_year"]) else "stated order",
                      fontsize=8)
        ax.set_ylabel(_axis_label(p["unit"], scale_name), fontsize=8)
        ax.yaxis.set_major_formatter(_tick_formatter(factor))
        ax.yaxis.set_major_locator(MaxNLocator(4))
        low, high = sorted([p["from_value"], p["to_value"]])
        pad = (high - low) * 0.25 or abs(high) * 0.1 or 1.0
        ax.set_ylim(low - pad, high + pad)
        ax.tick_params(labelsize=8)
        ax.grid(True, axis="y", alpha=0.3)
    return fig


def slope_charts(claims: pd.DataFrame, mentions: pd.DataFrame, out_dir: str | Path,
                 per_page: int = SLOPES_PER_PAGE) -> list[Path]:
    """Save ``slopes_<page>.png/.svg``, ``per_page`` change_from_to claims each; returns the paths
    (none when there are no such claims)."""
    out_dir = Path(out_dir)
    pairs = slope_pairs(claims, mentions)
    paths: list[Path] = []
    for page, start in enumerate(range(0, len(pairs), per_page), start=1):
        ids = pairs["claim_id"].iloc[start:start + per_page]
        paths += _save(slope_figure(claims, mentions, ids), out_dir, f"slopes_{page}")
    return paths


# --- overview --------------------------------------------------------------------------------------

def overview_figure(mentions: pd.DataFrame, top: int = 25) -> Figure:
    """Two bar charts: how many figures of each dimension and unit, and of each indicator (the
    ``top`` most frequent, and those without one)."""
    fig = _new_figure(12, max(4.5, 0.26 * min(top, max(mentions["indicator"].nunique(), 1)) + 1.5)
                      if len(mentions) else 4.5)
    left, right = fig.subplots(1, 2, width_ratios=[1, 1.3])
    fig.suptitle(f"{len(mentions):,} figures found", fontsize=12)
    if mentions.empty:
        for ax, title, ylabel in ((left, "figures by dimension and unit", "dimension · unit"),
                                  (right, "figures by indicator", "indicator")):
            ax.set_title(title)
            ax.set_xlabel("figures")
            ax.set_ylabel(ylabel)
        return fig
    by_unit = (mentions.assign(label=mentions["dimension"].fillna("?") + " · " + mentions["unit"].map(unit_label))
               .groupby("label").size().sort_values())
    left.barh(by_unit.index, by_unit.values, color=ACTUAL)
    left.set_title("figures by dimension and unit")
    left.set_xlabel("figures")
    left.set_ylabel("dimension · unit")
    indicator = mentions["indicator"].fillna("").replace("", "(no indicator)")
    by_indicator = indicator.value_counts()
    shown = by_indicator.head(top).sort_values()
    right.barh(shown.index, shown.values, color=[FLAT if i == "(no indicator)" else ACTUAL for i in shown.index])
    rest = len(by_indicator) - len(shown)
    right.set_title("figures by indicator" + (f" (top {top}; {rest} more)" if rest > 0 else ""))
    right.set_xlabel("figures")
    right.set_ylabel("indicator")
    for ax in (left, right):
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.xaxis.set_major_formatter(_tick_formatter(1.0))
        ax.tick_params(axis="y", labelsize=8)
        ax.grid(True, axis="x", alpha=0.3)
    return fig


def overview_chart(mentions: pd.DataFrame, out_dir: str | Path) -> list[Path]:
    """Save ``overview.png/.svg``; returns the paths."""
    return _save(overview_figure(mentions), Path(out_dir), "overview")


def chart_figures(articles: pd.DataFrame | None, mentions: pd.DataFrame, claims: pd.DataFrame,
                  ruleset: RulesLike = None) -> list[tuple[str, Figure, str]]:
    """Every chart of a report, drawn once: (file name, figure, caption) for the overview, each
    trend and each page of slopes. The report saves them and the claims summary embeds the
    saved images, so no chart is drawn twice."""
    drawn = [("overview", overview_figure(mentions), "Figures by dimension and unit, and by indicator.")]
    for indicator, unit, location in trend_series(mentions, ruleset):
        drawn.append(("trend_" + slug(indicator, unit, location),
                      trend_figure(mentions, indicator, unit, location, articles=articles, ruleset=ruleset),
                      f"Trend of {indicator} ({unit_label(unit)}{', ' + location if location else ''})."))
    pairs = slope_pairs(claims, mentions)
    for page, start in enumerate(range(0, len(pairs), SLOPES_PER_PAGE), start=1):
        ids = pairs["claim_id"].iloc[start:start + SLOPES_PER_PAGE]
        drawn.append((f"slopes_{page}", slope_figure(claims, mentions, ids), "From → to claims."))
    return drawn


def save_charts(drawn: list[tuple[str, Figure, str]], out_dir: str | Path) -> list[Path]:
    """Save each drawn chart as ``<name>.png`` and ``.svg`` in ``out_dir``; returns the paths."""
    return [path for name, fig, _ in drawn for path in _save(fig, Path(out_dir), name)]


def all_charts(articles: pd.DataFrame | None, mentions: pd.DataFrame, claims: pd.DataFrame,
               out_dir: str | Path, ruleset: RulesLike = None) -> list[Path]:
    """The overview, every trend and the slope pages into ``out_dir``; returns the paths."""
    return save_charts(chart_figures(articles, mentions, claims, ruleset), out_dir)
