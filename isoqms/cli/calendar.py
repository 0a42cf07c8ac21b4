"""``calendar``: appointments, the working days of a year, the official schedule."""

from __future__ import annotations

import argparse
import datetime as dt
import sys

from isoqms.cli.common import Commands, Context, emit_json, read_text_file, write_file
from isoqms.domain.errors import ValidationError


def cmd_calendar_due(ctx: Context) -> int:
    from isoqms.domain.calendar import Duration, Policy, Schedule, parse_received
    from isoqms.domain.office_hours import OfficeHours, parse_time
    from isoqms.services.calendar import unit_schedule

    args = ctx.args
    received = parse_received(args.received)
    if args.days is not None:
        duration = Duration.days(args.days)
    elif args.calendar_days is not None:
        duration = Duration.calendar_days(args.calendar_days)
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
    published = calendar.published(ctx.args.year)
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
                    # the year's official schedule is in (false: the Labor Code's rules,
                    # which the schedule may move)
                    "year_published": published,
                }
                for d in days
            ]
        )
        return 0
    if not published:
        print(
            f"Chưa có lịch nghỉ chính thức năm {ctx.args.year}: các ngày dưới đây theo Bộ luật "
            "Lao động (điều 112), có thể đổi khi lịch được công bố."
        )
    for d in days:
        state = "làm việc" if d.working else "nghỉ"
        print(f"{d.day.isoformat()}  {d.weekday_name:<9} {state:<9} {d.name}")
    return 0


def cmd_calendar_status(ctx: Context) -> int:
    from isoqms.services.calendar import calendar_status

    status = calendar_status(ctx.db, ctx.args.year)
    if ctx.args.json:
        emit_json(
            {
                "year": status.year,
                "published": status.published,
                "missing": list(status.missing),
                "warning": status.warning(),
            }
        )
        return 0
    state = "đã có" if status.published else "chưa có"
    print(f"Lịch nghỉ chính thức năm {status.year}: {state}.")
    if status.missing:
        print(status.warning())
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

    text = read_text_file(ctx.args.file)
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
        write_file(ctx.args.file, text.encode("utf-8-sig"))
        print(f"Đã ghi {text.count(chr(10)) - 1} mục lịch vào {ctx.args.file}.")
    return 0


def register(commands: Commands, common: argparse.ArgumentParser) -> None:
    calendar = commands.add_parser("calendar", help="lịch làm việc và ngày hẹn").add_subparsers(
        dest="calendar_command", metavar="ACTION", required=True
    )
    p = calendar.add_parser("due", help="tính ngày hẹn trả kết quả", parents=[common])
    p.add_argument(
        "--received", required=True, metavar='"YYYY-MM-DD HH:MM"', help="thời điểm tiếp nhận"
    )
    length = p.add_mutually_exclusive_group(required=True)
    length.add_argument("--days", type=int, metavar="N", help="N ngày làm việc")
    length.add_argument(
        "--calendar-days", type=int, metavar="N", help="N ngày (tính cả ngày nghỉ, ngày lễ)"
    )
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
    p = calendar.add_parser(
        "status",
        help="lịch nghỉ chính thức của năm đã có chưa (từ 1/10: cả năm sau)",
        parents=[common],
    )
    p.add_argument("--year", type=int, help="mặc định: năm nay")
    p.set_defaults(run=cmd_calendar_status)
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
