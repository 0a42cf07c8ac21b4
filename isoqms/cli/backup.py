"""``backup`` and ``restore``: a consistent snapshot while the program runs, and a checked
restore (see :mod:`isoqms.services.backup`)."""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import Any

from isoqms.cli.common import Commands, Context, emit_json, read_secret
from isoqms.domain.errors import AuthenticationError


def _size(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB" if size >= 1024 * 1024 else f"{max(1, size // 1024)} KB"


def _info_json(info: Any) -> dict[str, Any]:
    return {
        "file": info.file,
        "size": info.size,
        "made_at": info.made_at,
        "made_by": info.made_by,
        "schema": info.schema,
        "method": info.method,
        "seq": info.seq,
        "hash": info.hash,
        "counts": info.counts,
    }


def cmd_backup(ctx: Context) -> int:
    from isoqms.services import backup

    args = ctx.args
    if args.auto:
        from isoqms.domain.roles import Permission
        from isoqms.services.uow import require

        with ctx.db.read() as session:
            require(session, ctx.actor, Permission.BACKUP)
        info = backup.automatic(ctx.db)
        assert info is not None
    else:
        info = backup.make(ctx.db, ctx.actor, Path(args.out))
    if args.json:
        emit_json(_info_json(info))
    else:
        print(
            f"Đã sao lưu vào {info.file} ({_size(info.size)}): nhật ký tới sự kiện số "
            f"{info.seq}, {info.counts.get('dossier', 0)} hồ sơ, "
            f"{info.counts.get('stored_file', 0)} tệp lưu trữ."
        )
    return 0


def cmd_restore(ctx: Context) -> int:
    from isoqms.db.engine import Database
    from isoqms.domain.roles import Permission
    from isoqms.services import backup
    from isoqms.services.uow import require
    from isoqms.services.users import authenticate

    args = ctx.args
    path = Path(args.file)
    if args.check:
        # what a restore with the same --db would do, writing nothing: a SQLite file not
        # there yet is not made (the restore would make it)
        with backup.opened(path) as (info, backup_db):
            target, url = backup.open_target(args.db)
            try:
                plan = backup.plan(target, info, backup_db) if target else None
            finally:
                if target:
                    target.dispose()
        if args.json:
            emit_json({**_info_json(info), "ok": True, "plan": _plan_json(plan) if plan else None})
        else:
            print(
                f"Bản sao lưu nguyên vẹn: {path.name} — nhật ký tới sự kiện số {info.seq}, "
                f"{info.counts.get('dossier', 0)} hồ sơ; đã kiểm chuỗi băm, tệp lưu trữ và bản ghi."
            )
            if plan:
                print(plan.summary())
            else:
                print(f"Khôi phục sẽ tạo cơ sở dữ liệu mới {url.database}.")
        return 0

    def authorise(plan: Any, backup_db: Database) -> str:
        username = args.user or os.environ.get("ISOQMS_USER")
        if not username:
            raise AuthenticationError(
                "Khôi phục cần quản trị viên đăng nhập: thêm --user TÊN (mật khẩu lấy từ "
                "ISOQMS_PASSWORD)."
            )
        password = read_secret("ISOQMS_PASSWORD", f"Mật khẩu của {username}: ")
        # who may replace a database: its administrator; an empty one: the backup's
        where: Database = backup_db if plan.empty else ctx.db
        actor, info = authenticate(where, username, password, record_login=False)
        with where.read() as session:
            require(session, actor, Permission.BACKUP)
        return f"{info.username} ({info.full_name})"

    result = backup.restore(path, args.db, authorise=authorise, force=args.force)
    if args.json:
        emit_json(
            {
                **_plan_json(result.plan),
                "events": result.events,
                "ok": True,
                "safety_copy": result.safety_copy or None,
            }
        )
    else:
        print(result.plan.summary())
        print(
            f"Đã khôi phục {path.name} vào {result.plan.target}; nhật ký {result.events} sự "
            "kiện (gồm sự kiện khôi phục), đã kiểm tra nguyên vẹn."
        )
        if result.safety_copy:
            print(f"Dữ liệu trước khi khôi phục được giữ trong {result.safety_copy}.")
        elif result.safety_error:
            print(f"Không lập được bản sao dữ liệu trước khi khôi phục: {result.safety_error}")
    return 0


def _plan_json(plan: Any) -> dict[str, Any]:
    return {
        "backup": _info_json(plan.backup),
        "target": plan.target,
        "target_events": plan.target_events,
        "relation": plan.relation,
        "rollback": plan.rollback,
        "events_lost": plan.events_lost,
        "work_lost": plan.work_lost,
    }


def register(commands: Commands, common: argparse.ArgumentParser) -> None:
    db = argparse.ArgumentParser(add_help=False)  # also after the command, as people type it
    db.add_argument(
        "--db", metavar="URL", default=argparse.SUPPRESS, help="cơ sở dữ liệu (như --db chung)"
    )
    db.add_argument(
        "--user", metavar="NAME", default=argparse.SUPPRESS, help="quản trị viên thực hiện"
    )
    p = commands.add_parser(
        "backup", help="sao lưu cơ sở dữ liệu (khi chương trình đang chạy)", parents=[common, db]
    )
    where = p.add_mutually_exclusive_group(required=True)  # neither or both: bad usage, 2
    where.add_argument(
        "--out",
        metavar="FILE",
        help="tệp sao lưu (đuôi .isoqms-backup), hoặc thư mục (ổ USB) để ghi vào đó",
    )
    where.add_argument(
        "--auto", action="store_true", help="sao lưu vào thư mục đã đặt, giữ N bản gần nhất"
    )
    p.set_defaults(run=cmd_backup)
    p = commands.add_parser(
        "restore",
        help="khôi phục từ bản sao lưu (kiểm tra toàn bộ trước khi ghi)",
        parents=[common, db],
    )
    p.add_argument("file", metavar="FILE")
    p.add_argument("--force", action="store_true", help="ghi đè cơ sở dữ liệu đang có dữ liệu")
    p.add_argument(
        "--check", action="store_true", help="chỉ kiểm tra bản sao lưu (và so với --db), không ghi"
    )
    p.set_defaults(run=cmd_restore)
