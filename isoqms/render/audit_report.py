"""The internal audit report (Báo cáo đánh giá nội bộ, clause 9.2.2): a sign-ready .docx —
the head beside the national motto, the audit's number and day, scope, criteria and
auditors, the results in figures, the findings, the conclusion, the checklist with its
answers and evidence, the signatures of the lead auditor and the committee's chair."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass

from docx.shared import Pt

from isoqms.render import official


@dataclass(frozen=True)
class AuditReport:
    authority: str  # UBND Xã Bình Minh
    place: str
    number: str  # DG-2026-01
    title: str
    criteria: str
    processes: tuple[str, ...]
    planned_on: dt.date
    reported_on: dt.date | None  # None: not yet closed, printed as a draft
    lead: str
    second: str
    conclusion: str
    #: (ref, question, result, note, evidence, finding number) per checklist item
    items: tuple[tuple[str, str, str, str, str, str], ...]
    head_name: str


def _count(items: tuple[tuple[str, str, str, str, str, str], ...], label: str) -> int:
    return sum(1 for i in items if i[2] == label)


def render_audit_report(data: AuditReport) -> bytes:
    doc = official.new_document(f"Báo cáo đánh giá nội bộ {data.number}", 13, 3)
    official.head(doc, ((data.authority.upper(), True), ("BAN CHỈ ĐẠO ISO", True)))
    official.paragraph(doc, f"Số: {data.number}", size=12).paragraph_format.space_before = Pt(6)
    official.place_and_date(doc, data.place, data.reported_on or data.planned_on)
    if data.reported_on is None:
        official.paragraph(doc, "DỰ THẢO — cuộc đánh giá chưa kết thúc", bold=True, centre=True)
    official.paragraph(doc, "BÁO CÁO", bold=True, centre=True, size=14)
    official.paragraph(doc, f"Kết quả đánh giá nội bộ: {data.title}", bold=True, centre=True)

    def section(title: str) -> None:
        heading = official.paragraph(doc, title, bold=True)
        heading.paragraph_format.space_before = Pt(10)
        heading.paragraph_format.keep_with_next = True

    section("1. Phạm vi, căn cứ và đoàn đánh giá")
    official.paragraph(doc, f"Ngày đánh giá: {data.planned_on:%d/%m/%Y}.")
    official.paragraph(doc, "Quy trình được đánh giá: " + ", ".join(data.processes) + ".")
    official.paragraph(
        doc,
        "Căn cứ: "
        + (data.criteria.strip() or "Tiêu chuẩn quốc gia TCVN ISO 9001:2015; các quy trình đang "
           "áp dụng; Điều 36 Thông tư 26/2014/TT-BKHCN")
        + ".",
    )  # fmt: skip
    official.paragraph(
        doc, f"Trưởng đoàn: {data.lead}" + (f"; thành viên: {data.second}" if data.second else "")
    )
    section("2. Kết quả")
    answered = sum(1 for i in data.items if i[2])
    official.paragraph(
        doc,
        f"{len(data.items)} câu hỏi, đã đánh giá {answered}: phù hợp "
        f"{_count(data.items, 'Phù hợp')}, không phù hợp {_count(data.items, 'Không phù hợp')}, "
        f"khuyến nghị {_count(data.items, 'Khuyến nghị')}, không áp dụng "
        f"{_count(data.items, 'Không áp dụng')}.",
    )
    raised = [i for i in data.items if i[5]]
    if raised:
        section("3. Phát hiện")
        official.table(
            doc,
            ("Số", "Nội dung kiểm tra", "Loại", "Mô tả", "Bằng chứng"),
            tuple((i[5], i[0], i[2], i[3], i[4]) for i in raised),
        )
    section("4. Kết luận")
    official.paragraph(doc, data.conclusion or "(chưa có kết luận)")
    section("Phụ lục: Danh mục câu hỏi đánh giá")
    official.table(
        doc,
        ("Nội dung", "Câu hỏi", "Kết quả", "Ghi chú, bằng chứng"),
        tuple(
            (i[0], i[1], i[2] or "—", "; ".join(x for x in (i[3], i[4]) if x)) for i in data.items
        ),
    )
    official.signatures(
        doc, (("TRƯỞNG ĐOÀN ĐÁNH GIÁ", data.lead), ("TRƯỞNG BAN CHỈ ĐẠO ISO", data.head_name))
    )
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
