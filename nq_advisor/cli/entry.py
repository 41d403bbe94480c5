"""The console script's entry point: a Ctrl-C while the commands are still being imported
(the first few tenths of a second) ends quietly with exit 130, as one during a command does,
instead of printing Python's traceback of the import."""
from __future__ import annotations

import sys


def run() -> None:
    try:
        from nq_advisor.cli.main import main
    except KeyboardInterrupt:
        sys.stderr.write("\n")
        sys.exit(130)
    main()
