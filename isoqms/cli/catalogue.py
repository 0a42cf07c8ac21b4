"""``procedures``: the TTHC catalogue and its content."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from isoqms.cli.common import (
    Commands,
    Context,
    emit_json,
    read_file,
    read_text_file,
    write_file,
)
from isoqms.domain.errors import ValidationError


def cmd_procedures_import(ctx: Context) -> int:
    from isoqms.services import procedures as svc

    path = Path(ctx.args.file)
    data = read_file(ctx.args.file)
    if path.suffix.lower() == ".json":
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ValidationError(f"Tệp {path} không phải văn bản UTF-8.") from None
        report = svc.import_content(ctx.db, ctx.actor, text)
    else:
        report = svc.import_portal_list(ctx.db, ctx.actor, data)
    if ctx.args.json:
        emit_json(
            {
                "created": report.created,
                "updated": report.updated,
                "unchanged": report.unchanged,
                "total": report.total,
            }
        )
    else:
        print(report.summary())
    return 0


def cmd_procedures_list(ctx: Context) -> int:
    from isoqms.services import procedures as svc

    rows = svc.search(ctx.db, ctx.args.query or "", limit=ctx.args.limit)
    if ctx.args.json:
        emit_json(rows)
        return 0
    for r in rows:
        mark = " " if r.has_revision_in_force else "*"
        print(f"{r.code}{mark} {r.field:<14.14} {r.name}")
    return 0


def cmd_procedures_export(ctx: Context) -> int:
    from isoqms.services import procedures as svc

    text = svc.export_content(ctx.db, ctx.args.code or None)
    if ctx.args.file == "-":
        sys.stdout.write(text)
    else:
        write_file(ctx.args.file, text)
        print(f"Đã ghi {ctx.args.file}.")
    return 0


def cmd_procedures_draft(ctx: Context) -> int:
    from isoqms.services.process_documents import draft_from_file

    text = read_text_file(ctx.args.content)
    draft = draft_from_file(ctx.db, ctx.actor, ctx.args.code, text, summary=ctx.args.summary or "")
    if ctx.args.json:
        emit_json(
            {
                "code": draft.code,
                "procedure_code": draft.procedure_code,
                "revision_id": draft.revision_id,
                "issue": draft.issue,
                "amendment": draft.amendment,
                "content": draft.content.to_dict(),
                "changes": draft.changes,
                "file_note": draft.file_note,
            }
        )
        return 0
    print(
        f"Dự thảo {draft.code} lần {draft.issue}.{draft.amendment} mang nội dung mới của thủ tục "
        f"{draft.procedure_code}; có hiệu lực khi quy trình được phê duyệt."
    )
    if not draft.changes:
        print("Không khác nội dung đã phê duyệt gần nhất.")
    for change in draft.changes:
        print(f"- {change.what}: {change.before} → {change.after}")
    if draft.file_note:
        print(draft.file_note)
    return 0


def register(commands: Commands, common: argparse.ArgumentParser) -> None:
    procedures = commands.add_parser("procedures", help="danh mục thủ tục hành chính")
    procedures_actions = procedures.add_subparsers(
        dest="procedures_command", metavar="ACTION", required=True
    )
    p = procedures_actions.add_parser(
        "import", help="nhập danh sách .xlsx của Cổng DVC, hoặc nội dung .json", parents=[common]
    )
    p.add_argument("file")
    p.set_defaults(run=cmd_procedures_import)
    p = procedures_actions.add_parser("list", help="tìm thủ tục", parents=[common])
    p.add_argument("query", nargs="?", help="mã hoặc tên (không phân biệt dấu, hoa thường)")
    p.add_argument("--limit", type=int, default=50)
    p.set_defaults(run=cmd_procedures_list)
    p = procedures_actions.add_parser(
        "export", help="xuất nội dung thủ tục (.json)", parents=[common]
    )
    p.add_argument("file", help="tệp .json, hoặc - cho đầu ra chuẩn")
    p.add_argument("--code", action="append", help="chỉ thủ tục này (lặp lại được)")
    p.set_defaults(run=cmd_procedures_export)
    p = procedures_actions.add_parser(
        "draft",
        help="đưa nội dung mới (.json như procedures export) vào dự thảo quy trình của thủ tục",
        parents=[common],
    )
    p.add_argument("code", help="mã thủ tục, ví dụ 1.001193")
    p.add_argument("--content", required=True, metavar="FILE.json")
    p.add_argument("--summary", help="tóm tắt nội dung sửa đổi (khi bắt đầu dự thảo mới)")
    p.set_defaults(run=cmd_procedures_draft)
