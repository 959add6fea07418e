#!/usr/bin/env bash
# Regenerate the zh_CN catalogue from the window's sources and compile it (style.md §2.7).
#   installer/translations.sh           update resources/translations/unionperf_zh_CN.ts (existing
#                                       translations are kept, vanished strings dropped), then .qm
#   installer/translations.sh --qm      only compile the .ts into the .qm
# New strings arrive as type="unfinished": translate them (Qt Linguist: .venv/bin/pyside6-linguist)
# and run this again; tests/ui/test_translations.py fails until every message is translated.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bin="${UNIONPERF_VENV_BIN:-$root/.venv/bin}"
ts="$root/resources/translations/unionperf_zh_CN.ts"
qm="$root/resources/translations/unionperf_zh_CN.qm"
cd "$root"
if [[ "${1:-}" != "--qm" ]]; then
    mapfile -t sources < <(find src/unionperf/ui -name '*.py' | LC_ALL=C sort)
    "$bin/pyside6-lupdate" -silent -no-obsolete -locations relative \
        -source-language en -target-language zh_CN "${sources[@]}" -ts "$ts"
fi
"$bin/pyside6-lrelease" -silent "$ts" -qm "$qm"
# Qt's own strings that Qt's qtbase_zh_CN catalogue lacks (written by hand, never by lupdate)
extra="$root/resources/translations/qtbase_extra_zh_CN"
"$bin/pyside6-lrelease" -silent "$extra.ts" -qm "$extra.qm"
grep -c 'type="unfinished"' "$ts" | sed 's/^/unfinished messages: /' || true
