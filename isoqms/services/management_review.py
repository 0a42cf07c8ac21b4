"""The inputs of the management review (xem xét của lãnh đạo, TCVN ISO 9001:2015 clause
9.3; Decision 19/2014 art. 4): every figure from the desk's own records — the quality
objectives measured over the year so far with the counter's statistics, the results by
field, the findings and corrective actions of the year, the legal updates and the
declaration, the risks and opportunities, the document control — for the meeting to
decide on."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from isoqms.db.engine import Database
from isoqms.domain import clock
from isoqms.domain.errors import ValidationError
from isoqms.domain.iso_cycle import LegalUpdate
from isoqms.domain.statistics import Period, Report
from isoqms.render.report import ObjectiveLine
from isoqms.services import document_reviews, findings, iso_cycle, objectives, statistics
from isoqms.services import risks as risk_service
from isoqms.services.findings import FindingView
from isoqms.services.iso_cycle import DeclarationStatus
from isoqms.services.risks import RiskView
from isoqms.services.uow import Actor


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


def review_inputs(
    db: Database, actor: Actor, year: int, today: dt.date | None = None
) -> ReviewInputs:
    """The figures for the review of ``year``: from 1 January to today (or the year's end
    when it is over)."""
    day = today or clock.today()
    if not 2000 <= year <= day.year:
        raise ValidationError(f"Năm {year} không hợp lệ: từ 2000 đến năm nay ({day.year}).")
    start = dt.date(year, 1, 1)
    period = Period.custom(start, min(day, dt.date(year, 12, 31)))
    waiting: dict[str, int] = {}
    for reminder in document_reviews.reminders(db, actor, day):
        waiting[reminder.what] = waiting.get(reminder.what, 0) + 1
    # raised in the year, closed in it, or still open at its end (an action overdue
    # since last year is this year's business too)
    end = period.end
    of_year = tuple(
        f
        for f in findings.findings(db, actor, today=day)
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
    )


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}%".replace(".", ",")


def review_report_docx(
    db: Database, actor: Actor, year: int, today: dt.date | None = None
) -> tuple[ReviewInputs, bytes]:
    """The input report of the management review as a sign-ready .docx."""
    from isoqms.render.management_review import ReviewReport, render_review_docx
    from isoqms.services.unit import get_unit
    from isoqms.services.users import list_users

    inputs = review_inputs(db, actor, year, today)
    unit = get_unit(db)
    people = list_users(db, actor)
    secretary = next((u.full_name for u in people if u.active and "iso_secretary" in u.roles), "")
    head = next((u.full_name for u in people if u.active and "approver" in u.roles), "")
    t = inputs.total.total
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
            "7. Kết luận, quyết định của lãnh đạo (ghi tại cuộc họp)",
            (),
            ("Nội dung quyết định / cải tiến", "Người thực hiện", "Thời hạn"),
            (("", "", ""), ("", "", ""), ("", "", "")),
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
        )
    )
    return inputs, data
