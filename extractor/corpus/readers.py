"""Sources -> the Articles table. No NLP here: only reading, decoding and splitting records.

Every input record becomes exactly one row: ``ok``, ``empty`` (nothing to read) or ``failed``
(with the reason). Bodies are exact slices of the decoded record text, and ``offset`` (and
``title_offset``) say where the body (and title) start in it, so a figure's span maps back onto the source file.

Supported sources: feed dumps (``.txt`` whose first line is a ``DD.MM.YYYY, HH:MM N`` header),
plain ``.txt`` (one article, body unchanged), ``.jsonl``, ``.csv``, ``.parquet``, directories
(recursively, sorted), glob patterns, and ``.gz`` of any file format.
"""

from __future__ import annotations

import codecs
import csv
import glob
import gzip
import hashlib
import io
import json
import os
import re
import sys
from collections import deque
from collections.abc import Iterable, Iterator
from itertools import chain
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import IO, Any

import pandas as pd

from ..errors import CorpusError
from ..tables import ARTICLE_STATUSES, ARTICLES
from ..tables import is_missing
from .dates import (FROM_INDEX, FROM_RECORD, FROM_RUN, FROM_TEXT, FROM_TEXT_YEAR, UNREADABLE, latest_date_in,
                    parse_date, publication_year_in)
from .sidecar import sidecars_of
from .stream import (GiB, MB, Limits, Line, RawPieces, StreamStop, TextLines, is_utf8_text, parse_size,
                     single_byte_encoding)
from ..ruleset.loader import Field, Schema, rule_entries
from ..ruleset.ruleset import RuleSet, RulesLike, compiled_per_ruleset

ARTICLE_COLUMNS = ARTICLES.names
STATUSES = ARTICLE_STATUSES
TABLE_SUFFIXES = {".jsonl", ".csv", ".parquet"}
TEXT_SUFFIXES = {".txt"}
SUPPORTED_SUFFIXES = TABLE_SUFFIXES | TEXT_SUFFIXES
SNIFF_BYTES = 1 << 16

# Feed-dump header: "17.03.2025, 11:50 6181"; the dump's first line may open with
# " date 2025-03-19" (the day it was scraped).
HEADER = re.compile(
    r"^\ufeff?\s*(?:date\s+(?P<scraped>\d{4}-\d{2}-\d{2})\s+)?"
    r"(?P<day>\d{2})\.(?P<month>\d{2})\.(?P<year>\d{4}),\s*(?P<hour>\d{2}):(?P<minute>\d{2})"
    r"(?:\s+(?P<views>\d+))?\s*$"
)
# Photo credit lines between the title and the first paragraph: "Images | Akorda".
CAPTION = re.compile(r"^\s*(?:Images?|Photo|Фото)\s*\|\s*\S.*$")


@dataclass(frozen=True)
class ReaderOptions:
    """Column names of tabular sources (.jsonl/.csv/.parquet) and an optional forced encoding."""

    text_column: str = "text"
    title_column: str = "title"
    date_column: str = "date"
    url_column: str = "url"
    id_column: str = "id"
    encoding: str | None = None
    rules: str | Path | None = None  # a rules folder for the attribution cues (default: shipped)
    date_format: str | None = None  # strptime format of the date column; default: read day first
    published: str | None = None  # the date of every article that gives none (--published)
    infer_dates: bool = True  # an article with no date takes the latest full date of its text
    # What one file may make, so a hostile file costs time, never memory (a size as 500MB or 2GiB,
    # or an int): decompressed bytes, characters of one record, of one line of a line-based format.
    max_file_size: int | str = 2 * GiB
    max_record_size: int | str = 32 * MB
    max_line_length: int | str = 32 * MB

    def limits(self) -> Limits:
        return Limits(parse_size(self.max_file_size), parse_size(self.max_record_size),
                      parse_size(self.max_line_length))


# Fallbacks tried when the configured text/date column is absent, so common exports just work.
TEXT_ALIASES = ("text", "body", "content", "article", "full_text")
DATE_ALIASES = ("date", "published", "published_at", "datetime", "time")


# --------------------------------------------------------------------------- source discovery


def expand_sources(paths: Iterable[str | Path] | str | Path) -> list[Path]:
    """Files named by ``paths``: files as given, directories recursively in sorted order, globs.

    A path that names nothing is an error (a typo must not yield an empty, "successful" run).
    Hidden files are skipped inside directories.
    """
    if isinstance(paths, (str, Path)):
        paths = [paths]
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            # A dangling link or a link loop is kept, so it gets a failed row saying why.
            files.extend(
                p for p in sorted(path.rglob("*"))
                if (p.is_file() or p.is_symlink() and not p.exists())
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
        elif path.is_file():
            files.append(path)
        elif glob.has_magic(str(raw)):
            matched = sorted(Path(p) for p in glob.glob(str(raw), recursive=True))
            if not matched:
                raise CorpusError(f"{raw}: the pattern matches no file; check the path")
            for match in matched:
                files.extend(expand_sources([match]))
        else:
            raise CorpusError(f"{raw}: no such file or directory; give a file, folder or glob")
    return files


def format_of(path: Path) -> tuple[str, bool]:
    """The format suffix of a source and whether it is gzipped: ``a.jsonl.gz`` -> (.jsonl, True)."""
    suffixes = [s.lower() for s in path.suffixes]
    gz = bool(suffixes) and suffixes[-1] == ".gz"
    if gz:
        suffixes = suffixes[:-1]
    return (suffixes[-1] if suffixes else ""), gz


def open_binary(path: Path, gz: bool) -> IO[bytes]:
    return gzip.open(path, "rb") if gz else open(path, "rb")


# --------------------------------------------------------------------------- decoding


class BinaryContent(ValueError):
    """The bytes are not text in any supported encoding."""


def sniff_encoding(sample: bytes) -> str:
    """Guess the encoding of a text from its first bytes.

    UTF-8 (with or without BOM; also when most lines with high bytes are UTF-8 and a few are
    not: a mixed file, whose other lines the reader flags), UTF-16 (BOM, or NUL-interleaved
    ASCII), cp1251 when the high bytes read as Cyrillic, latin-1 otherwise. NUL bytes outside
    UTF-16 mean binary content.

    >>> sniff_encoding("Tenge".encode("utf-8"))
    'utf-8'
    >>> sniff_encoding(codecs.BOM_UTF8 + "₸".encode("utf-8"))
    'utf-8-sig'
    >>> sniff_encoding("Тенге".encode("utf-16"))
    'utf-16'
    >>> sniff_encoding("Доходы бюджета".encode("cp1251"))
    'cp1251'
    >>> sniff_encoding("café crème".encode("latin-1"))
    'latin-1'
    >>> sniff_encoding("Доходы\\nБюджет\\n".encode("utf-8") + "café\\n".encode("latin-1"))
    'utf-8'
    """
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    if b"\x00" in sample:
        even, odd = sample[0::2], sample[1::2]
        if odd and odd.count(0) > 0.4 * len(odd) and even.count(0) < 0.1 * len(even):
            return "utf-16-le"
        if even and even.count(0) > 0.4 * len(even) and odd.count(0) < 0.1 * len(odd):
            return "utf-16-be"
        raise BinaryContent("binary content (NUL bytes); give a text file")
    try:
        codecs.getincrementaldecoder("utf-8")().decode(sample, final=False)
        return "utf-8"
    except UnicodeDecodeError:
        pass
    utf8, other = lines_by_utf8(sample)
    if len(utf8) > len(other):
        return "utf-8"
    return single_byte_encoding(b"\n".join(other) or sample)  # UTF-8's byte runs would look Cyrillic


def lines_by_utf8(sample: bytes) -> tuple[list[bytes], list[bytes]]:
    """The whole lines of ``sample`` with high bytes: those that are UTF-8, and the others."""
    lines = [line for line in sample.split(b"\n")[:-1] if not line.isascii()]  # the last may be cut
    utf8 = [line for line in lines if is_utf8_text(line)]
    return utf8, [line for line in lines if not is_utf8_text(line)]


def looks_binary(text: str) -> bool:
    """Decoded text that is mostly control characters is not an article."""
    if not text:
        return False
    controls = sum(1 for ch in text[:SNIFF_BYTES] if ord(ch) < 32 and ch not in "\t\n\r\f\v")
    return controls > 0.1 * min(len(text), SNIFF_BYTES)


def choose_encoding(path: Path, gz: bool, forced: str | None) -> str:
    """The encoding of ``path`` from its first bytes (for a peek at a file's header; the
    readers decode while they read, :func:`decoded_lines`); raises BinaryContent."""
    with open_binary(path, gz) as fh:
        sample = fh.read(SNIFF_BYTES)
    return forced or sniff_encoding(sample)


def decoded_lines(pieces: RawPieces, options: ReaderOptions) -> TextLines:
    """The lines of a file read once: the encoding sniffed from its first bytes (or forced),
    then decoded as the lines come; raises BinaryContent."""
    head = pieces.peek(SNIFF_BYTES)
    encoding = options.encoding or sniff_encoding(head)
    stream = TextLines(pieces, encoding, bool(options.encoding), options.limits())
    # UTF-8 lines in the first bytes make it a UTF-8 file: a line that is not is mixed in, not a sign
    # that the file is in a single-byte encoding after all.
    stream.non_ascii_seen = stream.non_ascii_seen or (stream.utf8 and bool(lines_by_utf8(head)[0]))
    return stream


def open_text(path: Path, gz: bool, encoding: str) -> IO[str]:
    # newline="" keeps "\r\n" intact, so character offsets match the decoded file exactly.
    return io.TextIOWrapper(open_binary(path, gz), encoding=encoding, newline="")


# --------------------------------------------------------------------------- records


def article_id(source: str, record: int, body: str) -> str:
    """An id that names the file and the article's text, so it stays when the corpus moves to
    another folder or records are added around it: the file's name, then a hash of the name and
    the body. A record without a body (empty or failed) has only its place: ``name:#record``.

    >>> article_id("data/sample/a.txt", 3, "GDP reached $288 billion."), article_id("/x/a.txt", 7, "GDP reached $288 billion.")
    ('a:b4f3c97329', 'a:b4f3c97329')
    >>> article_id("data/sample/a.txt", 3, "")
    'a:#3'
    """
    name = Path(source).name.split(".")[0]
    if not body:
        return f"{name}:#{record}"
    digest = hashlib.sha1(f"{name}\x00{body}".encode("utf-8", "surrogatepass"))
    return f"{name}:{digest.hexdigest()[:10]}"


def unique_ids(rows: Iterable[dict]) -> Iterator[dict]:
    """The same text twice under one file name gets ``~2``, ``~3`` after its id, in reading order."""
    seen: dict[str, int] = {}
    for row in rows:
        key = row["article_id"]
        seen[key] = seen.get(key, 0) + 1
        if seen[key] > 1:
            row["article_id"] = f"{key}~{seen[key]}"
        yield row


def make_row(source: str, record: int, **fields: Any) -> dict:
    """One Articles row with every column present; status follows from body and error."""
    row = dict.fromkeys(ARTICLE_COLUMNS)
    row.update(source=source, record=record, title="", body="", error="", attribution="", published_from="")
    row.update(fields)
    if row["error"]:
        row["status"] = "failed"
    elif not str(row["body"] or "").strip():
        row["status"] = "empty"
    else:
        row["status"] = "ok"
    row["article_id"] = article_id(source, record, row["body"] or "")
    return row


def failed_row(source: str, record: int, reason: str, **fields: Any) -> dict:
    return make_row(source, record, error=reason, **fields)


# --------------------------------------------------------------------------- attribution


ATTRIBUTION_SCHEMA = Schema(
    top="cues",
    fields={"id": Field((str,), required=True), "words": Field((list,), True, list_of=(str,))},
)


@compiled_per_ruleset
def attribution_pattern(ruleset: RuleSet) -> re.Pattern:
    """", <source> <cue> <rest of clause>" built from rules/attribution.yaml."""
    cues = sorted(
        (w for entry in rule_entries("attribution.yaml", ATTRIBUTION_SCHEMA, ruleset)
         for w in entry["words"]),
        key=len, reverse=True,
    )
    cue = "|".join(re.escape(w) for w in cues)
    return re.compile(
        rf"(?:^|,\s+)(?P<clause>(?P<source>[A-Za-z][^,;\n]{{1,80}}?)\s+(?:{cue})\b[^\n,;]*?)"
        r"(?=\.(?:\s|$)|\.?$|[,;\n])",
        re.MULTILINE,
    )


def find_attribution(body: str, window: int = 2000, ruleset: RulesLike = None) -> str:
    """The clause naming the body's source, as written, or "".

    >>> find_attribution("GDP grew, primeminister.kz reports. Later text.")
    'primeminister.kz reports'
    >>> find_attribution("Talks were held, Qazinform News Agency cites Akorda.")
    'Qazinform News Agency cites Akorda'
    >>> find_attribution("Nothing here names a source.")
    ''
    """
    for match in attribution_pattern(ruleset).finditer(body[:window]):
        clause = match.group("clause").strip()
        if ". " not in match.group("source"):  # the source name never spans a sentence end
            return clause
    return ""


# --------------------------------------------------------------------------- feed dumps


def is_feed_dump(first_line: str) -> bool:
    return bool(HEADER.match(first_line))


MAX_VIEWS = 2**63 - 1  # the Int64 column of the Articles table


def parse_header(line: str) -> dict:
    """Published time, views and scrape date of a feed-dump header line.

    Raises ValueError when the date or time is impossible or the views do not fit the table.

    >>> parse_header(" date 2025-03-19 17.03.2025, 11:50 6181")["views"]
    6181
    >>> parse_header("32.13.2025, 11:50 6181")
    Traceback (most recent call last):
    ...
    ValueError: month must be in 1..12
    """
    m = HEADER.match(line)
    assert m, line
    published = datetime(int(m["year"]), int(m["month"]), int(m["day"]), int(m["hour"]), int(m["minute"]))
    views = int(m["views"]) if m["views"] else None
    if views is not None and views > MAX_VIEWS:
        raise ValueError(f"views {m['views'][:20]}... out of range")
    return {
        "published": published, "published_from": FROM_RECORD,
        "views": views,
        "scraped": pd.Timestamp(m["scraped"]) if m["scraped"] else None,
    }


def header_fields(line: str, number: int) -> dict:
    """``parse_header``, or an ``error`` naming the line when the header cannot be read."""
    try:
        return parse_header(line)
    except ValueError as exc:
        return {"error": f"line {number}: unreadable feed header {line.strip()[:60]!r} ({exc}); "
                         "fix the date, time or views"}


def split_feed_article(lines: list[tuple[int, str]]) -> dict:
    """Title, body and body offset of one feed-dump article from its lines after the header.

    ``lines`` are (offset, line) pairs with line endings kept. The title is the first non-blank
    line; a repeated title and caption lines before the first paragraph are skipped; the body runs
    from the first paragraph to the last non-blank character (the dump's end line is blank).
    """
    content = [(off, line) for off, line in lines if line.strip()]
    if not content:
        return {"title": "", "body": "", "offset": lines[0][0] if lines else None}
    title_off, title_line = content[0]
    title = title_line.strip()
    title_offset = title_off + len(title_line) - len(title_line.lstrip())
    rest = content[1:]
    if rest and rest[0][1].strip() == title:
        rest = rest[1:]
    while rest and CAPTION.match(rest[0][1]):
        rest = rest[1:]
    if not rest:
        return {"title": title, "body": "", "offset": None, "title_offset": title_offset}
    start = rest[0][0] + (len(rest[0][1]) - len(rest[0][1].lstrip()))
    last_off, last_line = rest[-1]
    end = last_off + len(last_line.rstrip())
    text = "".join(line for _, line in lines)
    base = lines[0][0]
    body = text[start - base:end - base]
    return {"title": title, "body": body, "offset": start, "title_offset": title_offset}


def read_feed_dump(lines: Iterable[Line], source: str, stream: TextLines, limits: Limits) -> Iterator[dict]:
    """Stream the articles of a feed dump; holds one article's lines at a time (at most the
    record limit of them). An article with a line that has a problem, or over the record limit,
    fails with the reason; where the file stops (truncated, over the size limit) the article in
    progress and the rest get one failed row."""
    offset = 0
    record = -1
    header: dict | None = None
    scraped = None  # the dump's scrape date, from its first header: it holds for every article
    lines_kept: list[tuple[int, str]] = []
    size, problem, started = 0, "", 0  # of the article in progress: characters, problem, header line
    preamble = False  # text before the first header

    def finish() -> dict:
        if problem:  # the header's date and views are kept, not the text
            return make_row(source, record, encoding=stream.encoding, **{"scraped": scraped, **header, "error": problem})
        parts = split_feed_article(lines_kept)
        return make_row(source, record, encoding=stream.encoding, **{"scraped": scraped, **header}, **parts)

    try:
        for line in lines:
            if not line.problem and HEADER.match(line.text):
                if header is not None:
                    yield finish()
                elif preamble:
                    record += 1
                    yield failed_row(source, record, "text before the first feed header", encoding=stream.encoding)
                record += 1
                header, lines_kept, size, problem = header_fields(line.text, line.number), [], 0, ""
                started = line.number
                if header.get("scraped") is None:
                    header.pop("scraped", None)
                elif scraped is None:
                    scraped = header["scraped"]
            elif header is None:
                preamble = preamble or bool(line.problem or line.text.strip())
            else:
                size += line.length
                problem = problem or line.problem or (
                    f"line {started}: {limits.record_too_big()}" if size > limits.max_record_size else "")
                if problem:
                    lines_kept = []  # the article fails: its text is not held
                else:
                    lines_kept.append((offset, line.text))
            offset += line.length
    except StreamStop as stop:
        if header is None:  # stopped before the first article: it is the one that fails
            if preamble:
                record += 1
                yield failed_row(source, record, "text before the first feed header", encoding=stream.encoding)
            record += 1
        yield failed_row(source, record, stop.reason(record - 1 if record > 0 else None), encoding=stream.encoding)
        return
    if header is not None:
        yield finish()


def read_plain_text(lines: Iterable[Line], source: str, stream: TextLines, limits: Limits) -> dict:
    """A .txt that is no feed dump: one article, its body the whole text unchanged."""
    parts, size = [], 0
    try:
        for line in lines:
            size += line.length
            if line.problem:
                return failed_row(source, 0, line.problem, encoding=stream.encoding)
            if size > limits.max_record_size:
                return failed_row(source, 0, limits.record_too_big(), encoding=stream.encoding)
            parts.append(line.text)
    except StreamStop as stop:
        return failed_row(source, 0, stop.reason(None), encoding=stream.encoding)
    text = "".join(parts)
    if looks_binary(text):
        return failed_row(source, 0, "binary content (control characters); give a text file")
    return make_row(source, 0, body=text, offset=0, encoding=stream.encoding)


def read_text_file(path: Path, gz: bool, source: str, options: ReaderOptions) -> Iterator[dict]:
    """A .txt source: a feed dump when its first non-blank line is a header, else one article."""
    with RawPieces(path, gz, options.limits().max_file_size) as pieces:
        try:
            stream = decoded_lines(pieces, options)
        except BinaryContent as exc:
            yield failed_row(source, 0, str(exc))
            return
        lines = iter(stream)
        head: list[Line] = []  # the blank lines, then the first line with text
        try:
            for line in lines:
                head.append(line)
                if line.text.strip() or line.problem:
                    break
        except StreamStop as stop:
            yield failed_row(source, 0, stop.reason(None), encoding=stream.encoding)
            return
        if head and not head[-1].problem and is_feed_dump(head[-1].text):
            yield from read_feed_dump(chain(head, lines), source, stream, options.limits())
        else:
            yield read_plain_text(chain(head, lines), source, stream, options.limits())


# --------------------------------------------------------------------------- tabular sources


def pick_column(available: Iterable[str], wanted: str, aliases: tuple[str, ...]) -> str | None:
    available = list(available)
    if wanted in available:
        return wanted
    return next((a for a in aliases if a in available), None)


def table_row(source: str, record: int, data: dict, options: ReaderOptions, where: str) -> dict:
    """One record of a tabular source -> an Articles row (failed with the reason if unusable)."""
    text_col = pick_column(data, options.text_column, TEXT_ALIASES)
    if text_col is None:
        return failed_row(source, record, f"{where}: no text column {options.text_column!r} "
                          f"(columns: {', '.join(map(str, data)) or 'none'}); set --text-column")
    body = data.get(text_col)
    if body is not None and not isinstance(body, str):
        if isinstance(body, float) and pd.isna(body):
            body = ""
        else:
            return failed_row(source, record, f"{where}: text is {type(body).__name__}, not a string")
    date_col = pick_column(data, options.date_column, DATE_ALIASES)
    published, published_from = None, ""
    if date_col and not is_missing(data.get(date_col)) and data.get(date_col) != "":
        try:
            published, published_from = parse_date(data[date_col], options.date_format), FROM_RECORD
        except ValueError:
            published_from = UNREADABLE  # the record is kept; its date is not guessed

    def text_of(column: str) -> str | None:
        value = data.get(column)
        return None if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)

    return make_row(
        source, record, body=body or "", offset=0, published=published, published_from=published_from,
        title=text_of(options.title_column) or "", url=text_of(options.url_column),
        external_id=text_of(options.id_column),
    )


def read_jsonl(lines: Iterable[Line], source: str, options: ReaderOptions) -> Iterator[dict]:
    """One record a line; a line with a problem (too long, another encoding) fails alone, and
    where the file stops the rest gets one failed row."""
    last = None  # the last record read
    number = 0
    try:
        for line in lines:
            number = line.number
            record = number - 1
            if line.problem:
                yield failed_row(source, record, line.problem)
            elif not line.text.strip():
                continue
            else:
                yield jsonl_row(line.text, number, source, options)
            last = record
    except StreamStop as stop:
        yield failed_row(source, number, stop.reason(last))


def jsonl_row(text: str, number: int, source: str, options: ReaderOptions) -> dict:
    record = number - 1
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        return failed_row(source, record, f"line {number}: invalid JSON ({exc.msg}); fix or remove the line")
    except RecursionError:
        return failed_row(source, record, f"line {number}: JSON nested too deep; fix or remove the line")
    if not isinstance(data, dict):
        return failed_row(source, record, f"line {number}: expected a JSON object, got {type(data).__name__}")
    return table_row(source, record, data, options, f"line {number}")


def quotes_only(line: Line) -> str:
    """What the csv module needs of a line of a record too big to hold: its quotes (they say
    where the record ends) and its line end. A line too long to keep counts as having none."""
    body = line.text.rstrip("\r\n")
    return '"' * body.count('"') + (line.text[len(body):] or "\n")


def read_csv(lines: Iterable[Line], source: str, options: ReaderOptions) -> Iterator[dict]:
    """Records of a CSV, read strictly: a record the csv module cannot close (an unbalanced quote
    that would swallow the records after it) fails with its line number, and reading restarts at
    the physical line after that record's first line, so the records it swallowed are still read.
    A record over the record limit fails and is skipped; where the file stops, the rest gets one
    failed row."""
    csv.field_size_limit(sys.maxsize)
    limits = options.limits()
    numbered = iter(lines)
    pending: deque[Line] = deque()  # lines given back after a failed record
    consumed: list[Line] = []  # the physical lines of the record being read (the first only, once too big)
    size, last = 0, 0  # their characters; the number of the record's last line

    def feed() -> Iterator[str]:
        nonlocal size, last
        while True:
            line = pending.popleft() if pending else next(numbered, None)
            if line is None:
                return
            size += line.length
            last = line.number
            if size > limits.max_record_size:  # read on to the record's end, holding nothing of it
                if not consumed:
                    consumed.append(line)
                del consumed[1:]
                yield quotes_only(line)
                continue
            consumed.append(line)
            yield line.text or "\n"  # a line too long to hold has only its end

    reader = csv.reader(feed(), strict=True)
    header = None
    record = -1
    while True:
        consumed.clear()
        size = 0
        try:
            values = next(reader, None)
        except StreamStop as stop:
            yield failed_row(source, max(record + 1, 0), stop.reason(record if record >= 0 else None))
            return
        except csv.Error as exc:
            start = consumed[0].number if consumed else 0
            pending.extendleft(reversed(consumed[1:]))
            reader = csv.reader(feed(), strict=True)
            if header is None:
                yield failed_row(source, 0, f"line {start}: unreadable CSV header ({exc}); fix its quoting")
                return
            record += 1
            yield failed_row(source, record, f"line {start}: unreadable CSV record ({exc}; an unbalanced "
                                             "quote?); fix the quoting of this record")
            continue
        if values is None:
            return
        problem = next((line.problem for line in consumed if line.problem), "")
        if size > limits.max_record_size:
            problem = f"line {consumed[0].number}: {limits.record_too_big()} (lines {consumed[0].number}-{last})"
        if header is None:
            if problem:
                yield failed_row(source, 0, f"{problem} (the CSV header)")
                return
            header = values
            continue
        record += 1
        where = f"line {consumed[0].number}" if consumed else "end of file"
        if problem:
            yield failed_row(source, record, problem)
            continue
        if not any(v.strip() for v in values):
            continue
        if len(values) != len(header):
            yield failed_row(source, record, f"{where}: expected {len(header)} fields, found {len(values)}")
            continue
        yield table_row(source, record, dict(zip(header, values)), options, where)


def read_parquet(path: Path, gz: bool, source: str, options: ReaderOptions) -> Iterator[dict]:
    import pyarrow.parquet as pq

    import pyarrow as pa

    with open_binary(path, gz) as raw:
        try:
            parquet = pq.ParquetFile(raw)
        except pa.ArrowInvalid as exc:  # the bytes are no Parquet: say so, not "unexpected ArrowInvalid"
            yield failed_row(source, 0, f"not a Parquet file: {source} ({exc})")
            return
        record = 0
        for batch in parquet.iter_batches(batch_size=512):
            for data in batch.to_pylist():
                yield table_row(source, record, data, options, f"row {record}")
                record += 1
    if not record:
        yield make_row(source, 0)


def read_table_file(path: Path, suffix: str, gz: bool, source: str, options: ReaderOptions) -> Iterator[dict]:
    if suffix == ".parquet":
        yield from read_parquet(path, gz, source, options)
        return
    with RawPieces(path, gz, options.limits().max_file_size) as pieces:
        try:
            stream = decoded_lines(pieces, options)
        except BinaryContent as exc:
            yield failed_row(source, 0, f"cannot decode: {exc}")
            return
        reader = read_jsonl if suffix == ".jsonl" else read_csv
        rows = 0
        for row in reader(stream, source, options):
            row["encoding"] = stream.encoding
            rows += 1
            yield row
    if not rows:
        yield make_row(source, 0, encoding=stream.encoding)


# --------------------------------------------------------------------------- public API


def iter_file(path: Path, options: ReaderOptions = ReaderOptions()) -> Iterator[dict]:
    """The Articles rows of one file; any failure becomes a ``failed`` row, never an exception.
    Each readable article gets the clause that names its source (``attribution``)."""
    ruleset = RuleSet.of(options.rules)
    for row in _file_rows(path, options):
        if row["status"] == "ok" and not row.get("attribution"):
            row["attribution"] = find_attribution(row["body"], ruleset=ruleset)
        yield row


def source_name(path: Path) -> str:
    """The path as text; bytes of a name that are not UTF-8 are shown as ``\\xNN`` escapes, so
    every output can write it (the file itself is still opened by its real name)."""
    text = path.as_posix()
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        text = os.fsencode(text).decode("utf-8", "backslashreplace")
    return text


def _file_rows(path: Path, options: ReaderOptions) -> Iterator[dict]:
    source = source_name(path)
    suffix, gz = format_of(path)
    try:
        if suffix in TEXT_SUFFIXES:
            yield from read_text_file(path, gz, source, options)
        elif suffix in TABLE_SUFFIXES:
            yield from read_table_file(path, suffix, gz, source, options)
        else:
            yield failed_row(source, 0, f"unsupported format {suffix or '(no suffix)'!r}; "
                             f"use one of {', '.join(sorted(SUPPORTED_SUFFIXES))} (optionally .gz)")
    except (OSError, EOFError, gzip.BadGzipFile) as exc:
        yield failed_row(source, 0, f"cannot read: {exc}")
    except Exception as exc:  # a reader bug must not lose the record: report it as failed
        if isinstance(exc, (KeyboardInterrupt, SystemExit)):
            raise
        yield failed_row(source, 0, f"unexpected {type(exc).__name__}: {exc}")


def iter_articles(paths, options: ReaderOptions | None = None, **option_fields) -> Iterator[dict]:
    """Stream Articles rows (dicts) from files, folders, globs; nothing is held beyond one article.

    Keyword arguments set :class:`ReaderOptions` fields (``text_column="content"``).
    """
    options = replace(options, **option_fields) if options else ReaderOptions(**option_fields)
    if options.encoding:
        try:
            codecs.lookup(options.encoding)
        except LookupError:
            raise CorpusError(f"unknown encoding {options.encoding!r}; give a Python codec name "
                              "such as utf-8, utf-16, cp1251 or latin-1") from None
    check_limits(options)
    try:
        run_date = parse_date(options.published) if options.published else None
    except ValueError:
        raise CorpusError(f"--published {options.published!r}: not a date; write it as YYYY-MM-DD") from None
    files = expand_sources(paths)
    given, indexes = sidecars_of(files)
    yield from unique_ids(_dated_rows(files, given, indexes, run_date, options))


def check_limits(options: ReaderOptions) -> None:
    """A CorpusError naming the option when a size limit is no size."""
    for name in ("max_file_size", "max_record_size", "max_line_length"):
        try:
            parse_size(getattr(options, name))
        except ValueError as exc:
            raise CorpusError(f"{name} (--{name.replace('_', '-')}): {exc}") from None


def _dated_rows(files, given, indexes, run_date, options) -> Iterator[dict]:
    for path in files:
        if path in indexes:
            continue  # an index of the .txt files beside it, not a corpus
        extra = given.get(Path(os.path.realpath(path))) if format_of(path)[0] in TEXT_SUFFIXES else None
        for row in iter_file(path, options):
            if extra and row["status"] != "failed":
                row.update(extra)
                if "published" in extra:
                    row["published_from"] = FROM_INDEX
            yield date_article(row, run_date, options.infer_dates)


def date_article(row: dict, run_date: datetime | None, infer: bool) -> dict:
    """An article that gives no date takes the run's (--published), else the latest full date
    its text states, else January 1 of the year it was most likely written in (``publication_year_in``);
    published_from says which."""
    if row["status"] != "ok" or row.get("published") is not None and not is_missing(row.get("published")):
        return row
    if run_date is not None:
        row.update(published=run_date, published_from=FROM_RUN)
    elif infer:
        text = f"{row.get('title') or ''}\n{row.get('body') or ''}"
        found = latest_date_in(text)
        if found is not None:
            row.update(published=found, published_from=FROM_TEXT)
        elif (year := publication_year_in(text)) is not None:
            row.update(published=datetime(year, 1, 1), published_from=FROM_TEXT_YEAR)
    return row


def articles_frame(rows: Iterable[dict]) -> pd.DataFrame:
    """Articles rows -> the typed Articles DataFrame."""
    frame = pd.DataFrame(list(rows), columns=ARTICLE_COLUMNS)
    frame["published"] = pd.to_datetime(frame["published"])
    frame["scraped"] = pd.to_datetime(frame["scraped"])
    for column in ("record", "views", "offset", "title_offset"):
        frame[column] = frame[column].astype("Int64")
    frame["status"] = pd.Categorical(frame["status"], categories=STATUSES)
    return frame


def read_corpus(paths, options: ReaderOptions | None = None, **option_fields) -> pd.DataFrame:
    """The Articles table of DESIGN.md for files, folders or globs."""
    return articles_frame(iter_articles(paths, options, **option_fields))


def status_counts(statuses: Iterable[str]) -> dict[str, int]:
    """Records read and how many are ok, empty, failed; the three always add up to the total."""
    counts = dict.fromkeys(("read",) + STATUSES, 0)
    for status in statuses:
        counts["read"] += 1
        counts[status] += 1
    return counts
