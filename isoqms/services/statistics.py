"""The desk's statistics for any period (DESIGN.md §1.4), overall, by field, by procedure.

Definitions, for a period from ``start`` to ``end`` (days, both included):

* **carried over** — received before the period and still open at its start;
* **received** — received in the period, by channel (direct, online, postal);
* **resolved before / on time / late** — result ready in the period, judged at that moment
  against the appointment moved by supplement pauses only (an apology's new appointment
  never makes a late dossier on time); beside it, late dossiers whose apology's new
  appointment was kept or missed;
* **stopped / cancelled** in the period;
* **open not due / overdue** — still open at the period's end (or now, if the period is
  not over), judged at that moment (a
  dossier waiting for the citizen's supplement is overdue only if it was when the clock
  stopped);
* **on-time rate** = (before + on time) / resolved; **late rate** = late / resolved;
  **online / postal share** of the received; **satisfaction rate** = 100 − (late rate +
  share of resolved dossiers with a complaint or a "not satisfied" rating), Decision
  766/QĐ-TTg. Rates are percentages with two decimals, ``None`` when nothing was resolved.

Every query groups by procedure, so one pass gives the overall figures and both
breakdowns; the queries use the indexes on ``received_at`` and ``finished_at``.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Any

from sqlalchemy import and_, case, func, or_, select
from sqlalchemy.orm import Session

from isoqms.db.engine import Database
from isoqms.db.models import Dossier, DossierEvent, Procedure
from isoqms.domain import clock
from isoqms.domain.dossier import Channel
from isoqms.domain.errors import ValidationError
from isoqms.domain.journey import Action, DossierState, Outcome, Rating, overdue_at
from isoqms.domain.roles import Permission
from isoqms.services.uow import Actor, require

ROMAN = ("I", "II", "III", "IV")


def _rate(part: int, whole: int) -> float | None:
    return round(100.0 * part / whole, 2) if whole else None


@dataclass
class Figures:
    received: int = 0
    received_direct: int = 0
    received_online: int = 0
    received_postal: int = 0
    carried_over: int = 0
    resolved_before: int = 0
    resolved_on_time: int = 0
    resolved_late: int = 0
    late_new_appointment_kept: int = 0
    late_new_appointment_missed: int = 0
    dissatisfied: int = 0  # resolved with a complaint or a "not satisfied" rating
    stopped: int = 0
    cancelled: int = 0
    returned: int = 0
    open_not_due: int = 0
    open_overdue: int = 0

    @property
    def to_handle(self) -> int:
        return self.carried_over + self.received

    @property
    def resolved(self) -> int:
        return self.resolved_before + self.resolved_on_time + self.resolved_late

    @property
    def on_time_rate(self) -> float | None:
        return _rate(self.resolved_before + self.resolved_on_time, self.resolved)

    @property
    def late_rate(self) -> float | None:
        return _rate(self.resolved_late, self.resolved)

    @property
    def online_share(self) -> float | None:
        return _rate(self.received_online, self.received)

    @property
    def postal_share(self) -> float | None:
        return _rate(self.received_postal, self.received)

    @property
    def dissatisfied_share(self) -> float | None:
        return _rate(self.dissatisfied, self.resolved)

    @property
    def satisfaction_rate(self) -> float | None:
        if not self.resolved:
            return None
        late = 100.0 * self.resolved_late / self.resolved
        unhappy = 100.0 * self.dissatisfied / self.resolved
        return round(max(0.0, 100.0 - (late + unhappy)), 2)

    def add(self, other: Figures) -> None:
        for name, value in asdict(other).items():
            setattr(self, name, getattr(self, name) + value)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = asdict(self)
        out["received_by_channel"] = {
            "direct": self.received_direct,
            "online": self.received_online,
            "postal": self.received_postal,
        }
        for name in METRICS:
            out[name] = getattr(self, name)
        out["resolved"] = self.resolved
        out["to_handle"] = self.to_handle
        return out


#: The computed figures an objective can be measured by, with their Vietnamese names.
METRICS: dict[str, str] = {
    "on_time_rate": "Tỷ lệ giải quyết trước và đúng hạn (%)",
    "late_rate": "Tỷ lệ giải quyết quá hạn (%)",
    "satisfaction_rate": "Tỷ lệ hài lòng (%)",
    "online_share": "Tỷ lệ hồ sơ trực tuyến (%)",
    "postal_share": "Tỷ lệ hồ sơ qua bưu chính công ích (%)",
    "dissatisfied_share": "Tỷ lệ hồ sơ có phản ánh, không hài lòng (%)",
}


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date  # included
    label: str

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValidationError("Ngày kết thúc kỳ báo cáo phải sau ngày bắt đầu.")

    @property
    def start_at(self) -> dt.datetime:
        return dt.datetime.combine(self.start, dt.time())

    @property
    def end_at(self) -> dt.datetime:
        """The instant the period ends (midnight after its last day)."""
        return dt.datetime.combine(self.end + dt.timedelta(days=1), dt.time())

    @classmethod
    def custom(cls, start: dt.date, end: dt.date) -> Period:
        return cls(start, end, f"Từ ngày {start:%d/%m/%Y} đến ngày {end:%d/%m/%Y}")

    @classmethod
    def month(cls, year: int, month: int) -> Period:
        last = calendar.monthrange(year, month)[1]
        return cls(dt.date(year, month, 1), dt.date(year, month, last), f"Tháng {month}/{year}")

    @classmethod
    def quarter(cls, year: int, quarter: int) -> Period:
        if not 1 <= quarter <= 4:
            raise ValidationError("Quý phải từ 1 đến 4.")
        first = 3 * quarter - 2
        end = cls.month(year, first + 2).end
        return cls(dt.date(year, first, 1), end, f"Quý {ROMAN[quarter - 1]}/{year}")

    @classmethod
    def months(cls, year: int, count: int) -> Period:
        """The first 6, 9 or 12 months of the year."""
        if count not in (6, 9, 12):
            raise ValidationError("Kỳ báo cáo lũy kế là 6, 9 hoặc 12 tháng.")
        label = f"Năm {year}" if count == 12 else f"{count} tháng đầu năm {year}"
        return cls(dt.date(year, 1, 1), cls.month(year, count).end, label)

    @classmethod
    def half(cls, year: int, half: int) -> Period:
        first = 1 if half == 1 else 7
        return cls(
            dt.date(year, first, 1),
            cls.month(year, first + 5).end,
            f"6 tháng {'đầu' if half == 1 else 'cuối'} năm {year}",
        )


@dataclass(frozen=True)
class Row:
    key: str
    label: str
    figures: Figures


@dataclass(frozen=True)
class Report:
    period: Period
    total: Figures
    by: str | None  # None | "field" | "procedure"
    rows: tuple[Row, ...] = field(default_factory=tuple)

    def to_dict(self) -> dict[str, Any]:
        out = {"from": self.period.start.isoformat(), "to": self.period.end.isoformat()}
        out["period"] = self.period.label
        data: dict[str, Any] = {**out, **self.total.to_dict()}
        if self.by:
            data["by"] = self.by
            data["rows"] = [
                {"key": r.key, "label": r.label, **r.figures.to_dict()} for r in self.rows
            ]
        return data


# ---------------------------------------------------------------------- the queries


#: Grouping by an expression, not the bare column: otherwise SQLite may walk the whole
#: procedure index to avoid a sort, instead of the few rows a date range selects.
PID = (Dossier.procedure_id + 0).label("pid")


def _figures_by_procedure(session: Session, period: Period, now: dt.datetime) -> dict[int, Figures]:
    s, e = period.start_at, period.end_at
    out: dict[int, Figures] = defaultdict(Figures)

    received = session.execute(
        select(PID, Dossier.channel, func.count())
        .where(Dossier.received_at >= s, Dossier.received_at < e)
        .group_by(PID, Dossier.channel)
    )
    for pid, channel, n in received:
        f = out[pid]
        f.received += n
        if channel == Channel.ONLINE.value:
            f.received_online += n
        elif channel == Channel.POSTAL.value:
            f.received_postal += n
        else:
            f.received_direct += n

    for still_open in _open_at(s):
        carried = session.execute(select(PID, func.count()).where(still_open).group_by(PID))
        for pid, n in carried:
            out[pid].carried_over += n

    late = Dossier.outcome == Outcome.LATE.value
    promised = Dossier.promised_at.is_not(None)
    unhappy = or_(Dossier.rating == Rating.NOT_SATISFIED.value, Dossier.complaint.is_(True))
    finished = session.execute(
        select(
            PID,
            Dossier.state,
            Dossier.outcome,
            func.count(),
            func.sum(
                case((and_(late, promised, Dossier.result_at <= Dossier.promised_at), 1), else_=0)
            ),
            func.sum(
                case((and_(late, promised, Dossier.result_at > Dossier.promised_at), 1), else_=0)
            ),
            func.sum(case((unhappy, 1), else_=0)),
        )
        .where(Dossier.finished_at >= s, Dossier.finished_at < e)
        .group_by(PID, Dossier.state, Dossier.outcome)
    )
    for pid, state, result, n, kept, missed, dissatisfied in finished:
        f = out[pid]
        if result == Outcome.BEFORE.value:
            f.resolved_before += n
        elif result == Outcome.ON_TIME.value:
            f.resolved_on_time += n
        elif result == Outcome.LATE.value:
            f.resolved_late += n
        elif state == DossierState.STOPPED.value:
            f.stopped += n
        elif state == DossierState.CANCELLED.value:
            f.cancelled += n
        if result:
            f.late_new_appointment_kept += int(kept or 0)
            f.late_new_appointment_missed += int(missed or 0)
            f.dissatisfied += int(dissatisfied or 0)

    returned = session.execute(
        select(PID, func.count())
        .where(Dossier.returned_at >= s, Dossier.returned_at < e)
        .group_by(PID)
    )
    for pid, n in returned:
        out[pid].returned += n

    # open at the end (or now, for a period not over yet): dossiers never paused are judged
    # in SQL, the few paused ones by replaying their pauses up to that moment
    e = min(e, now)
    plain = Dossier.was_paused.is_(False)
    paused: list[Any] = []
    for still_open in _open_at(e):
        open_rows = session.execute(
            select(
                PID,
                func.sum(case((and_(plain, Dossier.due_at < e), 1), else_=0)),
                func.sum(case((and_(plain, Dossier.due_at >= e), 1), else_=0)),
            )
            .where(still_open)
            .group_by(PID)
        )
        for pid, overdue, not_due in open_rows:
            out[pid].open_overdue += int(overdue or 0)
            out[pid].open_not_due += int(not_due or 0)
        paused += session.execute(
            select(Dossier.id, Dossier.procedure_id, Dossier.appointment).where(
                still_open, Dossier.was_paused.is_(True)
            )
        ).all()
    if paused:
        for pid, overdue in _judge_paused(session, paused, e):
            if overdue:
                out[pid].open_overdue += 1
            else:
                out[pid].open_not_due += 1
    return out


#: Most dossiers finish within weeks: "open at a moment" is looked for among those received
#: in the window before it (an index range), and among the few that stayed open longer.
WINDOW_DAYS = 60


def _open_at(moment: dt.datetime) -> tuple[Any, ...]:
    """Conditions, queried apart and added up, that together select exactly the dossiers
    received before ``moment`` and not finished at it. Each uses one index; an OR of them,
    or "finished after" alone, reads a large part of the table."""
    edge = moment - dt.timedelta(days=WINDOW_DAYS)
    recent = and_(
        Dossier.received_at >= edge,
        Dossier.received_at < moment,
        or_(Dossier.finished_at >= moment, Dossier.finished_at.is_(None)),
    )
    still_open = and_(Dossier.finished_at.is_(None), Dossier.received_at < edge)
    # received before the window and finished after the moment: open more than the window
    long_open = and_(
        Dossier.open_days > WINDOW_DAYS,
        Dossier.received_at < edge,
        Dossier.finished_at >= moment,
    )
    return recent, still_open, long_open


def _judge_paused(
    session: Session, rows: Iterable[Any], end: dt.datetime
) -> Iterable[tuple[int, bool]]:
    rows = list(rows)
    ids = [r[0] for r in rows]
    events: dict[int, list[DossierEvent]] = defaultdict(list)
    for chunk in range(0, len(ids), 500):
        stmt = (
            select(DossierEvent)
            .where(
                DossierEvent.dossier_id.in_(ids[chunk : chunk + 500]),
                DossierEvent.at < end,
                DossierEvent.action.in_(
                    [Action.REQUEST_SUPPLEMENT.value, Action.SUPPLEMENT_RECEIVED.value]
                ),
            )
            .order_by(DossierEvent.at, DossierEvent.id)
        )
        for event in session.execute(stmt).scalars():
            events[event.dossier_id].append(event)
    for dossier_id, pid, appointment in rows:
        due, paused_at = appointment, None
        for event in events.get(dossier_id, ()):
            if event.action == Action.REQUEST_SUPPLEMENT.value:
                paused_at = event.at
            else:
                due, paused_at = event.due_after or due, None
        yield pid, overdue_at(due, paused_at, end)


def _procedures(session: Session) -> dict[int, tuple[str, str, str]]:
    return {
        pid: (code, name, field_name)
        for pid, code, name, field_name in session.execute(
            select(Procedure.id, Procedure.code, Procedure.name, Procedure.field)
        )
    }


def compute(
    session: Session, period: Period, by: str | None = None, *, now: dt.datetime | None = None
) -> Report:
    if by not in (None, "field", "procedure"):
        raise ValidationError("Chỉ thống kê theo lĩnh vực (field) hoặc theo thủ tục (procedure).")
    per = _figures_by_procedure(session, period, now or clock.now())
    total = Figures()
    for figures in per.values():
        total.add(figures)
    rows: list[Row] = []
    if by:
        names = _procedures(session)
        grouped: dict[str, Row] = {}
        for pid, figures in per.items():
            code, name, field_name = names.get(pid, (str(pid), "", ""))
            if by == "field":
                key, label = (
                    field_name or "(chưa phân lĩnh vực)",
                    field_name or "(chưa phân lĩnh vực)",
                )
            else:
                key, label = code, name
            row = grouped.setdefault(key, Row(key, label, Figures()))
            row.figures.add(figures)
        rows = sorted(grouped.values(), key=lambda r: r.key)
    return Report(period, total, by, tuple(rows))


def report(
    db: Database,
    actor: Actor,
    period: Period,
    by: str | None = None,
    *,
    now: dt.datetime | None = None,
) -> Report:
    """The statistics of ``period``; dossiers still open are judged at the period's end,
    or at ``now`` (default: the clock) if the period is not over."""
    with db.read() as session:
        require(session, actor, Permission.RECORDS_READ)
        return compute(session, period, by, now=now)
