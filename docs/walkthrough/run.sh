#!/bin/sh
# Walk a whole year in the real window under Xvfb at 1366x768 with a fresh HOME (docs/walkthrough.md).
#   docs/walkthrough/run.sh [OUT] [PARTS]     OUT defaults to build/walk/out; PARTS: all, budget,
#                                             targets, monitoring, evaluation, submit or excel
# Needs xvfb-run; PYTHON defaults to .venv/bin/python; WALK_LANG to zh_CN.UTF-8 (the users' locale).
set -e
root="$(cd "$(dirname "$0")/../.." && pwd)"
out="${1:-build/walk/out}"
home="$(mktemp -d)"
cd "$root"
rm -rf "$out"
# the user folders of a Chinese desktop (xdg-user-dirs-update writes them at the first login)
mkdir -p "$home/.config" "$home/文档"
echo 'XDG_DOCUMENTS_DIR="$HOME/文档"' > "$home/.config/user-dirs.dirs"
xvfb-run -a -s "-screen 0 1366x768x24" env HOME="$home" LANG="${WALK_LANG:-zh_CN.UTF-8}" \
    PYTHONPATH="$root/src" "${PYTHON:-$root/.venv/bin/python}" docs/walkthrough/walk.py "$out" "${2:-all}"
echo "screenshots and walk.log in $out; the workspace and the USB folder in $home"
