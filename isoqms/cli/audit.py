"""``audit``: the log, its integrity, the register as of a day, evidence packs."""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import sys
from pathlib import Path
from typing import Any

from isoqms.cli.common import (
    Commands,
    Context,
    emit_json,
    parse_date,
    read_file,
    read_secret,
    write_file,
)


def entry_json(e: Any) -> dict[str, Any]:
    return {
        "seq": e.seq,
        "at": e.at.isoformat(timespec="microseconds") + "Z",
        "actor": e.actor,
        "action": e.action,
        "entity": e.entity,
        "entity_id": e.entity_id,
        "before": e.before,
        "after": e.after,
        "changes": [
            {
                "field": c.field,
                "before": c.before,
                "after": c.after,
                "label": c.label,
                "before_text": c.before_text,
                "after_text": c.after_text,
            }
            for c in e.changes
        ],
        "hash": e.hash,
        "action_label": e.action_label,
        "what": e.what,
        "who": e.who,
        "happened_at": e.happened_at.isoformat() if e.happened_at else None,
        "late": e.late,
    }


def _local(at: dt.datetime) -> str:
    return at.replace(tzinfo=dt.UTC).astimezone().strftime("%d/%m/%Y %H:%M")


def print_entries(entries: list[Any], lang: str = "vi") -> None:
    """Each event in words: when it happened (and when it was recorded, if later), who,
    what was done to what, and the fields it set."""
    late = "recorded late, at" if lang == "en" else "ghi muộn lúc"
    for e in entries:
        when = _local(e.at)
        if e.late and e.happened_at is not None:
            when = f"{e.happened_at:%d/%m/%Y %H:%M} ({late} {when})"
        print(f"{e.seq:>6}  {when}  {e.who}")
        print(f"        {e.action_label} — {e.what}")
        changed = "; ".join(
            f"{c.label}: "
            + (f"{c.before_text} → {c.after_text or '—'}" if c.before_text else c.after_text)
            for c in e.changes
        )
        if changed:
            print(f"        {changed}")


def cmd_audit_verify(ctx: Context) -> int:
    from isoqms.services import anchors
    from isoqms.services.integrity import verify

    against = anchors.load(ctx.args.against) if ctx.args.against is not None else None
    report = verify(ctx.db, against=against)
    if ctx.args.json:
        emit_json(
            {
                "ok": report.ok,
                "events": report.events,
                "files": report.files,
                "seconds": round(report.seconds, 3),
                "first_bad": dataclasses.asdict(report.problem) if report.problem else None,
                "rows": report.rows,
                "anchor": dataclasses.asdict(report.anchor) if report.anchor else None,
            }
        )
    else:
        print(report.summary())
    if not report.ok:
        if ctx.args.json:
            print(report.summary(), file=sys.stderr)
        return 1
    return 0


def cmd_audit_log(ctx: Context) -> int:
    from isoqms.services.auditor import TimelineFilter, timeline

    args = ctx.args
    if args.id and not args.entity:
        print("isoqms: --id cần đi cùng --entity LOẠI.", file=sys.stderr)
        return 2
    flt = TimelineFilter(
        kind=args.entity,
        key=args.id,
        date_from=args.date_from,
        date_to=args.date_to,
        person=args.actor,
        action=args.action,
        late_only=args.late,
    )
    # on screen and on paper the newest first; --json in the log's order, as it always was
    newest = not args.oldest_first and not args.json
    entries = timeline(ctx.db, ctx.actor, flt, lang=args.lang, newest_first=newest)
    if args.out:
        from isoqms.services.log_export import export_log

        out = Path(args.out)
        export_log(ctx.db, ctx.actor, entries, flt, out, lang=args.lang)
        if not args.json:
            print(f"Đã ghi {len(entries)} sự kiện của nhật ký vào {out}.")
    if args.json:
        emit_json([entry_json(e) for e in entries])
    elif not args.out:
        if not entries:
            print("Không có sự kiện nào khớp.")
        print_entries(entries, args.lang)
    return 0


def cmd_audit_as_of(ctx: Context) -> int:
    from isoqms.services.auditor import as_of

    result = as_of(ctx.db, ctx.actor, ctx.args.day)
    if ctx.args.json:
        emit_json(
            {
                "date": result.day.isoformat(),
                "documents": [
                    {
                        "code": d.code,
                        "title": d.title,
                        "kind": d.kind,
                        "issue": d.issue,
                        "amendment": d.amendment,
                        "effective_from": d.effective_from,
                    }
                    for d in result.documents
                ],
                "procedures": [dataclasses.asdict(p) for p in result.procedures],
            }
        )
        return 0
    print(f"Tài liệu có hiệu lực ngày {result.day:%d/%m/%Y}:")
    for d in result.documents:
        issue = f"{d.issue:02d}" + (f".{d.amendment}" if d.amendment else "")
        print(f"  {d.code:<22} lần {issue:<6} từ {d.effective_from:%d/%m/%Y}  {d.title}")
    print(f"Nội dung thủ tục áp dụng ngày {result.day:%d/%m/%Y}:")
    for p in result.procedures:
        print(
            f"  {p.code:<10} bản {p.revision:<3} từ {p.effective_from:%d/%m/%Y}  "
            f"{p.duration}  {p.name}"
        )
    return 0


def cmd_audit_pack(ctx: Context) -> int:
    from isoqms.services import evidence

    args = ctx.args
    out = Path(args.out)
    if out.suffix.lower() != ".zip":
        print("isoqms: --out phải là tệp .zip.", file=sys.stderr)
        return 2
    if args.code and (args.date_from or args.date_to):
        print("isoqms: chọn một: MÃ TÀI LIỆU hoặc --from/--to.", file=sys.stderr)
        return 2
    if args.code:
        data = evidence.document_pack(ctx.db, ctx.actor, args.code)
    elif args.date_from and args.date_to:
        data = evidence.period_pack(ctx.db, ctx.actor, args.date_from, args.date_to)
    else:
        print("isoqms: cần MÃ TÀI LIỆU, hoặc cả --from và --to cho một kỳ.", file=sys.stderr)
        return 2
    write_file(args.out, data)
    print(f"Đã lập hồ sơ chứng cứ {out} ({len(data) // 1024} KB).")
    print(evidence.PERSONAL_DATA_WARNING)
    return 0


def cmd_audit_verify_pack(ctx: Context) -> int:
    from isoqms.services import anchors
    from isoqms.services.evidence import verify_pack

    against = anchors.load(ctx.args.against) if ctx.args.against is not None else None
    check = verify_pack(read_file(ctx.args.file), against=against)
    if ctx.args.json:
        emit_json(dataclasses.asdict(check))
    else:
        print(check.summary())
    return 0 if check.ok else 1


def cmd_audit_checkpoint(ctx: Context) -> int:
    from isoqms.services import anchors

    args = ctx.args
    out = Path(args.out)
    pdf = Path(args.pdf) if args.pdf else None
    sign = None
    if args.sign:
        from isoqms.domain.errors import ValidationError
        from isoqms.services.signatures import sign_checkpoint, user_choice

        choice = user_choice(ctx.db, ctx.actor.user_id)
        if choice is None:
            raise ValidationError(
                "Chưa chọn thiết bị ký số: chạy “isoqms sign setup --library … --key …” trước."
            )
        pin = read_secret("ISOQMS_PIN", "Mã PIN của thiết bị ký số: ")

        def sign(anchor: Any) -> Any:
            return sign_checkpoint(anchor, choice, pin)

    anchor = anchors.save(ctx.db, ctx.actor, out, pdf, sign=sign)
    if args.json:
        emit_json(
            {
                "seq": anchor.seq,
                "hash": anchor.hash,
                "made_at": anchor.made_at,
                "file": str(out),
                "pdf": str(pdf) if pdf else None,
                "signed_by": anchor.signature.get("signer") if anchor.signature else None,
            }
        )
    else:
        print(f"Đã lập mốc kiểm tra: sự kiện số {anchor.seq}, mã băm {anchor.hash}.")
        print(f"Tệp mốc: {out}" + (f"; trang in: {pdf}" if pdf else ""))
        if anchor.signature:
            print(f"Mốc đã ký số bằng chứng thư của {anchor.signature.get('signer')}.")
        print(f"Kiểm tra về sau: isoqms audit verify --against {out}")
    return 0


AGAINST_HELP = (
    "mốc kiểm tra giữ bên ngoài: tệp mốc (.json), bản sao lưu, hoặc SỐ:MÃ-BĂM in trên trang mốc"
)


def register(commands: Commands, common: argparse.ArgumentParser) -> None:
    audit = commands.add_parser("audit", help="nhật ký kiểm tra").add_subparsers(
        dest="audit_command", metavar="ACTION", required=True
    )
    p = audit.add_parser("verify", help="kiểm tra chuỗi băm của nhật ký", parents=[common])
    p.add_argument("--against", metavar="CHECKPOINT", help=AGAINST_HELP)
    p.set_defaults(run=cmd_audit_verify)
    p = audit.add_parser(
        "checkpoint",
        help="lập mốc kiểm tra (giữ bên ngoài cơ sở dữ liệu, in kèm biên bản)",
        parents=[common],
    )
    p.add_argument("--out", required=True, metavar="FILE.json")
    p.add_argument("--pdf", metavar="FILE.pdf", help="thêm trang in (A4) của mốc, có mã QR")
    p.add_argument(
        "--sign",
        action="store_true",
        help="ký số mốc bằng thiết bị ký số đã chọn (mã PIN từ ISOQMS_PIN hoặc hỏi)",
    )
    p.set_defaults(run=cmd_audit_checkpoint)
    p = audit.add_parser("log", help="xem nhật ký", parents=[common])
    p.add_argument("--entity", metavar="KIND")
    p.add_argument("--id", metavar="ID")
    p.add_argument("--from", dest="date_from", type=parse_date, metavar="YYYY-MM-DD")
    p.add_argument("--to", dest="date_to", type=parse_date, metavar="YYYY-MM-DD")
    p.add_argument("--actor", metavar="USER")
    p.add_argument("--action", metavar="ACTION", help="hành động; “dossier.” = mọi hành động hồ sơ")
    p.add_argument("--late", action="store_true", help="chỉ những việc ghi muộn (ghi sau khi làm)")
    p.add_argument("--oldest-first", action="store_true", help="cũ trước (mặc định: mới trước)")
    p.add_argument("--lang", choices=["vi", "en"], default="vi", help="ngôn ngữ của lời ghi")
    p.add_argument(
        "--out", metavar="FILE.xlsx|FILE.pdf", help="ghi nhật ký đã lọc ra tệp Excel hoặc PDF"
    )
    p.set_defaults(run=cmd_audit_log)
    p = audit.add_parser(
        "as-of", help="tài liệu và nội dung thủ tục có hiệu lực tại một ngày", parents=[common]
    )
    p.add_argument("day", type=parse_date, metavar="YYYY-MM-DD")
    p.set_defaults(run=cmd_audit_as_of)
    p = audit.add_parser(
        "pack", help="lập hồ sơ chứng cứ (.zip) của tài liệu hoặc một kỳ", parents=[common]
    )
    p.add_argument("code", nargs="?", metavar="DOC_CODE")
    p.add_argument("--out", required=True, metavar="FILE.zip")
    p.add_argument("--from", dest="date_from", type=parse_date, metavar="YYYY-MM-DD")
    p.add_argument("--to", dest="date_to", type=parse_date, metavar="YYYY-MM-DD")
    p.set_defaults(run=cmd_audit_pack)
    p = audit.add_parser(
        "verify-pack", help="kiểm tra hồ sơ chứng cứ (không cần cơ sở dữ liệu)", parents=[common]
    )
    p.add_argument("file", metavar="FILE.zip")
    p.add_argument("--against", metavar="CHECKPOINT", help=AGAINST_HELP)
    p.set_defaults(run=cmd_audit_verify_pack)
