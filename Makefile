# Two-command quick start: `make report` and `make test`. Each bootstraps .venv from the
# hash-pinned lock file (spaCy's English model included), so a fresh clone needs only python3.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: report test test-all bench lock clean help

help:
	@echo "make report   build .venv and run the main job on data/sample into reports/"
	@echo "make test     build .venv and run the fast test suite"
	@echo "make test-all also run the slow tests (200 MB streaming memory check)"
	@echo "make bench    time the extractor beside quantulum3 and plain spaCy (about 1 minute)"
	@echo "make lock     re-resolve requirements.lock from pyproject.toml (needs network)"

$(STAMP): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

report: $(STAMP)
	$(BIN)/extractor report data/sample -o reports

test: $(STAMP)
	$(BIN)/python -m pytest -q

test-all: $(STAMP)
	$(BIN)/python -m pytest -q -m "slow or not slow"

# Timings depend on the machine, so this is a script that prints ratios, never a timed test.
bench: $(STAMP)
	$(BIN)/python tests/benchmark.py

# The model is pinned to its wheel's sha256 only (DESIGN.md), so no sdist can stand in for it.
lock:
	$(PYTHON) -m pip install --quiet uv
	$(PYTHON) -m uv pip compile pyproject.toml --extra dev --generate-hashes \
		--python-version 3.11 -o requirements.lock
	$(PYTHON) .ci/pin_model_hash.py

clean:
	rm -rf $(VENV) build *.egg-info
