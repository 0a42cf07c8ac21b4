"""The control sheet, apology letter and stop notice read back; quality objectives."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import select

from isoqms.db.models import Dossier, DossierEvent, PrintLog
from isoqms.domain.errors import NotFound, PermissionDenied, ValidationError
from isoqms.services import dossier_papers, objectives
from isoqms.services.objectives import ObjectiveDraft
from tests.helpers import audit_count, login
from tests.helpers_journey import Desk
from tests.helpers_pdf import pdf_text


def code_of(desk: Desk, action: str) -> str:
    with desk.db.read() as session:
        return (
            session.execute(
                select(Dossier.code)
                .join(DossierEvent, DossierEvent.dossier_id == Dossier.id)
                .where(DossierEvent.action == action)
                .order_by(Dossier.id)
            )
            .scalars()
            .first()
            or ""
        )


def flat(pdf: bytes, tmp_path: Path) -> str:
    return " ".join(pdf_text(pdf, tmp_path).split())


def test_control_sheet_lists_each_handover(desk: Desk, tmp_path: Path) -> None:
    code = code_of(desk, "handover")
    text = flat(dossier_papers.preview(desk.db, desk.clerk, code, "control"), tmp_path)
    assert "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ" in text and code in text
    assert "Hoàng Minh Tuấn" in text and "10 giờ 00 phút, ngày 02/11/2026" in text
    assert "…giờ…phút" in text  # still open: blank rows to fill in by hand
    before = audit_count(desk.db)
    printed = dossier_papers.print_paper(desk.db, desk.clerk, code, "control")
    again = dossier_papers.print_paper(desk.db, desk.clerk, code, "control")
    assert not printed.reprint and again.reprint and audit_count(desk.db) == before + 2
    assert "BẢN IN LẠI" in flat(again.pdf, tmp_path)
    with desk.db.read() as session:
        assert session.execute(select(PrintLog.form_code)).scalars().all()[-1] == "BM.MC.2025.06"
    with pytest.raises(PermissionDenied):
        dossier_papers.print_paper(desk.db, login(desk.db, "auditor"), code, "control")


def test_apology_and_stop_letters(desk: Desk, tmp_path: Path) -> None:
    sorry = code_of(desk, "apologize")
    text = flat(dossier_papers.preview(desk.db, desk.clerk, sorry, "apology"), tmp_path)
    assert "VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT" in text
    assert "Số: 001/2026/VBXL" in text and "Chờ xác minh" in text
    assert "16 giờ 00 phút, ngày 10 tháng 11 năm 2026" in text  # the new appointment
    # signed by the agency's head, named; who receives it, as an administrative letter
    assert "Nguyễn Văn Hùng" in text and "Nơi nhận: - Như trên; - Lưu: VT" in text
    stopped = code_of(desk, "stop")
    text = flat(dossier_papers.preview(desk.db, desk.clerk, stopped, "stop"), tmp_path)
    assert "THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ" in text and "Không thuộc thẩm quyền" in text
    assert "Nguyễn Văn Hùng" in text  # the leader who decided
    with pytest.raises(NotFound, match="chưa có văn bản xin lỗi"):
        dossier_papers.preview(desk.db, desk.clerk, stopped, "apology")


def test_objective_attainment_per_quarter(desk: Desk) -> None:
    secretary = login(desk.db, "iso_secretary")
    goal = objectives.add(
        desk.db,
        secretary,
        ObjectiveDraft(
            "≥ 99% hồ sơ giải quyết trước và đúng hạn", "on_time_rate", 99, period="month"
        ),
    )
    by_field = objectives.add(
        desk.db,
        secretary,
        ObjectiveDraft("Chứng thực đúng hạn 100%", "on_time_rate", 100, scope="field",
                       scope_value="Chứng thực", period="month"),
    )  # fmt: skip
    results = objectives.attainment(desk.db, desk.clerk, goal, 2026, until=dt.date(2026, 11, 30))
    assert len(results) == 11
    october, november = results[9], results[10]
    # Decision 766: October's base holds A, overdue and open at its end
    assert (october.value, october.met) == (50.0, False)
    assert (november.value, november.met) == (53.33, False)
    assert results[0].value is None and results[0].met is None
    field = objectives.attainment(desk.db, desk.clerk, by_field, 2026, until=dt.date(2026, 11, 1))
    assert (field[-1].value, field[-1].met) == (100.0, True)
    lines = objectives.for_period(desk.db, desk.clerk, objectives.periods_of("month", 2026)[10])
    assert [(line.actual, line.met) for line in lines] == [
        ("53,33%", "Không đạt"),
        ("100,00%", "Đạt"),
    ]
    with pytest.raises(PermissionDenied):
        objectives.add(desk.db, desk.clerk, ObjectiveDraft("x", "on_time_rate", 90))
    with pytest.raises(ValidationError, match="lĩnh vực"):
        objectives.add(desk.db, secretary, ObjectiveDraft("x", "on_time_rate", 90, scope="field",
                                                          scope_value="Đất đai"))  # fmt: skip
    with pytest.raises(ValidationError, match="0 đến 100"):
        objectives.add(desk.db, secretary, ObjectiveDraft("x", "on_time_rate", 120))
    objectives.retire(desk.db, secretary, by_field.id, "Gộp vào mục tiêu chung")
    assert [o.id for o in objectives.list_objectives(desk.db, desk.clerk)] == [goal.id]
