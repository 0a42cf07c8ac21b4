"""``init``, ``user`` and ``unit``: the database, its users and the unit profile."""

from __future__ import annotations

import argparse
import dataclasses
from typing import Any

from isoqms.cli.common import Commands, Context, Handler, emit_json, read_secret, username_key
from isoqms.domain.errors import NotFound, ValidationError


def cmd_init(ctx: Context) -> int:
    from isoqms.services.demo import DEMO_PASSWORD, init_demo
    from isoqms.services.unit import is_demo
    from isoqms.services.users import count_users

    db = ctx.db  # opening applies the migrations and loads the shipped reference data
    if ctx.args.demo and is_demo(db):
        print(f"Cơ sở dữ liệu đã có đơn vị mẫu ({db.describe()}); không tạo lại.")
    elif ctx.args.demo:
        names = init_demo(db)
        print(
            f"Đã tạo đơn vị mẫu với {len(names)} người dùng ({', '.join(names)}), "
            f"mật khẩu “{DEMO_PASSWORD}”."
        )
        if not ctx.args.without_dossiers:
            from isoqms.services.demo_dossiers import load_demo_dossiers

            print(f"Đã tạo {load_demo_dossiers(db)} hồ sơ mẫu trong 5 tuần gần đây.")
    else:
        users = count_users(db)
        hint = "" if users else " Chưa có người dùng: tạo quản trị viên bằng “isoqms user add”."
        print(f"Cơ sở dữ liệu sẵn sàng ({db.describe()}).{hint}")
    return 0


def cmd_user_add(ctx: Context) -> int:
    from isoqms.db.models import User
    from isoqms.domain.roles import parse_role
    from isoqms.services import limits
    from isoqms.services.users import add_user, count_users, create_first_admin

    args = ctx.args
    roles = [parse_role(r) for r in args.role]
    # checked here as the services check every other name (the user service is another
    # part's; the same limits, so SQLite and PostgreSQL refuse alike)
    limits.text(args.name, User.full_name, "họ và tên", required=True)
    limits.text(args.title, User.title, "chức danh")
    password = read_secret("ISOQMS_NEW_PASSWORD", f"Mật khẩu cho {args.username}: ", confirm=True)
    if count_users(ctx.db) == 0:
        if roles and set(roles) != {parse_role("admin")}:
            raise ValidationError("Người dùng đầu tiên phải là quản trị viên (--role admin).")
        info = create_first_admin(
            ctx.db,
            username=args.username,
            full_name=args.name,
            password=password,
            title=args.title,
        )
    else:
        if not roles:
            raise ValidationError("Chọn ít nhất một vai trò bằng --role.")
        info = add_user(
            ctx.db,
            ctx.actor,
            username=args.username,
            full_name=args.name,
            password=password,
            roles=roles,
            title=args.title,
        )
    if args.json:
        emit_json(info)
    else:
        print(f"Đã tạo người dùng {info.username} ({', '.join(info.roles)}).")
    return 0


def cmd_user_list(ctx: Context) -> int:
    from isoqms.services.users import list_users

    users = list_users(ctx.db, ctx.actor)
    if ctx.args.json:
        emit_json(users)
        return 0
    for u in users:
        state = "" if u.active else "  [đã khoá]"
        if u.locked:
            state += f"  [bị khoá do sai mật khẩu {u.failed_logins} lần]"
        print(f"{u.username:<16} {u.full_name:<28} {','.join(u.roles)}{state}")
    return 0


def _known_name(value: str) -> str:
    """A user name to look up, refused as unknown when no account can have it."""
    if username_key(value) is None:
        raise NotFound(f"Không có người dùng “{value}”.")
    return value


def cmd_user_roles(ctx: Context) -> int:
    from isoqms.domain.roles import parse_role
    from isoqms.services.users import set_roles

    _known_name(ctx.args.username)

    info = set_roles(ctx.db, ctx.actor, ctx.args.username, [parse_role(r) for r in ctx.args.role])
    print(f"{info.username}: {', '.join(info.roles)}")
    return 0


def cmd_user_active(active: bool) -> Handler:
    def run(ctx: Context) -> int:
        from isoqms.services.users import set_active

        _known_name(ctx.args.username)
        info = set_active(ctx.db, ctx.actor, ctx.args.username, active)
        print(f"{info.username}: {'đang hoạt động' if info.active else 'đã khoá'}")
        return 0

    return run


def cmd_user_reset_password(ctx: Context) -> int:
    from isoqms.services.users import reset_password

    _known_name(ctx.args.username)
    actor = ctx.actor
    password = read_secret(
        "ISOQMS_NEW_PASSWORD", f"Mật khẩu mới cho {ctx.args.username}: ", confirm=True
    )
    info = reset_password(ctx.db, actor, ctx.args.username, password)
    print(f"Đã đặt lại mật khẩu cho {info.username}; phải đổi ở lần đăng nhập tới.")
    return 0


def cmd_user_unlock(ctx: Context) -> int:
    from isoqms.services.users import get_user, unlock_user

    before = get_user(ctx.db, ctx.actor, ctx.args.username)
    info = unlock_user(ctx.db, ctx.actor, ctx.args.username)
    if ctx.args.json:
        emit_json(info)
    elif before.locked:
        print(f"{info.username}: đã mở khoá đăng nhập (bị khoá do sai mật khẩu).")
    elif before.failed_logins:
        print(f"{info.username}: đã xoá {before.failed_logins} lần nhập sai mật khẩu.")
    else:
        print(f"{info.username}: không bị khoá do sai mật khẩu, không có gì thay đổi.")
    return 0


def cmd_user_passwd(ctx: Context) -> int:
    from isoqms.services.users import change_own_password

    actor, old = ctx.sign_in_to_change()
    new = read_secret("ISOQMS_NEW_PASSWORD", "Mật khẩu mới: ", confirm=True)
    change_own_password(ctx.db, actor, old, new)
    if ctx.args.json:
        emit_json({"username": actor.username, "must_change_password": False})
    else:
        print(f"Đã đổi mật khẩu của {actor.username}.")
    return 0


_UNIT_OPTIONS = {
    "commune": "commune_name",
    "province": "province_name",
    "district": "district_name",
    "code": "unit_code",
    "desk": "desk_name",
    "address": "address",
    "phone": "phone",
    "email": "email",
    "office_hours": "office_hours",
    "cutoff": "default_cutoff",
}


def cmd_unit_show(ctx: Context) -> int:
    from isoqms.services.unit import get_unit

    info = get_unit(ctx.db)
    if ctx.args.json:
        emit_json(info)
        return 0
    for f in dataclasses.fields(info):
        value = getattr(info, f.name)
        if isinstance(value, tuple):
            value = "; ".join(value)
        print(f"{f.name:<16} {value if value is not None else ''}")
    return 0


def cmd_unit_set(ctx: Context) -> int:
    from isoqms.services.unit import get_unit, update_unit

    changes: dict[str, Any] = {
        field: getattr(ctx.args, opt)
        for opt, field in _UNIT_OPTIONS.items()
        if getattr(ctx.args, opt) is not None
    }
    if ctx.args.counter is not None:
        changes["counters"] = tuple(ctx.args.counter)
    if ctx.args.waiting_days is not None:
        changes["result_waiting_days"] = ctx.args.waiting_days
    if ctx.args.backup_folder is not None:
        changes["backup_folder"] = ctx.args.backup_folder
    if ctx.args.backup_keep is not None:
        changes["backup_keep"] = ctx.args.backup_keep
    for regime in ("2018", "2025"):
        rule = getattr(ctx.args, f"supplement_rule_{regime}")
        if rule is not None:
            changes[f"supplement_rule_{regime}"] = rule
    if not changes:
        raise ValidationError("Không có gì để đổi: dùng các tuỳ chọn --commune, --code, …")
    info = update_unit(ctx.db, ctx.actor, dataclasses.replace(get_unit(ctx.db), **changes))
    print(f"Đã cập nhật thông tin đơn vị {info.display_name}.")
    return 0


def register(commands: Commands, common: argparse.ArgumentParser) -> None:
    p = commands.add_parser("init", help="tạo/nâng cấp cơ sở dữ liệu", parents=[common])
    p.add_argument("--demo", action="store_true", help="tạo đơn vị mẫu với người dùng mẫu")
    p.add_argument("--without-dossiers", action="store_true", help="đơn vị mẫu không kèm hồ sơ mẫu")
    p.set_defaults(run=cmd_init)

    user = commands.add_parser("user", help="người dùng và vai trò").add_subparsers(
        dest="user_command", metavar="ACTION", required=True
    )
    p = user.add_parser(
        "add", help="thêm người dùng (người đầu tiên là quản trị viên)", parents=[common]
    )
    p.add_argument("username")
    p.add_argument("--name", required=True, help="họ và tên")
    p.add_argument("--title", default="", help="chức danh")
    p.add_argument("--role", action="append", default=[], help="vai trò (lặp lại được)")
    p.set_defaults(run=cmd_user_add)
    p = user.add_parser("list", help="danh sách người dùng", parents=[common])
    p.set_defaults(run=cmd_user_list)
    p = user.add_parser("roles", help="đặt vai trò", parents=[common])
    p.add_argument("username")
    p.add_argument("--role", action="append", required=True, help="vai trò (lặp lại được)")
    p.set_defaults(run=cmd_user_roles)
    p = user.add_parser("deactivate", help="khoá tài khoản (không xoá)", parents=[common])
    p.add_argument("username")
    p.set_defaults(run=cmd_user_active(False))
    p = user.add_parser("activate", help="mở khoá tài khoản", parents=[common])
    p.add_argument("username")
    p.set_defaults(run=cmd_user_active(True))
    p = user.add_parser("reset-password", help="đặt lại mật khẩu", parents=[common])
    p.add_argument("username")
    p.set_defaults(run=cmd_user_reset_password)
    p = user.add_parser("unlock", help="gỡ khoá do nhập sai mật khẩu nhiều lần", parents=[common])
    p.add_argument("username")
    p.set_defaults(run=cmd_user_unlock)
    p = user.add_parser(
        "passwd",
        help="đổi mật khẩu của chính mình (mới lấy từ ISOQMS_NEW_PASSWORD)",
        parents=[common],
    )
    p.set_defaults(run=cmd_user_passwd)

    unit = commands.add_parser("unit", help="thông tin đơn vị").add_subparsers(
        dest="unit_command", metavar="ACTION", required=True
    )
    p = unit.add_parser("show", help="xem thông tin đơn vị", parents=[common])
    p.set_defaults(run=cmd_unit_show)
    p = unit.add_parser("set", help="sửa thông tin đơn vị", parents=[common])
    for opt in _UNIT_OPTIONS:
        p.add_argument(f"--{opt.replace('_', '-')}", dest=opt)
    p.add_argument("--counter", action="append", help="tên quầy (lặp lại được)")
    p.add_argument(
        "--waiting-days",
        type=int,
        metavar="N",
        help="kết quả chờ công dân nhận quá N ngày thì được đánh dấu (mặc định 30)",
    )
    p.add_argument(
        "--backup-folder",
        metavar="FOLDER",
        help="thư mục sao lưu tự động (ổ USB, thư mục mạng); rỗng = thư mục dữ liệu",
    )
    p.add_argument(
        "--backup-keep", type=int, metavar="N", help="giữ N bản sao lưu tự động gần nhất (14)"
    )
    for regime in ("2018", "2025"):
        p.add_argument(
            f"--supplement-rule-{regime}",
            choices=["restart", "pause"],
            help=f"hồ sơ nhận theo chế độ {regime} được bổ sung trong khi giải quyết: restart = "
            "tính lại thời hạn từ đầu (Nghị định 61/2018 Điều 19.4, mặc định), pause = tạm "
            "dừng, cộng thời gian chờ",
        )
    p.set_defaults(run=cmd_unit_set)
