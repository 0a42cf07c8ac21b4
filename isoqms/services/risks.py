"""The risks and opportunities register (clause 6.1): kept by the committee, each line
with its rating, the action taken and its next review; every change audited."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from isoqms.db.engine import Database
from isoqms.db.models import IsoRisk, utcnow
from isoqms.domain import clock
from isoqms.domain.errors import NotFound, ValidationError
from isoqms.domain.risks import RiskKind, check_rating, level, review_overdue
from isoqms.domain.roles import Permission
from isoqms.services import limits
from isoqms.services.uow import Actor, require, write


@dataclass(frozen=True)
class RiskDraft:
    description: str
    likelihood: int
    impact: int
    action: str
    review_on: dt.date
    process: str = ""
    kind: RiskKind | str = RiskKind.RISK


@dataclass(frozen=True)
class RiskView:
    id: int
    kind: str
    kind_label: str
    process: str
    description: str
    likelihood: int
    impact: int
    level: str
    action: str
    review_on: dt.date
    reviewed_on: dt.date | None
    review_overdue: bool


def _view(r: IsoRisk, day: dt.date) -> RiskView:
    kind = RiskKind(r.kind)
    return RiskView(
        r.id, kind.value, kind.label, r.process, r.description, r.likelihood, r.impact,
        level(r.likelihood, r.impact), r.action, r.review_on, r.reviewed_on,
        review_overdue(r.review_on, day),
    )  # fmt: skip


def _checked(draft: RiskDraft, day: dt.date) -> RiskDraft:
    try:
        kind = RiskKind(draft.kind)
    except ValueError:
        raise ValidationError("Loại là risk (rủi ro) hoặc opportunity (cơ hội).") from None
    if draft.review_on < day:
        raise ValidationError("Ngày xem xét lại không được trước hôm nay.")
    return RiskDraft(
        limits.text(draft.description, IsoRisk.description, "mô tả", multiline=True,
                    required=True),
        check_rating(draft.likelihood, "Khả năng xảy ra"),
        check_rating(draft.impact, "Mức ảnh hưởng"),
        limits.text(draft.action, IsoRisk.action, "biện pháp", multiline=True),
        draft.review_on,
        limits.text(draft.process, IsoRisk.process, "quá trình"),
        kind,
    )  # fmt: skip


def _snapshot(r: IsoRisk) -> dict[str, object]:
    return {
        "kind": r.kind, "process": r.process, "description": r.description,
        "likelihood": r.likelihood, "impact": r.impact, "action": r.action,
        "review_on": r.review_on,
    }  # fmt: skip


def add_risk(
    db: Database, actor: Actor, draft: RiskDraft, today: dt.date | None = None
) -> RiskView:
    day = today or clock.today()
    d = _checked(draft, day)
    with write(db, actor, Permission.FINDINGS_MANAGE) as uow:
        risk = IsoRisk(
            kind=RiskKind(d.kind).value, process=d.process, description=d.description,
            likelihood=d.likelihood, impact=d.impact, action=d.action, review_on=d.review_on,
            created_at=utcnow(), created_by=actor.user_id,
        )  # fmt: skip
        uow.session.add(risk)
        uow.session.flush()
        uow.record("risk.add", "iso_risk", risk.id, after=_snapshot(risk))
        return _view(risk, day)


def review_risk(
    db: Database, actor: Actor, risk_id: int, draft: RiskDraft, today: dt.date | None = None
) -> RiskView:
    """A review of the line: its rating and action as they are now, and the next review."""
    day = today or clock.today()
    d = _checked(draft, day)
    with write(db, actor, Permission.FINDINGS_MANAGE) as uow:
        risk = uow.session.get(IsoRisk, risk_id)
        if risk is None:
            raise NotFound(f"Không có dòng rủi ro số {risk_id}.")
        before = _snapshot(risk)
        risk.description, risk.process = d.description, d.process
        risk.kind = RiskKind(d.kind).value
        risk.likelihood, risk.impact, risk.action = d.likelihood, d.impact, d.action
        risk.review_on, risk.reviewed_on = d.review_on, day
        uow.record("risk.review", "iso_risk", risk.id, before=before, after=_snapshot(risk))
        return _view(risk, day)


def risks(db: Database, actor: Actor, today: dt.date | None = None) -> list[RiskView]:
    day = today or clock.today()
    with db.read() as session:
        require(session, actor, Permission.RECORDS_READ)
        rows = session.execute(select(IsoRisk).order_by(IsoRisk.process, IsoRisk.id)).scalars()
        return [_view(r, day) for r in rows]
