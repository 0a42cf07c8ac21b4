"""``docs``: the controlled-document register, histories, exports, the process document."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from isoqms.cli.common import Commands, Context, emit_json, parse_date, write_file
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


def cmd_docs_review(ctx: Context) -> int:
    from isoqms.services.document_reviews import review_no_change

    if not ctx.args.no_change:
        raise ValidationError(
            "Xem xét có thay đổi thì soạn lần ban hành mới; lệnh này ghi lần xem xét định kỳ "
            "không thay đổi: thêm --no-change."
        )
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
    p.add_argument("--no-change", action="store_true", help="xem xét xong, không cần sửa đổi")
    p.add_argument("--note", required=True, help="kết luận của lần xem xét")
    p.set_defaults(run=cmd_docs_review)
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
