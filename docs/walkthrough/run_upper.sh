#!/bin/sh
# Walk a season as an upper-level finance officer under Xvfb at 1366x768 (docs/walkthrough-upper.md).
#   docs/walkthrough/run_upper.sh [OUT] [PARTS]   OUT defaults to build/walk-upper; PARTS: demo,empty
# First, with the command line, as the units would: a demo grassroots unit exports its public key
# and its 2024 packages onto a "USB stick"; the demo upper workspace is made. Then the window.
set -e
root="$(cd "$(dirname "$0")/../.." && pwd)"
out="${1:-build/walk-upper}"
home="$(mktemp -d)"
prep="$home/prep"
py="${PYTHON:-$root/.venv/bin/python}"
up() { PYTHONPATH="$root/src" "$py" -m unionperf "$@"; }
cd "$root"
rm -rf "$out"
mkdir -p "$prep"
UNIONPERF_PASSPHRASE='Danwei2026!示例' up demo --workspace "$prep/unit" >/dev/null
up key export --workspace "$prep/unit" --out "$prep/unit/华东精密机械工会.pub" >/dev/null
up key show --workspace "$prep/unit" | sed -n 's/^密钥编号（指纹）：//p' >"$prep/key-id.txt"
up key show --workspace "$prep/unit" | sed -n 's/^单位：.* //p' >"$prep/unit-code.txt"
for stage in targets self-evaluation; do
    UNIONPERF_PASSPHRASE='Danwei2026!示例' up export --workspace "$prep/unit" --year 2024 \
        --stage "$stage" --out "$prep/U盘/华东精密" >/dev/null
done
UNIONPERF_PASSPHRASE='Shangji2026!区总' up demo --workspace "$prep/demo-upper" --upper >/dev/null
for part in $(echo "${2:-demo,empty}" | tr ',' ' '); do
    mkdir -p "$home/$part"  # each walk its own HOME: the empty one starts with no settings
    xvfb-run -a -s "-screen 0 1366x768x24" env HOME="$home/$part" LANG="${WALK_LANG:-zh_CN.UTF-8}" \
        WALK_PREP="$prep" PYTHONPATH="$root/src" "$py" docs/walkthrough/upper_walk.py \
        "$out/$part" "$part"
done
echo "screenshots and walk.log in $out; the workspaces and the USB folder in $home"
