"""``focalpoint``: with a command, the command line; without one, the window."""

from __future__ import annotations

import argparse
import multiprocessing
import sys


def main() -> int:
    # A frozen build starts itself again for the process that makes the next accepted
    # package's state (services/secretariat/consolidation): that start ends here.
    multiprocessing.freeze_support()
    args = sys.argv[1:]
    window_options = argparse.ArgumentParser(add_help=False)
    window_options.add_argument("--data-dir")
    window_options.add_argument("--lang")
    _known, rest = window_options.parse_known_args(args)
    if rest:
        try:
            from focalpoint.cli.main import main as cli_main

            return cli_main(args)
        except KeyboardInterrupt:  # Ctrl+C while the command line loads: nothing was begun
            return 130
    from focalpoint.app import main as app_main

    return app_main(args)


if __name__ == "__main__":
    sys.exit(main())
