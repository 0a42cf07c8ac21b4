"""Statistics with known outcomes (DESIGN.md §1.4): every count and rate, both databases."""

from __future__ import annotations

import datetime as dt

import pytest

from isoqms.domain.errors import PermissionDenied, ValidationError
from isoqms.services import statistics
from isoqms.services.statistics import Period
from isoqms.services.uow import Actor
from tests.helpers import login
from tests.helpers_journey import CERT, CIVIL, NOV, Desk

LATER = dt.datetime(2027, 1, 1)  # every period of the fixture is over


def test_november_every_count_and_rate(desk: Desk) -> None:
    figures = statistics.report(desk.db, desk.clerk, NOV, now=LATER).to_dict()
    expected = {
        "received": 14,
        "received_by_channel": {"direct": 12, "online": 1, "postal": 1},
        "carried_over": 1,
        "resolved": 7,
        "resolved_before": 1,
        "resolved_on_time": 3,
        "resolved_late": 3,
        "late_new_appointment_kept": 1,
        "late_new_appointment_missed": 1,
        "dissatisfied": 1,
        "stopped": 1,
        "cancelled": 1,
        "returned": 2,
        "open_not_due": 3,
        "open_overdue": 3,
        "refused": 0,
        # Decision 766: every dossier resolved, stopped or withdrawn in November or open at
        # its end, each once: 7 + 1 (M) + 1 (A) + 3 + 3
        "due_total": 15,
        # late: E, G, H resolved late; A withdrawn after its appointment; I, LT, I2 overdue
        "ended_late": 1,
        "repeat_supplement": 0,
        "late_total": 7,
        "late_or_unhappy": 7,  # E late and not satisfied counts once
        "on_time_rate": 53.33,  # (15 − 7) / 15
        "late_rate": 46.67,
        "resolved_on_time_rate": 57.14,  # 4 / 7 resolved, the rate before 766
        "online_share": 7.14,
        "postal_share": 7.14,
        "satisfaction_rate": 53.33,  # (15 − 7) / 15
    }
    assert {k: figures[k] for k in expected} == expected
    # balance: what there was to handle = finished + still open
    assert figures["to_handle"] == 15 == 7 + 1 + 1 + 3 + 3


def test_october_and_by_field(desk: Desk) -> None:
    october = statistics.report(desk.db, desk.clerk, Period.month(2026, 10), now=LATER).total
    assert (october.received, october.carried_over, october.resolved_before) == (2, 0, 1)
    # A, open and overdue at October's end, is in the 766 base: 1 late of 2
    assert (october.open_overdue, october.open_not_due, october.on_time_rate) == (1, 0, 50.0)
    assert october.resolved_on_time_rate == 100.0

    by_field = statistics.report(desk.db, desk.clerk, NOV, now=LATER, by="field")
    rows = {r.key: r.figures for r in by_field.rows}
    assert set(rows) == {"Chứng thực", "Hộ tịch"}
    assert (rows["Chứng thực"].received, rows["Chứng thực"].resolved_on_time) == (1, 1)
    assert rows["Hộ tịch"].received == 13 and rows["Hộ tịch"].resolved_late == 3
    by_procedure = statistics.report(desk.db, desk.clerk, NOV, now=LATER, by="procedure").to_dict()
    assert [r["key"] for r in by_procedure["rows"]] == [CIVIL, CERT]
    quarter = statistics.report(desk.db, desk.clerk, Period.quarter(2026, 4), now=LATER).total
    assert quarter.received == 16 and quarter.carried_over == 0


def test_empty_period_and_bad_requests(desk: Desk) -> None:
    empty = statistics.report(desk.db, desk.clerk, Period.month(2025, 1)).to_dict()
    assert empty["received"] == 0 and empty["on_time_rate"] is None
    with pytest.raises(ValidationError):
        Period.custom(dt.date(2026, 11, 30), dt.date(2026, 11, 1))
    with pytest.raises(ValidationError):
        statistics.report(desk.db, desk.clerk, NOV, now=LATER, by="clerk")
    auditor = login(desk.db, "auditor")
    assert statistics.report(desk.db, auditor, NOV).total.received == 14
    with pytest.raises(PermissionDenied):
        statistics.report(desk.db, Actor(999, "ghost", "", frozenset()), NOV)


def test_a_period_not_over_is_judged_now(desk: Desk) -> None:
    """At 09:00 on 03/11, A (received 20/10, cancelled at 10:00) is still open and overdue;
    the dossiers received on 02/11 are open and not yet due."""
    now = dt.datetime(2026, 11, 3, 9, 0)
    figures = statistics.report(desk.db, desk.clerk, NOV, now=now).total
    assert (figures.open_overdue, figures.open_not_due) == (1, 10)
    later = statistics.report(desk.db, desk.clerk, NOV, now=LATER).total
    assert (later.open_overdue, later.open_not_due) == (3, 3)
