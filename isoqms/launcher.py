"""One program for both faces of isoqms, as the one-folder build ships it: with a command
(``isoqms init --demo``, ``isoqms intake receive …``) it is the command line; without one
(``isoqms``, ``isoqms --db FILE``, ``isoqms --smoke-test``) it opens the window."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

#: What makes it the command line rather than the window.
_CLI_FLAGS = frozenset({"-h", "--help", "--version"})


def commands() -> frozenset[str]:
    """The command line's command words (``init``, ``intake``, ``dossier``…)."""
    from isoqms.cli import build_parser

    for action in build_parser()._actions:
        if isinstance(action, argparse._SubParsersAction):
            return frozenset(action.choices)
    return frozenset()


def is_command_line(argv: Sequence[str]) -> bool:
    words = commands()
    return any(arg in words or arg in _CLI_FLAGS for arg in argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if is_command_line(args):
        from isoqms.cli import main as command_line

        return command_line(args)
    from isoqms.ui.app import main as window

    return window(args)


if __name__ == "__main__":
    raise SystemExit(main())
