"""Run the command line with ``python -m unionperf``."""

import multiprocessing

# a frozen build's worker processes (forms export, receive --workers) start here
multiprocessing.freeze_support()

from unionperf.cli import main  # noqa: E402  (after the worker check, as multiprocessing asks)

raise SystemExit(main())
