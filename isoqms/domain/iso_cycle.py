"""Rules of the yearly ISO cycle (Decision 19/2014/QĐ-TTg, Circular 26/2014/TT-BKHCN).

Legal updates: when a text the quality system rests on changes — an external document in
the register withdrawn (superseded) or given a new issue (amended) — every process document
whose procedure content cites it is to be updated within three months (Decision 19/2014
art. 4; inspected under Circular 26/2014 art. 36). A process document counts as updated
once an issue of it was approved on or after the day of the change (an issue signed on
paper and entered later: once it took effect on or after that day).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from isoqms.domain.documents import add_months
from isoqms.domain.text import fold

#: Months to bring the documents in line with a change in the law.
LEGAL_UPDATE_MONTHS = 3


@dataclass(frozen=True)
class LegalChange:
    """An external document that changed on a day."""

    code: str  # 123/2015/NĐ-CP
    title: str
    changed_on: dt.date
    what: str  # "withdrawn" | "amended"
    detail: str = ""  # the reason given, or the new issue's summary


@dataclass(frozen=True)
class CitingDocument:
    code: str
    title: str
    legal_basis: tuple[str, ...]
    updated_on: dt.date | None  # the last day an issue was approved


@dataclass(frozen=True)
class LegalUpdate:
    document: str
    title: str
    external: str
    external_title: str
    changed_on: dt.date
    what: str
    due: dt.date

    @property
    def label(self) -> str:
        return self.label_in("vi")

    def label_in(self, language: str) -> str:
        withdrawn = self.what == "withdrawn"
        if language != "vi":
            how = "withdrawn / replaced" if withdrawn else "amended"
            return (
                f"Update for {self.external} ({how} from {self.changed_on:%d/%m/%Y}) "
                f"before {self.due:%d/%m/%Y}"
            )
        how = "thu hồi / thay thế" if withdrawn else "sửa đổi"
        return (
            f"Cập nhật theo {self.external} ({how} từ {self.changed_on:%d/%m/%Y}) "
            f"trước {self.due:%d/%m/%Y}"
        )

    def overdue(self, day: dt.date) -> bool:
        return day > self.due


def cites(line: str, code: str) -> bool:
    """Whether a legal-basis line names the document ``code`` — 23/2015/NĐ-CP is not
    cited by a line that names 123/2015/NĐ-CP."""
    wanted = fold(code)
    if not wanted:
        return False
    pattern = r"(?<![0-9a-z])" + re.escape(wanted) + r"(?![0-9a-z])"
    return re.search(pattern, fold(line)) is not None


def legal_updates(
    changes: Sequence[LegalChange], documents: Sequence[CitingDocument]
) -> list[LegalUpdate]:
    """What each process document still owes to the changes in the texts it cites."""
    out: list[LegalUpdate] = []
    for doc in documents:
        for change in changes:
            if not any(cites(line, change.code) for line in doc.legal_basis):
                continue
            if doc.updated_on is not None and doc.updated_on >= change.changed_on:
                continue
            out.append(
                LegalUpdate(
                    doc.code,
                    doc.title,
                    change.code,
                    change.title,
                    change.changed_on,
                    change.what,
                    add_months(change.changed_on, LEGAL_UPDATE_MONTHS),
                )
            )
    return sorted(out, key=lambda u: (u.due, u.document, u.external))


# ------------------------------------------------------------------ the declaration

#: The standard a commune declares its system conforms to (the current edition; the 2014
#: texts still name TCVN ISO 9001:2008 and move as the science ministry directs).
STANDARD = "TCVN ISO 9001:2015"


@dataclass(frozen=True)
class ScopeItem:
    """A procedure in the scope, with the process document in force that covers it."""

    procedure_code: str
    procedure_name: str
    document_code: str
    issue: str  # "02"


@dataclass(frozen=True)
class Scope:
    covered: tuple[ScopeItem, ...]
    #: procedures in the catalogue without a process document in force
    missing: tuple[tuple[str, str], ...] = ()
    #: process documents in force whose procedure left the catalogue
    left: tuple[tuple[str, str], ...] = ()


def declaration_reasons(declared: Sequence[str] | None, scope: Scope) -> list[str]:
    """Why a new declaration is due (empty: the last one still holds). ``declared``: the
    procedure codes of the last declaration's scope, None when there is none."""
    reasons: list[str] = []
    if declared is None:
        reasons.append("Chưa công bố hệ thống quản lý chất lượng phù hợp " + STANDARD + ".")
    else:
        now = {item.procedure_code for item in scope.covered}
        added = sorted(now - set(declared))
        removed = sorted(set(declared) - now)
        if added:
            reasons.append("Phạm vi có thêm thủ tục: " + ", ".join(added) + ".")
        if removed:
            reasons.append("Phạm vi bớt thủ tục: " + ", ".join(removed) + ".")
    if scope.missing:
        codes = ", ".join(code for code, _name in scope.missing)
        reasons.append(f"Thủ tục trong danh mục chưa có quy trình đang hiệu lực: {codes}.")
    if scope.left:
        docs = ", ".join(f"{doc} ({code})" for doc, code in scope.left)
        reasons.append(f"Quy trình đang hiệu lực của thủ tục đã ra khỏi danh mục: {docs}.")
    return reasons
