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
import sys
from collections.abc import Sequence

from isoqms import __version__
from isoqms.cli import audit, backup, calendar, catalogue, documents, dossiers, intake, setup
from isoqms.cli.common import Context
from isoqms.domain.errors import IsoqmsError

#: The areas in the order ``isoqms --help`` lists their commands.
AREAS = (setup, calendar, catalogue, intake, documents, dossiers, audit, backup)


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


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    ctx = Context(args)
    try:
        return int(args.run(ctx))
    except IsoqmsError as exc:
        print(f"isoqms: {exc.message}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("isoqms: đã huỷ.", file=sys.stderr)
        return 1
    finally:
        ctx.close()
