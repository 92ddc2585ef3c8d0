"""The command line: each command is a thin call into the Python API.

Every command that reads articles shares one set of options (``reads_corpus``): how to read the
sources, ``-q``/``-v``, and ``-`` for standard input. ``sheet``, ``check``, ``charts`` and
``report`` also take tables the engine wrote (a Mentions or Claims table, a report folder) instead
of articles, and skip the extraction. A table written to ``-o -`` goes to standard output; every
message goes to standard error.
"""

from __future__ import annotations

import functools
import importlib.util
import inspect
import re
import shutil
import sys
import tempfile
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Iterator, Optional

import typer
from rich.console import Console
from rich.progress import (BarColumn, DownloadColumn, Progress, TaskProgressColumn, TextColumn as ProgressText,
                           TimeRemainingColumn, TransferSpeedColumn)

def _lazy(name: str):
    """Module ``name``, loaded on first use: a command that fails on its arguments or its
    output location fails at once, before spaCy and matplotlib are imported."""
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.find_spec(name)
    spec.loader = importlib.util.LazyLoader(spec.loader)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


charts_mod = _lazy("extractor.outputs.charts")
claims_mod = _lazy("extractor.claims.build")
corpus = _lazy("extractor.corpus.readers")
evaluate = _lazy("extractor.dev.evaluate")
factcheck = _lazy("extractor.checks.factcheck")
api = _lazy("extractor.api")
pipeline = _lazy("extractor.pipeline")
report_mod = _lazy("extractor.outputs.report")
streaming = _lazy("extractor.outputs.streaming")
from .outputs.folder import command_line, report_folder, writable_location
from .outputs.sheet import DEFAULT_MIN_CONFIDENCE, write_indicator_sheet
from .errors import CorpusError, ExtractorError, OutputError
from .outputs import tables_io
from .outputs.tables_io import STDOUT, TABLE_FORMATS, check_format, write_table
from .tables import MENTIONS, Tables
from .version import __version__

app = typer.Typer(
    help="Extract every figure stated in news articles into tidy, traceable tables.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
console = Console(stderr=True, soft_wrap=True)  # an error stays one line, whatever the width

STDIN = "-"
Paths = Annotated[list[Path], typer.Argument(
    help="Files, folders or glob patterns to read; - for standard input. sheet, check, charts and report "
         "also take tables extractor wrote (mentions.parquet, claims.csv, a report folder).", show_default=False)]
TextColumn = Annotated[Optional[str], typer.Option(
    help="Text column of .jsonl/.csv/.parquet sources (default: text, body, content, article or full_text); "
         "a name no input has is an error.", show_default=False)]
Encoding = Annotated[Optional[str], typer.Option(help="Force an encoding instead of detecting it.")]
Rules = Annotated[Optional[Path], typer.Option("--rules", help="A rules folder to use instead of the shipped rules/.")]
Reference = Annotated[Optional[Path], typer.Option(
    "--reference", help="Reference table (CSV, XLSX or Parquet: entity, indicator, period, value, unit, "
                        "source); default: the bundled World Bank extract for Kazakhstan.")]
MinConfidence = Annotated[float, typer.Option(
    "--min-confidence", min=0.0, max=1.0,
    help="Indicator cells less sure than this (0-1) go to the spreadsheet's Held back sheet, with why.")]
TableOut = Annotated[Path, typer.Option(
    "-o", "--out", help=f"Output file: {', '.join(TABLE_FORMATS)} by suffix; - for standard output (CSV, or --format).")]
Format = Annotated[Optional[str], typer.Option(
    "--format", "-f", help="Format of a table written to standard output (-o -): "
                           f"{', '.join(s.lstrip('.') for s in TABLE_FORMATS)}.", show_default=False)]
NoNer = Annotated[bool, typer.Option("--no-ner", help="Skip the statistical NER pass (rules only, faster).")]
Published = Annotated[Optional[str], typer.Option(
    "--published", help="The date (YYYY-MM-DD) of every article that gives none, for 'this year' and the like.")]
DateFormat = Annotated[Optional[str], typer.Option(
    "--date-format", help="strptime format of the date column (default: read DD.MM.YYYY day first).")]
Quiet = Annotated[bool, typer.Option("-q", "--quiet", help="Print errors only: no progress bar, counts or summary.")]
Verbose = Annotated[bool, typer.Option("-v", "--verbose", help="Also list every record that failed, with its reason.")]
MaxFileSize = Annotated[Optional[str], typer.Option(
    "--max-file-size", help="Stop reading a file past this many decompressed bytes (500MB, 2GiB); "
                            "its records before are kept.", show_default="2GiB")]
MaxRecordSize = Annotated[Optional[str], typer.Option(
    "--max-record-size", help="Fail a record longer than this much text (32MB); the next records are still read.",
    show_default="32MB")]
MaxLineLength = Annotated[Optional[str], typer.Option(
    "--max-line-length", help="Fail a record with a line longer than this (feed dumps, .jsonl, .csv).",
    show_default="32MB")]
Workers = Annotated[int, typer.Option(
    "--workers", min=1, help="Processes extracting articles at once (each loads the rules and model once); "
    "output identical and in the same order whatever the number.")]
DaskAddress = Annotated[Optional[str], typer.Option(
    "--dask", metavar="ADDRESS|local", help="Extract on Dask: 'local' starts a cluster of --workers processes here, "
    "an address (tcp://host:8786) uses a running scheduler. extract then writes partitioned Parquet into the "
    "folder -o (mentions/, articles/).", show_default=False)]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"extractor {__version__}")
        raise typer.Exit()


@app.callback()
def _commands(version: Annotated[bool, typer.Option(
        "--version", callback=_version, is_eager=True, help="Print the version and exit.")] = False) -> None:
    """Extract every figure stated in news articles into tidy, traceable tables."""


@dataclass(frozen=True)
class Source:
    """How a command reads and extracts its PATHS: the options every such command shares."""

    text_column: str | None = None
    encoding: str | None = None
    rules: Path | None = None
    no_ner: bool = False
    published: str | None = None
    date_format: str | None = None
    quiet: bool = False
    verbose: bool = False
    workers: int = 1
    limits: tuple = ()  # (option, size) pairs the user gave: --max-file-size and the like

    def say(self, message: str) -> None:
        """Print a message unless -q."""
        if not self.quiet:
            console.print(message)


SOURCE_OPTIONS = [
    inspect.Parameter("text_column", inspect.Parameter.KEYWORD_ONLY, default=None, annotation=TextColumn),
    inspect.Parameter("encoding", inspect.Parameter.KEYWORD_ONLY, default=None, annotation=Encoding),
    inspect.Parameter("rules", inspect.Parameter.KEYWORD_ONLY, default=None, annotation=Rules),
    inspect.Parameter("no_ner", inspect.Parameter.KEYWORD_ONLY, default=False, annotation=NoNer),
    inspect.Parameter("published", inspect.Parameter.KEYWORD_ONLY, default=None, annotation=Published),
    inspect.Parameter("date_format", inspect.Parameter.KEYWORD_ONLY, default=None, annotation=DateFormat),
    inspect.Parameter("quiet", inspect.Parameter.KEYWORD_ONLY, default=False, annotation=Quiet),
    inspect.Parameter("verbose", inspect.Parameter.KEYWORD_ONLY, default=False, annotation=Verbose),
    inspect.Parameter("workers", inspect.Parameter.KEYWORD_ONLY, default=1, annotation=Workers),
    inspect.Parameter("max_file_size", inspect.Parameter.KEYWORD_ONLY, default=None, annotation=MaxFileSize),
    inspect.Parameter("max_record_size", inspect.Parameter.KEYWORD_ONLY, default=None, annotation=MaxRecordSize),
    inspect.Parameter("max_line_length", inspect.Parameter.KEYWORD_ONLY, default=None, annotation=MaxLineLength),
]


def reader_limits(**given: str | None) -> tuple:
    """The --max-* sizes the user gave, as (option, bytes) pairs; a bad size is one clear error."""
    from .corpus.stream import parse_size

    limits = []
    for name, text in given.items():
        if text is None:
            continue
        try:
            limits.append((name, parse_size(text)))
        except ValueError as exc:
            raise CorpusError(f"--{name.replace('_', '-')}: {exc}") from None
    return tuple(limits)


def reads_corpus(command):
    """Give a command the shared reading options (--text-column, --encoding, --rules, --no-ner,
    --published, --date-format, -q, -v) and hand it one ``source: Source`` instead; Typer reads
    the signature set here."""
    signature = inspect.signature(command, eval_str=True)  # real annotations, not strings
    params = [p for p in signature.parameters.values() if p.name != "source"] + SOURCE_OPTIONS

    @functools.wraps(command)
    def with_source(*args, text_column=None, encoding=None, rules=None, no_ner=False, published=None,
                    date_format=None, quiet=False, verbose=False, workers=1, max_file_size=None,
                    max_record_size=None, max_line_length=None, **kwargs):
        if quiet and verbose:
            raise OutputError("-q and -v ask for opposite things; give one of them")
        limits = reader_limits(max_file_size=max_file_size, max_record_size=max_record_size,
                               max_line_length=max_line_length)
        source = Source(text_column, encoding, rules, no_ner, published, date_format, quiet, verbose, workers,
                        limits)
        return command(*args, source=source, **kwargs)

    with_source.__signature__ = signature.replace(parameters=params)
    with_source.__annotations__ = {p.name: p.annotation for p in params} | {"return": None}
    return with_source


# --- reading, with a progress bar and an account of every record -----------------------------------------

def print_counts(statuses, source: Source = Source()) -> dict[str, int]:
    """Print 'records read, ok, empty, failed' (they always add up) and return them."""
    counts = corpus.status_counts(statuses)
    source.say(f"records read: {counts['read']}  ok: {counts['ok']}  "
               f"empty: {counts['empty']}  failed: {counts['failed']}")
    return counts


class ReadProgress:
    """A progress bar over the bytes of the sources (their sizes are known before reading):
    total, percentage, MB read and MB/s, time left. Each article moves it by the size of its text,
    and each finished file to the file's end."""

    def __init__(self, progress: Progress | None, sizes: dict[str, int]):
        self.progress, self.sizes = progress, sizes
        self.task = progress.add_task("reading", total=max(sum(sizes.values()), 1)) if progress else None
        self.done = 0  # bytes of the files finished
        self.current, self.within, self.records = None, 0, 0

    def __call__(self, row: dict) -> None:
        source = row.get("source")
        if source != self.current:
            self.done += self.sizes.get(self.current, 0)
            self.current, self.within = source, 0
        self.records += 1
        size = self.sizes.get(source, 0)
        text = f"{row.get('title') or ''}{row.get('body') or ''}"
        self.within = min(self.within + len(text.encode("utf-8", "replace")) // (4 if str(source).endswith(".gz") else 1),
                          int(size * 0.99))
        if self.progress is not None:
            self.progress.update(self.task, completed=self.done + self.within,
                                 description=f"{Path(str(source)).name} · {self.records:,} records")


def progress_bar() -> Progress:
    return Progress(ProgressText("[progress.description]{task.description}"), BarColumn(), TaskProgressColumn(),
                    DownloadColumn(), TransferSpeedColumn(), TimeRemainingColumn(), console=console, transient=True)


def source_sizes(paths) -> dict[str, int]:
    """The size in bytes of every file the paths name, by the name the Articles table gives it."""
    sizes = {}
    for path in corpus.expand_sources(paths):
        try:
            sizes[path.as_posix()] = path.stat().st_size
        except OSError:
            sizes[path.as_posix()] = 0
    return sizes


def read_and_extract(paths, source: Source, keep_text: bool = True):
    """:func:`extractor.api.read` with a progress bar; returns (articles, mentions)."""
    with standard_input(paths) as (paths, stdin_file):
        sizes = source_sizes(paths)  # a missing path fails here, before anything is printed
        if source.text_column is not None:
            api.check_text_column(paths, source.text_column)
        show = not source.quiet and console.is_terminal
        with (progress_bar() if show else _nothing()) as progress:
            tracker = ReadProgress(progress, sizes)
            articles, mentions = api.read(
                paths, ner=not source.no_ner, ruleset=source.rules, text_column=source.text_column,
                encoding=source.encoding, keep_text=keep_text, published=source.published,
                date_format=source.date_format, on_article=tracker, workers=source.workers, **dict(source.limits))
        if stdin_file is not None:
            articles["source"] = articles["source"].replace(stdin_file.as_posix(), STDIN)
    return articles, mentions


@contextmanager
def _nothing():
    yield None


@contextmanager
def standard_input(paths):
    """``paths`` with ``-`` replaced by a file holding standard input (spooled to disk, never held
    in memory), named ``stdin`` with the suffix its first bytes suggest: .jsonl for a JSON
    object, .csv for a header line of names, .parquet, .gz, else .txt (a feed dump or one article)."""
    paths = list(paths)
    if not any(str(p) == STDIN for p in paths):
        yield paths, None
        return
    if sum(str(p) == STDIN for p in paths) > 1:
        raise CorpusError("- (standard input) is given twice; give it once")
    with tempfile.TemporaryDirectory(prefix="extractor-stdin-") as scratch:
        spool = Path(scratch) / "stdin"
        with open(spool, "wb") as handle:
            shutil.copyfileobj(sys.stdin.buffer, handle, 1 << 20)
        named = spool.with_name("stdin" + sniff_suffix(spool))
        spool.rename(named)
        yield [named if str(p) == STDIN else p for p in paths], named


def sniff_suffix(path: Path) -> str:
    """The format suffix of a file without a name, from its first bytes."""
    with open(path, "rb") as handle:
        head = handle.read(1 << 12)
    if head.startswith(b"\x1f\x8b"):
        import gzip

        with gzip.open(path, "rb") as inner:
            head = inner.read(1 << 12)
        return _suffix_of(head) + ".gz"
    return _suffix_of(head)


def _suffix_of(head: bytes) -> str:
    """
    >>> _suffix_of(b'{"text": "GDP grew"}'), _suffix_of(b"id,title,text\\n1,a,b"), _suffix_of(b"17.03.2025, 11:50 6")
    ('.jsonl', '.csv', '.txt')
    """
    if head.startswith(b"PAR1"):
        return ".parquet"
    text = head.decode("utf-8", "replace").lstrip("\ufeff \t\r\n")
    if text.startswith("{"):
        return ".jsonl"
    first = text.split("\n", 1)[0].strip()
    if re.fullmatch(r'"?[A-Za-z_][\w ]*"?(,"?[A-Za-z_][\w ]*"?)+', first):
        return ".csv"
    return ".txt"


def report_failures(articles, source: Source = Source()) -> None:
    """Each reason records failed for, once, with how many and the first of them (-v: every
    record); a warning for dates that cannot be read."""
    failed = articles[articles["status"] == "failed"]
    if source.verbose:
        for row in failed.itertuples():
            console.print(f"[yellow]failed[/] {row.source} record {row.record}: {row.error}")
    elif not source.quiet or len(failed) == len(articles):
        reasons = Counter(_reason(e) for e in failed["error"].astype(str))
        for reason, count in reasons.most_common():
            first = failed[failed["error"].astype(str).map(_reason) == reason].iloc[0]
            where = f"{first['source']} record {first['record']}"
            console.print(f"[yellow]failed[/] {count:,} record{'s' if count != 1 else ''}: {reason} "
                          f"({'first: ' if count > 1 else ''}{where})")
    if "published_from" in articles.columns and not source.quiet:
        unreadable = articles[articles["published_from"] == "unreadable"]
        if len(unreadable):
            first = unreadable.iloc[0]
            console.print(f"[yellow]warning[/] {len(unreadable)} record(s) have a date that cannot be read "
                          f"(first: {first['source']} record {first['record']}); their date is left empty, so "
                          "'this year' and the like stay unresolved: give --date-format")


def _reason(error: str) -> str:
    """A failure's reason without the record's place in its file ("line 12: ").

    >>> _reason("line 12: no text column 'text' (columns: a); set --text-column")
    "no text column 'text' (columns: a); set --text-column"
    """
    return re.sub(r"^(?:line|row|record) \d+: ", "", error)


def read_paths(paths, source: Source, keep_text: bool = True):
    """What every command starts with: read, extract, and account for every record. No readable
    record at all is an error (after the reasons, each printed once)."""
    articles, mentions = read_and_extract(paths, source, keep_text)
    counts = print_counts(articles["status"].astype(str), source)
    report_failures(articles, source)
    require_readable(counts)
    return articles, mentions


def require_readable(counts: dict[str, int]) -> None:
    """No readable record at all is an error: nothing is written."""
    if counts["ok"] == 0:
        raise CorpusError(f"no readable record: {counts['read']:,} read, {counts['failed']:,} failed, "
                          f"{counts['empty']:,} empty; nothing written")


def read_and_check(paths, source: Source, reference, keep_text: bool = True) -> Tables:
    """Read and extract, group the claims and check them: (articles, mentions, claims, checks)."""
    articles, mentions = read_paths(paths, source, keep_text)
    claims = claims_mod.build_claims(mentions, source.rules)
    return Tables(articles, mentions, claims, factcheck.check(claims, reference, source.rules, articles=articles))


def tables_or_read(paths, source: Source, reference, keep_text: bool = True, needs_mentions: bool = True) -> Tables:
    """The four tables: from the tables the engine wrote when PATHS are such tables (no
    extraction; the claims checked again when --reference is given), else read and extracted."""
    if not any(str(p) == STDIN for p in paths) and tables_io.holds_tables(paths):
        tables = api.load_tables(paths, ruleset=source.rules, reference=reference, recheck=reference is not None)
        if needs_mentions and tables.mentions.empty:
            raise CorpusError("this command needs the Mentions table (mentions.parquet or a report folder); "
                              "a Claims table alone is enough only for `extractor check`")
        source.say(f"tables read: {len(tables.mentions):,} figures, {len(tables.claims):,} claims of "
                   f"{len(tables.articles):,} articles (no extraction)")
        return tables
    return read_and_check(paths, source, reference, keep_text)


# --- writing tables ------------------------------------------------------------------------------------

def check_output(out: Path, fmt: str | None) -> None:
    """Fail before the long work when the output cannot be written as asked."""
    if str(out) == STDOUT:
        tables_io.stream_format(fmt)
        return
    check_format(out)
    if fmt and tables_io.stream_format(fmt) != out.suffix.lower():
        raise OutputError(f"--format {fmt} and {out}: the file's suffix gives its format; "
                          "--format is for -o - (standard output)")


def write_output(frame, out: Path, fmt: str | None) -> str:
    """Write the table to ``out`` (or standard output); returns where, for the summary line."""
    if str(out) == STDOUT:
        tables_io.write_stream(frame, tables_io.stream_format(fmt))
        return "standard output"
    write_table(frame, out)
    return str(out)


# --- the commands --------------------------------------------------------------------------------------

@app.command()
@reads_corpus
def extract(paths: Paths, out: TableOut, fmt: Format = None, dask: DaskAddress = None,
            source: Source = Source()) -> None:
    """Extract every figure of PATHS into the Mentions table.

    Example: extractor extract data/sample -o mentions.parquet
    """
    if dask is not None:
        figures, where = extract_on_dask(paths, source, out, dask)
        source.say(f"figures: {figures}  wrote {where}")
        return
    check_output(out, fmt)
    suffix = tables_io.stream_format(fmt) if str(out) == STDOUT else out.suffix.lower()
    if streaming.streams(suffix):  # .parquet, .csv, .tsv, .jsonl: written as extracted, in flat memory
        figures, where = extract_streamed(paths, source, out, suffix)
    else:  # .json (one array) and .xlsx cannot be appended to: the table is built whole, then written
        _, mentions = read_paths(paths, source, keep_text=False)
        figures, where = len(mentions), write_output(mentions, out, fmt)
    source.say(f"figures: {figures}  wrote {where}")


# --- extract on Dask: partitioned Parquet in a folder ---------------------------------------------------

def extract_on_dask(paths, source: Source, out: Path, address: str) -> tuple[int, str]:
    """extract's work on Dask (extractor.dask) into the folder ``out``; the records are accounted
    for as extract accounts for them, and no readable record leaves no parts."""
    from . import dask as dask_mod

    no_stdin(paths)
    if str(out) == STDOUT or out.suffix:
        raise OutputError(f"-o {out}: with --dask, extract writes partitioned Parquet (mentions/, articles/) "
                          "into a folder; give -o a folder")
    parts = dask_mod.extract_to_parquet(paths, out, address, keep_text=False, **dask_reading(source))
    counts = print_counts(parts.accounts["status"].astype(str), source)
    report_failures(parts.accounts, source)
    if counts["ok"] == 0:
        for table in ("mentions", "articles"):
            shutil.rmtree(out / table, ignore_errors=True)
    require_readable(counts)
    return parts.figures, f"{parts.count} partitions into {out}/"


def dask_reading(source: Source) -> dict:
    """The reading and extraction options of the command line, as extractor.dask takes them."""
    return dict(workers=source.workers, ner=not source.no_ner, ruleset=source.rules, text_column=source.text_column,
                encoding=source.encoding, published=source.published, date_format=source.date_format,
                **dict(source.limits))


def no_stdin(paths) -> None:
    if any(str(p) == STDIN for p in paths):
        raise CorpusError("--dask reads files the workers can open; standard input (-) cannot be given")


def dask_tables(paths, source: Source, reference, address: str) -> Tables:
    """report's four tables with the per-article work on Dask (extractor.dask.run)."""
    from . import dask as dask_mod

    no_stdin(paths)
    tables = dask_mod.run(paths, address, reference=reference, **dask_reading(source))
    counts = print_counts(tables.articles["status"].astype(str), source)
    report_failures(tables.articles, source)
    require_readable(counts)
    return tables


# --- extract, streamed: the Mentions table written batch by batch, never held whole --------------------

class RecordTally:
    """Every record read, counted by status; of the records themselves only what the failure
    report prints is kept (failed ones, and those whose date cannot be read), so memory does not
    grow with the corpus. Records of standard input are named ``-``, as read_and_extract names them."""

    def __init__(self, stdin_file: Path | None):
        self.statuses: Counter = Counter()
        self.kept: list[dict] = []
        self.stdin = stdin_file.as_posix() if stdin_file is not None else None

    def __call__(self, row: dict) -> None:
        self.statuses[row["status"]] += 1
        if row["status"] == "failed" or row.get("published_from") == "unreadable":
            kept = {k: row.get(k) for k in api.ACCOUNT_COLUMNS + ("published", "published_from")}
            if kept["source"] == self.stdin:
                kept["source"] = STDIN
            self.kept.append(kept)

    def report(self, source: Source) -> None:
        """What read_paths prints and checks: the counts, each failure's reason (-q: only when
        every record failed), the dates that cannot be read; no readable record is an error."""
        counts = print_counts(self.statuses.elements(), source)
        if not source.quiet or counts["failed"] == counts["read"]:
            report_failures(corpus.articles_frame(self.kept), source)
        require_readable(counts)


def streamed_mentions(paths, source: Source, on_article) -> Iterator[dict]:
    """The Mentions rows of ``paths`` as they are extracted (over ``--workers``), calling
    ``on_article`` with each record read: api.read's reading and extraction, without its tables."""
    return api.stream_mentions(paths, ner=not source.no_ner, ruleset=source.rules, text_column=source.text_column,
                               encoding=source.encoding, published=source.published,
                               date_format=source.date_format, on_article=on_article, workers=source.workers,
                               **dict(source.limits))


def stream_mentions_to(paths, source: Source, target: Path) -> int:
    """Read and extract ``paths`` into the Mentions file ``target``, batch by batch, with a
    progress bar and an account of every record; returns the rows written. The file appears only
    when complete: a failure, or no readable record, leaves none."""
    with standard_input(paths) as (paths, stdin_file):
        sizes = source_sizes(paths)  # a missing path fails here, before anything is printed
        if source.text_column is not None:
            api.check_text_column(paths, source.text_column)
        tally = RecordTally(stdin_file)
        show = not source.quiet and console.is_terminal
        with streaming.written_in_batches(target, MENTIONS, pipeline.mentions_frame) as sink:
            with (progress_bar() if show else _nothing()) as progress:
                tracker = ReadProgress(progress, sizes)

                def seen(row: dict) -> None:
                    tracker(row)
                    tally(row)

                for batch in streaming.batches(streamed_mentions(paths, source, seen), streaming.BATCH_ROWS):
                    sink.write(batch)
            tally.report(source)  # inside the block: an error here leaves no file
    return sink.rows


def extract_streamed(paths, source: Source, out: Path, suffix: str) -> tuple[int, str]:
    """The streamed extract into ``out`` (or standard output, through a scratch file, so a failed
    run prints no half table); returns (figures, where they went)."""
    if str(out) != STDOUT:
        return stream_mentions_to(paths, source, out), str(out)
    with tempfile.TemporaryDirectory(prefix="extractor-") as scratch:
        target = Path(scratch) / f"mentions{suffix}"
        figures = stream_mentions_to(paths, source, target)
        copy_to_stdout(target)
    return figures, "standard output"


def copy_to_stdout(path: Path) -> None:
    with open(path, "rb") as handle:
        shutil.copyfileobj(handle, sys.stdout.buffer, 1 << 20)
    sys.stdout.buffer.flush()


@app.command()
@reads_corpus
def claims(paths: Paths, out: TableOut, fmt: Format = None, source: Source = Source()) -> None:
    """Group the figures of PATHS into the claims a fact-checker would check.

    Example: extractor claims data/sample -o claims.csv
    """
    check_output(out, fmt)
    articles, mentions = read_paths(paths, source, keep_text=False)
    table = claims_mod.build_claims(mentions, source.rules)
    where = write_output(table, out, fmt)
    source.say(f"figures: {len(mentions)}  claims: {len(table)}  wrote {where}")


@app.command(name="check")
@reads_corpus
def check_(
    paths: Paths,
    out: TableOut,
    reference: Reference = None,
    fmt: Format = None,
    source: Source = Source(),
) -> None:
    """Check the claims of PATHS (articles, or a Claims or Mentions table) against their own
    arithmetic, each other and official data.

    Example: extractor check data/sample -o checks.csv --reference rules/reference/worldbank_kaz.csv
    """
    check_output(out, fmt)
    ref = factcheck.load_reference(reference) if reference is not None else None  # fail before the long work
    if not any(str(p) == STDIN for p in paths) and tables_io.holds_tables(paths):
        tables = api.load_tables(paths, ruleset=source.rules, reference=ref, recheck=True)
        source.say(f"tables read: {len(tables.claims):,} claims (no extraction)")
    else:
        tables = read_and_check(paths, source, ref, keep_text=False)
    checks = tables.checks
    where = write_output(checks, out, fmt)
    verdicts = ", ".join(f"{k}: {v}" for k, v in checks["verdict"].value_counts().items())
    source.say(f"claims: {len(tables.claims)}  checks: {len(checks)} ({verdicts})  wrote {where}")


@app.command(name="eval")
def eval_(
    gold_dir: Annotated[Path, typer.Argument(help="Folder of gold .jsonl files (tests/gold).")],
    corpus_dir: Annotated[Optional[list[Path]], typer.Option("--corpus", help="Folders holding the annotated texts.")] = None,
    rules: Rules = None,
    no_ner: NoNer = False,
    show_errors: Annotated[bool, typer.Option("--errors", help="List false positives and negatives.")] = False,
    sheet_check: Annotated[bool, typer.Option(
        "--sheet", help="Also check the indicator spreadsheet of these texts cell by cell against the gold.")] = False,
    undated: Annotated[bool, typer.Option(
        "--undated", help="Read the texts without their index (no dates, titles or URLs), as a folder of bare "
                          ".txt files: each article is dated from its text.")] = False,
) -> None:
    """Score extraction against a hand-checked gold folder: span and value+unit P/R/F1.

    Example: extractor eval tests/gold
    """
    result = evaluate.run(gold_dir, corpus_dir or (), lambda arts: pipeline.extract(arts, not no_ner, rules),
                          dated=not undated)
    typer.echo(evaluate.format_report(result.metrics))
    if show_errors:
        typer.echo(result.errors.to_string(index=False))
    if sheet_check:
        from .dev.sheet_check import format_sheet_check, sheet_cells

        typer.echo(format_sheet_check(sheet_cells(result)))


@app.command()
@reads_corpus
def report(
    paths: Paths,
    out: Annotated[Path, typer.Option("-o", "--out", help="Folder to write the report into: a new or empty one, "
                                      "or an earlier report, which is replaced whole.")] = Path("reports"),
    reference: Reference = None,
    min_confidence: MinConfidence = DEFAULT_MIN_CONFIDENCE,
    force: Annotated[bool, typer.Option("--force", help="Replace a non-empty folder that is no earlier report; "
                                        "its files are deleted.")] = False,
    dask: DaskAddress = None,
    source: Source = Source(),
) -> None:
    """Run everything on PATHS (articles, or the tables of an earlier run) and write the tables,
    the spreadsheet, the charts, the claims page and the SQLite database into one folder.

    The report is built beside the folder and swapped in whole, with
    manifest.json (every file's size and sha256) written last: a killed run
    leaves the old report as it was. Files of an earlier report folder that
    this run does not write are not kept. Two runs into one folder cannot
    mix: the second stops at once.

    Example: extractor report data/sample -o reports
    """
    folder = report_folder(out, force, command_line())
    folder.open()  # checked, locked and staged before the long work
    try:
        for note in folder.notes:
            source.say(f"[yellow]note[/] {note}")
        ref = factcheck.load_reference(reference) if reference is not None else None  # fail before the long work
        reads_tables = not any(str(p) == STDIN for p in paths) and tables_io.holds_tables(paths)
        if dask is not None and not reads_tables:  # tables written before need no extraction
            articles, mentions, claims, checks = dask_tables(paths, source, ref, dask)
        else:
            articles, mentions, claims, checks = tables_or_read(paths, source, ref)
        written = report_mod.write_report(folder, articles, mentions, claims, checks, reference, source.rules, min_confidence)
    finally:
        folder.abort()  # nothing left behind when the work failed; a no-op after the swap
    problems = int((checks["verdict"].isin(["inconsistent", "contradicted"])).sum())
    dropped = f" (removed {len(folder.dropped)} files of the earlier report that this run does not write)" \
        if folder.dropped else ""
    source.say(f"figures: {len(mentions)}  claims: {len(claims)}  checks: {len(checks)} "
               f"({problems} inconsistent or contradicted)  wrote {len(written)} files into {out}/{dropped}")


@app.command()
@reads_corpus
def sheet(
    paths: Paths,
    out: Annotated[Path, typer.Option("-o", "--out", help="The .xlsx workbook to write; - for standard output.")],
    reference: Reference = None,
    min_confidence: MinConfidence = DEFAULT_MIN_CONFIDENCE,
    source: Source = Source(),
) -> None:
    """Write the indicator spreadsheet of PATHS (articles, or a Mentions table): indicator by
    year, each cell traceable.

    Example: extractor sheet data/sample -o indicators.xlsx
    """
    to_stdout = str(out) == STDOUT
    if not to_stdout and out.suffix.lower() != ".xlsx":
        raise OutputError(f"{out}: the spreadsheet is written as .xlsx; give a path ending in .xlsx")
    if not to_stdout:
        writable_location(out)  # before the long work
    ref = factcheck.load_reference(reference) if reference is not None else None
    articles, mentions, claims, checks = tables_or_read(paths, source, ref)
    with tempfile.TemporaryDirectory(prefix="extractor-") as scratch:
        target = Path(scratch) / "indicators.xlsx" if to_stdout else out
        write_indicator_sheet(target, articles, mentions, claims, checks, report_mod.reference_provenance(reference),
                              min_confidence, source.rules)
        if to_stdout:
            with open(target, "rb") as handle:
                shutil.copyfileobj(handle, sys.stdout.buffer)
            sys.stdout.buffer.flush()
    source.say(f"wrote {'standard output' if to_stdout else out}")


@app.command()
@reads_corpus
def charts(
    paths: Paths,
    out: Annotated[Path, typer.Option("-o", "--out", help="Folder for the PNG and SVG charts.")] = Path("figures"),
    source: Source = Source(),
) -> None:
    """Draw trend, slope and overview charts of PATHS (articles, or a Mentions table) as PNG and
    SVG files.

    Example: extractor charts data/sample -o figures
    """
    writable_location(out, folder=True)  # before the long work
    articles, mentions, claims, _ = tables_or_read(paths, source, None)
    written = charts_mod.all_charts(articles, mentions, claims, out, source.rules)
    source.say(f"wrote {len(written)} chart files into {out}/")


def main() -> None:
    """Entry point: library errors become one clear line and a non-zero exit, no traceback."""
    try:
        app()
    except ExtractorError as exc:
        console.print(f"[red]error:[/] {exc}")
        raise SystemExit(2) from None


if __name__ == "__main__":
    main()
