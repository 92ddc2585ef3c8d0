"""A table written batch by batch as it is made, so memory stays flat with the corpus.

``extractor extract`` hands :func:`written_in_batches` the Mentions rows a few thousand at a
time; each batch is typed as the whole frame would be (``pipeline.mentions_frame``) and appended
to one file: Parquet through one ``pyarrow.parquet.ParquetWriter`` with a schema fixed from the
table contract (``tables.py``), CSV and TSV with the header once then rows through the same
writer as a whole table (``tables_io.write_csv``), JSON Lines line after line. The file is
written under a temporary name and moved into place only when complete
(``folder.written_atomically``), as a table written whole is. Formats that cannot be appended
to (.json, one array; .xlsx) are not streamed: :func:`streams` says which are.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from ..tables import Table, public_form
from .folder import written_atomically
from .tables_io import _write, check_format, jsonl_text, write_csv

STREAMED_FORMATS = (".parquet", ".csv", ".tsv", ".jsonl")
BATCH_ROWS = 10_000  # rows per batch: a few MB of Mentions, and few Parquet row groups

# The pandas dtype of each kind of column, as the stages build them (pipeline.mentions_frame).
PANDAS_DTYPES = {"text": "str", "int": "Int64", "float": "float64", "date": "datetime64[ns]"}


def streams(suffix: str) -> bool:
    """Whether a table of this format can be written batch by batch.

    >>> streams(".parquet"), streams(".CSV"), streams(".xlsx"), streams(".json")
    (True, True, False, False)
    """
    return suffix.lower() in STREAMED_FORMATS


def arrow_schema(table: Table) -> pa.Schema:
    """The Arrow schema of ``table``, its pandas metadata included, from the declared kinds: every
    batch gets the same types, even one whose column is all missing (Arrow would infer null)."""
    empty = public_form(pd.DataFrame({c.name: pd.Series([], dtype=PANDAS_DTYPES[c.kind]) for c in table.columns}),
                        table)  # the form users get (tables.py), as write_table writes it
    schema = pa.Schema.from_pandas(empty, preserve_index=False)
    for column in table.columns:  # flags: a list of text, which no empty column can show
        if column.listed:
            index = schema.get_field_index(column.name)
            schema = schema.set(index, pa.field(column.name, pa.list_(pa.string())))
    return schema


def batches(rows: Iterable[dict], size: int) -> Iterator[list[dict]]:
    """``rows`` in lists of ``size`` (the last may be shorter); itertools.batched is Python 3.12."""
    batch: list[dict] = []
    for row in rows:
        batch.append(row)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


class ParquetBatches:
    """Appends frames to one Parquet file, a row group each, all under one fixed schema."""

    def __init__(self, path: Path, table: Table):
        self.table, self.schema = table, arrow_schema(table)
        self.writer = pq.ParquetWriter(path, self.schema)

    def write(self, frame: pd.DataFrame) -> None:  # in the form users get, as write_table writes it
        frame = public_form(frame, self.table)
        self.writer.write_table(pa.Table.from_pandas(frame, schema=self.schema, preserve_index=False))

    def close(self) -> None:
        self.writer.close()


class CsvBatches:
    """Appends frames to one CSV or TSV file: the header with the first, rows after it."""

    def __init__(self, path: Path, suffix: str, table: Table):
        self.handle: IO[str] = open(path, "w", encoding="utf-8", newline="")
        self.suffix, self.header, self.table = suffix, True, table

    def write(self, frame: pd.DataFrame) -> None:
        write_csv(public_form(frame, self.table), self.handle, self.suffix, header=self.header)
        self.header = False

    def close(self) -> None:
        self.handle.close()


class JsonlBatches:
    """Appends frames to one JSON Lines file."""

    def __init__(self, path: Path, table: Table):
        self.handle: IO[str] = open(path, "w", encoding="utf-8", newline="")
        self.table = table

    def write(self, frame: pd.DataFrame) -> None:
        self.handle.write(jsonl_text(public_form(frame, self.table)))

    def close(self) -> None:
        self.handle.close()


def batch_writer(path: Path, suffix: str, table: Table):
    if suffix == ".parquet":
        return ParquetBatches(path, table)
    if suffix in (".csv", ".tsv"):
        return CsvBatches(path, suffix, table)
    return JsonlBatches(path, table)


class BatchSink:
    """What :func:`written_in_batches` yields: ``write(rows)`` types a batch of rows and appends
    it; ``rows`` and ``batches`` count what was written."""

    def __init__(self, path: Path, suffix: str, table: Table, typed: Callable[[list[dict]], pd.DataFrame]):
        self.path, self.suffix, self.table, self.typed = path, suffix, table, typed
        self.writer = None  # opened with the first batch: a run with no rows writes as before
        self.rows = self.batches = 0

    def write(self, rows: list[dict]) -> None:
        if not rows:
            return
        if self.writer is None:
            self.writer = batch_writer(self.path, self.suffix, self.table)
        self.writer.write(self.typed(rows))
        self.rows += len(rows)
        self.batches += 1

    def finish(self) -> None:
        if self.writer is None:  # no rows at all: the empty table, exactly as write_table writes it
            _write(self.typed([]), self.path, self.suffix)
        else:
            self.writer.close()

    def abandon(self) -> None:
        if self.writer is not None:
            self.writer.close()


@contextmanager
def written_in_batches(path: str | Path, table: Table,
                       typed: Callable[[list[dict]], pd.DataFrame]) -> Iterator[BatchSink]:
    """A :class:`BatchSink` writing ``table`` to ``path`` (.parquet, .csv, .tsv, .jsonl) under a
    temporary name, moved onto ``path`` when the block ends without error; a failure midway (an
    error raised in the block, a full disk) leaves no file, and an older one as it was.
    ``typed`` turns a list of rows into the table's typed frame."""
    path = check_format(path)
    suffix = path.suffix.lower()
    if not streams(suffix):
        raise ValueError(f"{suffix} tables cannot be written in batches; use tables_io.write_table")
    with written_atomically(path) as partial:
        sink = BatchSink(partial, suffix, table, typed)
        try:
            yield sink
        except BaseException:
            sink.abandon()
            raise
        sink.finish()
