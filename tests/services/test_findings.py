"""Findings and corrective actions through the services and the command line: each step
by the right person, refused for the wrong one, audited; overdue actions reported."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

import pytest

from isoqms.db.engine import Database
from isoqms.domain import clock
from isoqms.domain.errors import Conflict, NotFound, PermissionDenied, ValidationError
from isoqms.services.findings import (
    ActionPlan,
    FindingDraft,
    close_finding,
    findings,
    plan_action,
    raise_finding,
    record_done,
    verify,
)
from tests.helpers import audit_count, login, run_cli

PW = {"ISOQMS_PASSWORD": "demo"}


@pytest.fixture
def demo_url(demo_db: Database) -> str:
    return demo_db.url.render_as_string(hide_password=False)


def test_the_demo_year_has_one_action_verified_and_one_overdue(demo_db: Database) -> None:
    rows = {f.number: f for f in findings(demo_db, login(demo_db, "auditor"))}
    year = (clock.today() - dt.timedelta(days=75)).year
    done, late, idea = (rows[f"PH-{year}-0{n}"] for n in (1, 2, 3))
    assert done.state == "closed" and done.effective and done.verified_by == "Phạm Văn Đức"
    assert done.owner_name == "Hoàng Minh Tuấn" != done.verified_by
    assert late.state == "planned" and late.overdue
    assert idea.kind == "opportunity" and idea.state == "open"
    # the two nonconformities came from the year's internal audit, named in their evidence
    assert done.source == late.source == "audit" and done.evidence.startswith("DG-")
    assert (done.clause, late.clause) == ("8.5.1", "7.5")
    # what is open: the overdue action, the idea, and the management review's two decisions
    from isoqms.services.management_review import reviews

    meeting = reviews(demo_db, login(demo_db, "auditor"))[-1]
    assert [f.number for f in findings(demo_db, login(demo_db, "auditor"), open_only=True)] == [
        late.number,
        idea.number,
        *meeting.decisions,
    ]
    assert all(rows[n].source == "review" and rows[n].state == "planned" for n in meeting.decisions)


def test_a_nonconformity_from_raised_to_verified(demo_db: Database) -> None:
    secretary, clerk, reviewer, approver = (
        login(demo_db, n) for n in ("iso_secretary", "clerk", "reviewer", "approver")
    )
    before = audit_count(demo_db)
    with pytest.raises(PermissionDenied):
        raise_finding(demo_db, clerk, FindingDraft("nonconformity", "Thiếu"))
    with pytest.raises(ValidationError):
        raise_finding(demo_db, secretary, FindingDraft("nonconformity", "  "))
    with pytest.raises(ValidationError):
        raise_finding(demo_db, secretary, FindingDraft("serious", "Thiếu"))
    assert audit_count(demo_db) == before
    f = raise_finding(
        demo_db,
        secretary,
        FindingDraft(
            "nonconformity", "Hồ sơ trễ hạn không có văn bản xin lỗi", "late_dossier", "8.5.1"
        ),
    )
    due = clock.today() + dt.timedelta(days=14)
    plan = ActionPlan("Gửi thư xin lỗi", "Chưa theo dõi hạn", "Nhắc hạn hằng ngày", "reviewer", due)
    past = dataclasses.replace(plan, due_on=clock.today() - dt.timedelta(days=1))
    with pytest.raises(ValidationError):
        plan_action(demo_db, secretary, f.number, past)
    with pytest.raises(Conflict):
        record_done(demo_db, reviewer, f.number, "Xong")  # nothing planned yet
    f = plan_action(demo_db, secretary, f.number, plan)
    assert f.state == "planned" and f.owner == "reviewer" and f.due_on == due
    with pytest.raises(PermissionDenied):
        record_done(demo_db, secretary, f.number, "Xong")  # not the owner
    f = record_done(demo_db, reviewer, f.number, "Đã nhắc hạn hằng ngày trong 2 tuần")
    with pytest.raises(ValidationError):  # the owner would verify their own action
        verify(demo_db, reviewer, f.number, effective=True, note="Tốt")
    with pytest.raises(PermissionDenied):
        verify(demo_db, clerk, f.number, effective=True, note="Tốt")
    with pytest.raises(Conflict):
        close_finding(demo_db, secretary, f.number, "Đóng")
    f = verify(demo_db, approver, f.number, effective=False, note="Vẫn còn 1 hồ sơ trễ")
    assert f.state == "planned" and f.effective is False
    f = record_done(demo_db, reviewer, f.number, "Thêm bảng theo dõi hạn tại quầy")
    f = verify(demo_db, approver, f.number, effective=True, note="Tháng sau không còn trễ")
    assert f.state == "closed" and f.closed_on == clock.today()
    assert f.verified_by == "Nguyễn Văn Hùng"


def test_the_command_line(demo_url: str) -> None:
    def run(user: str, *args: str) -> tuple[int, str, str]:
        result = run_cli("--db", demo_url, "--user", user, "iso", *args, env=PW)
        assert "Traceback" not in result.stderr
        return result.returncode, result.stdout, result.stderr

    code, out, _ = run(
        "reviewer", "finding", "raise", "--kind", "nonconformity", "--description",
        "Bảng niêm yết TTHC chưa cập nhật", "--clause", "7.5.3", "--json",
    )  # fmt: skip
    assert code == 0
    number = json.loads(out)["number"]
    due = (clock.today() + dt.timedelta(days=7)).isoformat()
    code, _, err = run("clerk", "finding", "plan", number, "--action", "x", "--owner", "clerk",
                       "--due", due)  # fmt: skip
    assert code == 1 and "quyền" in err
    code, _, err = run("reviewer", "finding", "plan", number, "--action", "Cập nhật bảng",
                       "--owner", "ai-do", "--due", due)  # fmt: skip
    assert code == 1 and "ai-do" in err
    code, out, _ = run("reviewer", "finding", "plan", number, "--action", "Cập nhật bảng",
                       "--owner", "officer", "--due", due)  # fmt: skip
    assert code == 0 and number in out
    assert run("officer", "finding", "done", number, "--note", "Đã cập nhật")[0] == 0
    assert run("reviewer", "finding", "verify", number, "--note", "x")[0] == 1
    code, out, _ = run("reviewer", "finding", "verify", number, "--effective", "--note", "Đúng")
    assert code == 0 and "Đã đóng" in out
    rows = json.loads(run("auditor", "findings", "--open", "--json")[1])
    assert number not in {r["number"] for r in rows}
    assert any(r["overdue"] for r in rows)  # the demo's overdue action
    status = json.loads(run("auditor", "status", "--json")[1])
    assert status["findings"]["open"] == len(rows) and status["findings"]["overdue"]
    assert run("auditor", "finding", "close", "PH-1999-01", "--note", "x")[0] == 1


def test_odd_numbers_and_owners_are_refused_in_words(demo_db: Database) -> None:
    secretary = login(demo_db, "iso_secretary")
    for odd in ("\x00", "PH\udcff", "x" * 500, ""):
        with pytest.raises(NotFound):
            record_done(demo_db, secretary, odd, "Xong")
    f = raise_finding(demo_db, secretary, FindingDraft("nonconformity", "Thiếu sổ"))
    due = clock.today() + dt.timedelta(days=5)
    for owner in ("\x00", "khong-co"):
        with pytest.raises(NotFound):
            plan_action(demo_db, secretary, f.number, ActionPlan("", "", "Sửa", owner, due))
    with pytest.raises(ValidationError, match="auditor"):  # a read-only user cannot act
        plan_action(demo_db, secretary, f.number, ActionPlan("", "", "Sửa", "auditor", due))


def test_a_finding_is_found_by_its_id_too(demo_db: Database) -> None:
    secretary = login(demo_db, "iso_secretary")
    f = raise_finding(demo_db, secretary, FindingDraft("observation", "Bảng niêm yết mờ"))
    closed = close_finding(demo_db, secretary, str(f.id), "Đã thay bảng")
    assert closed.number == f.number and closed.state == "closed"
