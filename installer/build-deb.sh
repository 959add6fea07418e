#!/usr/bin/env bash
# Build the Debian package (统信 UOS, 麒麟 Kylin, Debian, Ubuntu) from a PyInstaller one-folder bundle.
#
#   installer/build-deb.sh BUNDLE OUT_DIR [VERSION]
#
# BUNDLE   the bundle folder (dist/unionperf: the executable `unionperf` and `_internal/`)
# OUT_DIR  where unionperf_<version>_<arch>.deb is written (created if missing)
# VERSION  default: [project] version in pyproject.toml; PEP 440 pre-releases become Debian ones
#          (0.2.0rc1 -> 0.2.0~rc1) so that they sort before the release
#
# Environment: UNIONPERF_ICONS overrides the icon folder (default resources/icons, which must hold
# hicolor/<N>x<N>/apps/unionperf.png for N = 16 … 512 and hicolor/scalable/apps/unionperf.svg);
# DEB_ARCH overrides the architecture (default: this machine's, as the bundle is native code);
# DEB_MAINTAINER the Maintainer field (default: a placeholder address, see docs/distribution.md);
# DEB_XZ_LEVEL the xz level, 0-9 (default 1: 17 s and 60 MB for the real bundle here, where the
# default 6 takes 60-95 s for 55 MB; use 9 for a release).
#
# Layout: /opt/unionperf (the bundle), /usr/bin/unionperf -> /opt/unionperf/unionperf, the desktop
# entry, the MIME type application/x-unionperf-package (*.upkg), hicolor icons, and the copyright
# file with the bundled font's licence. Prints the path of the .deb on the last line.
set -euo pipefail

die() {
  echo "build-deb: $*" >&2
  exit 1
}

[[ $# -ge 2 && $# -le 3 ]] || die "usage: installer/build-deb.sh BUNDLE OUT_DIR [VERSION]"
bundle=$1
out_dir=$2
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/.." && pwd)
icons=${UNIONPERF_ICONS:-$repo/resources/icons}
font_licence=$repo/resources/fonts/LICENSE-wqy-microhei.txt
icon_sizes=(16 24 32 48 64 128 256 512)

command -v dpkg-deb >/dev/null 2>&1 || die "dpkg-deb not found (Debian package dpkg)"
[ -d "$bundle" ] || die "bundle folder not found: $bundle (run make bundle first)"
[[ -f $bundle/unionperf && -x $bundle/unionperf ]] \
  || die "$bundle/unionperf is missing or not executable: not a Linux PyInstaller bundle"
[ -d "$bundle/_internal" ] || die "$bundle/_internal is missing: not a PyInstaller 6 one-folder bundle"
[ -d "$icons" ] || die "icon folder not found: $icons (expected resources/icons from the icon work)"
for n in "${icon_sizes[@]}"; do
  [ -f "$icons/hicolor/${n}x${n}/apps/unionperf.png" ] \
    || die "icon missing: $icons/hicolor/${n}x${n}/apps/unionperf.png"
done
[ -f "$icons/hicolor/scalable/apps/unionperf.svg" ] \
  || die "icon missing: $icons/hicolor/scalable/apps/unionperf.svg"
[ -f "$font_licence" ] || die "font licence missing: $font_licence"

if [ $# -eq 3 ]; then
  version=$3
else
  # The first `version = "…"` line of pyproject.toml is [project] version.
  version=$(sed -n 's/^version *= *"\([^"]*\)".*/\1/p' "$repo/pyproject.toml" | head -n 1)
  [ -n "$version" ] || die "no version = \"…\" line in $repo/pyproject.toml"
fi
# PEP 440 -> Debian: a pre-release or dev release sorts before the release with "~".
version=$(printf '%s' "$version" | sed -E 's/^([0-9][0-9.]*[0-9])\.?((a|b|rc|dev)[0-9]*)/\1~\2/')
[[ $version =~ ^[0-9][A-Za-z0-9.+~]*$ ]] || die "not a usable Debian version: $version"
arch=${DEB_ARCH:-$(dpkg --print-architecture)}
xz_level=${DEB_XZ_LEVEL:-1}
[[ $xz_level =~ ^[0-9]$ ]] || die "DEB_XZ_LEVEL must be a digit 0-9: $xz_level"
maintainer=${DEB_MAINTAINER:-UnionPerf developers <unionperf@localhost>}
maintainer_form='^[^|<>]+ <[^|<>]+>$'
[[ $maintainer =~ $maintainer_form ]] || die "DEB_MAINTAINER must look like: Name <address>"

# The newest glibc symbol version any bundled binary needs (PyInstaller bundles the build
# machine's libstdc++, libpython, …, never libc): dpkg then refuses a system too old for the
# bundle (UOS 20 and Debian 10 have glibc 2.28) instead of installing a program that cannot start.
glibc=$({ grep -raoh 'GLIBC_2\.[0-9][0-9.]*' "$bundle" || true; } | sed 's/^GLIBC_//; s/\.$//' | sort -Vu | tail -n 1)
libc=${glibc:+libc6 (>= $glibc), }

stage=$(mktemp -d "${TMPDIR:-/tmp}/unionperf-deb.XXXXXX")
trap 'rm -rf "$stage"' EXIT
root=$stage/root
umask 022

# The bundle, with its permissions; readable (and where executable, runnable) by every user.
mkdir -p "$root/opt/unionperf" "$root/usr/bin"
cp -a "$bundle/." "$root/opt/unionperf/"
chmod -R u+rwX,go+rX,go-w "$root/opt/unionperf"
# Absolute: the link crosses top-level folders (Debian policy 10.5).
ln -s /opt/unionperf/unionperf "$root/usr/bin/unionperf"

install -D -m 644 "$here/deb/unionperf.desktop" "$root/usr/share/applications/unionperf.desktop"
install -D -m 644 "$here/deb/unionperf-upkg.xml" "$root/usr/share/mime/packages/unionperf.xml"
for n in "${icon_sizes[@]}"; do
  install -D -m 644 "$icons/hicolor/${n}x${n}/apps/unionperf.png" \
    "$root/usr/share/icons/hicolor/${n}x${n}/apps/unionperf.png"
done
install -D -m 644 "$icons/hicolor/scalable/apps/unionperf.svg" \
  "$root/usr/share/icons/hicolor/scalable/apps/unionperf.svg"

doc=$root/usr/share/doc/unionperf
mkdir -p "$doc"
{
  echo "UnionPerf (工会预算绩效管理 · 基层单机版) $version"
  echo
  echo "Copyright: UnionPerf developers. License: proprietary."
  echo
  echo "The program in /opt/unionperf bundles Python, Qt for Python (PySide6, LGPL-3.0) and other"
  echo "libraries with their licences as shipped by their authors, and the font WenQuanYi Micro Hei"
  echo "(文泉驿微米黑), whose copyright and licence follow."
  echo
  echo "------------------------------------------------------------------------------"
  cat "$font_licence"
} >"$doc/copyright"
# A native package's changelog (Debian format), dated SOURCE_DATE_EPOCH if set.
date=$(date -u -R ${SOURCE_DATE_EPOCH:+-d "@$SOURCE_DATE_EPOCH"})
printf 'unionperf (%s) unstable; urgency=medium\n\n  * Release %s.\n\n -- %s  %s\n' \
  "$version" "$version" "$maintainer" "$date" | gzip -9n >"$doc/changelog.gz"
chmod 644 "$doc/copyright" "$doc/changelog.gz"

installed_size=$(du -sk "$root" | cut -f 1)
mkdir -p "$root/DEBIAN"
sed -e "s|@VERSION@|$version|" -e "s|@ARCH@|$arch|" -e "s|@INSTALLED_SIZE@|$installed_size|" \
  -e "s|@MAINTAINER@|$maintainer|" -e "s/@LIBC@/$libc/" "$here/deb/control.in" >"$root/DEBIAN/control"
install -m 755 "$here/deb/postinst" "$root/DEBIAN/postinst"
install -m 755 "$here/deb/postrm" "$root/DEBIAN/postrm"

mkdir -p "$out_dir"
deb=$out_dir/unionperf_${version}_${arch}.deb
# xz, not zstd: the dpkg of UOS / Kylin / Debian 10 cannot read zstd members.
dpkg-deb -Zxz "-z$xz_level" --root-owner-group --build "$root" "$deb" >/dev/null
echo "$deb"
