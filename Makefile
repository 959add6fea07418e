# UnionPerf — every target sets up what it needs on a bare Debian machine first.
# `make run` starts the app, `make test` runs every check and test, `make bench` the benchmarks.
# `make bundle` builds dist/unionperf (PyInstaller), `make deb` the .deb, `make installer-check`
# compiles the Windows installer script; `make test` does all three and tests what they made.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: run test lint typecheck contracts pytest bench bench-17 screenshots system venv clean \
	bundle deb installer-check deb-legacy test-legacy legacy-if-built

run: system $(STAMP)
	$(BIN)/unionperf

test: system $(STAMP) lint typecheck contracts bundle deb installer-check pytest legacy-if-built

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

typecheck: $(STAMP)
	$(BIN)/mypy

contracts: $(STAMP)
	$(BIN)/lint-imports

# The tests marked `bundle` run the bundle and the .deb just built; they fail (not skip) when
# UNIONPERF_REQUIRE_BUNDLE is set and either is missing.
# The upper level's tests run a second time with its stores on PostgreSQL (a throw-away cluster
# in a temporary folder, tests/pg_cluster.py); UNIONPERF_REQUIRE_POSTGRESQL makes a missing
# PostgreSQL fail them instead of skipping. Tests that copy a workspace made once give each copy a
# clone of its database (tests/workspace_copies.py).
UPPER_TESTS := tests/services/test_upper_*.py tests/services/test_receive_*.py \
	tests/services/test_hostile_receive.py tests/services/test_register_book.py \
	tests/services/test_feedback_replay.py tests/test_cli_upper*.py tests/test_cli_season.py \
	tests/ui/test_upper_*.py
pytest: system $(STAMP)
	UNIONPERF_REQUIRE_BUNDLE=1 UNIONPERF_REQUIRE_POSTGRESQL=1 QT_QPA_PLATFORM=offscreen $(BIN)/pytest -q -m "not legacy"
	UNIONPERF_REQUIRE_POSTGRESQL=1 QT_QPA_PLATFORM=offscreen $(BIN)/pytest -q --postgresql $(UPPER_TESTS)

bench: system $(STAMP) bundle
	$(BIN)/python bench/run.py

# Issue 17's figures only, three runs in a row, with each figure's median and spread at the end
# (bench/run.py: UNIONPERF_BENCH_SET, UNIONPERF_BENCH_RUNS). Run it on an otherwise idle machine.
bench-17: system $(STAMP)
	UNIONPERF_BENCH_SET=issue17 UNIONPERF_BENCH_RUNS=3 $(BIN)/python bench/run.py

# The one-folder bundle dist/unionperf (installer/unionperf.spec), then its size and start-up
# against the virtualenv's (bench/bench_bundle.py, into build/bench.json).
bundle: system $(STAMP)
	$(BIN)/pyinstaller --noconfirm --clean --log-level WARN \
		--distpath dist --workpath build/pyinstaller installer/unionperf.spec
	$(BIN)/python bench/bench_bundle.py

# dist/unionperf_<version>_amd64.deb for Debian, 统信 UOS and 麒麟 Kylin, from the bundle.
deb: bundle
	bash installer/build-deb.sh dist/unionperf dist

# The .deb for older systems (麒麟 Kylin V10, 统信 UOS 20, Debian 11): the bundle is built inside
# a Debian 11 (bullseye, glibc 2.31) root with a Python 3.11 compiled there, into
# dist/legacy/unionperf_<version>_amd64.deb. Roots and that Python are kept under build/legacy
# (cold: debootstrap + compiling Python, see docs/legacy-systems.md; warm: PyInstaller only).
# Needs root (debootstrap, chroot) and Debian's archive.
LEGACY := build/legacy
LEGACY_BUILD_ROOT := $(LEGACY)/build-amd64
LEGACY_TEST_ROOT := $(LEGACY)/test-amd64
# What Qt's xcb plugin loads from the system (in the .deb's Depends, installer/deb/control.in).
QT_SYSTEM_LIBS := libegl1 libgl1 libfontconfig1 libglib2.0-0 libdbus-1-3 libxkbcommon0 \
	libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-randr0 \
	libxcb-render-util0 libxcb-shape0 libxcb-xfixes0 libxcb-xkb1 libx11-xcb1
LEGACY_BUILD_PACKAGES := build-essential libssl-dev zlib1g-dev libffi-dev libsqlite3-dev \
	libbz2-dev liblzma-dev uuid-dev ca-certificates xz-utils dpkg-dev $(QT_SYSTEM_LIBS)

deb-legacy: system
	bash installer/legacy/root.sh $(LEGACY_BUILD_ROOT) amd64 $(LEGACY_BUILD_PACKAGES)
	bash installer/legacy/chroot.sh $(LEGACY_BUILD_ROOT) bash /src/installer/legacy/build-python.sh
	bash installer/legacy/chroot.sh $(LEGACY_BUILD_ROOT) bash /src/installer/legacy/build-bundle.sh
	bash installer/build-deb.sh dist/legacy/unionperf dist/legacy

# dpkg -i of that .deb into a second, plain bullseye root (Qt's system libraries and Xvfb only),
# then its installed `selftest` there, offscreen and on Xvfb (tests/bundle/test_legacy_deb.py).
# `make test` calls it only when the roots are already built (legacy-if-built below).
test-legacy: $(STAMP) deb-legacy
	bash installer/legacy/root.sh $(LEGACY_TEST_ROOT) amd64 $(QT_SYSTEM_LIBS) libsqlite3-0 xvfb xauth
	UNIONPERF_REQUIRE_LEGACY=1 $(BIN)/pytest -q -m legacy tests/bundle/test_legacy_deb.py

# `make test` runs test-legacy when the legacy roots and their Python are already built under
# build/legacy (warm: PyInstaller, the .deb and the tests, 6-11 min here); cold it says so and
# leaves it to `make test-legacy` (24-41 min: a fresh clone, as CI is, would pay it every run).
legacy-if-built:
	@if [ -f $(LEGACY_BUILD_ROOT)/.unionperf-root ] && [ -f $(LEGACY_TEST_ROOT)/.unionperf-root ] \
		&& [ -f $(LEGACY_BUILD_ROOT)/opt/python3.11/.built-by ]; then \
		$(MAKE) test-legacy; \
	else \
		echo "legacy .deb (glibc 2.28) not tested: its roots are not built under $(LEGACY);" \
			"run 'make test-legacy' (cold 24-41 min, docs/legacy-systems.md)"; \
	fi

# Compile the NSIS installer script against the Linux bundle (proves the script is valid).
installer-check: bundle
	bash installer/installer-check.sh dist/unionperf build/installer/unionperf-setup.exe

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
	$(BIN)/python -m pip install --quiet -e ".[dev,bundle,postgresql]"
	@touch $(STAMP)

clean:
	rm -rf $(VENV) build dist .mypy_cache .ruff_cache
