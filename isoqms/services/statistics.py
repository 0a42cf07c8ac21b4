"""The desk's statistics for any period (DESIGN.md §1.4), overall, by field, by procedure.

Definitions, for a period from ``start`` to ``end`` (days, both included):

* **carried over** — received before the period and still open at its start;
* **received** — received in the period, by channel (direct, online, postal);
* **resolved before / on time / late** — result ready in the period, judged at that moment
  against the appointment the time limit gives (after a supplement: counted again from
  the start, or moved by the time waited, by the unit's rule; an apology's new
  appointment never makes a late dossier on time); before or on time by the time used
  against the time allowed (Circular 01/2018 art. 13); beside it, late dossiers whose
  apology's new appointment was kept or missed;
* **stopped / cancelled** (withdrawn) in the period, and **refused** at the counter
  (Mẫu 03); a stopped or withdrawn dossier is late when its clock stopped after the
  appointment;
* **open not due / overdue** — still open at the period's end (or now, if the period is
  not over), judged at that moment (a dossier waiting for the citizen's supplement is
  overdue only if it was when the clock stopped);
* **Decision 766/QĐ-TTg**: the base (``due_total``) is every dossier resolved, stopped,
  withdrawn or refused in the period or still open at its end, each once; a dossier is
  late (``late_total``) when resolved late, ended after its appointment, overdue at the
  end, or asked to supplement more than once; **on-time rate** = (base − late) / base,
  **late rate** = late / base; **satisfaction rate** = (base − dossiers late or rated
  "not satisfied" or with a complaint, each once) / base; **online / postal share** of
  the received. Rates are percentages with two decimals, ``None`` when the base is empty.
  ``docs/statistics.md`` says the same for the reader of the report.

Every query groups by procedure, so one pass gives the overall figures and both
breakdowns; the queries use the indexes on ``received_at`` and ``finished_at``.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from sqlalchemy import and_, case, func, or_, select
from sqlalchemy.orm import Session

from isoqms.db.engine import Database
from isoqms.db.models import CounterNotice, Dossier, DossierEvent, Procedure
from isoqms.domain import clock
from isoqms.domain.dossier import Channel
from isoqms.domain.errors import ValidationError
from isoqms.domain.journey import (
    MAX_SUPPLEMENT_REQUESTS,
    OVERRIDE_MARK,
    Action,
    DossierState,
    Outcome,
    Rating,
    overdue_at,
)
from isoqms.domain.roles import Permission
from isoqms.domain.statistics import METRICS as METRICS  # re-exported: the service's names
from isoqms.domain.statistics import METRICS_EN as METRICS_EN
from isoqms.domain.statistics import Figures as Figures
from isoqms.domain.statistics import Period as Period
from isoqms.domain.statistics import Report as Report
from isoqms.domain.statistics import Row as Row
from isoqms.services.uow import Actor, require

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

    late = func.coalesce(Dossier.outcome, "") == Outcome.LATE.value  # never NULL
    promised = Dossier.promised_at.is_not(None)
    unhappy = or_(Dossier.rating == Rating.NOT_SATISFIED.value, Dossier.complaint.is_(True))
    ended = Dossier.state.in_([DossierState.STOPPED.value, DossierState.CANCELLED.value])
    # stopped or withdrawn after the appointment, judged when the clock stopped: at its
    # last supplement request when it ended while waiting for the citizen (read from the
    # events, so dossiers ended before this rule are judged alike)
    asked, back = _last(Action.REQUEST_SUPPLEMENT), _last(Action.SUPPLEMENT_RECEIVED)
    waiting = and_(Dossier.was_paused.is_(True), asked > func.coalesce(back, Dossier.received_at))
    clock_stopped = case((waiting, asked), else_=Dossier.finished_at)
    ended_late = and_(ended, clock_stopped > Dossier.due_at)
    # asked to supplement more than once (the count read only for dossiers ever paused)
    repeat = and_(Dossier.was_paused.is_(True), _requests() > MAX_SUPPLEMENT_REQUESTS)
    late_766 = or_(late, ended_late, repeat)
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
            func.sum(case((ended_late, 1), else_=0)),
            func.sum(case((and_(~or_(late, ended_late), repeat), 1), else_=0)),
            func.sum(case((or_(late_766, unhappy), 1), else_=0)),
        )
        .where(Dossier.finished_at >= s, Dossier.finished_at < e)
        .group_by(PID, Dossier.state, Dossier.outcome)
    )
    for pid, state, result, n, kept, missed, dissatisfied, late_end, again, either in finished:
        f = out[pid]
        f.ended_late += int(late_end or 0)
        f.repeat_supplement += int(again or 0)
        f.late_or_unhappy += int(either or 0)
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

    overridden = session.execute(
        select(PID, func.count())
        .join(DossierEvent, DossierEvent.dossier_id == Dossier.id)
        .where(
            DossierEvent.action == Action.APOLOGIZE.value,
            DossierEvent.at >= s,
            DossierEvent.at < e,
            DossierEvent.reason.like(f"%— {OVERRIDE_MARK}: %"),
        )
        .group_by(PID)
    )
    for pid, n in overridden:
        out[pid].apology_overridden += n

    refused = session.execute(
        select(CounterNotice.procedure_id, func.count())
        .where(
            CounterNotice.kind == "refusal",
            CounterNotice.issued_at >= s,
            CounterNotice.issued_at < e,
        )
        .group_by(CounterNotice.procedure_id)
    )
    for pid, n in refused:
        out[pid].refused += n

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
            out[pid].late_or_unhappy += int(overdue or 0)
        paused += session.execute(
            select(Dossier.id, Dossier.procedure_id, Dossier.appointment).where(
                still_open, Dossier.was_paused.is_(True)
            )
        ).all()
    if paused:
        for pid, overdue, requests in _judge_paused(session, paused, e):
            f = out[pid]
            if overdue:
                f.open_overdue += 1
            else:
                f.open_not_due += 1
                if requests > MAX_SUPPLEMENT_REQUESTS:
                    f.repeat_supplement += 1
            if overdue or requests > MAX_SUPPLEMENT_REQUESTS:
                f.late_or_unhappy += 1
    return out


def _last(action: Action) -> Any:
    """When the dossier last had ``action`` (a correlated maximum; NULL if never)."""
    return (
        select(func.max(DossierEvent.at))
        .where(DossierEvent.dossier_id == Dossier.id, DossierEvent.action == action.value)
        .scalar_subquery()
    )


def _requests() -> Any:
    """How many times the dossier was asked to supplement (a correlated count)."""
    return (
        select(func.count(DossierEvent.id))
        .where(
            DossierEvent.dossier_id == Dossier.id,
            DossierEvent.action == Action.REQUEST_SUPPLEMENT.value,
        )
        .scalar_subquery()
    )


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
) -> Iterable[tuple[int, bool, int]]:
    """Per dossier ever paused: its procedure, whether it is overdue at ``end``, and how
    many times it was asked to supplement before ``end``."""
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
        due, paused_at, requests = appointment, None, 0
        for event in events.get(dossier_id, ()):
            if event.action == Action.REQUEST_SUPPLEMENT.value:
                paused_at = event.at
                requests += 1
            else:
                due, paused_at = event.due_after or due, None
        yield pid, overdue_at(due, paused_at, end), requests


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
