"""Every lifecycle reaches its end: a procedure's content edited as the draft of its
process document and put in force by approval on its effective date; withdrawal; copies
signed for and recalled; the periodic review that finds a document still fit. Each by the
right person, refused for the wrong one, audited, and in the history."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import json
from pathlib import Path

import pytest
from docx import Document as DocxDocument

from isoqms.db.engine import Database
from isoqms.domain import clock
from isoqms.domain.calendar import Duration
from isoqms.domain.documents import add_months
from isoqms.domain.dossier import Channel
from isoqms.domain.errors import Conflict, PermissionDenied, ValidationError
from isoqms.services import (
    document_copies,
    document_reviews,
    intake,
    procedures,
    process_documents,
)
from isoqms.services import documents as svc
from isoqms.services.intake import Applicant, IntakeDraft
from isoqms.services.uow import Actor
from tests.helpers import audit_count, login, run_cli
from tests.helpers_pdf import pdf_text
from tests.services.test_document_import import header_docx

PW = {"ISOQMS_PASSWORD": "demo"}


@pytest.fixture
def people(demo_db: Database) -> dict[str, Actor]:
    roles = ("iso_secretary", "reviewer", "approver", "clerk", "auditor")
    return {r: login(demo_db, r) for r in roles}


def _receive(db: Database, clerk: Actor, at: dt.datetime) -> intake.DossierView:
    with clock.travel(at):
        return intake.receive(db, clerk, IntakeDraft("1.001193", Applicant("Lê Thị Mai")))


def test_edited_content_is_in_force_from_the_effective_date(
    demo_db: Database, people: dict[str, Actor]
) -> None:
    """The secretary shortens the time and adds a copy of a paper in QT-HT-01's draft; the
    counter keeps the old content until the approved effective date, then uses the new."""
    secretary, reviewer, approver = (
        people["iso_secretary"],
        people["reviewer"],
        people["approver"],
    )
    old = procedures.latest_revision(demo_db, "1.001193").content
    draft = svc.start_revision(demo_db, secretary, "QT-HT-01", change_summary="Rút ngắn thời hạn")
    # a new draft starts from the content in force: the process document can be generated
    assert process_documents.draft_content(demo_db, secretary, draft.id).content == old
    papers = list(old.papers)
    papers[0] = dataclasses.replace(papers[0], copies=papers[0].copies + 1)
    new = dataclasses.replace(old, duration=Duration.days(2), papers=tuple(papers))
    shown = process_documents.set_draft_content(demo_db, secretary, draft.id, new)
    assert {c.what for c in shown.changes} == {"Thời hạn giải quyết", "Thành phần hồ sơ số 1"}
    # the counter still sees the old content while the draft goes round
    assert procedures.revision_in_force(demo_db, "1.001193", clock.now()).content == old
    process_documents.attach_generated(demo_db, secretary, draft.id)
    svc.submit(demo_db, secretary, draft.id, "demo")
    svc.review(demo_db, reviewer, draft.id, "demo", accept=True)
    day = dt.date(2026, 12, 3)
    svc.approve(demo_db, approver, draft.id, "demo", effective_from=day)

    before = _receive(demo_db, people["clerk"], dt.datetime(2026, 12, 2, 9, 0))
    after = _receive(demo_db, people["clerk"], dt.datetime(2026, 12, 3, 9, 0))
    assert before.duration_text == old.duration_text
    assert after.duration_text.startswith("02 ngày làm việc")
    assert after.revision_number > before.revision_number
    # the document's history names the three signers of the new issue
    issued = svc.history(demo_db, people["auditor"], "QT-HT-01")[-1]
    assert [s.meaning for s in issued.signatures] == ["drafted", "reviewed", "approved"]
    assert len({s.full_name for s in issued.signatures}) == 3


def test_calendar_days_and_an_online_fee_reach_the_counter(
    demo_db: Database, people: dict[str, Actor], tmp_path: Path
) -> None:
    """A limit in days (rest days included) and a reduced online fee, edited in the draft
    and approved, give the counter's appointment and the slip's fee from the effective
    date: 15 days from Friday 18/12/2026 end on Saturday 02/01/2027, so the dossier is
    due on Monday 04/01/2027."""
    secretary = people["iso_secretary"]
    old = procedures.latest_revision(demo_db, "1.001193").content
    draft = svc.start_revision(demo_db, secretary, "QT-HT-01", change_summary="Thời hạn 15 ngày")
    new = dataclasses.replace(
        old, duration=Duration.calendar_days(15), cutoff=None, fee_online="Miễn phí trực tuyến"
    )
    changes = process_documents.set_draft_content(demo_db, secretary, draft.id, new).changes
    assert {c.what for c in changes} >= {"Thời hạn giải quyết", "Phí, lệ phí nộp trực tuyến"}
    process_documents.attach_generated(demo_db, secretary, draft.id)
    svc.submit(demo_db, secretary, draft.id, "demo")
    svc.review(demo_db, people["reviewer"], draft.id, "demo", accept=True)
    day = dt.date(2026, 12, 18)
    with clock.travel(dt.datetime(2026, 12, 17, 9, 0)):
        svc.approve(demo_db, people["approver"], draft.id, "demo", effective_from=day)
    with clock.travel(dt.datetime(2026, 12, 18, 9, 0)):
        online = intake.receive(
            demo_db,
            people["clerk"],
            IntakeDraft("1.001193", Applicant("Lê Thị Mai"), channel=Channel.ONLINE),
        )
    assert online.duration_text == "15 ngày"
    assert online.appointment == dt.datetime(2027, 1, 4, 17, 0)
    slip = intake.receipt_printout(demo_db, people["clerk"], online.code).pdf
    assert "Miễn phí trực tuyến" in " ".join(pdf_text(slip, tmp_path).split())


def test_content_is_edited_only_in_a_draft_by_its_holder(
    demo_db: Database, people: dict[str, Actor]
) -> None:
    secretary = people["iso_secretary"]
    content = procedures.latest_revision(demo_db, "1.001193").content
    draft = svc.start_revision(demo_db, secretary, "QT-HT-01", change_summary="Sửa")
    with pytest.raises(PermissionDenied):
        process_documents.set_draft_content(demo_db, people["reviewer"], draft.id, content)
    process_documents.set_draft_content(demo_db, secretary, draft.id, content)
    svc.submit(demo_db, secretary, draft.id, "demo")
    with pytest.raises(Conflict):
        process_documents.set_draft_content(demo_db, secretary, draft.id, content)
    current = svc.history(demo_db, secretary, "QT-HT-01")[0]
    with pytest.raises(Conflict):  # an approved revision is never edited
        process_documents.set_draft_content(demo_db, secretary, current.id, content)


def test_procedures_draft_from_a_file_and_generate_the_draft(
    demo_url: str, demo_db: Database, tmp_path: Path
) -> None:
    exported = tmp_path / "p.json"
    cli = ("--db", demo_url, "--user", "iso_secretary")
    assert (
        run_cli(*cli, "procedures", "export", str(exported), "--code", "1.001193").returncode == 0
    )
    data = json.loads(exported.read_text(encoding="utf-8"))
    data["procedures"][0]["revisions"][-1]["content"]["fee"] = "Miễn lệ phí"
    changed = tmp_path / "p2.json"
    changed.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    result = run_cli(*cli, "procedures", "draft", "1.001193", "--content", str(changed), env=PW)
    assert result.returncode == 0, result.stderr
    assert "Phí, lệ phí" in result.stdout and "Miễn lệ phí" in result.stdout
    as_json = run_cli(
        *cli, "procedures", "draft", "1.001193", "--content", str(changed), "--json", env=PW
    )
    assert json.loads(as_json.stdout)["code"] == "QT-HT-01"
    out = tmp_path / "draft.docx"
    generated = run_cli(*cli, "docs", "generate", "QT-HT-01", "--out", str(out), env=PW)
    assert generated.returncode == 0, generated.stderr
    from docx import Document

    text = "\n".join(
        cell.text
        for table in Document(str(out)).sections[0].header.tables
        for row in table.rows
        for cell in row.cells
    )
    assert "DỰ THẢO" in text and "Lần ban hành: 02" in text
    first = tmp_path / "first.docx"
    assert (
        run_cli(
            *cli, "docs", "generate", "QT-HT-01", "--revision", "1", "--out", str(first), env=PW
        )
    ).returncode == 0
    missing = run_cli(
        *cli, "docs", "generate", "QT-HT-01", "--revision", "7", "--out", str(first), env=PW
    )
    assert missing.returncode == 1 and "lần ban hành 7" in missing.stderr
    # a file naming no such procedure changes nothing
    before = audit_count(demo_db)
    wrong = run_cli(*cli, "procedures", "draft", "1.000001", "--content", str(changed), env=PW)
    assert wrong.returncode == 1 and "Traceback" not in wrong.stderr
    assert audit_count(demo_db) == before


def test_withdraw_is_the_approvers_and_copies_become_to_recall(
    demo_db: Database, people: dict[str, Actor]
) -> None:
    secretary, approver = people["iso_secretary"], people["approver"]
    copy = document_copies.distribute(demo_db, secretary, "QT-HT-02", "Tổ một cửa")
    before = audit_count(demo_db)
    with pytest.raises(PermissionDenied):
        document_reviews.withdraw(demo_db, secretary, "QT-HT-02", reason="Bãi bỏ")
    with pytest.raises(ValidationError):
        document_reviews.withdraw(demo_db, approver, "QT-HT-02", reason=" ")
    with pytest.raises(ValidationError):
        document_reviews.withdraw(
            demo_db, approver, "QT-HT-02", on=dt.date(2026, 11, 30), reason="Bãi bỏ"
        )
    assert audit_count(demo_db) == before
    row = document_reviews.withdraw(demo_db, approver, "QT-HT-02", reason="Thủ tục bị bãi bỏ")
    assert row.standing == "withdrawn" and row.withdrawn_on == clock.today()
    assert row.review_comment == "Thủ tục bị bãi bỏ"
    with pytest.raises(Conflict, match="đã thu hồi"):
        document_reviews.withdraw(demo_db, approver, "QT-HT-02", reason="Lần nữa")
    (out,) = document_copies.copies(demo_db, secretary, "QT-HT-02")
    assert out.must_recall
    todo = document_reviews.reminders(demo_db, secretary)
    assert any(r.what == "recall_copy" and r.code == "QT-HT-02" for r in todo)
    with pytest.raises(PermissionDenied):
        document_copies.recall(demo_db, people["reviewer"], copy.id)
    document_copies.recall(demo_db, secretary, copy.id)
    with pytest.raises(Conflict):
        document_copies.recall(demo_db, secretary, copy.id)
    with pytest.raises(Conflict, match="đã thu hồi"):
        document_copies.acknowledge(demo_db, secretary, copy.id)
    todo = document_reviews.reminders(demo_db, secretary)
    assert not any(r.code == "QT-HT-02" and r.what == "recall_copy" for r in todo)


def test_withdrawing_stops_an_issue_approved_for_later_too(
    demo_db: Database, people: dict[str, Actor]
) -> None:
    """The demo's QT-HT-07 has issue 02 in force and issue 03 approved for next month:
    withdrawn today, it must not come back into force when issue 03's day comes."""
    approver, auditor = people["approver"], people["auditor"]
    svc_rows = svc.history(demo_db, auditor, "QT-HT-07")
    assert [r.standing for r in svc_rows[-2:]] == ["effective", "approved"]
    document_reviews.withdraw(demo_db, approver, "QT-HT-07", reason="Thủ tục bị bãi bỏ")
    later = svc_rows[-1].effective_from
    assert later is not None
    for day in (clock.today(), later, later + dt.timedelta(days=400)):
        rows = svc.history(demo_db, auditor, "QT-HT-07", day)
        assert [r.standing for r in rows[-2:]] == ["withdrawn", "withdrawn"], day
        assert not any(r.standing == "effective" for r in rows)


def test_a_withdrawn_process_document_closes_its_procedure_at_the_counter(
    demo_db: Database, people: dict[str, Actor]
) -> None:
    """QT-HT-04 withdrawn (the death registration procedure no longer this desk's) from
    a day: dossiers of 1.000656 are received before it, refused from it."""
    day = clock.today() + dt.timedelta(days=7)
    document_reviews.withdraw(
        demo_db, people["approver"], "QT-HT-04", on=day, reason="Chuyển thẩm quyền"
    )
    clerk = people["clerk"]
    before = dt.datetime.combine(day - dt.timedelta(days=1), dt.time(9, 0))
    with clock.travel(before):
        intake.receive(demo_db, clerk, IntakeDraft("1.000656", Applicant("Trần Văn Bình")))
    count = audit_count(demo_db)
    refused = pytest.raises(ValidationError, match=r"QT-HT-04.*đã thu hồi")
    with clock.travel(dt.datetime.combine(day, dt.time(9, 0))), refused:
        intake.receive(demo_db, clerk, IntakeDraft("1.000656", Applicant("Trần Văn Bình")))
    assert audit_count(demo_db) == count


def test_acknowledgement_defaults_to_the_holder(
    demo_db: Database, people: dict[str, Actor]
) -> None:
    secretary = people["iso_secretary"]
    copy = document_copies.distribute(demo_db, secretary, "QT-HT-03", "Công chức tư pháp")
    assert any(r.what == "acknowledge_copy" for r in document_reviews.reminders(demo_db, secretary))
    with pytest.raises(PermissionDenied):
        document_copies.acknowledge(demo_db, people["clerk"], copy.id)
    document_copies.acknowledge(demo_db, secretary, copy.id)
    seen = document_copies.copy_numbered(demo_db, secretary, "QT-HT-03", copy.copy_no)
    assert seen.acknowledged_by == "Công chức tư pháp" and seen.acknowledged_at is not None
    with pytest.raises(Conflict):
        document_copies.acknowledge(demo_db, secretary, copy.id, "Người khác")


def test_a_periodic_review_with_no_change_restarts_the_period(
    demo_db: Database, people: dict[str, Actor]
) -> None:
    due = {r.code for r in document_reviews.reminders(demo_db, people["auditor"])}
    assert "QT-HT-03" in due  # effective 01/07/2025, reviewed every 12 months
    with pytest.raises(PermissionDenied):
        document_reviews.review_no_change(
            demo_db, people["iso_secretary"], "QT-HT-03", "demo", note="Phù hợp"
        )
    with pytest.raises(ValidationError):
        document_reviews.review_no_change(demo_db, people["reviewer"], "QT-HT-03", "demo", note="")
    row = document_reviews.review_no_change(
        demo_db, people["reviewer"], "QT-HT-03", "demo", note="Vẫn phù hợp Nghị định 123"
    )
    assert row.signatures[-1].meaning == "periodic"
    assert row.periodic_notes == ("Vẫn phù hợp Nghị định 123",)
    todo = document_reviews.reminders(demo_db, people["auditor"])
    assert not any(r.code == "QT-HT-03" and r.what == "review_due" for r in todo)
    a_year_on = add_months(clock.today(), 12)
    before = document_reviews.reminders(demo_db, people["auditor"], a_year_on - dt.timedelta(1))
    assert not any(r.code == "QT-HT-03" and r.what == "review_due" for r in before)
    next_year = document_reviews.reminders(demo_db, people["auditor"], a_year_on)
    assert any(r.code == "QT-HT-03" and r.what == "review_due" for r in next_year)
    # the approver may record one too; the process document's signature block does not
    # show periodic reviews (it names who drafted, reviewed and approved the issue)
    row = document_reviews.review_no_change(
        demo_db, people["approver"], "QT-HT-03", "demo", note="Ổn"
    )
    assert [(s.meaning, s.full_name) for s in row.signatures[-2:]] == [
        ("periodic", "Phạm Văn Đức"),
        ("periodic", "Nguyễn Văn Hùng"),
    ]
    assert row.periodic_notes == ("Vẫn phù hợp Nghị định 123", "Ổn")
    data = process_documents.process_document(demo_db, people["auditor"], "QT-HT-03")
    names = [c.text for c in DocxDocument(io.BytesIO(data)).tables[0].rows[1].cells]
    assert names == ["Họ và tên", "", "", ""]  # signed on paper; periodic reviews not here


def test_stock_forms_are_not_overdue_on_a_fresh_install(demo_db: Database) -> None:
    """Loaded today, a stock form is first due for review a period from today, not from
    the date in the law that issued it (15/01/2024). (The demo's template is made today:
    at the pinned moment every test starts at.)"""
    db = demo_db
    secretary = login(db, "iso_secretary")
    due = [r for r in document_reviews.reminders(db, secretary) if r.what == "review_due"]
    assert not [r for r in due if r.code.startswith("BM")]
    later = document_reviews.reminders(db, secretary, dt.date(2027, 12, 2))
    assert any(r.code == "BM-KSTL-01" and r.what == "review_due" for r in later)


def test_lifecycle_commands(demo_url: str) -> None:
    def run(user: str, *args: str) -> tuple[int, str, str]:
        result = run_cli("--db", demo_url, "--user", user, "docs", *args, env=PW)
        assert "Traceback" not in result.stderr
        return result.returncode, result.stdout, result.stderr

    code, out, _ = run("iso_secretary", "distribute", "QT-HT-04", "--to", "Tổ một cửa", "--json")
    assert code == 0 and json.loads(out)["copy_no"] == 1
    assert run("reviewer", "ack", "QT-HT-04", "--copy", "1")[0] == 1
    code, out, _ = run("iso_secretary", "ack", "QT-HT-04", "--copy", "1", "--by", "Trần Văn B")
    assert code == 0 and "Trần Văn B" in out
    code, _, err = run("iso_secretary", "ack", "QT-HT-04", "--copy", "9")
    assert code == 1 and "số 9" in err
    code, _, err = run("iso_secretary", "withdraw", "QT-HT-04", "--reason", "Bãi bỏ")
    assert code == 1 and "quyền" in err
    code, out, _ = run("approver", "withdraw", "QT-HT-04", "--reason", "Bãi bỏ")
    assert code == 0 and "01/12/2026" in out
    code, out, _ = run("iso_secretary", "copies", "QT-HT-04", "--json")
    assert json.loads(out)[0]["must_recall"] is True
    assert run("iso_secretary", "recall", "QT-HT-04", "--copy", "1")[0] == 0
    code, out, _ = run("auditor", "copies", "QT-HT-04")
    assert "đã thu hồi" in out
    code, out, _ = run("auditor", "list")
    assert any("QT-HT-04" in line and "Đã thu hồi" in line for line in out.splitlines())
    code, out, _ = run("reviewer", "review", "QT-HT-05", "--no-change", "--note", "Còn phù hợp")
    assert code == 0
    code, out, _ = run("auditor", "history", "QT-HT-05", "--json")
    rows = json.loads(out)
    assert rows[-1]["periodic_notes"][-1] == "Còn phù hợp"  # after the demo's own review
    assert rows[-1]["signatures"][-1]["meaning"] == "periodic"
    code, out, _ = run("auditor", "history", "QT-HT-04")
    assert "Thu hồi từ 01/12/2026: Bãi bỏ" in out
    assert run("iso_secretary", "review", "QT-HT-05", "--no-change", "--note", "x")[0] == 1
    assert run("reviewer", "review", "QT-HT-05", "--note", "x")[0] == 1


@pytest.fixture
def demo_url(demo_db: Database) -> str:
    return demo_db.url.render_as_string(hide_password=False)


def test_the_demo_is_a_document_set_in_use(demo_url: str, demo_db: Database) -> None:
    """The demo's documents went through the program: process documents drafted, reviewed
    and approved by three different people, an issue approved for next month, a draft in
    review and one sent back, copies signed for and recalled, a withdrawn document, and
    the things to do are few and real."""
    cli = ("--db", demo_url, "--user", "auditor")
    listed = run_cli(*cli, "docs", "list", "--json", env=PW)
    assert listed.returncode == 0, listed.stderr
    rows = json.loads(listed.stdout)
    process = [r["code"] for r in rows if r["code"].startswith("QT-") and "-" in r["code"][3:]]
    signed_by_three = []
    for code in process:
        history = json.loads(run_cli(*cli, "docs", "history", code, "--json", env=PW).stdout)
        for rev in history:
            signers = {
                s["meaning"]: s["full_name"]
                for s in rev["signatures"]
                if s["meaning"] in ("drafted", "reviewed", "approved")
            }
            if len(signers) == 3 and len(set(signers.values())) == 3:
                signed_by_three.append(code)
                break
    assert len(set(signed_by_three)) >= 5, signed_by_three
    text = run_cli(*cli, "docs", "list", env=PW).stdout
    assert any(
        line.startswith("61/2018/NĐ-CP") and "Đã thu hồi" in line for line in text.splitlines()
    )
    copies = json.loads(run_cli(*cli, "docs", "copies", "QT-CT-01", "--json", env=PW).stdout)
    assert [bool(c["recalled_at"]) for c in copies] == [True, False, False]
    auditor = login(demo_db, "auditor")
    reminders = document_reviews.reminders(demo_db, auditor)
    assert 3 <= len(reminders) <= 8
    assert {r.what for r in reminders} >= {"waiting_review", "returned_draft", "review_due"}


def test_a_new_issue_through_the_command_line(demo_url: str, tmp_path: Path) -> None:
    """Draft, file, the three signatures and a send-back, each by its own person, without
    the window; the wrong person or step is refused in one Vietnamese line."""

    def run(user: str, *args: str) -> tuple[int, str, str]:
        result = run_cli("--db", demo_url, "--user", user, "docs", *args, env=PW)
        assert "Traceback" not in result.stderr
        if result.returncode:
            assert len(result.stderr.strip().splitlines()) == 1, result.stderr
        return result.returncode, result.stdout, result.stderr

    code, out, _ = run("iso_secretary", "start", "QT-HT-05", "--summary", "Sửa bước 2")
    assert code == 0 and "QT-HT-05 lần 2.0" in out
    assert run("reviewer", "start", "QT-HT-05", "--summary", "x")[0] == 1
    own = tmp_path / "qt-ht-04.docx"
    own.write_bytes(header_docx("QT-HT-04", "Khai tử", 2))
    code, _, err = run("iso_secretary", "attach", "QT-HT-05", str(own))
    assert code == 1 and "QT-HT-04" in err and "QT-HT-05" in err
    assert run("iso_secretary", "attach", "QT-HT-05")[0] == 1  # neither file nor --generated
    code, out, _ = run("iso_secretary", "attach", "QT-HT-05", "--generated")
    assert code == 0 and "QT-HT-05-lan-02.docx" in out
    assert run("reviewer", "submit", "QT-HT-05")[0] == 1
    assert run("iso_secretary", "submit", "QT-HT-05")[0] == 0
    code, _, err = run("approver", "approve", "QT-HT-05", "--effective", "2030-01-01")
    assert code == 1 and "xem xét" in err
    assert run("iso_secretary", "review", "QT-HT-05", "--accept")[0] == 1
    assert run("reviewer", "review", "QT-HT-05", "--accept", "--comment", "Đồng ý")[0] == 0
    day = clock.today() + dt.timedelta(days=3)
    code, out, _ = run("approver", "approve", "QT-HT-05", "--effective", day.isoformat(), "--json")
    assert code == 0 and json.loads(out)["effective_from"] == day.isoformat()
    history = json.loads(run("auditor", "history", "QT-HT-05", "--json")[1])
    assert [s["meaning"] for s in history[-1]["signatures"]] == ["drafted", "reviewed", "approved"]
    # an issue may not take effect before one approved already
    run("iso_secretary", "start", "QT-HT-05", "--summary", "Sửa nữa")
    run("iso_secretary", "attach", "QT-HT-05", "--generated")
    run("iso_secretary", "submit", "QT-HT-05")
    run("reviewer", "review", "QT-HT-05", "--accept")
    code, _, err = run("approver", "approve", "QT-HT-05", "--effective", clock.today().isoformat())
    assert code == 1 and f"{day:%d/%m/%Y}" in err
    # the approver sends it back at the step it is at
    code, out, _ = run("approver", "send-back", "QT-HT-05", "--comment", "Chọn ngày khác")
    assert code == 0 and "Dự thảo" in out
    assert json.loads(run("auditor", "history", "QT-HT-05", "--json")[1])[-1]["state"] == "draft"
