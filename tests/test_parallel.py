"""The per-article work in worker processes gives the rows of one process, in the same order."""

import pandas as pd

from extractor import api


def test_two_workers_equal_one_on_the_sample():
    _, one = api.read(["data/sample"], ner=False, workers=1)
    _, two = api.read(["data/sample"], ner=False, workers=2)
    assert len(one) > 100
    pd.testing.assert_frame_equal(one, two)


def test_the_cli_with_two_workers_writes_what_one_writes(tmp_path):
    """The whole pipeline (model included) through `extractor extract --workers N`."""
    import subprocess
    import sys

    texts = sorted((__import__("pathlib").Path(__file__).parent / "gold" / "outlets" / "texts").glob("A0*.txt"))
    for n in (1, 2):
        subprocess.run([sys.executable, "-m", "extractor.cli", "extract", *map(str, texts), "-o",
                        str(tmp_path / f"m{n}.parquet"), "-q", "--workers", str(n)], check=True)
    one, two = (pd.read_parquet(tmp_path / f"m{n}.parquet") for n in (1, 2))
    assert len(one) > 50 and one["measured"].ne("").any()  # the model ran: measured is filled
    pd.testing.assert_frame_equal(one, two)
