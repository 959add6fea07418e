#!/usr/bin/env bash
# Inside the bullseye build root: build CPython 3.11 into /opt/python3.11 from the source of
# Debian 12's python3.11 package (the upstream tarball that Debian ships, fetched and verified by
# `apt-get source` against Debian's signed index), against bullseye's glibc 2.31 but bound to
# glibc 2.28's symbol versions (glibc-2.28.h), so the bundle also starts on 统信 UOS 20.
#
# A shared libpython (PyInstaller needs it) and no profile-guided optimisation (a build of
# minutes, not of an hour). Skipped when /opt/python3.11 was built by this version of the script.
set -euo pipefail
prefix=/opt/python3.11
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
stamp=$prefix/.built-by
want=$(cat "$here/build-python.sh" "$here/glibc-2.28.h" | sha256sum | cut -d' ' -f1)
if [[ -f $stamp && "$(cat "$stamp")" == "$want" ]]; then
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
work=$(mktemp -d /var/tmp/python-src.XXXXXX)
chmod 755 "$work" # apt-get source downloads as the user _apt
cd "$work"
apt-get source --download-only -qq python3.11 >/dev/null
tar -xf python3.11_*.orig.tar.*
cd Python-3.11*/
cp "$here/glibc-2.28.h" .
./configure --prefix="$prefix" --enable-shared --with-ensurepip=install \
  ac_cv_func_sem_clockwait=no CFLAGS_NODIST="-include $PWD/glibc-2.28.h" \
  LDFLAGS="-Wl,-rpath,$prefix/lib" >configure.log 2>&1 || { tail -n 30 configure.log; exit 1; }
make -j"$(nproc)" >make.log 2>&1 || { tail -n 30 make.log; exit 1; }
stage=$work/stage
make altinstall DESTDIR="$stage" >install.log 2>&1 || { tail -n 30 install.log; exit 1; }
rm -rf "$prefix.new"
mv "$stage$prefix" "$prefix.new"
cd /
rm -rf "$work"
# Nothing newer than glibc 2.28 may be left in the interpreter and its extension modules.
newer=$(find "$prefix.new" -name '*.so*' -type f -exec objdump -T {} + 2>/dev/null \
  | grep -oE 'GLIBC_2\.(29|[3-9][0-9])[^ ]* +[^ ]+$' | sort -u || true)
if [ -n "$newer" ]; then
  echo "build-python: symbols newer than glibc 2.28 remain:" >&2
  echo "$newer" >&2
  exit 1
fi
ln -sf python3.11 "$prefix.new/bin/python3"
rm -rf "$prefix"
mv "$prefix.new" "$prefix"
"$prefix/bin/python3.11" -c 'import ssl, sqlite3, ctypes, lzma, bz2, zlib, uuid, math; math.pow(2, 0.5)'
echo "$want" >"$stamp"
