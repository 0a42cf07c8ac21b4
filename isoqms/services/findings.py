"""Findings, nonconformities and corrective actions (clause 10.2): raised by the committee
(from an internal audit, a complaint, a late dossier, a missed objective), planned with an
owner and a due date, carried out by the owner, verified by someone else. The rules are
``domain.findings``; every change is audited."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from isoqms.db.engine import Database
from isoqms.db.models import IsoFinding, User, utcnow
from isoqms.domain import clock
from isoqms.domain.errors import NotFound, PermissionDenied, ValidationError
from isoqms.domain.findings import (
    FindingAction,
    FindingKind,
    FindingSource,
    FindingState,
    check_due,
    check_verifier,
    is_overdue,
    next_state,
)
from isoqms.domain.roles import Permission
from isoqms.services import limits, lookup
from isoqms.services.intake import _lock
from isoqms.services.uow import Actor, require, write


@dataclass(frozen=True)
class FindingDraft:
    kind: FindingKind | str
    description: str
    source: FindingSource | str = FindingSource.AUDIT
    clause: str = ""
    process: str = ""  # the document code of the process concerned
    evidence: str = ""


@dataclass(frozen=True)
class ActionPlan:
    correction: str
    root_cause: str
    action: str
    owner: str  # a user name
    due_on: dt.date


@dataclass(frozen=True)
class FindingView:
    id: int
    number: str
    kind: str
    kind_label: str
    source: str
    source_label: str
    clause: str
    process: str
    description: str
    evidence: str
    state: str
    state_label: str
    correction: str
    root_cause: str
    action: str
    owner: str  # user name
    owner_name: str
    due_on: dt.date | None
    done_note: str
    done_on: dt.date | None
    verified_by: str
    verified_on: dt.date | None
    effective: bool | None
    verification_note: str
    raised_on: dt.date
    raised_by: str
    closed_on: dt.date | None
    overdue: bool


def _text(value: str, column: object, what: str, *, required: bool = False) -> str:
    return limits.text(value, column, what, multiline=True, required=required)


def _user(session: Session, user_id: int | None) -> User | None:
    return session.get(User, user_id) if user_id is not None else None


def _view(session: Session, f: IsoFinding, day: dt.date) -> FindingView:
    owner, verifier, raiser = (
        _user(session, f.owner_id),
        _user(session, f.verified_by),
        _user(session, f.raised_by),
    )
    kind, source, state = FindingKind(f.kind), FindingSource(f.source), FindingState(f.state)
    return FindingView(
        f.id, f.number, kind.value, kind.label, source.value, source.label, f.clause,
        f.process, f.description, f.evidence, state.value, state.label, f.correction,
        f.root_cause, f.action, owner.username if owner else "",
        owner.full_name if owner else "", f.due_on, f.done_note, f.done_on,
        verifier.full_name if verifier else "", f.verified_on, f.effective,
        f.verification_note, f.raised_on, raiser.full_name if raiser else "", f.closed_on,
        is_overdue(state, f.due_on, day),
    )  # fmt: skip


def _finding(session: Session, number: str) -> IsoFinding:
    """By its number (PH-2026-04) or, as ``--json`` shows it, its id (4)."""
    found = lookup.by_number(session, IsoFinding, number)
    if found is None:
        raise NotFound(f"Không có phát hiện số “{number}”.")
    return found


def _snapshot(f: IsoFinding) -> dict[str, object]:
    """What the audit keeps of each step: a re-planned action keeps the failed one and
    why it failed in the events before it (clause 10.2.2)."""
    return {
        "number": f.number, "kind": f.kind, "state": f.state, "owner_id": f.owner_id,
        "due_on": f.due_on, "correction": f.correction, "root_cause": f.root_cause,
        "action": f.action, "done_note": f.done_note, "done_on": f.done_on,
        "effective": f.effective, "verification_note": f.verification_note,
    }  # fmt: skip


def raise_finding(
    db: Database, actor: Actor, draft: FindingDraft, today: dt.date | None = None
) -> FindingView:
    """Record a finding; numbered PH-YYYY-NN in the year it was raised."""
    day = today or clock.today()
    try:
        kind, source = FindingKind(draft.kind), FindingSource(draft.source)
    except ValueError:
        raise ValidationError(
            "Loại phát hiện là nonconformity / observation / opportunity; nguồn là audit / "
            "complaint / late_dossier / objective / other."
        ) from None
    description = _text(draft.description, IsoFinding.description, "mô tả", required=True)
    evidence = _text(draft.evidence, IsoFinding.evidence, "bằng chứng")
    clause = limits.text(draft.clause, IsoFinding.clause, "điều khoản")
    process = limits.text(draft.process, IsoFinding.process, "quá trình")
    with write(db, actor, Permission.FINDINGS_MANAGE) as uow:
        session = uow.session
        _lock(session, db)  # two raised at once must not take the same number
        prefix = f"PH-{day.year}-"
        count = session.execute(
            select(func.count(IsoFinding.id)).where(IsoFinding.number.like(prefix + "%"))
        ).scalar_one()
        finding = IsoFinding(
            number=f"{prefix}{count + 1:02d}", kind=kind.value, source=source.value,
            clause=clause, process=process, description=description, evidence=evidence,
            state=FindingState.OPEN.value, correction="", root_cause="", action="",
            done_note="", verification_note="", raised_on=day, raised_by=actor.user_id,
            created_at=utcnow(),
        )  # fmt: skip
        session.add(finding)
        session.flush()
        uow.record("finding.raise", "iso_finding", finding.id, after=_snapshot(finding))
        return _view(session, finding, day)


@dataclass
class _Step:
    session: Session
    finding: IsoFinding
    state: FindingState  # where the action leads


@contextmanager
def _step(
    db: Database, actor: Actor, permission: Permission, number: str, action: FindingAction
) -> Iterator[_Step]:
    """One step of a finding in one audited transaction: the finding found, the action
    checked against its state (``domain.findings``), then — after the caller's changes —
    the event ``finding.<action>`` with the finding before and after."""
    with write(db, actor, permission) as uow:
        finding = _finding(uow.session, number)
        before = _snapshot(finding)
        state = next_state(FindingKind(finding.kind), FindingState(finding.state), action)
        yield _Step(uow.session, finding, state)
        event = {
            FindingAction.VERIFY_EFFECTIVE: "verify",
            FindingAction.VERIFY_NOT_EFFECTIVE: "verify",
        }.get(action, action.value)
        uow.record(
            f"finding.{event}", "iso_finding", finding.id, before=before, after=_snapshot(finding)
        )


def plan_action(
    db: Database, actor: Actor, number: str, plan: ActionPlan, today: dt.date | None = None
) -> FindingView:
    """Correction, root cause, corrective action, its owner and due date."""
    day = today or clock.today()
    correction = _text(plan.correction, IsoFinding.correction, "khắc phục tức thời")
    cause = _text(plan.root_cause, IsoFinding.root_cause, "nguyên nhân")
    action = _text(plan.action, IsoFinding.action, "hành động khắc phục", required=True)
    check_due(plan.due_on, day)
    with _step(db, actor, Permission.FINDINGS_MANAGE, number, FindingAction.PLAN) as step:
        session, finding, state = step.session, step.finding, step.state
        owner = lookup.active_user(session, plan.owner)
        if owner is None:
            raise NotFound(f"Không có người dùng “{plan.owner}” để giao hành động khắc phục.")
        if not lookup.holds(session, owner, Permission.FINDINGS_ACT):
            raise ValidationError(
                f"Người dùng “{owner.username}” không thực hiện được hành động khắc phục "
                "(vai trò chỉ xem hoặc quản trị): giao cho người khác."
            )
        finding.correction, finding.root_cause, finding.action = correction, cause, action
        finding.owner_id, finding.due_on, finding.state = owner.id, plan.due_on, state.value
        return _view(session, finding, day)


def record_done(
    db: Database, actor: Actor, number: str, note: str, today: dt.date | None = None
) -> FindingView:
    """The owner records what was done (only the owner)."""
    day = today or clock.today()
    text = _text(note, IsoFinding.done_note, "kết quả thực hiện", required=True)
    with _step(db, actor, Permission.FINDINGS_ACT, number, FindingAction.DONE) as step:
        session, finding, state = step.session, step.finding, step.state
        if finding.owner_id != actor.user_id:
            raise PermissionDenied(
                f"Chỉ người được giao hành động khắc phục của {finding.number} "
                "ghi kết quả thực hiện."
            )
        finding.done_note, finding.done_on, finding.state = text, day, state.value
        return _view(session, finding, day)


def verify(
    db: Database,
    actor: Actor,
    number: str,
    *,
    effective: bool,
    note: str,
    today: dt.date | None = None,
) -> FindingView:
    """Someone other than the owner judges whether the action worked: effective closes the
    finding; not effective sends it back to be planned again."""
    day = today or clock.today()
    text = _text(note, IsoFinding.verification_note, "kết quả đánh giá hiệu lực", required=True)
    action = FindingAction.VERIFY_EFFECTIVE if effective else FindingAction.VERIFY_NOT_EFFECTIVE
    with _step(db, actor, Permission.FINDINGS_MANAGE, number, action) as step:
        session, finding, state = step.session, step.finding, step.state
        check_verifier(finding.owner_id, actor.user_id)
        finding.verified_by, finding.verified_on = actor.user_id, day
        finding.effective, finding.verification_note = effective, text
        finding.state = state.value
        finding.closed_on = day if state is FindingState.CLOSED else None
        return _view(session, finding, day)


def close_finding(
    db: Database, actor: Actor, number: str, note: str, today: dt.date | None = None
) -> FindingView:
    """An observation or an opportunity for improvement closed with a note."""
    day = today or clock.today()
    text = _text(note, IsoFinding.verification_note, "ghi chú đóng", required=True)
    with _step(db, actor, Permission.FINDINGS_MANAGE, number, FindingAction.CLOSE) as step:
        session, finding, state = step.session, step.finding, step.state
        finding.state, finding.closed_on, finding.verification_note = state.value, day, text
        return _view(session, finding, day)


def findings(
    db: Database, actor: Actor, *, open_only: bool = False, today: dt.date | None = None
) -> list[FindingView]:
    day = today or clock.today()
    with db.read() as session:
        require(session, actor, Permission.RECORDS_READ)
        query = select(IsoFinding).order_by(IsoFinding.raised_on, IsoFinding.id)
        if open_only:
            query = query.where(IsoFinding.state != FindingState.CLOSED.value)
        return [_view(session, f, day) for f in session.execute(query).scalars()]
