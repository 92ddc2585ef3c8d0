"""The claims summary, as Markdown or a self-contained HTML page. Reads only the tables.

Flagged claims come first (a claim is flagged when a check found it inconsistent or contradicted;
the overview's count links to them), then the claims grouped by indicator (by the indicator's
label in rules/indicators.yaml; claims without one last, as "(no indicator)"). Each shows its
normalised summary, its sentence with the claim's figures highlighted, the verdicts of the checks
that name it (when a Checks table is given) and its article: a readable title (the article's, else
its first words), date and outlet, linked to the article's text further down the page, where the
claim's sentence is highlighted and the link's target; the article's own ``url`` (http and https
only) is linked beside it. The HTML page has a search box and filters by indicator, verdict and
outlet, and draws only what is on screen (``content-visibility``), so it stays quick at thousands
of claims.

Safety: article text never becomes markup. The HTML is rendered by Jinja2 with autoescape on, and
a highlighted sentence is a list of plain-text pieces that the template escapes one by one, so
only the ``<mark>`` tags are markup. The page's one script (``templates/claims.js.j2``, ours,
holding nothing from the tables) runs because the ``<meta>`` Content-Security-Policy names its
sha256; any other script, inline or not, is refused. In Markdown, ``&``, ``<`` and ``>`` become
entities and Markdown's own punctuation is backslash-escaped.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pandas as pd

from ..checks.factcheck import unchecked_counts
from ..tables import text_or_empty
from .folder import written_atomically
from .labels import article_outlet, article_title, safe_url

TEMPLATES = Path(__file__).resolve().parent / "templates"
BAD_VERDICTS = ("inconsistent", "contradicted")
GOOD_VERDICTS = ("consistent", "supported")
NO_INDICATOR = "(no indicator)"
FLAGGED = "flagged"
UNCHECKED = "unchecked"
FLAGGED_LABEL = "Flagged: inconsistent or contradicted"


# --- the data both formats share --------------------------------------------------------------------

def highlight_pieces(sentence: str, spans: list[tuple[int, int, str]]) -> list[dict]:
    """Cut ``sentence`` into plain-text pieces; ``spans`` (start, end, title) become pieces with
    ``mark`` True. Overlapping or out-of-range spans are skipped.

    >>> [(p["text"], p["mark"]) for p in highlight_pieces("GDP reached $288 billion.", [(12, 24, "")])]
    [('GDP reached ', False), ('$288 billion', True), ('.', False)]
    """
    pieces, at = [], 0
    for start, end, title in sorted(spans):
        if start < at or end > len(sentence) or start >= end:
            continue
        if start > at:
            pieces.append({"text": sentence[at:start], "mark": False, "title": ""})
        pieces.append({"text": sentence[start:end], "mark": True, "title": title})
        at = end
    if at < len(sentence):
        pieces.append({"text": sentence[at:], "mark": False, "title": ""})
    return pieces


def _spans(claim: pd.Series, by_id: pd.DataFrame) -> list[tuple[int, int, str]]:
    """Where the claim's figures are in its sentence: the mention offsets relative to the
    sentence, or (when the sentence was joined from several) the text found in order."""
    sentence = str(claim["sentence"])
    spans, search_from = [], 0
    ids = _as_list(claim["mention_ids"])
    roles = _as_list(claim["roles"]) if "roles" in claim else [""] * len(ids)
    for mid, role in zip(ids, roles + [""] * (len(ids) - len(roles))):
        if mid not in by_id.index:
            continue
        m = by_id.loc[mid]
        text = str(m["text"])
        start = int(m["start"]) - int(claim["sentence_start"]) if pd.notna(claim["sentence_start"]) else -1
        if not (0 <= start and sentence[start:start + len(text)] == text):
            start = sentence.find(text, search_from)
            if start < 0:
                start = sentence.find(text)
        if start < 0:
            continue
        search_from = start + len(text)
        unit = text_or_empty(m.get("unit", ""))
        value = m.get("value")
        shown = "" if value is None or pd.isna(value) else (
            f"{value:,.0f}" if float(value).is_integer() else f"{value:,}")
        title = f"{role}: {shown} {unit}".strip()
        spans.append((start, start + len(text), title))
    return spans


def _as_list(value: Any) -> list:
    if value is None or isinstance(value, str) or (isinstance(value, float) and pd.isna(value)):
        return [value] if isinstance(value, str) else []
    return list(value)


def _safe_url(url: Any) -> str:
    """The url when it is an http(s) address (no javascript: or data: links), else "".

    >>> _safe_url("https://kazinform.kz/x"), _safe_url("javascript:alert(1)"), _safe_url(None)
    ('https://kazinform.kz/x', '', '')
    """
    return safe_url(url)


def _date(value: Any) -> str:
    return pd.Timestamp(value).strftime("%Y-%m-%d") if value is not None and pd.notna(value) else "undated"


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", str(text).lower()).strip("-")


def _articles(articles: pd.DataFrame | None) -> tuple[list[dict], dict[str, dict]]:
    if articles is None or articles.empty:
        return [], {}
    rows = []
    for i, a in enumerate(articles.drop_duplicates("article_id").to_dict("records")):
        rows.append({
            "article_id": str(a["article_id"]), "anchor": f"article-{i + 1}", "n": i + 1,
            "title": article_title(a.get("title"), a.get("body")), "date": _date(a.get("published")),
            "url": safe_url(a.get("url")), "outlet": article_outlet(a),
            "attribution": text_or_empty(a.get("attribution")).replace("\xa0", " "),
            "status": text_or_empty(a.get("status")), "record": a,
        })
    return rows, {r["article_id"]: r for r in rows}


def _tone(verdict: str) -> str:
    return "bad" if verdict in BAD_VERDICTS else "good" if verdict in GOOD_VERDICTS else ""


def _checks_by_claim(checks: pd.DataFrame | None) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    if checks is None or checks.empty:
        return out
    for c in checks.to_dict("records"):
        ids = _as_list(c.get("claim_ids"))
        record = {k: text_or_empty(c.get(k)) for k in ("check_id", "check", "verdict", "explanation", "reference_source")}
        record["tone"] = _tone(record["verdict"])
        for cid in ids:
            out.setdefault(str(cid), []).append(record)
    return out


def overview_counts(articles, mentions, claims, checks=None) -> dict:
    """The numbers at the top of the summary."""
    n_articles = 0 if articles is None else len(articles)
    ok = int((articles["status"] == "ok").sum()) if articles is not None and "status" in articles else n_articles
    return {
        "articles": n_articles, "articles_ok": ok, "figures": len(mentions), "claims": len(claims),
        "checks": None if checks is None else len(checks),
        "inconsistent": 0 if checks is None or checks.empty else int(checks["verdict"].isin(BAD_VERDICTS).sum()),
        "unverifiable": 0 if checks is None or checks.empty else int((checks["verdict"] == "unverifiable").sum()),
        # checks that had nothing to judge against (a claim of unknown year, a currency without a rate)
        "not_checked": {} if checks is None else unchecked_counts(checks),
    }


def _indicator_labels(ruleset=None) -> dict[str, str]:
    from .sheet import indicator_labels

    return indicator_labels(ruleset)


def _sentence_anchor(article: dict, field: str, start: int) -> str:
    return f"s-{article['n']}-{field[:1] or 'b'}{start}"


def _sentence_place(claim: dict, article: dict | None) -> tuple[str, int] | None:
    """(field, start) of the claim's sentence in its article's text, when the text has it."""
    if article is None:
        return None
    field = claim["field"] if claim["field"] in ("title", "body") else "body"
    text = text_or_empty(article["record"].get(field))
    sentence = claim["sentence"]
    if not text or not sentence:
        return None
    start = claim["sentence_start"]
    if start is not None and text[start:start + len(sentence)] == sentence:
        return field, start
    found = text.find(sentence)
    return (field, found) if found >= 0 else None


def claim_groups(articles, mentions, claims, checks=None, ruleset=None) -> list[dict]:
    """The claims as the summaries show them: a list of {label, indicator, anchor, flagged, claims},
    the flagged claims first (group ``flagged``, when there are any), then one group per
    indicator. Each claim is a dict of claim_id, summary, claim_type, status, indicator (and its
    label), pieces (the highlighted sentence), article, outlet, target (the anchor of its sentence
    in the article's text on the page, or ""), checks, verdicts and tone (bad when a check found
    it inconsistent or contradicted)."""
    _, article_by_id = _articles(articles)
    labels = _indicator_labels(ruleset)
    by_id = mentions.drop_duplicates("mention_id").set_index("mention_id") if len(mentions) else mentions
    verdicts = _checks_by_claim(checks)
    groups: dict[str, list[dict]] = {}
    flagged: list[dict] = []
    for i, (_, c) in enumerate(claims.iterrows()):
        indicator = text_or_empty(c.get("indicator")) or NO_INDICATOR
        found = verdicts.get(str(c["claim_id"]), [])
        tones = {v["tone"] for v in found}
        tone = "bad" if "bad" in tones else "good" if "good" in tones else ""
        article = article_by_id.get(str(c["article_id"]))
        start = c.get("sentence_start")
        claim = {
            "claim_id": str(c["claim_id"]), "anchor": f"claim-{i + 1}",
            "summary": text_or_empty(c.get("summary")), "claim_type": text_or_empty(c.get("claim_type")),
            "status": text_or_empty(c.get("status")), "sentence": text_or_empty(c["sentence"]),
            "field": text_or_empty(c.get("field")) or "body",
            "sentence_start": None if start is None or pd.isna(start) else int(start),
            "indicator": indicator, "indicator_label": _group_label(indicator, labels),
            "pieces": highlight_pieces(text_or_empty(c["sentence"]), _spans(c, by_id)),
            "article": article or {"article_id": str(c["article_id"]), "anchor": "articles", "n": 0,
                                   "title": str(c["article_id"]), "date": "undated", "url": "", "outlet": ""},
            "outlet": article["outlet"] if article else "",
            "checks": found, "tone": tone,
            "verdicts": " ".join(sorted({v["verdict"] for v in found} | ({FLAGGED} if tone == "bad" else set())
                                        | (set() if found else {UNCHECKED}))),
        }
        place = _sentence_place(claim, article)
        claim["target"] = (_sentence_anchor(article, *place) if place else f"row-{article['anchor']}" if article
                           else "articles")
        claim["place"] = place
        (flagged if tone == "bad" else groups.setdefault(indicator, [])).append(claim)
    order = sorted(groups, key=lambda k: (k == NO_INDICATOR, _group_label(k, labels).lower(), k))
    out = [{"label": FLAGGED_LABEL, "indicator": FLAGGED, "anchor": "flagged", "flagged": True, "claims": flagged}] \
        if flagged else []
    return out + [{"label": _group_label(k, labels), "indicator": k, "anchor": "ind-" + _slug(k), "flagged": False,
                   "claims": groups[k]} for k in order]


def _group_label(indicator: str, labels: dict[str, str]) -> str:
    if indicator == NO_INDICATOR:
        return indicator
    return labels.get(indicator) or indicator.replace("_", " ")


def article_texts(groups: list[dict], article_rows: list[dict]) -> list[dict]:
    """The text of every article a claim rests on, for the page's Articles section: title and
    body as plain-text pieces, the claims' sentences as pieces with an ``id`` (the claims' link
    targets) and ``claim`` (the anchor of the first claim on it, to go back)."""
    sentences: dict[str, dict[tuple[str, int], tuple[int, str]]] = {}
    for group in groups:
        for claim in group["claims"]:
            if claim["place"] is None:
                continue
            field, start = claim["place"]
            spot = sentences.setdefault(claim["article"]["article_id"], {})
            spot.setdefault((field, start), (start + len(claim["sentence"]), claim["anchor"]))
    texts = []
    for article in article_rows:
        places = sentences.get(article["article_id"])
        if places is None:
            continue
        entry = dict(article)
        for field in ("title", "body"):
            text = text_or_empty(article["record"].get(field))
            spans = sorted((start, end, anchor) for (f, start), (end, anchor) in places.items() if f == field)
            pieces, at = [], 0
            for start, end, anchor in spans:
                if start < at:
                    continue  # overlaps the sentence before: the link goes to that one's start
                if start > at:
                    pieces.append({"text": text[at:start], "id": "", "claim": ""})
                pieces.append({"text": text[start:end], "id": _sentence_anchor(article, field, start), "claim": anchor})
                at = end
            if at < len(text):
                pieces.append({"text": text[at:], "id": "", "claim": ""})
            entry[field + "_pieces"] = pieces
        entry["has_title"] = bool(text_or_empty(article["record"].get("title")).strip())
        texts.append(entry)
    return texts


def filter_options(groups: list[dict]) -> dict[str, list[dict]]:
    """The choices of the page's filters, each {value, label, count}: indicators (by label),
    verdicts (flagged first) and outlets (most claims first)."""
    claims = [claim for group in groups for claim in group["claims"]]
    indicators = Counter((c["indicator"], c["indicator_label"]) for c in claims)
    verdicts = Counter(v for c in claims for v in c["verdicts"].split())
    outlets = Counter(c["outlet"] for c in claims if c["outlet"])
    order = [FLAGGED, *BAD_VERDICTS, *GOOD_VERDICTS, "unverifiable", UNCHECKED]
    return {
        "indicators": [{"value": k, "label": label, "count": n}
                       for (k, label), n in sorted(indicators.items(), key=lambda x: (x[0][0] == NO_INDICATOR, x[0][1].lower()))],
        "verdicts": [{"value": v, "label": "flagged (inconsistent or contradicted)" if v == FLAGGED
                      else "no check" if v == UNCHECKED else v, "count": verdicts[v]}
                     for v in sorted(verdicts, key=lambda v: (order.index(v) if v in order else len(order), v))],
        "outlets": [{"value": k, "label": k, "count": n} for k, n in sorted(outlets.items(), key=lambda x: (-x[1], x[0]))],
    }


# --- Markdown --------------------------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_\[\]|#~])")


def md_escape(text: str) -> str:
    """Text that Markdown shows as written and never turns into HTML.

    >>> md_escape("<script>alert(1)</script> *x* [a](b)")
    '&lt;script&gt;alert(1)&lt;/script&gt; \\\\*x\\\\* \\\\[a\\\\](b)'
    """
    text = str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _MD_SPECIAL.sub(r"\\\1", text)
    return re.sub(r"\s*\n\s*", " ", text)


def claims_markdown(articles, mentions, claims, checks=None, ruleset=None) -> str:
    """The claims summary as Markdown: an overview, then the flagged claims, then claims grouped
    by indicator, each with its summary, its sentence (figures in bold), its verdicts and its article."""
    counts = overview_counts(articles, mentions, claims, checks)
    groups = claim_groups(articles, mentions, claims, checks, ruleset)
    lines = ["# Claims summary", ""]
    lines.append(f"- **{counts['articles']:,}** articles ({counts['articles_ok']:,} ok)")
    lines.append(f"- **{counts['figures']:,}** figures")
    lines.append(f"- **{counts['claims']:,}** claims")
    if counts["checks"] is None:
        lines.append("- checks not run")
    else:
        lines.append(f"- **{counts['checks']:,}** checks: **{counts['inconsistent']:,}** flagged (inconsistent or "
                     f"contradicted: the first section), **{counts['unverifiable']:,}** unverifiable")
        if counts["not_checked"]:
            lines.append("- not checked, for want of data: " + ", ".join(
                f"{md_escape(reason)} ({n:,})" for reason, n in counts["not_checked"].items()))
    lines.append("")
    for group in groups:
        n = len(group["claims"])
        lines += [f"## {md_escape(group['label'])} ({n} claim{'' if n == 1 else 's'})", ""]
        for claim in group["claims"]:
            status = f", {claim['status']}" if claim["status"] not in ("", "actual") else ""
            lines.append(f"- **{md_escape(claim['summary'])}** ({md_escape(claim['claim_type'])}{md_escape(status)})")
            sentence = "".join(f"**{md_escape(p['text'])}**" if p["mark"] else md_escape(p["text"])
                               for p in claim["pieces"])
            lines.append(f"  > {sentence}")
            lines.append("")
            art = claim["article"]
            title = md_escape(art["title"])
            if art.get("url"):
                url = art["url"].replace("(", "%28").replace(")", "%29").replace(" ", "%20")
                title = f"[{title}]({url})"
            outlet = f" · {md_escape(claim['outlet'])}" if claim["outlet"] else ""
            lines.append(f"  {title}, {art['date']}{outlet} · `{claim['claim_id']}`")
            for check in claim["checks"]:
                explanation = f": {md_escape(check['explanation'])}" if check["explanation"] else ""
                lines.append(f"  - check {md_escape(check['check'])}: **{md_escape(check['verdict'])}**{explanation}")
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"


# --- HTML ------------------------------------------------------------------------------------------

def _environment():
    import jinja2

    return jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)), autoescape=True,
                              undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)


def page_script() -> tuple[str, str]:
    """The page's script and its Content-Security-Policy source (``'sha256-...'``)."""
    script = _environment().get_template("claims.js.j2").render()
    if "</" in script:
        raise ValueError("templates/claims.js.j2 must not hold '</'")
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    return script, f"'sha256-{digest}'"


def _chart_images(articles, mentions, claims, ruleset=None) -> list[tuple[bytes, str]]:
    from . import charts

    return [(charts.figure_png(fig), caption) for _, fig, caption in charts.chart_figures(articles, mentions, claims, ruleset)]


def _data_uris(images: list[tuple[bytes, str]]) -> list[dict]:
    return [{"uri": "data:image/png;base64," + base64.b64encode(png).decode("ascii"), "caption": caption}
            for png, caption in images]


def claims_html(articles, mentions, claims, checks=None, charts: bool = True,
                title: str = "Claims summary", ruleset=None, images: list[tuple[bytes, str]] | None = None) -> str:
    """The claims summary as one self-contained HTML page (CSS inline; with ``charts``, the
    overview, trend and slope charts as PNG data URIs; the search and filter script allowed by
    its hash)."""
    from markupsafe import Markup

    from ..version import __version__

    article_rows, _ = _articles(articles)
    groups = claim_groups(articles, mentions, claims, checks, ruleset)
    script, script_source = page_script()
    template = _environment().get_template("claims.html.j2")
    return template.render(
        title=title, overview=overview_counts(articles, mentions, claims, checks),
        groups=groups, articles=article_rows, texts=article_texts(groups, article_rows),
        options=filter_options(groups), script=Markup(script), script_source=script_source,
        charts=_data_uris(images if images is not None else _chart_images(articles, mentions, claims, ruleset))
        if charts else [], version=__version__,
    )


def write_claims_summary(out_dir: str | Path, articles, mentions, claims, checks=None,
                         charts: bool = True, ruleset=None, images: list[tuple[bytes, str]] | None = None) -> list[Path]:
    """Write ``claims.md`` and ``claims.html`` into ``out_dir``; returns their paths. ``images``:
    charts already drawn, as (PNG bytes, caption), to embed instead of drawing them again."""
    out_dir = Path(out_dir)
    md, html = out_dir / "claims.md", out_dir / "claims.html"
    _write_text(md, claims_markdown(articles, mentions, claims, checks, ruleset))
    _write_text(html, claims_html(articles, mentions, claims, checks, charts=charts, ruleset=ruleset, images=images))
    return [md, html]


def _write_text(path: Path, text: str) -> None:
    """``text`` into ``path``, under a temporary name until complete; a failure is one line."""
    with written_atomically(path) as partial:
        partial.write_text(text, encoding="utf-8")
