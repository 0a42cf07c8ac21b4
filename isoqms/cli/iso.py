"""``iso``: the yearly ISO cycle — what the quality system owes to the law and the year."""

from __future__ import annotations

import argparse

from isoqms.cli.common import Commands, Context, emit_json, parse_date
from isoqms.domain import clock


def cmd_iso_legal_updates(ctx: Context) -> int:
    from isoqms.services.iso_cycle import pending_legal_updates

    day = ctx.args.as_of or clock.today()
    updates = pending_legal_updates(ctx.db, ctx.actor, day)
    if ctx.args.json:
        emit_json(
            [
                {
                    "document": u.document,
                    "title": u.title,
                    "external": u.external,
                    "external_title": u.external_title,
                    "changed_on": u.changed_on,
                    "what": u.what,
                    "due": u.due,
                    "overdue": u.overdue(day),
                    "label": u.label,
                }
                for u in updates
            ]
        )
        return 0
    if not updates:
        print("Không có quy trình nào phải cập nhật theo văn bản pháp luật đã thay đổi.")
    for u in updates:
        late = "  QUÁ HẠN" if u.overdue(day) else ""
        print(f"{u.document:<12} {u.label}{late}")
    return 0


def register(commands: Commands, common: argparse.ArgumentParser) -> None:
    iso = commands.add_parser("iso", help="chu kỳ ISO hằng năm").add_subparsers(
        dest="iso_command", metavar="ACTION", required=True
    )
    p = iso.add_parser(
        "legal-updates",
        help="quy trình phải cập nhật trong 3 tháng vì văn bản viện dẫn đã thay đổi",
        parents=[common],
    )
    p.add_argument("--as-of", type=parse_date, metavar="YYYY-MM-DD", help="như tại ngày này")
    p.set_defaults(run=cmd_iso_legal_updates)
