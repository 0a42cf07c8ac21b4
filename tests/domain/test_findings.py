import datetime as dt

import pytest

from isoqms.domain.errors import Conflict, ValidationError
from isoqms.domain.findings import (
    FindingAction,
    FindingKind,
    FindingState,
    check_verifier,
    is_overdue,
    next_state,
)

NC, OBS = FindingKind.NONCONFORMITY, FindingKind.OBSERVATION
S, A = FindingState, FindingAction


def test_a_nonconformity_closes_only_through_a_verified_action() -> None:
    state = next_state(NC, S.OPEN, A.PLAN)
    state = next_state(NC, state, A.DONE)
    assert next_state(NC, state, A.VERIFY_NOT_EFFECTIVE) is S.PLANNED
    assert next_state(NC, state, A.VERIFY_EFFECTIVE) is S.CLOSED
    with pytest.raises(Conflict):
        next_state(NC, S.OPEN, A.CLOSE)
    with pytest.raises(Conflict):
        next_state(NC, S.OPEN, A.DONE)
    with pytest.raises(Conflict):
        next_state(NC, S.PLANNED, A.VERIFY_EFFECTIVE)
    with pytest.raises(Conflict):
        next_state(NC, S.CLOSED, A.PLAN)


def test_an_observation_may_be_closed_with_a_note() -> None:
    assert next_state(OBS, S.OPEN, A.CLOSE) is S.CLOSED


def test_the_owner_does_not_verify_and_only_planned_actions_are_overdue() -> None:
    with pytest.raises(ValidationError):
        check_verifier(3, 3)
    check_verifier(3, 4)
    day = dt.date(2026, 12, 2)
    assert is_overdue(S.PLANNED, dt.date(2026, 12, 1), day)
    assert not is_overdue(S.PLANNED, day, day)
    assert not is_overdue(S.DONE, dt.date(2026, 12, 1), day)
