"""Command-line interface: the same services as the GUI, for scripts, admins and tests.

``isoqms [--db URL] [--user NAME] COMMAND …``. The acting user's password comes from
``ISOQMS_PASSWORD`` or a prompt; a new password (``user add``, ``user reset-password``)
from ``ISOQMS_NEW_PASSWORD`` or a prompt. Exit codes: 0 success, 1 refused or failed
(one line on stderr), 2 bad usage.

One module per area registers its sub-commands beside their handlers (``register``);
this module only builds the top level and runs what was asked — in a process of its own
(the ``isoqms`` script, ``python -m isoqms``) or called as ``main(argv)``.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import os
import sys
from collections.abc import Sequence

from isoqms import __version__, faults
from isoqms.cli import (
    audit,
    backup,
    calendar,
    catalogue,
    documents,
    dossiers,
    intake,
    iso,
    setup,
    sign,
)
from isoqms.cli.common import Context
from isoqms.domain.errors import IsoqmsError

#: The areas in the order ``isoqms --help`` lists their commands.
AREAS = (setup, calendar, catalogue, intake, documents, iso, dossiers, audit, backup, sign)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="isoqms",
        description="isoqms — tài liệu ISO và bộ phận một cửa cấp xã.",
    )
    parser.add_argument("--version", action="version", version=f"isoqms {__version__}")
    parser.add_argument("--db", metavar="URL", help="cơ sở dữ liệu (URL hoặc đường dẫn tệp SQLite)")
    parser.add_argument("--user", metavar="NAME", help="người dùng thực hiện lệnh")
    parser.add_argument("--json", action="store_true", help="kết quả dạng JSON")

    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--json", action="store_true", default=argparse.SUPPRESS, help="kết quả dạng JSON"
    )

    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for area in AREAS:
        area.register(commands, common)
    return parser


@functools.cache
def _parser() -> argparse.ArgumentParser:
    """The parser, built once per process: parsing leaves it as it was, and building its
    hundred-odd sub-commands costs some 50 ms — paid on every call when a process runs
    many commands (``main(argv)`` in the tests, a script)."""
    return build_parser()


def one_line(message: str) -> str:
    """``message`` on one line, with nothing a terminal would act on: a value it quotes
    may hold line breaks or control characters (an escape sequence, a NUL)."""
    if message.isprintable():
        return message
    return "".join(_shown(ch) for ch in message)


def _shown(ch: str) -> str:
    if ch.isprintable():
        return ch
    if ch in "\t\n\r":
        return " "
    return f"\\x{ord(ch):02x}" if ord(ch) < 0x100 else f"\\u{ord(ch):04x}"


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command: 0 done, 1 refused or failed (one line on stderr), 2 bad usage.

    No traceback reaches the user: a known error prints its sentence; anything else is a
    fault of the program, logged with its details to the data folder (``isoqms.faults``)
    while stderr gets one line saying so — never the exception's text, which may hold
    private data."""
    faults.install()
    args = _parser().parse_args(argv)
    ctx = Context(args)
    try:
        return int(args.run(ctx))
    except IsoqmsError as exc:
        _say(exc.message)
        return 1
    except KeyboardInterrupt:
        _say("đã huỷ.")
        return 1
    except BrokenPipeError:
        _quiet_stdout()  # the reader went away (``| head``): nothing more to say
        return 1
    except Exception as exc:
        _say(faults.report(exc, where=" ".join(_command(args))))
        return 1
    finally:
        ctx.close()


def _say(message: str) -> None:
    with contextlib.suppress(OSError, ValueError):  # no stderr left to write to
        print(f"isoqms: {one_line(message)}", file=sys.stderr)


def _command(args: argparse.Namespace) -> list[str]:
    """The command's words (never its values) for the log."""
    words = [str(args.command)]
    words += [str(v) for k, v in vars(args).items() if k.endswith("_command") and v]
    return words


def _quiet_stdout() -> None:
    """After a broken pipe, point stdout at nothing so that flushing it at exit does not
    raise again (the Python documentation's advice for SIGPIPE)."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass  # an in-memory stdout (tests) has no descriptor and needs nothing
