"""The working-day calendar as the unit keeps it: the official schedule entries (shipped,
then maintained by the administrator), the unit's office hours and deadline policy."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from isoqms import paths
from isoqms.db.engine import Database
from isoqms.db.models import CalendarDay, Setting, utcnow
from isoqms.domain import clock
from isoqms.domain.calendar import (
    CalendarEntry,
    DayKind,
    Policy,
    Schedule,
    WorkCalendar,
    check_day,
    check_year,
    unpublished_years,
    unsettled,
)
from isoqms.domain.errors import NotFound, ValidationError
from isoqms.domain.office_hours import OfficeHours
from isoqms.domain.roles import Permission
from isoqms.domain.schedule_file import format_schedule, parse_schedule
from isoqms.services import limits
from isoqms.services.unit import UnitInfo, get_unit
from isoqms.services.uow import Actor, UnitOfWork, write

SHIPPED_KEY = "calendar.shipped"
ENTITY = "calendar_day"


def shipped_schedule_path() -> str:
    return str(paths.resources_dir() / "calendar" / "official-schedule.csv")


def _entry(row: CalendarDay) -> CalendarEntry:
    return CalendarEntry(row.day, DayKind(row.kind), row.name, row.source)


def _snapshot(entry: CalendarEntry) -> dict[str, object]:
    return {
        "day": entry.day.isoformat(),
        "kind": entry.kind.value,
        "name": entry.name,
        "source": entry.source,
    }


def ensure_shipped_schedule(db: Database) -> int:
    """Load the schedule shipped with the program into the database.

    Only dates the database has never had are added, so an administrator's changes and
    removals stand. Cheap when the shipped file has not changed since the last time.
    Returns the number of entries added.
    """
    with open(shipped_schedule_path(), encoding="utf-8") as handle:
        text = handle.read()
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    with db.read() as session:
        setting = session.get(Setting, SHIPPED_KEY)
        if setting is not None and setting.value == digest:
            return 0
    entries = parse_schedule(text)
    added = 0
    with write(db, None, None, system=True) as uow:
        known = set(uow.session.execute(select(CalendarDay.day)).scalars())
        for entry in entries:
            if entry.day in known:
                continue
            uow.session.add(_row(entry))
            uow.record("calendar.ship", ENTITY, entry.day.isoformat(), after=_snapshot(entry))
            added += 1
        setting = uow.session.get(Setting, SHIPPED_KEY)
        if setting is None:
            uow.session.add(Setting(key=SHIPPED_KEY, value=digest))
        else:
            setting.value = digest
    return added


def _row(entry: CalendarEntry) -> CalendarDay:
    return CalendarDay(
        day=entry.day,
        kind=entry.kind.value,
        name=entry.name,
        source=entry.source,
        active=True,
        updated_at=utcnow(),
    )


def load_calendar(db: Database) -> WorkCalendar:
    with db.read() as session:
        return calendar_in(session)


def calendar_in(session: Session) -> WorkCalendar:
    rows = session.execute(select(CalendarDay).where(CalendarDay.active.is_(True))).scalars()
    return WorkCalendar(_entry(r) for r in rows)


@dataclass(frozen=True)
class UnitSchedule:
    """Everything the deadline engine needs from the unit: a frozen snapshot."""

    schedule: Schedule
    policy: Policy
    default_cutoff: dt.time | None


def unit_schedule(db: Database, unit: UnitInfo | None = None) -> UnitSchedule:
    unit = unit or get_unit(db)
    return schedule_of(unit, load_calendar(db))


def schedule_of(unit: UnitInfo, calendar: WorkCalendar) -> UnitSchedule:
    return UnitSchedule(
        Schedule(calendar, OfficeHours.parse(unit.office_hours)),
        Policy(unit.deadline_policy),
        dt.time.fromisoformat(unit.default_cutoff) if unit.default_cutoff else None,
    )


def list_entries(db: Database, year: int | None = None) -> list[CalendarEntry]:
    if year is not None:
        check_year(year)
    with db.read() as session:
        query = select(CalendarDay).where(CalendarDay.active.is_(True))
        if year is not None:
            query = query.where(
                CalendarDay.day >= dt.date(year, 1, 1), CalendarDay.day <= dt.date(year, 12, 31)
            )
        return [_entry(r) for r in session.execute(query.order_by(CalendarDay.day)).scalars()]


def _clean(entry: CalendarEntry) -> CalendarEntry:
    check_day(entry.day)
    name = limits.text(entry.name, CalendarDay.name, "tên ngày nghỉ / ngày làm bù")
    if not name:
        raise ValidationError("Chưa nhập tên ngày nghỉ / ngày làm bù.")
    source = limits.text(entry.source, CalendarDay.source, "văn bản căn cứ")
    return CalendarEntry(entry.day, DayKind(entry.kind), name, source)


def _apply(uow: UnitOfWork, entry: CalendarEntry, action: str) -> bool:
    """Insert or update one entry; returns whether anything changed."""
    row = uow.session.execute(
        select(CalendarDay).where(CalendarDay.day == entry.day)
    ).scalar_one_or_none()
    if row is None:
        uow.session.add(_row(entry))
        uow.record(action, ENTITY, entry.day.isoformat(), after=_snapshot(entry))
        return True
    before = _snapshot(_entry(row)) if row.active else None
    if row.active and _entry(row) == entry:
        return False
    row.kind, row.name, row.source = entry.kind.value, entry.name, entry.source
    row.active, row.updated_at = True, utcnow()
    uow.record(action, ENTITY, entry.day.isoformat(), before=before, after=_snapshot(entry))
    return True


def set_entry(db: Database, actor: Actor, entry: CalendarEntry) -> CalendarEntry:
    clean = _clean(entry)
    with write(db, actor, Permission.CALENDAR_MANAGE) as uow:
        _apply(uow, clean, "calendar.set")
    return clean


def remove_entry(db: Database, actor: Actor, day: dt.date) -> None:
    with write(db, actor, Permission.CALENDAR_MANAGE) as uow:
        row = uow.session.execute(
            select(CalendarDay).where(CalendarDay.day == day, CalendarDay.active.is_(True))
        ).scalar_one_or_none()
        if row is None:
            raise NotFound(f"Lịch không có mục nào cho ngày {day:%d/%m/%Y}.")
        before = _snapshot(_entry(row))
        row.active, row.updated_at = False, utcnow()
        uow.record("calendar.remove", ENTITY, day.isoformat(), before=before)


@dataclass(frozen=True)
class MovedAppointment:
    """An open dossier whose appointment the new schedule would give differently."""

    code: str
    applicant: str
    appointment: dt.datetime  # as given (and printed on the slip)
    would_be: dt.datetime  # with the schedule as it is now


@dataclass(frozen=True)
class ImportReport:
    read: int
    changed: int
    moved: tuple[MovedAppointment, ...] = ()

    def summary(self) -> str:
        text = (
            f"Đã đọc {self.read} mục lịch: {self.changed} mục mới hoặc thay đổi, "
            f"{self.read - self.changed} mục giữ nguyên."
        )
        if self.moved:
            text += (
                f" {len(self.moved)} hồ sơ đang giải quyết có ngày hẹn khác theo lịch mới "
                "(ngày hẹn đã ghi giữ nguyên; báo lại cho người nộp nếu cần):"
            )
            for m in self.moved:
                text += (
                    f"\n  {m.code} — {m.applicant}: hẹn {m.appointment:%H:%M %d/%m/%Y}, "
                    f"theo lịch mới {m.would_be:%H:%M %d/%m/%Y}"
                )
        return text


def moved_appointments(
    session: Session, before: WorkCalendar, after: WorkCalendar
) -> list[MovedAppointment]:
    """The open dossiers (never paused, so their appointment is the receipt's own) whose
    appointment ``after`` computes differently from ``before``."""
    from isoqms.db.models import Dossier, ProcedureRevision
    from isoqms.domain.journey import OPEN_STATES
    from isoqms.domain.procedure import ProcedureContent
    from isoqms.services.unit import unit_in

    unit = unit_in(session)
    old, new = schedule_of(unit, before), schedule_of(unit, after)
    contents: dict[int, ProcedureContent] = {}
    out = []
    rows = session.execute(
        select(Dossier)
        .where(Dossier.state.in_([s.value for s in OPEN_STATES]), Dossier.was_paused.is_(False))
        .order_by(Dossier.id)
    ).scalars()
    for d in rows:
        if d.revision_id not in contents:
            rev = session.get(ProcedureRevision, d.revision_id)
            if rev is None:
                continue
            contents[d.revision_id] = ProcedureContent.from_dict(json.loads(rev.content))
        content = contents[d.revision_id]
        policy = Policy(d.policy)
        cutoff = content.cutoff or old.default_cutoff
        given = old.schedule.appointment(d.received_at, content.duration, policy, cutoff)
        would = new.schedule.appointment(d.received_at, content.duration, policy, cutoff)
        if given != would:
            out.append(MovedAppointment(d.code, d.applicant_name, d.due_at, would))
    return out


def import_entries(db: Database, actor: Actor, text: str) -> ImportReport:
    """Add or update every entry of a schedule file; a file with any bad line changes
    nothing."""
    entries = [
        _clean(e)
        for e in parse_schedule(
            text,
            name_length=limits.limit_of(CalendarDay.name),
            source_length=limits.limit_of(CalendarDay.source),
        )
    ]
    with write(db, actor, Permission.CALENDAR_MANAGE) as uow:
        before = calendar_in(uow.session)
        changed = sum(_apply(uow, entry, "calendar.import") for entry in entries)
        uow.session.flush()
        moved = moved_appointments(uow.session, before, calendar_in(uow.session))
    return ImportReport(len(entries), changed, tuple(moved))


@dataclass(frozen=True)
class CalendarStatus:
    year: int
    published: bool
    #: years the desk gives appointments in whose official schedule is missing
    missing: tuple[int, ...]

    def warning(self) -> str:
        if not self.missing:
            return ""
        years = ", ".join(str(y) for y in self.missing)
        return (
            f"Chưa có lịch nghỉ chính thức năm {years}: ngày hẹn rơi vào dịp Tết, 30/4–1/5, "
            "2/9 đang tính theo Bộ luật Lao động (điều 112) và có thể đổi khi lịch được công "
            "bố — nhập lịch khi có (Quản trị → Lịch làm việc, hoặc isoqms calendar import)."
        )


def calendar_status(
    db: Database, year: int | None = None, today: dt.date | None = None
) -> CalendarStatus:
    """Whether ``year``'s official schedule is in the calendar, and which years the desk
    is giving appointments in without one."""
    day = today or clock.today()
    calendar = load_calendar(db)
    wanted = year if year is not None else day.year
    check_year(wanted)
    return CalendarStatus(
        wanted, calendar.published(wanted), tuple(unpublished_years(calendar, day))
    )


def export_entries(db: Database, year: int | None = None) -> str:
    return format_schedule(list_entries(db, year))


def appointment_unsettled(db: Database, appointment: dt.datetime) -> bool:
    """Whether an appointment falls where next year's official schedule, still missing,
    may move the days off: the clerk is told, the citizen's slip is not."""
    return unsettled(load_calendar(db), appointment.date())
