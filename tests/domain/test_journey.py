"""The dossier journey's rules: legal transitions, refusals, and the outcome."""

from __future__ import annotations

import datetime as dt

import pytest

from isoqms.domain.errors import Conflict
from isoqms.domain.journey import Action, DossierState, Outcome, next_state, outcome

S = DossierState


@pytest.mark.parametrize(
    ("state", "action", "after"),
    [
        (S.RECEIVED, Action.HANDOVER, S.IN_PROCESS),
        (S.IN_PROCESS, Action.HANDOVER, S.IN_PROCESS),
        (S.IN_PROCESS, Action.REQUEST_SUPPLEMENT, S.WAITING_SUPPLEMENT),
        (S.WAITING_SUPPLEMENT, Action.SUPPLEMENT_RECEIVED, S.IN_PROCESS),
        (S.IN_PROCESS, Action.RESULT_READY, S.RESULT_READY),
        (S.RECEIVED, Action.RESULT_READY, S.RESULT_READY),  # decided at the desk
        (S.RESULT_READY, Action.RETURN, S.RETURNED),
        (S.IN_PROCESS, Action.APOLOGIZE, S.IN_PROCESS),
        (S.WAITING_SUPPLEMENT, Action.STOP, S.STOPPED),
        (S.RECEIVED, Action.CANCEL, S.CANCELLED),
    ],
)
def test_legal_transitions(state: DossierState, action: Action, after: DossierState) -> None:
    assert next_state(state, action) is after


@pytest.mark.parametrize(
    ("state", "action", "message"),
    [
        (S.IN_PROCESS, Action.RETURN, "chưa thể trả kết quả"),
        (S.WAITING_SUPPLEMENT, Action.RESULT_READY, "chưa thể ghi nhận có kết quả"),
        (S.CANCELLED, Action.HANDOVER, "Đã hủy"),
        (S.CANCELLED, Action.RETURN, "không thể trả kết quả nữa"),
        (S.RETURNED, Action.APOLOGIZE, "Đã trả kết quả"),
        (S.STOPPED, Action.CANCEL, "Dừng giải quyết"),
        (S.RESULT_READY, Action.REQUEST_SUPPLEMENT, "Có kết quả"),
        (S.IN_PROCESS, Action.SUPPLEMENT_RECEIVED, "chưa thể nhận hồ sơ bổ sung"),
    ],
)
def test_illegal_transitions_are_refused(state: DossierState, action: Action, message: str) -> None:
    with pytest.raises(Conflict, match=message):
        next_state(state, action)


DUE = dt.datetime(2026, 11, 27, 17, 0)


@pytest.mark.parametrize(
    ("ready", "expected"),
    [
        (dt.datetime(2026, 11, 26, 16, 59), Outcome.BEFORE),
        (dt.datetime(2026, 11, 27, 7, 0), Outcome.ON_TIME),
        (dt.datetime(2026, 11, 27, 17, 0), Outcome.ON_TIME),
        (dt.datetime(2026, 11, 27, 17, 1), Outcome.LATE),
        (dt.datetime(2026, 11, 30, 8, 0), Outcome.LATE),
    ],
)
def test_outcome_against_the_appointment(ready: dt.datetime, expected: Outcome) -> None:
    assert outcome(ready, DUE) is expected
    assert expected.label in ("Trước hạn", "Đúng hạn", "Quá hạn")
