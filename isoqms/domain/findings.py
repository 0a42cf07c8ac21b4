"""Findings, nonconformities and corrective action (TCVN ISO 9001:2015 clause 10.2;
Decision 19/2014 art. 4): what a finding is, its states and their legal transitions.

A finding is raised (from an internal audit, a complaint, a late dossier, a missed quality
objective…); a nonconformity gets a plan — correction, root cause, corrective action, its
owner and due date —; the owner records what was done; someone other than the owner then
verifies whether it worked: effective closes it, not effective sends it back to be planned
again. An observation or an opportunity for improvement may be closed with a note.
"""

from __future__ import annotations

import datetime as dt
import enum

from isoqms.domain.errors import Conflict, ValidationError


class FindingKind(enum.StrEnum):
    NONCONFORMITY = "nonconformity"
    OBSERVATION = "observation"
    OPPORTUNITY = "opportunity"

    @property
    def label(self) -> str:
        return {
            FindingKind.NONCONFORMITY: "Sự không phù hợp",
            FindingKind.OBSERVATION: "Khuyến nghị",
            FindingKind.OPPORTUNITY: "Cơ hội cải tiến",
        }[self]


class FindingSource(enum.StrEnum):
    AUDIT = "audit"
    COMPLAINT = "complaint"
    LATE_DOSSIER = "late_dossier"
    OBJECTIVE = "objective"
    REVIEW = "review"  # a decision of the management review, tracked to done
    OTHER = "other"

    @property
    def label(self) -> str:
        return {
            FindingSource.AUDIT: "Đánh giá nội bộ",
            FindingSource.COMPLAINT: "Phản ánh, khiếu nại",
            FindingSource.LATE_DOSSIER: "Hồ sơ trễ hạn",
            FindingSource.OBJECTIVE: "Mục tiêu chất lượng không đạt",
            FindingSource.REVIEW: "Quyết định của xem xét lãnh đạo",
            FindingSource.OTHER: "Khác",
        }[self]


class FindingState(enum.StrEnum):
    OPEN = "open"  # raised, nothing planned yet
    PLANNED = "planned"  # correction, cause, action, owner and due date set
    DONE = "done"  # the owner says the action was carried out
    CLOSED = "closed"  # verified effective, or an observation closed with a note

    @property
    def label(self) -> str:
        return {
            FindingState.OPEN: "Mới ghi nhận",
            FindingState.PLANNED: "Đang khắc phục",
            FindingState.DONE: "Chờ đánh giá hiệu lực",
            FindingState.CLOSED: "Đã đóng",
        }[self]


class FindingAction(enum.StrEnum):
    PLAN = "plan"
    DONE = "done"
    VERIFY_EFFECTIVE = "verify_effective"
    VERIFY_NOT_EFFECTIVE = "verify_not_effective"
    CLOSE = "close"  # an observation or opportunity, with a note


TRANSITIONS: dict[tuple[FindingState, FindingAction], FindingState] = {
    (FindingState.OPEN, FindingAction.PLAN): FindingState.PLANNED,
    (FindingState.PLANNED, FindingAction.PLAN): FindingState.PLANNED,  # re-planned
    (FindingState.PLANNED, FindingAction.DONE): FindingState.DONE,
    (FindingState.DONE, FindingAction.VERIFY_EFFECTIVE): FindingState.CLOSED,
    (FindingState.DONE, FindingAction.VERIFY_NOT_EFFECTIVE): FindingState.PLANNED,
    (FindingState.OPEN, FindingAction.CLOSE): FindingState.CLOSED,
}


def next_state(kind: FindingKind, state: FindingState, action: FindingAction) -> FindingState:
    """The state ``action`` leads to, or a Conflict saying why it may not be taken."""
    if action is FindingAction.CLOSE and kind is FindingKind.NONCONFORMITY:
        raise Conflict(
            "Sự không phù hợp chỉ đóng khi hành động khắc phục đã được đánh giá là có hiệu lực."
        )
    target = TRANSITIONS.get((state, action))
    if target is None:
        raise Conflict(
            f"Phát hiện đang ở trạng thái “{state.label}”: không thực hiện được việc này."
        )
    return target


def check_verifier(owner_id: int | None, verifier_id: int | None) -> None:
    """Effectiveness is verified by someone other than the action's owner."""
    if owner_id is not None and owner_id == verifier_id:
        raise ValidationError(
            "Người thực hiện hành động khắc phục không tự đánh giá hiệu lực: cần người khác."
        )


def check_due(due: dt.date, today: dt.date) -> None:
    if due < today:
        raise ValidationError("Hạn hoàn thành không được trước hôm nay.")


def is_overdue(state: FindingState, due: dt.date | None, today: dt.date) -> bool:
    return state is FindingState.PLANNED and due is not None and due < today
