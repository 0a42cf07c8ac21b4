"""Command-line interface: the same services as the GUI, for scripts, admins and tests.

``isoqms [--db URL] [--user NAME] COMMAND …``. The acting user's password comes from
``ISOQMS_PASSWORD`` or a prompt; a new password (``user add``, ``user reset-password``)
from ``ISOQMS_NEW_PASSWORD`` or a prompt. Exit codes: 0 success, 1 refused or failed
(one line on stderr), 2 bad usage.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import getpass
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from isoqms import __version__
from isoqms.domain.errors import AuthenticationError, IsoqmsError, ValidationError

Handler = Callable[["Context"], int]


class Context:
    """What a command needs: the opened database and, lazily, the logged-in actor."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self._db: Any = None
        self._actor: Any = None

    @property
    def db(self) -> Any:
        if self._db is None:
            from isoqms.db.engine import Database
            from isoqms.services.startup import prepare_database

            self._db = Database.open(self.args.db)
            prepare_database(self._db)
        return self._db

    @property
    def actor(self) -> Any:
        if self._actor is None:
            from isoqms.services.users import authenticate

            username = self.args.user or os.environ.get("ISOQMS_USER")
            if not username:
                raise AuthenticationError(
                    "Lệnh này cần đăng nhập: thêm --user TÊN (mật khẩu lấy từ ISOQMS_PASSWORD)."
                )
            password = read_secret("ISOQMS_PASSWORD", f"Mật khẩu của {username}: ")
            self._actor, _info = authenticate(self.db, username, password, record_login=False)
        return self._actor

    def close(self) -> None:
        if self._db is not None:
            self._db.dispose()


def read_secret(env: str, prompt: str, *, confirm: bool = False) -> str:
    value = os.environ.get(env)
    if value is not None:
        return value
    if sys.stdin is None or not sys.stdin.isatty():
        line = sys.stdin.readline().rstrip("\r\n") if sys.stdin else ""
        if not line:
            raise AuthenticationError(f"Chưa có mật khẩu: đặt biến môi trường {env}.")
        return line
    value = getpass.getpass(prompt)
    if confirm and getpass.getpass("Nhập lại: ") != value:
        raise ValidationError("Hai lần nhập mật khẩu không khớp.")
    return value


def _jsonable(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {k: _jsonable(v) for k, v in dataclasses.asdict(value).items()}
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, dt.datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def emit_json(value: Any) -> None:
    json.dump(_jsonable(value), sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"ngày “{text}” không đúng dạng YYYY-MM-DD") from None


# --------------------------------------------------------------------------- commands


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
    from isoqms.domain.roles import parse_role
    from isoqms.services.users import add_user, count_users, create_first_admin

    args = ctx.args
    roles = [parse_role(r) for r in args.role]
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
        print(f"{u.username:<16} {u.full_name:<28} {','.join(u.roles)}{state}")
    return 0


def cmd_user_roles(ctx: Context) -> int:
    from isoqms.domain.roles import parse_role
    from isoqms.services.users import set_roles

    info = set_roles(ctx.db, ctx.actor, ctx.args.username, [parse_role(r) for r in ctx.args.role])
    print(f"{info.username}: {', '.join(info.roles)}")
    return 0


def cmd_user_active(active: bool) -> Handler:
    def run(ctx: Context) -> int:
        from isoqms.services.users import set_active

        info = set_active(ctx.db, ctx.actor, ctx.args.username, active)
        print(f"{info.username}: {'đang hoạt động' if info.active else 'đã khoá'}")
        return 0

    return run


def cmd_user_reset_password(ctx: Context) -> int:
    from isoqms.services.users import reset_password

    actor = ctx.actor
    password = read_secret(
        "ISOQMS_NEW_PASSWORD", f"Mật khẩu mới cho {ctx.args.username}: ", confirm=True
    )
    info = reset_password(ctx.db, actor, ctx.args.username, password)
    print(f"Đã đặt lại mật khẩu cho {info.username}; phải đổi ở lần đăng nhập tới.")
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
    if not changes:
        raise ValidationError("Không có gì để đổi: dùng các tuỳ chọn --commune, --code, …")
    info = update_unit(ctx.db, ctx.actor, dataclasses.replace(get_unit(ctx.db), **changes))
    print(f"Đã cập nhật thông tin đơn vị {info.display_name}.")
    return 0


def cmd_audit_verify(ctx: Context) -> int:
    from isoqms.services.integrity import verify

    report = verify(ctx.db)
    if ctx.args.json:
        emit_json(
            {
                "ok": report.ok,
                "events": report.events,
                "files": report.files,
                "seconds": round(report.seconds, 3),
                "first_bad": dataclasses.asdict(report.problem) if report.problem else None,
            }
        )
    else:
        print(report.summary())
    if not report.ok:
        if ctx.args.json:
            print(report.summary(), file=sys.stderr)
        return 1
    return 0


def _entry_json(e: Any) -> dict[str, Any]:
    return {
        "seq": e.seq,
        "at": e.at.isoformat(timespec="microseconds") + "Z",
        "actor": e.actor,
        "action": e.action,
        "entity": e.entity,
        "entity_id": e.entity_id,
        "before": e.before,
        "after": e.after,
        "changes": [{"field": c.field, "before": c.before, "after": c.after} for c in e.changes],
        "hash": e.hash,
    }


def _print_entries(entries: list[Any]) -> None:
    for e in entries:
        when = e.at.replace(tzinfo=dt.UTC).astimezone().strftime("%d/%m/%Y %H:%M:%S")
        changed = ", ".join(c.field for c in e.changes)
        print(
            f"{e.seq:>6}  {when}  {e.actor:<14} {e.action:<28} {e.entity}#{e.entity_id}"
            + (f"  [{changed}]" if changed else "")
        )


def cmd_audit_log(ctx: Context) -> int:
    from isoqms.services.auditor import TimelineFilter, timeline

    args = ctx.args
    if args.id and not args.entity:
        print("isoqms: --id cần đi cùng --entity LOẠI.", file=sys.stderr)
        return 2
    entries = timeline(
        ctx.db,
        ctx.actor,
        TimelineFilter(
            kind=args.entity,
            key=args.id,
            date_from=args.date_from,
            date_to=args.date_to,
            person=args.actor,
            action=args.action,
        ),
    )
    if args.json:
        emit_json([_entry_json(e) for e in entries])
    else:
        _print_entries(entries)
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
    try:
        out.write_bytes(data)
    except OSError as exc:
        raise ValidationError(f"Không ghi được tệp {out}: {exc.strerror}.") from None
    print(f"Đã lập hồ sơ chứng cứ {out} ({len(data) // 1024} KB).")
    return 0


def cmd_audit_verify_pack(ctx: Context) -> int:
    from isoqms.services.evidence import verify_pack

    path = Path(ctx.args.file)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ValidationError(f"Không đọc được tệp {path}: {exc.strerror}.") from None
    check = verify_pack(data)
    if ctx.args.json:
        emit_json(dataclasses.asdict(check))
    else:
        print(check.summary())
    return 0 if check.ok else 1


def cmd_calendar_due(ctx: Context) -> int:
    from isoqms.domain.calendar import Duration, Policy, Schedule, parse_received
    from isoqms.domain.office_hours import OfficeHours, parse_time
    from isoqms.services.calendar import unit_schedule

    args = ctx.args
    received = parse_received(args.received)
    if args.days is not None:
        duration = Duration.days(args.days)
    elif args.hours is not None:
        duration = Duration.hours(args.hours)
    else:
        duration = Duration.same_day()
    cutoff = parse_time(args.cutoff, what="giờ chốt nhận hồ sơ") if args.cutoff else None
    hours = OfficeHours.parse(args.office_hours) if args.office_hours else None
    unit = unit_schedule(ctx.db)
    schedule = Schedule(unit.schedule.calendar, hours or unit.schedule.office_hours)
    policy = Policy(args.policy) if args.policy else unit.policy
    due = schedule.appointment(received, duration, policy, cutoff)
    if args.json:
        emit_json(
            {
                "received": received.strftime("%Y-%m-%d %H:%M"),
                "effective_received": schedule.effective_receipt(received, cutoff).strftime(
                    "%Y-%m-%d %H:%M"
                ),
                "duration": str(duration),
                "policy": policy.value,
                "office_hours": str(schedule.office_hours),
                "cutoff": args.cutoff,
                "appointment": due.strftime("%Y-%m-%d %H:%M"),
            }
        )
    else:
        print(due.strftime("%Y-%m-%d %H:%M"))
    return 0


def cmd_calendar_days(ctx: Context) -> int:
    from isoqms.services.calendar import load_calendar

    calendar = load_calendar(ctx.db)
    days = calendar.exceptions(ctx.args.year)
    if ctx.args.json:
        emit_json(
            [
                {
                    "date": d.day.isoformat(),
                    "weekday": d.weekday_name,
                    "working": d.working,
                    "name": d.name,
                    "origin": d.origin,
                    "source": d.source,
                }
                for d in days
            ]
        )
        return 0
    for d in days:
        state = "làm việc" if d.working else "nghỉ"
        print(f"{d.day.isoformat()}  {d.weekday_name:<9} {state:<9} {d.name}")
    return 0


def _parse_day(text: str) -> dt.date:
    from isoqms.domain.schedule_file import parse_date

    try:
        return parse_date(text)
    except ValidationError as exc:
        raise ValidationError(exc.message[0].upper() + exc.message[1:] + ".") from None


def cmd_calendar_set(ctx: Context) -> int:
    from isoqms.domain.calendar import CalendarEntry, parse_kind
    from isoqms.services.calendar import set_entry

    args = ctx.args
    entry = CalendarEntry(_parse_day(args.date), parse_kind(args.kind), args.name, args.source)
    db = ctx.db
    saved = set_entry(db, ctx.actor, entry)
    print(f"{saved.day.isoformat()}: {saved.kind.label} — {saved.name}")
    return 0


def cmd_calendar_remove(ctx: Context) -> int:
    from isoqms.services.calendar import remove_entry

    day = _parse_day(ctx.args.date)
    remove_entry(ctx.db, ctx.actor, day)
    print(f"Đã bỏ mục lịch ngày {day:%d/%m/%Y}.")
    return 0


def cmd_calendar_import(ctx: Context) -> int:
    from isoqms.services.calendar import import_entries

    text = _read_text_file(ctx.args.file)
    report = import_entries(ctx.db, ctx.actor, text)
    print(report.summary())
    return 0


def cmd_calendar_export(ctx: Context) -> int:

    from isoqms.services.calendar import export_entries

    text = export_entries(ctx.db, ctx.args.year)
    if ctx.args.file == "-":
        sys.stdout.write(text)
    else:
        # utf-8-sig: Excel on Windows opens it with the Vietnamese letters intact
        Path(ctx.args.file).write_text(text, encoding="utf-8-sig", newline="")
        print(f"Đã ghi {text.count(chr(10)) - 1} mục lịch vào {ctx.args.file}.")
    return 0


def _read_text_file(name: str) -> str:

    path = Path(name)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ValidationError(f"Không đọc được tệp {name}: {exc.strerror}.") from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationError(f"Tệp {name} không phải văn bản UTF-8.") from None


def cmd_procedures_import(ctx: Context) -> int:

    from isoqms.services import procedures as svc

    path = Path(ctx.args.file)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ValidationError(f"Không đọc được tệp {path}: {exc.strerror}.") from None
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
        Path(ctx.args.file).write_text(text, encoding="utf-8")
        print(f"Đã ghi {ctx.args.file}.")
    return 0


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

    from isoqms.services import intake

    printed = intake.print_receipt(
        ctx.db, ctx.actor, ctx.args.code, paper=ctx.args.paper, purpose="save"
    )
    out = Path(ctx.args.out)
    try:
        out.write_bytes(printed.pdf)
    except OSError as exc:
        raise ValidationError(f"Không ghi được tệp {out}: {exc.strerror}.") from None
    note = " (bản in lại)" if printed.reprint else ""
    print(f"Đã ghi {out}{note}; SHA-256 {printed.sha256}.")
    return 0


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
    try:
        out.write_bytes(data)
    except OSError as exc:
        raise ValidationError(f"Không ghi được tệp {out}: {exc.strerror}.") from None
    print(f"Đã ghi danh mục tài liệu vào {out}.")
    return 0


def cmd_docs_import_folder(ctx: Context) -> int:

    from isoqms.services.document_import import import_folder

    count = import_folder(ctx.db, ctx.actor, Path(ctx.args.dir), ctx.args.effective)
    print(f"Đã nhập {count} tài liệu, hiệu lực từ {ctx.args.effective:%d/%m/%Y}.")
    return 0


def cmd_docs_generate(ctx: Context) -> int:

    from isoqms.services import documents

    data = documents.process_document(ctx.db, ctx.actor, ctx.args.code)
    Path(ctx.args.out).write_bytes(data)
    print(f"Đã ghi quy trình {ctx.args.code} vào {ctx.args.out}.")
    return 0


def _at(text: str) -> dt.datetime:
    from isoqms.domain.calendar import parse_received

    try:
        return parse_received(text)
    except ValidationError as exc:
        raise argparse.ArgumentTypeError(exc.message) from None


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
        print(f"    {e.at:%H:%M %d/%m/%Y}  {e.label}{who}{extra}  [{e.actor}]{mark}")


def cmd_dossier_show(ctx: Context) -> int:
    from isoqms.services import journey

    detail = journey.show(ctx.db, ctx.actor, ctx.args.code)
    if ctx.args.json:
        emit_json(_detail_json(detail))
    else:
        _print_detail(detail)
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
                "events": [_entry_json(e) for e in t.events],
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
    _print_entries(t.events)
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
    )
    detail = journey.act(ctx.db, ctx.actor, args.code, Action(args.action), data)
    if args.json:
        emit_json(_detail_json(detail))
    else:
        print(f"{detail.code}: {detail.state.label}")
    return 0


def cmd_dossier_print(ctx: Context) -> int:

    from isoqms.services import dossier_papers
    from isoqms.services.exports import save

    printed = dossier_papers.print_paper(
        ctx.db, ctx.actor, ctx.args.code, ctx.args.kind, paper=ctx.args.paper, purpose="save"
    )
    save(Path(ctx.args.out), printed.pdf)
    print(f"Đã ghi {ctx.args.out}; SHA-256 {printed.sha256}.")
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


# --------------------------------------------------------------------------- parser


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="isoqms",
        description="isoqms — tài liệu ISO và bộ phận một cửa cấp xã.",
    )
    parser.add_argument("--version", action="version", version=f"isoqms {__version__}")
    parser.add_argument("--db", metavar="URL", help="cơ sở dữ liệu (URL hoặc đường dẫn tệp SQLite)")
    parser.add_argument("--user", metavar="NAME", help="người dùng thực hiện lệnh")
    parser.add_argument("--json", action="store_true", help="kết quả dạng JSON")

    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--json", action="store_true", default=argparse.SUPPRESS, help="kết quả dạng JSON"
    )

    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

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

    unit = commands.add_parser("unit", help="thông tin đơn vị").add_subparsers(
        dest="unit_command", metavar="ACTION", required=True
    )
    p = unit.add_parser("show", help="xem thông tin đơn vị", parents=[common])
    p.set_defaults(run=cmd_unit_show)
    p = unit.add_parser("set", help="sửa thông tin đơn vị", parents=[common])
    for opt in _UNIT_OPTIONS:
        p.add_argument(f"--{opt.replace('_', '-')}", dest=opt)
    p.add_argument("--counter", action="append", help="tên quầy (lặp lại được)")
    p.set_defaults(run=cmd_unit_set)

    calendar = commands.add_parser("calendar", help="lịch làm việc và ngày hẹn").add_subparsers(
        dest="calendar_command", metavar="ACTION", required=True
    )
    p = calendar.add_parser("due", help="tính ngày hẹn trả kết quả", parents=[common])
    p.add_argument(
        "--received", required=True, metavar='"YYYY-MM-DD HH:MM"', help="thời điểm tiếp nhận"
    )
    length = p.add_mutually_exclusive_group(required=True)
    length.add_argument("--days", type=int, metavar="N", help="N ngày làm việc")
    length.add_argument("--hours", type=int, metavar="N", help="N giờ làm việc")
    length.add_argument("--same-day", action="store_true", help="trả trong ngày")
    p.add_argument("--cutoff", metavar="HH:MM", help="giờ chốt: nhận sau giờ này tính sang hôm sau")
    p.add_argument(
        "--policy",
        choices=["day-end", "hours"],
        help="cách tính (mặc định: theo đơn vị, ban đầu là day-end)",
    )
    p.add_argument(
        "--office-hours",
        metavar='"07:00-11:30,13:30-17:00"',
        help="giờ làm việc (mặc định: theo đơn vị)",
    )
    p.set_defaults(run=cmd_calendar_due)
    p = calendar.add_parser(
        "days", help="ngày nghỉ trong tuần và ngày làm bù của một năm", parents=[common]
    )
    p.add_argument("--year", type=int, required=True)
    p.set_defaults(run=cmd_calendar_days)
    p = calendar.add_parser("set", help="thêm/sửa một mục lịch (quản trị)", parents=[common])
    p.add_argument("date", metavar="YYYY-MM-DD")
    p.add_argument("--kind", required=True, choices=["off", "working"])
    p.add_argument("--name", required=True)
    p.add_argument("--source", default="", help="văn bản căn cứ")
    p.set_defaults(run=cmd_calendar_set)
    p = calendar.add_parser("remove", help="bỏ một mục lịch (quản trị)", parents=[common])
    p.add_argument("date", metavar="YYYY-MM-DD")
    p.set_defaults(run=cmd_calendar_remove)
    p = calendar.add_parser("import", help="nhập lịch từ tệp CSV (quản trị)", parents=[common])
    p.add_argument("file")
    p.set_defaults(run=cmd_calendar_import)
    p = calendar.add_parser("export", help="xuất lịch ra tệp CSV", parents=[common])
    p.add_argument("file", help="tệp CSV, hoặc - cho đầu ra chuẩn")
    p.add_argument("--year", type=int)
    p.set_defaults(run=cmd_calendar_export)

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
    p.set_defaults(run=cmd_intake_slip)

    docs = commands.add_parser("docs", help="tài liệu ISO được kiểm soát").add_subparsers(
        dest="docs_command", metavar="ACTION", required=True
    )
    p = docs.add_parser(
        "list", help="danh mục tài liệu và lần ban hành đang hiệu lực", parents=[common]
    )
    p.add_argument("--as-of", type=_date, metavar="YYYY-MM-DD", help="như tại ngày này")
    p.set_defaults(run=cmd_docs_list)
    p = docs.add_parser("history", help="các lần ban hành, trạng thái và chữ ký", parents=[common])
    p.add_argument("code")
    p.add_argument("--as-of", type=_date, metavar="YYYY-MM-DD", help="trạng thái tại ngày này")
    p.set_defaults(run=cmd_docs_history)
    p = docs.add_parser(
        "register", help="xuất danh mục tài liệu nội bộ và bên ngoài", parents=[common]
    )
    p.add_argument("--out", required=True, metavar="FILE.docx|FILE.xlsx|FILE.pdf")
    p.add_argument("--as-of", type=_date, metavar="YYYY-MM-DD", help="như tại ngày này")
    p.set_defaults(run=cmd_docs_register)
    p = docs.add_parser(
        "import-folder", help="nhập thư mục tài liệu đã ban hành (.docx/.pdf)", parents=[common]
    )
    p.add_argument("dir")
    p.add_argument("--effective", type=_date, required=True, metavar="YYYY-MM-DD")
    p.set_defaults(run=cmd_docs_import_folder)
    p = docs.add_parser(
        "generate", help="tạo tệp .docx của quy trình giải quyết TTHC", parents=[common]
    )
    p.add_argument("code")
    p.add_argument("--out", required=True, metavar="FILE.docx")
    p.set_defaults(run=cmd_docs_generate)

    dossier = commands.add_parser("dossier", help="hồ sơ: xem, chuyển, trả kết quả").add_subparsers(
        dest="dossier_command", metavar="ACTION", required=True
    )
    p = dossier.add_parser("show", help="xem hồ sơ và quá trình giải quyết", parents=[common])
    p.add_argument("code")
    p.set_defaults(run=cmd_dossier_show)
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
        p.add_argument("--at", type=_at, metavar='"YYYY-MM-DD HH:MM"', help=at_help)
        p.set_defaults(run=cmd_dossier_action, action=action)
        if action == "handover":
            p.add_argument("--to", dest="to_user", required=True, metavar="USER")
        if action in ("request-supplement", "stop", "cancel"):
            p.add_argument("--reason", required=True, metavar="TEXT")
        if action == "apologize":
            p.add_argument(
                "--new-appointment", type=_at, required=True, metavar='"YYYY-MM-DD HH:MM"'
            )
            p.add_argument("--reason", required=True, metavar="TEXT")
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
    p.add_argument("--from", dest="date_from", type=_date, required=True, metavar="YYYY-MM-DD")
    p.add_argument("--to", dest="date_to", type=_date, required=True, metavar="YYYY-MM-DD")
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
    p.add_argument("--from", dest="date_from", type=_date, metavar="YYYY-MM-DD")
    p.add_argument("--to", dest="date_to", type=_date, metavar="YYYY-MM-DD")
    p.add_argument("--channel", choices=["direct", "online", "postal"])
    p.set_defaults(run=cmd_ledger)

    audit = commands.add_parser("audit", help="nhật ký kiểm tra").add_subparsers(
        dest="audit_command", metavar="ACTION", required=True
    )
    p = audit.add_parser("verify", help="kiểm tra chuỗi băm của nhật ký", parents=[common])
    p.set_defaults(run=cmd_audit_verify)
    p = audit.add_parser("log", help="xem nhật ký", parents=[common])
    p.add_argument("--entity", metavar="KIND")
    p.add_argument("--id", metavar="ID")
    p.add_argument("--from", dest="date_from", type=_date, metavar="YYYY-MM-DD")
    p.add_argument("--to", dest="date_to", type=_date, metavar="YYYY-MM-DD")
    p.add_argument("--actor", metavar="USER")
    p.add_argument("--action", metavar="ACTION", help="hành động; “dossier.” = mọi hành động hồ sơ")
    p.set_defaults(run=cmd_audit_log)
    p = audit.add_parser(
        "as-of", help="tài liệu và nội dung thủ tục có hiệu lực tại một ngày", parents=[common]
    )
    p.add_argument("day", type=_date, metavar="YYYY-MM-DD")
    p.set_defaults(run=cmd_audit_as_of)
    p = audit.add_parser(
        "pack", help="lập hồ sơ chứng cứ (.zip) của tài liệu hoặc một kỳ", parents=[common]
    )
    p.add_argument("code", nargs="?", metavar="DOC_CODE")
    p.add_argument("--out", required=True, metavar="FILE.zip")
    p.add_argument("--from", dest="date_from", type=_date, metavar="YYYY-MM-DD")
    p.add_argument("--to", dest="date_to", type=_date, metavar="YYYY-MM-DD")
    p.set_defaults(run=cmd_audit_pack)
    p = audit.add_parser(
        "verify-pack", help="kiểm tra hồ sơ chứng cứ (không cần cơ sở dữ liệu)", parents=[common]
    )
    p.add_argument("file", metavar="FILE.zip")
    p.set_defaults(run=cmd_audit_verify_pack)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    ctx = Context(args)
    try:
        return int(args.run(ctx))
    except IsoqmsError as exc:
        print(f"isoqms: {exc.message}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("isoqms: đã huỷ.", file=sys.stderr)
        return 1
    finally:
        ctx.close()


if __name__ == "__main__":
    raise SystemExit(main())
