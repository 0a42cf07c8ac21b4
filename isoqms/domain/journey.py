"""A dossier's journey from receipt to result, as pure rules (DESIGN.md §1.3, §1.4).

States: received → in process → waiting for the citizen's supplement ↔ in process →
result ready → returned; the side exits stopped (a decision of the unit's leader, 2025
Mẫu 05) and cancelled (the citizen withdraws). While waiting for a supplement the clock
is paused; once the supplement is complete the time limit either starts again
(Decree 61/2018 art. 19(4)) or goes on from where it stopped, by the unit's rule. The
outcome is judged when the result is ready, against the appointment so set: an apology's
new appointment never turns a late dossier into an on-time one.
"""

from __future__ import annotations

import datetime as dt
import enum

from isoqms.domain.calendar import DurationUnit, Schedule
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


class SupplementRule(enum.StrEnum):
    """How the time limit goes on once a dossier supplemented during processing is complete
    again (chosen per legal regime in the unit profile)."""

    #: Decree 61/2018 art. 19(4): "the processing time is counted again from the start
    #: after the complete dossier is received" — the default under both regimes
    RESTART = "restart"
    #: the waiting time is deducted: the appointment moves by the office time waited
    PAUSE = "pause"

    @property
    def label(self) -> str:
        return SUPPLEMENT_RULE_LABELS[self][0]

    @property
    def basis(self) -> str:
        return SUPPLEMENT_RULE_LABELS[self][1]

    @classmethod
    def of_event(cls, code: str) -> SupplementRule:
        """The rule a resumed dossier was counted by ("" before rules were chosen: pause)."""
        return cls(code) if code else cls.PAUSE


SUPPLEMENT_RULE_LABELS = {
    SupplementRule.RESTART: (
        "tính lại từ đầu",
        "Nghị định 61/2018/NĐ-CP, Điều 19 khoản 4: thời hạn giải quyết được tính lại từ đầu "
        "sau khi nhận đủ hồ sơ",
    ),
    SupplementRule.PAUSE: (
        "tạm dừng, cộng thời gian chờ",
        "thời gian chờ công dân bổ sung không tính vào thời hạn giải quyết",
    ),
}


def resumed_note(
    rule_code: str, due_after: dt.datetime | None, due_before: dt.datetime | None = None
) -> str:
    """The control sheet's note on a completed supplement: the new appointment and why."""
    if due_after is None:
        return ""
    if due_before is not None and due_after == due_before:
        return f"Hẹn trả giữ nguyên: {due_after:%H:%M %d/%m/%Y} (đã quá hạn khi yêu cầu bổ sung)"
    rule = SupplementRule.of_event(rule_code)
    if rule is SupplementRule.RESTART:
        return (
            f"Hẹn trả mới: {due_after:%H:%M %d/%m/%Y} ({rule.label}, Nghị định 61/2018, Điều 19.4)"
        )
    return f"Hẹn trả mới: {due_after:%H:%M %d/%m/%Y} (thời gian chờ bổ sung không tính)"


#: How an apology allowed by the leader outside Decree 61/2018 art. 19(9) is marked in its
#: reason (the letter's reason, then this, then the leader's own reason); the report
#: counts them.
OVERRIDE_MARK = "Lãnh đạo cho phép ngoài quy định"


#: The 766 method: a dossier asked to supplement more than once is counted late.
MAX_SUPPLEMENT_REQUESTS = 1


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


def outcome(
    result_at: dt.datetime,
    due: dt.datetime,
    schedule: Schedule | None = None,
    unit: DurationUnit | None = None,
) -> Outcome:
    """Late after ``due``; otherwise before or on time by the time used against the time
    allowed (Circular 01/2018 art. 13, first indicator), in the unit the limit is written
    in: before when at least one whole unit (a working day, or an hour for a limit in
    hours) of the allowed time is left. A limit in calendar days or within the day, or no
    schedule given, compares calendar days: before the appointment's day, or on it.
    ``due`` is the appointment the time limit gives (never an apology's new one)."""
    if result_at > due:
        return Outcome.LATE
    if schedule is None or unit not in (DurationUnit.DAYS, DurationUnit.HOURS):
        return Outcome.BEFORE if result_at.date() < due.date() else Outcome.ON_TIME
    whole = dt.timedelta(hours=1) if unit is DurationUnit.HOURS else schedule.working_day_length
    left = schedule.working_time_between(result_at, due)
    return Outcome.BEFORE if left >= whole else Outcome.ON_TIME


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
