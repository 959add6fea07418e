#!/usr/bin/env bash
# Make (once) a Debian 11 "bullseye" root with debootstrap: glibc 2.31, the base of 麒麟 Kylin V10
# (2.31) era systems and the closest to 统信 UOS 20 (2.28) that Debian's archive still serves.
#
#   installer/legacy/root.sh ROOT ARCH PACKAGE...
#
# ROOT      the folder of the root (under build/, which git ignores); kept between runs
# ARCH      Debian architecture: this machine's (amd64)
# PACKAGE   extra Debian packages of bullseye installed into the root
#
# The root is made only when ROOT/.unionperf-root (its package list) is missing or differs; a
# half-made root from an interrupted run is removed first. Needs root (debootstrap, chroot) and
# the Debian archive. Cost measured here: docs/legacy-systems.md.
set -euo pipefail

die() {
  echo "legacy-root: $*" >&2
  exit 1
}

[[ $# -ge 2 ]] || die "usage: installer/legacy/root.sh ROOT ARCH PACKAGE..."
root=$1
arch=$2
shift 2
suite=bullseye
mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
stamp=$root/.unionperf-root
want="$suite $arch $*"

if [[ -f $stamp && "$(cat "$stamp")" == "$want" ]]; then
  exit 0
fi
[ "$(id -u)" -eq 0 ] || die "debootstrap and chroot need root"
if ! command -v debootstrap >/dev/null 2>&1; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends debootstrap >/dev/null
fi
# Another architecture (arm64 through qemu-user-static) was not tried: docs/legacy-systems.md.
[[ $arch == "$(dpkg --print-architecture)" ]] || die "only this machine's architecture: $arch"

rm -rf "$root"
mkdir -p "$(dirname "$root")"
echo "legacy-root: debootstrap $suite/$arch into $root ($*)" >&2
include=$(IFS=,; echo "$*")
log=$root.log
if ! debootstrap --variant=minbase --arch="$arch" ${include:+--include="$include"} \
  "$suite" "$root" "$mirror" >"$log" 2>&1; then
  tail -n 20 "$log" >&2
  die "debootstrap failed (log: $log)"
fi
# apt inside the root: bullseye and its security updates, plus bookworm's sources (Python 3.11).
cat >"$root/etc/apt/sources.list" <<LIST
deb $mirror $suite main
deb ${mirror%/debian}/debian-security $suite-security main
deb-src $mirror bookworm main
LIST
cp /etc/resolv.conf "$root/etc/resolv.conf" 2>/dev/null || true
chroot "$root" apt-get clean
printf '%s\n' "$want" >"$stamp"
