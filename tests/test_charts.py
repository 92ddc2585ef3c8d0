"""extractor.outputs.charts: files are written, non-empty, and every axes has a title and axis labels.

Fast tests on tiny hand-made tables (no model); one model test draws every chart of the sample
corpus.
"""

from __future__ import annotations

import pandas as pd
import pytest
from matplotlib.figure import Figure
from PIL import Image

from extractor.outputs.charts import (all_charts, overview_chart, overview_figure, slope_charts, slope_figure,
                              slope_pairs, trend_charts, trend_figure, trend_series)

from hostile_tables import tiny_tables  # shared by the output tests


def assert_labelled(fig: Figure) -> None:
    axes = fig.get_axes()
    assert axes
    for ax in axes:
        assert ax.get_title(), ax
        assert ax.get_xlabel() and ax.get_ylabel(), (ax.get_title(), ax.get_xlabel(), ax.get_ylabel())


def assert_files(paths, expected_stems):
    assert sorted({p.stem for p in paths}) == sorted(expected_stems)
    for path in paths:
        assert path.suffix in (".png", ".svg") and path.stat().st_size > 1000, path
        if path.suffix == ".png":
            with Image.open(path) as image:
                assert image.size[0] > 300 and len(image.getcolors(1 << 20) or range(2)) > 1


@pytest.fixture(scope="module")
def tables():
    return tiny_tables()


def test_trend_series_needs_two_years(tables):
    _, mentions, _ = tables
    assert trend_series(mentions) == [("gdp", "USD", "")]
    assert trend_series(mentions[mentions["period_start"] != 2023]) == []


def test_trend_chart(tables, tmp_path):
    articles, mentions, _ = tables
    fig = trend_figure(mentions, "gdp", articles=articles)
    assert_labelled(fig)
    ax = fig.get_axes()[0]
    assert "USD (billions)" == ax.get_ylabel()
    labels = [t.get_text() for t in ax.texts]
    assert any("$288 billion" in t and "17 Mar 2025" in t for t in labels)
    assert_files(trend_charts(mentions, tmp_path, articles=articles), ["trend_gdp_usd"])


def test_slope_chart(tables, tmp_path):
    _, mentions, claims = tables
    pairs = slope_pairs(claims, mentions)
    assert pairs[["from_value", "to_value"]].values.tolist() == [[61.1e9, 81.6e9]]
    assert_labelled(slope_figure(claims, mentions))
    assert_files(slope_charts(claims, mentions, tmp_path), ["slopes_1"])


def test_overview_chart(tables, tmp_path):
    _, mentions, _ = tables
    assert_labelled(overview_figure(mentions))
    assert_files(overview_chart(mentions, tmp_path), ["overview"])


def test_empty_tables_still_draw_labelled_charts(tables, tmp_path):
    _, mentions, claims = tables
    none = mentions.iloc[0:0]
    assert_labelled(overview_figure(none))
    assert_labelled(slope_figure(claims.iloc[0:0], none))
    assert trend_charts(none, tmp_path) == [] and slope_charts(claims.iloc[0:0], none, tmp_path) == []


@pytest.fixture(scope="module")
def sample_tables(sample_articles, sample_mentions, sample_claims):
    """The sample's tables, built once per session (conftest.py)."""
    return sample_articles, sample_mentions, sample_claims


@pytest.mark.model
def test_sample_corpus_charts(sample_tables, tmp_path):
    """Trends and the overview saved; slopes drawn (saving all pages is the slow test below)."""
    articles, mentions, claims = sample_tables
    series = trend_series(mentions)
    assert len(series) >= 2
    for indicator, unit, location in series:  # every trend drawn and labelled ...
        assert_labelled(trend_figure(mentions, indicator, unit, location, articles=articles))
    assert_labelled(slope_figure(claims, mentions))
    # ... and saved, one file per series (two here: saving all of them is make report's work)
    two = mentions[mentions["indicator"].isin({indicator for indicator, _, _ in series[:2]})]
    paths = trend_charts(two, tmp_path, articles=articles) + overview_chart(mentions, tmp_path)
    assert_files(paths, {"overview"} | {p.stem for p in paths if p.stem.startswith("trend_")})
    assert len({p.stem for p in paths}) == len(trend_series(two)) + 1 >= 3


@pytest.mark.model
@pytest.mark.slow
def test_sample_corpus_all_charts_saved(sample_tables, tmp_path):
    articles, mentions, claims = sample_tables
    paths = all_charts(articles, mentions, claims, tmp_path)
    stems = {p.stem for p in paths}
    assert "overview" in stems and "slopes_1" in stems
    assert_files(paths, stems)


def test_a_figure_shows_itself_as_a_png_in_a_notebook(tables):
    """IPython calls _repr_png_ for the image/png output: no pyplot, no inline backend needed."""
    articles, mentions, claims = tables
    for fig in (trend_figure(mentions, "gdp", articles=articles), slope_figure(claims, mentions),
                overview_figure(mentions)):
        png = fig._repr_png_()
        assert png.startswith(b"\x89PNG\r\n\x1a\n") and len(png) > 5000
    from IPython.core.formatters import DisplayFormatter

    data, _ = DisplayFormatter().format(trend_figure(mentions, "gdp", articles=articles))
    assert "image/png" in data and data["text/plain"].startswith("<")
