"""The procedure catalogue: the portal's .xlsx list, our JSON content, revisions in force."""

from __future__ import annotations

import datetime as dt
import io
import json
import unicodedata
import zipfile
from pathlib import Path

import openpyxl
import pytest

from isoqms.db.engine import Database
from isoqms.domain.calendar import Duration
from isoqms.domain.errors import NotFound, PermissionDenied, ValidationError
from isoqms.domain.procedure import Paper, ProcedureContent
from isoqms.services import procedures as svc
from isoqms.services.uow import Actor
from tests.helpers import audit_count, login

PORTAL = Path(__file__).resolve().parents[1] / "data" / "danh-sach-tthc-BoTuPhap.xlsx"


@pytest.fixture
def secretary(demo_db: Database) -> Actor:
    return login(demo_db, "iso_secretary")


def raw_portal_rows() -> list[tuple[object, ...]]:
    book = openpyxl.load_workbook(PORTAL, read_only=True)
    try:
        return [r for r in book.worksheets[0].iter_rows(min_row=3, values_only=True) if r[0]]
    finally:
        book.close()


def portal_rows() -> list[tuple[str, str, str]]:
    rows = raw_portal_rows()

    # some names in the real export are decomposed (NFD); the catalogue keeps NFC
    def nfc(value: object) -> str:
        return " ".join(unicodedata.normalize("NFC", str(value)).split())

    return [(nfc(r[0]), nfc(r[1]), nfc(r[4])) for r in rows]


def test_the_portal_export_imports_every_procedure(demo_db: Database) -> None:
    db = demo_db
    secretary = login(db, "iso_secretary")
    report = svc.import_portal_list(db, secretary, PORTAL.read_bytes())
    expected = portal_rows()
    assert report.total == len(expected) == 271
    found = {r.code: r for r in svc.search(db, "", limit=1000)}
    for code, name, field in expected:
        assert found[code].name == name
        assert found[code].field == field
    assert found["1.001193"].name == "Thủ tục đăng ký khai sinh"
    assert found["3.000323"].agency == "Ủy ban nhân dân cấp xã"
    assert any(not unicodedata.is_normalized("NFC", str(r[1])) for r in raw_portal_rows())
    again = svc.import_portal_list(db, secretary, PORTAL.read_bytes())
    assert (again.created, again.updated, again.unchanged) == (0, 0, 271)


def _xlsx(rows: list[list[object]]) -> bytes:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"this is not a spreadsheet", "không phải bảng tính Excel"),
        (PORTAL.read_bytes()[:4000], "không phải bảng tính Excel|bị hỏng"),
        (_xlsx([["Họ tên", "Tuổi"], ["An", 3]]), "không phải tệp danh sách thủ tục"),
        (
            _xlsx(
                [
                    ["Mã số", "Tên", "Cơ quan ban hành", "Cơ quan thực hiện", "Lĩnh vực"],
                    ["1.001193", "Khai sinh", "Bộ Tư pháp", "UBND xã", "Hộ tịch"],
                    ["khong-phai-ma", "Sai", "", "", ""],
                ]
            ),
            "dòng 3",
        ),
        (_xlsx([["Mã số", "Tên", "Lĩnh vực"]]), "thiếu cột"),
    ],
    ids=["not-zip", "truncated", "foreign", "bad-code", "missing-columns"],
)
def test_a_damaged_or_foreign_file_changes_nothing(
    demo_db: Database, secretary: Actor, data: bytes, message: str
) -> None:
    before, events = svc.count(demo_db), audit_count(demo_db)
    with pytest.raises(ValidationError, match=message):
        svc.import_portal_list(demo_db, secretary, data)
    assert svc.count(demo_db) == before
    assert audit_count(demo_db) == events


def test_a_zip_bomb_is_refused(demo_db: Database, secretary: Actor) -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"0" * (450 * 1024 * 1024))
    with pytest.raises(ValidationError, match="giải nén quá lớn"):
        svc.import_portal_list(demo_db, secretary, out.getvalue())


def test_only_document_drafters_import(demo_db: Database) -> None:
    with pytest.raises(PermissionDenied):
        svc.import_portal_list(demo_db, login(demo_db, "clerk"), PORTAL.read_bytes())


def test_search_ignores_case_and_diacritics(demo_db: Database) -> None:
    codes = [r.code for r in svc.search(demo_db, "DANG KY khai sinh")]
    assert codes == ["1.001193", "1.004884"]
    assert {r.code for r in svc.search(demo_db, "1.0048")} == {"1.004873", "1.004859", "1.004884"}
    assert [r.code for r in svc.search(demo_db, "chung thuc chu ky")] == ["2.000884"]
    assert svc.search(demo_db, "đăng ký kết hôn")[0].code == "1.000894"


def test_revision_in_force_follows_the_effective_date(demo_db: Database, secretary: Actor) -> None:
    first = svc.revision_in_force(demo_db, "1.004873", dt.datetime(2026, 1, 5, 9))
    assert first.number == 1 and first.content.duration == Duration.days(3)
    changed = ProcedureContent(
        duration=Duration.days(2), fee="Miễn lệ phí", papers=(Paper("Tờ khai", 1),)
    )
    svc.add_revision(demo_db, secretary, "1.004873", changed, dt.datetime(2027, 1, 1))
    assert svc.revision_in_force(demo_db, "1.004873", dt.datetime(2026, 12, 31, 16)).number == 1
    later = svc.revision_in_force(demo_db, "1.004873", dt.datetime(2027, 1, 4, 8))
    assert later.number == 2 and later.content.duration == Duration.days(2)
    with pytest.raises(NotFound, match="chưa có nội dung"):
        svc.revision_in_force(demo_db, "1.004873", dt.datetime(2025, 6, 30, 9))


def test_content_export_and_import_round_trip(demo_db: Database, secretary: Actor) -> None:
    text = svc.export_content(demo_db, ["1.001193"])
    data = json.loads(text)
    assert data["format"] == "isoqms.procedures/1"
    entry = data["procedures"][0]
    assert entry["revisions"][0]["content"]["cutoff"] == "15:00"
    entry["revisions"].append(
        {
            **entry["revisions"][0],
            "effective_from": "2027-03-01",
            "content": {**entry["revisions"][0]["content"], "sets": 2},
        }
    )
    report = svc.import_content(demo_db, secretary, json.dumps(data, ensure_ascii=False))
    assert report.updated == 1
    assert svc.revision_in_force(demo_db, "1.001193", dt.datetime(2027, 3, 2)).content.sets == 2


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{not json", "không phải JSON"),
        ('{"format": "other"}', "không đúng định dạng"),
        (
            '{"format": "isoqms.procedures/1", "procedures": [{"code": "1.001193", "name": "X",'
            ' "revisions": [{"effective_from": "2027-01-01", "content": {}}]}]}',
            "thiếu thời hạn",
        ),
        (
            '{"format": "isoqms.procedures/1", "procedures": [{"code": "1.001193", "name": "X",'
            ' "revisions": [{"effective_from": "01/01/2027", "content": {}}]}]}',
            "YYYY-MM-DD",
        ),
    ],
)
def test_bad_content_files_change_nothing(
    demo_db: Database, secretary: Actor, text: str, message: str
) -> None:
    events = audit_count(demo_db)
    with pytest.raises(ValidationError, match=message):
        svc.import_content(demo_db, secretary, text)
    assert audit_count(demo_db) == events


def _content_file(**procedure: object) -> str:
    item = {"code": "1.999001", "name": "Thủ tục thử", **procedure}
    return json.dumps({"format": svc.CONTENT_FORMAT, "procedures": [item]})


def _revision(**content: object) -> dict[str, object]:
    return {
        "effective_from": "2026-01-05",
        "content": {"duration": {"unit": "days", "amount": 3}, **content},
    }


MALFORMED = [
    ('{"format": "isoqms.procedures/1", "procedures": 5}', "phải là một danh sách"),
    (_content_file(revisions=[1]), "Lần sửa đổi .* không hợp lệ"),
    (_content_file(revisions={"a": 1}), "phải là một danh sách"),
    (
        _content_file(revisions=[_revision()]).replace('"amount": 3', '"amount": Infinity'),
        "Infinity",
    ),
    (_content_file(revisions=[_revision()]).replace('"amount": 3', '"amount": NaN'), "NaN"),
    (
        _content_file(revisions=[_revision()]).replace('"amount": 3', '"amount": ' + "9" * 5000),
        "số quá dài",
    ),
    (
        '{"format": "isoqms.procedures/1", "procedures": ' + "[" * 100_000 + "]" * 100_000 + "}",
        "lồng nhau quá sâu",
    ),
    (_content_file(revisions=[_revision(cutoff=5)]), "giờ chốt"),
    (_content_file(revisions=[_revision(papers=5)]), "thành phần hồ sơ .* danh sách"),
    (_content_file(revisions=[_revision(legal_basis=5)]), "căn cứ pháp lý .* danh sách"),
    (_content_file(revisions=[_revision(steps=[{"work": "a", "no": "x"}])]), "số nguyên"),
    (_content_file(revisions=[_revision(sets=10**12)]), "số bộ hồ sơ quá lớn"),
    (_content_file(revisions=[_revision(fee="a\x00b")]), "phí, lệ phí có ký tự điều khiển"),
    (
        _content_file(revisions=[{**_revision(), "effective_from": "2026-01-05T00:00+07:00"}]),
        "múi giờ",
    ),
    (
        _content_file(revisions=[{**_revision(), "effective_from": "0001-01-01"}]),
        "ngoài các năm",
    ),
    (_content_file(name="a\x00b"), "tên thủ tục có ký tự điều khiển"),
    (_content_file(field="x" * 201), "lĩnh vực quá dài"),
    (_content_file(name=5.5), None),  # a number as a name is taken as its text
    (
        json.dumps(
            {
                "format": svc.CONTENT_FORMAT,
                "procedures": [
                    {"code": "1.999001", "name": "A"},
                    {"code": "1.999001", "name": "B"},
                ],
            }
        ),
        "hai lần",
    ),
]


@pytest.mark.parametrize(
    ("body", "message"),
    MALFORMED,
    ids=[f"{i}-{m or 'accepted'}" for i, (_b, m) in enumerate(MALFORMED)],
)
def test_a_malformed_content_file_is_refused_in_words(
    demo_db: Database, secretary: Actor, body: str, message: str | None
) -> None:
    """The shapes that ended in a traceback (issue 15): a number where a list belongs,
    ``Infinity``, nesting too deep — refused in Vietnamese, nothing written."""
    events = audit_count(demo_db)
    if message is None:
        svc.import_content(demo_db, secretary, body)
        return
    with pytest.raises(ValidationError, match=message):
        svc.import_content(demo_db, secretary, body)
    assert audit_count(demo_db) == events


def test_a_bit_flipped_portal_list_is_refused_in_words(demo_db: Database, secretary: Actor) -> None:
    """One flipped bit in the compressed sheet: zlib's own error, once a traceback."""
    data = bytearray(PORTAL.read_bytes())
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as archive:
        info = archive.getinfo("xl/worksheets/sheet1.xml")
    start = info.header_offset + 30
    start += int.from_bytes(data[info.header_offset + 26 : info.header_offset + 28], "little")
    start += int.from_bytes(data[info.header_offset + 28 : info.header_offset + 30], "little")
    data[start + 1] ^= 0x01
    events = audit_count(demo_db)
    with pytest.raises(ValidationError, match="xlsx"):
        svc.import_portal_list(demo_db, secretary, bytes(data))
    assert audit_count(demo_db) == events
