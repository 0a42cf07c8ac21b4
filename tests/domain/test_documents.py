import datetime as dt

import pytest

from isoqms.domain.documents import (
    DocumentKind,
    RevisionDates,
    RevisionState,
    Standing,
    check_code,
    check_effective_order,
    check_three_people,
    standings,
)
from isoqms.domain.errors import ValidationError

A, W = RevisionState.APPROVED, RevisionState.WITHDRAWN


def test_codes_follow_the_scheme() -> None:
    assert check_code(DocumentKind.PROCESS, "qt-ht-01") == "QT-HT-01"
    assert check_code(DocumentKind.FORM, "BM-HT-01-01") == "BM-HT-01-01"
    assert check_code(DocumentKind.EXTERNAL, "60/2014/QH13") == "60/2014/QH13"
    with pytest.raises(ValidationError, match="ví dụ BM-HT-01-01"):
        check_code(DocumentKind.FORM, "QT-HT-01")


def test_standing_is_derived_from_dates() -> None:
    revs = [
        RevisionDates(1, A, dt.date(2025, 1, 1)),
        RevisionDates(2, A, dt.date(2026, 7, 1)),
        RevisionDates(3, RevisionState.DRAFT, None),
    ]
    before = standings(revs, dt.date(2026, 6, 30))
    assert before[1] == (Standing.EFFECTIVE, dt.date(2026, 6, 30))
    assert before[2] == (Standing.APPROVED, None)
    assert before[3] == (Standing.DRAFT, None)
    after = standings(revs, dt.date(2026, 7, 1))
    assert after[1] == (Standing.SUPERSEDED, dt.date(2026, 6, 30))
    assert after[2] == (Standing.EFFECTIVE, None)


def test_a_withdrawn_revision_leaves_nothing_in_force() -> None:
    revs = [
        RevisionDates(1, A, dt.date(2025, 1, 1)),
        RevisionDates(2, W, dt.date(2026, 1, 1), dt.date(2026, 3, 1)),
    ]
    assert standings(revs, dt.date(2026, 2, 1))[2][0] is Standing.EFFECTIVE
    later = standings(revs, dt.date(2026, 3, 1))
    assert later[2][0] is Standing.WITHDRAWN and later[1][0] is Standing.SUPERSEDED


def test_three_different_people() -> None:
    check_three_people(1, 2, 3)
    with pytest.raises(ValidationError, match="ba người khác nhau"):
        check_three_people(1, 1, None)
    with pytest.raises(ValidationError, match="ba người khác nhau"):
        check_three_people(1, 2, 1)


def test_a_new_issue_takes_effect_no_earlier_than_those_approved() -> None:
    issued = [("01.0", dt.date(2025, 7, 1)), ("02.0", dt.date(2026, 12, 4))]
    check_effective_order(dt.date(2026, 12, 4), issued)
    check_effective_order(dt.date(2027, 1, 1), issued)
    with pytest.raises(ValidationError, match=r"04/12/2026 của lần ban hành 02\.0"):
        check_effective_order(dt.date(2026, 12, 3), issued)
