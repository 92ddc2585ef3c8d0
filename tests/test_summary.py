"""extractor.outputs.summary: the claims summary in Markdown and HTML.

Fast tests on a tiny hand-made article whose title and body hold ``<script>alert(1)</script>`` and
"=1+1" (they must come out as text); one model test renders the whole sample corpus; the page is
rendered in headless Chromium when it is installed (``/usr/bin/chromium``: ``make test`` installs
Debian's package first when it can, see the Makefile's ``test-setup``; else the test is skipped
with the reason).
"""

from __future__ import annotations

import os
import re
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest
from PIL import Image

from extractor.outputs.summary import claim_groups, claims_html, claims_markdown, highlight_pieces, write_claims_summary

from hostile_tables import tiny_tables  # shared by the output tests


def tiny_checks(claims):
    return pd.DataFrame({
        "check_id": ["c1"], "claim_ids": [[claims["claim_id"].iloc[-1]]], "check": ["arithmetic"],
        "verdict": ["inconsistent"], "expected": [1.34], "observed": [1.5], "rel_error": [0.12],
        "tolerance": [0.01], "explanation": ["<img src=x onerror=alert(2)> x1.34 stated x1.5"],
        "reference_source": [""]})


class Collect(HTMLParser):
    """Every start tag and the text inside <mark> elements."""

    def __init__(self):
        super().__init__()
        self.tags, self.marks, self._in_mark = [], [], False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_mark = tag == "mark"

    def handle_endtag(self, tag):
        self._in_mark = False if tag == "mark" else self._in_mark

    def handle_data(self, data):
        if self._in_mark:
            self.marks.append(data)


@pytest.fixture(scope="module")
def tables():
    articles, mentions, claims = tiny_tables()
    return articles, mentions, claims, tiny_checks(claims)


@pytest.fixture(scope="module")
def page(tables):
    return claims_html(*tables)


def test_html_escapes_article_text(page):
    assert "<script" not in page.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<img src=x" not in page and "&lt;img src=x onerror=alert(2)&gt;" in page
    assert "=1+1" in page
    parsed = Collect()
    parsed.feed(page)
    assert {t for t, _ in parsed.tags} <= {"html", "head", "meta", "title", "style", "body", "main", "h1", "p",
                                           "ul", "li", "b", "nav", "div", "a", "h2", "span", "section",
                                           "blockquote", "mark", "code", "table", "thead", "tr", "th",
                                           "tbody", "td", "figure", "img", "figcaption"}
    assert all(not k.startswith("on") for _, attrs in parsed.tags for k in attrs)
    images = [a["src"] for t, a in parsed.tags if t == "img"]
    assert images and all(src.startswith("data:image/png;base64,") for src in images)


def test_html_highlights_each_figure_and_shows_every_claim(tables, page):
    _, mentions, claims, _ = tables
    parsed = Collect()
    parsed.feed(page)
    assert sorted(parsed.marks) == sorted(mentions["text"])
    for summary in claims["summary"]:
        assert summary.replace(">", "&gt;") in page
    assert page.count('class="claim ') == len(claims)
    assert "inconsistent" in page and "1</b> flagged (inconsistent or contradicted)" in page
    assert "2025-03-17" in page


def test_urls_link_only_when_http(tables):
    articles, mentions, claims, checks = tables
    hostile = articles.assign(url=["javascript:alert(1)"])
    assert "javascript:" not in claims_html(hostile, mentions, claims, checks, charts=False)
    good = articles.assign(url=["https://www.inform.kz/en/a?b=1&c=2"])
    assert 'href="https://www.inform.kz/en/a?b=1&amp;c=2"' in claims_html(good, mentions, claims, charts=False)


def test_markdown(tables):
    articles, mentions, claims, checks = tables
    md = claims_markdown(articles, mentions, claims, checks)
    assert "<script" not in md and "&lt;script&gt;" in md
    assert "**$288 billion**" in md and "**$61.1 billion** to **$81.6 billion**" in md
    for summary in claims["summary"]:
        assert summary.replace(">", "&gt;") in md
    assert "**inconsistent**" in md and "1** flagged (inconsistent or contradicted)" in md
    assert "checks not run" in claims_markdown(articles, mentions, claims)


def test_groups_by_indicator(tables):
    articles, mentions, claims, checks = tables
    groups = claim_groups(articles, mentions, claims, checks)
    assert [g["indicator"] for g in groups] == ["exports", "gdp"]
    assert groups[0]["claims"][0]["tone"] == "bad"


def test_highlight_skips_overlaps_and_bad_spans():
    pieces = highlight_pieces("abcdef", [(1, 3, ""), (2, 4, ""), (5, 9, "")])
    assert [(p["text"], p["mark"]) for p in pieces] == [("a", False), ("bc", True), ("def", False)]


@pytest.mark.model
def test_sample_corpus_summary(tmp_path, sample_articles, sample_mentions, sample_claims):
    articles, mentions, claims = sample_articles, sample_mentions, sample_claims
    md_path, html_path = write_claims_summary(tmp_path, articles, mentions, claims, charts=False)
    md, html = md_path.read_text(encoding="utf-8"), html_path.read_text(encoding="utf-8")
    assert md.count("\n- **") == len(claims) + 3  # and the overview's 3 lines
    assert html.count('class="claim ') == len(claims)
    parsed = Collect()
    parsed.feed(html)
    assert len(parsed.marks) >= 0.95 * sum(len(ids) for ids in claims["mention_ids"])


# --------------------------------------------------------------------------- headless Chromium

CHROMIUM = "/usr/bin/chromium"


def chromium() -> str:
    """The Chromium binary; else skip, saying why (the install is ``make test``'s, never a test's)."""
    if os.path.exists(CHROMIUM):
        return CHROMIUM
    pytest.skip(f"headless rendering not run: {CHROMIUM} missing (`make test` installs Debian's chromium "
                "with apt-get when run as root; else install it yourself)")


def test_renders_in_headless_chromium(page, tmp_path):
    binary = chromium()
    html = tmp_path / "claims.html"
    html.write_text(page, encoding="utf-8")  # claims_html(*tables)
    shot = tmp_path / "shot.png"
    result = subprocess.run(
        [binary, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run",
         f"--user-data-dir={tmp_path / 'profile'}", "--enable-logging=stderr", "--v=0",
         f"--screenshot={shot}", "--window-size=1200,1600", html.resolve().as_uri()],
        capture_output=True, text=True, timeout=120)
    assert shot.exists(), result.stderr[-2000:]
    with Image.open(shot) as image:
        colours = image.convert("RGB").getcolors(1 << 24)
    assert colours is not None and len(colours) > 1, "blank screenshot"
    log = result.stdout + result.stderr
    assert not re.search(r"Uncaught|Refused to execute", log), log[-2000:]
