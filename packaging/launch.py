"""The one-folder build's entry point (packaging/isoqms.spec)."""

import multiprocessing

from isoqms.launcher import main

if __name__ == "__main__":
    multiprocessing.freeze_support()
    raise SystemExit(main())
