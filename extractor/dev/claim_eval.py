"""Scores the checks on hand-made claim sets (tests/gold/claims/*.jsonl).

Each passage and its mutated copy go through the public API; detection = expected-inconsistent
texts that get an inconsistent/contradicted verdict, confirmation = expected-consistent texts
with at least one consistent/supported verdict and no flag.
    .venv/bin/python -m extractor.dev.claim_eval tests/gold/claims [--split dev|heldout|all]
"""
from __future__ import annotations

import argparse
import json
from collections import defaultdict
from pathlib import Path

import extractor

FLAGS = {"inconsistent", "contradicted"}
GOOD = {"consistent", "supported"}


def verdicts(text: str, published: str) -> set[str]:
    mentions = extractor.extract_text(text, published=published)
    claims = extractor.build_claims(mentions)
    checks = extractor.check(claims)
    return set(checks["verdict"].astype(str)) if len(checks) else set()


def judged_as(expected: str, got: set[str]) -> bool:
    if expected == "inconsistent":
        return bool(got & FLAGS)
    return bool(got & GOOD) and not got & FLAGS


def score(folder: Path, split: str = "dev") -> dict:
    tally = defaultdict(lambda: {"detect": [0, 0], "confirm": [0, 0]})
    for path in sorted(folder.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            rec = json.loads(line)
            if split != "all" and rec["split"] != split:
                continue
            key = (path.stem, rec["split"])
            for text, expected in ((rec["text"], rec["expected_original"]),
                                   (rec["mutated_text"], rec["expected_mutated"])):
                cell = tally[key]["detect" if expected == "inconsistent" else "confirm"]
                cell[1] += 1
                cell[0] += judged_as(expected, verdicts(text, rec["published"]))
    return dict(tally)


def main(argv=None) -> None:
    p = argparse.ArgumentParser()
    p.add_argument("folder", type=Path)
    p.add_argument("--split", default="dev", choices=["dev", "heldout", "all"])
    a = p.parse_args(argv)
    for (name, split), t in sorted(score(a.folder, a.split).items()):
        d, c = t["detect"], t["confirm"]
        print(f"{name:18} {split:8} detection {d[0]}/{d[1]}  confirmation {c[0]}/{c[1]}")


if __name__ == "__main__":
    main()
