"""Check an indicator spreadsheet cell by cell against hand-checked gold.

Built from a gold folder's texts the way ``extractor sheet`` builds it (the same cells, the same
confidence threshold), every cell of the Indicators and Part-year sheets is judged: right when its
figure is a gold figure with the same indicator, location, year (and part of a year) and kind.
Cells from titles are left out: the gold annotates bodies (some titles were written by the
annotators). ``extractor eval GOLD --sheet`` prints the table and the share right.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from . import evaluate as ev
from ..outputs.sheet import DEFAULT_MIN_CONFIDENCE, choose_cells, held_back

JUDGED = {"indicator": ev.same_indicator, "location": ev.same_location, "year": ev.same_months,
          "kind": ev.same_kind}
COLUMNS = ["right", "wrong", "indicator", "location", "period", "kind", "text", "gold_indicator",
           "gold_location", "gold_year", "gold_period", "gold_kind", "mention_id", "sentence"]


def sheet_cells(result: ev.EvalResult, min_confidence: float = DEFAULT_MIN_CONFIDENCE) -> pd.DataFrame:
    """One row per spreadsheet cell of ``result``'s mentions: what it says, what the gold says,
    and which of indicator, location, year and kind are wrong ("not a gold figure" when none)."""
    gold = result.aligned[result.aligned["article_id"].astype(str) != ""].reset_index(drop=True)
    mentions = result.mentions.reset_index(drop=True)
    pairs = ev.match(gold, mentions, ev.strict)
    by_mention = {mentions.loc[p, "mention_id"]: gold.loc[g].to_dict() for g, p in pairs.items()}
    kept, _ = held_back(choose_cells(mentions), min_confidence)
    rows = []
    for cell in kept[kept["field"] != "title"].to_dict("records"):
        g: dict[str, Any] = by_mention.get(cell["mention_id"]) or {}
        wrong = [name for name, same in JUDGED.items() if not same(g, cell)] if g else ["not a gold figure"]
        rows.append({"right": not wrong, "wrong": ", ".join(wrong), "indicator": cell["indicator"],
                     "location": cell["location"], "period": cell["period_label"], "kind": cell["kind"],
                     "text": cell["text"], "gold_indicator": g.get("indicator"), "gold_location": g.get("location"),
                     "gold_year": g.get("year"), "gold_period": g.get("period"), "gold_kind": g.get("kind"),
                     "mention_id": cell["mention_id"], "sentence": cell["sentence"]})
    return pd.DataFrame(rows, columns=COLUMNS)


def format_sheet_check(cells: pd.DataFrame) -> str:
    right = int(cells["right"].sum())
    lines = [f"spreadsheet cells {len(cells)}, right {right} ({right / max(len(cells), 1):.3f})"]
    for c in cells.itertuples():
        lines.append(f"{'ok ' if c.right else 'BAD'} {c.indicator:<26} {c.location or '-':<14} {c.period:<13} "
                     f"{c.kind:<10} {c.text!r:<26} {c.wrong or ''}")
    return "\n".join(lines)
