"""Mutation test of the checks: do they notice a figure changed by 10% or more?

Takes every claim that a check of the sample corpus finds consistent (or supported), changes one
of its figures (every Claims row holding that mention, as if the article had said another
number) by a factor of 1 +- U(0.10, 0.50), rounded to the figure's written precision, re-runs
:func:`extractor.checks.factcheck.check`, and counts the claim as detected when a check resting on it
turns inconsistent or contradicted. A false alarm is a flagged check on claims the mutation did
not touch, other than the known real inconsistencies of the corpus (KNOWN_REAL), in the unmutated
run and in every mutated one.

    .venv/bin/python tests/mutation_check.py [PATHS...] [--rounds N] [--seed S]

(default: data/sample, 5 rounds of mutations per claim, seed 0). Prints the detection rate and
the false-alarm rate, the detection by check type, and apart, what the mutations do to the
claims whose checks only met a bound (a partial list within its total: unverifiable, so not
counted as consistent), with the detection rate that counting them too would give.
"""

from __future__ import annotations

import argparse
import math
import random
import sys
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent

from extractor.checks.factcheck import FLAGGED, WRITTEN_NUMBER, check, precision_step  # noqa: E402

# Sentences of the sample corpus whose figures really do not add up (238 + 595 != 733).
KNOWN_REAL = ("Centralized water supply facilities will be built in 238 villages",)


def is_known(sentences) -> bool:
    return any(k in s for s in sentences for k in KNOWN_REAL)


def mutated_value(value: float, rng: random.Random, text: str = "") -> float:
    """``value`` changed by 10-50% up or down, written to its own precision (``text``: the
    figure as printed, whose decimals count).

    >>> v = mutated_value(42500, random.Random(1)); abs(v / 42500 - 1) >= 0.1
    True
    """
    sign = rng.choice((-1, 1))
    factor = 1 + sign * rng.uniform(0.10, 0.50)
    step = precision_step(value, text) or 1.0
    new = round(value * factor / step) * step
    while abs(new / value - 1) < 0.1:  # rounding must not undo the change
        new += sign * step
    return float(new)


def rewritten(text: str, old: float, new: float) -> str:
    """The figure as printed with its number changed from ``old`` to ``new``, in the same style.

    >>> rewritten("$70.0 billion", 70e9, 77e9), rewritten("42,500", 42500, 51000), rewritten("doubled", 2, 2.4)
    ('$77.0 billion', '51,000', 'doubled')
    """
    token = WRITTEN_NUMBER.search(text)
    written = float(token.group(0).replace(",", "")) if token else 0.0
    if not written:
        return text
    decimals = len(token.group(1) or "")
    number = new * written / old
    shown = f"{number:,.{decimals}f}" if "," in token.group(0) else f"{number:.{decimals}f}"
    return text[:token.start()] + shown + text[token.end():]


def mutate(claims: pd.DataFrame, claim_id: str, rng: random.Random) -> tuple[pd.DataFrame, str] | None:
    """A copy of ``claims`` with one figure of claim ``claim_id`` changed (in every row holding
    it, value and printed text), and that mention's id; None when the claim has no finite figure."""
    row = claims.loc[claims.claim_id == claim_id].iloc[0]
    choices = [(i, v, t) for i, v, t in zip(row.mention_ids, row["values"], row["texts"])
               if v is not None and math.isfinite(v)]
    if not choices:
        return None
    mention_id, value, text = rng.choice(choices)
    new = mutated_value(value, rng, text)
    out = claims.copy()

    def changed(column: str, old):
        if column == "values":
            return new
        if column == "texts":
            return rewritten(old, value, new)
        return old * new / value if old is not None and math.isfinite(old) else old  # value_highs
    for column in ("values", "value_highs", "texts"):
        out[column] = [[changed(column, h) if i == mention_id else h for i, h in zip(ids, vals)]
                       for ids, vals in zip(out.mention_ids, out[column])]
    return out, mention_id


def bound_met(checks: pd.DataFrame) -> pd.Series:
    """Checks that only met a bound (a partial list within its total): unverifiable, with numbers."""
    return (checks.verdict == "unverifiable") & checks.expected.notna() & checks.observed.notna()


def mutation_rates(claims: pd.DataFrame, rounds: int = 1, seed: int = 0, reference=None) -> dict:
    """Detection and false-alarm rates of the checks on ``claims`` (see the module doc). The
    claims whose checks only met a bound are mutated too and reported apart (``bounds_*``):
    they are not consistent, so not in the detection rate, but a reader should see what the
    checks make of them."""
    base = check(claims, reference)
    ok = base[base.verdict.isin(("consistent", "supported"))]
    targets = list(dict.fromkeys(c for ids in ok.claim_ids for c in ids))
    bounded = [c for c in dict.fromkeys(c for ids in base[bound_met(base)].claim_ids for c in ids)
               if c not in targets]
    check_of = {c: sorted({k for ids, k in zip(ok.claim_ids, ok.check) if c in ids}) for c in targets}
    holders = {c: set(ids) for c, ids in zip(claims.claim_id, claims.mention_ids)}
    unexpected = [r for r in base.itertuples() if r.verdict in FLAGGED and not is_known(r.sentences)]
    false_alarms, judged_checks = len(unexpected), len(base)
    counts = {"detected": 0, "tried": 0, "bounds_detected": 0, "bounds_tried": 0}
    by_check: dict[str, tuple[int, int]] = {}
    for k in range(rounds):
        for n, claim_id in enumerate(targets + bounded):
            rng = random.Random(f"{seed}:{k}:{n}")
            done = mutate(claims, claim_id, rng)
            if done is None:
                continue
            mutated, mention_id = done
            touched = {c for c, ids in holders.items() if mention_id in ids}
            result = check(mutated, reference)
            mine = result[[bool(touched & set(ids)) for ids in result.claim_ids]]
            others = result[[not (touched & set(ids)) for ids in result.claim_ids]]
            hit = bool(mine.verdict.isin(FLAGGED).any())
            prefix = "" if claim_id in check_of else "bounds_"
            counts[prefix + "tried"] += 1
            counts[prefix + "detected"] += hit
            for name in check_of.get(claim_id, ()):
                d, t = by_check.get(name, (0, 0))
                by_check[name] = (d + hit, t + 1)
            false_alarms += sum(1 for r in others.itertuples() if r.verdict in FLAGGED and not is_known(r.sentences))
            judged_checks += len(others)

    def rate(d: int, t: int) -> float:
        return d / t if t else math.nan
    return {"claims": len(targets), "mutations": counts["tried"], "detected": counts["detected"],
            "detection_rate": rate(counts["detected"], counts["tried"]),
            "bounds_claims": len(bounded), "bounds_mutations": counts["bounds_tried"],
            "bounds_detected": counts["bounds_detected"],
            "bounds_detection_rate": rate(counts["bounds_detected"], counts["bounds_tried"]),
            "false_alarms": false_alarms, "checks_on_unmutated": judged_checks,
            "false_alarm_rate": rate(false_alarms, judged_checks),
            "by_check": {k: d / t for k, (d, t) in sorted(by_check.items())}}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="*", default=[str(ROOT / "data" / "sample")])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    import extractor

    claims = extractor.build_claims(extractor.extract(extractor.read_corpus(args.paths)))
    rates = mutation_rates(claims, rounds=args.rounds, seed=args.seed)
    print(f"consistent checkable claims: {rates['claims']}  mutations: {rates['mutations']}")
    print(f"detection rate: {rates['detection_rate']:.3f} ({rates['detected']}/{rates['mutations']})")
    print(f"false-alarm rate on unmutated claims: {rates['false_alarm_rate']:.3f} "
          f"({rates['false_alarms']}/{rates['checks_on_unmutated']} checks)")
    for name, rate in rates["by_check"].items():
        print(f"  detection, claims with a {name} check: {rate:.3f}")
    both = rates["detected"] + rates["bounds_detected"], rates["mutations"] + rates["bounds_mutations"]
    print(f"not counted above, claims whose checks only met a bound (unverifiable): {rates['bounds_claims']}  "
          f"mutations: {rates['bounds_mutations']}  flagged: {rates['bounds_detected']}")
    print(f"detection counting those too: {both[0] / both[1]:.3f} ({both[0]}/{both[1]})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
