"""The working-day calendar and the deadline engine (DESIGN.md §1.3).

Three layers decide whether a day is worked:

1. the week: Monday–Friday;
2. the rules of Labor Code 2019 art. 112, lunar holidays included, with a day off in lieu
   (nghỉ bù) for a holiday on a weekend — computed for any year by the ``holidays``
   package's Vietnamese calendar — and 24/11 from 2026, a rule of its own (no day in
   lieu: its resolution does not give one);
3. the official yearly schedule (bridge days off, make-up working Saturdays, the exact Tết
   days), kept as data (:class:`CalendarEntry`) that an administrator maintains. An entry
   always wins over the rules.

The deadline engine (:class:`Schedule`) adds office hours, cut-off hours, the two
appointment policies, pausing and resuming the clock. Everything here is pure: no I/O.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import threading
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

import holidays

from isoqms.domain.errors import ValidationError
from isoqms.domain.office_hours import OfficeHours

WEEKDAY_NAMES = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật")
WEEKDAY_NAMES_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MIN_YEAR, MAX_YEAR = 1990, 2199


def check_year(year: int) -> int:
    """``year`` if the calendar computes it (the labour code's holidays, the schedule)."""
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ValidationError(f"Lịch chỉ tính cho các năm {MIN_YEAR}–{MAX_YEAR}.")
    return year


def check_day(day: dt.date) -> dt.date:
    """``day`` if it lies in the years the calendar computes."""
    check_year(day.year)
    return day


class DayKind(enum.StrEnum):
    OFF = "off"
    WORKING = "working"

    @property
    def label(self) -> str:
        return "nghỉ" if self is DayKind.OFF else "làm việc"


def parse_kind(value: str) -> DayKind:
    text = (value or "").strip().lower()
    aliases = {
        "nghi": DayKind.OFF,
        "nghỉ": DayKind.OFF,
        "lam viec": DayKind.WORKING,
        "làm việc": DayKind.WORKING,
        "lam": DayKind.WORKING,
    }
    try:
        return DayKind(text)
    except ValueError:
        if text in aliases:
            return aliases[text]
        raise ValidationError(
            f"Loại ngày “{value}” không hợp lệ: chỉ nhận “off” (nghỉ) hoặc “working” (làm việc)."
        ) from None


@dataclass(frozen=True, order=True)
class CalendarEntry:
    """One day of an official schedule: a weekday off or a weekend day worked."""

    day: dt.date
    kind: DayKind
    name: str
    source: str = ""


@dataclass(frozen=True)
class DayInfo:
    """What the calendar says of one day, and why."""

    day: dt.date
    working: bool
    name: str  # holiday or schedule name, "" for an ordinary day
    origin: str  # "week", "rule" or "schedule"
    source: str = ""

    @property
    def weekday_name(self) -> str:
        return WEEKDAY_NAMES[self.day.weekday()]

    def weekday_in(self, language: str) -> str:
        names = WEEKDAY_NAMES if language == "vi" else WEEKDAY_NAMES_EN
        return names[self.day.weekday()]


LABOR_CODE = "Bộ luật Lao động 2019, Điều 112"

#: Ngày Văn hóa Việt Nam, 24/11: a paid day off from 2026 under a resolution of the
#: National Assembly, outside Labor Code art. 112 — so the Code's day in lieu for a holiday
#: on a weekend is not said to apply to it, and none is given (DESIGN.md §1.3).
CULTURE_DAY = (11, 24)
CULTURE_DAY_FROM = 2026
CULTURE_DAY_NAME = "Ngày Văn hóa Việt Nam"
CULTURE_DAY_SOURCE = (
    "Nghị quyết 28/2026/QH16, Điều 2 (hiệu lực 01/07/2026); trùng ngày nghỉ hằng tuần "
    "thì chưa có quy định nghỉ bù"
)


def culture_day(year: int) -> dt.date | None:
    """24/11 of ``year`` when it is a day off (from 2026)."""
    return dt.date(year, *CULTURE_DAY) if year >= CULTURE_DAY_FROM else None


@functools.cache
def _labor_code_holidays(year: int) -> Mapping[dt.date, str]:
    """The statutory days off of a year: the Labor Code's holidays (lunar ones included)
    and, from 2026, 24/11 — a pure function of the year, computed once per process
    (every receipt loads the calendar afresh)."""
    computed = holidays.country_holidays("VN", years=year, language="vi")
    # the package's own 24/11 (with a day in lieu on a weekend) gives way to the rule here
    # (by date: 24/11 and the days after it, where only its day in lieu can fall)
    days = {
        day: str(name)
        for day, name in computed.items()
        if not (day.month == 11 and 24 <= day.day <= 27)
    }
    culture = culture_day(year)
    if culture is not None:  # on a weekend too: the day is named, no day in lieu added
        days[culture] = CULTURE_DAY_NAME
    return MappingProxyType(days)


def culture_day_in_lieu(calendar: WorkCalendar, year: int) -> dt.date | None:
    """The working day after a 24/11 that falls on a weekend: a day in lieu there is not
    settled, so an appointment on it may move once the year's schedule says."""
    culture = culture_day(year)
    if culture is None or culture.weekday() < 5:
        return None
    return calendar.next_working_day(culture)


def rule_source(day: dt.date) -> str:
    """The text a statutory day off rests on."""
    return CULTURE_DAY_SOURCE if day == culture_day(day.year) else LABOR_CODE


class WorkCalendar:
    """Answers "is this a working day?" for any date, fast (per-year caches)."""

    def __init__(self, entries: Iterable[CalendarEntry] = ()) -> None:
        self._entries: dict[dt.date, CalendarEntry] = {}
        for entry in entries:
            if entry.day in self._entries:
                raise ValidationError(f"Ngày {entry.day:%d/%m/%Y} có hai mục trong lịch.")
            self._entries[entry.day] = entry
        self._rules: dict[int, Mapping[dt.date, str]] = {}
        self._lock = threading.Lock()

    @property
    def entries(self) -> list[CalendarEntry]:
        return sorted(self._entries.values())

    def _rule_holidays(self, year: int) -> Mapping[dt.date, str]:
        cached = self._rules.get(year)
        if cached is None:
            check_year(year)
            with self._lock:
                cached = _labor_code_holidays(year)
                self._rules[year] = cached
        return cached

    def info(self, day: dt.date) -> DayInfo:
        entry = self._entries.get(day)
        if entry is not None:
            return DayInfo(day, entry.kind is DayKind.WORKING, entry.name, "schedule", entry.source)
        holiday = self._rule_holidays(day.year).get(day)
        if holiday is not None:
            return DayInfo(day, False, holiday, "rule", rule_source(day))
        return DayInfo(day, day.weekday() < 5, "", "week")

    def is_working_day(self, day: dt.date) -> bool:
        entry = self._entries.get(day)
        if entry is not None:
            return entry.kind is DayKind.WORKING
        if day in self._rule_holidays(day.year):
            return False
        return day.weekday() < 5

    def next_working_day(self, day: dt.date) -> dt.date:
        """The first working day strictly after ``day``."""
        candidate = day + dt.timedelta(days=1)
        for _ in range(366):
            if self.is_working_day(candidate):
                return candidate
            candidate += dt.timedelta(days=1)
        raise ValidationError("Không tìm thấy ngày làm việc nào trong một năm liền.")

    def days_of(self, year: int) -> Iterator[DayInfo]:
        check_year(year)
        day = dt.date(year, 1, 1)
        while day.year == year:
            yield self.info(day)
            day += dt.timedelta(days=1)

    def exceptions(self, year: int) -> list[DayInfo]:
        """Every weekday that is not worked and every weekend day that is."""
        return [d for d in self.days_of(year) if d.working != (d.day.weekday() < 5)]

    def published(self, year: int) -> bool:
        """Whether the official schedule of ``year`` is in the calendar. Each year's
        schedule fixes the Tết holiday (which falls between 21 January and 20 February),
        so a year with no schedule entry in that window has none yet: its days off are the
        Labor Code's own rules (art. 112), which the schedule may still move."""
        start, end = dt.date(year, 1, 15), dt.date(year, 2, 28)
        return any(
            start <= day <= end and entry.kind is DayKind.OFF
            for day, entry in self._entries.items()
        )


#: The windows a year's official schedule moves days in: Tết, 30/4–1/5, 2/9.
SCHEDULE_WINDOWS = (((1, 15), (2, 28)), ((4, 25), (5, 5)), ((8, 29), (9, 5)))


def unsettled(calendar: WorkCalendar, day: dt.date) -> bool:
    """Whether ``day`` lies where the official schedule, not yet published for its year,
    may still move the days off (an appointment there may change)."""
    if calendar.published(day.year):
        return False
    if day == culture_day_in_lieu(calendar, day.year):
        return True
    return any(
        dt.date(day.year, *start) <= day <= dt.date(day.year, *end)
        for start, end in SCHEDULE_WINDOWS
    )


#: From this day of a year on, next year's schedule is looked for (the government
#: publishes it in the autumn).
SCHEDULE_DUE = (10, 1)


def unpublished_years(calendar: WorkCalendar, today: dt.date) -> list[int]:
    """The years the desk is already giving appointments in whose official schedule is
    missing: this year, and from 1 October next year."""
    years = [today.year]
    if (today.month, today.day) >= SCHEDULE_DUE:
        years.append(today.year + 1)
    return [y for y in years if not calendar.published(y)]


class Policy(enum.StrEnum):
    """How an appointment in working days is computed."""

    DAY_END = "day-end"  # closing time of the N-th working day after the receipt day
    HOURS = "hours"  # N × (working hours of a day) elapsed, as national systems do


class DurationUnit(enum.StrEnum):
    DAYS = "days"  # working days (ngày làm việc): the usual unit
    CALENDAR_DAYS = "calendar-days"  # days (ngày), rest days and holidays included
    HOURS = "hours"
    SAME_DAY = "same-day"


#: Beyond any limit a procedure sets (ten years): a larger number is a typing mistake.
MAX_DURATION_DAYS = 3660
MAX_DURATION_HOURS = MAX_DURATION_DAYS * 24


@dataclass(frozen=True)
class Duration:
    unit: DurationUnit
    amount: int = 0

    def __post_init__(self) -> None:
        if self.amount < 0:
            raise ValidationError("Thời hạn giải quyết không được là số âm.")
        if self.amount > (
            MAX_DURATION_HOURS if self.unit is DurationUnit.HOURS else MAX_DURATION_DAYS
        ):
            raise ValidationError("Thời hạn giải quyết quá dài (tối đa 10 năm).")
        if self.unit is DurationUnit.SAME_DAY and self.amount:
            raise ValidationError("Thời hạn “trong ngày” không có số lượng.")

    @classmethod
    def days(cls, n: int) -> Duration:
        return cls(DurationUnit.DAYS, n)

    @classmethod
    def calendar_days(cls, n: int) -> Duration:
        return cls(DurationUnit.CALENDAR_DAYS, n)

    @classmethod
    def hours(cls, n: int) -> Duration:
        return cls(DurationUnit.HOURS, n)

    @classmethod
    def same_day(cls) -> Duration:
        return cls(DurationUnit.SAME_DAY)

    def __str__(self) -> str:
        return self.text_in("vi")

    def text_in(self, language: str) -> str:
        """ "05 ngày làm việc", "trong ngày"; in English "05 working days", "same day"."""
        if self.unit is DurationUnit.SAME_DAY:
            return "trong ngày" if language == "vi" else "same day"
        names = {
            DurationUnit.DAYS: ("ngày làm việc", "working day(s)"),
            DurationUnit.CALENDAR_DAYS: ("ngày", "day(s)"),
            DurationUnit.HOURS: ("giờ làm việc", "working hour(s)"),
        }[self.unit]
        return f"{self.amount:02d} {names[0] if language == 'vi' else names[1]}"


@dataclass(frozen=True)
class Schedule:
    """A calendar with office hours: the deadline engine."""

    calendar: WorkCalendar
    office_hours: OfficeHours = field(
        default_factory=lambda: OfficeHours.parse("07:00-11:30,13:30-17:00")
    )

    # ---------------------------------------------------------------- instants

    def _at(self, day: dt.date, time: dt.time) -> dt.datetime:
        return dt.datetime.combine(day, time)

    def opening_of(self, day: dt.date) -> dt.datetime:
        return self._at(day, self.office_hours.opening)

    def closing_of(self, day: dt.date) -> dt.datetime:
        return self._at(day, self.office_hours.closing)

    def is_open(self, instant: dt.datetime) -> bool:
        """Inside office hours of a working day (interval ends included)."""
        if not self.calendar.is_working_day(instant.date()):
            return False
        t = instant.time()
        return any(start <= t <= end for start, end in self.office_hours.intervals)

    def effective_receipt(
        self, received: dt.datetime, cutoff: dt.time | None = None
    ) -> dt.datetime:
        """The instant the clock starts: ``received`` if the desk was open and the cut-off
        not passed, otherwise the next opening time."""
        day, t = received.date(), received.time()
        if self.calendar.is_working_day(day) and (cutoff is None or t <= cutoff):
            for start, end in self.office_hours.intervals:
                if t < start:
                    return self._at(day, start)
                if t < end:
                    return received
        return self.opening_of(self.calendar.next_working_day(day))

    # ---------------------------------------------------------------- working time

    def add_working_time(self, start: dt.datetime, amount: dt.timedelta) -> dt.datetime:
        """The earliest instant at which ``amount`` of office time has elapsed after
        ``start`` (an open instant, e.g. an effective receipt)."""
        if amount < dt.timedelta(0):
            raise ValidationError("Thời gian cộng thêm không được âm.")
        remaining = amount
        day, cursor = start.date(), start
        if not self.calendar.is_working_day(day):
            day = self.calendar.next_working_day(day)
            cursor = self.opening_of(day)
        while True:
            for begin, end in self.office_hours.intervals:
                seg_start = max(self._at(day, begin), cursor)
                seg_end = self._at(day, end)
                if seg_start >= seg_end:
                    continue
                available = seg_end - seg_start
                if remaining <= available:
                    return seg_start + remaining
                remaining -= available
            day = self.calendar.next_working_day(day)
            cursor = self.opening_of(day)

    def working_time_between(self, start: dt.datetime, end: dt.datetime) -> dt.timedelta:
        """Office time of working days between two instants (zero if ``end <= start``)."""
        total = dt.timedelta(0)
        if end <= start:
            return total
        day = start.date()
        while day <= end.date():
            if self.calendar.is_working_day(day):
                for begin, finish in self.office_hours.intervals:
                    lo = max(self._at(day, begin), start)
                    hi = min(self._at(day, finish), end)
                    if hi > lo:
                        total += hi - lo
            day += dt.timedelta(days=1)
        return total

    @property
    def working_day_length(self) -> dt.timedelta:
        return dt.timedelta(minutes=self.office_hours.minutes_per_day())

    # ---------------------------------------------------------------- appointments

    def appointment(
        self,
        received: dt.datetime,
        duration: Duration,
        policy: Policy = Policy.DAY_END,
        cutoff: dt.time | None = None,
    ) -> dt.datetime:
        """The legally correct appointment for a dossier received at ``received``.

        * same day (or 0 days): closing time of the effective receipt day;
        * N working days, ``day-end``: closing time of the N-th working day after the
          effective receipt day (Civil Code art. 147: counting starts the next day);
        * N working days, ``hours``: N × the working day's length of office time elapsed;
        * N working hours: N hours of office time elapsed, under either policy;
        * N days (calendar days, a limit the law writes as "N ngày"): closing time of the
          N-th day after the effective receipt day, or of the next working day when that
          day is a rest day or a holiday (Civil Code art. 148(5)), under either policy.
        """
        effective = self.effective_receipt(received, cutoff)
        if duration.unit is DurationUnit.SAME_DAY or duration.amount == 0:
            return self.closing_of(effective.date())
        if duration.unit is DurationUnit.HOURS:
            return self.add_working_time(effective, dt.timedelta(hours=duration.amount))
        if duration.unit is DurationUnit.CALENDAR_DAYS:
            last = effective.date() + dt.timedelta(days=duration.amount)
            if not self.calendar.is_working_day(last):
                last = self.calendar.next_working_day(last)
            return self.closing_of(last)
        if policy is Policy.HOURS:
            return self.add_working_time(effective, self.working_day_length * duration.amount)
        day = effective.date()
        for _ in range(duration.amount):
            day = self.calendar.next_working_day(day)
        return self.closing_of(day)

    def resumed_appointment(
        self,
        appointment: dt.datetime,
        paused_at: dt.datetime,
        resumed_at: dt.datetime,
        policy: Policy = Policy.DAY_END,
        unit: DurationUnit = DurationUnit.DAYS,
    ) -> dt.datetime:
        """The appointment moved by the office time the clock was paused (waiting for the
        citizen's supplement). Under ``day-end`` the result is rounded up to that day's
        closing time. A limit in calendar days moves by the days paused, rest days
        included, and a last day that is not a working day ends on the next one."""
        if resumed_at < paused_at:
            raise ValidationError("Thời điểm tiếp tục không được trước thời điểm tạm dừng.")
        if unit is DurationUnit.CALENDAR_DAYS:
            days = (resumed_at.date() - paused_at.date()).days
            if not days:
                return appointment
            last = appointment.date() + dt.timedelta(days=days)
            if not self.calendar.is_working_day(last):
                last = self.calendar.next_working_day(last)
            return self.closing_of(last)
        paused = self.working_time_between(paused_at, resumed_at)
        if not paused:
            return appointment
        start = appointment if self.is_open(appointment) else self.effective_receipt(appointment)
        moved = self.add_working_time(start, paused)
        if policy is Policy.DAY_END:
            return self.closing_of(moved.date())
        return moved

    def latest_apology_day(self, due: dt.datetime) -> dt.date:
        """Decree 61/2018/NĐ-CP art. 19(9): the apology letter is sent at the latest one
        day before the deadline — the working day before the appointment's day."""
        day = due.date() - dt.timedelta(days=1)
        for _ in range(60):
            if self.calendar.is_working_day(day):
                return day
            day -= dt.timedelta(days=1)
        return day

    def check_new_appointment(self, current: dt.datetime, proposed: dt.datetime) -> dt.datetime:
        """An extension (apology letter): later than the current one, in office hours."""
        if proposed <= current:
            raise ValidationError("Ngày hẹn mới phải sau ngày hẹn hiện tại.")
        if not self.is_open(proposed):
            raise ValidationError(
                f"Ngày hẹn mới {proposed:%H:%M %d/%m/%Y} không rơi vào giờ làm việc của "
                "một ngày làm việc."
            )
        return proposed


def parse_received(text: str) -> dt.datetime:
    """``"YYYY-MM-DD HH:MM"`` as written on the command line."""
    try:
        return dt.datetime.strptime(text.strip(), "%Y-%m-%d %H:%M")
    except (ValueError, AttributeError):
        raise ValidationError(
            f"Thời điểm “{text}” không đúng dạng YYYY-MM-DD HH:MM (ví dụ 2026-11-24 08:30)."
        ) from None


def format_vn_datetime(instant: dt.datetime) -> str:
    """``"08 giờ 30 phút, ngày 24 tháng 11 năm 2026"`` as printed on slips."""
    return (
        f"{instant.hour:02d} giờ {instant.minute:02d} phút, ngày {instant.day:02d} tháng "
        f"{instant.month:02d} năm {instant.year}"
    )


def appointment(
    received_at: dt.datetime,
    duration: Duration,
    policy: Policy = Policy.DAY_END,
    *,
    calendar: WorkCalendar,
    office_hours: OfficeHours,
    cutoff: dt.time | None = None,
) -> dt.datetime:
    """The deadline engine in one call (see :meth:`Schedule.appointment`)."""
    return Schedule(calendar, office_hours).appointment(received_at, duration, policy, cutoff)
