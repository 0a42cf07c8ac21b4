"""A dossier's journey from receipt to result, as pure rules (DESIGN.md §1.3, §1.4).

States: received → in process → waiting for the citizen's supplement ↔ in process →
result ready → returned; the side exits stopped (a decision of the unit's leader, 2025
Mẫu 05) and cancelled (the citizen withdraws). While waiting for a supplement the clock
is paused. The outcome is judged when the result is ready, against the appointment moved
by supplement pauses only: an apology's new appointment never turns a late dossier into
an on-time one.
"""

from __future__ import annotations

import datetime as dt
import enum

from isoqms.domain.errors import Conflict, ValidationError
from isoqms.domain.text import fold


class DossierState(enum.StrEnum):
    RECEIVED = "received"
    IN_PROCESS = "in_process"
    WAITING_SUPPLEMENT = "waiting_supplement"
    RESULT_READY = "result_ready"
    RETURNED = "returned"
    STOPPED = "stopped"
    CANCELLED = "cancelled"

    @property
    def label(self) -> str:
        return STATE_LABELS[self]

    @property
    def is_open(self) -> bool:
        return self in OPEN_STATES


STATE_LABELS = {
    DossierState.RECEIVED: "Mới tiếp nhận",
    DossierState.IN_PROCESS: "Đang giải quyết",
    DossierState.WAITING_SUPPLEMENT: "Chờ bổ sung",
    DossierState.RESULT_READY: "Có kết quả, chờ trả",
    DossierState.RETURNED: "Đã trả kết quả",
    DossierState.STOPPED: "Dừng giải quyết",
    DossierState.CANCELLED: "Đã hủy",
}

#: Still being worked on: counted as open at a period's end.
OPEN_STATES = frozenset(
    {DossierState.RECEIVED, DossierState.IN_PROCESS, DossierState.WAITING_SUPPLEMENT}
)


class Action(enum.StrEnum):
    HANDOVER = "handover"
    REQUEST_SUPPLEMENT = "request-supplement"
    SUPPLEMENT_RECEIVED = "supplement-received"
    RESULT_READY = "result-ready"
    RETURN = "return"
    APOLOGIZE = "apologize"
    STOP = "stop"
    CANCEL = "cancel"

    @property
    def label(self) -> str:
        return ACTION_LABELS[self]


ACTION_LABELS = {
    Action.HANDOVER: "chuyển hồ sơ",
    Action.REQUEST_SUPPLEMENT: "yêu cầu bổ sung",
    Action.SUPPLEMENT_RECEIVED: "nhận hồ sơ bổ sung",
    Action.RESULT_READY: "ghi nhận có kết quả",
    Action.RETURN: "trả kết quả",
    Action.APOLOGIZE: "xin lỗi, hẹn lại",
    Action.STOP: "dừng giải quyết",
    Action.CANCEL: "hủy hồ sơ",
}

_WORKING = frozenset({DossierState.RECEIVED, DossierState.IN_PROCESS})

#: From which states an action may be taken, and the state it leads to (None: unchanged).
TRANSITIONS: dict[Action, tuple[frozenset[DossierState], DossierState | None]] = {
    Action.HANDOVER: (_WORKING, DossierState.IN_PROCESS),
    Action.REQUEST_SUPPLEMENT: (_WORKING, DossierState.WAITING_SUPPLEMENT),
    Action.SUPPLEMENT_RECEIVED: (
        frozenset({DossierState.WAITING_SUPPLEMENT}),
        DossierState.IN_PROCESS,
    ),
    Action.RESULT_READY: (_WORKING, DossierState.RESULT_READY),
    Action.RETURN: (frozenset({DossierState.RESULT_READY}), DossierState.RETURNED),
    Action.APOLOGIZE: (_WORKING | {DossierState.WAITING_SUPPLEMENT}, None),
    Action.STOP: (OPEN_STATES, DossierState.STOPPED),
    Action.CANCEL: (OPEN_STATES, DossierState.CANCELLED),
}


def next_state(state: DossierState, action: Action) -> DossierState:
    """The state after ``action``, or a refusal that says why in Vietnamese."""
    allowed, target = TRANSITIONS[action]
    if state not in allowed:
        if state in (DossierState.CANCELLED, DossierState.STOPPED, DossierState.RETURNED):
            raise Conflict(f"Hồ sơ đã ở trạng thái “{state.label}”: không thể {action.label} nữa.")
        raise Conflict(f"Hồ sơ đang “{state.label}”: chưa thể {action.label}.")
    return target or state


class Outcome(enum.StrEnum):
    BEFORE = "before"  # trước hạn
    ON_TIME = "on_time"  # đúng hạn
    LATE = "late"  # quá hạn

    @property
    def label(self) -> str:
        return {"before": "Trước hạn", "on_time": "Đúng hạn", "late": "Quá hạn"}[self.value]


def overdue_at(due: dt.datetime, paused_at: dt.datetime | None, moment: dt.datetime) -> bool:
    """Whether an open dossier is past ``due`` at ``moment``; while the clock is paused
    for a supplement it is judged at the moment the clock stopped."""
    return (paused_at if paused_at is not None else moment) > due


def outcome(result_at: dt.datetime, due: dt.datetime) -> Outcome:
    """Before the appointment day, on it (not after the appointment time), or late.
    ``due`` is the appointment moved by supplement pauses only."""
    if result_at > due:
        return Outcome.LATE
    if result_at.date() < due.date():
        return Outcome.BEFORE
    return Outcome.ON_TIME


class Rating(enum.StrEnum):
    """The citizen's rating when collecting the result."""

    NOT_SATISFIED = "not_satisfied"
    SATISFIED = "satisfied"
    VERY_SATISFIED = "very_satisfied"

    @property
    def label(self) -> str:
        return {
            "not_satisfied": "Không hài lòng",
            "satisfied": "Hài lòng",
            "very_satisfied": "Rất hài lòng",
        }[self.value]


def parse_rating(value: str) -> Rating:
    key = fold(value).replace(" ", "_").replace("-", "_")
    for rating in Rating:
        if key in (rating.value, fold(rating.label).replace(" ", "_")):
            return rating
    raise ValidationError(
        f"Mức đánh giá không hợp lệ: “{value}”. Chọn: Không hài lòng, Hài lòng, Rất hài lòng."
    )
