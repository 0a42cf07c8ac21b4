"""Free text is checked in the services before the database sees it (issue 15): the same
limits on SQLite and PostgreSQL — a column's length, or a cap for ``Text`` columns — and
no NUL or other control character, each refusal naming the field (never the value) and
changing nothing."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Callable

import pytest

from isoqms.domain.calendar import CalendarEntry, DayKind
from isoqms.domain.documents import DocumentKind
from isoqms.domain.errors import NotFound, ValidationError
from isoqms.domain.journey import Action
from isoqms.domain.text import bad_character, check_text
from isoqms.services import (
    calendar,
    documents,
    intake,
    journey,
    limits,
    objectives,
    procedures,
    records,
    unit,
)
from tests.helpers import audit_count, login
from tests.helpers_journey import CIVIL, Desk

NUL = "Lê\x00Văn"
BELL = "Lê\x07Văn"


def receive(desk: Desk, **applicant: str) -> Callable[[], object]:
    fields = {"name": "Lê Văn An", **applicant}
    note = fields.pop("note", "")
    draft = intake.IntakeDraft(CIVIL, intake.Applicant(**fields), note=note)
    return lambda: intake.receive(desk.db, desk.clerk, draft)


def notice(desk: Desk, reason: str) -> Callable[[], object]:
    draft = intake.NoticeDraft("refusal", CIVIL, intake.Applicant("Lê Văn An"), reason)
    return lambda: intake.issue_notice(desk.db, desk.clerk, draft)


def act(desk: Desk, action: Action, **data: str) -> Callable[[], object]:
    open_code = "000.00.38.H47-261130-0001"  # received 30/11, not yet due
    return lambda: journey.act(
        desk.db,
        desk.clerk,
        open_code,
        action,
        journey.ActionInput(**data),  # type: ignore[arg-type]
    )


def unit_change(desk: Desk, **change: object) -> Callable[[], object]:
    admin = login(desk.db, "admin")
    return lambda: unit.update_unit(
        desk.db, admin, dataclasses.replace(unit.get_unit(desk.db), **change)
    )


def calendar_entry(desk: Desk, name: str, source: str = "") -> Callable[[], object]:
    admin = login(desk.db, "admin")
    entry = CalendarEntry(dt.date(2027, 1, 4), DayKind.OFF, name, source)
    return lambda: calendar.set_entry(desk.db, admin, entry)


def procedure_file(desk: Desk, **info: str) -> Callable[[], object]:
    secretary = login(desk.db, "iso_secretary")
    body = json.dumps(
        {
            "format": procedures.CONTENT_FORMAT,
            "procedures": [{"code": "1.999001", "name": "Thủ tục thử", **info}],
        }
    )
    return lambda: procedures.import_content(desk.db, secretary, body)


def new_document(desk: Desk, **fields: str) -> Callable[[], object]:
    secretary = login(desk.db, "iso_secretary")
    values = {"title": "Hướng dẫn thử", "owner": "", **fields}
    return lambda: documents.create_document(
        desk.db, secretary, kind=DocumentKind.INSTRUCTION, code="HD-TH-09", **values
    )


def record_type(desk: Desk, **fields: str) -> Callable[[], object]:
    secretary = login(desk.db, "iso_secretary")
    values = {"name": "Sổ thử", "keeper": "Văn phòng", "note": "", **fields}
    draft = records.RecordTypeDraft(retention=10, **values)  # type: ignore[arg-type]
    return lambda: records.add_record_type(desk.db, secretary, draft)


def objective(desk: Desk, title: str) -> Callable[[], object]:
    secretary = login(desk.db, "iso_secretary")
    draft = objectives.ObjectiveDraft(title, "on_time_rate", 95)
    return lambda: objectives.add(desk.db, secretary, draft)


Case = Callable[[Desk], Callable[[], object]]
CASES: dict[str, tuple[Case, str]] = {
    "applicant NUL": (lambda d: receive(d, name=NUL), "Họ tên người nộp hồ sơ"),
    "applicant long": (lambda d: receive(d, name="Ư" * 201), "Họ tên người nộp hồ sơ"),
    "address NUL": (lambda d: receive(d, address=NUL), "Địa chỉ người nộp"),
    "address long": (lambda d: receive(d, address="x" * 501), "Địa chỉ người nộp"),
    "email long": (lambda d: receive(d, email="a@b." + "c" * 300), "Địa chỉ thư điện tử"),
    "email NUL": (lambda d: receive(d, email="a\x00@b.vn"), "Địa chỉ thư điện tử"),
    "ID number bell": (lambda d: receive(d, id_number="0010\x07"), "Số giấy tờ tùy thân"),
    "note NUL": (lambda d: receive(d, note=NUL), "Ghi chú"),
    "note long": (lambda d: receive(d, note="x" * (limits.NOTE + 1)), "Ghi chú"),
    "notice reason": (lambda d: notice(d, NUL), "Lý do"),
    "supplement reason": (
        lambda d: act(d, Action.REQUEST_SUPPLEMENT, reason=BELL),
        "Lý do",
    ),
    "cancel reason long": (
        lambda d: act(d, Action.CANCEL, reason="x" * (limits.NOTE + 1)),
        "Lý do",
    ),
    "unit commune NUL": (lambda d: unit_change(d, commune_name=NUL), "Tên xã/phường"),
    "unit address long": (lambda d: unit_change(d, address="x" * 501), "Địa chỉ đơn vị"),
    "unit phone long": (lambda d: unit_change(d, phone="0" * 51), "Số điện thoại đơn vị"),
    "unit counter NUL": (lambda d: unit_change(d, counters=("Quầy 1", NUL)), "Tên quầy"),
    "calendar name NUL": (lambda d: calendar_entry(d, NUL), "Tên ngày nghỉ"),
    "calendar name long": (lambda d: calendar_entry(d, "x" * 301), "Tên ngày nghỉ"),
    "calendar source long": (lambda d: calendar_entry(d, "Nghỉ", "x" * 501), "Văn bản căn cứ"),
    "procedure name NUL": (lambda d: procedure_file(d, name=NUL), "tên thủ tục"),
    "procedure field long": (lambda d: procedure_file(d, field="x" * 201), "lĩnh vực"),
    "document title NUL": (lambda d: new_document(d, title=NUL), "Tên tài liệu"),
    "document owner long": (lambda d: new_document(d, owner="x" * 201), "Đơn vị / người"),
    "record keeper NUL": (lambda d: record_type(d, keeper=NUL), "Nơi lưu"),
    "record note long": (lambda d: record_type(d, note="x" * (limits.NOTE + 1)), "Ghi chú"),
    "objective title": (lambda d: objective(d, NUL), "Nội dung mục tiêu"),
}


@pytest.mark.parametrize("case", CASES)
def test_bad_text_is_refused_by_name_and_changes_nothing(desk: Desk, case: str) -> None:
    make, field = CASES[case]
    call = make(desk)
    events = audit_count(desk.db)
    with pytest.raises(ValidationError) as refused:
        call()
    assert field in refused.value.message
    assert "\x00" not in refused.value.message and "\x07" not in refused.value.message
    assert audit_count(desk.db) == events


def test_text_at_the_limit_is_stored_alike_on_both_databases(desk: Desk) -> None:
    name, address = "Ư" * 200, "Đ" * 500
    view = intake.receive(
        desk.db,
        desk.clerk,
        intake.IntakeDraft(CIVIL, intake.Applicant(name, address=address), note="dòng 1\n\tdòng 2"),
    )
    assert view.applicant == name
    detail = journey.show(desk.db, desk.clerk, view.code)
    assert detail.applicant == name


def test_a_superscript_or_foreign_digit_is_no_id_number(desk: Desk) -> None:
    for number in ("²²²²²²²²²", "١٢٣٤٥٦٧٨٩٠١٢", "0٩١٢٣٤٥٦٧٨"):
        with pytest.raises(ValidationError):
            receive(desk, id_number=number)()
        with pytest.raises(ValidationError):
            receive(desk, phone=number)()


def test_a_lookup_that_cannot_match_is_not_found_on_both_databases(desk: Desk) -> None:
    for code in ("000.00.38.H47-261130-0001\x00", "x" * 5000):
        with pytest.raises(NotFound, match="Không có hồ sơ"):
            journey.show(desk.db, desk.clerk, code)
    with pytest.raises(ValidationError, match="ký tự điều khiển"):
        journey.find(desk.db, desk.clerk, NUL)
    with pytest.raises(ValidationError, match="--limit"):
        journey.find(desk.db, desk.clerk, "Lê", limit=-1)


def test_control_characters_and_their_exceptions() -> None:
    assert bad_character("Lê Văn An, thôn Đông") is None
    assert bad_character("a\x00") == "\x00" and bad_character("\x9b") == "\x9b"
    assert bad_character("dòng 1\ndòng 2") == "\n"
    assert bad_character("dòng 1\r\n\tdòng 2", multiline=True) is None
    assert bad_character("\udcff", multiline=True) == "\udcff"
    assert (
        bad_character("a\u2028b") == "\u2028" and bad_character("a\u2028b", multiline=True) is None
    )
    assert check_text("  Le\u0302  ", "tên", max_length=3) == "Lê"
    with pytest.raises(ValidationError, match="Tên quá dài"):
        check_text("abcd", "tên", max_length=3)
    with pytest.raises(ValidationError, match="Chưa nhập tên"):
        check_text("  ", "tên", max_length=3, required=True)


def test_limits_come_from_the_columns() -> None:
    from isoqms.db.models import Dossier, Procedure

    assert limits.limit_of(Dossier.applicant_name) == 200
    assert limits.limit_of(Procedure.name) == limits.LINE
    assert limits.limit_of(Dossier.note, multiline=True) == limits.NOTE
