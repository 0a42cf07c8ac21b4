"""``dossier``, ``report`` and ``ledger``: a dossier's journey and papers, the statistics,
the tracking book."""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import sys
from pathlib import Path
from typing import Any

from isoqms.cli.audit import entry_json, print_entries
from isoqms.cli.common import Commands, Context, emit_json, parse_at, parse_date
from isoqms.domain.journey import Action, SupplementRule, resumed_note


def _detail_json(d: Any) -> dict[str, Any]:
    def when(value: dt.datetime | None) -> str | None:
        return value.strftime("%Y-%m-%d %H:%M") if value else None

    return {
        "code": d.code,
        "state": d.state.value,
        "state_label": d.state.label,
        "procedure": d.procedure_code,
        "procedure_name": d.procedure_name,
        "field": d.field,
        "applicant": d.applicant,
        "channel": d.channel,
        "received_at": when(d.received_at),
        "appointment": when(d.appointment),
        "due_at": when(d.due_at),
        "new_appointment": when(d.promised_at),
        "holder": d.holder_username,
        "paused_at": when(d.paused_at),
        "result_at": when(d.result_at),
        "outcome": d.outcome.value if d.outcome else None,
        "returned_at": when(d.returned_at),
        "returned_to": d.returned_to,
        "rating": d.rating.value if d.rating else None,
        "book": d.book,
        "number": d.book_number,
        "events": [
            {
                "action": e.action,
                "at": when(e.at),
                "actor": e.actor,
                "from": e.giver,
                "to": e.receiver or e.to_name,
                "step": e.step,
                "reason": e.reason,
                "new_appointment": when(e.new_appointment),
                "due_after": when(e.due_after),
                "rule": (
                    SupplementRule.of_event(e.rule).value
                    if e.action == Action.SUPPLEMENT_RECEIVED.value
                    else None
                ),
                "outcome": e.outcome,
                "state": e.state_after,
                "backdated": e.backdated,
                "letter": e.letter,
            }
            for e in d.events
        ],
    }


def _print_detail(d: Any) -> None:
    print(f"{d.code}  {d.state.label}")
    print(f"  {d.procedure_code} {d.procedure_name}")
    print(f"  Người nộp: {d.applicant}; tiếp nhận {d.received_at:%H:%M %d/%m/%Y}")
    print(f"  Hẹn trả: {d.due_at:%H:%M %d/%m/%Y}", end="")
    print(f"; hẹn lại {d.promised_at:%H:%M %d/%m/%Y}" if d.promised_at else "")
    if d.holder:
        print(f"  Đang giữ: {d.holder}")
    if d.outcome:
        print(f"  Kết quả: {d.result_at:%H:%M %d/%m/%Y} — {d.outcome.label}")
    for e in d.events:
        who = f" → {e.receiver or e.to_name}" if (e.receiver or e.to_name) else ""
        mark = " (ghi muộn)" if e.backdated else ""
        extra = f" — {e.reason}" if e.reason else ""
        if e.action == Action.SUPPLEMENT_RECEIVED.value:
            extra += f" — {resumed_note(e.rule, e.due_after, e.due_before)}"
        print(f"    {e.at:%H:%M %d/%m/%Y}  {e.label}{who}{extra}  [{e.actor}]{mark}")


def cmd_dossier_show(ctx: Context) -> int:
    from isoqms.services import journey

    detail = journey.show(ctx.db, ctx.actor, ctx.args.code)
    if ctx.args.json:
        emit_json(_detail_json(detail))
    else:
        _print_detail(detail)
    return 0


def cmd_dossier_find(ctx: Context) -> int:
    from isoqms.services import journey

    found = journey.find(ctx.db, ctx.actor, ctx.args.query, limit=ctx.args.limit)
    if ctx.args.json:
        emit_json(
            [
                {
                    "code": f.code,
                    "applicant": f.applicant,
                    "id_number": f.id_number,
                    "phone": f.phone,
                    "procedure": f.procedure_code,
                    "procedure_name": f.procedure,
                    "received_at": f.received_at.strftime("%Y-%m-%d %H:%M"),
                    "state": f.state.value,
                    "state_label": f.state.label,
                    "appointment": f.appointment.strftime("%Y-%m-%d %H:%M"),
                    "matched": f.matched,
                }
                for f in found
            ]
        )
    else:
        for f in found:
            print(
                f"{f.code}  {f.received_at:%d/%m/%Y}  {f.state.label:<22} {f.applicant}"
                + (f"  {f.phone}" if f.phone else "")
                + f"  — {f.procedure_code} {f.procedure}"
            )
    if not found:
        print(f"isoqms: không tìm thấy hồ sơ nào khớp “{ctx.args.query}”.", file=sys.stderr)
        return 1
    return 0


def cmd_dossier_trace(ctx: Context) -> int:
    from isoqms.services.auditor import trace

    t = trace(ctx.db, ctx.actor, ctx.args.code)
    if ctx.args.json:
        emit_json(
            {
                "code": t.code,
                "procedure": t.detail.procedure_code,
                "procedure_name": t.detail.procedure_name,
                "received_at": t.detail.received_at,
                "state": t.detail.state.value,
                "procedure_revision": t.procedure_revision,
                "procedure_revision_effective": t.procedure_revision_effective,
                "procedure_revision_hash": t.procedure_revision_hash,
                "procedure_revision_hash_ok": t.procedure_revision_hash_ok,
                "process_document": t.process_document,
                "form_revision": t.form_revision,
                "form_name": t.form_name,
                "form_effective": t.form_effective,
                "prints": [dataclasses.asdict(p) for p in t.prints],
                "events": [entry_json(e) for e in t.events],
            }
        )
        return 0
    d = t.detail
    print(f"Hồ sơ {t.code} — {d.procedure_code} {d.procedure_name}")
    print(f"  Tiếp nhận: {d.received_at:%H:%M ngày %d/%m/%Y}; tình trạng: {d.state.label}")
    ok = "khớp" if t.procedure_revision_hash_ok else "KHÔNG KHỚP"
    print(
        f"  Nội dung thủ tục: bản {t.procedure_revision}, hiệu lực từ "
        f"{t.procedure_revision_effective:%d/%m/%Y}, mã băm {t.procedure_revision_hash} ({ok})"
        + (f", phê duyệt qua {t.process_document}" if t.process_document else "")
    )
    print(f"  Biểu mẫu tiếp nhận: {t.form_revision} {t.form_name}".rstrip())
    print(f"  Các lần in ({len(t.prints)}):")
    for p in t.prints:
        when = p.printed_at.replace(tzinfo=dt.UTC).astimezone().strftime("%d/%m/%Y %H:%M")
        state = "nguyên vẹn" if p.intact else "TỆP BỊ THAY ĐỔI HOẶC MẤT"
        print(
            f"    {when}  {p.printed_by:<12} {p.form_revision:<22} {p.paper:<5} "
            f"{'in lại' if p.reprint else 'in lần đầu':<10} {p.sha256}  {state}"
        )
    print(f"  Nhật ký ({len(t.events)} sự kiện):")
    print_entries(t.events)
    return 0


def cmd_dossier_action(ctx: Context) -> int:
    from isoqms.domain.journey import Action, parse_rating
    from isoqms.services import journey

    args = ctx.args
    data = journey.ActionInput(
        at=args.at,
        to_user=getattr(args, "to_user", "") or "",
        to_name=getattr(args, "to_name", "") or "",
        reason=getattr(args, "reason", "") or "",
        new_appointment=getattr(args, "new_appointment", None),
        rating=parse_rating(args.rating) if getattr(args, "rating", None) else None,
        comment=getattr(args, "comment", "") or "",
        complaint=bool(getattr(args, "complaint", False)),
        override=getattr(args, "override", "") or "",
    )
    detail = journey.act(ctx.db, ctx.actor, args.code, Action(args.action), data)
    if args.json:
        emit_json(_detail_json(detail))
    else:
        print(f"{detail.code}: {detail.state.label}")
        if Action(args.action) is Action.APOLOGIZE and detail.promised_at is not None:
            letter = detail.events[-1].letter
            print(
                f"Hẹn trả mới: {detail.promised_at:%H:%M %d/%m/%Y}; văn bản xin lỗi số "
                f"{letter} — in: isoqms dossier print {detail.code} --kind apology --out FILE.pdf"
            )
    return 0


def cmd_dossier_print(ctx: Context) -> int:
    from isoqms.services import dossier_papers, printing
    from isoqms.services.exports import save

    args = ctx.args
    _printed, digest = printing.deliver(
        ctx.db,
        ctx.actor,
        lambda: dossier_papers.printout(ctx.db, ctx.actor, args.code, args.kind, paper=args.paper),
        lambda pdf: save(Path(args.out), pdf),  # a file that cannot be written is never logged
        purpose="save",
    )
    print(f"Đã ghi {args.out}; SHA-256 {digest}.")
    return 0


def cmd_report(ctx: Context) -> int:
    from isoqms.services import statistics
    from isoqms.services.exports import export_report

    args = ctx.args
    if bool(args.json) == bool(args.out):
        print("isoqms: report cần đúng một trong hai: --json hoặc --out TỆP.", file=sys.stderr)
        return 2
    period = statistics.Period.custom(args.date_from, args.date_to)
    result = statistics.report(ctx.db, ctx.actor, period, args.by)
    if args.json:
        emit_json(result.to_dict())
        return 0
    export_report(ctx.db, ctx.actor, result, Path(args.out))
    print(f"Đã ghi báo cáo {period.label} vào {args.out}.")
    return 0


def cmd_ledger(ctx: Context) -> int:
    from isoqms.services import ledger
    from isoqms.services.exports import export_ledger

    args = ctx.args
    f = ledger.LedgerFilter(
        year=args.year,
        book=args.book,
        state=args.state,
        field=args.field,
        procedure=args.procedure,
        date_from=args.date_from,
        date_to=args.date_to,
        channel=args.channel,
    )
    count = export_ledger(ctx.db, ctx.actor, f, Path(args.out))
    print(f"Đã ghi {count} hồ sơ của sổ {args.book:02d}/{args.year} vào {args.out}.")
    return 0


def register(commands: Commands, common: argparse.ArgumentParser) -> None:
    dossier = commands.add_parser("dossier", help="hồ sơ: xem, chuyển, trả kết quả").add_subparsers(
        dest="dossier_command", metavar="ACTION", required=True
    )
    p = dossier.add_parser("show", help="xem hồ sơ và quá trình giải quyết", parents=[common])
    p.add_argument("code")
    p.set_defaults(run=cmd_dossier_show)
    p = dossier.add_parser(
        "find",
        help="tìm hồ sơ theo mã (hoặc mấy số cuối), họ tên, điện thoại, số giấy tờ",
        parents=[common],
    )
    p.add_argument("query", metavar="QUERY")
    p.add_argument("--limit", type=int, default=50, metavar="N")
    p.set_defaults(run=cmd_dossier_find)
    at_help = "thời điểm đã qua (ghi muộn), được ghi nhật ký"
    actions = {
        "handover": "chuyển hồ sơ cho người khác",
        "request-supplement": "yêu cầu công dân bổ sung (tạm dừng tính thời gian)",
        "supplement-received": "nhận hồ sơ bổ sung (tính tiếp thời gian)",
        "result-ready": "ghi nhận đã có kết quả",
        "return": "trả kết quả cho công dân",
        "apologize": "văn bản xin lỗi và hẹn lại ngày trả",
        "stop": "dừng giải quyết hồ sơ (lãnh đạo)",
        "cancel": "hủy hồ sơ (công dân rút)",
    }
    for action, text in actions.items():
        p = dossier.add_parser(action, help=text, parents=[common])
        p.add_argument("code")
        p.add_argument("--at", type=parse_at, metavar='"YYYY-MM-DD HH:MM"', help=at_help)
        p.set_defaults(run=cmd_dossier_action, action=action)
        if action == "handover":
            p.add_argument("--to", dest="to_user", required=True, metavar="USER")
        if action in ("request-supplement", "stop", "cancel"):
            p.add_argument("--reason", required=True, metavar="TEXT")
        if action == "apologize":
            p.add_argument(
                "--new-appointment", type=parse_at, required=True, metavar='"YYYY-MM-DD HH:MM"'
            )
            p.add_argument("--reason", required=True, metavar="TEXT")
            p.add_argument(
                "--override",
                metavar="LÝ DO",
                help="lãnh đạo cho phép hẹn lại ngoài quy định (quá muộn, lần thứ hai): lý do",
            )
        if action == "return":
            p.add_argument("--to", dest="to_name", metavar="NAME", help="người nhận kết quả")
            p.add_argument(
                "--rating", metavar="MỨC", help="Không hài lòng | Hài lòng | Rất hài lòng"
            )
            p.add_argument("--comment", metavar="TEXT")
            p.add_argument("--complaint", action="store_true", help="có phản ánh, kiến nghị")
    p = dossier.add_parser(
        "trace", help="truy vết: bản thủ tục, biểu mẫu, các lần in, nhật ký", parents=[common]
    )
    p.add_argument("code")
    p.set_defaults(run=cmd_dossier_trace)
    p = dossier.add_parser(
        "print", help="in phiếu kiểm soát, văn bản xin lỗi, thông báo dừng", parents=[common]
    )
    p.add_argument("code")
    p.add_argument("--kind", choices=["control", "apology", "stop"], default="control")
    p.add_argument("--out", required=True, metavar="FILE.pdf")
    p.add_argument("--paper", choices=["a5", "a4", "80mm"])
    p.set_defaults(run=cmd_dossier_print)

    p = commands.add_parser("report", help="thống kê kết quả giải quyết", parents=[common])
    p.add_argument("--from", dest="date_from", type=parse_date, required=True, metavar="YYYY-MM-DD")
    p.add_argument("--to", dest="date_to", type=parse_date, required=True, metavar="YYYY-MM-DD")
    p.add_argument("--by", choices=["field", "procedure"])
    p.add_argument("--out", metavar="FILE.xlsx|FILE.docx")
    p.set_defaults(run=cmd_report)

    p = commands.add_parser("ledger", help="xuất Sổ theo dõi hồ sơ", parents=[common])
    p.add_argument("--year", type=int, required=True, metavar="YYYY")
    p.add_argument("--book", type=int, default=1, metavar="N")
    p.add_argument("--out", required=True, metavar="FILE.xlsx|FILE.pdf")
    p.add_argument(
        "--state",
        choices=[
            "received", "in_process", "waiting_supplement", "result_ready", "returned",
            "stopped", "cancelled",
        ],
    )  # fmt: skip
    p.add_argument("--field", metavar="LĨNH VỰC")
    p.add_argument("--procedure", metavar="CODE")
    p.add_argument("--from", dest="date_from", type=parse_date, metavar="YYYY-MM-DD")
    p.add_argument("--to", dest="date_to", type=parse_date, metavar="YYYY-MM-DD")
    p.add_argument("--channel", choices=["direct", "online", "postal"])
    p.set_defaults(run=cmd_ledger)
