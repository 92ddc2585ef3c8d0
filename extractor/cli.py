"""The command line: each command is a thin call into the Python API."""

from __future__ import annotations

import functools
import inspect
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console

from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn as ProgressText, TimeElapsedColumn

from .outputs import charts as charts_mod
from .claims import build as claims_mod
from .corpus import readers as corpus
from .dev import evaluate
from .checks import factcheck
from . import api, pipeline
from .outputs.report import reference_provenance, write_report
from .outputs.sheet import DEFAULT_MIN_CONFIDENCE, write_indicator_sheet
from .errors import ExtractorError, OutputError
from .outputs.tables_io import TABLE_FORMATS, check_format, write_table

app = typer.Typer(
    help="Extract every figure stated in news articles into tidy, traceable tables.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
console = Console(stderr=True, soft_wrap=True)  # an error stays one line, whatever the width

Paths = Annotated[list[Path], typer.Argument(help="Files, folders or glob patterns to read.", show_default=False)]
TextColumn = Annotated[str, typer.Option(help="Text column of .jsonl/.csv/.parquet sources.")]
Encoding = Annotated[Optional[str], typer.Option(help="Force an encoding instead of detecting it.")]
Rules = Annotated[Optional[Path], typer.Option("--rules", help="A rules folder to use instead of the shipped rules/.")]
Reference = Annotated[Optional[Path], typer.Option(
    "--reference", help="Reference table (CSV, XLSX or Parquet: entity, indicator, period, value, unit, "
                        "source); default: the bundled World Bank extract for Kazakhstan.")]
MinConfidence = Annotated[float, typer.Option(
    "--min-confidence", min=0.0, max=1.0,
    help="Indicator cells less sure than this (0-1) go to the spreadsheet's Held back sheet, with why.")]
TableOut = Annotated[Path, typer.Option("-o", "--out", help=f"Output file: {', '.join(TABLE_FORMATS)} by suffix.")]
NoNer = Annotated[bool, typer.Option("--no-ner", help="Skip the statistical NER pass (rules only, faster).")]
Published = Annotated[Optional[str], typer.Option(
    "--published", help="The date (YYYY-MM-DD) of every article that gives none, for 'this year' and the like.")]
DateFormat = Annotated[Optional[str], typer.Option(
    "--date-format", help="strptime format of the date column (default: read DD.MM.YYYY day first).")]


@app.callback()
def _commands() -> None:
    """Extract every figure stated in news articles into tidy, traceable tables."""


def print_counts(statuses) -> dict[str, int]:
    """Print 'records read, ok, empty, failed' (they always add up) and return them."""
    counts = corpus.status_counts(statuses)
    console.print(
        f"records read: {counts['read']}  ok: {counts['ok']}  "
        f"empty: {counts['empty']}  failed: {counts['failed']}"
    )
    return counts


def progress_bar() -> Progress:
    return Progress(ProgressText("[progress.description]{task.description}"), BarColumn(),
                    MofNCompleteColumn(), TimeElapsedColumn(), console=console, transient=True)


def read_and_extract(paths, source: "Source", keep_text: bool = True):
    """:func:`extractor.api.read` with a progress bar; returns (articles, mentions)."""
    with progress_bar() as progress:
        task = progress.add_task("reading", total=None)
        return api.read(paths, ner=not source.no_ner, ruleset=source.rules, text_column=source.text_column,
                        encoding=source.encoding, keep_text=keep_text, published=source.published,
                        date_format=source.date_format,
                        on_article=lambda row: progress.update(task, advance=1,
                                                               description=f"extracting {row['source']}"))


def report_failures(articles) -> None:
    for row in articles[articles["status"] == "failed"].itertuples():
        console.print(f"[yellow]failed[/] {row.source} record {row.record}: {row.error}")
    if "published_from" in articles.columns:
        unreadable = articles[articles["published_from"] == "unreadable"]
        if len(unreadable):
            first = unreadable.iloc[0]
            console.print(f"[yellow]warning[/] {len(unreadable)} record(s) have a date that cannot be read "
                          f"(first: {first['source']} record {first['record']}); their date is left empty, so "
                          "'this year' and the like stay unresolved: give --date-format")


@dataclass(frozen=True)
class Source:
    """How a command reads and extracts its PATHS: the options every such command shares."""

    text_column: str = "text"
    encoding: str | None = None
    rules: Path | None = None
    no_ner: bool = False
    published: str | None = None
    date_format: str | None = None


SOURCE_OPTIONS = [
    inspect.Parameter("text_column", inspect.Parameter.KEYWORD_ONLY, default="text", annotation=TextColumn),
    inspect.Parameter("encoding", inspect.Parameter.KEYWORD_ONLY, default=None, annotation=Encoding),
    inspect.Parameter("rules", inspect.Parameter.KEYWORD_ONLY, default=None, annotation=Rules),
    inspect.Parameter("no_ner", inspect.Parameter.KEYWORD_ONLY, default=False, annotation=NoNer),
    inspect.Parameter("published", inspect.Parameter.KEYWORD_ONLY, default=None, annotation=Published),
    inspect.Parameter("date_format", inspect.Parameter.KEYWORD_ONLY, default=None, annotation=DateFormat),
]


def reads_corpus(command):
    """Give a command the shared reading options (--text-column, --encoding, --rules, --no-ner)
    and hand it one ``source: Source`` instead; Typer reads the signature set here."""
    signature = inspect.signature(command, eval_str=True)  # real annotations, not strings
    params = [p for p in signature.parameters.values() if p.name != "source"] + SOURCE_OPTIONS

    @functools.wraps(command)
    def with_source(*args, text_column="text", encoding=None, rules=None, no_ner=False, published=None,
                    date_format=None, **kwargs):
        return command(*args, source=Source(text_column, encoding, rules, no_ner, published, date_format), **kwargs)

    with_source.__signature__ = signature.replace(parameters=params)
    with_source.__annotations__ = {p.name: p.annotation for p in params} | {"return": None}
    return with_source


def read_and_check(paths, source: Source, reference, keep_text: bool = True):
    """Read and extract, group the claims and check them: (articles, mentions, claims, checks)."""
    articles, mentions = read_paths(paths, source, keep_text)
    claims = claims_mod.build_claims(mentions, source.rules)
    return articles, mentions, claims, factcheck.check(claims, reference, source.rules)


def read_paths(paths, source: Source, keep_text: bool = True):
    """What every command starts with: read, extract, and account for every record."""
    articles, mentions = read_and_extract(paths, source, keep_text)
    print_counts(articles["status"].astype(str))
    report_failures(articles)
    return articles, mentions


@app.command()
@reads_corpus
def extract(paths: Paths, out: TableOut, source: Source = Source()) -> None:
    """Extract every figure of PATHS into the Mentions table.

    Example: extractor extract data/sample -o mentions.parquet
    """
    check_format(out)
    articles, mentions = read_paths(paths, source, keep_text=False)
    write_table(mentions, out)
    console.print(f"figures: {len(mentions)}  wrote {out}")


@app.command()
@reads_corpus
def claims(paths: Paths, out: TableOut, source: Source = Source()) -> None:
    """Group the figures of PATHS into the claims a fact-checker would check.

    Example: extractor claims data/sample -o claims.csv
    """
    check_format(out)
    articles, mentions = read_paths(paths, source, keep_text=False)
    table = claims_mod.build_claims(mentions, source.rules)
    write_table(table, out)
    console.print(f"figures: {len(mentions)}  claims: {len(table)}  wrote {out}")


@app.command(name="check")
@reads_corpus
def check_(
    paths: Paths,
    out: TableOut,
    reference: Reference = None,
    source: Source = Source(),
) -> None:
    """Check the claims of PATHS against their own arithmetic, each other and official data.

    Example: extractor check data/sample -o checks.csv --reference rules/reference/worldbank_kaz.csv
    """
    check_format(out)
    ref = factcheck.load_reference(reference) if reference is not None else None  # fail before the long work
    articles, mentions, claims, checks = read_and_check(paths, source, ref, keep_text=False)
    write_table(checks, out)
    verdicts = ", ".join(f"{k}: {v}" for k, v in checks["verdict"].value_counts().items())
    console.print(f"claims: {len(claims)}  checks: {len(checks)} ({verdicts})  wrote {out}")


@app.command(name="eval")
def eval_(
    gold_dir: Annotated[Path, typer.Argument(help="Folder of gold .jsonl files (tests/gold).")],
    corpus_dir: Annotated[Optional[list[Path]], typer.Option("--corpus", help="Folders holding the annotated texts.")] = None,
    rules: Rules = None,
    no_ner: NoNer = False,
    show_errors: Annotated[bool, typer.Option("--errors", help="List false positives and negatives.")] = False,
    sheet_check: Annotated[bool, typer.Option(
        "--sheet", help="Also check the indicator spreadsheet of these texts cell by cell against the gold.")] = False,
) -> None:
    """Score extraction against a hand-checked gold folder: span and value+unit P/R/F1.

    Example: extractor eval tests/gold
    """
    result = evaluate.run(gold_dir, corpus_dir or (), lambda arts: pipeline.extract(arts, not no_ner, rules))
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
    out: Annotated[Path, typer.Option("-o", "--out", help="Folder to write the report into.")] = Path("reports"),
    reference: Reference = None,
    min_confidence: MinConfidence = DEFAULT_MIN_CONFIDENCE,
    source: Source = Source(),
) -> None:
    """Run everything on PATHS and write the tables into one folder.

    Example: extractor report data/sample -o reports
    """
    ref = factcheck.load_reference(reference) if reference is not None else None  # fail before the long work
    articles, mentions, claims, checks = read_and_check(paths, source, ref)
    written = write_report(out, articles, mentions, claims, checks, reference, source.rules, min_confidence)
    problems = int((checks["verdict"].isin(["inconsistent", "contradicted"])).sum())
    console.print(f"figures: {len(mentions)}  claims: {len(claims)}  checks: {len(checks)} "
                  f"({problems} inconsistent or contradicted)  wrote {len(written)} files into {out}/")


@app.command()
@reads_corpus
def sheet(
    paths: Paths,
    out: Annotated[Path, typer.Option("-o", "--out", help="The .xlsx workbook to write.")],
    reference: Reference = None,
    min_confidence: MinConfidence = DEFAULT_MIN_CONFIDENCE,
    source: Source = Source(),
) -> None:
    """Write the indicator spreadsheet of PATHS: indicator by year, each cell traceable.

    Example: extractor sheet data/sample -o indicators.xlsx
    """
    if out.suffix.lower() != ".xlsx":
        raise OutputError(f"{out}: the spreadsheet is written as .xlsx; give a path ending in .xlsx")
    ref = factcheck.load_reference(reference) if reference is not None else None
    articles, mentions, claims, checks = read_and_check(paths, source, ref)
    write_indicator_sheet(out, articles, mentions, claims, checks, reference_provenance(reference), min_confidence,
                          source.rules)
    console.print(f"wrote {out}")


@app.command()
@reads_corpus
def charts(
    paths: Paths,
    out: Annotated[Path, typer.Option("-o", "--out", help="Folder for the PNG and SVG charts.")] = Path("figures"),
    source: Source = Source(),
) -> None:
    """Draw trend, slope and overview charts of PATHS as PNG and SVG files.

    Example: extractor charts data/sample -o figures
    """
    articles, mentions = read_paths(paths, source)
    claims = claims_mod.build_claims(mentions, source.rules)
    written = charts_mod.all_charts(articles, mentions, claims, out, source.rules)
    console.print(f"wrote {len(written)} chart files into {out}/")


def main() -> None:
    """Entry point: library errors become one clear line and a non-zero exit, no traceback."""
    try:
        app()
    except ExtractorError as exc:
        console.print(f"[red]error:[/] {exc}")
        raise SystemExit(2) from None


if __name__ == "__main__":
    main()
