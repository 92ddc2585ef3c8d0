"""How an article is named for a reader in every output: a title that is never "(untitled)" when
the article has words, and the outlet it came from. Reads only an Articles row."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from ..tables import text_or_empty

TITLE_WORDS = 12
TITLE_CHARACTERS = 90
# What follows an outlet's name in a body's closing clause ("Kazinform News Agency reports").
_ATTRIBUTION_VERB = re.compile(r"\s+(?:reports?|informs?|writes|cites|(?:has\s+)?learn(?:ed|t)|said)\b.*$", re.I)


def article_title(title: Any, body: Any = None, words: int = TITLE_WORDS) -> str:
    """The article's title; without one, the first words of its body and "…"; else "(untitled)".

    >>> article_title("GDP grew", "ignored")
    'GDP grew'
    >>> article_title("", "The President held a meeting on the development of the agro-industrial complex today.")
    'The President held a meeting on the development of the agro-industrial complex…'
    >>> article_title(None, "  "), article_title(None, "Short text.")
    ('(untitled)', 'Short text.')
    """
    title = " ".join(text_or_empty(title).split())
    if title:
        return title
    text = " ".join(text_or_empty(body).split())
    if not text:
        return "(untitled)"
    first = text.split(" ")[:words]
    shown = " ".join(first)
    if len(shown) > TITLE_CHARACTERS:
        shown = shown[:TITLE_CHARACTERS].rsplit(" ", 1)[0]
    return shown if shown == text else shown.rstrip(",;:.") + "…"


def article_outlet(row: Any) -> str:
    """The outlet of an Articles row (a dict or Series): its ``outlet`` column when it has one,
    else the host of its URL, else the source its body names ("Kazinform News Agency reports");
    "" when nothing says.

    >>> article_outlet({"url": "https://www.inform.kz/en/a"}), article_outlet({"attribution": "primeminister.kz\\xa0reports"})
    ('inform.kz', 'primeminister.kz')
    >>> article_outlet({"attribution": "Qazinform News Agency learned from the Akorda press service"})
    'Qazinform News Agency'

    """
    get = row.get if hasattr(row, "get") else (lambda key, default=None: default)
    outlet = text_or_empty(get("outlet", None)).strip()
    if outlet:
        return outlet
    url = text_or_empty(get("url", None)).strip()
    if re.match(r"(?i)^https?://", url):
        host = urlsplit(url).hostname or ""
        return host[4:] if host.startswith("www.") else host
    attribution = " ".join(text_or_empty(get("attribution", None)).replace("\xa0", " ").split())
    return _ATTRIBUTION_VERB.sub("", attribution).strip(" ,.")


def safe_url(url: Any) -> str:
    """The url when it is an http(s) address (no javascript: or data: links), else "".

    >>> safe_url("https://kazinform.kz/x"), safe_url("javascript:alert(1)"), safe_url(None)
    ('https://kazinform.kz/x', '', '')
    """
    url = text_or_empty(url).strip()
    return url if re.match(r"(?i)^https?://[^\s\"'<>]+$", url) else ""
