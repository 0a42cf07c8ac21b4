"""Rules of the internal audit (đánh giá nội bộ; TCVN ISO 9001:2015 clause 9.2, Decision
19/2014/QĐ-TTg art. 4): a yearly programme of audits, each planned for some processes on a
day by auditors who did not make those processes; its checklist; answers with evidence;
the report.

The checklist has three parts, each item one question: the clauses of the standard a
commune's system is inspected on, one question per step of each audited process document
in force (is the step done as written, by whom it says, within the time it gives), and the
items the province inspects under Circular 26/2014/TT-BKHCN art. 36. The questions are kept
with the audit as they were asked, so a later issue of a process document does not change
what was audited.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from isoqms.domain.errors import Conflict, ValidationError
from isoqms.domain.procedure import Step


class AuditState(enum.StrEnum):
    PLANNED = "planned"
    IN_PROGRESS = "in_progress"  # some questions answered
    REPORTED = "reported"  # the report made: the audit is closed

    @property
    def label(self) -> str:
        return {
            AuditState.PLANNED: "Đã lập kế hoạch",
            AuditState.IN_PROGRESS: "Đang đánh giá",
            AuditState.REPORTED: "Đã báo cáo",
        }[self]


class ItemSource(enum.StrEnum):
    CLAUSE = "clause"  # TCVN ISO 9001:2015
    STEP = "step"  # a step of a process document in force
    INSPECTION = "inspection"  # Circular 26/2014 art. 36

    @property
    def label(self) -> str:
        return {
            ItemSource.CLAUSE: "Điều khoản TCVN ISO 9001:2015",
            ItemSource.STEP: "Bước của quy trình",
            ItemSource.INSPECTION: "Nội dung kiểm tra (Điều 36 TT 26/2014)",
        }[self]


class Result(enum.StrEnum):
    CONFORM = "conform"
    NONCONFORM = "nonconform"
    OBSERVATION = "observation"
    NOT_APPLICABLE = "na"

    @property
    def label(self) -> str:
        return {
            Result.CONFORM: "Phù hợp",
            Result.NONCONFORM: "Không phù hợp",
            Result.OBSERVATION: "Khuyến nghị",
            Result.NOT_APPLICABLE: "Không áp dụng",
        }[self]

    @property
    def raises(self) -> bool:
        """Whether the answer is a finding of its own (clause 10.2)."""
        return self in (Result.NONCONFORM, Result.OBSERVATION)


def parse_result(value: str) -> Result:
    try:
        return Result(value.strip().lower())
    except ValueError:
        raise ValidationError(
            "Kết quả là conform (phù hợp), nonconform (không phù hợp), observation "
            "(khuyến nghị) hoặc na (không áp dụng)."
        ) from None


#: The clauses of TCVN ISO 9001:2015 a commune's system is audited on, with the question
#: the auditor asks about each (the records the standard asks for, DESIGN.md §1.7).
CLAUSE_QUESTIONS: tuple[tuple[str, str], ...] = (
    ("4.3", "Phạm vi áp dụng hệ thống có bao gồm mọi thủ tục hành chính đang giải quyết?"),
    ("5.2", "Chính sách chất lượng có được ban hành, phổ biến và công chức hiểu được?"),
    ("6.1", "Rủi ro và cơ hội của các quá trình có được xác định, có biện pháp và được xem "
            "xét lại đúng hạn?"),
    ("6.2", "Mục tiêu chất lượng có được thiết lập, theo dõi và đánh giá mức độ đạt?"),
    ("7.2", "Công chức thực hiện quy trình có đủ năng lực, được phân công bằng văn bản?"),
    ("7.5", "Tài liệu có được phê duyệt trước khi ban hành, phân phối đúng nơi và thu hồi "
            "bản lỗi thời?"),
    ("8.2", "Thủ tục hành chính (thành phần, thời hạn, phí, lệ phí) có được niêm yết công "
            "khai, đúng với văn bản công bố?"),
    ("8.5.1", "Hồ sơ có được tiếp nhận, giải quyết và trả kết quả theo quy trình, có phiếu "
              "hẹn, sổ theo dõi?"),
    ("8.7", "Hồ sơ quá hạn, sai sót có được nhận diện, xin lỗi công dân và xử lý?"),
    ("9.1.2", "Mức độ hài lòng của công dân có được thu thập và phân tích?"),
    ("9.2", "Đánh giá nội bộ có được lập chương trình, thực hiện và báo cáo?"),
    ("9.3", "Lãnh đạo có xem xét hệ thống ít nhất một lần trong năm, có quyết định cải tiến?"),
    ("10.2", "Sự không phù hợp có được xác định nguyên nhân, khắc phục và đánh giá hiệu "
             "lực?"),
)  # fmt: skip

#: What the province inspects (Circular 26/2014/TT-BKHCN art. 36), as questions.
INSPECTION_QUESTIONS: tuple[tuple[str, str], ...] = (
    ("Đ36.1", "Phạm vi áp dụng bao gồm toàn bộ thủ tục hành chính thuộc thẩm quyền?"),
    ("Đ36.2", "Tài liệu, quy trình đã được phổ biến đến công chức liên quan?"),
    ("Đ36.3", "Hệ thống được xây dựng phù hợp với yêu cầu của tiêu chuẩn?"),
    ("Đ36.4", "Các quy trình được thực hiện đúng như đã ban hành?"),
    ("Đ36.5", "Đã thực hiện đánh giá nội bộ và xem xét của lãnh đạo trong năm?"),
    ("Đ36.6", "Phản ánh, kiến nghị, khiếu nại của công dân được giải quyết?"),
    ("Đ36.7", "Hệ thống được cải tiến, sự không phù hợp được khắc phục?"),
    ("Đ36.8", "Lãnh đạo tham gia chỉ đạo, xác nhận hiệu lực của hệ thống?"),
    ("Đ36.9", "Đã công bố phù hợp tiêu chuẩn và thông báo Sở Khoa học và Công nghệ?"),
    ("Đ36.10", "Tài liệu được cập nhật trong 3 tháng khi văn bản pháp luật thay đổi?"),
    ("Đ36.11", "Đã công bố lại khi phạm vi áp dụng thay đổi?"),
)


@dataclass(frozen=True)
class AuditedProcess:
    """A process document in force on the audit's day, with the steps it describes."""

    code: str  # QT-HT-01
    title: str
    issue: str  # 02, 02.1
    steps: tuple[Step, ...]


@dataclass(frozen=True)
class ChecklistItem:
    source: ItemSource
    ref: str  # 8.5.1 · QT-HT-01 bước 2 · Đ36.4
    question: str
    process: str = ""  # the document code a step belongs to


def step_question(process: AuditedProcess, step: Step) -> ChecklistItem:
    parts = [f"{step.work.strip().rstrip('.')}"]
    if step.responsible.strip():
        parts.append(f"do {step.responsible.strip()} thực hiện")
    if step.time.strip():
        parts.append(f"trong {step.time.strip()}")
    if step.result.strip():
        parts.append(f"kết quả: {step.result.strip()}")
    return ChecklistItem(
        ItemSource.STEP,
        f"{process.code} bước {step.no}",
        "Có thực hiện đúng như quy trình không? " + "; ".join(parts) + ".",
        process.code,
    )


def build_checklist(processes: Sequence[AuditedProcess]) -> list[ChecklistItem]:
    """The audit's questions: the standard's clauses, each step of each audited process,
    then the inspection items."""
    items = [ChecklistItem(ItemSource.CLAUSE, c, q) for c, q in CLAUSE_QUESTIONS]
    for process in processes:
        items.extend(step_question(process, step) for step in process.steps)
    items.extend(ChecklistItem(ItemSource.INSPECTION, r, q) for r, q in INSPECTION_QUESTIONS)
    return items


def check_independent(auditor: str, own_processes: Iterable[str]) -> None:
    """An auditor does not audit their own work (clause 9.2.2 c): a process document they
    drafted, reviewed or approved in force is not theirs to audit."""
    own = sorted(set(own_processes))
    if own:
        raise ValidationError(
            f"{auditor} đã soạn thảo, xem xét hoặc phê duyệt {', '.join(own)}: người đánh "
            "giá không đánh giá công việc của chính mình — chọn người khác hoặc bỏ quy trình "
            "này khỏi cuộc đánh giá."
        )


def check_answerable(state: AuditState) -> None:
    if state is AuditState.REPORTED:
        raise Conflict("Cuộc đánh giá đã báo cáo: không sửa câu trả lời được nữa.")


def unanswered(results: Iterable[str]) -> int:
    return sum(1 for r in results if not r)


def check_reportable(state: AuditState, results: Sequence[str], conclusion: str) -> None:
    """A report is made once every question has an answer, with a conclusion."""
    if state is AuditState.REPORTED:
        return
    left = unanswered(results)
    if left:
        raise Conflict(f"Còn {left} câu hỏi chưa trả lời: trả lời hết rồi mới lập báo cáo.")
    if not conclusion.strip():
        raise ValidationError("Báo cáo đánh giá cần kết luận của trưởng đoàn.")


def check_planned_day(day: dt.date, year: int) -> None:
    if day.year != year:
        raise ValidationError(f"Ngày đánh giá phải trong năm {year} của chương trình.")
