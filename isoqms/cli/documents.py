"""``docs``: the controlled-document register, histories, exports, the process document."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from isoqms.cli.common import Commands, Context, emit_json, parse_date, read_file, write_file
from isoqms.domain import clock
from isoqms.domain.errors import ValidationError


def cmd_docs_list(ctx: Context) -> int:
    from isoqms.services import documents

    rows = documents.list_documents(ctx.db, ctx.actor, ctx.args.as_of)
    if ctx.args.json:
        emit_json(rows)
        return 0
    for r in rows:
        issue = f"{r.issue}.{r.amendment}" if r.issue is not None else "—"
        since = f"{r.effective_from:%d/%m/%Y}" if r.effective_from else ""
        print(f"{r.code:<16} {issue:>5} {since:<10} {r.standing_label:<26} {r.title}")
    return 0


def cmd_docs_history(ctx: Context) -> int:
    from isoqms.services import documents

    rows = documents.history(ctx.db, ctx.actor, ctx.args.code, ctx.args.as_of)
    if ctx.args.json:
        emit_json(rows)
        return 0
    for r in rows:
        since = f"{r.effective_from:%d/%m/%Y}" if r.effective_from else "—"
        print(
            f"Lần {r.issue}.{r.amendment}  {r.standing_label}  hiệu lực từ {since}  "
            f"— {r.change_summary}"
        )
        for s in r.signatures:
            print(
                f"    {s.meaning_label:<10} {s.full_name:<24} {s.signed_at:%d/%m/%Y %H:%M} "
                f"{s.content_hash[:16]}…"
            )
        for note in r.periodic_notes:
            print(f"    Kết luận xem xét định kỳ: {note}")
        if r.withdrawn_on is not None:
            print(f"    Thu hồi từ {r.withdrawn_on:%d/%m/%Y}: {r.review_comment}")
    return 0


def cmd_docs_register(ctx: Context) -> int:
    from isoqms.render import registers as render
    from isoqms.services import documents

    out = Path(ctx.args.out)
    writers = {".xlsx": render.to_xlsx, ".docx": render.to_docx, ".pdf": render.to_pdf}
    writer = writers.get(out.suffix.lower())
    if writer is None:
        raise ValidationError("Tệp xuất phải có đuôi .docx, .xlsx hoặc .pdf.")
    data = writer(documents.registers(ctx.db, ctx.actor, ctx.args.as_of))
    write_file(ctx.args.out, data)
    print(f"Đã ghi danh mục tài liệu vào {out}.")
    return 0


def cmd_docs_import_folder(ctx: Context) -> int:
    from isoqms.services.document_import import import_folder

    count = import_folder(ctx.db, ctx.actor, Path(ctx.args.dir), ctx.args.effective)
    print(f"Đã nhập {count} tài liệu, hiệu lực từ {ctx.args.effective:%d/%m/%Y}.")
    return 0


def cmd_docs_generate(ctx: Context) -> int:
    from isoqms.services.process_documents import process_document, revision_numbered

    revision = (
        revision_numbered(ctx.db, ctx.actor, ctx.args.code, ctx.args.revision)
        if ctx.args.revision is not None
        else None
    )
    if Path(ctx.args.out).suffix.lower() != ".docx":
        raise ValidationError("Quy trình được ghi ra tệp Word: tên tệp phải có đuôi .docx.")
    data = process_document(ctx.db, ctx.actor, ctx.args.code, revision)
    write_file(ctx.args.out, data)
    print(f"Đã ghi quy trình {ctx.args.code} vào {ctx.args.out}.")
    return 0


def cmd_docs_withdraw(ctx: Context) -> int:
    from isoqms.services.document_reviews import withdraw

    row = withdraw(ctx.db, ctx.actor, ctx.args.code, on=ctx.args.effective, reason=ctx.args.reason)
    if ctx.args.json:
        emit_json(row)
        return 0
    on = ctx.args.effective or clock.today()
    print(
        f"Đã thu hồi {row.code} lần {row.issue}.{row.amendment} từ ngày {on:%d/%m/%Y}; "
        "các bản đã phân phối cần thu hồi."
    )
    return 0


def _revision_done(ctx: Context, row: Any, done: str) -> int:
    if ctx.args.json:
        emit_json(row)
        return 0
    print(f"{done}: {row.code} lần {row.issue}.{row.amendment} — {row.standing_label}.")
    return 0


def cmd_docs_start(ctx: Context) -> int:
    from isoqms.services import documents

    row = documents.start_revision(
        ctx.db,
        ctx.actor,
        ctx.args.code,
        change_summary=ctx.args.summary,
        places_changed=ctx.args.places or "",
        amendment=ctx.args.amendment,
    )
    return _revision_done(ctx, row, "Đã mở dự thảo")


def cmd_docs_attach(ctx: Context) -> int:
    from isoqms.services import documents, process_documents

    rev = documents.open_revision(ctx.db, ctx.actor, ctx.args.code)
    if ctx.args.generated == (ctx.args.file is not None):
        raise ValidationError("Chọn một: đường dẫn tệp cần đính kèm, hoặc --generated.")
    if ctx.args.generated:
        attached = process_documents.attach_generated(ctx.db, ctx.actor, rev.id)
    else:
        name = Path(ctx.args.file).name
        attached = documents.attach_file(ctx.db, ctx.actor, rev.id, name, read_file(ctx.args.file))
    if attached.warning:
        print(attached.warning, file=sys.stderr)
    row = documents.revision_row(ctx.db, rev.id)
    return _revision_done(ctx, row, f"Đã đính kèm {row.file_name}")


def cmd_docs_submit(ctx: Context) -> int:
    from isoqms.services import documents

    rev = documents.open_revision(ctx.db, ctx.actor, ctx.args.code)
    documents.check_submit(ctx.db, ctx.actor, rev.id)
    row = documents.submit(ctx.db, ctx.actor, rev.id, ctx.password)
    return _revision_done(ctx, row, "Đã ký soạn thảo, gửi xem xét")


def cmd_docs_approve(ctx: Context) -> int:
    from isoqms.services import documents

    rev = documents.open_revision(ctx.db, ctx.actor, ctx.args.code)
    row = documents.approve(
        ctx.db,
        ctx.actor,
        rev.id,
        ctx.password,
        effective_from=ctx.args.effective,
        comment=ctx.args.comment or "",
    )
    return _revision_done(ctx, row, f"Đã phê duyệt, hiệu lực từ {ctx.args.effective:%d/%m/%Y}")


def cmd_docs_send_back(ctx: Context) -> int:
    from isoqms.services import documents

    rev = documents.open_revision(ctx.db, ctx.actor, ctx.args.code)
    if not ctx.args.comment.strip():
        raise ValidationError("Chưa ghi ý kiến cho người soạn thảo.")
    if any(s.meaning == "reviewed" for s in rev.signatures):
        row = documents.approve(
            ctx.db,
            ctx.actor,
            rev.id,
            ctx.password,
            accept=False,
            comment=ctx.args.comment,
            effective_from=clock.today(),
        )
    else:
        row = documents.review(
            ctx.db, ctx.actor, rev.id, ctx.password, accept=False, comment=ctx.args.comment
        )
    return _revision_done(ctx, row, "Đã trả lại người soạn thảo")


def cmd_docs_review(ctx: Context) -> int:
    from isoqms.services import documents
    from isoqms.services.document_reviews import review_no_change

    if ctx.args.accept:
        rev = documents.open_revision(ctx.db, ctx.actor, ctx.args.code)
        row = documents.review(
            ctx.db, ctx.actor, rev.id, ctx.password, accept=True, comment=ctx.args.comment or ""
        )
        return _revision_done(ctx, row, "Đã ký xem xét, chờ phê duyệt")
    if not ctx.args.no_change:
        raise ValidationError(
            "Xem xét có thay đổi thì soạn lần ban hành mới; lệnh này ghi lần xem xét định kỳ "
            "không thay đổi (--no-change --note …) hoặc ký xem xét dự thảo (--accept)."
        )
    if not ctx.args.note:
        raise ValidationError("Chưa ghi kết luận của lần xem xét định kỳ (--note).")
    row = review_no_change(ctx.db, ctx.actor, ctx.args.code, ctx.password, note=ctx.args.note)
    if ctx.args.json:
        emit_json(row)
        return 0
    print(f"Đã ghi xem xét định kỳ {row.code} lần {row.issue}.{row.amendment}: vẫn phù hợp.")
    return 0


def _copy_line(c: Any) -> str:
    state = (
        f"đã thu hồi {c.recalled_at:%d/%m/%Y}"
        if c.recalled_at
        else "CẦN THU HỒI"
        if c.must_recall
        else f"đã ký nhận ({c.acknowledged_by})"
        if c.acknowledged_at
        else "chưa ký nhận"
    )
    return (
        f"Bản số {c.copy_no:02d}  lần {c.issue}.{c.amendment}  {c.distributed_at:%d/%m/%Y}  "
        f"{c.holder} — {state}"
    )


def cmd_docs_copies(ctx: Context) -> int:
    from isoqms.services.document_copies import copies

    rows = copies(ctx.db, ctx.actor, ctx.args.code)
    if ctx.args.json:
        emit_json(rows)
        return 0
    if not rows:
        print(f"{ctx.args.code} chưa phân phối bản nào.")
    for c in rows:
        print(_copy_line(c))
    return 0


def cmd_docs_distribute(ctx: Context) -> int:
    from isoqms.services.document_copies import distribute

    copy = distribute(ctx.db, ctx.actor, ctx.args.code, ctx.args.to)
    if ctx.args.json:
        emit_json(copy)
        return 0
    print(_copy_line(copy))
    return 0


def cmd_docs_ack(ctx: Context) -> int:
    from isoqms.services.document_copies import acknowledge, copy_numbered

    copy = copy_numbered(ctx.db, ctx.actor, ctx.args.code, ctx.args.copy)
    acknowledge(ctx.db, ctx.actor, copy.id, ctx.args.by or "")
    return _show_copy(ctx, copy.copy_no)


def cmd_docs_recall(ctx: Context) -> int:
    from isoqms.services.document_copies import copy_numbered, recall

    copy = copy_numbered(ctx.db, ctx.actor, ctx.args.code, ctx.args.copy)
    recall(ctx.db, ctx.actor, copy.id)
    return _show_copy(ctx, copy.copy_no)


def _show_copy(ctx: Context, copy_no: int) -> int:
    from isoqms.services.document_copies import copy_numbered

    copy = copy_numbered(ctx.db, ctx.actor, ctx.args.code, copy_no)
    if ctx.args.json:
        emit_json(copy)
    else:
        print(_copy_line(copy))
    return 0


def register(commands: Commands, common: argparse.ArgumentParser) -> None:
    docs = commands.add_parser("docs", help="tài liệu ISO được kiểm soát").add_subparsers(
        dest="docs_command", metavar="ACTION", required=True
    )
    p = docs.add_parser(
        "list", help="danh mục tài liệu và lần ban hành đang hiệu lực", parents=[common]
    )
    p.add_argument("--as-of", type=parse_date, metavar="YYYY-MM-DD", help="như tại ngày này")
    p.set_defaults(run=cmd_docs_list)
    p = docs.add_parser("history", help="các lần ban hành, trạng thái và chữ ký", parents=[common])
    p.add_argument("code")
    p.add_argument("--as-of", type=parse_date, metavar="YYYY-MM-DD", help="trạng thái tại ngày này")
    p.set_defaults(run=cmd_docs_history)
    p = docs.add_parser(
        "register", help="xuất danh mục tài liệu nội bộ và bên ngoài", parents=[common]
    )
    p.add_argument("--out", required=True, metavar="FILE.docx|FILE.xlsx|FILE.pdf")
    p.add_argument("--as-of", type=parse_date, metavar="YYYY-MM-DD", help="như tại ngày này")
    p.set_defaults(run=cmd_docs_register)
    p = docs.add_parser(
        "import-folder", help="nhập thư mục tài liệu đã ban hành (.docx/.pdf)", parents=[common]
    )
    p.add_argument("dir")
    p.add_argument("--effective", type=parse_date, required=True, metavar="YYYY-MM-DD")
    p.set_defaults(run=cmd_docs_import_folder)
    p = docs.add_parser(
        "generate", help="tạo tệp .docx của quy trình giải quyết TTHC", parents=[common]
    )
    p.add_argument("code")
    p.add_argument("--out", required=True, metavar="FILE.docx")
    p.add_argument(
        "--revision",
        metavar="N[.M]",
        help="lần ban hành (mặc định: lần mới nhất, kể cả dự thảo)",
    )
    p.set_defaults(run=cmd_docs_generate)
    p = docs.add_parser("withdraw", help="thu hồi tài liệu (người phê duyệt)", parents=[common])
    p.add_argument("code")
    p.add_argument("--reason", required=True, help="lý do thu hồi")
    p.add_argument(
        "--effective",
        type=parse_date,
        metavar="YYYY-MM-DD",
        help="thu hồi từ ngày (mặc định hôm nay)",
    )
    p.set_defaults(run=cmd_docs_withdraw)
    p = docs.add_parser(
        "review",
        help="ghi lần xem xét định kỳ: vẫn phù hợp, không thay đổi (người xem xét / phê duyệt)",
        parents=[common],
    )
    p.add_argument("code")
    kind = p.add_mutually_exclusive_group()
    kind.add_argument("--no-change", action="store_true", help="xem xét xong, không cần sửa đổi")
    kind.add_argument(
        "--accept", action="store_true", help="ký xem xét dự thảo đang chờ (người xem xét)"
    )
    p.add_argument("--note", help="kết luận của lần xem xét định kỳ")
    p.add_argument("--comment", help="ý kiến khi ký xem xét dự thảo")
    p.set_defaults(run=cmd_docs_review)
    p = docs.add_parser("start", help="mở dự thảo lần ban hành mới", parents=[common])
    p.add_argument("code")
    p.add_argument("--summary", required=True, help="tóm tắt nội dung sửa đổi")
    p.add_argument("--places", help="vị trí / trang sửa đổi")
    p.add_argument("--amendment", action="store_true", help="sửa đổi nhỏ (N.M), không đổi lần")
    p.set_defaults(run=cmd_docs_start)
    p = docs.add_parser("attach", help="đính kèm tệp vào dự thảo", parents=[common])
    p.add_argument("code")
    p.add_argument("file", nargs="?", metavar="FILE.docx|FILE.pdf")
    p.add_argument(
        "--generated", action="store_true", help="đính kèm quy trình tạo từ nội dung thủ tục"
    )
    p.set_defaults(run=cmd_docs_attach)
    p = docs.add_parser(
        "submit", help="ký soạn thảo và gửi xem xét (người soạn thảo)", parents=[common]
    )
    p.add_argument("code")
    p.set_defaults(run=cmd_docs_submit)
    p = docs.add_parser(
        "approve", help="ký phê duyệt dự thảo đã xem xét (người phê duyệt)", parents=[common]
    )
    p.add_argument("code")
    p.add_argument("--effective", type=parse_date, required=True, metavar="YYYY-MM-DD")
    p.add_argument("--comment", help="ý kiến phê duyệt")
    p.set_defaults(run=cmd_docs_approve)
    p = docs.add_parser(
        "send-back", help="trả dự thảo lại người soạn thảo, có ý kiến", parents=[common]
    )
    p.add_argument("code")
    p.add_argument("--comment", required=True, help="ý kiến cho người soạn thảo")
    p.set_defaults(run=cmd_docs_send_back)
    p = docs.add_parser("copies", help="các bản đã phân phối và tình trạng", parents=[common])
    p.add_argument("code")
    p.set_defaults(run=cmd_docs_copies)
    p = docs.add_parser(
        "distribute", help="phân phối một bản có kiểm soát (đánh số)", parents=[common]
    )
    p.add_argument("code")
    p.add_argument("--to", required=True, metavar="NGƯỜI/NƠI", help="người / nơi nhận")
    p.set_defaults(run=cmd_docs_distribute)
    p = docs.add_parser("ack", help="ghi người nhận đã ký nhận bản số N", parents=[common])
    p.add_argument("code")
    p.add_argument("--copy", type=int, required=True, metavar="N")
    p.add_argument("--by", metavar="HỌ TÊN", help="người ký nhận (mặc định: người nhận)")
    p.set_defaults(run=cmd_docs_ack)
    p = docs.add_parser("recall", help="ghi đã thu hồi bản số N", parents=[common])
    p.add_argument("code")
    p.add_argument("--copy", type=int, required=True, metavar="N")
    p.set_defaults(run=cmd_docs_recall)
