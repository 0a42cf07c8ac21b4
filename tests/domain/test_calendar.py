"""The working-day calendar and the deadline engine, on the shipped official schedule."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from isoqms.domain.calendar import (
    CalendarEntry,
    DayKind,
    Duration,
    DurationUnit,
    Policy,
    Schedule,
    WorkCalendar,
    format_vn_datetime,
    parse_received,
)
from isoqms.domain.errors import ValidationError
from isoqms.domain.office_hours import OfficeHours
from isoqms.domain.schedule_file import parse_schedule

SHIPPED = Path(__file__).resolve().parents[2] / "resources" / "calendar" / "official-schedule.csv"
ENTRIES = parse_schedule(SHIPPED.read_text(encoding="utf-8"))
CALENDAR = WorkCalendar(ENTRIES)
SCHEDULE = Schedule(CALENDAR, OfficeHours.parse("07:00-11:30,13:30-17:00"))
D, H = Policy.DAY_END, Policy.HOURS


def at(text: str) -> dt.datetime:
    return parse_received(text)


# Published dates (lịch vạn niên, UTC+7). 2030: the new moon falls at 23:07 on 2 February
# in Vietnam but 00:07 on 3 February in China, so Tết Canh Tuất is 02/02/2030 here.
TET = {
    2020: "2020-01-25",
    2021: "2021-02-12",
    2022: "2022-02-01",
    2023: "2023-01-22",
    2024: "2024-02-10",
    2025: "2025-01-29",
    2026: "2026-02-17",
    2027: "2027-02-06",
    2028: "2028-01-26",
    2029: "2029-02-13",
    2030: "2030-02-02",
}
GIO_TO = {
    2020: "2020-04-02",
    2021: "2021-04-21",
    2022: "2022-04-10",
    2023: "2023-04-29",
    2024: "2024-04-18",
    2025: "2025-04-07",
    2026: "2026-04-26",
    2027: "2027-04-16",
    2028: "2028-04-04",
    2029: "2029-04-23",
    2030: "2030-04-12",
}


@pytest.mark.parametrize("year", sorted(TET))
def test_lunar_holidays_match_published_dates(year: int) -> None:
    calendar = WorkCalendar()  # the rules alone
    tet = dt.date.fromisoformat(TET[year])
    gio_to = dt.date.fromisoformat(GIO_TO[year])
    assert calendar.info(tet).name == "Tết Nguyên Đán" and not calendar.info(tet).working
    assert calendar.info(gio_to).name == "Ngày Giỗ Tổ Hùng Vương"
    assert not calendar.is_working_day(gio_to)


def test_fixed_holidays_and_in_lieu_days_from_the_rules() -> None:
    calendar = WorkCalendar()
    for day in ("2027-01-01", "2027-04-30", "2027-09-02"):
        assert not calendar.is_working_day(dt.date.fromisoformat(day))
    # 1/5/2027 is a Saturday: Monday 3/5 is the day off in lieu (nghỉ bù)
    assert not calendar.is_working_day(dt.date(2027, 5, 3))
    assert "nghỉ bù" in calendar.info(dt.date(2027, 5, 3)).name


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e.day.isoformat())
def test_every_official_entry_is_in_force(entry: CalendarEntry) -> None:
    info = CALENDAR.info(entry.day)
    assert info.working is (entry.kind is DayKind.WORKING)
    assert info.origin == "schedule" and info.name == entry.name


def test_make_up_saturdays_are_working_days() -> None:
    for day in ("2024-05-04", "2025-04-26", "2026-01-10", "2026-08-22"):
        assert CALENDAR.is_working_day(dt.date.fromisoformat(day))
    assert not WorkCalendar().is_working_day(dt.date(2026, 1, 10))  # rules alone: a Saturday


def test_year_exceptions_list_weekdays_off_and_worked_weekends() -> None:
    days = {d.day.isoformat(): d for d in CALENDAR.exceptions(2026)}
    assert days["2026-01-02"].working is False
    assert days["2026-01-10"].working is True and days["2026-01-10"].weekday_name == "Thứ Bảy"
    assert "2026-02-14" not in days  # a Saturday off is no exception
    assert [k for k in days if k.startswith("2026-02")] == [
        "2026-02-16",
        "2026-02-17",
        "2026-02-18",
        "2026-02-19",
        "2026-02-20",
    ]


# ------------------------------------------------------------------ hand-computed appointments
# (received, duration, policy, cutoff, expected)
CASES = [
    # Tết 2025: weekdays 27–31/01 off, 25/01–02/02 no work
    ("2025-01-24 09:00", Duration.days(1), D, None, "2025-02-03 17:00"),
    ("2025-01-24 09:00", Duration.days(1), H, None, "2025-02-03 09:00"),
    ("2025-01-24 16:00", Duration.same_day(), D, "15:00", "2025-02-03 17:00"),
    ("2025-01-29 10:00", Duration.days(2), D, None, "2025-02-05 17:00"),
    ("2025-01-23 12:15", Duration.days(2), H, None, "2025-02-03 11:30"),
    # Tết 2026: weekdays 16–20/02 off
    ("2026-02-13 10:00", Duration.days(3), D, None, "2026-02-25 17:00"),
    ("2026-02-13 10:00", Duration.days(3), H, None, "2026-02-25 10:00"),
    ("2026-02-13 17:30", Duration.days(1), D, None, "2026-02-24 17:00"),
    ("2026-02-13 17:30", Duration.days(1), H, None, "2026-02-23 17:00"),
    ("2026-02-18 08:00", Duration.same_day(), D, None, "2026-02-23 17:00"),
    # 02/01/2026 off, paid back on Saturday 10/01/2026
    ("2025-12-31 14:00", Duration.days(1), D, None, "2026-01-05 17:00"),
    ("2026-01-09 09:00", Duration.days(1), D, None, "2026-01-10 17:00"),
    ("2026-01-09 09:00", Duration.days(1), H, None, "2026-01-10 09:00"),
    ("2026-01-10 08:00", Duration.same_day(), D, None, "2026-01-10 17:00"),
    ("2026-01-10 15:30", Duration.same_day(), D, "15:00", "2026-01-12 17:00"),
    ("2026-01-01 09:00", Duration.days(1), D, None, "2026-01-06 17:00"),
    # 26/04/2026 Giỗ Tổ on a Sunday → Monday 27/04 off, then 30/4 and 1/5
    ("2026-04-24 11:45", Duration.days(1), D, None, "2026-04-28 17:00"),
    ("2026-04-24 11:45", Duration.days(1), H, None, "2026-04-28 11:30"),
    ("2026-04-29 10:00", Duration.days(1), D, None, "2026-05-04 17:00"),
    ("2026-04-29 15:01", Duration.same_day(), D, "15:00", "2026-05-04 17:00"),
    ("2026-04-29 15:00", Duration.same_day(), D, "15:00", "2026-04-29 17:00"),
    # 31/08/2026 off for Saturday 22/08; 1–2/9
    ("2026-08-21 16:30", Duration.days(1), D, None, "2026-08-22 17:00"),
    ("2026-08-21 16:30", Duration.days(1), H, None, "2026-08-22 16:30"),
    ("2026-08-21 16:30", Duration.days(2), D, None, "2026-08-24 17:00"),
    ("2026-08-28 10:00", Duration.days(1), D, None, "2026-09-03 17:00"),
    ("2026-08-28 10:00", Duration.days(5), D, None, "2026-09-09 17:00"),
    # 24/11/2026
    ("2026-11-23 15:30", Duration.same_day(), D, "15:00", "2026-11-25 17:00"),
    ("2026-11-23 09:00", Duration.days(1), D, None, "2026-11-25 17:00"),
    ("2026-11-24 09:00", Duration.hours(4), D, None, "2026-11-25 11:00"),
    # 2024: Tết 08–14/02; 29/4 off for Saturday 04/05; 2–3/9
    ("2024-02-07 14:00", Duration.days(1), D, None, "2024-02-15 17:00"),
    ("2024-04-26 09:00", Duration.days(1), D, None, "2024-05-02 17:00"),
    ("2024-05-03 09:00", Duration.days(1), D, None, "2024-05-04 17:00"),
    ("2024-08-30 09:00", Duration.days(1), H, None, "2024-09-04 09:00"),
    # 2025: 02/05 off for Saturday 26/04; 01–02/09
    ("2025-04-25 09:00", Duration.days(1), D, None, "2025-04-26 17:00"),
    ("2025-04-30 08:00", Duration.days(1), D, None, "2025-05-06 17:00"),
    ("2025-08-29 09:00", Duration.days(2), D, None, "2025-09-04 17:00"),
    # working hours across lunch and closing
    ("2026-11-20 10:00", Duration.hours(2), D, None, "2026-11-20 14:00"),
    ("2026-11-20 10:00", Duration.hours(2), H, None, "2026-11-20 14:00"),
    ("2026-11-20 10:00", Duration.hours(1), H, None, "2026-11-20 11:00"),
    ("2026-11-20 10:00", Duration.hours(1), D, None, "2026-11-20 11:00"),
    ("2026-11-20 06:30", Duration.hours(8), H, None, "2026-11-20 17:00"),
    ("2026-11-20 06:30", Duration.days(0), D, None, "2026-11-20 17:00"),
    # calendar days ("N ngày"): counted from the next day, rest days included; a limit
    # that ends on a rest day or holiday ends on the next working day (BLDS art. 148(5))
    ("2026-11-20 10:00", Duration.calendar_days(15), D, None, "2026-12-07 17:00"),
    ("2026-11-16 09:00", Duration.calendar_days(8), D, None, "2026-11-25 17:00"),
    ("2026-02-13 10:00", Duration.calendar_days(5), D, None, "2026-02-23 17:00"),
    ("2026-11-20 17:30", Duration.calendar_days(3), D, None, "2026-11-26 17:00"),
    ("2026-11-19 09:00", Duration.calendar_days(2), H, None, "2026-11-23 17:00"),
    ("2026-11-18 09:00", Duration.calendar_days(2), D, None, "2026-11-20 17:00"),
]


@pytest.mark.parametrize(("received", "duration", "policy", "cutoff", "expected"), CASES)
def test_appointment(
    received: str, duration: Duration, policy: Policy, cutoff: str | None, expected: str
) -> None:
    cut = dt.time.fromisoformat(cutoff) if cutoff else None
    assert SCHEDULE.appointment(at(received), duration, policy, cut) == at(expected)


def test_effective_receipt_outside_office_hours() -> None:
    assert SCHEDULE.effective_receipt(at("2026-11-20 06:00")) == at("2026-11-20 07:00")
    assert SCHEDULE.effective_receipt(at("2026-11-20 11:30")) == at("2026-11-20 13:30")
    assert SCHEDULE.effective_receipt(at("2026-11-20 12:00")) == at("2026-11-20 13:30")
    assert SCHEDULE.effective_receipt(at("2026-11-20 17:00")) == at("2026-11-23 07:00")
    assert SCHEDULE.effective_receipt(at("2026-11-21 09:00")) == at("2026-11-23 07:00")
    assert SCHEDULE.effective_receipt(at("2026-11-20 10:15")) == at("2026-11-20 10:15")
    cutoff = dt.time(15)
    assert SCHEDULE.effective_receipt(at("2026-11-20 15:05"), cutoff) == at("2026-11-23 07:00")


def test_pausing_a_limit_in_calendar_days_moves_it_by_the_days_paused() -> None:
    """15 days from Friday 20/11/2026: Monday 07/12 (05/12 is a Saturday). Paused from
    25/11 to 30/11 (five days, a weekend among them): 12/12, a Saturday, so Monday 14/12."""
    due = SCHEDULE.appointment(at("2026-11-20 10:00"), Duration.calendar_days(15), D)
    assert due == at("2026-12-07 17:00")
    unit = DurationUnit.CALENDAR_DAYS
    moved = SCHEDULE.resumed_appointment(
        due, at("2026-11-25 10:00"), at("2026-11-30 09:00"), D, unit
    )
    assert moved == at("2026-12-14 17:00")
    same_day = SCHEDULE.resumed_appointment(
        due, at("2026-11-25 10:00"), at("2026-11-25 15:00"), D, unit
    )
    assert same_day == due


def test_a_limit_beyond_ten_years_is_refused_in_words() -> None:
    for make in (Duration.days, Duration.calendar_days, Duration.hours):
        with pytest.raises(ValidationError, match="quá dài"):
            make(10**30)


def test_pausing_moves_the_appointment_by_the_paused_office_time() -> None:
    due = SCHEDULE.appointment(at("2026-11-16 09:00"), Duration.days(3), D)
    assert due == at("2026-11-19 17:00")
    # paused Tue 10:00 → Thu 10:00: 16 office hours = two working days
    moved = SCHEDULE.resumed_appointment(due, at("2026-11-17 10:00"), at("2026-11-19 10:00"), D)
    assert moved == at("2026-11-23 17:00")  # Fri 20, then Mon 23 (weekend skipped)
    hours_due = SCHEDULE.appointment(at("2026-11-16 09:00"), Duration.days(3), H)
    assert hours_due == at("2026-11-19 09:00")
    # paused Tue 17/11 16:00 → Mon 23/11 08:00: 1 + 8 + 8 + 8 + 1 = 26 office hours; the
    # clock then runs Thu 19 (6 h), Fri 20 (8 h), Mon 23 (8 h), skips the 24/11 holiday
    # and ends Wed 25/11 after 4 h
    moved = SCHEDULE.resumed_appointment(
        hours_due, at("2026-11-17 16:00"), at("2026-11-23 08:00"), H
    )
    assert moved == at("2026-11-25 11:00")
    assert SCHEDULE.resumed_appointment(due, at("2026-11-21 08:00"), at("2026-11-22 08:00")) == due


def test_extension_must_be_later_and_in_office_hours() -> None:
    due = at("2026-11-19 17:00")
    assert SCHEDULE.check_new_appointment(due, at("2026-11-25 10:00")) == at("2026-11-25 10:00")
    with pytest.raises(ValidationError, match="phải sau"):
        SCHEDULE.check_new_appointment(due, at("2026-11-18 10:00"))
    with pytest.raises(ValidationError, match="không rơi vào giờ làm việc"):
        SCHEDULE.check_new_appointment(due, at("2026-11-24 10:00"))
    with pytest.raises(ValidationError, match="không rơi vào giờ làm việc"):
        SCHEDULE.check_new_appointment(due, at("2026-11-25 12:00"))


@pytest.mark.parametrize("text", ["24/11/2026 08:00", "2026-11-24", "2026-02-30 08:00", "", "x"])
def test_unparseable_receipt_times_are_refused(text: str) -> None:
    with pytest.raises(ValidationError, match="YYYY-MM-DD HH:MM"):
        parse_received(text)


def test_negative_durations_are_refused() -> None:
    with pytest.raises(ValidationError, match="không được là số âm"):
        Duration.days(-1)
    with pytest.raises(ValidationError, match="không được là số âm"):
        Duration.hours(-3)


def test_two_entries_for_one_day_are_refused() -> None:
    entry = CalendarEntry(dt.date(2026, 1, 2), DayKind.OFF, "Nghỉ")
    with pytest.raises(ValidationError, match="hai mục"):
        WorkCalendar([entry, entry])


def test_slip_wording() -> None:
    assert format_vn_datetime(at("2026-11-25 07:05")) == "07 giờ 05 phút, ngày 25 tháng 11 năm 2026"
    assert str(Duration.days(3)) == "03 ngày làm việc"
    assert str(Duration.calendar_days(15)) == "15 ngày"
    assert str(Duration.hours(4)) == "04 giờ làm việc"


# ------------------------------------------------------------------ properties, 2000–2100

instants = st.datetimes(
    min_value=dt.datetime(2000, 1, 1),
    max_value=dt.datetime(2100, 12, 1),
).map(lambda d: d.replace(second=0, microsecond=0))
policies = st.sampled_from([Policy.DAY_END, Policy.HOURS])
cutoffs = st.one_of(
    st.none(),
    st.times(min_value=dt.time(7), max_value=dt.time(17)).map(
        lambda t: t.replace(second=0, microsecond=0)
    ),
)
durations = st.one_of(
    st.builds(Duration.days, st.integers(0, 60)),
    st.builds(Duration.calendar_days, st.integers(0, 60)),
    st.builds(Duration.hours, st.integers(0, 120)),
    st.just(Duration.same_day()),
)


@settings(max_examples=300, deadline=None)
@given(received=instants, duration=durations, policy=policies, cutoff=cutoffs)
def test_appointment_is_never_early_and_always_in_office_hours(
    received: dt.datetime, duration: Duration, policy: Policy, cutoff: dt.time | None
) -> None:
    due = SCHEDULE.appointment(received, duration, policy, cutoff)
    assert due >= received
    assert CALENDAR.is_working_day(due.date())
    assert SCHEDULE.is_open(due)


@settings(max_examples=200, deadline=None)
@given(
    received=instants,
    n=st.integers(0, 40),
    extra=st.integers(1, 20),
    policy=policies,
    cutoff=cutoffs,
)
def test_more_working_days_never_give_an_earlier_appointment(
    received: dt.datetime, n: int, extra: int, policy: Policy, cutoff: dt.time | None
) -> None:
    shorter = SCHEDULE.appointment(received, Duration.days(n), policy, cutoff)
    longer = SCHEDULE.appointment(received, Duration.days(n + extra), policy, cutoff)
    assert longer >= shorter


@settings(max_examples=200, deadline=None)
@given(start=instants, hours=st.integers(0, 200))
def test_working_time_round_trips(start: dt.datetime, hours: int) -> None:
    effective = SCHEDULE.effective_receipt(start)
    end = SCHEDULE.add_working_time(effective, dt.timedelta(hours=hours))
    assert SCHEDULE.working_time_between(effective, end) == dt.timedelta(hours=hours)


def test_module_level_appointment_function() -> None:
    from isoqms.domain.calendar import appointment

    due = appointment(
        at("2026-01-09 09:00"),
        Duration.days(1),
        Policy.DAY_END,
        calendar=CALENDAR,
        office_hours=OfficeHours.parse("07:00-11:30,13:30-17:00"),
    )
    assert due == at("2026-01-10 17:00")


def test_24_11_is_a_rule_of_its_own_with_its_source() -> None:
    """Ngày Văn hóa Việt Nam: off from 2026 (Resolution 28/2026/QH16), outside Labor Code
    art. 112 — no day in lieu on a weekend, and the day after is flagged as unsettled
    while that year's official schedule is missing."""
    from isoqms.domain.calendar import WorkCalendar, unsettled

    bare = WorkCalendar()
    assert bare.is_working_day(dt.date(2025, 11, 24))  # before the resolution
    info = bare.info(dt.date(2027, 11, 24))  # a Wednesday
    assert (info.working, info.name, info.origin) == (False, "Ngày Văn hóa Việt Nam", "rule")
    assert "Nghị quyết 28/2026/QH16" in info.source
    assert bare.info(dt.date(2027, 9, 2)).source == "Bộ luật Lao động 2019, Điều 112"
    # 24/11/2029 is a Saturday: named, no day in lieu on Monday 26/11, which may still move
    assert bare.info(dt.date(2029, 11, 24)).name == "Ngày Văn hóa Việt Nam"
    assert bare.is_working_day(dt.date(2029, 11, 26))
    assert unsettled(bare, dt.date(2029, 11, 26)) and not unsettled(bare, dt.date(2029, 11, 27))
    # a Labor Code holiday on a weekend keeps its day in lieu (2/9/2029 is a Sunday)
    assert not bare.is_working_day(dt.date(2029, 9, 3))
