"""Quality objectives measured by the desk's statistics: each objective names a statistic
(:data:`isoqms.services.statistics.METRICS`), a target, a scope (overall, one field, one
procedure) and a period, and shows its attainment per period — computed, never typed."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from isoqms.db.engine import Database
from isoqms.db.models import Procedure, QualityObjective
from isoqms.domain import clock
from isoqms.domain.errors import NotFound, ValidationError
from isoqms.domain.roles import Permission
from isoqms.render.report import ObjectiveLine
from isoqms.services import limits, statistics
from isoqms.services.statistics import METRICS, Figures, Period
from isoqms.services.uow import Actor, require, write

PERIODS = {"month": "Hằng tháng", "quarter": "Hằng quý", "half": "6 tháng", "year": "Hằng năm"}
SCOPES = {"all": "Toàn đơn vị", "field": "Theo lĩnh vực", "procedure": "Theo thủ tục"}
#: the same in the English interface
PERIODS_EN = {"month": "Monthly", "quarter": "Quarterly", "half": "Half-yearly", "year": "Yearly"}
SCOPES_EN = {"all": "Whole unit", "field": "By field", "procedure": "By procedure"}


@dataclass(frozen=True)
class ObjectiveDraft:
    title: str
    metric: str
    target: float
    comparison: str = ">="
    scope: str = "all"
    scope_value: str = ""
    period: str = "quarter"


@dataclass(frozen=True)
class ObjectiveView:
    id: int
    title: str
    metric: str
    metric_label: str
    comparison: str
    target: float
    scope: str
    scope_value: str
    period: str
    active: bool

    @property
    def target_text(self) -> str:
        return f"{self.comparison} {self.target:g}%".replace(">=", "≥").replace("<=", "≤")

    def met(self, value: float | None) -> bool | None:
        if value is None:
            return None
        return value >= self.target if self.comparison == ">=" else value <= self.target


@dataclass(frozen=True)
class Attainment:
    period: Period
    value: float | None
    met: bool | None
    resolved: int


def _view(o: QualityObjective) -> ObjectiveView:
    return ObjectiveView(
        o.id,
        o.title,
        o.metric,
        METRICS[o.metric],
        o.comparison,
        o.target,
        o.scope,
        o.scope_value,
        o.period,
        o.active,
    )


def list_objectives(db: Database, actor: Actor, *, active_only: bool = True) -> list[ObjectiveView]:
    with db.read() as session:
        require(session, actor, Permission.RECORDS_READ)
        stmt = select(QualityObjective).order_by(QualityObjective.id)
        if active_only:
            stmt = stmt.where(QualityObjective.active.is_(True))
        return [_view(o) for o in session.execute(stmt).scalars()]


def add(db: Database, actor: Actor, draft: ObjectiveDraft) -> ObjectiveView:
    title = limits.text(draft.title, QualityObjective.title, "nội dung mục tiêu", multiline=True)
    if not title:
        raise ValidationError("Chưa nhập nội dung mục tiêu.")
    if draft.metric not in METRICS:
        raise ValidationError(f"Chỉ số “{draft.metric}” không có trong thống kê.")
    if draft.comparison not in (">=", "<="):
        raise ValidationError("So sánh phải là ≥ hoặc ≤.")
    if not 0 <= draft.target <= 100:
        raise ValidationError("Chỉ tiêu là tỷ lệ phần trăm, từ 0 đến 100.")
    if draft.scope not in SCOPES or draft.period not in PERIODS:
        raise ValidationError("Phạm vi hoặc kỳ đánh giá không hợp lệ.")
    value = limits.text(draft.scope_value, QualityObjective.scope_value, "phạm vi")
    with write(db, actor, Permission.OBJECTIVES_MANAGE) as uow:
        session = uow.session
        if draft.scope == "field":
            fields = set(session.execute(select(Procedure.field)).scalars())
            if value not in fields:
                raise ValidationError(f"Không có lĩnh vực “{value}” trong danh mục thủ tục.")
        elif draft.scope == "procedure":
            found = session.execute(select(Procedure.id).where(Procedure.code == value)).first()
            if found is None:
                raise ValidationError(f"Không có thủ tục mã “{value}”.")
        else:
            value = ""
        objective = QualityObjective(
            title=title,
            metric=draft.metric,
            comparison=draft.comparison,
            target=float(draft.target),
            scope=draft.scope,
            scope_value=value,
            period=draft.period,
            active=True,
            created_by=uow.actor.user_id if uow.actor else None,
        )
        session.add(objective)
        session.flush()
        uow.record(
            "objective.add",
            "quality_objective",
            objective.id,
            after={
                "title": title,
                "metric": draft.metric,
                "target": f"{draft.comparison} {draft.target}",
                "scope": draft.scope,
                "scope_value": value,
                "period": draft.period,
            },
        )
        return _view(objective)


def retire(db: Database, actor: Actor, objective_id: int, reason: str) -> None:
    reason = limits.text(reason, QualityObjective.title, "lý do", multiline=True)
    if not reason:
        raise ValidationError("Chưa nhập lý do thôi áp dụng mục tiêu.")
    with write(db, actor, Permission.OBJECTIVES_MANAGE) as uow:
        objective = uow.session.get(QualityObjective, objective_id)
        if objective is None:
            raise NotFound(f"Không có mục tiêu số {objective_id}.")
        objective.active = False
        uow.record("objective.retire", "quality_objective", objective_id, after={"reason": reason})


def periods_of(kind: str, year: int) -> list[Period]:
    if kind == "month":
        return [Period.month(year, m) for m in range(1, 13)]
    if kind == "quarter":
        return [Period.quarter(year, q) for q in range(1, 5)]
    if kind == "half":
        return [Period.half(year, 1), Period.half(year, 2)]
    return [Period.months(year, 12)]


def _figures(report: statistics.Report, objective: ObjectiveView) -> Figures:
    if objective.scope == "all":
        return report.total
    for row in report.rows:
        if row.key == objective.scope_value:
            return row.figures
    return Figures()


Reports = dict[tuple[Period, str | None, dt.datetime | None], statistics.Report]


def _report(
    db: Database,
    actor: Actor,
    period: Period,
    by: str | None,
    cache: Reports,
    now: dt.datetime | None = None,
) -> statistics.Report:
    """One report per period and breakdown, shared by the objectives that need it; a
    period not over is judged at ``now`` (default: the clock)."""
    if (period, by, now) not in cache:
        cache[period, by, now] = statistics.report(db, actor, period, by, now=now)
    return cache[period, by, now]


def attainment(
    db: Database,
    actor: Actor,
    objective: ObjectiveView,
    year: int,
    *,
    until: dt.date | None = None,
    cache: Reports | None = None,
) -> list[Attainment]:
    """The objective's statistic for each period of the year that has begun — by the end
    of ``until`` if given, the clock otherwise; ``cache`` lets several objectives share
    the reports they have in common."""
    last = until or clock.today()
    now = dt.datetime.combine(until, dt.time(23, 59, 59)) if until else None
    by = None if objective.scope == "all" else objective.scope
    reports: Reports = {} if cache is None else cache
    out = []
    for period in periods_of(objective.period, year):
        if period.start > last:
            break
        figures = _figures(_report(db, actor, period, by, reports, now), objective)
        value = getattr(figures, objective.metric)
        out.append(Attainment(period, value, objective.met(value), figures.resolved))
    return out


def for_period(db: Database, actor: Actor, period: Period) -> list[ObjectiveLine]:
    """Each active objective measured over ``period`` (for the report's last section)."""
    lines = []
    reports: Reports = {}
    for objective in list_objectives(db, actor):
        by = None if objective.scope == "all" else objective.scope
        value = getattr(
            _figures(_report(db, actor, period, by, reports), objective), objective.metric
        )
        met = objective.met(value)
        lines.append(
            ObjectiveLine(
                title=objective.title,
                target=objective.target_text,
                actual="—" if value is None else f"{value:.2f}%".replace(".", ","),
                met={True: "Đạt", False: "Không đạt", None: "Chưa có số liệu"}[met],
            )
        )
    return lines
