"""Both notebooks run top to bottom on the sample corpus (nbclient), are stored without outputs, and
show their charts: every chart cell (tagged ``chart``; every cell that draws a ``*_figure`` is) has
an ``image/png`` output once run.

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


def chart_cells(notebook) -> list:
    return [cell for cell in notebook.cells if "chart" in cell.metadata.get("tags", [])]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_every_cell_that_draws_is_tagged_a_chart(path):
    notebook = nbformat.read(path, as_version=4)
    drawing = [cell for cell in notebook.cells if cell.cell_type == "code" and "_figure(" in cell.source]
    assert all(cell in chart_cells(notebook) for cell in drawing), [c.source[:60] for c in drawing]


def test_the_trends_notebook_has_charts():
    assert len(chart_cells(nbformat.read(NOTEBOOKS[[p.name for p in NOTEBOOKS].index("trends.ipynb")],
                                         as_version=4))) >= 3


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
    for cell in chart_cells(notebook):
        images = [out for out in cell.outputs if "image/png" in out.get("data", {})]
        assert images, f"no image/png output: {cell.source[:80]!r} gave {[o.get('data', o).keys() for o in cell.outputs]}"
        texts = [out["data"].get("text/plain", "") for out in images]
        assert all(text.startswith("<") for text in texts)  # a Figure, shown as its picture
