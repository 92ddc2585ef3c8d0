"""The claims summary, as Markdown or a self-contained HTML page. Reads only the tables.

Claims are grouped by indicator (claims without one last, as "(no indicator)"); each shows its
normalised summary, its sentence with the claim's figures highlighted, the verdicts of the checks
that name it (when a Checks table is given) and its article (title and date; a link to the
article's ``url`` when it is an http(s) address, else to the article list at the end of the page).
An overview at the top counts articles, figures, claims and inconsistencies (checks with verdict
inconsistent or contradicted).

Safety: article text never becomes markup. The HTML is rendered by Jinja2 with autoescape on, and
a highlighted sentence is a list of plain-text pieces that the template escapes one by one, so
only the ``<mark>`` tags are markup; a ``<meta>`` Content-Security-Policy forbids scripts as a
second guard. In Markdown, ``&``, ``<`` and ``>`` become entities and Markdown's own punctuation
is backslash-escaped.
"""

from __future__ import annotations

import base64
import re
from pathlib import Path
from typing import Any

import pandas as pd


TEMPLATES = Path(__file__).resolve().parent / "templates"
BAD_VERDICTS = ("inconsistent", "contradicted")
GOOD_VERDICTS = ("consistent", "supported")
NO_INDICATOR = "(no indicator)"


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
    ids = list(claim["mention_ids"]) if claim["mention_ids"] is not None else []
    roles = list(claim["roles"]) if "roles" in claim and claim["roles"] is not None else [""] * len(ids)
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
        unit = m.get("unit", "")
        value = m.get("value")
        shown = "" if value is None or pd.isna(value) else (
            f"{value:,.0f}" if float(value).is_integer() else f"{value:,}")
        title = f"{role}: {shown} {unit}".strip()
        spans.append((start, start + len(text), title))
    return spans


def _safe_url(url: Any) -> str:
    """The url when it is an http(s) address (no javascript: or data: links), else "".

    >>> _safe_url("https://kazinform.kz/x"), _safe_url("javascript:alert(1)"), _safe_url(None)
    ('https://kazinform.kz/x', '', '')
    """
    if url is None or (isinstance(url, float) and pd.isna(url)):
        return ""
    url = str(url).strip()
    return url if re.match(r"(?i)^https?://[^\s\"'<>]+$", url) else ""


def _date(value: Any) -> str:
    return pd.Timestamp(value).strftime("%Y-%m-%d") if value is not None and pd.notna(value) else "undated"


def _articles(articles: pd.DataFrame | None) -> tuple[list[dict], dict[str, dict]]:
    if articles is None or articles.empty:
        return [], {}
    rows = []
    for i, (_, a) in enumerate(articles.drop_duplicates("article_id").iterrows()):
        rows.append({
            "article_id": str(a["article_id"]), "anchor": f"article-{i + 1}",
            "title": str(a.get("title") or "") or "(untitled)", "date": _date(a.get("published")),
            "url": _safe_url(a.get("url")), "attribution": str(a.get("attribution") or "").replace("\xa0", " "),
        })
    return rows, {r["article_id"]: r for r in rows}


def _tone(verdict: str) -> str:
    return "bad" if verdict in BAD_VERDICTS else "good" if verdict in GOOD_VERDICTS else ""


def _checks_by_claim(checks: pd.DataFrame | None) -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = {}
    if checks is None or checks.empty:
        return out
    for _, c in checks.iterrows():
        ids = c.get("claim_ids")
        ids = [ids] if isinstance(ids, str) else list(ids) if ids is not None else []
        record = {k: ("" if c.get(k) is None or (isinstance(c.get(k), float) and pd.isna(c.get(k))) else str(c.get(k)))
                  for k in ("check_id", "check", "verdict", "explanation", "reference_source")}
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
    }


def claim_groups(articles, mentions, claims, checks=None) -> list[dict]:
    """The claims as the summaries show them: a list of {label, anchor, claims}, each claim a dict
    of claim_id, summary, claim_type, status, pieces (the highlighted sentence), article, checks
    and tone (bad when a check found it inconsistent or contradicted)."""
    _, article_by_id = _articles(articles)
    by_id = mentions.drop_duplicates("mention_id").set_index("mention_id") if len(mentions) else mentions
    verdicts = _checks_by_claim(checks)
    groups: dict[str, list[dict]] = {}
    for i, (_, c) in enumerate(claims.iterrows()):
        label = str(c.get("indicator") or "") or NO_INDICATOR
        found = verdicts.get(str(c["claim_id"]), [])
        tones = {v["tone"] for v in found}
        groups.setdefault(label, []).append({
            "claim_id": str(c["claim_id"]), "anchor": f"claim-{i + 1}",
            "summary": str(c.get("summary") or ""), "claim_type": str(c.get("claim_type") or ""),
            "status": str(c.get("status") or ""), "sentence": str(c["sentence"]),
            "pieces": highlight_pieces(str(c["sentence"]), _spans(c, by_id)),
            "article": article_by_id.get(str(c["article_id"]), {
                "article_id": str(c["article_id"]), "anchor": "articles", "title": str(c["article_id"]),
                "date": "undated", "url": ""}),
            "checks": found, "tone": "bad" if "bad" in tones else "good" if "good" in tones else "",
        })
    order = sorted(groups, key=lambda k: (k == NO_INDICATOR, k))
    return [{"label": k.replace("_", " ") if k != NO_INDICATOR else k, "indicator": k,
             "anchor": "ind-" + re.sub(r"[^a-z0-9]+", "-", k.lower()).strip("-"), "claims": groups[k]}
            for k in order]


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


def claims_markdown(articles, mentions, claims, checks=None) -> str:
    """The claims summary as Markdown: an overview, then claims grouped by indicator, each with
    its summary, its sentence (figures in bold), its verdicts and its article."""
    counts = overview_counts(articles, mentions, claims, checks)
    lines = ["# Claims summary", ""]
    lines.append(f"- **{counts['articles']:,}** articles ({counts['articles_ok']:,} ok)")
    lines.append(f"- **{counts['figures']:,}** figures")
    lines.append(f"- **{counts['claims']:,}** claims")
    if counts["checks"] is None:
        lines.append("- checks not run")
    else:
        lines.append(f"- **{counts['checks']:,}** checks: **{counts['inconsistent']:,}** flagged (inconsistent or "
                     f"contradicted), **{counts['unverifiable']:,}** unverifiable")
    lines.append("")
    for group in claim_groups(articles, mentions, claims, checks):
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
            lines.append(f"  {title}, {art['date']} · `{claim['claim_id']}`")
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


def _chart_images(articles, mentions, claims, ruleset=None) -> list[tuple[bytes, str]]:
    from . import charts

    return [(charts.figure_png(fig), caption) for _, fig, caption in charts.chart_figures(articles, mentions, claims, ruleset)]


def _data_uris(images: list[tuple[bytes, str]]) -> list[dict]:
    return [{"uri": "data:image/png;base64," + base64.b64encode(png).decode("ascii"), "caption": caption}
            for png, caption in images]


def claims_html(articles, mentions, claims, checks=None, charts: bool = True,
                title: str = "Claims summary", ruleset=None, images: list[tuple[bytes, str]] | None = None) -> str:
    """The claims summary as one self-contained HTML page (CSS inline; with ``charts``, the
    overview, trend and slope charts as PNG data URIs)."""
    from ..version import __version__

    article_rows, _ = _articles(articles)
    template = _environment().get_template("claims.html.j2")
    return template.render(
        title=title, overview=overview_counts(articles, mentions, claims, checks),
        groups=claim_groups(articles, mentions, claims, checks), articles=article_rows,
        charts=_data_uris(images if images is not None else _chart_images(articles, mentions, claims, ruleset))
        if charts else [], version=__version__,
    )


def write_claims_summary(out_dir: str | Path, articles, mentions, claims, checks=None,
                         charts: bool = True, ruleset=None, images: list[tuple[bytes, str]] | None = None) -> list[Path]:
    """Write ``claims.md`` and ``claims.html`` into ``out_dir``; returns their paths. ``images``:
    charts already drawn, as (PNG bytes, caption), to embed instead of drawing them again."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    md = out_dir / "claims.md"
    md.write_text(claims_markdown(articles, mentions, claims, checks), encoding="utf-8")
    html = out_dir / "claims.html"
    html.write_text(claims_html(articles, mentions, claims, checks, charts=charts, ruleset=ruleset, images=images),
                    encoding="utf-8")
    return [md, html]
