#!/usr/bin/env bash
# Install the Debian packages that Qt, the bundled font, Xvfb, poppler and the installer checks
# (makensis, desktop-file-validate) need, and PostgreSQL for the tests — only those missing.
# Called by `make run` and `make test`; a second run is instant.
set -euo pipefail
packages=(
  libegl1 libgl1 libfontconfig1 libglib2.0-0 libdbus-1-3 libxkbcommon0
  libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-randr0
  libxcb-render-util0 libxcb-shape0 libxcb-xfixes0 libxcb-xkb1 libx11-xcb1
  xvfb xauth poppler-utils poppler-data minisign age
  nsis desktop-file-utils
)
command -v dpkg-query >/dev/null 2>&1 || { echo "system-packages: not a Debian system; install Qt's libraries by hand" >&2; exit 0; }
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# PostgreSQL's server programs, for the tests' throw-away cluster (issue 15): any version will do,
# found through pg_config or Debian's /usr/lib/postgresql/*/bin.
pg_bindir="$(pg_config --bindir 2>/dev/null || true)"
if ! { [ -n "$pg_bindir" ] && [ -x "$pg_bindir/initdb" ]; } && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  missing+=(postgresql)
fi
[ ${#missing[@]} -eq 0 ] && exit 0
echo "system-packages: installing ${missing[*]}"
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
