"""The per-article work on a Dask cluster: one task per partition of the sources, each writing
its rows as one Parquet file, so the parts read in order are the single-process run's rows.

A partition is a run of consecutive files (one file each, unless two share a name: an article
id is the file's name and a hash of the text, and the same text twice under one name is told
apart by reading order, ``corpus.readers.unique_ids``, so such files are read by one task). Each
task reads its files and runs :func:`extractor.parallel.iter_mentions` in its worker, exactly as
``--workers 1`` does; the workers need the sources and the output folder at the same paths as the
client (a shared filesystem) and the package and model installed. Claims and checks are built
on the client once the parts are gathered (:func:`run`).

    from extractor.dask import extract_to_parquet
    parts = extract_to_parquet(["data/sample"], "out", client="local")   # or "tcp://host:8786"
    parts.mentions()   # out/mentions/part-00000.parquet, ... in order
"""

from __future__ import annotations

import shutil
from collections.abc import Iterable
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from . import parallel, pipeline
from .api import ACCOUNT_COLUMNS, DEFAULT_TEXT_COLUMN
from .checks.factcheck import check
from .claims.build import build_claims
from .corpus import readers
from .errors import ExtractorError
from .outputs import streaming
from .outputs.folder import written_atomically
from .tables import MENTIONS, Tables, internal_form

PART = "part-{:05d}.parquet"
# What a partition keeps of an article it wrote: enough to account for it and to date claims.
ACCOUNTED = ACCOUNT_COLUMNS + ("published", "published_from")


class DaskError(ExtractorError):
    """Dask is not installed, or its scheduler cannot be reached."""


# --------------------------------------------------------------------------- the cluster


@contextmanager
def connected(client=None, workers: int = 2):
    """A ``distributed.Client``: the one given, else ``"local"`` (or None) for a LocalCluster of
    ``workers`` processes on this machine (its ports, dashboards included, free ones of 127.0.0.1), else a scheduler
    address. A cluster started here is closed on exit."""
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError:
        raise DaskError("Dask is not installed; install it with: pip install 'extractor[dask]'") from None
    if client is not None and not isinstance(client, str):
        yield client
        return
    if client in (None, "local"):
        with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1",
                          dashboard_address="127.0.0.1:0", worker_dashboard_address="127.0.0.1:0") as cluster:
            with Client(cluster) as started:
                yield started
        return
    try:
        started = Client(client, timeout="10s")
    except (OSError, TimeoutError) as exc:
        raise DaskError(f"cannot reach the Dask scheduler at {client} ({exc}); start one with "
                        "`dask scheduler` and give its address, e.g. --dask tcp://host:8786") from None
    with started:
        yield started


# --------------------------------------------------------------------------- partitions


def partitions(files: list[Path]) -> list[list[Path]]:
    """Consecutive files, one partition each, except that files sharing a name (the article id's
    prefix) and every file between them go into one, so ids are numbered as one reader numbers them.

    >>> files = [Path("a/x.txt"), Path("y.txt"), Path("b/x.jsonl"), Path("z.txt")]
    >>> [[p.name for p in part] for part in partitions(files)]
    [['x.txt', 'y.txt', 'x.jsonl'], ['z.txt']]
    """
    parts: list[list[Path]] = []
    part_of: dict[str, int] = {}  # a file name -> the partition reading it
    for path in files:
        name = Path(readers.source_name(path)).name.split(".")[0]
        if name in part_of:
            first = part_of[name]
            parts[first:] = [[p for part in parts[first:] for p in part] + [path]]
            part_of = {n: min(i, first) for n, i in part_of.items()}
        else:
            parts.append([path])
            part_of[name] = len(parts) - 1
    return parts


@dataclass(frozen=True)
class Task:
    """What one partition's task needs: its files, how to read them, where to write."""

    number: int
    files: tuple[Path, ...]
    options: readers.ReaderOptions
    given: dict  # sidecar index fields by file, found over all the sources (readers.sidecars_of)
    indexes: frozenset
    run_date: object
    ner: bool
    rules: object
    keep_text: bool
    out: Path | None  # None: the task returns its frames instead of writing them


def partition_frames(task: Task) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(Articles, Mentions) of one partition, read and extracted as the single process does."""
    articles: list[dict] = []

    def seen(rows):
        for row in rows:
            articles.append(row if task.keep_text else
                            {k: row.get(k) for k in ACCOUNTED})
            yield row

    rows = readers.unique_ids(readers._dated_rows(list(task.files), task.given, task.indexes, task.run_date,
                                                  task.options))
    mentions = pipeline.mentions_frame(parallel.iter_mentions(seen(rows), task.ner, task.rules, workers=1))
    return readers.articles_frame(articles), mentions


def run_task(task: Task):
    """A partition's task: its frames, or (written to Parquet) the few columns that account for
    its records."""
    articles, mentions = partition_frames(task)
    if task.out is None:
        return articles, mentions
    name = PART.format(task.number)
    parquet = streaming.ParquetBatches  # the schema extract's Parquet has, even for an empty part
    with written_atomically(task.out / "mentions" / name) as partial:
        writer = parquet(partial, MENTIONS)
        writer.write(mentions)
        writer.close()
    with written_atomically(task.out / "articles" / name) as partial:
        articles.to_parquet(partial, index=False)
    return articles[list(ACCOUNTED)], len(mentions)


def tasks(paths, *, ner: bool, ruleset, text_column, encoding, published, date_format, keep_text,
          out: Path | None, limits: dict) -> list[Task]:
    options = readers.ReaderOptions(text_column=text_column or DEFAULT_TEXT_COLUMN, encoding=encoding,
                                    rules=ruleset, published=published, date_format=date_format, **limits)
    for _ in readers.iter_articles([], options):  # the options checked as the single process checks them
        pass
    run_date = readers.parse_date(published) if published else None
    files = readers.expand_sources(paths)
    given, indexes = readers.sidecars_of(files)
    return [Task(i, tuple(part), options, given, frozenset(indexes), run_date, ner, ruleset, keep_text, out)
            for i, part in enumerate(partitions(files))]


def compute(client, work: list[Task]) -> list:
    """Every task's result, in partition order, over a Dask bag of one task per partition."""
    import dask.bag as db

    bag = db.from_sequence(work, npartitions=max(1, len(work))).map(run_task)
    return client.compute(bag).result()


# --------------------------------------------------------------------------- the API


@dataclass(frozen=True)
class Parts:
    """The partitioned Parquet written: ``folder/mentions/part-*.parquet`` and
    ``folder/articles/part-*.parquet``, one of each per partition, in order."""

    folder: Path
    count: int
    accounts: pd.DataFrame  # every record read: ACCOUNT_COLUMNS, published, published_from
    figures: int

    def paths(self, table: str) -> list[Path]:
        return [self.folder / table / PART.format(i) for i in range(self.count)]

    def read(self, table: str, columns=None) -> pd.DataFrame:
        """The parts of ``table`` read in order, one frame (an articles part's all-empty column
        has no type of its own, so the parts are read one by one, not as one dataset)."""
        frames = [pd.read_parquet(p, columns=columns) for p in self.paths(table)]
        return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=columns)

    def mentions(self) -> pd.DataFrame:
        # the parts hold the public form (tables.py): read back, the engine's table
        return internal_form(self.read("mentions"), MENTIONS) if self.count else pipeline.mentions_frame([])

    def articles(self) -> pd.DataFrame:
        # typed again as the reader types them: a date column's unit does not survive Parquet
        return readers.articles_frame(self.read("articles").to_dict("records") if self.count else [])


def extract_to_parquet(paths: Iterable | str, out_dir: str | Path, client=None, *, workers: int = 2,
                       ner: bool = True, ruleset=None, text_column: str | None = None, encoding: str | None = None,
                       published: str | None = None, date_format: str | None = None, keep_text: bool = True,
                       **limits) -> Parts:
    """Read and extract ``paths`` on Dask into partitioned Parquet under ``out_dir`` (a new or
    empty folder): the parts in order are ``api.read``'s Articles and Mentions, row for row.
    ``client``: a ``distributed.Client``, a scheduler address, or "local"/None (a LocalCluster of
    ``workers`` processes). The other arguments are :func:`extractor.api.read`'s."""
    out = Path(out_dir).resolve()
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise ExtractorError(f"{out_dir}: give a new or empty folder for the partitioned Parquet")
    work = tasks(paths, ner=ner, ruleset=ruleset, text_column=text_column, encoding=encoding, published=published,
                 date_format=date_format, keep_text=keep_text, out=out, limits=limits)
    try:
        with connected(client, workers) as dask_client:
            results = compute(dask_client, work)
    except BaseException:
        shutil.rmtree(out / "mentions", ignore_errors=True)
        shutil.rmtree(out / "articles", ignore_errors=True)
        raise
    accounts = pd.concat([a for a, _ in results], ignore_index=True) if results else readers.articles_frame([])
    return Parts(out, len(work), accounts, sum(n for _, n in results))


def run(paths: Iterable | str, client=None, *, workers: int = 2, reference=None, ner: bool = True, ruleset=None,
        text_column: str | None = None, encoding: str | None = None, published: str | None = None,
        date_format: str | None = None, keep_text: bool = True, **limits) -> Tables:
    """:func:`extractor.api.run` with the per-article work on Dask: each partition's frames are
    gathered, in order, then the claims and checks are built from the whole tables."""
    work = tasks(paths, ner=ner, ruleset=ruleset, text_column=text_column, encoding=encoding, published=published,
                 date_format=date_format, keep_text=keep_text, out=None, limits=limits)
    with connected(client, workers) as dask_client:
        results = compute(dask_client, work)
    articles = readers.articles_frame(r for a, _ in results for r in a.to_dict("records")) if results \
        else readers.articles_frame([])
    mentions = pd.concat([m for _, m in results], ignore_index=True) if results else pipeline.mentions_frame([])
    claims = build_claims(mentions, ruleset)
    return Tables(articles, mentions, claims, check(claims, reference, ruleset, articles=articles))
