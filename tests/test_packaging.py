"""Packaging: spaCy finds ``figure_ruler`` through the ``spacy_factories`` entry point, so a saved
pipeline loads in a fresh interpreter that never imported extractor. ``make wheel-check`` runs
this file again against the built wheel installed in a fresh venv."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from importlib.metadata import entry_points
from pathlib import Path

import pytest

FACTORY = "extractor.extraction.component:make_figure_ruler"

LOAD_IN_FRESH_PROCESS = """
import json, sys
import spacy
assert not [m for m in sys.modules if m == "extractor" or m.startswith("extractor.")], "imported early"
nlp = spacy.load(sys.argv[1])
doc = nlp("Exports grew from $61.1 billion to $81.6 billion.")
print(json.dumps({"pipes": nlp.pipe_names,
                  "figures": [[s.text, s._.figure["value"], s._.figure["unit"]] for s in doc.spans["figures"]]}))
"""


def test_figure_ruler_is_a_spacy_factories_entry_point():
    found = entry_points(group="spacy_factories", name="figure_ruler")
    assert [ep.value for ep in found] == [FACTORY], (
        "no spacy_factories entry point for figure_ruler: reinstall (pip install -e .) after editing pyproject.toml")


def saved_pipeline_loaded_in_a_fresh_process() -> subprocess.CompletedProcess:
    """Save a blank pipeline with figure_ruler, then load and run it in a fresh interpreter."""
    import spacy

    folder = Path(tempfile.mkdtemp(prefix="extractor-pipeline-"))
    try:
        nlp = spacy.blank("en")
        nlp.add_pipe("figure_ruler")
        nlp.to_disk(folder / "pipeline")
        # -I: no PYTHONPATH, no script or working directory on sys.path, so nothing but the
        # installed package's entry point can bring the factory in.
        return subprocess.run([sys.executable, "-I", "-c", LOAD_IN_FRESH_PROCESS, str(folder / "pipeline")],
                              cwd=folder, capture_output=True, text=True, timeout=120)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def early_jobs(item) -> dict:
    """The fresh interpreter conftest.py starts when the tests start (it waits on a process)."""
    if getattr(item, "originalname", None) != "test_saved_pipeline_with_figure_ruler_loads_in_a_fresh_process":
        return {}
    return {("packaging", "fresh"): saved_pipeline_loaded_in_a_fresh_process}


def test_saved_pipeline_with_figure_ruler_loads_in_a_fresh_process(request):
    try:
        early = request.getfixturevalue("early")
    except pytest.FixtureLookupError:  # make wheel-check runs this file with --noconftest: run it now
        done = saved_pipeline_loaded_in_a_fresh_process()
    else:
        done = early(("packaging", "fresh"), saved_pipeline_loaded_in_a_fresh_process)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["pipes"] == ["figure_ruler"]
    assert result["figures"] == [["$61.1 billion", 61.1e9, "USD"], ["$81.6 billion", 81.6e9, "USD"]]
