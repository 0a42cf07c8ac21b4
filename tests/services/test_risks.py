"""The risks and opportunities register (clause 6.1)."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from isoqms.db.engine import Database
from isoqms.domain import clock
from isoqms.domain.errors import NotFound, PermissionDenied, ValidationError
from isoqms.domain.risks import level
from isoqms.services.risks import RiskDraft, add_risk, review_risk, risks
from tests.helpers import audit_count, login, run_cli

PW = {"ISOQMS_PASSWORD": "demo"}


@pytest.fixture
def demo_url(demo_db: Database) -> str:
    return demo_db.url.render_as_string(hide_password=False)


def test_levels() -> None:
    assert [level(1, 2), level(1, 3), level(2, 2), level(2, 3), level(3, 3)] == [
        "Thấp", "Trung bình", "Trung bình", "Cao", "Cao",
    ]  # fmt: skip


def test_a_line_added_reviewed_and_refused_when_odd(demo_db: Database) -> None:
    secretary = login(demo_db, "iso_secretary")
    assert {r.process for r in risks(demo_db, secretary)} == {"QT-HT-01", "QT-HT-02", "QT-HT-03"}
    later = clock.today() + dt.timedelta(days=30)
    before = audit_count(demo_db)
    with pytest.raises(PermissionDenied):
        add_risk(demo_db, login(demo_db, "clerk"), RiskDraft("Cháy", 1, 3, "", later))
    with pytest.raises(ValidationError):
        add_risk(demo_db, secretary, RiskDraft("Cháy", 4, 3, "", later))
    with pytest.raises(ValidationError):
        add_risk(demo_db, secretary, RiskDraft("Cháy", 1, 3, "", clock.today() - dt.timedelta(1)))
    assert audit_count(demo_db) == before
    line = add_risk(
        demo_db, secretary, RiskDraft("Cháy kho lưu trữ", 1, 3, "Bình chữa cháy", later)
    )
    assert line.level == "Trung bình" and not line.review_overdue
    reviewed = review_risk(
        demo_db, secretary, line.id, RiskDraft("Cháy kho lưu trữ", 1, 2, "Đã lắp báo cháy", later)
    )
    assert reviewed.level == "Thấp" and reviewed.reviewed_on == clock.today()
    with pytest.raises(NotFound):
        review_risk(demo_db, secretary, 999, RiskDraft("x", 1, 1, "", later))
    overdue = risks(demo_db, secretary, later + dt.timedelta(days=1))
    assert any(r.id == line.id and r.review_overdue for r in overdue)


def test_the_command_line(demo_url: str) -> None:
    review = (clock.today() + dt.timedelta(days=10)).isoformat()
    made = run_cli(
        "--db", demo_url, "--user", "reviewer", "iso", "risk", "add", "--description",
        "Hỏng máy in Giấy tiếp nhận", "--likelihood", "2", "--impact", "2", "--review",
        review, "--process", "QT-HT-01", "--json", env=PW,
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    line = json.loads(made.stdout)
    assert line["level"] == "Trung bình"
    listed = run_cli("--db", demo_url, "--user", "auditor", "iso", "risks", "--json", env=PW)
    assert line["id"] in {r["id"] for r in json.loads(listed.stdout)}
    status = run_cli("--db", demo_url, "--user", "auditor", "iso", "status", "--json", env=PW)
    assert json.loads(status.stdout)["risks"]["lines"] == 4
    refused = run_cli(
        "--db", demo_url, "--user", "auditor", "iso", "risk", "review", str(line["id"]),
        "--description", "x", "--likelihood", "1", "--impact", "1", "--review", review, env=PW,
    )  # fmt: skip
    assert refused.returncode == 1 and "quyền" in refused.stderr


def test_a_review_keeps_what_it_does_not_change(demo_url: str, demo_db: Database) -> None:
    """The demo's opportunity reviewed with only its rating and next review: still an
    opportunity of QT-HT-03 with its action."""
    line = next(r for r in risks(demo_db, login(demo_db, "auditor")) if r.kind == "opportunity")
    review = (clock.today() + dt.timedelta(days=10)).isoformat()
    done = run_cli(
        "--db", demo_url, "--user", "reviewer", "iso", "risk", "review", str(line.id),
        "--description", line.description, "--likelihood", "3", "--impact", "3",
        "--review", review, "--json", env=PW,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    after = json.loads(done.stdout)
    assert (after["kind"], after["process"], after["action"]) == (
        "opportunity", line.process, line.action,
    )  # fmt: skip
    assert after["likelihood"] == 3
    missing = run_cli(
        "--db", demo_url, "--user", "reviewer", "iso", "risk", "review", "999",
        "--description", "x", "--likelihood", "1", "--impact", "1", "--review", review, env=PW,
    )  # fmt: skip
    assert missing.returncode == 1 and "999" in missing.stderr
