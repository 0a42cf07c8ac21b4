"""Controlled documents (TCVN ISO 9001:2015 clause 7.5): kinds, codes, revision states and
the three-person rule, as pure rules.

A revision is *drafted*, *reviewed* and *approved* by three different people, each signing
with its meaning (Soạn thảo / Xem xét / Phê duyệt). Once approved it is in force from its
effective date until the next approved revision's effective date; "effective" and
"superseded" are therefore derived from dates, never stored, so no background job is
needed for a revision to take effect on the morning of its date.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from collections.abc import Sequence
from dataclasses import dataclass

from isoqms.domain.errors import ValidationError
from isoqms.domain.text import fold


class DocumentKind(enum.StrEnum):
    POLICY = "policy"  # chính sách, mục tiêu chất lượng
    MANUAL = "manual"  # sổ tay
    PROCEDURE = "procedure"  # quy trình nội bộ (hệ thống)
    PROCESS = "process"  # quy trình giải quyết TTHC
    INSTRUCTION = "instruction"  # hướng dẫn
    FORM = "form"  # biểu mẫu
    RECORD_LIST = "record_list"  # danh mục hồ sơ
    EXTERNAL = "external"  # tài liệu bên ngoài (luật, nghị định …)

    @property
    def label(self) -> str:
        return KIND_LABELS[self]


KIND_LABELS = {
    DocumentKind.POLICY: "Chính sách, mục tiêu chất lượng",
    DocumentKind.MANUAL: "Sổ tay chất lượng",
    DocumentKind.PROCEDURE: "Quy trình nội bộ",
    DocumentKind.PROCESS: "Quy trình giải quyết TTHC",
    DocumentKind.INSTRUCTION: "Hướng dẫn",
    DocumentKind.FORM: "Biểu mẫu",
    DocumentKind.RECORD_LIST: "Danh mục hồ sơ",
    DocumentKind.EXTERNAL: "Tài liệu bên ngoài",
}

#: Default code schemes (Vietnamese practice: QT-HT-01, BM-HT-01-01, …); external
#: documents keep their own number (e.g. 60/2014/QH13).
CODE_PATTERNS: dict[DocumentKind, str] = {
    DocumentKind.POLICY: r"^(CS|MT|CSCL|MTCL)(-[A-Z0-9]{1,6}){0,2}$",
    DocumentKind.MANUAL: r"^STCL(-[A-Z0-9]{1,6}){0,2}$",
    DocumentKind.PROCEDURE: r"^QT(-[A-Z0-9]{1,6}){1,3}$",
    DocumentKind.PROCESS: r"^QT(-[A-Z0-9]{1,6}){1,3}$",
    DocumentKind.INSTRUCTION: r"^HD(-[A-Z0-9]{1,6}){1,3}$",
    DocumentKind.FORM: r"^BM(-[A-Z0-9]{1,6}|\.[A-Z0-9]{1,6}){1,4}$",
    DocumentKind.RECORD_LIST: r"^DM(-[A-Z0-9]{1,6}){1,3}$",
    DocumentKind.EXTERNAL: r"^[0-9A-ZĐ][0-9A-ZĐa-zđ./\-]{1,59}$",
}
CODE_EXAMPLES = {
    DocumentKind.POLICY: "CSCL-01",
    DocumentKind.MANUAL: "STCL-01",
    DocumentKind.PROCEDURE: "QT-KSTL-01",
    DocumentKind.PROCESS: "QT-HT-01",
    DocumentKind.INSTRUCTION: "HD-MC-01",
    DocumentKind.FORM: "BM-HT-01-01",
    DocumentKind.RECORD_LIST: "DM-HS-01",
    DocumentKind.EXTERNAL: "60/2014/QH13",
}


def check_code(kind: DocumentKind, code: str) -> str:
    value = (code or "").strip()
    if kind is not DocumentKind.EXTERNAL:
        value = value.upper()
    if not re.match(CODE_PATTERNS[kind], value):
        raise ValidationError(
            f"Mã hiệu “{code}” không đúng quy ước cho {kind.label.lower()} "
            f"(ví dụ {CODE_EXAMPLES[kind]})."
        )
    return value


class RevisionState(enum.StrEnum):
    DRAFT = "draft"
    IN_REVIEW = "in_review"
    APPROVED = "approved"
    WITHDRAWN = "withdrawn"


class Meaning(enum.StrEnum):
    DRAFTED = "drafted"
    REVIEWED = "reviewed"
    APPROVED = "approved"
    #: a periodic review of the revision in force that found it still fit (no change)
    PERIODIC = "periodic"

    @property
    def label(self) -> str:
        return MEANING_LABELS[self]


MEANING_LABELS = {
    Meaning.DRAFTED: "Soạn thảo",
    Meaning.REVIEWED: "Xem xét",
    Meaning.APPROVED: "Phê duyệt",
    Meaning.PERIODIC: "Xem xét định kỳ",
}
#: The three signatures that issue a revision (the signature block of the document).
ISSUING = (Meaning.DRAFTED, Meaning.REVIEWED, Meaning.APPROVED)


class Standing(enum.StrEnum):
    """Where an approved revision stands on a given day (derived from dates)."""

    DRAFT = "draft"
    IN_REVIEW = "in_review"
    APPROVED = "approved"  # approved, effective date still ahead
    EFFECTIVE = "effective"
    SUPERSEDED = "superseded"
    WITHDRAWN = "withdrawn"

    @property
    def label(self) -> str:
        return {
            "draft": "Dự thảo",
            "in_review": "Đang xem xét",
            "approved": "Đã phê duyệt",
            "effective": "Đang hiệu lực",
            "superseded": "Hết hiệu lực (đã thay thế)",
            "withdrawn": "Đã thu hồi",
        }[self]


@dataclass(frozen=True)
class RevisionDates:
    """What standing needs of a revision."""

    key: int
    state: RevisionState
    effective_from: dt.date | None
    withdrawn_on: dt.date | None = None


def standings(
    revisions: Sequence[RevisionDates], day: dt.date
) -> dict[int, tuple[Standing, dt.date | None]]:
    """Each revision's standing on ``day`` and, for approved ones, its effective-to date
    (the day before the next approved revision takes effect)."""
    approved = sorted(
        (
            r
            for r in revisions
            if r.state in (RevisionState.APPROVED, RevisionState.WITHDRAWN)
            and r.effective_from is not None
        ),
        key=lambda r: (r.effective_from, r.key),
    )
    result: dict[int, tuple[Standing, dt.date | None]] = {}
    for i, rev in enumerate(approved):
        assert rev.effective_from is not None
        later = approved[i + 1 :]
        effective_to = (
            later[0].effective_from - dt.timedelta(days=1)
            if later and later[0].effective_from
            else None
        )
        if rev.state is RevisionState.WITHDRAWN and rev.withdrawn_on and rev.withdrawn_on <= day:
            result[rev.key] = (Standing.WITHDRAWN, rev.withdrawn_on)
        elif day < rev.effective_from:
            result[rev.key] = (Standing.APPROVED, effective_to)
        elif effective_to is not None and day > effective_to:
            result[rev.key] = (Standing.SUPERSEDED, effective_to)
        else:
            result[rev.key] = (Standing.EFFECTIVE, effective_to)
    for rev in revisions:
        if rev.key not in result:
            result[rev.key] = (Standing(rev.state.value), None)
    return result


def check_three_people(drafter: int | None, reviewer: int | None, approver: int | None) -> None:
    """Drafter, reviewer and approver are three different people."""
    people = [p for p in (drafter, reviewer, approver) if p is not None]
    if len(set(people)) != len(people):
        raise ValidationError(
            "Người soạn thảo, người xem xét và người phê duyệt phải là ba người khác nhau."
        )


# ---------------------------------------------------------------------- records (hồ sơ)

#: The longest fixed retention the archives law uses (longer means permanent).
MAX_RETENTION_YEARS = 100


def parse_retention(text: str | int | None) -> int | None:
    """``"Vĩnh viễn"`` → None (kept permanently); ``"70"``, ``"70 năm"``, 70 → 70."""
    if text is None:
        return None
    if isinstance(text, int):
        years = text
    else:
        folded = fold(text).strip()
        if folded in ("vinh vien", "vv", "permanent"):
            return None
        match = re.fullmatch(r"(\d{1,3})\s*(nam)?", folded)
        if match is None:
            raise ValidationError(
                f"Thời gian lưu “{text}” không hợp lệ (ví dụ: Vĩnh viễn, 70 năm, 10 năm)."
            )
        years = int(match.group(1))
    if not 1 <= years <= MAX_RETENTION_YEARS:
        raise ValidationError(
            f"Thời gian lưu phải từ 1 đến {MAX_RETENTION_YEARS} năm, hoặc Vĩnh viễn."
        )
    return years


def retention_label(years: int | None) -> str:
    return "Vĩnh viễn" if years is None else f"{years} năm"


def check_effective_order(effective_from: dt.date, issued: Sequence[tuple[str, dt.date]]) -> None:
    """A new issue takes effect no earlier than every issue already approved (``issued``:
    label and effective date): one approved for 04/12 and a later one for 03/12 would put
    the older issue back in force on 04/12, at the counter too."""
    later = [(label, day) for label, day in issued if day > effective_from]
    if later:
        label, day = max(later, key=lambda item: item[1])
        raise ValidationError(
            f"Ngày hiệu lực {effective_from:%d/%m/%Y} trước ngày hiệu lực {day:%d/%m/%Y} của "
            f"lần ban hành {label} đã phê duyệt: chọn từ ngày {day:%d/%m/%Y} trở đi."
        )


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later (the month's last day when it has no such day)."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    last = (dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)).day
    return dt.date(year, month, min(day.day, last))


def review_due(starts: Sequence[dt.date | None], months: int) -> dt.date | None:
    """When the next periodic review falls: ``months`` after the latest of what starts
    the period — the effective date of the revision in force, the last periodic review
    that found it still fit, the day a stock document was loaded into the program."""
    known = [d for d in starts if d is not None]
    return add_months(max(known), months) if known else None
