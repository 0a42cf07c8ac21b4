"""The declaration of conformity (công bố): made by the chair on the Appendix I model with
the scope in force, and said to be due again when the scope changes."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from isoqms.db.engine import Database
from isoqms.domain import clock
from isoqms.domain.errors import PermissionDenied
from isoqms.services import document_reviews
from isoqms.services.demo_lifecycle import DECLARATION_NUMBER
from isoqms.services.iso_cycle import declaration_status, declare
from tests.helpers import audit_count, login, run_cli
from tests.helpers_pdf import libreoffice_pdf, pdf_text

PW = {"ISOQMS_PASSWORD": "demo"}
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def demo_url(demo_db: Database) -> str:
    return demo_db.url.render_as_string(hide_password=False)


def _new_procedure(tmp_path: Path) -> Path:
    """The catalogue gains a procedure (a publishing decision added it)."""
    full = json.loads((ROOT / "resources" / "demo" / "procedures.json").read_text("utf-8"))
    entry = copy.deepcopy(full["procedures"][0])
    entry["code"] = "1.009999"
    entry["name"] = "Thủ tục đăng ký giám hộ"
    path = tmp_path / "moi.json"
    path.write_text(json.dumps({**full, "procedures": [entry]}, ensure_ascii=False), "utf-8")
    return path


def test_the_demo_declared_its_scope_and_a_new_procedure_makes_it_due(
    demo_db: Database, demo_url: str, tmp_path: Path
) -> None:
    auditor = login(demo_db, "auditor")
    status = declaration_status(demo_db, auditor)
    assert status.last is not None and status.last.number == DECLARATION_NUMBER
    assert len(status.last.procedures) == 10 and not status.due
    imported = run_cli(
        "--db", demo_url, "--user", "iso_secretary", "procedures", "import",
        str(_new_procedure(tmp_path)), env=PW,
    )  # fmt: skip
    assert imported.returncode == 0, imported.stderr
    status = declaration_status(demo_db, auditor)
    assert status.due and any("1.009999" in reason for reason in status.reasons)
    result = run_cli("--db", demo_url, "--user", "auditor", "iso", "status", "--json", env=PW)
    assert result.returncode == 0, result.stderr
    shown = json.loads(result.stdout)["declaration"]
    assert shown["due"] and shown["procedures_missing"] == ["1.009999"]
    text = run_cli("--db", demo_url, "--user", "auditor", "iso", "status", env=PW).stdout
    assert "Cần công bố lại" in text and "1.009999" in text


def test_withdrawing_a_process_document_changes_the_scope(demo_db: Database) -> None:
    document_reviews.withdraw(demo_db, login(demo_db, "approver"), "QT-HT-04", reason="Bãi bỏ")
    status = declaration_status(demo_db, login(demo_db, "auditor"))
    assert any("bớt thủ tục: 1.000656" in reason for reason in status.reasons)


@pytest.mark.one_database
def test_only_the_approver_declares_and_the_decision_lists_the_scope(
    demo_db: Database, demo_url: str, tmp_path: Path
) -> None:
    before = audit_count(demo_db)
    with pytest.raises(PermissionDenied):
        declare(demo_db, login(demo_db, "iso_secretary"), "200/QĐ-UBND")
    assert audit_count(demo_db) == before
    out = tmp_path / "cong-bo.docx"
    refused = run_cli(
        "--db", demo_url, "--user", "approver", "iso", "declaration", "--out",
        str(tmp_path / "cong-bo.pdf"), env=PW,
    )  # fmt: skip
    assert refused.returncode == 1 and ".docx" in refused.stderr
    nowhere = run_cli(
        "--db", demo_url, "--user", "approver", "iso", "declaration", "--out",
        str(tmp_path / "khong-co" / "cb.docx"), "--number", "200/QĐ-UBND", env=PW,
    )  # fmt: skip
    assert nowhere.returncode == 1 and "khong-co" in nowhere.stderr
    assert audit_count(demo_db) == before  # nothing recorded for a file not written
    made = run_cli(
        "--db", demo_url, "--user", "approver", "iso", "declaration", "--out", str(out),
        "--number", "200/QĐ-UBND", "--json", env=PW,
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    row = json.loads(made.stdout)
    assert row["number"] == "200/QĐ-UBND" and len(row["procedures"]) == 10
    again = run_cli(
        "--db", demo_url, "--user", "approver", "iso", "declaration", "--out", str(out),
        "--number", "200/QĐ-UBND", env=PW,
    )  # fmt: skip
    assert again.returncode == 1 and "200/QĐ-UBND" in again.stderr
    text = " ".join(pdf_text(libreoffice_pdf(out, tmp_path), tmp_path).split())
    for expected in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Số: 200/QĐ-UBND",
        f"ngày {clock.today():%d} tháng {clock.today():%m} năm {clock.today().year}",
        "TCVN ISO 9001:2015",
        "Nguyễn Văn Hùng",
        "1.001193",
        "Thủ tục đăng ký khai sinh",
        "QT-HT-01 (lần 01)",
        "2.001035",
    ):
        assert expected in text, expected
