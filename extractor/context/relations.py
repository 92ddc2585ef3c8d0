"""How a figure stands to its neighbours in a sentence, decided once for every stage: the clause
it sits in, which end of a "from X to Y" pair it is, and whether it restates the figure before it.

The context stage writes these into the Mentions column ``relation``; the claims stage reads
them (and, for a Mentions table built elsewhere that lacks them, asks :func:`relations_of`).
Nothing here needs the parse, so the claims stage can call it without loading spaCy.
"""

from __future__ import annotations

import pandas as pd

from ..extraction.figures import scanner
from ..ruleset.context_rules import ContextRules, context_rules
from ..ruleset.ruleset import RuleSet, RulesLike
from ..tables import int_or_none, is_missing, text_or_empty


def clause_of(sentence: str, start: int, end: int, rules: ContextRules) -> tuple[int, int]:
    """Bounds of the clause of ``sentence`` that holds [start, end) (clause_break cues)."""
    cs, ce = 0, len(sentence)
    for m in rules.clause_break.finditer(sentence):
        if m.end() <= start:
            cs = m.end()
        elif m.start() >= end:
            ce = m.start()
            break
    return cs, ce


def strip_qualifier(before: str, ruleset: RulesLike = None) -> str:
    """The text before a figure without the qualifier words right before it."""
    return scanner(ruleset).trailing_qualifiers.sub("", before)


def pair_end(before: str, after: str, rules: ContextRules) -> str:
    """Which end of a "from X to Y" pair a figure is: "from" (from [X] ... to), "to" (from X to
    [Y]), or "". Decided here once; the claims stage pairs the two ends it finds marked."""
    if rules.has("pair_to_before", before, "before"):
        return "to"
    if rules.has("pair_from", before, "before") and rules.has("pair_to_after", after, "after"):
        return "from"
    return ""


def restates(a: dict, b: dict) -> bool:
    """Whether ``b``, written right after ``a``, can state ``a``'s amount again: in another unit
    of the same dimension ($ and tenge), or as the count of a share ("71.12% (5,561,937 people)").

    >>> restates({"unit": "USD", "dimension": "money", "kind": "level"},
    ...          {"unit": "KZT", "dimension": "money", "kind": "level"})
    True
    >>> restates({"unit": "percent", "dimension": "ratio", "kind": "share"}, {"unit": "count", "dimension": "count", "kind": "level"})
    True
    >>> restates({"unit": "m**2", "dimension": "area", "kind": "change"}, {"unit": "percent", "dimension": "ratio", "kind": "change_pct"})
    False
    >>> restates({"unit": "percent", "dimension": "ratio", "kind": "change_pct"}, {"unit": "USD", "dimension": "money", "kind": "level"})
    True
    """
    if a["unit"] == b["unit"]:
        return False
    if a["kind"] == "share" and b["unit"] == "count":
        return True
    if a["kind"] == "change_pct" and b["kind"] in ("level", "change") and b["dimension"] != "ratio":
        return True  # "decreased by 2.85 percent ($1.5 billion)": the same change, as an amount
    return a["dimension"] == b["dimension"] and a["kind"] == b["kind"]


def mark_restatements(sentence_rows: list[dict], sentence: str, s0: int, ruleset: RulesLike = None) -> None:
    """A figure written right after another as its restatement ("$1.5 billion (more than 766
    billion tenge)", ", or 766 billion tenge") gets relation "restates": the one place this is
    decided (restates cues of rules/context.yaml, qualifier words between them removed). An
    amount restating a change is a change too ("fell by 2.85 percent ($1.5 billion)")."""
    rules, tail = context_rules(ruleset), scanner(ruleset).trailing_qualifiers
    for prev, row in zip(sentence_rows, sentence_rows[1:]):
        gap = tail.sub("", sentence[prev["end"] - s0:row["start"] - s0])
        if rules.has("restates", gap, "between") and restates(prev, row):
            row["relation"] = "restates"
            if prev["kind"] in ("change", "change_pct") and row["kind"] == "level":
                row["kind"], row["direction"] = "change", prev["direction"]




def relations_of(mentions: pd.DataFrame, ruleset: RulesLike = None) -> pd.Series:
    """The ``relation`` of every row of a Mentions table, decided from each row's sentence as the
    context stage decides it; for tables built by hand or by another tool. Rows that already
    have one (even "") keep it."""
    ruleset = RuleSet.of(ruleset)
    rules = context_rules(ruleset)
    out = pd.Series([text_or_empty(v) if not is_missing(v) else None for v in mentions.get("relation", [None] * len(mentions))],
                    index=mentions.index, dtype="object")
    keys = ["article_id", "field", "sentence_start"]
    for _, group in mentions.sort_values(["start"]).groupby(keys, sort=False, dropna=False):
        rows = []
        for index, row in group.iterrows():
            sentence, s0 = text_or_empty(row["sentence"]), int_or_none(row["sentence_start"]) or 0
            start, end = int(row["start"]) - s0, int(row["end"]) - s0
            cs, ce = clause_of(sentence, start, end, rules)
            decided = pair_end(strip_qualifier(sentence[:start], ruleset), sentence[end:ce], rules)
            rows.append({"index": index, "start": int(row["start"]), "end": int(row["end"]),
                         "unit": text_or_empty(row["unit"]), "kind": text_or_empty(row["kind"]),
                         "dimension": text_or_empty(row["dimension"]), "relation": decided, "sentence": sentence})
        if rows:
            mark_restatements(rows, rows[0]["sentence"], int_or_none(group["sentence_start"].iloc[0]) or 0, ruleset)
        for r in rows:
            if out[r["index"]] is None:
                out[r["index"]] = r["relation"]
    return out.fillna("")
