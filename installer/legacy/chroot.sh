#!/usr/bin/env bash
# Run a command inside a legacy root (installer/legacy/root.sh) with /proc, /dev, /sys and the
# checkout mounted, in a private mount namespace: every mount ends with the command.
#
#   installer/legacy/chroot.sh ROOT COMMAND [ARG...]
#
# The checkout is at /src inside the root (read-write: the bundle is built into it); the host's
# DNS settings and CA certificates are used inside, so apt and pip reach what the host reaches.
set -euo pipefail
[[ $# -ge 2 ]] || { echo "usage: installer/legacy/chroot.sh ROOT COMMAND [ARG...]" >&2; exit 2; }
root=$(cd "$1" && pwd)
shift
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
mkdir -p "$root/src" "$root/proc" "$root/dev" "$root/sys" "$root/tmp"
exec unshare --mount --propagation private -- bash -euc '
  root=$1 repo=$2
  shift 2
  mount -t proc proc "$root/proc"
  mount --rbind /dev "$root/dev"
  mount --rbind /sys "$root/sys"
  mount -t tmpfs tmpfs "$root/tmp"
  mount --bind "$repo" "$root/src"
  cp /etc/resolv.conf "$root/etc/resolv.conf" 2>/dev/null || true
  # The certificates this machine trusts (a proxy of the network may sign with its own).
  ca=/etc/ssl/certs/ca-certificates.crt
  cert=()
  if [[ -f $ca && -f $root$ca ]]; then
    mount --bind "$ca" "$root$ca"
    cert=("PIP_CERT=$ca") # pip trusts its own certifi bundle unless told
  fi
  exec env -i PATH=/opt/python3.11/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    HOME=/root LANG=C.UTF-8 TERM=dumb "${cert[@]}" chroot "$root" "$@"
' chroot-sh "$root" "$repo" "$@"
