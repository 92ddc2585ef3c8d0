"""Both notebooks run top to bottom on the sample corpus (nbclient), and are stored without outputs.

A notebook's kernel is a process of its own, so each selected notebook is executed in the
background from the start of the run (``early_jobs``, conftest.py) and its test checks the result.
"""

from functools import partial
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

NOTEBOOKS = sorted((Path(__file__).resolve().parent.parent / "notebooks").glob("*.ipynb"))


def test_the_two_notebooks_are_there():
    assert {p.name for p in NOTEBOOKS} >= {"trends.ipynb", "factcheck.ipynb"}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_is_stored_without_outputs(path):
    notebook = nbformat.read(path, as_version=4)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, cell.source[:60]


def executed(path: Path):
    """The notebook at ``path``, run top to bottom in a fresh kernel."""
    notebook = nbformat.read(path, as_version=4)
    NotebookClient(notebook, timeout=600, kernel_name="python3",
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    return notebook


def early_jobs(item) -> dict:
    """The notebooks conftest.py starts executing when the tests start."""
    if getattr(item, "originalname", None) != "test_notebook_runs_top_to_bottom":
        return {}
    path = item.callspec.params["path"]
    return {("notebook", path): partial(executed, path)}


@pytest.mark.model
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_runs_top_to_bottom(path, early):
    notebook = early(("notebook", path), partial(executed, path))
    errors = [out for cell in notebook.cells if cell.cell_type == "code"
              for out in cell.outputs if out.output_type == "error"]
    assert not errors, errors
