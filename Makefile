# Set-up, demo, tests and benchmarks. `make demo` and `make test` are all a newcomer needs.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: setup demo test bench browser clean

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

# Debian's Chromium for the browser tests of the published site (skipped if already there).
browser:
	@command -v chromium >/dev/null 2>&1 || sh scripts/install-browser.sh

demo: setup
	$(BIN)/declarations demo --out demo-output

test: setup browser
	$(BIN)/pytest -q

bench: setup
	$(BIN)/python -m benchmarks.run

clean:
	rm -rf $(VENV) demo-output bench-data *.egg-info
