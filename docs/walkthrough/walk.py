"""Walk a whole year on a fresh workspace in the real window (run under xvfb-run, fresh HOME).

    docs/walkthrough/run.sh [OUT] [PARTS]   (xvfb-run, a fresh HOME, 1366×768)
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from PySide6.QtWidgets import QApplication  # noqa: E402

from driver import Walk  # noqa: E402

OUT = Path(sys.argv[1] if len(sys.argv) > 1 else "build/walk")
PARTS = sys.argv[2].split(",") if len(sys.argv) > 2 else ["all"]


def main() -> int:
    import steps  # noqa: PLC0415

    app = QApplication(sys.argv[:1])
    walk = Walk(OUT)
    walk.log(f"HOME={os.environ.get('HOME')}")
    walk.start(steps.script(walk, PARTS))
    from unionperf.cli import main as cli_main  # noqa: PLC0415

    code = cli_main([])
    walk.log(f"window exited with {code}")
    # Second start: the same HOME opens the last workspace directly.
    if "restart" in PARTS or "all" in PARTS:
        walk.start(steps.second_start(walk))
        code = cli_main([])
        walk.log(f"second start exited with {code}")
    del app
    return 1 if walk.failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
