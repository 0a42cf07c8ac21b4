"""``python -m isoqms.cli`` runs the command line, as ``python -m isoqms`` does."""

from isoqms.cli import main

raise SystemExit(main())
