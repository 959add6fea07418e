# UnionPerf — every target sets up what it needs on a bare Debian machine first.
# `make run` starts the app, `make test` runs every check and test, `make bench` the benchmarks.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: run test lint typecheck contracts pytest bench screenshots system venv clean

run: system $(STAMP)
	$(BIN)/unionperf

test: system $(STAMP) lint typecheck contracts pytest

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

typecheck: $(STAMP)
	$(BIN)/mypy

contracts: $(STAMP)
	$(BIN)/lint-imports

pytest: system $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/pytest -q

bench: system $(STAMP)
	$(BIN)/python bench/run.py

# One PNG per step and per chart of the window on the demo workspace, at 1366×768.
screenshots: system $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m unionperf.ui.screenshots build/screenshots

# Debian packages Qt, fonts, Xvfb and poppler need (docs/platform notes); installs only what is missing.
system:
	@bash installer/system-packages.sh

venv: $(STAMP)

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=24"
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	@touch $(STAMP)

clean:
	rm -rf $(VENV) build dist .mypy_cache .ruff_cache
