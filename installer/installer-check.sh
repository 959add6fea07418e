#!/usr/bin/env bash
# Compile the Windows installer script with Debian's makensis, warnings as errors.
#
#   installer/installer-check.sh BUNDLE OUTFILE
#
# BUNDLE   a one-folder bundle; the Linux one (dist/unionperf) is enough to check the script: the
#          installer copies the folder's contents whatever they are, and nothing at compile time
#          needs unionperf.exe (it only exists in the Windows bundle).
# OUTFILE  the installer to write, e.g. build/installer/unionperf-0.1.0-setup.exe
#
# VERSION comes from pyproject.toml, the icon from resources/icons/unionperf.ico (UNIONPERF_ICONS
# overrides the folder). The files are stored uncompressed (NOCOMPRESS: 2 s instead of 80 s with
# LZMA for the real bundle) unless INSTALLER_CHECK_COMPRESS=1. Installs nothing: makensis comes
# from the Debian package nsis (installer/system-packages.sh).
set -euo pipefail

die() {
  echo "installer-check: $*" >&2
  exit 1
}

[ $# -eq 2 ] || die "usage: installer/installer-check.sh BUNDLE OUTFILE"
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/.." && pwd)
icons=${UNIONPERF_ICONS:-$repo/resources/icons}

command -v makensis >/dev/null 2>&1 || die "makensis not found: install the Debian package nsis"
[ -d "$1" ] || die "bundle folder not found: $1 (run make bundle first)"
[ -d "$1/_internal" ] || die "$1/_internal is missing: not a PyInstaller 6 one-folder bundle"
[ -f "$icons/unionperf.ico" ] || die "icon missing: $icons/unionperf.ico"
version=$(sed -n 's/^version *= *"\([^"]*\)".*/\1/p' "$repo/pyproject.toml" | head -n 1)
[ -n "$version" ] || die "no version = \"…\" line in $repo/pyproject.toml"

# makensis changes into the script's folder: give it absolute paths.
bundle=$(cd "$1" && pwd)
mkdir -p "$(dirname "$2")"
outfile=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
rm -f "$outfile"

defines=("-DVERSION=$version" "-DBUNDLE=$bundle" "-DICON=$icons/unionperf.ico" "-DOUTFILE=$outfile")
stored="stored uncompressed"
if [ "${INSTALLER_CHECK_COMPRESS:-0}" != 1 ]; then defines+=("-DNOCOMPRESS"); else stored="LZMA"; fi

log=$(mktemp "${TMPDIR:-/tmp}/unionperf-makensis.XXXXXX")
trap 'rm -f "$log"' EXIT
if ! makensis -WX -V2 -INPUTCHARSET UTF8 "${defines[@]}" "$here/unionperf.nsi" >"$log" 2>&1; then
  cat "$log" >&2
  die "makensis failed on installer/unionperf.nsi (warnings count as errors)"
fi
[ "$(head -c 2 "$outfile" 2>/dev/null)" = "MZ" ] || die "makensis wrote no Windows executable: $outfile"
echo "installer-check: $outfile ($(du -h "$outfile" | cut -f 1)) compiled without warnings ($stored)"
