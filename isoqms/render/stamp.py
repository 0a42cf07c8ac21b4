"""Printed copies of controlled documents: every page gets the footer that says what the
paper is ("Bản có kiểm soát số N" / "Bản không kiểm soát", code, issue, effective date,
page) and a QR code a reader can check; a revision no longer in force is watermarked
"HẾT HIỆU LỰC". The marks are drawn with reportlab and laid over the pages with PDFium,
so the document's own text stays text."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass

import pypdfium2 as pdfium
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from isoqms.render import fonts
from isoqms.render.pdfium_lock import PDFIUM
from isoqms.render.slips import QrCode

UNCONTROLLED = "Bản không kiểm soát"
OBSOLETE = "HẾT HIỆU LỰC"
DRAFT = "DỰ THẢO"
QR_PREFIX = "ISOQMS-COPY"


def controlled_label(copy_no: int) -> str:
    return f"Bản có kiểm soát số {copy_no}"


@dataclass(frozen=True)
class CopyMark:
    code: str
    issue: str  # "02", or "02.1" for an amendment
    effective_from: dt.date | None
    copy_no: int | None  # None: an uncontrolled copy
    watermark: str  # "" or OBSOLETE or DRAFT, across every page
    content_hash: str

    @property
    def label(self) -> str:
        return controlled_label(self.copy_no) if self.copy_no else UNCONTROLLED

    @property
    def qr_payload(self) -> str:
        """What the QR code carries: document, issue, copy number, signed content hash."""
        copy = str(self.copy_no) if self.copy_no else "0"
        return f"{QR_PREFIX}|{self.code}|{self.issue}|{copy}|{self.content_hash}"

    def footer(self, page: int, pages: int) -> str:
        effective = f"{self.effective_from:%d/%m/%Y}" if self.effective_from else "—"
        return (
            f"{self.label} — Mã hiệu: {self.code} — Lần ban hành: {self.issue} — "
            f"Ngày hiệu lực: {effective} — Trang {page}/{pages}"
        )


def _overlay(sizes: list[tuple[float, float]], mark: CopyMark) -> bytes:
    fonts.register()
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=sizes[0])
    canvas.setTitle(mark.label)
    qr_size = 16 * mm
    for number, (width, height) in enumerate(sizes, start=1):
        canvas.setPageSize((width, height))
        if mark.watermark:
            canvas.saveState()
            canvas.setFillColor(colors.red)
            canvas.setFillAlpha(0.22)
            canvas.translate(width / 2, height / 2)
            canvas.rotate(45 if height >= width else 30)
            size = min(width, height) / 7
            canvas.setFont(fonts.SERIF_BOLD, size)
            canvas.drawCentredString(0, -size / 3, mark.watermark)
            canvas.restoreState()
        text = mark.footer(number, len(sizes))
        canvas.setFillColor(colors.white)
        canvas.rect(6 * mm, 2.5 * mm, width - qr_size - 14 * mm, 5 * mm, stroke=0, fill=1)
        canvas.setFillColor(colors.black)
        font_size = 7.5
        while canvas.stringWidth(text, fonts.SERIF, font_size) > width - qr_size - 16 * mm:
            font_size -= 0.25
        canvas.setFont(fonts.SERIF_BOLD if mark.copy_no else fonts.SERIF, font_size)
        canvas.drawString(7 * mm, 4 * mm, text)
        canvas.setFillColor(colors.white)
        canvas.rect(width - qr_size - 4 * mm, 1.5 * mm, qr_size, qr_size, stroke=0, fill=1)
        QrCode(mark.qr_payload, qr_size).drawOn(canvas, width - qr_size - 4 * mm, 1.5 * mm)
        canvas.showPage()
    canvas.save()
    return out.getvalue()


def stamp(pdf: bytes, mark: CopyMark) -> bytes:
    """``pdf`` with the copy's footer, QR code and watermark (if any) on every page."""
    overlay_pdf = _overlay_sizes_first(pdf, mark)
    with PDFIUM:
        return _stamp(pdf, overlay_pdf)


def _overlay_sizes_first(pdf: bytes, mark: CopyMark) -> bytes:
    with PDFIUM:
        document = pdfium.PdfDocument(pdf)
        try:
            sizes = [document[i].get_size() for i in range(len(document))]
        finally:
            document.close()
    return _overlay(sizes, mark)


def _stamp(pdf: bytes, overlay_pdf: bytes) -> bytes:
    document = pdfium.PdfDocument(pdf)
    try:
        overlay = pdfium.PdfDocument(overlay_pdf)
        try:
            for index in range(len(document)):
                xobject = overlay.page_as_xobject(index, document)
                page = document[index]
                page.insert_obj(xobject.as_pageobject())
                page.gen_content()
            out = io.BytesIO()
            document.save(out)
            return out.getvalue()
        finally:
            overlay.close()
    finally:
        document.close()
