"""The calendar as the unit keeps it: shipped schedule, admin changes, import, audit."""

from __future__ import annotations

import datetime as dt

import pytest

from isoqms.db.engine import Database
from isoqms.domain.calendar import CalendarEntry, DayKind, Duration, Policy
from isoqms.domain.errors import NotFound, PermissionDenied, ValidationError
from isoqms.services import calendar as svc
from isoqms.services import unit as unit_svc
from isoqms.services.uow import Actor
from tests.helpers import audit_count, login, raw_sql

SATURDAY = dt.date(2027, 2, 13)


def test_the_shipped_schedule_is_loaded_once(db: Database) -> None:
    added = svc.ensure_shipped_schedule(db)
    assert added == 31  # 24/11 is a rule, not an entry
    assert svc.ensure_shipped_schedule(db) == 0
    assert not svc.load_calendar(db).is_working_day(dt.date(2026, 1, 2))
    assert svc.load_calendar(db).is_working_day(dt.date(2026, 1, 10))
    assert audit_count(db) == 31


def test_admin_changes_are_audited_and_kept_over_the_shipped_file(
    demo_db: Database, admin: Actor
) -> None:
    events = audit_count(demo_db)
    svc.set_entry(demo_db, admin, CalendarEntry(SATURDAY, DayKind.WORKING, "Làm bù Tết 2027"))
    assert svc.load_calendar(demo_db).is_working_day(SATURDAY)
    bridge = dt.date(2026, 1, 2)  # off only by the schedule, not by the rules
    svc.remove_entry(demo_db, admin, bridge)
    assert svc.load_calendar(demo_db).is_working_day(bridge)
    assert audit_count(demo_db) == events + 2
    # a later start with a changed shipped file does not bring the removed day back
    raw_sql(demo_db, "UPDATE setting SET value = 'old' WHERE key = 'calendar.shipped'")
    assert svc.ensure_shipped_schedule(demo_db) == 0
    assert svc.load_calendar(demo_db).is_working_day(bridge)
    with pytest.raises(NotFound):
        svc.remove_entry(demo_db, admin, bridge)
    # re-adding a removed date brings it back
    svc.set_entry(demo_db, admin, CalendarEntry(bridge, DayKind.OFF, "Nghỉ hoán đổi"))
    assert not svc.load_calendar(demo_db).is_working_day(bridge)


def test_removing_an_entry_falls_back_to_the_rules(demo_db: Database, admin: Actor) -> None:
    culture_day = dt.date(2026, 11, 24)  # a rule holiday from 2026, not an entry
    assert svc.load_calendar(demo_db).info(culture_day).origin == "rule"
    svc.set_entry(demo_db, admin, CalendarEntry(culture_day, DayKind.WORKING, "Làm việc"))
    assert svc.load_calendar(demo_db).is_working_day(culture_day)  # an entry wins
    svc.remove_entry(demo_db, admin, culture_day)
    info = svc.load_calendar(demo_db).info(culture_day)
    assert (info.origin, info.working) == ("rule", False)


@pytest.mark.parametrize("role", ["clerk", "auditor", "iso_secretary"])
def test_only_the_administrator_edits_the_calendar(demo_db: Database, role: str) -> None:
    actor = login(demo_db, role)
    events = audit_count(demo_db)
    with pytest.raises(PermissionDenied, match="sửa lịch làm việc"):
        svc.set_entry(demo_db, actor, CalendarEntry(SATURDAY, DayKind.WORKING, "Làm bù"))
    with pytest.raises(PermissionDenied):
        svc.remove_entry(demo_db, actor, dt.date(2026, 1, 2))
    with pytest.raises(PermissionDenied):
        svc.import_entries(demo_db, actor, "date,kind,name\n2027-02-13,working,Làm bù\n")
    assert audit_count(demo_db) == events


def test_import_adds_and_updates_and_reports(demo_db: Database, admin: Actor) -> None:
    text = (
        "date,kind,name,source\n"
        "2027-02-04,off,Nghỉ Tết Đinh Mùi,Thông báo 2027\n"
        "2027-02-13,working,Làm bù Tết,Thông báo 2027\n"
        "2026-04-27,off,Nghỉ bù Giỗ Tổ Hùng Vương (26/04/2026 là Chủ Nhật),"
        "Bộ luật Lao động 2019 điều 112 khoản 3 (nghỉ bù)\n"
    )
    report = svc.import_entries(demo_db, admin, text)
    assert (report.read, report.changed) == (3, 2)
    assert "2 mục mới hoặc thay đổi" in report.summary()
    exported = svc.export_entries(demo_db, 2027)
    assert exported.splitlines()[1:] == [
        "2027-02-04,off,Nghỉ Tết Đinh Mùi,Thông báo 2027",
        "2027-02-13,working,Làm bù Tết,Thông báo 2027",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "date,kind,name\n2027-02-04,off,Nghỉ\n2027-02-13,holiday,Làm bù\n",
        "date,kind,name\n2027-02-04,off,Nghỉ\n2027-02-31,working,Làm bù\n",
        "this is not a schedule",
    ],
)
def test_a_bad_import_changes_nothing(demo_db: Database, admin: Actor, text: str) -> None:
    before, events = svc.list_entries(demo_db), audit_count(demo_db)
    with pytest.raises(ValidationError):
        svc.import_entries(demo_db, admin, text)
    assert svc.list_entries(demo_db) == before
    assert audit_count(demo_db) == events


def test_unit_policy_and_hours_drive_the_schedule(demo_db: Database, admin: Actor) -> None:
    unit = unit_svc.get_unit(demo_db)
    assert unit.deadline_policy == "day-end"
    received = dt.datetime(2026, 11, 20, 10, 0)
    before = svc.unit_schedule(demo_db)
    assert before.policy is Policy.DAY_END and before.default_cutoff == dt.time(15)
    assert before.schedule.appointment(received, Duration.days(1), before.policy) == dt.datetime(
        2026, 11, 23, 17, 0
    )
    import dataclasses

    unit_svc.update_unit(
        demo_db,
        admin,
        dataclasses.replace(unit, deadline_policy="hours", office_hours="07:30-11:30,13:00-17:00"),
    )
    after = svc.unit_schedule(demo_db)
    assert after.policy is Policy.HOURS
    assert after.schedule.appointment(received, Duration.days(1), after.policy) == dt.datetime(
        2026, 11, 23, 10, 0
    )
    with pytest.raises(ValidationError, match="Cách tính ngày hẹn"):
        unit_svc.update_unit(demo_db, admin, dataclasses.replace(unit, deadline_policy="weekly"))
