"""The records list (Danh mục hồ sơ): retention, audit, refusals, never deleted."""

from __future__ import annotations

import pytest

from isoqms.db.engine import Database
from isoqms.domain.documents import parse_retention, retention_label
from isoqms.domain.errors import NotFound, PermissionDenied, ValidationError
from isoqms.services import records
from isoqms.services.records import RecordTypeDraft
from tests.helpers import audit_count, login


@pytest.mark.parametrize(
    ("text", "years"),
    [("Vĩnh viễn", None), ("VINH VIEN", None), ("70 năm", 70), ("10", 10), (5, 5)],
)
def test_retention_is_read_as_the_desk_writes_it(text: str | int, years: int | None) -> None:
    assert parse_retention(text) == years
    assert retention_label(years) == ("Vĩnh viễn" if years is None else f"{years} năm")


@pytest.mark.parametrize("text", ["mãi mãi", "0", "101 năm", "-3", "10 tháng"])
def test_bad_retention_is_refused(text: str) -> None:
    with pytest.raises(ValidationError, match="Thời gian lưu"):
        parse_retention(text)


def test_demo_records_list(demo_db: Database) -> None:
    lines = records.list_record_types(demo_db, login(demo_db, "auditor"))
    by_name = {line.name: line for line in lines}
    birth = by_name["Sổ đăng ký khai sinh"]
    assert (birth.document_code, birth.retention, birth.medium) == (
        "QT-HT-01",
        "Vĩnh viễn",
        "Giấy và điện tử",
    )
    assert by_name["Biên bản họp xem xét của lãnh đạo"].retention == "5 năm"


def test_add_change_retire_are_audited_and_nothing_is_deleted(demo_db: Database) -> None:
    secretary = login(demo_db, "iso_secretary")
    events = audit_count(demo_db)
    record_id = records.add_record_type(
        demo_db,
        secretary,
        RecordTypeDraft("Hồ sơ khiếu nại", "Văn phòng UBND", "10 năm", document_code="qt-kstl-01"),
    )
    records.change_record_type(
        demo_db,
        secretary,
        record_id,
        RecordTypeDraft("Hồ sơ khiếu nại, tố cáo", "Văn phòng UBND", "Vĩnh viễn", "Điện tử"),
    )
    records.retire_record_type(demo_db, secretary, record_id, "Chuyển sang lưu trữ chung")
    assert audit_count(demo_db) == events + 3
    auditor = login(demo_db, "auditor")
    assert record_id not in {r.id for r in records.list_record_types(demo_db, auditor)}
    retired = {r.id: r for r in records.list_record_types(demo_db, auditor, include_retired=True)}
    line = retired[record_id]
    assert (line.name, line.retention, line.medium, line.active) == (
        "Hồ sơ khiếu nại, tố cáo",
        "Vĩnh viễn",
        "Điện tử",
        False,
    )
    assert "Chuyển sang lưu trữ chung" in line.note
    with pytest.raises(NotFound):
        records.retire_record_type(demo_db, secretary, record_id, "lại")


@pytest.mark.parametrize(
    ("draft", "message"),
    [
        (RecordTypeDraft("", "Thư ký ISO", "5"), "tên hồ sơ"),
        (RecordTypeDraft("Sổ A", " ", "5"), "nơi lưu"),
        (RecordTypeDraft("Sổ A", "Thư ký ISO", "năm năm"), "Thời gian lưu"),
        (RecordTypeDraft("Sổ A", "Thư ký ISO", "5", "Đĩa mềm"), "Hình thức lưu"),
    ],
)
def test_bad_lines_are_refused_and_write_nothing(
    demo_db: Database, draft: RecordTypeDraft, message: str
) -> None:
    events = audit_count(demo_db)
    with pytest.raises(ValidationError, match=message):
        records.add_record_type(demo_db, login(demo_db, "iso_secretary"), draft)
    with pytest.raises(NotFound):
        records.add_record_type(
            demo_db,
            login(demo_db, "iso_secretary"),
            RecordTypeDraft("Sổ A", "Thư ký ISO", "5", document_code="QT-KHONG-CO"),
        )
    assert audit_count(demo_db) == events


@pytest.mark.parametrize("role", ["clerk", "auditor", "reviewer"])
def test_only_the_iso_secretary_keeps_the_list(demo_db: Database, role: str) -> None:
    with pytest.raises(PermissionDenied):
        records.add_record_type(
            demo_db, login(demo_db, role), RecordTypeDraft("Sổ A", "Thư ký ISO", "5")
        )
