"""Load and validate the rule files of ``rules/``: one loader, strict schemas, errors with lines.

Rules are data. Each YAML file holds one top-level key whose value is a list of entries (or, for
simple word tables, a mapping). Every entry is checked against the file's schema: an unknown key,
a missing required key, a value of the wrong type or a duplicate id is a :class:`RuleError` that
names the file and the line, so a typo in a rule never silently disables it.
"""

from __future__ import annotations

import functools
import importlib.resources
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any, Mapping

import yaml

from ..errors import RuleError

LINE_KEY = "__line__"
KEY_LINES = "__key_lines__"  # line of each key of a mapping, for errors about the key itself


@functools.cache
def default_rules_dir() -> Path:
    """The shipped rules: package ``extractor.ruledata`` once installed, else ``rules/``."""
    try:
        data = importlib.resources.files("extractor.ruledata")
    except ModuleNotFoundError:  # a source tree, or an editable install (rules/ has no __init__.py)
        return Path(__file__).resolve().parents[2] / "rules"
    # A namespace package gives a MultiplexedPath; a file inside it is a real path.
    return Path(str(data.joinpath("units.txt"))).parent


class _LineLoader(yaml.SafeLoader):
    """A safe loader that records the 1-based line of every mapping, and rejects duplicate keys."""

    def construct_mapping(self, node, deep=False):
        seen: dict[Any, int] = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise RuleError(
                    getattr(self, "name", "?"),
                    key_node.start_mark.line + 1,
                    f"key {key!r} appears twice in one entry (first on line {seen[key]})",
                )
            seen[key] = key_node.start_mark.line + 1
        mapping = super().construct_mapping(node, deep=deep)
        mapping[LINE_KEY] = node.start_mark.line + 1
        mapping[KEY_LINES] = {k: line for k, line in seen.items() if isinstance(k, str)}
        return mapping


def read_yaml(path: Path) -> Any:
    """Parse one YAML file, keeping line numbers; syntax errors name the file and line."""
    text = Path(path).read_text(encoding="utf-8")
    loader = _LineLoader(text)
    loader.name = str(path)
    try:
        return loader.get_single_data()
    except yaml.MarkedYAMLError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else None
        raise RuleError(path, line, f"invalid YAML: {exc.problem}") from None
    finally:
        loader.dispose()


@dataclass(frozen=True)
class Field:
    """One allowed key of a rule entry."""

    types: tuple[type, ...]
    required: bool = False
    list_of: tuple[type, ...] | None = None  # element types when the value is a list


@dataclass(frozen=True, eq=False)  # hashed by identity: schemas are module-level constants
class Schema:
    """The shape of one rule file: its top-level key and the fields of each entry."""

    top: str
    fields: dict[str, Field] = field(default_factory=dict)
    id_key: str | None = "id"

    def check_entry(self, path: Path, entry: Any, position: int) -> dict:
        if not isinstance(entry, dict):
            raise RuleError(path, None, f"entry {position} of '{self.top}' must be a mapping")
        line = entry.get(LINE_KEY)
        label = f"entry {entry.get(self.id_key)!r}" if self.id_key else f"entry {position}"
        unknown = sorted(set(entry) - set(self.fields) - {LINE_KEY, KEY_LINES})
        key_lines = entry.get(KEY_LINES, {})
        if unknown:
            raise RuleError(
                path, key_lines.get(unknown[0], line),
                f"{label}: unknown key {unknown[0]!r}; allowed: {', '.join(self.fields)}",
            )
        for name, spec in self.fields.items():
            if name not in entry:
                if spec.required:
                    raise RuleError(path, line, f"{label}: missing required key {name!r}")
                continue
            value = entry[name]
            if not isinstance(value, spec.types) or isinstance(value, bool) and bool not in spec.types:
                allowed = " or ".join(t.__name__ for t in spec.types)
                hint = " (YAML reads 1e3 as text: write 1000 or 1.0e+3)" if isinstance(value, str) \
                    and float in spec.types and value.replace(".", "").replace("e", "").isdigit() else ""
                raise RuleError(path, key_lines.get(name, line), f"{label}: {name!r} must be {allowed}, got {value!r}{hint}")
            if spec.list_of and isinstance(value, list):
                for item in value:
                    if not isinstance(item, spec.list_of):
                        allowed = " or ".join(t.__name__ for t in spec.list_of)
                        raise RuleError(
                            path, key_lines.get(name, line), f"{label}: items of {name!r} must be {allowed}, got {item!r}"
                        )
        return entry


def load_entries(path: Path, schema: Schema) -> list[dict]:
    """Read a rule file and return its validated entries (each keeps its ``__line__``)."""
    data = read_yaml(path)
    if not isinstance(data, dict) or schema.top not in data:
        keys = [k for k in (data or {}) if k not in (LINE_KEY, KEY_LINES)] if isinstance(data, dict) else []
        line = data.get(KEY_LINES, {}).get(keys[0], 1) if keys else 1
        raise RuleError(path, line, f"expected a top-level key {schema.top!r}"
                        + (f", found {keys[0]!r}" if keys else ""))
    extra = sorted(set(data) - {schema.top, LINE_KEY, KEY_LINES})
    if extra:
        line = data.get(KEY_LINES, {}).get(extra[0], 1)
        raise RuleError(path, line, f"unknown top-level key {extra[0]!r}; expected only {schema.top!r}")
    entries = data[schema.top] or []
    if not isinstance(entries, list):
        raise RuleError(path, data.get(LINE_KEY), f"{schema.top!r} must be a list of entries")
    checked = [schema.check_entry(path, entry, i) for i, entry in enumerate(entries, 1)]
    if schema.id_key:
        first_line: dict[Any, int | None] = {}
        for entry in checked:
            key = entry.get(schema.id_key)
            if key in first_line:
                raise RuleError(
                    path,
                    entry.get(LINE_KEY),
                    f"duplicate id {key!r} (first defined on line {first_line[key]})",
                )
            first_line[key] = entry.get(LINE_KEY)
    return checked


@functools.cache
def _cached_entries(path: Path, schema: Schema, mtime: float) -> tuple[Mapping, ...]:
    # Read-only all the way down: a cached rule must never be changed by whoever reads it.
    return tuple(_frozen(entry) for entry in load_entries(path, schema))


def _frozen(value: Any) -> Any:
    if isinstance(value, dict):
        return MappingProxyType({k: _frozen(v) for k, v in value.items()})
    if isinstance(value, list):
        return tuple(_frozen(v) for v in value)
    return value


def rule_entries(name: str, schema: Schema, rules_dir: Path | None = None) -> tuple[Mapping, ...]:
    """The validated entries of ``rules_dir/name``, loaded once per process (per file version)."""
    path = Path(rules_dir or default_rules_dir()) / name
    if not path.is_file():
        raise RuleError(path, None, "rule file not found; point --rules at a folder that has it")
    return _cached_entries(path.resolve(), schema, path.stat().st_mtime)
