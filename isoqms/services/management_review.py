"""The inputs of the management review (xem xét của lãnh đạo, TCVN ISO 9001:2015 clause
9.3; Decision 19/2014 art. 4): every figure from the desk's own records — the quality
objectives measured over the year so far with the counter's statistics, the results by
field, the findings and corrective actions of the year, the legal updates and the
declaration, the risks and opportunities, the document control — for the meeting to
decide on."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from isoqms.db.engine import Database
from isoqms.db.models import IsoFinding, IsoReview, User, utcnow
from isoqms.domain import clock
from isoqms.domain.errors import Conflict, NotFound, ValidationError
from isoqms.domain.findings import FindingKind, FindingSource, FindingState, check_due
from isoqms.domain.iso_cycle import LegalUpdate
from isoqms.domain.roles import Permission
from isoqms.domain.statistics import Period, Report
from isoqms.render.report import ObjectiveLine
from isoqms.services import (
    document_reviews,
    findings,
    iso_cycle,
    limits,
    lookup,
    objectives,
    statistics,
)
from isoqms.services import internal_audit as audit_service
from isoqms.services import risks as risk_service
from isoqms.services.findings import FindingView
from isoqms.services.intake import _lock
from isoqms.services.internal_audit import ProgrammeView
from isoqms.services.iso_cycle import DeclarationStatus
from isoqms.services.risks import RiskView
from isoqms.services.signatures import keep_signed
from isoqms.services.signing import CertificateInfo
from isoqms.services.uow import Actor, require, write


@dataclass(frozen=True)
class ReviewInputs:
    year: int
    period: Period
    made_on: dt.date
    objectives: tuple[ObjectiveLine, ...]
    total: Report
    by_field: Report
    findings: tuple[FindingView, ...]
    legal_updates: tuple[LegalUpdate, ...]
    declaration: DeclarationStatus
    documents: dict[str, int]
    risks: tuple[RiskView, ...] = ()
    audits: ProgrammeView | None = None
    #: the previous review and its decisions as they stand (clause 9.3.2 a)
    previous: ReviewView | None = None
    previous_actions: tuple[FindingView, ...] = ()


@dataclass(frozen=True)
class ReviewDecision:
    """A decision of the meeting: what, who carries it out, by when."""

    text: str
    owner: str  # a user name
    due_on: dt.date


@dataclass(frozen=True)
class ReviewRecord:
    held_on: dt.date
    chair: str
    participants: str
    conclusion: str
    decisions: tuple[ReviewDecision, ...] = ()


@dataclass(frozen=True)
class ReviewView:
    id: int
    number: str
    year: int
    held_on: dt.date
    chair: str
    participants: str
    conclusion: str
    recorded_by: str
    approved_by: str
    approved_on: dt.date | None
    decisions: tuple[str, ...]  # the findings' numbers that carry them
    inputs: dict[str, object]


def review_inputs(
    db: Database,
    actor: Actor,
    year: int,
    today: dt.date | None = None,
    *,
    before: dt.date | None = None,
) -> ReviewInputs:
    """The figures for the review of ``year``: from 1 January to today (or the year's end
    when it is over); the previous review is the last one held before ``before`` (default:
    the last one held so far)."""
    day = today or clock.today()
    if not 2000 <= year <= day.year:
        raise ValidationError(f"Năm {year} không hợp lệ: từ 2000 đến năm nay ({day.year}).")
    start = dt.date(year, 1, 1)
    period = Period.custom(start, min(day, dt.date(year, 12, 31)))
    held = [r for r in reviews(db, actor) if r.held_on < (before or day + dt.timedelta(days=1))]
    previous = held[-1] if held else None
    waiting: dict[str, int] = {}
    for reminder in document_reviews.reminders(db, actor, day):
        waiting[reminder.what] = waiting.get(reminder.what, 0) + 1
    # raised in the year, closed in it, or still open at its end (an action overdue
    # since last year is this year's business too)
    end = period.end
    register = findings.findings(db, actor, today=day)
    of_year = tuple(
        f
        for f in register
        if f.raised_on <= end
        and (
            f.raised_on.year == year
            or f.closed_on is None
            or f.closed_on.year == year
            or f.closed_on > end
        )
    )
    return ReviewInputs(
        year=year,
        period=period,
        made_on=day,
        objectives=tuple(objectives.for_period(db, actor, period)),
        total=statistics.report(db, actor, period),
        by_field=statistics.report(db, actor, period, "field"),
        findings=of_year,
        legal_updates=tuple(iso_cycle.pending_legal_updates(db, actor, day)),
        declaration=iso_cycle.declaration_status(db, actor, day),
        documents=waiting,
        risks=tuple(risk_service.risks(db, actor, day)),
        audits=audit_service.programme(db, actor, year, day),
        previous=previous,
        previous_actions=tuple(
            f for f in register
            if previous is not None and f.number in previous.decisions
        ),
    )  # fmt: skip


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}%".replace(".", ",")


def review_report_docx(
    db: Database,
    actor: Actor,
    year: int,
    today: dt.date | None = None,
    *,
    review: str | None = None,
) -> tuple[ReviewInputs, bytes]:
    """The input report of the management review as a sign-ready .docx: before the meeting
    with the figures as of today and a blank table for its decisions; with ``review``, the
    meeting's record — the figures as they stood on its day, its chair, participants,
    conclusion and decisions with where each stands now."""
    from isoqms.render.management_review import ReviewReport, render_review_docx
    from isoqms.services.unit import get_unit
    from isoqms.services.users import list_users

    day = today or clock.today()
    meeting: ReviewView | None = None
    if review is not None:
        with db.read() as session:
            require(session, actor, Permission.RECORDS_READ)
            meeting = _review_view(session, _review(session, review))
        if meeting.year != year:
            raise ValidationError(
                f"Cuộc họp {meeting.number} là xem xét của năm {meeting.year}, không phải {year}."
            )
        inputs = review_inputs(db, actor, year, meeting.held_on, before=meeting.held_on)
    else:
        inputs = review_inputs(db, actor, year, day)
    unit = get_unit(db)
    people = list_users(db, actor)
    secretary = next((u.full_name for u in people if u.active and "iso_secretary" in u.roles), "")
    head = next((u.full_name for u in people if u.active and "approver" in u.roles), "")
    t = inputs.total.total
    audits = inputs.audits
    now = {f.number: f for f in findings.findings(db, actor, today=day)}
    if meeting is not None:
        decided = tuple(
            (
                f.action,
                f.owner_name,
                f"{f.due_on:%d/%m/%Y}" if f.due_on else "",
                f.state_label + (" (quá hạn)" if f.overdue else ""),
            )
            for f in (now[n] for n in meeting.decisions if n in now)
        )
        meeting_lines: tuple[str, ...] = (
            f"Cuộc họp {meeting.number} ngày {meeting.held_on:%d/%m/%Y}, chủ trì: {meeting.chair}.",
            f"Thành phần: {meeting.participants}",
            f"Kết luận: {meeting.conclusion}",
        )
    else:
        decided = (("", "", "", ""),) * 3
        meeting_lines = ()
    previous = inputs.previous
    sections = (
        (
            "1. Mục tiêu chất lượng và mức độ đạt được",
            (),
            ("Mục tiêu", "Chỉ tiêu", "Thực hiện", "Đánh giá"),
            tuple((o.title, o.target, o.actual, o.met) for o in inputs.objectives),
        ),
        (
            "2. Kết quả giải quyết thủ tục hành chính",
            (
                f"Tiếp nhận {t.received} hồ sơ (trực tuyến {t.received_online}, bưu chính "
                f"{t.received_postal}); kỳ trước chuyển sang {t.carried_over}; đã giải quyết "
                f"{t.resolved} (trước hạn {t.resolved_before}, đúng hạn {t.resolved_on_time}, "
                f"quá hạn {t.resolved_late}); đang giải quyết {t.open_not_due + t.open_overdue} "
                f"(quá hạn {t.open_overdue}).",
                f"Tỷ lệ giải quyết trước và đúng hạn {_pct(t.on_time_rate)}; tỷ lệ hài lòng "
                f"{_pct(t.satisfaction_rate)}; hồ sơ có phản ánh, không hài lòng {t.dissatisfied}.",
            ),
            ("Lĩnh vực", "Tiếp nhận", "Đã giải quyết", "Quá hạn", "Đúng hạn", "Hài lòng"),
            tuple(
                (
                    r.label,
                    str(r.figures.received),
                    str(r.figures.resolved),
                    str(r.figures.resolved_late),
                    _pct(r.figures.on_time_rate),
                    _pct(r.figures.satisfaction_rate),
                )
                for r in inputs.by_field.rows
            ),
        ),
        (
            "3. Kết quả đánh giá nội bộ, sự không phù hợp và hành động khắc phục",
            (
                (
                    f"Chương trình đánh giá nội bộ năm {year}: "
                    + ("đã phê duyệt" if audits and audits.approved else "chưa phê duyệt")
                    + f"; {audits.planned if audits else 0} cuộc đánh giá theo kế hoạch, "
                    f"{audits.done if audits else 0} đã kết thúc"
                    + "".join(
                        f"; {a.number} ({a.title}): {a.nonconformities} sự không phù hợp, "
                        f"{a.observations} khuyến nghị"
                        for a in (audits.audits if audits else ())
                        if a.reported_on is not None
                    )
                    + "."
                ),
                f"{len(inputs.findings)} phát hiện trong năm (kể cả việc còn mở từ năm trước); "
                f"{sum(1 for f in inputs.findings if f.state == 'closed')} đã đóng; "
                f"{sum(1 for f in inputs.findings if f.overdue)} hành động khắc phục quá hạn.",
            ),
            ("Số", "Loại", "Nội dung", "Trạng thái", "Người thực hiện, hạn"),
            tuple(
                (
                    f.number,
                    f.kind_label,
                    f.description,
                    f.state_label + (" (quá hạn)" if f.overdue else ""),
                    f.owner_name + (f", {f.due_on:%d/%m/%Y}" if f.due_on else ""),
                )
                for f in inputs.findings
            ),
        ),
        (
            "4. Thay đổi của pháp luật và phạm vi áp dụng",
            (
                (
                    "Công bố: "
                    + (
                        f"quyết định {inputs.declaration.last.number.strip()} ngày "
                        f"{inputs.declaration.last.declared_on:%d/%m/%Y}, "
                        f"{len(inputs.declaration.last.procedures)} thủ tục."
                        if inputs.declaration.last
                        else "chưa có."
                    )
                ),
                *(f"Cần công bố lại: {r}" for r in inputs.declaration.reasons),
                f"Quy trình phải cập nhật theo văn bản pháp luật đã thay đổi: "
                f"{len(inputs.legal_updates)}.",
            ),
            ("Quy trình", "Văn bản thay đổi", "Hạn cập nhật"),
            tuple((u.document, u.external, f"{u.due:%d/%m/%Y}") for u in inputs.legal_updates),
        ),
        (
            "5. Rủi ro và cơ hội",
            (
                f"{len(inputs.risks)} dòng trong sổ rủi ro và cơ hội; "
                f"{sum(1 for r in inputs.risks if r.level == 'Cao')} ở mức cao; "
                f"{sum(1 for r in inputs.risks if r.review_overdue)} quá hạn xem xét lại.",
            ),
            ("Quá trình", "Loại", "Nội dung", "Mức", "Biện pháp"),
            tuple(
                (r.process, r.kind_label, r.description, r.level, r.action) for r in inputs.risks
            ),
        ),
        (
            "6. Kiểm soát tài liệu",
            (
                f"Đến hạn xem xét định kỳ: {inputs.documents.get('review_due', 0)}; chờ xem xét: "
                f"{inputs.documents.get('waiting_review', 0)}; chờ phê duyệt: "
                f"{inputs.documents.get('waiting_approval', 0)}; bản cần thu hồi: "
                f"{inputs.documents.get('recall_copy', 0)}.",
            ),
            (),
            (),
        ),
        (
            "7. Kết quả thực hiện quyết định của lần xem xét trước",
            (
                (
                    f"Lần xem xét trước: {previous.number} ngày {previous.held_on:%d/%m/%Y}, "
                    f"{len(previous.decisions)} quyết định."
                    if previous is not None
                    else "Chưa có lần xem xét trước được ghi trong phần mềm."
                ),
            ),
            ("Số", "Nội dung quyết định", "Người thực hiện, hạn", "Kết quả"),
            tuple(
                (
                    f.number,
                    f.action or f.description,
                    f.owner_name + (f", {f.due_on:%d/%m/%Y}" if f.due_on else ""),
                    f.state_label + (" (quá hạn)" if f.overdue else ""),
                )
                for f in inputs.previous_actions
            ),
        ),
        (
            "8. Kết luận, quyết định của lãnh đạo"
            + (" (ghi tại cuộc họp)" if meeting is None else ""),
            meeting_lines,
            ("Nội dung quyết định / cải tiến", "Người thực hiện", "Thời hạn", "Tình trạng"),
            decided,
        ),
    )
    place = unit.commune_name or unit.display_name
    data = render_review_docx(
        ReviewReport(
            authority=f"UBND {place}",
            place=place,
            year=year,
            period_label=inputs.period.label,
            made_on=inputs.made_on,
            sections=sections,
            prepared_by=secretary,
            head_name=head,
            record=meeting.number if meeting is not None else "",
            chair=meeting.chair if meeting is not None else "",
        )
    )
    return inputs, data


# ------------------------------------------------------------------ the meeting record


def _review_view(session: Session, row: IsoReview) -> ReviewView:
    def name(user_id: int | None) -> str:
        user = session.get(User, user_id) if user_id is not None else None
        return user.full_name if user else ""

    numbers = session.execute(
        select(IsoFinding.number).where(IsoFinding.origin == row.number).order_by(IsoFinding.id)
    ).scalars()
    return ReviewView(
        row.id, row.number, row.year, row.held_on, row.chair, row.participants,
        row.conclusion, name(row.recorded_by), name(row.approved_by), row.approved_on,
        tuple(numbers), json.loads(row.inputs or "{}"),
    )  # fmt: skip


def reviews(db: Database, actor: Actor, year: int | None = None) -> list[ReviewView]:
    """The management reviews held, oldest first (of ``year`` when one is named)."""
    with db.read() as session:
        require(session, actor, Permission.RECORDS_READ)
        query = select(IsoReview).order_by(IsoReview.held_on, IsoReview.id)
        if year is not None:
            query = query.where(IsoReview.year == year)
        return [_review_view(session, r) for r in session.execute(query).scalars()]


def _review(session: Session, number: str) -> IsoReview:
    found = lookup.by_number(session, IsoReview, number)
    if found is None:
        raise NotFound(f"Không có cuộc họp xem xét của lãnh đạo số “{number}”.")
    return found


def _summary(inputs: ReviewInputs) -> dict[str, object]:
    """What the meeting was given, kept with its record as it stood that day."""
    t = inputs.total.total
    audits = inputs.audits
    return {
        "period": {"from": inputs.period.start.isoformat(), "to": inputs.period.end.isoformat()},
        "objectives": [dataclasses.asdict(o) for o in inputs.objectives],
        "report": {
            "received": t.received, "resolved": t.resolved, "resolved_late": t.resolved_late,
            "open_overdue": t.open_overdue, "on_time_rate": t.on_time_rate,
            "satisfaction_rate": t.satisfaction_rate, "dissatisfied": t.dissatisfied,
        },
        "audits": {
            "planned": audits.planned if audits else 0,
            "done": audits.done if audits else 0,
            "nonconformities": sum(a.nonconformities for a in audits.audits) if audits else 0,
        },
        "findings": {
            "total": len(inputs.findings),
            "closed": sum(1 for f in inputs.findings if f.state == "closed"),
            "overdue": [f.number for f in inputs.findings if f.overdue],
        },
        "legal_updates": len(inputs.legal_updates),
        "declaration_due": inputs.declaration.due,
        "risks": {"lines": len(inputs.risks),
                  "high": sum(1 for r in inputs.risks if r.level == "Cao")},
        "previous_actions": {f.number: f.state for f in inputs.previous_actions},
    }  # fmt: skip


def _owner(session: Session, username: str) -> User:
    owner = lookup.active_user(session, username)
    if owner is None:
        raise NotFound(f"Không có người dùng “{username}” để giao thực hiện quyết định.")
    if not lookup.holds(session, owner, Permission.FINDINGS_ACT):
        raise ValidationError(
            f"Người dùng “{owner.username}” không thực hiện được quyết định (vai trò chỉ xem "
            "hoặc quản trị): giao cho người khác."
        )
    return owner


def record_review(
    db: Database, actor: Actor, record: ReviewRecord, today: dt.date | None = None
) -> ReviewView:
    """The secretary records the meeting: its day, chair, participants, conclusion and
    decisions. The figures it was given are kept with it; each decision becomes a tracked
    action (a finding of kind opportunity, source review, planned with its owner and due
    date), carried out by its owner and verified by the committee like any other."""
    from isoqms.services.findings import _snapshot as finding_snapshot

    day = today or clock.today()
    if record.held_on > day:
        raise ValidationError("Ngày họp không được sau hôm nay: ghi biên bản sau cuộc họp.")
    if record.held_on.year < 2000:
        raise ValidationError("Ngày họp không hợp lệ.")
    chair = limits.text(record.chair, IsoReview.chair, "người chủ trì", required=True)
    participants = limits.text(
        record.participants, IsoReview.participants, "thành phần", multiline=True, required=True
    )
    conclusion = limits.text(
        record.conclusion, IsoReview.conclusion, "kết luận", multiline=True, required=True
    )
    if len(record.decisions) > 30:
        raise ValidationError("Một cuộc họp không quá 30 quyết định.")
    decisions = []
    for d in record.decisions:
        text = limits.text(d.text, IsoFinding.action, "nội dung quyết định", multiline=True,
                           required=True)  # fmt: skip
        check_due(d.due_on, record.held_on)
        decisions.append((text, d.owner, d.due_on))
    inputs = review_inputs(db, actor, record.held_on.year, record.held_on, before=record.held_on)
    with write(db, actor, Permission.REVIEWS_RECORD) as uow:
        session = uow.session
        owners = [_owner(session, owner) for _t, owner, _d in decisions]
        _lock(session, db)
        prefix = f"XX-{record.held_on.year}-"
        count = session.execute(
            select(func.count(IsoReview.id)).where(IsoReview.number.like(prefix + "%"))
        ).scalar_one()
        row = IsoReview(
            number=f"{prefix}{count + 1:02d}", year=record.held_on.year,
            held_on=record.held_on, chair=chair, participants=participants,
            conclusion=conclusion, inputs=json.dumps(_summary(inputs), ensure_ascii=False),
            recorded_by=actor.user_id, created_at=utcnow(),
        )  # fmt: skip
        session.add(row)
        session.flush()
        uow.record(
            "review.record", "iso_review", row.id,
            after={"number": row.number, "held_on": row.held_on, "chair": chair,
                   "participants": participants, "conclusion": conclusion,
                   "decisions": len(decisions)},
        )  # fmt: skip
        prefix = f"PH-{day.year}-"
        count = session.execute(
            select(func.count(IsoFinding.id)).where(IsoFinding.number.like(prefix + "%"))
        ).scalar_one()
        for n, ((text, _owner_name, due), owner) in enumerate(zip(decisions, owners, strict=True)):
            finding = IsoFinding(
                number=f"{prefix}{count + n + 1:02d}", kind=FindingKind.OPPORTUNITY.value,
                source=FindingSource.REVIEW.value, clause="9.3.3", process="",
                description=text, evidence=f"Xem xét của lãnh đạo {row.number}",
                state=FindingState.PLANNED.value, correction="", root_cause="", action=text,
                owner_id=owner.id, due_on=due, done_note="", verification_note="",
                raised_on=day, raised_by=actor.user_id, created_at=utcnow(), origin=row.number,
            )  # fmt: skip
            session.add(finding)
            session.flush()
            uow.record("finding.raise", "iso_finding", finding.id, after=finding_snapshot(finding))
        return _review_view(session, row)


def approve_review(
    db: Database,
    actor: Actor,
    number: str,
    today: dt.date | None = None,
    *,
    signed_pdf: tuple[bytes, CertificateInfo] | None = None,
) -> ReviewView:
    """The committee's chair approves the meeting's record. ``signed_pdf``: the minutes as
    PDF signed with the chair's token, kept in the same transaction
    (``services.token_signing``)."""
    day = today or clock.today()
    with write(db, actor, Permission.DOCS_APPROVE) as uow:
        row = _review(uow.session, number)
        if row.approved_on is not None:
            raise Conflict(f"Biên bản {row.number} đã được phê duyệt.")
        row.approved_by, row.approved_on = actor.user_id, day
        uow.record("review.approve", "iso_review", row.id, after={"number": row.number, "on": day})
        if signed_pdf is not None:
            keep_signed(uow, "review", row.id, *signed_pdf)
        return _review_view(uow.session, row)
