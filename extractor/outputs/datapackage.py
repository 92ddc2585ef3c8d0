"""The report folder's ``datapackage.json`` (Frictionless Data Package, Table Schema), made
from the table declarations of ``extractor/tables.py``: one resource per table file, every
column with its type, description and whether it may be missing, the primary and foreign keys."""

from __future__ import annotations

import json
from pathlib import Path

from ..tables import FOREIGN_KEYS, PRIMARY_KEYS, PUBLIC_TABLES, about, may_be_missing, public_type
from ..version import __version__

DATAPACKAGE = "datapackage.json"
FORMATS = {".parquet": "parquet", ".csv": "csv"}
MEDIA_TYPES = {".parquet": "application/vnd.apache.parquet", ".csv": "text/csv"}


def resource_name(table: str, suffix: str) -> str:
    """A resource's name: the table's for Parquet (the exact copy), ``-csv`` after it for CSV.

    >>> resource_name("mentions", ".parquet"), resource_name("mentions", ".csv")
    ('mentions', 'mentions-csv')
    """
    return table if suffix == ".parquet" else f"{table}-{FORMATS[suffix]}"


def schema(table: str, suffix: str) -> dict:
    """The Table Schema of ``table`` as its ``suffix`` file holds it."""
    fields = []
    for column in PUBLIC_TABLES[table].columns:
        field = {"name": column.name, "type": public_type(column), "description": about(table, column.name)}
        if not may_be_missing(column):
            field["constraints"] = {"required": True}
        if column.allowed is not None:
            field.setdefault("constraints", {})["enum"] = list(column.allowed)
        if public_type(column) == "array" and suffix == ".csv":
            field["description"] += " (a JSON array)"
        fields.append(field)
    out = {"fields": fields, "missingValues": [""]}
    if table in PRIMARY_KEYS:
        out["primaryKey"] = [PRIMARY_KEYS[table]]
    if table in FOREIGN_KEYS:
        out["foreignKeys"] = [{"fields": [column], "reference": {"resource": resource_name(other, suffix),
                                                                  "fields": [key]}}
                              for column, other, key in FOREIGN_KEYS[table]]
    return out


def datapackage(names: list[str]) -> dict:
    """The descriptor of a report folder holding the files ``names`` (relative POSIX paths):
    a resource for each table file among them."""
    resources = []
    for name in names:
        path = Path(name)
        if path.stem in PUBLIC_TABLES and path.suffix in FORMATS and path.parent == Path("."):
            resource = {"name": resource_name(path.stem, path.suffix), "path": name, "profile": "tabular-data-resource",
                        "format": FORMATS[path.suffix], "mediatype": MEDIA_TYPES[path.suffix]}
            if path.suffix == ".csv":
                resource.update(encoding="utf-8", dialect={"delimiter": ",", "quoteChar": '"', "header": True})
            resource["schema"] = schema(path.stem, path.suffix)
            resources.append(resource)
    return {"profile": "tabular-data-package", "name": "extractor-report",
            "title": "Figures stated in news articles, extracted by extractor",
            "description": "Articles, the figures they state (mentions), the claims those make, their checks, "
                           "and the figures joined with their articles (figures). See README.md.",
            "created_by": f"extractor {__version__}", "resources": resources}


def write_datapackage(folder: Path, names: list[str]) -> Path:
    """``datapackage.json`` in ``folder``, describing its table files among ``names``."""
    path = Path(folder) / DATAPACKAGE
    path.write_text(json.dumps(datapackage(names), indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return path
