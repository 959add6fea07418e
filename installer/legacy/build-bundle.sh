#!/usr/bin/env bash
# Inside the bullseye build root (checkout at /src): the one-folder bundle, built by PyInstaller
# with the Python of build-python.sh and the project's pinned dependencies, into
# /src/dist/legacy/unionperf. Its binaries then need no glibc newer than bullseye's 2.31 (the
# .deb's Depends states the exact floor, found by installer/build-deb.sh).
#
# The build virtualenv /opt/unionperf-build is kept in the root and refreshed when
# pyproject.toml changes.
set -euo pipefail
venv=/opt/unionperf-build
stamp=$venv/.pyproject.sha256
cd /src
want=$(sha256sum pyproject.toml | cut -d' ' -f1)
if [[ ! -f $stamp || "$(cat "$stamp")" != "$want" ]]; then
  rm -rf "$venv"
  /opt/python3.11/bin/python3.11 -m venv "$venv"
  export PIP_DISABLE_PIP_VERSION_CHECK=1
  "$venv/bin/python" -m pip install --quiet --upgrade "pip>=24"
  # Binary wheels only (no compiler guesses): every one must be manylinux_2_28 or older.
  "$venv/bin/python" -m pip install --quiet --only-binary=:all: --no-binary=unionperf \
    -e "/src[bundle]"
  echo "$want" >"$stamp"
fi
# The build root's SQLite, libpng and libsystemd use glibc 2.29/2.30 symbols (exp, log, pow,
# gettid): the bundle leaves them to the system, whose copies the .deb's Depends bring
# (libsqlite3-0; libpng16-16 through libfontconfig1, libsystemd0 through libdbus-1-3).
export UNIONPERF_HOST_LIBRARIES="libsqlite3 libpng16 libsystemd"
"$venv/bin/pyinstaller" --noconfirm --clean --log-level WARN \
  --distpath dist/legacy --workpath build/legacy/pyinstaller installer/unionperf.spec
