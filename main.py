"""Start the isoqms desktop application (``python main.py --help``)."""

from isoqms.ui.app import main

if __name__ == "__main__":
    raise SystemExit(main())
