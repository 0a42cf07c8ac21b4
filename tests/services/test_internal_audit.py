"""The internal audit through the services: a programme planned by the secretary and
approved by the chair; an audit's checklist built from the clauses, the steps of the
process documents in force and the inspection items; answers with evidence by the audit's
own auditors; a nonconformity answered becomes a finding; the report closes the audit.
Each step refused for the wrong person or input, with nothing changed."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import docx
import pytest
from sqlalchemy import select

from isoqms.db.engine import Database
from isoqms.db.models import AuditEvent
from isoqms.domain import clock
from isoqms.domain.errors import Conflict, NotFound, PermissionDenied, ValidationError
from isoqms.domain.internal_audit import CLAUSE_QUESTIONS, INSPECTION_QUESTIONS
from isoqms.domain.roles import Role
from isoqms.services import internal_audit as ia
from isoqms.services.findings import findings
from isoqms.services.users import set_roles
from tests.helpers import audit_count, login


def _plan(**changes: object) -> ia.AuditPlan:
    values: dict[str, object] = {
        "title": "Đánh giá lĩnh vực hộ tịch",
        "processes": ("QT-HT-01", "QT-HT-02"),
        "planned_on": clock.today(),
        "lead": "internal_auditor",
        "criteria": "TCVN ISO 9001:2015; QT-HT-01; QT-HT-02",
    }
    values.update(changes)
    return ia.AuditPlan(**values)  # type: ignore[arg-type]


def _docx_text(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def test_the_checklist_has_the_clauses_each_step_and_the_inspection_items(
    demo_db: Database,
) -> None:
    secretary = login(demo_db, "iso_secretary")
    year = clock.today().year
    before = ia.programme(demo_db, secretary, year).planned  # the demo's audit, this year or last
    made = ia.plan_audit(demo_db, secretary, _plan())
    assert made.number == f"DG-{year}-{before + 1:02d}" and made.state == "planned"
    view = ia.audit(demo_db, login(demo_db, "auditor"), made.number)
    steps = [i for i in view.items if i.source == "step"]
    assert [i.ref for i in view.items[: len(CLAUSE_QUESTIONS)]][:2] == ["4.3", "5.2"]
    assert {i.process for i in steps} == {"QT-HT-01", "QT-HT-02"}
    assert steps[0].ref == "QT-HT-01 bước 1" and "Có thực hiện đúng" in steps[0].question
    assert len(view.items) == len(CLAUSE_QUESTIONS) + len(steps) + len(INSPECTION_QUESTIONS)
    assert view.items[-1].ref.startswith("Đ36") and view.questions == len(view.items)
    assert view.answered == 0 and view.lead_name == "Đinh Văn Khải"


def test_planning_is_refused_for_the_wrong_person_or_process(demo_db: Database) -> None:
    secretary, clerk = login(demo_db, "iso_secretary"), login(demo_db, "clerk")
    admin = login(demo_db, "admin")
    before = audit_count(demo_db)
    with pytest.raises(PermissionDenied):
        ia.plan_audit(demo_db, clerk, _plan())
    with pytest.raises(ValidationError, match="chuyên gia đánh giá nội bộ"):
        ia.plan_audit(demo_db, secretary, _plan(lead="clerk"))
    with pytest.raises(NotFound):
        ia.plan_audit(demo_db, secretary, _plan(processes=("QT-KHONG-CO",)))
    with pytest.raises(ValidationError, match="không phải quy trình"):
        ia.plan_audit(demo_db, secretary, _plan(processes=("CSCL-01",)))
    with pytest.raises(ValidationError, match="ít nhất một"):
        ia.plan_audit(demo_db, secretary, _plan(processes=(" ",)))
    with pytest.raises(ValidationError, match="khác trưởng đoàn"):
        ia.plan_audit(demo_db, secretary, _plan(second="internal_auditor"))
    with pytest.raises(ValidationError):
        ia.plan_audit(demo_db, secretary, _plan(planned_on=dt.date(1999, 1, 1)))
    assert audit_count(demo_db) == before
    # the reviewer signed the process documents in force: not theirs to audit
    set_roles(demo_db, admin, "reviewer", [Role.REVIEWER, Role.INTERNAL_AUDITOR])
    before = audit_count(demo_db)
    with pytest.raises(ValidationError, match="QT-HT-01, QT-HT-02") as refused:
        ia.plan_audit(demo_db, secretary, _plan(lead="reviewer"))
    assert "công việc của chính mình" in str(refused.value)
    assert audit_count(demo_db) == before


def test_an_audit_from_plan_to_report(demo_db: Database, tmp_path: Path) -> None:
    secretary, approver = login(demo_db, "iso_secretary"), login(demo_db, "approver")
    lead, clerk = login(demo_db, "internal_auditor"), login(demo_db, "clerk")
    year = clock.today().year
    demo = ia.programme(demo_db, secretary, year)  # the demo's audit, this year or last
    planned = demo.planned
    made = ia.plan_audit(demo_db, secretary, _plan(processes=("QT-HT-01",)))
    with pytest.raises(PermissionDenied):
        ia.approve_programme(demo_db, secretary, year)
    prog = ia.approve_programme(demo_db, approver, year, "Phê duyệt tại cuộc họp")
    assert prog.approved and prog.approved_by == "Nguyễn Văn Hùng" and prog.planned == planned + 1
    with pytest.raises(Conflict):
        ia.approve_programme(demo_db, approver, year)

    photo = tmp_path / "so-theo-doi.jpg"
    photo.write_bytes(b"\xff\xd8\xff\xe0 a photo of the book")
    with pytest.raises(PermissionDenied):  # not one of this audit's auditors
        ia.answer(demo_db, clerk, made.number, 1, ia.Answer("conform"))
    before = audit_count(demo_db)
    for bad in (
        ia.Answer("good"),
        ia.Answer("nonconform"),  # a nonconformity needs its description
        ia.Answer("conform", evidence=("dossier:KHONG-CO",)),
        ia.Answer("conform", evidence=("file:" + str(tmp_path / "missing.pdf"),)),
        ia.Answer("conform", evidence=("url:http://x",)),
    ):
        with pytest.raises((ValidationError, NotFound)):
            ia.answer(demo_db, lead, made.number, 1, bad)
    with pytest.raises(NotFound):
        ia.answer(demo_db, lead, made.number, 999, ia.Answer("conform"))
    assert audit_count(demo_db) == before

    with demo_db.read() as session:
        event = session.execute(select(AuditEvent.id).limit(1)).scalar_one()
    answered = ia.answer(
        demo_db, lead, made.number, 1,
        ia.Answer("conform", "Phạm vi đủ", ("document:QT-HT-01", f"event:{event}",
                                            f"file:{photo}")),
    )  # fmt: skip
    assert answered.state == "in_progress"
    labels = [e.label for e in answered.items[0].evidence]
    assert labels[0].startswith("Tài liệu QT-HT-01") and labels[1] == f"Sự kiện nhật ký số {event}"
    assert labels[2].startswith("Tệp so-theo-doi.jpg (SHA-256")
    nc = ia.answer(
        demo_db, lead, made.number, 8, ia.Answer("nonconform", "Phiếu hẹn không ghi giờ trả")
    )
    item = nc.items[7]
    assert item.ref == "8.5.1" and item.finding.startswith(f"PH-{year}-")
    raised = {f.number: f for f in findings(demo_db, lead)}[item.finding]
    assert raised.kind == "nonconformity" and raised.source == "audit" and raised.clause == "8.5.1"
    assert made.number in raised.evidence and raised.state == "open"
    with pytest.raises(Conflict, match=item.finding):
        ia.answer(demo_db, lead, made.number, 8, ia.Answer("conform"))
    ia.answer(demo_db, lead, made.number, 8, ia.Answer("nonconform", "Phiếu hẹn thiếu giờ"))
    with pytest.raises(Conflict, match="chưa trả lời"):
        ia.close_audit(demo_db, lead, made.number, "Hệ thống phù hợp")
    for seq in range(2, nc.questions + 1):
        if seq != 8:
            ia.answer(demo_db, lead, made.number, seq, ia.Answer("conform"))
    with pytest.raises(ValidationError, match="kết luận"):
        ia.close_audit(demo_db, lead, made.number, "  ")
    closed = ia.close_audit(demo_db, lead, made.number, "Hệ thống được duy trì, 1 điểm KPH")
    assert closed.state == "reported" and closed.reported_on == clock.today()
    with pytest.raises(Conflict):
        ia.answer(demo_db, lead, made.number, 1, ia.Answer("conform"))
    _view, data = ia.audit_report_docx(demo_db, login(demo_db, "auditor"), made.number)
    text = _docx_text(data)
    for expected in (
        made.number, "BÁO CÁO", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", item.finding,
        "Phiếu hẹn thiếu giờ", "Hệ thống được duy trì", "Đinh Văn Khải", "Nguyễn Văn Hùng",
        "TRƯỞNG ĐOÀN ĐÁNH GIÁ", "QT-HT-01 bước 1",
    ):  # fmt: skip
        assert expected in text, expected
    assert "DỰ THẢO" not in text
    # a programme approved, then another audit planned: to be approved again
    ia.plan_audit(demo_db, secretary, _plan(processes=("QT-HT-02",), title="Đợt 2"))
    again = ia.programme(demo_db, approver, year)
    assert not again.approved and again.planned == planned + 2 and again.done == demo.done + 1


@pytest.mark.one_database
def test_the_command_line_plans_answers_and_reports(demo_db: Database, tmp_path: Path) -> None:
    import json

    from tests.helpers import run_cli
    from tests.helpers_pdf import libreoffice_pdf, pdf_text

    url = demo_db.url.render_as_string(hide_password=False)
    env = {"ISOQMS_PASSWORD": "demo"}

    def cli(user: str, *args: str) -> str:
        result = run_cli("--db", url, "--user", user, "iso", *args, env=env)
        assert result.returncode == 0, result.stderr
        assert "Traceback" not in result.stderr
        return result.stdout

    day = f"{clock.today():%Y-%m-%d}"
    plan = [
        "audit", "plan", "--title", "Đánh giá khai tử", "--process", "QT-HT-04",
        "--date", day, "--lead", "internal_auditor", "--json",
    ]  # fmt: skip
    made = json.loads(cli("iso_secretary", *plan))
    number, questions = made["number"], made["questions"]
    refused = run_cli("--db", url, "--user", "clerk", "iso", *plan, env=env)
    assert refused.returncode == 1 and "không có quyền" in refused.stderr
    for seq in range(1, questions + 1):
        result = "observation" if seq == 3 else "conform"
        cli("internal_auditor", "audit", "answer", number, str(seq), "--result", result,
            "--note", "Sổ rủi ro chưa ghi quá trình khai tử", "--evidence",
            "document:QT-HT-04")  # fmt: skip
    checklist = json.loads(cli("auditor", "audit", "checklist", number, "--json"))
    assert checklist["answered"] == questions and checklist["observations"] == 1
    assert checklist["items"][2]["finding"].startswith("PH-")
    out = tmp_path / "bao-cao.docx"
    reported = json.loads(
        cli(
            "internal_auditor",
            "audit",
            "report",
            number,
            "--out",
            str(out),
            "--conclusion",
            "Quy trình khai tử được thực hiện đúng",
            "--json",
        )
    )
    assert reported["state"] == "reported" and reported["out"] == str(out)
    programme = json.loads(cli("auditor", "audits", "--json"))
    reported_ones = [a for a in programme["audits"] if a["state"] == "reported"]
    assert programme["done"] == len(reported_ones) and number in [
        a["number"] for a in reported_ones
    ]
    assert number in [a["number"] for a in programme["audits"]] and not programme["approved"]
    text = pdf_text(libreoffice_pdf(out, tmp_path), tmp_path)
    for expected in (number, "Quy trình khai tử được thực hiện đúng", "QT-HT-04 bước 1",
                     checklist["items"][2]["finding"], "TRƯỞNG ĐOÀN ĐÁNH GIÁ"):  # fmt: skip
        assert expected in " ".join(text.split()), expected
