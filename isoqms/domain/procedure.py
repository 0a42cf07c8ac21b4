"""The content of a procedure revision: what the counter uses and what the process document
(quy trình) states — processing time, cut-off, fee, required papers, steps, legal basis.

A revision's content is one JSON document (:meth:`ProcedureContent.to_dict`). Document
control makes it the content of the procedure's process-document revision, so approving
and reaching the effective date is what puts it in force at the counter.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from isoqms.domain.calendar import Duration, DurationUnit
from isoqms.domain.errors import ValidationError
from isoqms.domain.office_hours import format_time, parse_time
from isoqms.domain.text import check_text, nfc

FORMAT_VERSION = 1
#: Limits of an imported content: a processing time, counts of papers and sets, steps,
#: and the characters of each text.
MAX_DAYS = 999
MAX_HOURS = 9999
MAX_COUNT = 99
MAX_STEPS = 999
MAX_TEXT = 4000


@dataclass(frozen=True)
class Paper:
    """One required paper (thành phần hồ sơ) and how many of each kind."""

    name: str
    originals: int = 0  # bản chính
    certified: int = 0  # bản sao có chứng thực
    copies: int = 0  # bản sao / bản chụp
    form: str = ""  # the blank form to fill, if any (e.g. "Tờ khai đăng ký khai sinh")
    required: bool = True  # False: only in some cases (trường hợp …)

    def quantity_text(self, language: str = "vi") -> str:
        vi = language == "vi"
        parts = []
        if self.originals:
            parts.append(f"{self.originals:02d} {'bản chính' if vi else 'original(s)'}")
        if self.certified:
            parts.append(
                f"{self.certified:02d} {'bản sao chứng thực' if vi else 'certified copy(ies)'}"
            )
        if self.copies:
            parts.append(f"{self.copies:02d} {'bản sao' if vi else 'copy(ies)'}")
        return ", ".join(parts) or ("xuất trình" if vi else "shown only")


@dataclass(frozen=True)
class Step:
    no: int
    work: str
    responsible: str
    time: str
    result: str = ""


@dataclass(frozen=True)
class ProcedureContent:
    duration: Duration
    cutoff: dt.time | None = None
    fee: str = ""
    papers: tuple[Paper, ...] = ()
    sets: int = 1
    result: str = ""
    legal_basis: tuple[str, ...] = ()
    steps: tuple[Step, ...] = ()
    conditions: str = ""
    where: str = ""
    note: str = ""
    #: the fee when the dossier comes online or by post, where the publishing decision
    #: sets another one (often reduced online); empty: the same as at the desk
    fee_online: str = ""
    fee_postal: str = ""

    def fee_for(self, channel: str) -> str:
        """The fee for a dossier that came by ``channel`` (direct, online, postal)."""
        other = {"online": self.fee_online, "postal": self.fee_postal}.get(channel, "")
        return other or self.fee

    @property
    def fee_text(self) -> str:
        """The fee as the process document states it, with the other channels' where
        they differ."""
        return self.fee_text_in("vi")

    def fee_text_in(self, language: str) -> str:
        vi = language == "vi"
        text = self.fee or ("Không" if vi else "None")
        for label, fee in (
            ("nộp trực tuyến" if vi else "online", self.fee_online),
            ("qua bưu chính" if vi else "by post", self.fee_postal),
        ):
            if fee and fee != self.fee:
                text += f"; {label}: {fee}"
        return text

    @property
    def duration_text(self) -> str:
        return self.duration_text_in("vi")

    def duration_text_in(self, language: str) -> str:
        text = self.duration.text_in(language)
        if self.cutoff is not None:
            # after the cut-off a same-day dossier is handed back the next working day; a
            # longer limit starts counting from the next working day
            same_day = self.duration.unit is DurationUnit.SAME_DAY
            if language == "vi":
                then = (
                    "trả trong ngày làm việc tiếp theo"
                    if same_day
                    else ("tính từ ngày làm việc tiếp theo")
                )
                text += f" (nhận sau {format_time(self.cutoff)} {then})"
            else:
                then = (
                    "returned the next working day"
                    if same_day
                    else ("counted from the next working day")
                )
                text += f" (received after {format_time(self.cutoff)}: {then})"
        return text

    def to_dict(self) -> dict[str, Any]:
        return {
            "format": FORMAT_VERSION,
            "duration": {"unit": self.duration.unit.value, "amount": self.duration.amount},
            "cutoff": format_time(self.cutoff) if self.cutoff else None,
            "fee": self.fee,
            "papers": [
                {
                    "name": p.name,
                    "originals": p.originals,
                    "certified": p.certified,
                    "copies": p.copies,
                    "form": p.form,
                    "required": p.required,
                }
                for p in self.papers
            ],
            "sets": self.sets,
            "result": self.result,
            "legal_basis": list(self.legal_basis),
            "steps": [
                {
                    "no": s.no,
                    "work": s.work,
                    "responsible": s.responsible,
                    "time": s.time,
                    "result": s.result,
                }
                for s in self.steps
            ],
            "conditions": self.conditions,
            "where": self.where,
            "note": self.note,
            # only when set: contents stored before keep their hash
            **({"fee_online": self.fee_online} if self.fee_online else {}),
            **({"fee_postal": self.fee_postal} if self.fee_postal else {}),
        }

    @classmethod
    def from_dict(cls, data: object, *, where: str = "", strict: bool = False) -> ProcedureContent:
        """Validate a content document; errors name the field (and ``where`` it is).

        Any JSON is refused in Vietnamese, never with a traceback: a list where a list
        of papers belongs, a number too big, ``Infinity``. ``strict`` (a file being
        imported) also holds texts and numbers to their limits — what is already stored
        is read as it was stored."""
        at = f" ({where})" if where else ""

        def bad(message: str) -> ValidationError:
            return ValidationError(f"Nội dung thủ tục không hợp lệ{at}: {message}.")

        def text(value: object, what: str) -> str:
            if value is None:
                return ""
            if isinstance(value, bool) or not isinstance(value, str | int | float):
                raise bad(f"{what} phải là văn bản")
            if not strict:
                return nfc(str(value))
            try:
                return check_text(str(value), what, max_length=MAX_TEXT, multiline=True)
            except ValidationError as exc:
                raise bad(exc.message[:1].lower() + exc.message[1:].rstrip(".")) from None

        def number(value: object, what: str, low: int, high: int, default: int) -> int:
            if value is None or value == "":
                return default
            if isinstance(value, bool):
                raise bad(f"{what} phải là số nguyên")
            if isinstance(value, float) and value.is_integer():
                value = int(value)
            if isinstance(value, str) and re.fullmatch(r"\s*-?[0-9]{1,9}\s*", value):
                value = int(value)
            if not isinstance(value, int):
                raise bad(f"{what} phải là số nguyên")
            if value < low:
                raise bad(f"{what} bị âm" if low == 0 else f"{what} phải từ {low} trở lên")
            if strict and value > high:
                raise bad(f"{what} quá lớn (tối đa {high})")
            return value

        def items(value: object, what: str) -> list[Any]:
            if value is None:
                return []
            if not isinstance(value, list):
                raise bad(f"{what} phải là một danh sách")
            return value

        if not isinstance(data, Mapping):
            raise bad("phải là một đối tượng JSON")
        duration_data = data.get("duration")
        if not isinstance(duration_data, Mapping):
            raise bad("thiếu thời hạn giải quyết (duration)")
        try:
            unit = DurationUnit(str(duration_data.get("unit")))
        except ValueError:
            raise bad(
                "thời hạn phải là days/calendar-days/hours/same-day với số lượng nguyên"
            ) from None
        amount = number(
            duration_data.get("amount"),
            "thời hạn giải quyết",
            0,
            MAX_HOURS if unit is DurationUnit.HOURS else MAX_DAYS,
            0,
        )
        try:
            duration = Duration(unit, 0 if unit is DurationUnit.SAME_DAY else amount)
        except ValidationError as exc:
            raise bad(exc.message.rstrip(".")) from None
        cutoff_text = data.get("cutoff")
        if cutoff_text is not None and not isinstance(cutoff_text, str):
            raise bad("giờ chốt phải là văn bản dạng HH:MM")
        try:
            cutoff = parse_time(cutoff_text, what="giờ chốt") if cutoff_text else None
        except ValidationError as exc:
            raise bad(exc.message.rstrip(".")) from None
        papers = []
        for i, paper in enumerate(items(data.get("papers"), "thành phần hồ sơ (papers)"), 1):
            if not isinstance(paper, Mapping):
                raise bad(f"thành phần hồ sơ số {i} thiếu tên")
            name = text(paper.get("name"), f"tên thành phần hồ sơ số {i}")
            if not name:
                raise bad(f"thành phần hồ sơ số {i} thiếu tên")
            what = f"số lượng của thành phần hồ sơ số {i}"
            counts = [
                number(paper.get(k), what, 0, MAX_COUNT, 0)
                for k in ("originals", "certified", "copies")
            ]
            papers.append(
                Paper(
                    name,
                    originals=counts[0],
                    certified=counts[1],
                    copies=counts[2],
                    form=text(paper.get("form"), f"biểu mẫu của thành phần hồ sơ số {i}"),
                    required=bool(paper.get("required", True)),
                )
            )
        steps = []
        for i, step in enumerate(items(data.get("steps"), "các bước (steps)"), start=1):
            if not isinstance(step, Mapping):
                raise bad(f"bước {i} thiếu nội dung công việc")
            work = text(step.get("work"), f"nội dung công việc của bước {i}")
            if not work:
                raise bad(f"bước {i} thiếu nội dung công việc")
            steps.append(
                Step(
                    number(step.get("no") or None, f"số thứ tự của bước {i}", 1, MAX_STEPS, i),
                    work,
                    text(step.get("responsible"), f"trách nhiệm ở bước {i}"),
                    text(step.get("time"), f"thời gian ở bước {i}"),
                    text(step.get("result"), f"kết quả ở bước {i}"),
                )
            )
        raw_sets = data.get("sets")
        sets = number(raw_sets, "số bộ hồ sơ", 1, MAX_COUNT, 1) if raw_sets is not None else 1
        legal = items(data.get("legal_basis"), "căn cứ pháp lý (legal_basis)")
        return cls(
            duration=duration,
            cutoff=cutoff,
            fee=text(data.get("fee"), "phí, lệ phí"),
            fee_online=text(data.get("fee_online"), "phí, lệ phí nộp trực tuyến"),
            fee_postal=text(data.get("fee_postal"), "phí, lệ phí nộp qua bưu chính"),
            papers=tuple(papers),
            sets=sets,
            result=text(data.get("result"), "kết quả"),
            legal_basis=tuple(text(x, f"căn cứ pháp lý số {i}") for i, x in enumerate(legal, 1)),
            steps=tuple(steps),
            conditions=text(data.get("conditions"), "điều kiện"),
            where=text(data.get("where"), "nơi nộp"),
            note=text(data.get("note"), "ghi chú"),
        )


@dataclass(frozen=True)
class ProcedureInfo:
    """A procedure of the catalogue (the part that does not change with revisions)."""

    code: str
    name: str
    field: str = ""
    level: str = ""
    agency: str = ""
    issuer: str = ""
    decision: str = ""


def check_procedure_code(code: str) -> str:
    import re

    value = (code or "").strip()
    if not re.fullmatch(r"\d\.\d{6}", value):
        raise ValidationError(f"Mã thủ tục “{code}” không đúng dạng (ví dụ 1.001193).")
    return value


@dataclass(frozen=True)
class ContentChange:
    """One thing a new content changes, as the ISO secretary reads it."""

    what: str  # Thời hạn giải quyết, Thành phần hồ sơ số 2, Bước B3 …
    before: str
    after: str


def _paper_text(paper: Paper) -> str:
    text = f"{paper.name} — {paper.quantity_text()}"
    if paper.form:
        text += f" (mẫu: {paper.form})"
    return text + ("" if paper.required else " (nếu có)")


def _step_text(step: Step) -> str:
    return " | ".join(x for x in (step.work, step.responsible, step.time, step.result) if x)


def content_changes(before: ProcedureContent, after: ProcedureContent) -> list[ContentChange]:
    """What changes from ``before`` to ``after``, field by field, in the order of the
    process document; lists (papers, steps, legal basis) compared item by item."""
    out: list[ContentChange] = []

    def same(what: str, old: str, new: str) -> None:
        if old != new:
            out.append(ContentChange(what, old or "(trống)", new or "(trống)"))

    same("Thời hạn giải quyết", before.duration_text, after.duration_text)
    same("Phí, lệ phí", before.fee, after.fee)
    same("Phí, lệ phí nộp trực tuyến", before.fee_online, after.fee_online)
    same("Phí, lệ phí nộp qua bưu chính", before.fee_postal, after.fee_postal)
    same("Số bộ hồ sơ", f"{before.sets:02d} bộ", f"{after.sets:02d} bộ")
    same("Điều kiện thực hiện", before.conditions, after.conditions)
    same("Nơi tiếp nhận và trả kết quả", before.where, after.where)
    same("Kết quả giải quyết", before.result, after.result)
    for i in range(max(len(before.papers), len(after.papers))):
        old = _paper_text(before.papers[i]) if i < len(before.papers) else ""
        new = _paper_text(after.papers[i]) if i < len(after.papers) else ""
        same(f"Thành phần hồ sơ số {i + 1}", old, new)
    for i in range(max(len(before.steps), len(after.steps))):
        old = _step_text(before.steps[i]) if i < len(before.steps) else ""
        new = _step_text(after.steps[i]) if i < len(after.steps) else ""
        same(f"Bước {i + 1}", old, new)
    for i in range(max(len(before.legal_basis), len(after.legal_basis))):
        old = before.legal_basis[i] if i < len(before.legal_basis) else ""
        new = after.legal_basis[i] if i < len(after.legal_basis) else ""
        same(f"Căn cứ pháp lý số {i + 1}", old, new)
    same("Ghi chú", before.note, after.note)
    return out
