"""The content of a procedure revision: what the counter uses and what the process document
(quy trình) states — processing time, cut-off, fee, required papers, steps, legal basis.

A revision's content is one JSON document (:meth:`ProcedureContent.to_dict`). Document
control makes it the content of the procedure's process-document revision, so approving
and reaching the effective date is what puts it in force at the counter.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from isoqms.domain.calendar import Duration, DurationUnit
from isoqms.domain.errors import ValidationError
from isoqms.domain.office_hours import format_time, parse_time
from isoqms.domain.text import nfc

FORMAT_VERSION = 1


@dataclass(frozen=True)
class Paper:
    """One required paper (thành phần hồ sơ) and how many of each kind."""

    name: str
    originals: int = 0  # bản chính
    certified: int = 0  # bản sao có chứng thực
    copies: int = 0  # bản sao / bản chụp
    form: str = ""  # the blank form to fill, if any (e.g. "Tờ khai đăng ký khai sinh")
    required: bool = True  # False: only in some cases (trường hợp …)

    def quantity_text(self) -> str:
        parts = []
        if self.originals:
            parts.append(f"{self.originals:02d} bản chính")
        if self.certified:
            parts.append(f"{self.certified:02d} bản sao chứng thực")
        if self.copies:
            parts.append(f"{self.copies:02d} bản sao")
        return ", ".join(parts) or "xuất trình"


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

    @property
    def duration_text(self) -> str:
        text = str(self.duration)
        if self.cutoff is not None:
            text += f" (nhận sau {format_time(self.cutoff)} trả trong ngày làm việc tiếp theo)"
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
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], *, where: str = "") -> ProcedureContent:
        """Validate a content document; errors name the field (and ``where`` it is)."""
        at = f" ({where})" if where else ""

        def bad(message: str) -> ValidationError:
            return ValidationError(f"Nội dung thủ tục không hợp lệ{at}: {message}.")

        if not isinstance(data, Mapping):
            raise bad("phải là một đối tượng JSON")
        duration_data = data.get("duration")
        if not isinstance(duration_data, Mapping):
            raise bad("thiếu thời hạn giải quyết (duration)")
        try:
            unit = DurationUnit(str(duration_data.get("unit")))
            amount = int(duration_data.get("amount") or 0)
            duration = Duration(unit, 0 if unit is DurationUnit.SAME_DAY else amount)
        except (ValueError, TypeError):
            raise bad("thời hạn phải là days/hours/same-day với số lượng nguyên") from None
        except ValidationError as exc:
            raise bad(exc.message.rstrip(".")) from None
        cutoff_text = data.get("cutoff")
        try:
            cutoff = parse_time(cutoff_text, what="giờ chốt") if cutoff_text else None
        except ValidationError as exc:
            raise bad(exc.message.rstrip(".")) from None
        papers = []
        for i, paper in enumerate(data.get("papers") or [], start=1):
            if not isinstance(paper, Mapping) or not nfc(str(paper.get("name") or "")):
                raise bad(f"thành phần hồ sơ số {i} thiếu tên")
            try:
                counts = [int(paper.get(k) or 0) for k in ("originals", "certified", "copies")]
            except (TypeError, ValueError):
                raise bad(f"số lượng của thành phần hồ sơ số {i} không phải số nguyên") from None
            if any(c < 0 for c in counts):
                raise bad(f"số lượng của thành phần hồ sơ số {i} bị âm")
            papers.append(
                Paper(
                    nfc(str(paper["name"])),
                    originals=counts[0],
                    certified=counts[1],
                    copies=counts[2],
                    form=nfc(str(paper.get("form") or "")),
                    required=bool(paper.get("required", True)),
                )
            )
        steps = []
        for i, step in enumerate(data.get("steps") or [], start=1):
            if not isinstance(step, Mapping) or not nfc(str(step.get("work") or "")):
                raise bad(f"bước {i} thiếu nội dung công việc")
            steps.append(
                Step(
                    int(step.get("no") or i),
                    nfc(str(step["work"])),
                    nfc(str(step.get("responsible") or "")),
                    nfc(str(step.get("time") or "")),
                    nfc(str(step.get("result") or "")),
                )
            )
        try:
            raw_sets = data.get("sets")
            sets = 1 if raw_sets is None else int(raw_sets)
        except (TypeError, ValueError):
            raise bad("số bộ hồ sơ không phải số nguyên") from None
        if sets < 1:
            raise bad("số bộ hồ sơ phải từ 1 trở lên")
        return cls(
            duration=duration,
            cutoff=cutoff,
            fee=nfc(str(data.get("fee") or "")),
            papers=tuple(papers),
            sets=sets,
            result=nfc(str(data.get("result") or "")),
            legal_basis=tuple(nfc(str(x)) for x in data.get("legal_basis") or []),
            steps=tuple(steps),
            conditions=nfc(str(data.get("conditions") or "")),
            where=nfc(str(data.get("where") or "")),
            note=nfc(str(data.get("note") or "")),
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
