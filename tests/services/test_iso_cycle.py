"""The ISO cycle from the desk's own records: a change in a text the quality system rests
on marks the process documents that cite it, due three months later, until a new issue."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from isoqms.db.engine import Database
from isoqms.domain import clock
from isoqms.domain.documents import add_months
from isoqms.services import document_reviews, process_documents
from isoqms.services import documents as svc
from isoqms.services.iso_cycle import pending_legal_updates
from tests.helpers import login, run_cli
from tests.services.test_documents_attach import header_pdf

PW = {"ISOQMS_PASSWORD": "demo"}
CIVIL_STATUS = {f"QT-HT-0{n}" for n in range(1, 8)}


@pytest.fixture
def demo_url(demo_db: Database) -> str:
    return demo_db.url.render_as_string(hide_password=False)


def test_a_withdrawn_decree_marks_the_process_documents_citing_it(
    demo_db: Database, demo_url: str
) -> None:
    auditor, approver = login(demo_db, "auditor"), login(demo_db, "approver")
    assert pending_legal_updates(demo_db, auditor) == []
    # withdrawn from a day after the demo's new issues (approved today)
    changed = clock.today() + dt.timedelta(days=5)
    document_reviews.withdraw(
        demo_db, approver, "123/2015/NĐ-CP", on=changed, reason="Được thay thế bởi nghị định mới"
    )
    due = add_months(changed, 3)
    pending = pending_legal_updates(demo_db, auditor)
    assert {u.document for u in pending} == CIVIL_STATUS  # not the certification ones
    assert {(u.external, u.due, u.what) for u in pending} == {("123/2015/NĐ-CP", due, "withdrawn")}
    secretary = login(demo_db, "iso_secretary")
    todo = [r for r in document_reviews.reminders(demo_db, secretary) if r.what == "legal_update"]
    assert {r.code for r in todo} == CIVIL_STATUS
    # a new issue of QT-HT-01 brings it in line
    reviewer = login(demo_db, "reviewer")
    rev = svc.start_revision(demo_db, secretary, "QT-HT-01", change_summary="Căn cứ mới")
    process_documents.attach_generated(demo_db, secretary, rev.id)
    svc.submit(demo_db, secretary, rev.id, "demo")
    svc.review(demo_db, reviewer, rev.id, "demo", accept=True)
    with clock.travel(dt.datetime.combine(changed, dt.time(9))):  # approved after the change
        svc.approve(demo_db, approver, rev.id, "demo", effective_from=changed)
    left = {u.document for u in pending_legal_updates(demo_db, auditor)}
    assert left == CIVIL_STATUS - {"QT-HT-01"}
    # the command line says the same, overdue once the three months are past
    later = (due + dt.timedelta(days=1)).isoformat()
    result = run_cli(
        "--db", demo_url, "--user", "auditor", "iso", "legal-updates", "--as-of", later,
        "--json", env=PW,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert {r["document"] for r in rows} == left and all(r["overdue"] for r in rows)
    text = run_cli("--db", demo_url, "--user", "auditor", "iso", "legal-updates", env=PW)
    assert "QT-HT-02" in text.stdout and "123/2015/NĐ-CP" in text.stdout


def test_an_amended_decree_marks_the_documents_from_its_effective_date(
    demo_db: Database,
) -> None:
    """A new issue of 23/2015/NĐ-CP in the register, effective in ten days: the three
    certification process documents (issued before that day) owe an update."""
    secretary, reviewer, approver = (
        login(demo_db, name) for name in ("iso_secretary", "reviewer", "approver")
    )
    rev = svc.start_revision(
        demo_db, secretary, "23/2015/NĐ-CP", change_summary="Sửa đổi bởi nghị định mới"
    )
    svc.attach_file(demo_db, secretary, rev.id, "nd-23.pdf", header_pdf("23/2015/NĐ-CP", 2))
    svc.submit(demo_db, secretary, rev.id, "demo")
    svc.review(demo_db, reviewer, rev.id, "demo", accept=True)
    day = clock.today() + dt.timedelta(days=10)
    svc.approve(demo_db, approver, rev.id, "demo", effective_from=day)
    pending = pending_legal_updates(demo_db, login(demo_db, "auditor"))
    assert {u.document for u in pending} == {"QT-CT-01", "QT-CT-02", "QT-CT-03"}
    assert {(u.what, u.changed_on, u.due) for u in pending} == {
        ("amended", day, add_months(day, 3))
    }
