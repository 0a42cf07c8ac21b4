"""``intake``: receiving a dossier and printing its slip."""

from __future__ import annotations

import argparse
from pathlib import Path

from isoqms.cli.common import Commands, Context, emit_json


def cmd_intake_receive(ctx: Context) -> int:
    from isoqms.domain.calendar import parse_received
    from isoqms.domain.dossier import Channel
    from isoqms.services import intake

    args = ctx.args
    draft = intake.IntakeDraft(
        procedure_code=args.procedure,
        applicant=intake.Applicant(
            name=args.applicant,
            id_number=args.id_number or "",
            phone=args.phone or "",
            email=args.email or "",
            address=args.address or "",
        ),
        channel=Channel(args.channel),
        received_at=parse_received(args.received) if args.received else None,
        note=args.note or "",
    )
    db = ctx.db
    view = intake.receive(db, ctx.actor, draft)
    if args.json:
        emit_json(
            {
                "code": view.code,
                "received_at": view.received_at.strftime("%Y-%m-%d %H:%M"),
                "effective_received_at": view.effective_received_at.strftime("%Y-%m-%d %H:%M"),
                "appointment": view.appointment.strftime("%Y-%m-%d %H:%M"),
                "book": view.book,
                "number": view.number,
                "procedure": view.procedure_code,
                "procedure_revision": view.revision_number,
                "form_revision": view.form_revision,
                "backdated": view.backdated,
            }
        )
    else:
        print(view.code)
    return 0


def cmd_intake_slip(ctx: Context) -> int:
    from isoqms.services import intake, printing
    from isoqms.services.exports import save

    out = Path(ctx.args.out)
    if ctx.args.sign:
        from isoqms.cli.common import read_secret
        from isoqms.services.token_signing import signed_slip

        pin = read_secret("ISOQMS_PIN", "Mã PIN của thiết bị ký số của đơn vị: ")
        signed, digest, cert = signed_slip(
            ctx.db,
            ctx.actor,
            ctx.args.code,
            pin,
            paper=ctx.args.paper,
            output=lambda pdf: save(out, pdf),
        )
        note = " (bản in lại)" if signed.reprint else ""
        print(f"Đã ghi {out}{note}, ký số bởi {cert.label}; SHA-256 {digest}.")
        return 0
    printed, digest = printing.deliver(
        ctx.db,
        ctx.actor,
        lambda: intake.receipt_printout(ctx.db, ctx.actor, ctx.args.code, paper=ctx.args.paper),
        lambda pdf: save(out, pdf),  # a file that cannot be written is never logged
        purpose="save",
    )
    note = " (bản in lại)" if printed.reprint else ""
    print(f"Đã ghi {out}{note}; SHA-256 {digest}.")
    return 0


def register(commands: Commands, common: argparse.ArgumentParser) -> None:
    intake_parser = commands.add_parser("intake", help="tiếp nhận hồ sơ")
    intake_actions = intake_parser.add_subparsers(
        dest="intake_command", metavar="ACTION", required=True
    )
    p = intake_actions.add_parser("receive", help="tiếp nhận một hồ sơ", parents=[common])
    p.add_argument("--procedure", required=True, metavar="CODE")
    p.add_argument("--applicant", required=True, metavar="NAME")
    p.add_argument("--id-number", metavar="N")
    p.add_argument("--phone", metavar="P")
    p.add_argument("--address", metavar="A")
    p.add_argument("--email", metavar="E")
    p.add_argument("--channel", choices=["direct", "online", "postal"], default="direct")
    p.add_argument(
        "--received",
        metavar='"YYYY-MM-DD HH:MM"',
        help="thời điểm tiếp nhận đã qua (ghi lại phiếu viết tay), được ghi nhật ký",
    )
    p.add_argument("--note")
    p.set_defaults(run=cmd_intake_receive)
    p = intake_actions.add_parser(
        "slip", help="in Giấy tiếp nhận và hẹn trả kết quả ra PDF", parents=[common]
    )
    p.add_argument("code")
    p.add_argument("--out", required=True, metavar="FILE.pdf")
    p.add_argument("--paper", choices=["a5", "a4", "80mm"], default="a5")
    p.add_argument(
        "--sign",
        action="store_true",
        help="ký số bằng chứng thư của đơn vị (khi đơn vị bật; mã PIN từ ISOQMS_PIN hoặc hỏi)",
    )
    p.set_defaults(run=cmd_intake_slip)
