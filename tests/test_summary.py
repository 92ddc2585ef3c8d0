"""extractor.outputs.summary: the claims summary in Markdown and HTML.

Fast tests on a tiny hand-made article whose title and body hold ``<script>alert(1)</script>`` and
"=1+1" (they must come out as text); one model test renders the whole sample corpus; a page of
5,100 claims is rendered to see it stay small and quick. In headless Chromium (``/usr/bin/chromium``:
``make test`` installs Debian's package first when it can, see the Makefile's ``test-setup``; else
these tests are skipped with the reason, tests/browser.py) the page is rendered, typed into (its
search filters the list) and followed from a claim to its highlighted sentence.
"""

from __future__ import annotations

import base64
import hashlib
import re
import subprocess
from html.parser import HTMLParser

import pandas as pd
import pytest
from PIL import Image

from extractor.outputs.summary import (claim_groups, claims_html, claims_markdown, highlight_pieces, page_script,
                                       write_claims_summary)

from hostile_tables import tiny_tables  # shared by the output tests


def tiny_checks(claims):
    return pd.DataFrame({
        "check_id": ["c1"], "claim_ids": [[claims["claim_id"].iloc[-1]]], "check": ["arithmetic"],
        "verdict": ["inconsistent"], "expected": [1.34], "observed": [1.5], "rel_error": [0.12],
        "tolerance": [0.01], "explanation": ["<img src=x onerror=alert(2)> x1.34 stated x1.5"],
        "reference_source": [""]})


class Collect(HTMLParser):
    """Every start tag, the text inside the claims' <mark> elements (``marks``), inside the article
    texts' sentence marks (``sentences``, by id) and inside <script> elements."""

    def __init__(self):
        super().__init__()
        self.tags, self.marks, self.sentences, self.scripts = [], [], {}, []
        self._in = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append((tag, attrs))
        if tag == "mark":
            self._in = ("sentence", attrs.get("id")) if attrs.get("class") == "sentence" else ("mark", None)
            if self._in[0] == "sentence":
                self.sentences[self._in[1]] = ""
            else:
                self.marks.append("")
        elif tag == "script":
            self._in = ("script", None)
            self.scripts.append("")

    def handle_endtag(self, tag):
        if tag in ("mark", "script"):
            self._in = None

    def handle_data(self, data):
        if self._in is None:
            return
        kind, key = self._in
        if kind == "sentence":
            self.sentences[key] += data
        elif kind == "mark":
            self.marks[-1] += data
        else:
            self.scripts[-1] += data


def parse(page: str) -> Collect:
    parsed = Collect()
    parsed.feed(page)
    return parsed


@pytest.fixture(scope="module")
def tables():
    articles, mentions, claims = tiny_tables()
    return articles, mentions, claims, tiny_checks(claims)


@pytest.fixture(scope="module")
def page(tables):
    return claims_html(*tables)


def test_html_escapes_article_text(page):
    assert page.lower().count("<script") == 1, "the page's own script, and nothing from an article"
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<img src=x" not in page and "&lt;img src=x onerror=alert(2)&gt;" in page
    assert "=1+1" in page
    parsed = parse(page)
    assert {t for t, _ in parsed.tags} <= {"html", "head", "meta", "title", "style", "body", "main", "h1", "p",
                                           "ul", "li", "b", "nav", "div", "a", "h2", "h3", "span", "section",
                                           "blockquote", "mark", "code", "table", "thead", "tr", "th",
                                           "tbody", "td", "figure", "img", "figcaption", "article", "input",
                                           "select", "option", "button", "script"}
    assert all(not k.startswith("on") for _, attrs in parsed.tags for k in attrs)
    images = [a["src"] for t, a in parsed.tags if t == "img"]
    assert images and all(src.startswith("data:image/png;base64,") for src in images)


def test_the_only_script_is_ours_and_allowed_by_its_hash(page):
    script, source = page_script()
    parsed = parse(page)
    assert parsed.scripts == [script]
    policy = next(a["content"] for t, a in parsed.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy")
    assert f"script-src {source}" in policy and "unsafe-inline" not in policy.split("script-src")[1]
    assert source == "'sha256-" + base64.b64encode(hashlib.sha256(script.encode()).digest()).decode() + "'"


def test_html_highlights_each_figure_and_shows_every_claim(tables, page):
    _, mentions, claims, _ = tables
    parsed = parse(page)
    assert sorted(parsed.marks) == sorted(mentions["text"])
    for summary in claims["summary"]:
        assert summary.replace(">", "&gt;") in page
    assert page.count('class="claim ') == len(claims)
    assert "inconsistent" in page and "1</b> flagged (inconsistent or contradicted)" in page
    assert "2025-03-17" in page
    assert page.count('class="claim ') == len(claims), "each claim once, the flagged ones too"


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
    assert "**inconsistent**" in md and "1** flagged (inconsistent or contradicted" in md
    assert md.index("## Flagged") < md.index("## GDP")
    assert "checks not run" in claims_markdown(articles, mentions, claims)


def test_flagged_claims_come_first_then_the_indicators(tables):
    articles, mentions, claims, checks = tables
    groups = claim_groups(articles, mentions, claims, checks)
    assert [g["indicator"] for g in groups] == ["flagged", "gdp"]  # exports' one claim is flagged
    assert [c["tone"] for c in groups[0]["claims"]] == ["bad"] and groups[0]["claims"][0]["indicator"] == "exports"
    assert [g["label"] for g in groups] == ["Flagged: inconsistent or contradicted", "GDP"]  # labels of the rules
    assert [g["indicator"] for g in claim_groups(articles, mentions, claims)] == ["exports", "gdp"]


def test_the_flagged_count_links_to_the_flagged_claims(page):
    parsed = parse(page)
    assert ("a", {"href": "#flagged"}) in parsed.tags
    ids = [a.get("id") for _, a in parsed.tags]
    assert ids.index("flagged") < ids.index("ind-gdp"), "flagged first"


def test_each_claim_can_be_filtered_by_indicator_verdict_and_outlet(page):
    parsed = parse(page)
    cards = [a for t, a in parsed.tags if t == "section" and a.get("class", "").startswith("claim")]
    assert [(c["data-indicator"], c["data-verdicts"], c["data-outlet"]) for c in cards] == [
        ("exports", "flagged inconsistent", "=cmd|"), ("gdp", "unchecked", "=cmd|"), ("gdp", "unchecked", "=cmd|")]
    options = {a["value"] for t, a in parsed.tags if t == "option"}
    assert {"exports", "gdp", "flagged", "inconsistent", "unchecked", "=cmd|"} <= options


def test_each_source_link_reaches_its_sentence_in_the_article_text(tables, page):
    _, _, claims, _ = tables
    parsed = parse(page)
    targets = [a["href"][1:] for t, a in parsed.tags if t == "a" and a.get("class") == "read"]
    assert len(targets) == len(claims)
    assert sorted(parsed.sentences[t] for t in targets) == sorted(claims["sentence"])


def test_an_untitled_article_is_named_by_its_first_words(tables):
    articles, mentions, claims, checks = tables
    page = claims_html(articles.assign(title=""), mentions, claims, checks, charts=False)
    assert "(untitled)" not in page
    assert "=1+1 &lt;script&gt;alert(1)&lt;/script&gt; GDP reached $250 billion in 2023. By the end of…" in page


def replicated(tables, n: int):
    """The tiny tables ``n`` times over, each copy its own article (titles "Article k")."""
    articles, mentions, claims, _ = tables

    def copy(frame, k, columns=(), lists=()):
        frame = frame.copy()
        for column in columns:
            frame[column] = frame[column].map(lambda v: v.replace("tiny:0:", f"tiny:{k}:") if isinstance(v, str) else v)
        for column in lists:
            frame[column] = frame[column].map(lambda v: [x.replace("tiny:0:", f"tiny:{k}:") for x in v])
        return frame

    big_articles = pd.concat([copy(articles, k, ["article_id"]).assign(title=f"Article {k}", attribution=f"Outlet {k % 7}")
                              for k in range(n)], ignore_index=True)
    big_mentions = pd.concat([copy(mentions, k, ["article_id", "mention_id"]) for k in range(n)], ignore_index=True)
    big_claims = pd.concat([copy(claims, k, ["article_id", "claim_id", "from_id", "to_id", "total_id"],
                                 ["mention_ids", "change_ids", "part_ids"]) for k in range(n)], ignore_index=True)
    return big_articles, big_mentions, big_claims, tiny_checks(big_claims)


@pytest.fixture(scope="module")
def big_page(tables):
    """A page of 5,100 claims from 1,700 articles (its build time is no test: machines differ)."""
    return claims_html(*replicated(tables, 1700), charts=False)


def test_a_page_of_5000_claims_stays_small(big_page):
    assert big_page.count('class="claim ') == 5100
    assert len(big_page.encode()) < 8e6, "under 8 MB"


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
    parsed = parse(html)
    assert len(parsed.marks) >= 0.95 * sum(len(ids) for ids in claims["mention_ids"])
    targets = [a["href"][1:] for t, a in parsed.tags if t == "a" and a.get("class") == "read"]
    assert len([t for t in targets if t in parsed.sentences]) >= 0.95 * len(claims), "links reach the sentences"
    assert "(untitled)" not in html


# --------------------------------------------------------------------------- headless Chromium

from browser import Browser, chromium  # noqa: E402  (a headless Chromium the tests drive)


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


VISIBLE = "document.querySelectorAll('section.claim:not([hidden])').length"


def test_searching_the_page_filters_the_claims_and_a_source_link_reaches_the_sentence(page, tmp_path):
    html = tmp_path / "claims.html"
    html.write_text(page, encoding="utf-8")  # claims_html(*tables)
    with Browser.start(tmp_path / "profile") as browser:
        browser.open(html.resolve().as_uri())
        assert browser.evaluate("document.getElementById('controls').hidden") is False, "the script ran"
        assert browser.evaluate(VISIBLE) == 3
        browser.click("#q")
        browser.type("288")
        browser.wait_until(f"{VISIBLE} === 1")
        assert browser.evaluate("document.getElementById('shown').textContent") == "1 of 3 claims shown"
        assert "$288 billion" in browser.evaluate("document.querySelector('section.claim:not([hidden])').textContent")
        assert browser.evaluate("document.getElementById('flagged').hidden") is True, "an empty group hides"
        browser.click("section.claim:not([hidden]) a.read")
        browser.wait_until("location.hash.startsWith('#s-')")
        target = browser.evaluate("""(() => { const t = document.querySelector(':target'); const r = t.getBoundingClientRect();
            return {cls: t.className, text: t.textContent, colour: getComputedStyle(t).backgroundColor,
                    top: r.top, bottom: r.bottom, height: innerHeight}; })()""")
        assert target["cls"] == "sentence" and target["text"] == "By the end of 2024, GDP reached $288 billion."
        assert target["colour"] == "rgb(255, 213, 79)", "the sentence is highlighted"
        assert 0 <= target["top"] and target["bottom"] <= target["height"], "and in view"
        browser.open(html.resolve().as_uri())
        browser.evaluate("document.getElementById('f-verdict').value = 'flagged'; "
                         "document.getElementById('f-verdict').dispatchEvent(new Event('change'))")
        assert browser.evaluate(VISIBLE) == 1


def test_a_page_of_5000_claims_filters_in_the_browser(big_page, tmp_path):
    """Typing filters 5,100 claims down to one article's three and a link reaches its sentence
    (timeouts here guard against a hang; speed is measured by make bench, not by a test)."""
    html = tmp_path / "big.html"
    html.write_text(big_page, encoding="utf-8")
    with Browser.start(tmp_path / "profile") as browser:
        browser.open(html.resolve().as_uri())
        browser.click("#q")
        browser.type("article 1699")
        browser.wait_until(f"{VISIBLE} === 3", timeout=60)
        browser.click("section.claim:not([hidden]) a.read")
        browser.wait_until("location.hash.startsWith('#s-1700-')")
        assert browser.evaluate("document.querySelector(':target').className") == "sentence"


def test_checks_without_data_are_counted_in_the_overview_not_listed(tables):
    """An equivalence of unknown year or a year the reference lacks gives no check row; the
    overview says how many there were and why, in both formats."""
    articles, mentions, claims, checks = tables
    counted = checks.copy()
    counted.attrs["unchecked"] = {"equivalence": {"year unknown": 3}, "reference": {"no reference figure": 1}}
    md = claims_markdown(articles, mentions, claims, counted)
    assert "not checked, for want of data: equivalence: year unknown (3), reference: no reference figure (1)" in md
    assert "equivalence: year unknown (3)" in claims_html(articles, mentions, claims, counted)
    assert "not checked" not in claims_markdown(articles, mentions, claims, checks)
