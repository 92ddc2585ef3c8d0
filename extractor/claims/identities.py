"""Amounts that add up by definition, found across the sentences of one passage.

A trade turnover is its exports and imports, a budget's spending its revenue and its deficit
(``rules/identities.yaml``). A passage that states all of them in one unit and period states
one checkable claim, though no word of it ties the figures together: this module finds which
figures those are; ``extractor.claims.build`` makes them one composition claim.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ..errors import RuleError
from ..ruleset.loader import LINE_KEY, Field, Schema, rule_entries
from ..ruleset.ruleset import RuleSet, compiled_per_ruleset

IDENTITIES = Schema("identities", {
    "id": Field((str,), True), "total": Field((str,), True),
    "parts": Field((list,), True, list_of=(str,)), "example": Field((str,), True),
})
# How many sentences a passage spans: the total's and the two after it, or before it.
PASSAGE_SENTENCES = 3


@dataclass(frozen=True)
class Identity:
    id: str
    total: re.Pattern
    parts: tuple[re.Pattern, ...]


@compiled_per_ruleset
def identities(ruleset: RuleSet) -> tuple[Identity, ...]:
    """The identities of ``identities.yaml``, validated and compiled once per rules version."""
    path = ruleset / "identities.yaml"
    found = []
    for e in rule_entries("identities.yaml", IDENTITIES, ruleset):
        try:
            total = re.compile(e["total"], re.IGNORECASE)
            parts = tuple(re.compile(p, re.IGNORECASE) for p in e["parts"])
        except re.error as exc:
            raise RuleError(path, e[LINE_KEY], f"entry {e['id']!r}: bad pattern: {exc}") from None
        if len(parts) < 2:
            raise RuleError(path, e[LINE_KEY], f"entry {e['id']!r}: an identity needs two parts or more")
        found.append(Identity(e["id"], total, parts))
    return tuple(found)


@dataclass(frozen=True)
class Candidate:
    """A level that no other claim took, with what identities read: its words and its key."""

    index: int  # position in the caller's list
    sentence: int  # position of its sentence in the passage order
    before: str  # its words: from the figure before it, and its measured thing ("and expenses")
    after: str  # the words after it, to the next figure ("billion soms were spent")
    key: tuple  # unit, period: only figures of one key add up

    def words(self, rule: Identity) -> str:
        """What the identity reads of the figure: the words before it when they name one of
        the identity's amounts, else the words around it ("70,980.2 billion soms were spent")."""
        named = any(p.search(self.before) for p in (rule.total, *rule.parts))
        return self.before if named else f"{self.before} {self.after}"


def figure_words(sentence_text: str, starts: Sequence[int], ends: Sequence[int], k: int,
                 measured: str) -> tuple[str, str]:
    """The words before figure k of a sentence (from the figure or the clause break before it,
    with its measured thing) and after it (to the figure after it)."""
    left = ends[k - 1] if k else 0
    right = starts[k + 1] if k + 1 < len(starts) else len(sentence_text)
    before = sentence_text[left:starts[k]]
    before = before[max(before.rfind(","), before.rfind(";")) + 1:]  # its own clause: "..., and exports for"
    return f"{before} {measured}", sentence_text[ends[k]:right]


def match_identities(candidates: Sequence[Candidate], rules: Sequence[Identity],
                     adjacent: Callable[[int, int], bool]) -> list[tuple[str, int, list[int]]]:
    """(identity id, total, parts) for each identity a passage states: a total, and for each
    part a different figure of the total's key within PASSAGE_SENTENCES sentences of it
    (``adjacent(a, b)``: sentences a and b are of one passage), the nearest first. A figure
    serves one identity only."""
    used: set[int] = set()
    found = []
    for rule in rules:
        for total in candidates:
            if total.index in used or not rule.total.search(total.words(rule)):
                continue
            near = sorted((c for c in candidates if c.index != total.index and c.index not in used
                           and c.key == total.key and adjacent(total.sentence, c.sentence)),
                          key=lambda c: abs(c.sentence - total.sentence))
            parts: list[int] = []
            for pattern in rule.parts:
                part = next((c for c in near if c.index not in parts and pattern.search(c.words(rule))
                             and not rule.total.search(c.words(rule))), None)
                if part is None:
                    break
                parts.append(part.index)
            if len(parts) == len(rule.parts):
                used.update([total.index, *parts])
                found.append((rule.id, total.index, parts))
    return found

