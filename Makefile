# Set-up, demo, tests and benchmarks. `make demo` and `make test` are all a newcomer needs.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: setup demo test docs bench bench-compare-env browser libreoffice clean

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

# Debian's Chromium for the browser tests of the published site (skipped if already there).
browser:
	@command -v chromium >/dev/null 2>&1 || sh scripts/install-browser.sh

# Debian's LibreOffice Calc for the round-trip tests of the HR workbooks (skipped if already there).
libreoffice:
	@command -v soffice >/dev/null 2>&1 || sh scripts/install-libreoffice.sh

demo: setup
	$(BIN)/declarations demo --out demo-output

test: setup browser libreoffice
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/pytest -q

# The tables of finding codes in the docs, from checks/catalogue.py (tests/test_catalogue_docs.py checks them).
docs: setup
	$(BIN)/cog -r README.md docs/analysts.md checks/registry.py

# OpenSanctions' matcher for benchmarks/match_compare.py in its own virtualenv: it pins duckdb<2, we need >=2.
bench-compare-env: .venv-compare/.installed

.venv-compare/.installed: benchmarks/compare-requirements.txt
	$(PYTHON) -m venv .venv-compare
	.venv-compare/bin/python -m pip install --quiet --upgrade pip
	.venv-compare/bin/python -m pip install --quiet -r benchmarks/compare-requirements.txt
	touch $@

bench: setup bench-compare-env
	$(BIN)/python -m benchmarks.run

clean:
	rm -rf $(VENV) .venv-compare demo-output bench-data *.egg-info
