"""A checkpoint on one A4 page, for the committee's minutes: what it says in words and
figures, the short form a person types back (``SEQ:HASH``), and a QR code of the whole
checkpoint."""

from __future__ import annotations

import io
import json
from xml.sax.saxutils import escape

from isoqms.domain.anchor import Anchor
from isoqms.render import fonts
from isoqms.render.slips import QrCode

#: What the counts of a checkpoint are called on paper.
COUNT_LABELS = (
    ("audit_event", "Sự kiện trong nhật ký"),
    ("dossier", "Hồ sơ tiếp nhận"),
    ("dossier_event", "Bước xử lý hồ sơ"),
    ("print_log", "Lần in"),
    ("stored_file", "Tệp lưu trữ"),
    ("document", "Tài liệu ISO"),
    ("document_revision", "Lần ban hành tài liệu"),
    ("revision_signature", "Chữ ký trên tài liệu"),
    ("app_user", "Người dùng"),
)


def _grouped(digest: str) -> str:
    return " ".join(digest[i : i + 8] for i in range(0, len(digest), 8))


def to_pdf(anchor: Anchor, *, made_local: str, maker: str) -> bytes:
    """The checkpoint's page. ``made_local``: when it was made, as the reader's clock
    says (dd/mm/yyyy HH:MM); ``maker``: who made it, by name."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    fonts.register()
    body = ParagraphStyle("b", fontName=fonts.SERIF, fontSize=10.5, leading=14)
    small = ParagraphStyle("s", parent=body, fontSize=9, leading=12)
    centred = ParagraphStyle("c", parent=small, alignment=1)
    title = ParagraphStyle(
        "t", parent=body, fontName=fonts.SERIF_BOLD, fontSize=15, leading=20, alignment=1
    )
    mono = ParagraphStyle("m", parent=body, fontName="Courier", fontSize=9.5, leading=12)
    bold = ParagraphStyle("h", parent=body, fontName=fonts.SERIF_BOLD)
    out = io.BytesIO()
    width = A4[0] - 36 * mm
    doc = SimpleDocTemplate(
        out,
        pagesize=A4,
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        topMargin=16 * mm,
        bottomMargin=16 * mm,
        title=f"Mốc kiểm tra nhật ký — sự kiện số {anchor.seq}",
        author="isoqms",
    )
    facts: list[list[object]] = [
        [Paragraph("Lập lúc", bold), Paragraph(escape(made_local), body)],
        [Paragraph("Người lập", bold), Paragraph(escape(maker), body)],
        [Paragraph("Sự kiện cuối của nhật ký", bold), Paragraph(f"số {anchor.seq}", body)],
        [Paragraph("Mã băm của sự kiện đó", bold), Paragraph(_grouped(anchor.hash), mono)],
    ]
    if anchor.first_hash:
        facts.append(
            [Paragraph("Mã băm sự kiện số 1", bold), Paragraph(_grouped(anchor.first_hash), mono)]
        )
    for key, label in COUNT_LABELS:
        if key in anchor.counts:
            figure = f"{anchor.counts[key]:,}".replace(",", ".")
            facts.append([Paragraph(label, body), Paragraph(figure, body)])
    table = Table(facts, colWidths=[width * 0.36, width * 0.64])
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.4, colors.black),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ]
        )
    )
    essentials = {k: v for k, v in anchor.body().items() if k not in ("counts", "unit")}
    qr_text = json.dumps(essentials, ensure_ascii=False, separators=(",", ":"))
    code = Table(
        [
            [
                QrCode(qr_text, 46 * mm),
                [
                    Paragraph("Mã đối chiếu (gõ lại được khi kiểm tra):", bold),
                    Spacer(1, 2 * mm),
                    Paragraph(f"{anchor.seq}:{anchor.hash[:32]}<br/>{anchor.hash[32:]}", mono),
                    Spacer(1, 3 * mm),
                    Paragraph(
                        "Kiểm tra: <font name='Courier'>isoqms audit verify --against "
                        f"{anchor.seq}:…</font> (nhập đủ mã trên), hoặc quét mã QR bên cạnh.",
                        small,
                    ),
                ],
            ]
        ],
        colWidths=[50 * mm, width - 50 * mm],
    )
    code.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))
    signatures = Table(
        [
            [Paragraph("NGƯỜI LẬP", bold), Paragraph("THƯ KÝ BAN CHỈ ĐẠO ISO", bold),
             Paragraph("TRƯỞNG BAN CHỈ ĐẠO ISO", bold)],
            [Paragraph("(ký, ghi rõ họ tên)", small)] * 3,
        ],
        colWidths=[width / 3] * 3,
        rowHeights=[None, 28 * mm],
    )  # fmt: skip
    signatures.setStyle(
        TableStyle([("ALIGN", (0, 0), (-1, -1), "CENTER"), ("VALIGN", (0, 0), (-1, -1), "TOP")])
    )
    story: list[object] = [
        Paragraph(escape(anchor.unit), body),
        Spacer(1, 4 * mm),
        Paragraph("MỐC KIỂM TRA NHẬT KÝ", title),
        Paragraph("(trạng thái nhật ký kiểm tra của isoqms, lưu kèm biên bản)", centred),
        Spacer(1, 5 * mm),
        table,
        Spacer(1, 5 * mm),
        code,
        Spacer(1, 4 * mm),
        Paragraph(
            "Trang này ghi lại nhật ký kiểm tra tại thời điểm lập. Từ nay, nếu nhật ký bị cắt "
            "bớt, bị thay bằng bản cũ hơn hoặc bị ghi lại từ bất kỳ sự kiện nào tới sự kiện "
            f"số {anchor.seq}, phép kiểm tra đối chiếu với mốc này sẽ báo sai. Người chỉ giữ "
            "cơ sở dữ liệu không sửa được trang giấy này: hãy lưu nó cùng biên bản.",
            small,
        ),
        Spacer(1, 8 * mm),
        signatures,
    ]
    doc.build(story)
    return out.getvalue()
