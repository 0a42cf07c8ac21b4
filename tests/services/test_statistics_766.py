"""The supplement rule (Decree 61/2018 art. 19(4)) and the rates of Decision 766/QĐ-TTg
on a period built by hand (docs/statistics.md), both databases."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path

import pytest

from isoqms.db.engine import Database
from isoqms.domain.errors import ValidationError
from isoqms.domain.journey import Action, Outcome, Rating, SupplementRule
from isoqms.domain.statistics import METHOD
from isoqms.services import intake, statistics, unit
from isoqms.services.intake import Applicant, NoticeDraft
from isoqms.services.statistics import Period
from tests.helpers import login, run_cli
from tests.helpers_journey import CIVIL, Desk

ROOT = Path(__file__).resolve().parents[2]
LATER = dt.datetime(2027, 1, 1)
PERIOD = Period.custom(dt.date(2026, 3, 2), dt.date(2026, 3, 13))


def M(day: int, hour: int, minute: int = 0) -> dt.datetime:
    """March 2026: Monday 2, the office open 07:00–11:30 and 13:30–17:00 (8 hours)."""
    return dt.datetime(2026, 3, day, hour, minute)


def _rule(db: Database, rule: SupplementRule) -> None:
    admin = login(db, "admin")
    current = unit.get_unit(db)
    unit.update_unit(db, admin, dataclasses.replace(current, supplement_rule_2025=rule.value))


def _supplemented(d: Desk, received: dt.datetime) -> str:
    """Received Monday 09:00 (3 working days: due Thursday 5/3 17:00), asked to supplement
    on Tuesday 09:00, complete again on Wednesday 09:00 — one working day waited."""
    code = d.receive(received)
    d.act(code, Action.REQUEST_SUPPLEMENT, M(3, 9), reason="Thiếu bản sao giấy khai sinh")
    return code


def test_the_supplement_rule_sets_the_appointment_and_the_outcome(demo_db: Database) -> None:
    d = Desk(demo_db)
    assert unit.get_unit(demo_db).supplement_rule("2025") is SupplementRule.RESTART
    restarted, paused = _supplemented(d, M(2, 9)), _supplemented(d, M(2, 9, 5))

    # restart (the default): 3 working days again from Wednesday — Thu 5, Fri 6, Mon 9
    after = d.act(restarted, Action.SUPPLEMENT_RECEIVED, M(4, 9))
    assert after.due_at == M(9, 17) and after.events[-1].rule == "restart"
    # pause: Thursday 17:00 moved by the working day waited — Friday 6/3 17:00
    _rule(demo_db, SupplementRule.PAUSE)
    after = d.act(paused, Action.SUPPLEMENT_RECEIVED, M(4, 9))
    assert after.due_at == M(6, 17) and after.events[-1].rule == "pause"

    # the same result on Monday 9/3 10:00: on time under one rule, late under the other
    assert d.act(restarted, Action.RESULT_READY, M(9, 10)).outcome is Outcome.ON_TIME
    assert d.act(paused, Action.RESULT_READY, M(9, 10)).outcome is Outcome.LATE
    figures = statistics.report(demo_db, d.clerk, PERIOD, now=LATER).total
    assert (figures.resolved_on_time, figures.resolved_late, figures.late_total) == (1, 1, 1)

    # the dossier says which rule gave its appointment, and why
    url = demo_db.url.render_as_string(hide_password=False)
    shown = run_cli("--db", url, "--user", "clerk", "dossier", "show", restarted,
                    env={"ISOQMS_PASSWORD": "demo"})  # fmt: skip
    assert shown.returncode == 0, shown.stderr
    assert "Hẹn trả mới: 17:00 09/03/2026 (tính lại từ đầu, Nghị định 61/2018" in shown.stdout
    as_json = run_cli("--db", url, "--user", "clerk", "dossier", "show", paused, "--json",
                      env={"ISOQMS_PASSWORD": "demo"})  # fmt: skip
    events = json.loads(as_json.stdout)["events"]
    assert [e["rule"] for e in events if e["action"] == "supplement-received"] == ["pause"]


def test_a_wrong_rule_is_refused_and_changes_nothing(demo_db: Database) -> None:
    admin = login(demo_db, "admin")
    current = unit.get_unit(demo_db)
    with pytest.raises(ValidationError, match="restart"):
        unit.update_unit(demo_db, admin, dataclasses.replace(current, supplement_rule_2018="x"))
    assert unit.get_unit(demo_db) == current
    url = demo_db.url.render_as_string(hide_password=False)
    done = run_cli("--db", url, "--user", "admin", "unit", "set", "--supplement-rule-2018",
                   "pause", env={"ISOQMS_PASSWORD": "demo"})  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert unit.get_unit(demo_db).supplement_rule("2018") is SupplementRule.PAUSE
    assert unit.get_unit(demo_db).supplement_rule("2025") is SupplementRule.RESTART


def test_the_rates_of_a_built_period_equal_the_766_figures_by_hand(demo_db: Database) -> None:
    d = Desk(demo_db)
    approver = d.approver
    # P1 supplemented once, restarted, on time; P2 the same under the pause rule, late
    p1, p2 = _supplemented(d, M(2, 9)), _supplemented(d, M(2, 9, 5))
    d.act(p1, Action.SUPPLEMENT_RECEIVED, M(4, 9))
    # P3 asked twice, resolved before its appointment: late by the 766 method
    p3 = d.receive(M(2, 9, 10))
    d.act(p3, Action.REQUEST_SUPPLEMENT, M(2, 10), reason="Thiếu tờ khai")
    d.act(p3, Action.SUPPLEMENT_RECEIVED, M(2, 14))
    d.act(p3, Action.REQUEST_SUPPLEMENT, M(3, 9), reason="Tờ khai chưa ký")
    assert d.act(p3, Action.SUPPLEMENT_RECEIVED, M(3, 10)).due_at == M(6, 17)
    assert d.act(p3, Action.RESULT_READY, M(4, 9)).outcome is Outcome.BEFORE
    # P12 asked twice, then stopped while waiting, before its appointment: late (asked twice)
    p12 = d.receive(M(2, 10, 20))
    d.act(p12, Action.REQUEST_SUPPLEMENT, M(2, 11), reason="Thiếu tờ khai")
    d.act(p12, Action.SUPPLEMENT_RECEIVED, M(2, 14))
    d.act(p12, Action.REQUEST_SUPPLEMENT, M(3, 9), reason="Tờ khai chưa ký")
    d.act(p12, Action.STOP, M(10, 9), actor=approver, reason="Công dân không bổ sung")
    _rule(demo_db, SupplementRule.PAUSE)
    d.act(p2, Action.SUPPLEMENT_RECEIVED, M(4, 9))
    d.act(p1, Action.RESULT_READY, M(9, 10))
    d.act(p2, Action.RESULT_READY, M(9, 10))
    # P4 late, not satisfied and with a complaint: counted once
    p4 = d.receive(M(2, 9, 20))
    assert d.act(p4, Action.RESULT_READY, M(6, 9)).outcome is Outcome.LATE
    d.act(p4, Action.RETURN, M(6, 10), rating=Rating.NOT_SATISFIED, complaint=True)
    # P5 on its appointment day (6 of the 8 hours left: less than a day) but not satisfied
    p5 = d.receive(M(2, 9, 30))
    assert d.act(p5, Action.RESULT_READY, M(5, 9)).outcome is Outcome.ON_TIME
    d.act(p5, Action.RETURN, M(5, 10), rating=Rating.NOT_SATISFIED)
    # P6 stopped before its appointment; P7 withdrawn after it
    p6 = d.receive(M(2, 9, 40))
    d.act(p6, Action.STOP, M(3, 9), actor=approver, reason="Không thuộc thẩm quyền")
    p7 = d.receive(M(2, 9, 50))
    d.act(p7, Action.CANCEL, M(9, 9), reason="Công dân rút hồ sơ")
    # P8 open and overdue at the period's end; P9 open and not yet due
    d.receive(M(2, 10))
    d.receive(M(12, 9))
    # P10 refused at the counter (Mẫu 03); P11 resolved a day early
    intake.issue_notice(
        demo_db,
        d.clerk,
        NoticeDraft("refusal", CIVIL, Applicant("Trần Thị Bé"), "Không thuộc thẩm quyền của xã"),
        now=M(3, 8),
    )
    p11 = d.receive(M(2, 10, 10))
    assert d.act(p11, Action.RESULT_READY, M(3, 9)).outcome is Outcome.BEFORE

    f = statistics.report(demo_db, d.clerk, PERIOD, now=LATER).total
    # by hand: resolved P1 on, P2 late, P3 before, P4 late, P5 on, P11 before
    assert (f.resolved_before, f.resolved_on_time, f.resolved_late) == (2, 2, 2)
    assert (f.stopped, f.cancelled, f.refused) == (2, 1, 1)
    assert (f.open_overdue, f.open_not_due) == (1, 1)
    assert f.due_total == 6 + 2 + 1 + 1 + 1 + 1 == 12
    # late: P2, P4 resolved late; P7 withdrawn late; P8 overdue; P3 and P12 asked twice —
    # P12 stopped after its appointment but judged when its clock stopped (3/3), in time
    assert (f.ended_late, f.repeat_supplement) == (1, 2)
    assert f.late_total == 2 + 1 + 1 + 2 == 6
    # late or unhappy, each once: the six late (P4 among them) and P5
    assert f.late_or_unhappy == 7
    assert f.on_time_rate == round(100 * 6 / 12, 2) == 50.0
    assert f.late_rate == 50.0
    assert f.satisfaction_rate == round(100 * 5 / 12, 2) == 41.67
    assert f.resolved_on_time_rate == round(100 * 4 / 6, 2)


def test_a_dossier_late_before_its_supplement_stays_late_after_a_restart(
    demo_db: Database,
) -> None:
    d = Desk(demo_db)
    code = d.receive(M(2, 9))  # due Thursday 5/3 17:00
    d.act(code, Action.REQUEST_SUPPLEMENT, M(6, 9), reason="Thiếu giấy tờ")  # already late
    after = d.act(code, Action.SUPPLEMENT_RECEIVED, M(9, 9))
    assert after.due_at == M(5, 17)  # the time is not counted again for a late dossier
    assert d.act(code, Action.RESULT_READY, M(10, 9)).outcome is Outcome.LATE


def test_the_method_is_written_where_the_figures_are_read() -> None:
    """One text: the report's "Cách tính" and docs/statistics.md."""
    doc = (ROOT / "docs" / "statistics.md").read_text(encoding="utf-8")
    for name, how in METHOD:
        assert f"- **{name}**: {how}" in doc, name
