"""``python -m isoqms`` runs the command-line interface."""

from isoqms.cli import main

raise SystemExit(main())
