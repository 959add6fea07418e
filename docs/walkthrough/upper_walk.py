"""Walk a season as an upper-level finance officer in the real window (docs/walkthrough-upper.md).

    docs/walkthrough/run_upper.sh [OUT]    (xvfb-run, a fresh HOME, 1366×768)

Two walks in one process: ``demo`` opens the demo upper workspace (``unionperf demo --upper``)
and looks at every page and tab; ``empty`` starts the program with no workspace at all, goes
through the first-run wizard as 上级工会, registers a unit from the ``.pub`` its demo workspace
exported, receives the folder of its packages, sets a deadline, reviews the self-evaluation
with an opinion, returns it, aggregates and writes a paramepackage with an indicator and a
deadline added on the page. ``PREP`` (a folder made by run_upper.sh) holds the unit's ``.pub``,
its key id and its packages on a "USB stick", and the demo upper workspace.

The file and folder pickers and the passphrase box are replaced by answers (the grassroots walk
in docs/walkthrough.md goes through Qt's own dialogs); every other click and keystroke is the
user's, on the real widgets.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from PySide6.QtWidgets import QApplication  # noqa: E402

from driver import Walk  # noqa: E402

OUT = Path(sys.argv[1] if len(sys.argv) > 1 else "build/walk-upper")
PREP = Path(os.environ["WALK_PREP"])
PARTS = sys.argv[2].split(",") if len(sys.argv) > 2 else ["demo", "empty"]


def main() -> int:
    import upper_steps  # noqa: PLC0415

    app = QApplication(sys.argv[:1])
    walk = Walk(OUT)
    walk.log(f"HOME={os.environ.get('HOME')} PREP={PREP}")
    upper_steps.answer_pickers(PREP)
    from unionperf.cli import main as cli_main  # noqa: PLC0415

    if "demo" in PARTS:
        walk.start(upper_steps.demo_walk(walk, PREP))
        code = cli_main(["gui", "--workspace", str(PREP / "demo-upper")])
        walk.log(f"demo window exited with {code}")
    if "empty" in PARTS:
        walk.start(upper_steps.empty_walk(walk, PREP))
        code = cli_main([])
        walk.log(f"new upper window exited with {code}")
    del app
    return 1 if walk.failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
