"""Tiny hand-made tables of one hostile article (formula-like and markup-like text), shared by
the output tests: the sheet, the charts and the summary must never run or render what it says."""

import pandas as pd

from extractor import MENTION_COLUMNS, build_claims

BODY = ("=1+1 <script>alert(1)</script> GDP reached $250 billion in 2023. "
        "By the end of 2024, GDP reached $288 billion. "
        "Exports grew from $61.1 billion to $81.6 billion.")
FIGURES = [  # text, value, unit, dimension, kind, indicator, year
    ("$250 billion", 250e9, "USD", "money", "level", "gdp", 2023),
    ("$288 billion", 288e9, "USD", "money", "level", "gdp", 2024),
    ("$61.1 billion", 61.1e9, "USD", "money", "level", "exports", None),
    ("$81.6 billion", 81.6e9, "USD", "money", "level", "exports", None),
]


def tiny_tables():
    """(articles, mentions, claims) of one hostile article: its title and body start with "=1+1"
    and hold a <script> tag; claims come from extractor.build_claims (no model)."""
    aid = "tiny:0:abc"
    articles = pd.DataFrame({
        "article_id": [aid], "source": ["tiny.txt"], "record": [0],
        "published": [pd.Timestamp("2025-03-17 11:50")], "views": [1], "title": ["=1+1 <script>alert(1)</script>"],
        "body": [BODY], "attribution": ["=cmd| reports"], "status": ["ok"], "error": [""], "url": [None]})
    rows = []
    for text, value, unit, dim, kind, indicator, year in FIGURES:
        start = BODY.index(text)
        s_start = BODY.rfind(". ", 0, start)
        s_start = 0 if s_start < 0 else s_start + 2
        s_end = BODY.find(". ", start) + 1 or len(BODY)
        rows.append({
            "mention_id": f"{aid}:b{start}", "article_id": aid, "field": "body", "start": start,
            "end": start + len(text), "text": text, "sentence": BODY[s_start:s_end], "sentence_start": s_start,
            "value": value, "value_low": value, "value_high": value, "unit": unit, "dimension": dim,
            "value_base": value, "kind": kind, "direction": "none", "qualifier": "exact",
            "measured": indicator.upper() if indicator == "gdp" else indicator, "indicator": indicator,
            "period_start": year, "period_end": year, "period_text": str(year or ""), "status": "actual",
            "location": "", "method": "rule", "rule": "test", "confidence": 0.9, "flags": ""})
    mentions = pd.DataFrame(rows, columns=MENTION_COLUMNS)
    for column in ("start", "end", "sentence_start", "period_start", "period_end"):
        mentions[column] = mentions[column].astype("Int64")
    return articles, mentions, build_claims(mentions)
