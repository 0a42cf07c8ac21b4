"""Document control: register, revisions, three signatures, in force by date, files."""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile

import pytest
from docx import Document as DocxDocument

from isoqms.db.engine import Database
from isoqms.domain import clock
from isoqms.domain.documents import DocumentKind
from isoqms.domain.errors import (
    AuthenticationError,
    Conflict,
    IntegrityBroken,
    PermissionDenied,
    ValidationError,
)
from isoqms.services import document_copies, document_reviews, files, procedures
from isoqms.services import documents as svc
from isoqms.services.uow import Actor
from tests.helpers import audit_count, login, raw_sql, run_cli

TODAY = clock.today()


def docx_bytes(text: str = "Quy trình kiểm soát tài liệu") -> bytes:
    doc = DocxDocument()
    doc.add_paragraph(text)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


@pytest.fixture
def people(demo_db: Database) -> dict[str, Actor]:
    return {
        r: login(demo_db, r)
        for r in ("iso_secretary", "reviewer", "approver", "clerk", "auditor", "admin")
    }


def issue(
    db: Database,
    people: dict[str, Actor],
    code: str = "QT-TEST-01",
    effective: dt.date = TODAY,
    *,
    create: bool = True,
    summary: str = "Ban hành lần đầu",
) -> svc.RevisionRow:
    secretary = people["iso_secretary"]
    if create:
        svc.create_document(
            db,
            secretary,
            kind=DocumentKind.PROCEDURE,
            code=code,
            title="Quy trình kiểm soát tài liệu",
            owner="Thư ký ISO",
        )
    rev = svc.start_revision(db, secretary, code, change_summary=summary)
    svc.attach_file(db, secretary, rev.id, "qt-kstl.docx", docx_bytes(summary))
    svc.submit(db, secretary, rev.id, "demo")
    svc.review(db, people["reviewer"], rev.id, "demo", accept=True)
    return svc.approve(db, people["approver"], rev.id, "demo", effective_from=effective)


def test_full_lifecycle_with_three_signatures(demo_db: Database, people: dict[str, Actor]) -> None:
    events = audit_count(demo_db)
    row = issue(demo_db, people)
    assert (row.issue, row.amendment, row.standing) == (1, 0, "effective")
    assert [s.meaning_label for s in row.signatures] == ["Soạn thảo", "Xem xét", "Phê duyệt"]
    assert [s.full_name for s in row.signatures] == [
        "Lê Thị Thu Hương",
        "Phạm Văn Đức",
        "Nguyễn Văn Hùng",
    ]
    assert len({s.content_hash for s in row.signatures}) == 1 == len({row.content_hash})
    assert audit_count(demo_db) > events
    listed = {r.code: r for r in svc.list_documents(demo_db, people["clerk"])}
    assert listed["QT-TEST-01"].issue == 1 and listed["QT-TEST-01"].standing == "effective"


def test_the_next_revision_supersedes_on_its_date(
    demo_db: Database, people: dict[str, Actor]
) -> None:
    issue(demo_db, people)
    future = TODAY + dt.timedelta(days=30)
    second = issue(demo_db, people, effective=future, create=False, summary="Sửa bước 3")
    assert second.issue == 2 and second.standing == "approved"
    history = svc.history(demo_db, people["auditor"], "QT-TEST-01")
    assert history[0].standing == "effective" and history[0].effective_to == future - dt.timedelta(
        days=1
    )
    later = svc.history(demo_db, people["auditor"], "QT-TEST-01", future)
    assert [r.standing for r in later] == ["superseded", "effective"]

    def issue_on(day: dt.date) -> int | None:
        rows = svc.list_documents(demo_db, people["auditor"], day)
        return next(r.issue for r in rows if r.code == "QT-TEST-01")

    assert (issue_on(TODAY), issue_on(future)) == (1, 2)


def test_the_three_person_rule_is_enforced_by_the_service(
    demo_db: Database, people: dict[str, Actor]
) -> None:
    secretary = people["iso_secretary"]
    svc.create_document(
        demo_db, secretary, kind="procedure", code="QT-DG-01", title="Quy trình đánh giá nội bộ"
    )
    rev = svc.start_revision(demo_db, secretary, "QT-DG-01", change_summary="Ban hành")
    svc.attach_file(demo_db, secretary, rev.id, "a.docx", docx_bytes())
    svc.submit(demo_db, secretary, rev.id, "demo")
    # one person with every role still cannot sign twice
    from isoqms.domain.roles import Role
    from isoqms.services import users

    users.set_roles(
        demo_db,
        people["admin"],
        "iso_secretary",
        [Role.ISO_SECRETARY, Role.REVIEWER, Role.APPROVER],
    )
    with pytest.raises(ValidationError, match="ba người khác nhau"):
        svc.review(demo_db, secretary, rev.id, "demo", accept=True)
    svc.review(demo_db, people["reviewer"], rev.id, "demo", accept=True)
    with pytest.raises(ValidationError, match="ba người khác nhau"):
        svc.approve(demo_db, secretary, rev.id, "demo", effective_from=TODAY)
    with pytest.raises(PermissionDenied):
        svc.approve(demo_db, people["reviewer"], rev.id, "demo", effective_from=TODAY)
    with pytest.raises(AuthenticationError, match="Mật khẩu xác nhận"):
        svc.approve(demo_db, people["approver"], rev.id, "sai", effective_from=TODAY)
    assert svc.history(demo_db, people["auditor"], "QT-DG-01")[0].state == "in_review"


@pytest.mark.parametrize("role", ["clerk", "auditor", "reviewer"])
def test_roles_without_drafting_cannot_draft(
    demo_db: Database, people: dict[str, Actor], role: str
) -> None:
    with pytest.raises(PermissionDenied):
        svc.create_document(demo_db, people[role], kind="procedure", code="QT-X-01", title="X")


def test_rejection_returns_to_draft_with_a_comment(
    demo_db: Database, people: dict[str, Actor]
) -> None:
    secretary = people["iso_secretary"]
    svc.create_document(
        demo_db, secretary, kind="instruction", code="HD-MC-01", title="Hướng dẫn tiếp nhận"
    )
    rev = svc.start_revision(demo_db, secretary, "HD-MC-01", change_summary="Ban hành")
    svc.attach_file(demo_db, secretary, rev.id, "hd.docx", docx_bytes())
    svc.submit(demo_db, secretary, rev.id, "demo")
    with pytest.raises(ValidationError, match="ý kiến"):
        svc.review(demo_db, people["reviewer"], rev.id, "demo", accept=False)
    back = svc.review(
        demo_db, people["reviewer"], rev.id, "demo", accept=False, comment="Bổ sung bước kiểm tra"
    )
    assert back.state == "draft" and back.review_comment == "Bổ sung bước kiểm tra"
    assert back.signatures == ()  # the earlier round's signatures no longer count
    svc.submit(demo_db, secretary, rev.id, "demo")
    svc.review(demo_db, people["reviewer"], rev.id, "demo", accept=True)
    done = svc.approve(demo_db, people["approver"], rev.id, "demo", effective_from=TODAY)
    assert [s.meaning for s in done.signatures] == ["drafted", "reviewed", "approved"]


def test_a_draft_is_checked_out_to_one_person(demo_db: Database, people: dict[str, Actor]) -> None:
    from isoqms.domain.roles import Role
    from isoqms.services import users

    users.add_user(
        demo_db,
        people["admin"],
        username="thuky2",
        full_name="Thư ký Hai",
        password="12345678",
        roles=[Role.ISO_SECRETARY],
    )
    other = login(demo_db, "thuky2", "12345678")
    secretary = people["iso_secretary"]
    svc.create_document(
        demo_db, secretary, kind="procedure", code="QT-HS-01", title="Quy trình kiểm soát hồ sơ"
    )
    rev = svc.start_revision(demo_db, secretary, "QT-HS-01", change_summary="Ban hành")
    with pytest.raises(Conflict, match="đang do Lê Thị Thu Hương giữ"):
        svc.attach_file(demo_db, other, rev.id, "x.docx", docx_bytes())
    svc.checkin(demo_db, secretary, rev.id)
    svc.checkout(demo_db, other, rev.id)
    svc.attach_file(demo_db, other, rev.id, "x.docx", docx_bytes())
    with pytest.raises(Conflict, match="đang có dự thảo"):
        svc.start_revision(demo_db, secretary, "QT-HS-01", change_summary="Lần 2")


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("a.docx", b"not a zip at all", "không phải tệp nén"),
        ("a.docx", docx_bytes()[:1500], "không phải tệp nén|hỏng"),
        (
            "a.docx",
            _zip({"[Content_Types].xml": b"<x/>", "word/document.xml": b"0" * 50_000_000}),
            "nghi tệp độc hại",
        ),
        ("a.docx", b"0" * (21 * 1024 * 1024), "quá lớn"),
        ("a.pdf", b"%PDF-1.4\n1 0 obj\n", "không phải PDF hoàn chỉnh"),
        ("a.exe", b"MZ", "chỉ nhận"),
        ("a.docx", _zip({"hello.txt": b"hi"}), "không phải tài liệu .docx"),
    ],
    ids=["not-zip", "truncated", "zip-bomb", "too-big", "truncated-pdf", "foreign", "not-docx"],
)
def test_damaged_files_are_refused_and_nothing_is_stored(
    demo_db: Database, people: dict[str, Actor], name: str, data: bytes, message: str
) -> None:
    secretary = people["iso_secretary"]
    svc.create_document(demo_db, secretary, kind="procedure", code="QT-T-01", title="Thử")
    rev = svc.start_revision(demo_db, secretary, "QT-T-01", change_summary="Ban hành")
    events = audit_count(demo_db)
    with pytest.raises(ValidationError, match=message):
        svc.attach_file(demo_db, secretary, rev.id, name, data)
    assert audit_count(demo_db) == events
    assert svc.history(demo_db, secretary, "QT-T-01")[0].file_sha256 is None


def test_stored_files_are_verified_on_read(demo_db: Database, people: dict[str, Actor]) -> None:
    row = issue(demo_db, people)
    assert row.file_sha256 is not None
    assert files.read_verified(demo_db, row.file_sha256).startswith(b"PK")
    if demo_db.backend == "postgresql":
        raw_sql(
            demo_db,
            "UPDATE stored_file SET content = decode('00', 'hex') "
            f"WHERE sha256 = '{row.file_sha256}'",
        )
    else:
        raw_sql(
            demo_db, f"UPDATE stored_file SET content = x'00' WHERE sha256 = '{row.file_sha256}'"
        )
    with pytest.raises(IntegrityBroken, match="đã bị thay đổi"):
        files.read_verified(demo_db, row.file_sha256)


def test_approving_a_process_document_puts_its_content_in_force_at_the_counter(
    demo_db: Database, people: dict[str, Actor]
) -> None:
    secretary = people["iso_secretary"]
    current = procedures.revision_in_force(demo_db, "1.004873", clock.now())
    changed = json.loads(json.dumps(current.content.to_dict()))
    changed["duration"] = {"unit": "days", "amount": 2}
    from isoqms.domain.procedure import ProcedureContent

    draft = procedures.add_revision(
        demo_db,
        secretary,
        "1.004873",
        ProcedureContent.from_dict(changed),
        dt.datetime.combine(TODAY, dt.time()),
        status="draft",
    )
    # the demo's process document for this procedure is QT-HT-03, issue 1
    effective = TODAY + dt.timedelta(days=7)
    rev = svc.start_revision(
        demo_db,
        secretary,
        "QT-HT-03",
        change_summary="Rút thời hạn",
        procedure_revision_id=draft.id,
    )
    svc.submit(demo_db, secretary, rev.id, "demo")
    svc.review(demo_db, people["reviewer"], rev.id, "demo", accept=True)
    week_before = dt.datetime.combine(effective - dt.timedelta(days=1), dt.time(9))
    assert (
        procedures.revision_in_force(demo_db, "1.004873", week_before).number == current.number
    )  # a draft changes nothing at the counter
    svc.approve(demo_db, people["approver"], rev.id, "demo", effective_from=effective)
    assert procedures.revision_in_force(demo_db, "1.004873", week_before).number == current.number
    on_the_day = dt.datetime.combine(effective, dt.time(9))
    in_force = procedures.revision_in_force(demo_db, "1.004873", on_the_day)
    assert in_force.id == draft.id and in_force.content.duration.amount == 2


def test_docs_cli(demo_db: Database, people: dict[str, Actor]) -> None:
    issue(demo_db, people)
    url = demo_db.url.render_as_string(hide_password=False)
    listed = run_cli(
        "--db", url, "--user", "auditor", "docs", "list", "--json", env={"ISOQMS_PASSWORD": "demo"}
    )
    assert listed.returncode == 0, listed.stderr
    rows = {r["code"]: r for r in json.loads(listed.stdout)}
    assert (rows["QT-TEST-01"]["issue"], rows["QT-TEST-01"]["standing"]) == (1, "effective")
    assert rows["BM.MC.2018.01"]["standing"] == "withdrawn"
    assert rows["QT-KSTL-01"]["issue"] == 2
    history = run_cli(
        "--db",
        url,
        "--user",
        "auditor",
        "docs",
        "history",
        "QT-TEST-01",
        "--json",
        env={"ISOQMS_PASSWORD": "demo"},
    )
    assert history.returncode == 0, history.stderr
    signatures = json.loads(history.stdout)[0]["signatures"]
    assert [s["meaning_label"] for s in signatures] == ["Soạn thảo", "Xem xét", "Phê duyệt"]
    missing = run_cli(
        "--db",
        url,
        "--user",
        "auditor",
        "docs",
        "history",
        "QT-KHONG-CO",
        env={"ISOQMS_PASSWORD": "demo"},
    )
    assert missing.returncode == 1 and "Không có tài liệu" in missing.stderr


def test_reminders_for_the_committee(demo_db: Database, people: dict[str, Actor]) -> None:
    day = dt.date(2026, 11, 24)
    due = {
        r.code
        for r in document_reviews.reminders(demo_db, people["auditor"], day)
        if r.what == "review_due"
    }
    assert "QT-KSTL-01" in due  # issue 2 effective 01/07/2025, reviewed every 12 months
    assert "60/2014/QH13" not in due  # external documents are not ours to review
    secretary = people["iso_secretary"]
    svc.create_document(demo_db, secretary, kind="procedure", code="QT-R-01", title="Thử")
    rev = svc.start_revision(demo_db, secretary, "QT-R-01", change_summary="Ban hành")
    svc.attach_file(demo_db, secretary, rev.id, "r.docx", docx_bytes())
    svc.submit(demo_db, secretary, rev.id, "demo")

    def waiting() -> list[str]:
        return [
            r.what
            for r in document_reviews.reminders(demo_db, people["auditor"], day)
            if r.code == "QT-R-01"
        ]

    assert waiting() == ["waiting_review"]
    svc.review(demo_db, people["reviewer"], rev.id, "demo", accept=True)
    assert waiting() == ["waiting_approval"]
    svc.approve(
        demo_db,
        people["approver"],
        rev.id,
        "demo",
        accept=False,
        comment="Sửa lại mục 2",
        effective_from=TODAY,
    )
    assert waiting() == ["returned_draft"]


def test_controlled_copies_are_numbered_acknowledged_and_recalled(
    demo_db: Database, people: dict[str, Actor], tmp_path: object
) -> None:
    from pathlib import Path

    from tests.helpers_pdf import pdf_text

    secretary = people["iso_secretary"]
    first = document_copies.distribute(demo_db, secretary, "QT-KSTL-01", "Bộ phận một cửa — Quầy 1")
    second = document_copies.distribute(
        demo_db, secretary, "QT-KSTL-01", "Phòng họp Ban chỉ đạo ISO"
    )
    assert (first.copy_no, second.copy_no, first.issue) == (1, 2, 2)
    document_copies.acknowledge(demo_db, secretary, first.id, "Đỗ Thị Ngọc Ánh")
    with pytest.raises(Conflict, match="đã được ký nhận"):
        document_copies.acknowledge(demo_db, secretary, first.id, "Đỗ Thị Ngọc Ánh")
    with pytest.raises(PermissionDenied):
        document_copies.distribute(demo_db, people["clerk"], "QT-KSTL-01", "Quầy 2")
    text = " ".join(
        pdf_text(
            document_copies.sign_sheet(demo_db, people["auditor"], "QT-KSTL-01"),
            Path(str(tmp_path)),
        ).split()
    )
    for expected in [
        "DANH SÁCH PHÂN PHỐI TÀI LIỆU",
        "QT-KSTL-01",
        "Bộ phận một cửa — Quầy 1",
        "Đỗ Thị Ngọc Ánh",
        "Phòng họp Ban chỉ đạo ISO",
        "Lần ban hành: 02",
    ]:
        assert expected in text, expected
    # a new issue takes effect: the copies of the old one must come back
    issue(demo_db, people, "QT-KSTL-01", create=False, summary="Lần 3")
    out = document_copies.copies(demo_db, people["auditor"], "QT-KSTL-01")
    assert [c.must_recall for c in out] == [True, True]
    document_copies.recall(demo_db, secretary, first.id)
    assert [c.must_recall for c in document_copies.copies(demo_db, secretary, "QT-KSTL-01")] == [
        False,
        True,
    ]
