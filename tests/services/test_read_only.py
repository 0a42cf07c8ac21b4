"""Read-only by construction: every service operation that changes anything refuses the
auditor — whatever calls it — and changes nothing. The list of operations is checked
against the code, so a new write service cannot be forgotten here."""

from __future__ import annotations

import ast
import datetime as dt
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import text

from isoqms.db.engine import Database
from isoqms.domain import clock
from isoqms.domain.calendar import DayKind
from isoqms.domain.documents import DocumentKind
from isoqms.domain.errors import PermissionDenied
from isoqms.domain.journey import Action
from isoqms.domain.roles import GRANTS, READ_ONLY, Permission, Role
from isoqms.services import (
    backup,
    calendar,
    document_copies,
    document_reviews,
    documents,
    dossier_papers,
    existing_documents,
    findings,
    intake,
    internal_audit,
    iso_cycle,
    journey,
    management_review,
    objectives,
    printed_copies,
    printing,
    procedures,
    process_documents,
    records,
    risks,
    signatures,
    unit,
    users,
)
from isoqms.services.calendar import CalendarEntry
from isoqms.services.existing_documents import ExistingDocument
from isoqms.services.intake import Applicant, IntakeDraft, NoticeDraft
from isoqms.services.objectives import ObjectiveDraft
from isoqms.services.records import RecordTypeDraft
from isoqms.services.uow import Actor, write
from tests.helpers import ROOT, login
from tests.services.test_documents import docx_bytes

NOW = dt.datetime(2026, 11, 23, 9, 30)
ANH = Applicant("Nguyễn Thị Ánh", id_number="001190012345")
#: An auditor may still log in (the login is recorded) and change their own password:
#: both are the person's own account, no record of the commune's work. Writing down a
#: checkpoint of the log records only that it was made (an auditor's own evidence).
SELF_SERVICE = {
    "users.authenticate",
    "users.change_own_password",
    "anchors.make",
    "anchors.save",  # a checkpoint written to files, then noted
    "signatures.set_user_choice",  # one's own token, as one's own password
}

Op = Callable[[Database, Actor, dict[str, object]], object]

OPERATIONS: dict[str, Op] = {
    "signatures.trust_add": lambda db, a, k: signatures.trust_add(db, a, b"not a certificate"),
    "signatures.trust_remove": lambda db, a, k: signatures.trust_remove(db, a, "0123456789ab"),
    "signatures.set_unit_signing": lambda db, a, k: signatures.set_unit_signing(
        db, a, signatures.UnitSigning()
    ),
    "calendar.set_entry": lambda db, a, k: calendar.set_entry(
        db, a, CalendarEntry(dt.date(2026, 12, 24), DayKind.OFF, "Nghỉ bù")
    ),
    "calendar.remove_entry": lambda db, a, k: calendar.remove_entry(db, a, dt.date(2026, 9, 2)),
    "calendar.import_entries": lambda db, a, k: calendar.import_entries(
        db, a, "date,kind,name,source\n2026-12-24,off,Nghỉ bù,\n"
    ),
    "documents.create_document": lambda db, a, k: documents.create_document(
        db, a, kind=DocumentKind.PROCEDURE, code="QT-X-01", title="Quy trình X"
    ),
    "documents.start_revision": lambda db, a, k: documents.start_revision(
        db, a, "QT-KSTL-01", change_summary="Sửa"
    ),
    "documents.checkout": lambda db, a, k: documents.checkout(db, a, k["draft"]),  # type: ignore[arg-type]
    "documents.checkin": lambda db, a, k: documents.checkin(db, a, k["draft"]),  # type: ignore[arg-type]
    "documents.attach_file": lambda db, a, k: documents.attach_file(
        db,
        a,
        k["draft"],
        "x.docx",
        docx_bytes(),  # type: ignore[arg-type]
    ),
    "process_documents.attach_generated": lambda db, a, k: process_documents.attach_generated(
        db, a, k["draft"]
    ),  # type: ignore[arg-type]
    "documents.submit": lambda db, a, k: documents.submit(db, a, k["draft"], "demo"),  # type: ignore[arg-type]
    "documents.review": lambda db, a, k: documents.review(db, a, k["draft"], "demo", accept=True),  # type: ignore[arg-type]
    "documents.approve": lambda db, a, k: documents.approve(
        db,
        a,
        k["draft"],
        "demo",
        effective_from=clock.today(),  # type: ignore[arg-type]
    ),
    "iso_cycle.declare": lambda db, a, k: iso_cycle.declare(db, a, "999/QĐ-UBND"),
    "risks.add_risk": lambda db, a, k: risks.add_risk(
        db, a, risks.RiskDraft("Thử", 1, 1, "", clock.today() + dt.timedelta(days=1))
    ),
    "risks.review_risk": lambda db, a, k: risks.review_risk(
        db, a, 1, risks.RiskDraft("Thử", 1, 1, "", clock.today() + dt.timedelta(days=1))
    ),
    "findings.raise_finding": lambda db, a, k: findings.raise_finding(
        db, a, findings.FindingDraft("nonconformity", "Thử")
    ),
    "findings.plan_action": lambda db, a, k: findings.plan_action(
        db,
        a,
        "PH-2026-03",
        findings.ActionPlan("", "", "Thử", "clerk", clock.today() + dt.timedelta(days=1)),
    ),
    "findings.record_done": lambda db, a, k: findings.record_done(db, a, "PH-2026-02", "Thử"),
    "findings.verify": lambda db, a, k: findings.verify(
        db, a, "PH-2026-02", effective=True, note="Thử"
    ),
    "findings.close_finding": lambda db, a, k: findings.close_finding(db, a, "PH-2026-03", "Thử"),
    "internal_audit.plan_audit": lambda db, a, k: internal_audit.plan_audit(
        db, a, internal_audit.AuditPlan("Thử", ("QT-HT-01",), clock.today(), "internal_auditor")
    ),
    "internal_audit.approve_programme": lambda db, a, k: internal_audit.approve_programme(
        db, a, clock.today().year
    ),
    "internal_audit.answer": lambda db, a, k: internal_audit.answer(
        db, a, "DG-2026-01", 1, internal_audit.Answer("conform")
    ),
    "internal_audit.close_audit": lambda db, a, k: internal_audit.close_audit(
        db, a, "DG-2026-01", "Thử"
    ),
    "management_review.record_review": lambda db, a, k: management_review.record_review(
        db, a, management_review.ReviewRecord(clock.today(), "Thử", "Thử", "Thử")
    ),
    "management_review.approve_review": lambda db, a, k: management_review.approve_review(
        db, a, "XX-2026-01"
    ),
    "document_reviews.withdraw": lambda db, a, k: document_reviews.withdraw(
        db, a, "QT-KSTL-01", on=clock.today(), reason="Thử"
    ),
    "documents.set_form_texts": lambda db, a, k: documents.set_form_texts(db, a, k["draft"], {}),  # type: ignore[arg-type]
    "existing_documents.import_existing": lambda db, a, k: existing_documents.import_existing(
        db,
        a,
        [
            ExistingDocument(
                DocumentKind.PROCEDURE, "QT-Y-01", "Quy trình Y", 1, dt.date(2025, 1, 1)
            )
        ],
    ),
    "document_reviews.review_no_change": lambda db, a, k: document_reviews.review_no_change(
        db, a, "QT-KSTL-01", "demo", note="Còn phù hợp"
    ),
    "process_documents.set_draft_content": lambda db, a, k: process_documents.set_draft_content(
        db,
        a,
        k["draft"],  # type: ignore[arg-type]
        procedures.latest_revision(db, "1.001193").content,
    ),
    "document_copies.distribute": lambda db, a, k: document_copies.distribute(
        db, a, "QT-KSTL-01", "Văn thư"
    ),
    "document_copies.acknowledge": lambda db, a, k: document_copies.acknowledge(
        db, a, k["copy"], "Ai đó"
    ),  # type: ignore[arg-type]
    "document_copies.recall": lambda db, a, k: document_copies.recall(db, a, k["copy"]),  # type: ignore[arg-type]
    "dossier_papers.print_paper": lambda db, a, k: dossier_papers.print_paper(
        db,
        a,
        k["dossier"],
        "control",  # type: ignore[arg-type]
    ),
    "intake.receive": lambda db, a, k: intake.receive(
        db, a, IntakeDraft("1.001193", ANH, received_at=NOW), now=NOW
    ),
    "intake.print_receipt": lambda db, a, k: intake.print_receipt(db, a, k["dossier"]),  # type: ignore[arg-type]
    "intake.receive_and_draw": lambda db, a, k: intake.receive_and_draw(
        db, a, IntakeDraft("1.001193", Applicant("Lê Văn An"))
    ),
    "printing.log": lambda db, a, k: printing.log(
        db,
        a,
        intake.receipt_printout(db, a, k["dossier"]),  # type: ignore[arg-type]
        purpose="print",
    ),
    "intake.issue_notice": lambda db, a, k: intake.issue_notice(
        db, a, NoticeDraft("refusal", "1.001193", ANH, "Không thuộc thẩm quyền"), now=NOW
    ),
    "intake.print_notice": lambda db, a, k: intake.print_notice(db, a, k["notice"]),  # type: ignore[arg-type]
    "journey.act": lambda db, a, k: journey.act(
        db,
        a,
        k["dossier"],
        Action.CANCEL,
        journey.ActionInput(reason="Rút hồ sơ"),  # type: ignore[arg-type]
    ),
    "objectives.add": lambda db, a, k: objectives.add(
        db, a, ObjectiveDraft("Đúng hạn", "on_time_rate", 99.0)
    ),
    "objectives.retire": lambda db, a, k: objectives.retire(db, a, 1, "Thôi"),
    "printed_copies.print_copy": lambda db, a, k: printed_copies.print_copy(
        db,
        a,
        k["current"],
        k["copy"],  # type: ignore[arg-type]
    ),
    "procedures.import_portal_list": lambda db, a, k: procedures.import_portal_list(
        db, a, (ROOT / "tests" / "data" / "danh-sach-tthc-BoTuPhap.xlsx").read_bytes()
    ),
    "procedures.import_content": lambda db, a, k: procedures.import_content(
        db, a, procedures.export_content(db, ["1.001193"])
    ),
    "procedures.add_revision": lambda db, a, k: procedures.add_revision(
        db,
        a,
        "1.001193",
        procedures.latest_revision(db, "1.001193").content,
        dt.datetime(2027, 1, 1),
    ),
    "records.add_record_type": lambda db, a, k: records.add_record_type(
        db, a, RecordTypeDraft("Sổ mới", "Văn thư", 10)
    ),
    "records.change_record_type": lambda db, a, k: records.change_record_type(
        db, a, 1, RecordTypeDraft("Sổ đổi", "Văn thư", 10)
    ),
    "records.retire_record_type": lambda db, a, k: records.retire_record_type(db, a, 1, "Thôi"),
    "unit.update_unit": lambda db, a, k: unit.update_unit(db, a, unit.get_unit(db)),
    "users.add_user": lambda db, a, k: users.add_user(
        db, a, username="x1", full_name="X", password="12345678", roles=[Role.AUDITOR]
    ),
    "users.update_user": lambda db, a, k: users.update_user(
        db, a, "clerk", full_name="X", title="", roles=[Role.CLERK]
    ),
    "users.set_roles": lambda db, a, k: users.set_roles(db, a, "auditor", [Role.ADMIN]),
    "users.set_active": lambda db, a, k: users.set_active(db, a, "clerk", False),
    "users.reset_password": lambda db, a, k: users.reset_password(db, a, "admin", "87654321"),
    "backup.make": lambda db, a, k: backup.make(
        db, a, Path(tempfile.mkdtemp()) / "b.isoqms-backup"
    ),
    "users.unlock_user": lambda db, a, k: users.unlock_user(db, a, "clerk"),
}


def _write_services() -> set[str]:
    """Every public service function that opens a write (system set-up excepted)."""
    found = set()
    for path in sorted((ROOT / "isoqms" / "services").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in tree.body:
            if not isinstance(node, ast.FunctionDef) or node.name.startswith("_"):
                continue
            calls = [
                c
                for c in ast.walk(node)
                if isinstance(c, ast.Call) and isinstance(c.func, ast.Name) and c.func.id == "write"
            ]
            if not calls:
                continue
            if all(any(k.arg == "system" for k in c.keywords) for c in calls):
                continue
            found.add(f"{path.stem}.{node.name}")
    return found


def test_the_walk_covers_every_write_service() -> None:
    found = _write_services()
    assert found - SELF_SERVICE - set(OPERATIONS) == set(), "add the new operation to the walk"
    assert found >= SELF_SERVICE
    assert "process_documents.attach_generated" in OPERATIONS  # writes through attach_file


def test_the_auditor_holds_only_read_permissions_and_a_write_needs_a_write_permission(
    demo_db: Database,
) -> None:
    assert GRANTS[Role.AUDITOR] <= READ_ONLY
    auditor = login(demo_db, "auditor")
    for permission in READ_ONLY:
        with (
            pytest.raises(ValueError, match="write permission"),
            write(demo_db, auditor, permission),
        ):
            pass
    assert Permission.AUDIT_READ in GRANTS[Role.AUDITOR]


def _fingerprint(db: Database) -> dict[str, int]:
    tables = (
        "audit_event", "app_user", "calendar_day", "document", "document_revision",
        "revision_signature", "document_copy", "dossier", "dossier_event", "print_log",
        "counter_notice", "stored_file", "procedure", "procedure_revision", "record_type",
        "quality_objective", "unit_profile", "iso_declaration", "iso_finding", "iso_risk",
        "iso_audit", "iso_audit_item", "iso_audit_programme", "iso_review",
    )  # fmt: skip
    with db.read() as session:
        return {
            t: int(session.execute(text(f"SELECT count(*) FROM {t}")).scalar_one()) for t in tables
        }


def test_every_write_service_refuses_the_auditor_and_changes_nothing(demo_db: Database) -> None:
    secretary, clerk = login(demo_db, "iso_secretary"), login(demo_db, "clerk")
    with demo_db.read() as session:
        linked = session.execute(
            text(
                "SELECT r.procedure_revision_id FROM document_revision r JOIN document d"
                " ON d.id = r.document_id WHERE d.code = 'QT-HT-01'"
            )
        ).scalar_one()
    draft = documents.start_revision(
        demo_db, secretary, "QT-HT-01", change_summary="Sửa bước 2", procedure_revision_id=linked
    )
    current = documents.history(demo_db, secretary, "QT-KSTL-01")[-1]
    copy = document_copies.distribute(demo_db, secretary, "QT-KSTL-01", "Bộ phận Một cửa")
    dossier = intake.receive(demo_db, clerk, IntakeDraft("1.001193", ANH, received_at=NOW), now=NOW)
    notice = intake.issue_notice(
        demo_db, clerk, NoticeDraft("refusal", "1.001193", ANH, "Không thuộc thẩm quyền"), now=NOW
    )
    known = {
        "draft": draft.id,
        "current": current.id,
        "copy": copy.id,
        "dossier": dossier.code,
        "notice": notice.id,
    }
    auditor = login(demo_db, "auditor")
    before = _fingerprint(demo_db)
    for name, operation in OPERATIONS.items():
        with pytest.raises(PermissionDenied, match="không có quyền") as refused:
            operation(demo_db, auditor, known)
        assert "auditor" in str(refused.value.message), name
        assert _fingerprint(demo_db) == before, name
    # the same operations by the CLI are refused too (one per area)
    from tests.helpers import run_cli

    url = demo_db.url.render_as_string(hide_password=False)
    env = {"ISOQMS_PASSWORD": "demo"}
    for args in (
        ["dossier", "cancel", dossier.code, "--reason", "Thử"],
        ["user", "roles", "auditor", "--role", "admin"],
    ):
        result = run_cli("--db", url, "--user", "auditor", *args, env=env)
        assert result.returncode == 1 and "không có quyền" in result.stderr, (args, result.stderr)
    assert _fingerprint(demo_db) == before


def test_a_write_service_guards_itself_not_only_the_screen(
    demo_db: Database, tmp_path: Path
) -> None:
    """The auditor's own account: logging in and changing the password are allowed."""
    auditor = login(demo_db, "auditor")
    users.change_own_password(demo_db, auditor, "demo", "mat-khau-moi")
    again, _ = users.authenticate(demo_db, "auditor", "mat-khau-moi")
    assert again.username == "auditor"
