"""A calendar that knows what it does not know: next year's official holiday schedule is
looked for from 1 October; until it is in, the year is marked as not published, and
importing it lists the open dossiers whose appointment it would move."""

from __future__ import annotations

import datetime as dt
import json

from isoqms.db.engine import Database
from isoqms.domain.calendar import WorkCalendar, unpublished_years
from isoqms.services import calendar as calendar_service
from isoqms.services import intake
from isoqms.services.intake import Applicant, IntakeDraft
from tests.helpers import login, run_cli
from tests.helpers_journey import CIVIL

PW = {"ISOQMS_PASSWORD": "demo"}


def test_a_year_without_its_tet_schedule_is_not_published(demo_db: Database) -> None:
    calendar = calendar_service.load_calendar(demo_db)
    assert calendar.published(2026) and not calendar.published(2027)
    # looked for from 1 October: before it, only this year counts
    assert unpublished_years(calendar, dt.date(2026, 9, 30)) == []
    assert unpublished_years(calendar, dt.date(2026, 10, 1)) == [2027]
    assert not WorkCalendar().published(2026)  # the Labor Code's rules alone
    status = calendar_service.calendar_status(demo_db)  # the pinned day: 01/12/2026
    assert (status.year, status.published, status.missing) == (2026, True, (2027,))
    assert "Chưa có lịch nghỉ chính thức năm 2027" in status.warning()


def test_the_command_line_marks_the_year(demo_db: Database) -> None:
    url = demo_db.url.render_as_string(hide_password=False)
    days = json.loads(run_cli("--db", url, "calendar", "days", "--year", "2027", "--json").stdout)
    assert days and all(d["year_published"] is False for d in days)
    assert all(d["origin"] == "rule" for d in days)  # the Labor Code's own days
    shipped = json.loads(
        run_cli("--db", url, "calendar", "days", "--year", "2026", "--json").stdout
    )
    assert all(d["year_published"] is True for d in shipped)
    text = run_cli("--db", url, "calendar", "days", "--year", "2027").stdout
    assert text.startswith("Chưa có lịch nghỉ chính thức năm 2027")
    status = json.loads(
        run_cli("--db", url, "calendar", "status", "--year", "2027", "--json").stdout
    )
    assert status["published"] is False and status["missing"] == [2027]
    bad = run_cli("--db", url, "calendar", "status", "--year", "1800")
    assert bad.returncode == 1 and "Traceback" not in bad.stderr


def test_importing_the_schedule_lists_the_appointments_it_moves(demo_db: Database) -> None:
    clerk, admin = login(demo_db, "clerk"), login(demo_db, "admin")
    received = dt.datetime(2027, 2, 2, 9, 0)  # before Tết 2027, three working days
    draft = IntakeDraft(CIVIL, Applicant("Lê Văn An"), received_at=received)
    made = intake.receive(demo_db, clerk, draft, now=received)
    due = made.appointment
    assert due.date() > dt.date(2027, 2, 10)  # after the Labor Code's Tết days
    other = intake.receive(
        demo_db, clerk, IntakeDraft(CIVIL, Applicant("Trần Thị Bình"), received_at=received),
        now=received,
    )  # fmt: skip
    # the official schedule, when it comes, gives the day of the appointment off too
    schedule = (
        "date,kind,name,source\n"
        f"2027-02-03,off,Nghỉ Tết Nguyên Đán Đinh Mùi (27 Tết),Lịch nghỉ Tết 2027\n"
        f"{due:%Y-%m-%d},off,Nghỉ Tết Nguyên Đán Đinh Mùi,Lịch nghỉ Tết 2027\n"
    )
    report = calendar_service.import_entries(demo_db, admin, schedule)
    assert report.changed == 2
    moved = {m.code: m for m in report.moved}
    assert set(moved) == {made.code, other.code}
    assert moved[made.code].appointment == due and moved[made.code].would_be > due
    assert f"{made.code} — Lê Văn An" in report.summary()
    assert calendar_service.load_calendar(demo_db).published(2027)
    # the appointment given stays as printed on the slip
    again = calendar_service.import_entries(demo_db, admin, schedule)
    assert again.changed == 0 and again.moved == ()


def test_an_appointment_in_a_window_the_missing_schedule_may_move_is_flagged(
    demo_db: Database,
) -> None:
    from isoqms.domain.calendar import unsettled

    calendar = calendar_service.load_calendar(demo_db)
    assert unsettled(calendar, dt.date(2027, 2, 12))  # around Tết 2027, not published
    assert unsettled(calendar, dt.date(2027, 9, 3))
    assert not unsettled(calendar, dt.date(2027, 3, 15))  # no holiday window
    assert not unsettled(calendar, dt.date(2026, 2, 12))  # 2026's schedule is in
    assert calendar_service.appointment_unsettled(demo_db, dt.datetime(2027, 1, 20, 17))
