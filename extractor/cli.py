"""The command line: each command is a thin call into the Python API."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console

from . import corpus
from .errors import ExtractorError
from .tables_io import write_table

app = typer.Typer(
    help="Extract every figure stated in news articles into tidy, traceable tables.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
console = Console(stderr=True)

Paths = Annotated[list[Path], typer.Argument(help="Files, folders or glob patterns to read.", show_default=False)]
TextColumn = Annotated[str, typer.Option(help="Text column of .jsonl/.csv/.parquet sources.")]
Encoding = Annotated[Optional[str], typer.Option(help="Force an encoding instead of detecting it.")]


@app.callback()
def _commands() -> None:
    """Extract every figure stated in news articles into tidy, traceable tables."""


def reader_options(text_column: str, encoding: str | None) -> corpus.ReaderOptions:
    return corpus.ReaderOptions(text_column=text_column, encoding=encoding)


def print_counts(statuses) -> dict[str, int]:
    """Print 'records read, ok, empty, failed' (they always add up) and return them."""
    counts = corpus.status_counts(statuses)
    console.print(
        f"records read: {counts['read']}  ok: {counts['ok']}  "
        f"empty: {counts['empty']}  failed: {counts['failed']}"
    )
    return counts


@app.command()
def report(
    paths: Paths,
    out: Annotated[Path, typer.Option("-o", "--out", help="Folder to write the report into.")] = Path("reports"),
    text_column: TextColumn = "text",
    encoding: Encoding = None,
) -> None:
    """Run everything on PATHS and write the tables into one folder.

    Example: extractor report data/sample -o reports
    """
    articles = corpus.read_corpus(paths, reader_options(text_column, encoding))
    print_counts(articles["status"].astype(str))
    for suffix in (".parquet", ".csv"):
        write_table(articles, out / f"articles{suffix}")
    failed = articles[articles["status"] == "failed"]
    for row in failed.itertuples():
        console.print(f"[yellow]failed[/] {row.source} record {row.record}: {row.error}")
    console.print(f"wrote {out}/articles.parquet, {out}/articles.csv")


def main() -> None:
    """Entry point: library errors become one clear line and a non-zero exit, no traceback."""
    try:
        app()
    except ExtractorError as exc:
        console.print(f"[red]error:[/] {exc}")
        raise SystemExit(2) from None


if __name__ == "__main__":
    main()
