"""One rules folder as one object: what every stage takes instead of a folder path.

A :class:`RuleSet` is a rules folder at one moment: its resolved path and the size and
modification time of every rule file in it. Everything compiled from the rules (the scanner's
lexicon, the unit registry, cue patterns, indicator tables, period rules, ...) is built once per
RuleSet through :meth:`RuleSet.derived`, so one key governs every cache: edit a rule file in a
running notebook and the next ``RuleSet.of(folder)`` is a new RuleSet, and every stage rebuilds
from the edited rules together, never half old and half new.

Resolve once at the edge (``extract``, ``build_claims``, ``check``, the CLI) and hand the object
down: ``RuleSet.of`` looks at the folder's files, the object itself never does again.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, TypeVar, Union

from .loader import Schema, default_rules_dir, rule_entries

T = TypeVar("T")
RULE_SUFFIXES = (".yaml", ".yml", ".txt", ".csv")
# Building one derived value may need another (the lexicon needs the unit registry).
_BUILDING = threading.RLock()


class RuleSet:
    """A rules folder and the version of its files; compare and hash by identity."""

    __slots__ = ("folder", "signature", "_derived")

    def __init__(self, folder: Path, signature: tuple):
        self.folder = folder
        self.signature = signature
        self._derived: dict[Callable, Any] = {}

    def __repr__(self) -> str:
        return f"RuleSet({str(self.folder)!r}, {len(self.signature)} files)"

    @classmethod
    def of(cls, rules: "RulesLike" = None) -> "RuleSet":
        """The RuleSet of ``rules``: a RuleSet as it is, else a folder (default: the shipped
        rules) as its files are now. The same folder with the same files gives the same object."""
        if isinstance(rules, RuleSet):
            return rules
        folder = Path(rules or default_rules_dir()).resolve()
        return _rule_set(folder, _signature(folder))

    def path(self, name: str) -> Path:
        return self.folder / name

    # Path-like, so code that joins a file name onto its rules folder takes a RuleSet as it is.
    def __fspath__(self) -> str:
        return str(self.folder)

    def __truediv__(self, name: str) -> Path:
        return self.folder / name

    def entries(self, name: str, schema: Schema) -> tuple[Mapping, ...]:
        """The validated entries of one rule file of this folder."""
        return rule_entries(name, schema, self.folder)

    def derived(self, build: Callable[["RuleSet"], T]) -> T:
        """``build(self)``, computed once per RuleSet (``build`` is the cache key)."""
        try:
            return self._derived[build]
        except KeyError:
            pass
        with _BUILDING:
            if build not in self._derived:
                self._derived[build] = build(self)
            return self._derived[build]


RulesLike = Union[RuleSet, str, Path, None]


def compiled_per_ruleset(build: Callable[[RuleSet], T]) -> Callable[[RulesLike], T]:
    """Make ``build(ruleset)`` a loader every stage can call with a RuleSet, a rules folder or
    None (the shipped rules), computed once per RuleSet: the one way rules are compiled."""

    @functools.wraps(build)
    def compiled(ruleset: RulesLike = None) -> T:
        return RuleSet.of(ruleset).derived(build)

    return compiled


def _signature(folder: Path) -> tuple:
    """(relative name, size, mtime in ns) of every rule file, sub-folders included."""
    if not folder.is_dir():
        return ()
    found = []
    for path in sorted(folder.rglob("*")):
        if path.suffix.lower() in RULE_SUFFIXES and path.is_file():
            stat = path.stat()
            found.append((path.relative_to(folder).as_posix(), stat.st_size, stat.st_mtime_ns))
    return tuple(found)


@functools.lru_cache(maxsize=64)
def _rule_set(folder: Path, signature: tuple) -> RuleSet:
    return RuleSet(folder, signature)
