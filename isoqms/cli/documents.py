"""``docs``: the controlled-document register, histories, exports, the process document."""

from __future__ import annotations

import argparse
from pathlib import Path

from isoqms.cli.common import Commands, Context, emit_json, parse_date, write_file
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
    from isoqms.services.process_documents import process_document

    data = process_document(ctx.db, ctx.actor, ctx.args.code)
    write_file(ctx.args.out, data)
    print(f"Đã ghi quy trình {ctx.args.code} vào {ctx.args.out}.")
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
    p.set_defaults(run=cmd_docs_generate)
