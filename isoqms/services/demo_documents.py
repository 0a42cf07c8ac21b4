"""The demo commune's ISO document set: policy and objectives, internal procedures, the
process documents of the demo procedures with their forms, external documents, history."""

from __future__ import annotations

import datetime as dt
import io

from docx import Document as DocxDocument

from isoqms.db.engine import Database
from isoqms.domain.documents import DocumentKind
from isoqms.services.existing_documents import ExistingDocument, _enter_existing
from isoqms.services.uow import write

D = dt.date


def header_docx(code: str, title: str, issue: int, body: list[str]) -> bytes:
    """A Word file with the usual header block (unit, title, code and issue, signers)."""
    doc = DocxDocument()
    table = doc.add_table(rows=2, cols=3)
    table.style = "Table Grid"
    table.cell(0, 0).text = "UBND XÃ BÌNH MINH"
    table.cell(0, 1).text = title.upper()
    table.cell(0, 2).text = f"Mã hiệu: {code}\nLần ban hành: {issue:02d}"
    table.cell(1, 0).text = "Soạn thảo: Lê Thị Thu Hương"
    table.cell(1, 1).text = "Xem xét: Phạm Văn Đức"
    table.cell(1, 2).text = "Phê duyệt: Nguyễn Văn Hùng"
    for line in body:
        doc.add_paragraph(line)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _internal(
    code: str,
    title: str,
    issue: int,
    effective: dt.date,
    body: list[str],
    kind: DocumentKind = DocumentKind.PROCEDURE,
    summary: str = "",
) -> ExistingDocument:
    return ExistingDocument(
        kind=kind,
        code=code,
        title=title,
        issue=issue,
        effective_from=effective,
        file_name=f"{code}-lan-{issue:02d}.docx",
        data=header_docx(code, title, issue, body),
        owner="Ban chỉ đạo ISO",
        change_summary=summary or "Nhập tài liệu đã ban hành (phê duyệt trên bản giấy)",
    )


PROCESS_DOCS = [
    ("QT-HT-01", "1.001193", "Quy trình đăng ký khai sinh"),
    ("QT-HT-02", "1.000894", "Quy trình đăng ký kết hôn"),
    ("QT-HT-03", "1.004873", "Quy trình cấp Giấy xác nhận tình trạng hôn nhân"),
    ("QT-HT-04", "1.000656", "Quy trình đăng ký khai tử"),
    ("QT-HT-05", "1.001022", "Quy trình đăng ký nhận cha, mẹ, con"),
    ("QT-HT-06", "1.004884", "Quy trình đăng ký lại khai sinh"),
    ("QT-HT-07", "1.004859", "Quy trình thay đổi, cải chính, bổ sung thông tin hộ tịch"),
    ("QT-CT-01", "2.000815", "Quy trình chứng thực bản sao từ bản chính"),
    ("QT-CT-02", "2.000884", "Quy trình chứng thực chữ ký"),
    ("QT-CT-03", "2.001035", "Quy trình chứng thực hợp đồng, giao dịch"),
]

EXTERNAL = [
    (
        "TCVN-ISO-9001-2015",
        "TCVN ISO 9001:2015 Hệ thống quản lý chất lượng — Các yêu cầu",
        "Bộ Khoa học và Công nghệ",
        D(2015, 12, 31),
    ),
    ("60/2014/QH13", "Luật Hộ tịch", "Quốc hội", D(2016, 1, 1)),
    (
        "123/2015/NĐ-CP",
        "Nghị định quy định chi tiết một số điều và biện pháp thi hành Luật Hộ tịch",
        "Chính phủ",
        D(2016, 1, 1),
    ),
    (
        "23/2015/NĐ-CP",
        "Nghị định về cấp bản sao từ sổ gốc, chứng thực bản sao từ bản chính, "
        "chứng thực chữ ký và chứng thực hợp đồng, giao dịch",
        "Chính phủ",
        D(2015, 4, 10),
    ),
    (
        "61/2018/NĐ-CP",
        "Nghị định về thực hiện cơ chế một cửa, một cửa liên thông trong giải quyết thủ tục "
        "hành chính",
        "Chính phủ",
        D(2018, 6, 21),
    ),
    (
        "118/2025/NĐ-CP",
        "Nghị định về thực hiện thủ tục hành chính theo cơ chế một cửa, một cửa liên thông",
        "Chính phủ",
        D(2025, 7, 1),
    ),
]


def demo_documents() -> list[ExistingDocument]:
    items = [
        _internal(
            "CSCL-01",
            "Chính sách chất lượng",
            1,
            D(2025, 7, 1),
            [
                "Ủy ban nhân dân xã Bình Minh cam kết giải quyết thủ tục hành chính công khai, "
                "minh bạch, đúng pháp luật, đúng hẹn; lấy sự hài lòng của người dân làm thước đo."
            ],
            kind=DocumentKind.POLICY,
        ),
        _internal(
            "MTCL-2026",
            "Mục tiêu chất lượng năm 2026",
            1,
            D(2026, 1, 5),
            [
                "100% thủ tục hành chính được niêm yết công khai.",
                "Trên 99% hồ sơ được giải quyết đúng hoặc trước hạn.",
                "Tỷ lệ hài lòng của người dân đạt trên 95%.",
            ],
            kind=DocumentKind.POLICY,
        ),
        _internal(
            "QT-KSTL-01",
            "Quy trình kiểm soát tài liệu",
            1,
            D(2024, 1, 15),
            [
                "Mục đích: kiểm soát việc soạn thảo, xem xét, phê duyệt, ban hành, phân phối và "
                "thu hồi tài liệu của hệ thống quản lý chất lượng."
            ],
        ),
        _internal(
            "QT-KSTL-01",
            "Quy trình kiểm soát tài liệu",
            2,
            D(2025, 7, 1),
            ["Cập nhật theo mô hình chính quyền địa phương hai cấp từ 01/7/2025."],
            summary="Cập nhật theo mô hình chính quyền địa phương hai cấp (trang 1–4)",
        ),
        _internal(
            "QT-KSHS-01",
            "Quy trình kiểm soát hồ sơ",
            1,
            D(2025, 7, 1),
            ["Mục đích: nhận biết, lưu trữ, bảo vệ, sử dụng, thời gian lưu và hủy hồ sơ."],
        ),
        _internal(
            "QT-DGNB-01",
            "Quy trình đánh giá nội bộ",
            1,
            D(2025, 7, 1),
            ["Đánh giá nội bộ ít nhất mỗi năm một lần."],
        ),
        _internal(
            "QT-XXLD-01",
            "Quy trình xem xét của lãnh đạo",
            1,
            D(2025, 7, 1),
            ["Lãnh đạo xem xét hệ thống quản lý chất lượng ít nhất mỗi năm một lần."],
        ),
    ]
    for code, procedure, title in PROCESS_DOCS:
        items.append(
            ExistingDocument(
                kind=DocumentKind.PROCESS,
                code=code,
                title=title,
                issue=1,
                effective_from=D(2025, 7, 1),
                procedure_code=procedure,
                owner="Thư ký ISO",
                change_summary="Ban hành theo Quyết định công bố thủ tục hành chính",
            )
        )
    for code, title, issuer, effective in EXTERNAL:
        items.append(
            ExistingDocument(
                kind=DocumentKind.EXTERNAL,
                code=code,
                title=title,
                issue=1,
                effective_from=effective,
                issuer=issuer,
                change_summary="Văn bản bên ngoài được kiểm soát",
            )
        )
    return items


#: The demo's records list (Danh mục hồ sơ): (document, record, keeper, retention, medium,
#: note). Civil-status books are kept permanently (Luật Hộ tịch 2014; article to verify);
#: the certification book permanently and contract/transaction files 20 years
#: (Nghị định 23/2015/NĐ-CP); the rest are the commune's own choices.
DEMO_RECORDS = [
    (
        "QT-HT-01",
        "Sổ đăng ký khai sinh",
        "Công chức Tư pháp - Hộ tịch",
        None,
        "Giấy và điện tử",
        "Sổ hộ tịch lưu trữ vĩnh viễn",
    ),
    (
        "QT-HT-01",
        "Hồ sơ đăng ký khai sinh (tờ khai, giấy tờ kèm theo)",
        "Công chức Tư pháp - Hộ tịch",
        None,
        "Giấy",
        "",
    ),
    ("QT-HT-02", "Sổ đăng ký kết hôn", "Công chức Tư pháp - Hộ tịch", None, "Giấy và điện tử", ""),
    (
        "QT-HT-03",
        "Sổ cấp Giấy xác nhận tình trạng hôn nhân",
        "Công chức Tư pháp - Hộ tịch",
        None,
        "Giấy và điện tử",
        "",
    ),
    ("QT-HT-04", "Sổ đăng ký khai tử", "Công chức Tư pháp - Hộ tịch", None, "Giấy và điện tử", ""),
    (
        "QT-CT-01",
        "Sổ chứng thực bản sao từ bản chính",
        "Công chức Tư pháp - Hộ tịch",
        None,
        "Giấy",
        "",
    ),
    ("QT-CT-02", "Sổ chứng thực chữ ký", "Công chức Tư pháp - Hộ tịch", None, "Giấy", ""),
    (
        "QT-CT-03",
        "Hồ sơ chứng thực hợp đồng, giao dịch",
        "Công chức Tư pháp - Hộ tịch",
        20,
        "Giấy",
        "Lưu bản chính hợp đồng, giao dịch đã chứng thực",
    ),
    (
        "BM.MC.2025.07",
        "Sổ theo dõi hồ sơ (Mẫu 07)",
        "Trung tâm Phục vụ hành chính công",
        10,
        "Giấy và điện tử",
        "Mỗi năm một quyển",
    ),
    (
        "BM.MC.2025.06",
        "Phiếu kiểm soát quá trình giải quyết hồ sơ",
        "Lưu cùng hồ sơ TTHC",
        10,
        "Giấy",
        "",
    ),
    ("QT-DGNB-01", "Kế hoạch, báo cáo đánh giá nội bộ", "Thư ký ISO", 5, "Giấy và điện tử", ""),
    ("QT-XXLD-01", "Biên bản họp xem xét của lãnh đạo", "Thư ký ISO", 5, "Giấy", ""),
    (
        "QT-KSTL-01",
        "Phiếu đề nghị soạn thảo, sửa đổi tài liệu (BM-KSTL-03)",
        "Thư ký ISO",
        3,
        "Giấy",
        "",
    ),
    ("QT-KSTL-01", "Sổ theo dõi phân phối tài liệu (BM-KSTL-04)", "Thư ký ISO", 5, "Giấy", ""),
]


FORM_PARENTS = {
    "BM-KSTL-01": "QT-KSTL-01",
    "BM-KSTL-02": "QT-KSTL-01",
    "BM-KSTL-03": "QT-KSTL-01",
    "BM-KSTL-04": "QT-KSTL-01",
    "BM-KSHS-01": "QT-KSHS-01",
}


def load_demo_documents(db: Database) -> int:
    from sqlalchemy import select

    from isoqms.db.models import Document, RecordType, utcnow
    from isoqms.domain.documents import parse_retention

    items = demo_documents()
    with write(db, None, None, system=True) as uow:
        for item in items:
            _enter_existing(uow, item)
        ids = {code: id_ for code, id_ in uow.session.execute(select(Document.code, Document.id))}
        # the ISO register forms belong to the commune's document and records procedures
        for form_code, parent in FORM_PARENTS.items():
            form = uow.session.get(Document, ids[form_code])
            assert form is not None
            form.parent_id = ids[parent]
            uow.record("document.parent", "document", form_code, after={"parent": parent})
        for code, name, keeper, years, medium, note in DEMO_RECORDS:
            record = RecordType(
                name=name,
                document_id=ids[code],
                keeper=keeper,
                retention_years=parse_retention(years),
                medium=medium,
                note=note,
                active=True,
                created_at=utcnow(),
            )
            uow.session.add(record)
            uow.session.flush()
            uow.record("record_type.add", "record_type", record.id, after={"name": name})
    return len(items)
