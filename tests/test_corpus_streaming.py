"""extractor.iter_articles streams: a feed dump of 200 MB is read in bounded memory.

The dump repeats the two sample dumps (18 real articles per copy) and is written in a streaming
way. The reading runs in a fresh subprocess that only consumes the stream, so its peak RSS
(``ru_maxrss``) measures the reader, not the test process.

Quote the figure with::

    .venv/bin/python tests/test_corpus_streaming.py --size-mb 200

which prints ``articles=N bytes=B peak_rss_mb=X seconds=S``.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

SAMPLE_DIR = Path(__file__).resolve().parent.parent / "data" / "sample"
SAMPLE_ARTICLES = 18  # 9 + 9 header lines in data/sample, counted by hand (tests/test_corpus.py)
PEAK_RSS_LIMIT_MB = 300

# Runs in the child: consume the stream, count, report. Nothing else is imported.
CONSUMER = """
import json, resource, sys, time
from extractor import iter_articles
baseline_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
start = time.perf_counter()
statuses = {}
for row in iter_articles(sys.argv[1]):
    statuses[row["status"]] = statuses.get(row["status"], 0) + 1
seconds = time.perf_counter() - start
peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KB on Linux
print(json.dumps({"statuses": statuses, "peak_rss_mb": peak_kb / 1024, "seconds": seconds,
                  "import_rss_mb": baseline_kb / 1024}))
"""


def write_dump(path: Path, size_mb: float) -> tuple[int, int]:
    """Write a feed dump of at least ``size_mb`` MB; returns (articles, bytes)."""
    copy = b"".join((SAMPLE_DIR / name).read_bytes() for name in sorted(p.name for p in SAMPLE_DIR.glob("*.txt")))
    if not copy.endswith(b"\n"):
        copy += b"\n"
    target = int(size_mb * 1024 * 1024)
    written = copies = 0
    with open(path, "wb") as out:
        while written < target:
            out.write(copy)
            written += len(copy)
            copies += 1
    return copies * SAMPLE_ARTICLES, written


def measure(path: Path) -> dict:
    """Read ``path`` with iter_articles in a fresh interpreter; its counts, peak RSS and time."""
    done = subprocess.run([sys.executable, "-c", CONSUMER, str(path)], capture_output=True, text=True,
                          timeout=1800, check=False)
    if done.returncode:
        raise RuntimeError(f"the reader subprocess failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.slow
def test_200_mb_feed_dump_streams_in_bounded_memory(tmp_path):
    articles, size = write_dump(tmp_path / "big.txt", 200)
    assert size >= 200 * 1024 * 1024
    result = measure(tmp_path / "big.txt")
    assert result["statuses"] == {"ok": articles}
    assert result["peak_rss_mb"] < PEAK_RSS_LIMIT_MB, result


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size-mb", type=float, default=200, help="size of the generated dump")
    parser.add_argument("--dir", type=Path, default=None, help="where to write it (default: a temp folder)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(dir=args.dir) as folder:
        path = Path(folder) / "big.txt"
        articles, size = write_dump(path, args.size_mb)
        result = measure(path)
    if result["statuses"] != {"ok": articles}:
        sys.exit(f"expected {articles} ok articles, read {result['statuses']}")
    print(f"articles={articles} bytes={size} peak_rss_mb={result['peak_rss_mb']:.1f} "
          f"seconds={result['seconds']:.1f}")


if __name__ == "__main__":
    main()
