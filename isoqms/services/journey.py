"""A dossier's journey after the counter: hand-overs, the supplement pause, the result, the
return with the citizen's rating, the apology with a new appointment, stop and cancel.

Every action goes through :func:`act`: permission, the legal transition
(:mod:`isoqms.domain.journey`), the dossier's new state and one ``dossier_event`` row, and
the audit event, in one transaction. ``at`` records an action done earlier (a late entry):
it may not be in the future nor before the dossier's previous event, and it is audited
as backdated.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, and_, func, or_, select
from sqlalchemy.orm import Session

from isoqms.db.engine import Database
from isoqms.db.models import Dossier, DossierEvent, Procedure, ProcedureRevision, User, utcnow
from isoqms.domain import clock
from isoqms.domain.calendar import Policy, Schedule
from isoqms.domain.errors import NotFound, PermissionDenied, ValidationError
from isoqms.domain.journey import (
    OPEN_STATES,
    OVERRIDE_MARK,
    TRANSITIONS,
    Action,
    DossierState,
    Outcome,
    Rating,
    SupplementRule,
    next_state,
    outcome,
    overdue_at,
)
from isoqms.domain.procedure import Paper, ProcedureContent
from isoqms.domain.roles import Permission, Role, permissions_of
from isoqms.domain.text import fold
from isoqms.services import limits
from isoqms.services.calendar import unit_schedule
from isoqms.services.forms import form_for
from isoqms.services.unit import unit_in
from isoqms.services.uow import Actor, require, write

BACKDATE_TOLERANCE = dt.timedelta(minutes=10)

#: The permission each action needs. Hand-overs and the work on a dossier need the
#: processing permission (and, for an officer, holding the dossier); the counter returns
#: results and takes withdrawals; only the unit's leader stops a dossier.
ACTION_PERMISSION: dict[Action, Permission] = {
    Action.HANDOVER: Permission.DOSSIER_PROCESS,
    Action.REQUEST_SUPPLEMENT: Permission.DOSSIER_PROCESS,
    Action.SUPPLEMENT_RECEIVED: Permission.DOSSIER_PROCESS,
    Action.RESULT_READY: Permission.DOSSIER_PROCESS,
    Action.APOLOGIZE: Permission.DOSSIER_PROCESS,
    Action.RETURN: Permission.INTAKE,
    Action.CANCEL: Permission.INTAKE,
    Action.STOP: Permission.DOSSIER_DECIDE,
}

#: Actions an officer may take only on a dossier they hold (the counter may take any).
_HOLDER_ONLY = frozenset(
    {Action.HANDOVER, Action.REQUEST_SUPPLEMENT, Action.RESULT_READY, Action.APOLOGIZE}
)

#: Letters numbered per year, and the form each prints on.
LETTER_FORM = {Action.APOLOGIZE: "apology", Action.STOP: "stop"}


@dataclass(frozen=True)
class ActionInput:
    """What an action needs besides the dossier; unused fields are ignored."""

    at: dt.datetime | None = None
    to_user: str = ""  # handover: the receiving officer's username
    to_name: str = ""  # return: who collected the result (default: the applicant)
    reason: str = ""
    new_appointment: dt.datetime | None = None
    rating: Rating | None = None
    comment: str = ""
    complaint: bool = False
    #: apology outside Decree 61/2018 art. 19(9) (too late, or a second one): the leader's
    #: reason for allowing it, recorded with the event
    override: str = ""


@dataclass(frozen=True)
class EventView:
    id: int
    action: str
    label: str
    at: dt.datetime
    recorded_at: dt.datetime
    actor: str
    giver: str
    receiver: str
    to_name: str
    step: int | None
    step_work: str
    reason: str
    new_appointment: dt.datetime | None
    due_before: dt.datetime | None
    due_after: dt.datetime | None
    outcome: str | None
    state_after: str
    rule: str  # a resumed dossier's SupplementRule ("" = recorded before rules: pause)
    backdated: bool
    letter: str  # "012/2026" for an apology or stop letter
    form_revision: str


@dataclass(frozen=True)
class DossierDetail:
    id: int
    code: str
    procedure_code: str
    procedure_name: str
    field: str
    revision_number: int
    applicant: str
    id_number: str
    phone: str
    address: str
    channel: str
    delivery: str
    received_at: dt.datetime
    appointment: dt.datetime  # as printed at the counter
    due_at: dt.datetime  # moved by supplement pauses only: judges the outcome
    promised_at: dt.datetime | None  # an apology's new appointment
    state: DossierState
    holder: str
    holder_username: str
    paused_at: dt.datetime | None
    result_at: dt.datetime | None
    outcome: Outcome | None
    returned_at: dt.datetime | None
    returned_to: str
    rating: Rating | None
    rating_comment: str
    complaint: bool
    book: str
    book_number: int
    events: tuple[EventView, ...]
    email: str = ""
    representative: str = ""
    #: the papers received, as (name, quantity in words: "01 bản chính, 01 bản sao")
    papers: tuple[tuple[str, str], ...] = ()
    sets: int = 1
    revision_effective: dt.datetime | None = None  # of the procedure content used
    form_revision: str = ""  # the receipt form's revision, "BM.MC.2025.01@1"
    note: str = ""

    def overdue(self, now: dt.datetime) -> bool:
        return is_overdue(self.state, self.due_at, self.paused_at, now)

    @property
    def current_appointment(self) -> dt.datetime:
        return self.promised_at or self.due_at


def is_overdue(
    state: DossierState | str, due: dt.datetime, paused_at: dt.datetime | None, now: dt.datetime
) -> bool:
    """An open dossier past its (pause-moved) appointment; a paused clock stops counting."""
    return DossierState(state) in OPEN_STATES and overdue_at(due, paused_at, now)


def _now() -> dt.datetime:
    return clock.now().replace(microsecond=0)


def dossier_by_code(session: Session, code: str) -> Dossier:
    """The dossier with ``code`` as a person typed it (case and spaces aside), or
    :class:`NotFound` (a code no dossier can have is not looked up)."""
    wanted = limits.key(code)
    dossier = (
        None
        if wanted is None
        else session.execute(
            select(Dossier).where(Dossier.code == wanted.upper())
        ).scalar_one_or_none()
    )
    if dossier is None:
        raise NotFound(f"Không có hồ sơ mã “{code.strip()}”.")
    return dossier


def _user_name(session: Session, user_id: int | None) -> tuple[str, str]:
    if user_id is None:
        return "", ""
    user = session.get(User, user_id)
    return (user.full_name, user.username) if user else ("", "")


def _content(session: Session, d: Dossier) -> ProcedureContent:
    """The procedure revision the dossier was received under."""
    revision = session.get(ProcedureRevision, d.revision_id)
    assert revision is not None
    return ProcedureContent.from_dict(json.loads(revision.content))


def _steps(session: Session, d: Dossier) -> list[str]:
    return [s.work for s in _content(session, d).steps]


def _event_view(session: Session, e: DossierEvent, steps: list[str]) -> EventView:
    actor, _ = _user_name(session, e.actor_id)
    giver, _ = _user_name(session, e.from_user_id)
    receiver, _ = _user_name(session, e.to_user_id)
    work = steps[e.step - 1] if e.step and 0 < e.step <= len(steps) else ""
    return EventView(
        id=e.id,
        action=e.action,
        label=Action(e.action).label,
        at=e.at,
        recorded_at=e.recorded_at,
        actor=actor,
        giver=giver,
        receiver=receiver,
        to_name=e.to_name,
        step=e.step,
        step_work=work,
        reason=e.reason,
        new_appointment=e.new_appointment,
        due_before=e.due_before,
        due_after=e.due_after,
        outcome=e.outcome,
        state_after=e.state_after,
        rule=e.rule if e.action == Action.SUPPLEMENT_RECEIVED.value else "",
        backdated=e.backdated,
        letter=f"{e.number:03d}/{e.year}" if e.number and e.year else "",
        form_revision=e.form_revision,
    )


def _detail(session: Session, d: Dossier) -> DossierDetail:
    procedure = session.get(Procedure, d.procedure_id)
    revision = session.get(ProcedureRevision, d.revision_id)
    assert procedure is not None and revision is not None
    events = (
        session.execute(
            select(DossierEvent)
            .where(DossierEvent.dossier_id == d.id)
            .order_by(DossierEvent.at, DossierEvent.id)
        )
        .scalars()
        .all()
    )
    steps = _steps(session, d)
    holder, holder_username = _user_name(session, d.holder_id)
    return DossierDetail(
        id=d.id,
        code=d.code,
        procedure_code=procedure.code,
        procedure_name=procedure.name,
        field=procedure.field,
        revision_number=revision.number,
        applicant=d.applicant_name,
        id_number=d.id_number,
        phone=d.phone,
        address=d.address,
        channel=d.channel,
        delivery=d.delivery,
        received_at=d.received_at,
        appointment=d.appointment,
        due_at=d.due_at,
        promised_at=d.promised_at,
        state=DossierState(d.state),
        holder=holder,
        holder_username=holder_username,
        paused_at=d.paused_at,
        result_at=d.result_at,
        outcome=Outcome(d.outcome) if d.outcome else None,
        returned_at=d.returned_at,
        returned_to=d.returned_to,
        rating=Rating(d.rating) if d.rating else None,
        rating_comment=d.rating_comment,
        complaint=d.complaint,
        book=f"{d.book:02d}/{d.book_year}",
        book_number=d.book_number,
        events=tuple(_event_view(session, e, steps) for e in events),
        email=d.email,
        representative=d.representative,
        papers=tuple(
            (
                p["name"],
                Paper(
                    p["name"], p.get("originals", 0), p.get("certified", 0), p.get("copies", 0)
                ).quantity_text(),
            )
            for p in json.loads(d.papers or "[]")
        ),
        sets=d.sets,
        revision_effective=revision.effective_from,
        form_revision=d.form_revision,
        note=d.note,
    )


def show(db: Database, actor: Actor, code: str) -> DossierDetail:
    with db.read() as session:
        require(session, actor, Permission.RECORDS_READ)
        return _detail(session, dossier_by_code(session, code))


def allowed_actions(actor: Actor, detail: DossierDetail) -> list[Action]:
    """The actions this person may take on the dossier now (what the screen offers)."""
    out = []
    for action in Action:
        allowed, _ = TRANSITIONS[action]
        leader = action is Action.APOLOGIZE and actor.can(Permission.DOSSIER_DECIDE)
        if detail.state not in allowed or not (actor.can(ACTION_PERMISSION[action]) or leader):
            continue
        if (
            action in _HOLDER_ONLY
            and not leader
            and not actor.can(Permission.INTAKE)
            and detail.holder_username != actor.username
        ):
            continue
        out.append(action)
    return out


def _check_at(d: Dossier, last: dt.datetime | None, at: dt.datetime, now: dt.datetime) -> None:
    if at > now + dt.timedelta(minutes=1):
        raise ValidationError("Thời điểm ghi nhận không được ở tương lai.")
    floor = max(d.received_at, last) if last else d.received_at
    if at < floor:
        raise ValidationError(
            f"Thời điểm {at:%H:%M %d/%m/%Y} trước bước trước đó của hồ sơ ({floor:%H:%M %d/%m/%Y})."
        )


def _receiver(session: Session, username: str, holder_id: int | None) -> User:
    name = username.strip()
    if not name:
        raise ValidationError("Chưa chọn người nhận hồ sơ.")
    wanted = limits.key(name)
    user = (
        None
        if wanted is None
        else session.execute(select(User).where(User.username == wanted)).scalar_one_or_none()
    )
    if user is None or not user.active:
        raise ValidationError(f"Không có người dùng đang hoạt động “{name}”.")
    if Permission.DOSSIER_PROCESS not in permissions_of(Role(r) for r in user.role_names):
        raise ValidationError(f"“{user.full_name}” không có quyền xử lý hồ sơ.")
    if user.id == holder_id:
        raise ValidationError(f"Hồ sơ đang do “{user.full_name}” giữ.")
    return user


def _next_letter(session: Session, action: Action, year: int) -> int:
    last = session.execute(
        select(func.max(DossierEvent.number)).where(
            DossierEvent.action == action.value, DossierEvent.year == year
        )
    ).scalar()
    return (last or 0) + 1


APOLOGY_RULE = "Nghị định 61/2018/NĐ-CP, điều 19 khoản 9"


def _apology_rule(
    session: Session,
    d: Dossier,
    at: dt.datetime,
    schedule: Schedule,
    data: ActionInput,
    live: Actor,
) -> str:
    """The apology's two limits — sent at the latest one working day before the deadline,
    a new appointment given at most once; the leader's reason when one is broken (refused
    for anyone else), "" when none is."""
    broken = []
    earlier = session.execute(
        select(func.count(DossierEvent.id)).where(
            DossierEvent.dossier_id == d.id, DossierEvent.action == Action.APOLOGIZE.value
        )
    ).scalar_one()
    if earlier:
        broken.append("hồ sơ đã được hẹn lại một lần, chỉ được hẹn lại một lần")
    latest = schedule.latest_apology_day(d.due_at)
    if d.paused_at is None and at.date() > latest:
        broken.append(
            f"văn bản xin lỗi phải gửi chậm nhất ngày {latest:%d/%m/%Y}, một ngày làm việc "
            f"trước hạn trả {d.due_at:%H:%M %d/%m/%Y}"
        )
    override = limits.text(data.override, DossierEvent.reason, "lý do cho phép", multiline=True)
    if not broken:
        return ""
    rule = f"Không thể hẹn lại: {'; '.join(broken)} ({APOLOGY_RULE})."
    if not override:
        raise ValidationError(rule + " Lãnh đạo có thể cho phép, ghi rõ lý do.")
    if not live.can(Permission.DOSSIER_DECIDE):
        raise PermissionDenied(rule + " Chỉ lãnh đạo (người phê duyệt) được cho phép.")
    return override


def act(
    db: Database,
    actor: Actor,
    code: str,
    action: Action | str,
    data: ActionInput | None = None,
    *,
    now: dt.datetime | None = None,
) -> DossierDetail:
    """Take ``action`` on the dossier, or refuse in Vietnamese and change nothing."""
    action = Action(action)
    data = data or ActionInput()
    moment = now or _now()
    at = data.at.replace(second=0, microsecond=0) if data.at else moment
    reason = limits.text(data.reason, DossierEvent.reason, "lý do", multiline=True)
    to_name = limits.text(data.to_name, Dossier.returned_to, "tên người nhận kết quả")
    comment = limits.text(
        data.comment, Dossier.rating_comment, "ý kiến của người nộp", multiline=True
    )
    needs_reason = (Action.REQUEST_SUPPLEMENT, Action.APOLOGIZE, Action.STOP, Action.CANCEL)
    if action in needs_reason and not reason:
        raise ValidationError(f"Chưa nhập lý do {action.label}.")
    schedule = unit_schedule(db)
    permission = ACTION_PERMISSION[action]
    leader = (
        action is Action.APOLOGIZE
        and data.override.strip() != ""
        and actor.can(Permission.DOSSIER_DECIDE)
    )
    if leader:  # the leader allows an apology outside the rule, on any dossier
        permission = Permission.DOSSIER_DECIDE
    elif (
        action is Action.APOLOGIZE
        and actor.can(Permission.DOSSIER_DECIDE)
        and not actor.can(permission)
    ):
        raise ValidationError(
            "Lãnh đạo ghi hẹn lại chỉ để cho phép ngoài quy định: ghi lý do cho phép. "
            "Hẹn lại trong quy định do công chức đang giữ hồ sơ ghi."
        )
    with write(db, actor, permission) as uow:
        session = uow.session
        live = uow.actor
        assert live is not None
        d = dossier_by_code(session, code)
        state = DossierState(d.state)
        target = next_state(state, action)
        if (
            not leader
            and action in _HOLDER_ONLY
            and not live.can(Permission.INTAKE)
            and d.holder_id != live.user_id
        ):
            holder, _ = _user_name(session, d.holder_id)
            raise PermissionDenied(
                f"Hồ sơ {d.code} đang do “{holder or 'bộ phận một cửa'}” giữ: "
                f"“{live.username}” không thể {action.label}."
            )
        last = session.execute(
            select(func.max(DossierEvent.at)).where(DossierEvent.dossier_id == d.id)
        ).scalar()
        _check_at(d, last, at, moment)
        event = DossierEvent(
            dossier_id=d.id,
            action=action.value,
            at=at,
            recorded_at=utcnow(),
            actor_id=live.user_id,
            reason=reason,
            state_after=target.value,
            backdated=moment - at > BACKDATE_TOLERANCE,
            to_name="",
            form_revision="",
        )
        before = {"state": d.state, "due_at": d.due_at, "promised_at": d.promised_at}
        overridden = ""  # the leader's reason for an apology outside the rule
        if action is Action.HANDOVER:
            receiver = _receiver(session, data.to_user, d.holder_id)
            handovers = session.execute(
                select(func.count(DossierEvent.id)).where(
                    DossierEvent.dossier_id == d.id, DossierEvent.action == Action.HANDOVER.value
                )
            ).scalar_one()
            steps = len(_steps(session, d))
            event.from_user_id = d.holder_id
            event.to_user_id = receiver.id
            event.step = min(handovers + 2, steps) if steps else None
            event.outcome = outcome(at, d.due_at).value
            d.holder_id = receiver.id
        elif action is Action.REQUEST_SUPPLEMENT:
            d.paused_at = at
            d.was_paused = True
        elif action is Action.SUPPLEMENT_RECEIVED:
            assert d.paused_at is not None
            policy = Policy(d.policy)
            content = _content(session, d)
            rule = unit_in(session).supplement_rule(d.regime)
            event.rule = rule.value
            event.due_before = d.due_at
            if rule is SupplementRule.RESTART and d.paused_at <= d.due_at:
                # counted again from the start: the time limit from the complete dossier
                # (never earlier than the appointment already given; a dossier already late
                # when the supplement was asked stays judged by its appointment)
                cutoff = content.cutoff or schedule.default_cutoff
                restarted = schedule.schedule.appointment(at, content.duration, policy, cutoff)
                d.due_at = max(restarted, d.due_at)
                if d.promised_at is not None and d.promised_at <= d.due_at:
                    d.promised_at = None  # the apology's appointment is overtaken
            elif rule is SupplementRule.PAUSE:
                unit = content.duration.unit
                d.due_at = schedule.schedule.resumed_appointment(
                    d.due_at, d.paused_at, at, policy, unit
                )
                if d.promised_at is not None:
                    d.promised_at = schedule.schedule.resumed_appointment(
                        d.promised_at, d.paused_at, at, policy, unit
                    )
            event.due_after = d.due_at
            d.paused_at = None
        elif action is Action.RESULT_READY:
            unit = _content(session, d).duration.unit
            result = outcome(at, d.due_at, schedule.schedule, unit)
            d.result_at = d.finished_at = at
            d.outcome = event.outcome = result.value
        elif action is Action.RETURN:
            if d.result_at is not None and at < d.result_at:
                raise ValidationError("Thời điểm trả kết quả không được trước khi có kết quả.")
            d.returned_at = at
            d.returned_to = to_name or d.applicant_name
            event.to_name = d.returned_to
            d.rating = Rating(data.rating).value if data.rating else None
            d.rating_comment = comment
            d.complaint = bool(data.complaint)
        elif action is Action.APOLOGIZE:
            if data.new_appointment is None:
                raise ValidationError("Chưa nhập ngày hẹn trả kết quả mới.")
            overridden = _apology_rule(session, d, at, schedule.schedule, data, live)
            if overridden:
                event.reason = f"{reason} — {OVERRIDE_MARK}: {overridden}"[:2000]
            current = d.promised_at or d.due_at
            if d.paused_at is None:
                current = max(current, at)
            proposed = schedule.schedule.check_new_appointment(current, data.new_appointment)
            event.new_appointment = d.promised_at = proposed
            event.due_before = d.due_at
        elif action in (Action.STOP, Action.CANCEL):
            d.finished_at = at
            d.paused_at = None
        if action in LETTER_FORM:
            event.year = at.year
            event.number = _next_letter(session, action, at.year)
            try:
                event.form_revision = form_for(session, LETTER_FORM[action], at.date()).revision_key
            except NotFound:
                event.form_revision = ""  # no form in force that day (stop before 1/7/2025)
        if d.finished_at is not None and d.open_days is None:
            d.open_days = (d.finished_at.date() - d.received_at.date()).days
        d.state = target.value
        session.add(event)
        session.flush()
        after = {
            "state": d.state,
            "at": at,
            "backdated": event.backdated,
            "due_at": d.due_at,
            "promised_at": d.promised_at,
        }
        if reason:
            after["reason"] = event.reason or reason
        if overridden:
            after["override"] = overridden
        if event.to_user_id:
            after["to"] = data.to_user.strip()
            after["step"] = event.step
        if event.outcome:
            after["outcome"] = event.outcome
        if action is Action.RETURN:
            after.update(returned_to=d.returned_to, rating=d.rating, complaint=d.complaint)
        if event.number:
            after["letter"] = f"{event.number:03d}/{event.year}"
            after["form_revision"] = event.form_revision
        uow.record(f"dossier.{action.value}", "dossier", d.code, before=before, after=after)
        return _detail(session, d)


# ---------------------------------------------------------------------- lists


@dataclass(frozen=True)
class QueueRow:
    code: str
    procedure: str
    applicant: str
    received_at: dt.datetime
    due_at: dt.datetime
    promised_at: dt.datetime | None
    state: DossierState
    holder: str
    overdue: bool
    result_at: dt.datetime | None = None


def _rows(session: Session, stmt: object, now: dt.datetime) -> list[QueueRow]:
    rows = session.execute(stmt).all()  # type: ignore[call-overload]
    names = {u.id: u.full_name for u in session.execute(select(User)).scalars()}
    out = [
        QueueRow(
            code=d.code,
            procedure=name,
            applicant=d.applicant_name,
            received_at=d.received_at,
            due_at=d.due_at,
            promised_at=d.promised_at,
            state=DossierState(d.state),
            holder=names.get(d.holder_id, "") if d.holder_id else "",
            overdue=is_overdue(d.state, d.due_at, d.paused_at, now),
            result_at=d.result_at,
        )
        for d, name in rows
    ]
    return out


def queue(
    db: Database,
    actor: Actor,
    *,
    username: str | None = None,
    everyone: bool = False,
    now: dt.datetime | None = None,
) -> list[QueueRow]:
    """Open dossiers held by one person (default: the actor) — or by anyone — overdue
    first, then by appointment."""
    moment = now or _now()
    with db.read() as session:
        live = require(session, actor, Permission.RECORDS_READ)
        stmt = (
            select(Dossier, Procedure.name)
            .join(Procedure, Procedure.id == Dossier.procedure_id)
            .where(Dossier.state.in_([s.value for s in OPEN_STATES]))
        )
        if not everyone:
            holder = live.user_id
            if username:
                user = session.execute(
                    select(User).where(User.username == username)
                ).scalar_one_or_none()
                if user is None:
                    raise NotFound(f"Không có người dùng “{username}”.")
                holder = user.id
            stmt = stmt.where(Dossier.holder_id == holder)
        rows = _rows(session, stmt.order_by(Dossier.due_at, Dossier.id), moment)
    rows.sort(key=lambda r: (not r.overdue, r.due_at))
    return rows


def ready_not_returned(
    db: Database, actor: Actor, *, now: dt.datetime | None = None
) -> list[QueueRow]:
    """Results ready but not collected yet, the oldest first."""
    moment = now or _now()
    with db.read() as session:
        require(session, actor, Permission.RECORDS_READ)
        stmt = (
            select(Dossier, Procedure.name)
            .join(Procedure, Procedure.id == Dossier.procedure_id)
            .where(Dossier.state == DossierState.RESULT_READY.value)
            .order_by(Dossier.result_at, Dossier.id)
        )
        return _rows(session, stmt, moment)


def officers(db: Database) -> list[tuple[str, str]]:
    """(username, full name) of active people who may process dossiers."""
    with db.read() as session:
        users = session.execute(
            select(User).where(User.active.is_(True)).order_by(User.full_name)
        ).scalars()
        return [
            (u.username, u.full_name)
            for u in users
            if Permission.DOSSIER_PROCESS in permissions_of(Role(r) for r in u.role_names)
        ]


@dataclass(frozen=True)
class FoundDossier:
    code: str
    applicant: str
    id_number: str
    phone: str
    procedure_code: str
    procedure: str
    received_at: dt.datetime
    state: DossierState
    appointment: dt.datetime  # the apology's new appointment if there is one
    matched: str  # code | name | phone | id_number


_DIGITS_ONLY = re.compile(r"[\s.()+-]")


def _found_columns() -> tuple[Any, ...]:
    return (
        Dossier.id,
        Dossier.code,
        Dossier.applicant_name,
        Dossier.applicant_key,
        Dossier.id_number,
        Dossier.phone,
        Dossier.received_at,
        Dossier.state,
        Dossier.promised_at,
        Dossier.due_at,
        Procedure.code.label("procedure_code"),
        Procedure.name.label("procedure_name"),
    )


def find(db: Database, actor: Actor, query: str, *, limit: int = 50) -> list[FoundDossier]:
    """Dossiers matching what a citizen says: the code or its tail (with or without the
    dash, as read off the slip), the name (accents and case optional, đ = d), the phone
    number, the ID number — newest first.

    A whole ID number or phone is looked up through its index; only a code, its tail, a
    name or a partial phone scans the dossiers."""
    text = limits.query(query)
    limit = limits.results(limit)
    if not text:
        raise ValidationError(
            "Nhập mã hồ sơ (hoặc mấy số cuối), họ tên, số điện thoại hoặc số giấy tờ."
        )
    digits = _DIGITS_ONLY.sub("", text)
    all_digits = digits.isdigit()
    phone = "0" + digits[2:] if digits.startswith("84") and len(digits) >= 11 else digits
    whole_number = all_digits and len(digits) >= 9  # an ID (9, 12) or a phone (10, 11)
    exact: list[ColumnElement[bool]] = []
    scan: list[ColumnElement[bool]] = []
    if whole_number:
        exact += [Dossier.id_number == digits, Dossier.phone == phone]
        if len(digits) == 10:  # YYMMDDXXXX: a code's tail typed without its dash
            scan.append(Dossier.code.endswith(f"{digits[:6]}-{digits[6:]}", autoescape=True))
    else:
        scan.append(Dossier.code.contains(text.upper(), autoescape=True))
        if all_digits:
            if len(digits) >= 6:
                scan.append(Dossier.phone.endswith(phone, autoescape=True))
        elif any(ch.isalpha() for ch in text):
            words = fold(text).split()
            scan.append(and_(*(Dossier.applicant_key.contains(w, autoescape=True) for w in words)))
    rows: dict[int, Any] = {}
    with db.read() as session:
        require(session, actor, Permission.RECORDS_READ)
        base = select(*_found_columns()).join(Procedure, Procedure.id == Dossier.procedure_id)
        newest = (Dossier.received_at.desc(), Dossier.id.desc())
        for condition in exact:  # each through its own index
            for row in session.execute(base.where(condition).order_by(*newest).limit(limit)):
                rows[row.id] = row
        if scan:
            for row in session.execute(base.where(or_(*scan)).order_by(*newest).limit(limit)):
                rows[row.id] = row
    ordered = sorted(rows.values(), key=lambda r: (r.received_at, r.id), reverse=True)[:limit]

    def matched(r: Any) -> str:
        if whole_number and r.id_number == digits:
            return "id_number"
        if all_digits and len(digits) >= 6 and r.phone and r.phone.endswith(phone):
            return "phone"
        if not all_digits and text.upper() not in r.code:
            return "name"
        return "code"

    return [
        FoundDossier(
            code=r.code,
            applicant=r.applicant_name,
            id_number=r.id_number,
            phone=r.phone,
            procedure_code=r.procedure_code,
            procedure=r.procedure_name,
            received_at=r.received_at,
            state=DossierState(r.state),
            appointment=r.promised_at or r.due_at,
            matched=matched(r),
        )
        for r in ordered
    ]


def find_codes(db: Database, actor: Actor, text: str, limit: int = 20) -> list[str]:
    """Dossier codes matching a typed or scanned text (whole code, or its tail)."""
    needle = (limits.key(text) or "").upper()
    if not needle:
        return []
    with db.read() as session:
        require(session, actor, Permission.RECORDS_READ)
        stmt = select(Dossier.code).where(
            or_(Dossier.code == needle, Dossier.code.like(f"%{needle}"))
        )
        return list(session.execute(stmt.order_by(Dossier.code.desc()).limit(limit)).scalars())
