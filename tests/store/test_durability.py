"""A process killed in the middle of writing leaves a sound workspace with every committed edit."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from unionperf.store.backup import integrity
from unionperf.store.repository import YearRepository
from unionperf.store.workspace import open_store

WRITER = textwrap.dedent(
    """
    import sys
    from decimal import Decimal
    from pathlib import Path
    from unionperf.domain.budget import BudgetLine
    from unionperf.store.repository import YearRepository
    from unionperf.store.workspace import open_store

    store = open_store(Path(sys.argv[1]))
    n = 0
    while True:
        n += 1
        with store.sessions.transaction() as session:
            repository = YearRepository(session)
            repository.save_budget_line(2024, BudgetLine("501", budget=Decimal(n)))
            repository.save_budget_line(2024, BudgetLine("502", budget=Decimal(n)))
        print(n, flush=True)   # reported only after the commit returned
    """
)


@pytest.mark.slow
@pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX")
def test_sigkill_mid_write_keeps_every_committed_edit(tmp_path: Path):
    root = tmp_path / "ws"
    store = open_store(root, create=True)
    with store.sessions.transaction() as session:
        YearRepository(session).ensure_year(2024)
    store.close()
    script = tmp_path / "writer.py"
    script.write_text(WRITER, encoding="utf-8")
    with subprocess.Popen(
        [sys.executable, str(script), str(root)], stdout=subprocess.PIPE, text=True
    ) as process:
        assert process.stdout is not None
        committed = 0
        for line in process.stdout:
            committed = int(line)
            if committed >= 150:
                break
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL
    assert integrity(root / "unionperf.sqlite") == "ok"
    store = open_store(root)
    try:
        with store.sessions.reading() as session:
            lines = {
                line.category_code: line.budget
                for line in YearRepository(session).load(2024).budget
            }
    finally:
        store.close()
    # every commit reported before the kill is there; the one in flight is all-or-nothing
    assert lines["501"] >= committed
    assert lines["501"] == lines["502"]
