"""The per-article work in worker processes: the Mentions rows of a stream of articles, the same
rows in the same order whatever the number of workers.

Articles are cut into chunks of :data:`~extractor.pipeline.ARTICLES_PER_PARSE` (the unit the
pipeline parses together, and nothing crosses a chunk: each article's country and dates are its
own), each chunk goes to a worker that loaded the rules and the model once, and the chunks'
rows are yielded in the order the chunks were read.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor

from . import pipeline
from .ruleset.ruleset import RuleSet, RulesLike

_worker: dict = {}  # the rules of this worker process, read once


def default_workers() -> int:
    """The cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def _start(ruleset: RulesLike, ner: bool) -> None:
    _worker.update(ruleset=RuleSet.of(ruleset), ner=ner)


def _chunk_rows(chunk: list[dict]) -> list[dict]:
    return list(pipeline.iter_mentions(chunk, _worker["ner"], _worker["ruleset"]))


def iter_mentions(articles: Iterable[dict], ner: bool = True, ruleset: RulesLike = None,
                  workers: int | None = None) -> Iterator[dict]:
    """:func:`extractor.pipeline.iter_mentions` over ``workers`` processes (default: the cores;
    1: in this process). At most two chunks per worker are in flight, so a stream stays one."""
    workers = default_workers() if workers is None else max(1, workers)
    if workers == 1:
        yield from pipeline.iter_mentions(articles, ner, ruleset)
        return
    keep = ("article_id", "status", "title", "body", "published", "published_from")
    ok = ({k: a.get(k) for k in keep} for a in articles if a.get("status") == "ok")  # what a worker reads
    chunks = iter(lambda: list(itertools.islice(ok, pipeline.ARTICLES_PER_PARSE)), [])
    with ProcessPoolExecutor(workers, initializer=_start, initargs=(ruleset, ner)) as pool:
        pending = [pool.submit(_chunk_rows, c) for c in itertools.islice(chunks, 2 * workers)]
        while pending:
            rows = pending.pop(0).result()
            pending += [pool.submit(_chunk_rows, c) for c in itertools.islice(chunks, 1)]
            yield from rows
