"""Run the command line with ``python -m unionperf``."""

from unionperf.cli import main

raise SystemExit(main())
