"""The counter's slips as PDF: Mẫu 01 (receipt and appointment, two copies), Mẫu 02
(supplement request), Mẫu 03 (refusal); on A5, A4 or an 80 mm roll.

Layout apart from content (after pretix's invoice renderer): :class:`SlipRenderer` owns
page sizes, styles and the header block; the ``*_story`` functions say what is printed,
from a frozen snapshot and the form's texts (``forms/*/manifest.json``). The result is
bytes; nothing here touches the database.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, ClassVar
from xml.sax.saxutils import escape

import segno
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from isoqms.domain.calendar import format_vn_datetime
from isoqms.domain.forms import FormTexts
from isoqms.render import fonts


class PaperSize(enum.StrEnum):
    A5 = "a5"
    A4 = "a4"
    ROLL_80MM = "80mm"


@dataclass(frozen=True)
class PaperLine:
    name: str
    quantity: str


@dataclass(frozen=True)
class Letterhead:
    authority: str  # "UBND XÃ BÌNH MINH"
    place: str  # "Xã Bình Minh" (before the date)
    desk_name: str  # "Trung tâm Phục vụ hành chính công xã Bình Minh"


@dataclass(frozen=True)
class ReceiptSlip:
    form: FormTexts
    head: Letterhead
    code: str
    applicant: str
    id_number: str
    address: str
    phone: str
    email: str
    request: str
    papers: tuple[PaperLine, ...]
    sets: int
    duration_text: str
    received_at: dt.datetime
    appointment: dt.datetime
    delivery: str
    fee: str
    book: str
    book_number: int
    clerk: str
    reprint: bool = False


@dataclass(frozen=True)
class NoticeSlip:
    form: FormTexts
    head: Letterhead
    number: str
    issued_at: dt.datetime
    applicant: str
    id_number: str
    address: str
    phone: str
    email: str
    request: str
    papers: tuple[PaperLine, ...]
    reason: str
    officer: str
    officer_phone: str
    reprint: bool = False


def vn_date_line(place: str, day: dt.date) -> str:
    return f"{place}, ngày {day.day:02d} tháng {day.month:02d} năm {day.year}"


@functools.lru_cache(maxsize=256)
def qr_matrix(data: str) -> tuple[tuple[int, ...], ...]:
    """The QR code's modules (encoding costs ~5 ms; the preview and the print of a slip
    carry the same code)."""
    return tuple(tuple(row) for row in segno.make(data, error="m", micro=False).matrix)


class QrCode(Flowable):
    """A QR code drawn as one path (fast, sharp at any resolution)."""

    def __init__(self, data: str, size: float) -> None:
        super().__init__()
        self.data = data
        self.size = size

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.size, self.size

    def draw(self) -> None:
        matrix = qr_matrix(self.data)
        border = 2
        cells = len(matrix) + 2 * border
        cell = self.size / cells
        canvas = self.canv
        canvas.setFillColor(colors.black)
        path = canvas.beginPath()
        top = self.size
        for r, row in enumerate(matrix):
            for c, dark in enumerate(row):
                if dark:
                    x = (c + border) * cell
                    y = top - (r + border + 1) * cell
                    path.rect(x, y, cell, cell)
        canvas.drawPath(path, stroke=0, fill=1)


class SlipRenderer:
    """Page sizes, styles, the two-column header and the copy pages."""

    SIZES: ClassVar[dict[PaperSize, tuple[float, float, float, float]]] = {
        # width, height (0: as long as the content), margin, body font size
        PaperSize.A5: (148 * mm, 210 * mm, 10 * mm, 9.5),
        PaperSize.A4: (210 * mm, 297 * mm, 18 * mm, 12),
        PaperSize.ROLL_80MM: (80 * mm, 0, 3 * mm, 7.5),
    }

    #: Font scales tried in turn until a copy fits on one page (long procedure names).
    SCALES = (1.0, 0.92, 0.85, 0.78)

    def __init__(self, paper: PaperSize | str = PaperSize.A5, scale: float = 1.0) -> None:
        fonts.register()
        self.paper = PaperSize(paper)
        self.width, self.height, self.margin, size = self.SIZES[self.paper]
        size *= scale
        self.frame_width = self.width - 2 * self.margin
        lead = size * 1.3
        self.body = ParagraphStyle("body", fontName=fonts.SERIF, fontSize=size, leading=lead)
        self.small = ParagraphStyle(
            "small", parent=self.body, fontSize=size * 0.85, leading=size * 1.1
        )
        self.centre = ParagraphStyle("centre", parent=self.body, alignment=TA_CENTER)
        self.centre_bold = ParagraphStyle(
            "centreBold", parent=self.centre, fontName=fonts.SERIF_BOLD
        )
        self.italic_centre = ParagraphStyle(
            "italicCentre", parent=self.centre, fontName=fonts.SERIF_ITALIC
        )
        self.title = ParagraphStyle(
            "title",
            parent=self.centre_bold,
            fontSize=size * 1.25,
            leading=size * 1.6,
            spaceBefore=size * 0.6,
        )
        self.right = ParagraphStyle("right", parent=self.body, alignment=TA_RIGHT)
        self.cell = ParagraphStyle(
            "cell", parent=self.body, fontSize=size * 0.92, leading=size * 1.15, alignment=TA_LEFT
        )
        self.cell_centre = ParagraphStyle("cellCentre", parent=self.cell, alignment=TA_CENTER)
        self.mark = ParagraphStyle(
            "mark",
            parent=self.right,
            fontName=fonts.SERIF_BOLD,
            textColor=colors.HexColor("#b00020"),
        )

    # ------------------------------------------------------------------ building blocks

    def p(self, text: str, style: ParagraphStyle | None = None) -> Paragraph:
        return Paragraph(text, style or self.body)

    def labelled(self, label: str, value: str) -> Paragraph:
        return self.p(f"{escape(label)}: <b>{escape(value) or '…'}</b>")

    def header(
        self, head: Letterhead, form: FormTexts, day: dt.date, number: str | None = None
    ) -> list[Flowable]:
        left = [
            self.p(escape(head.authority.upper()), self.centre),
            self.p(f"<b>{escape(form.text('desk_line'))}</b>", self.centre),
        ]
        if number:
            left.append(self.p(escape(number), self.centre))
        right = [
            self.p("<b>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</b>", self.centre),
            self.p("<b><u>Độc lập - Tự do - Hạnh phúc</u></b>", self.centre),
            self.p(f"<i>{escape(vn_date_line(head.place, day))}</i>", self.centre),
        ]
        if self.paper is PaperSize.ROLL_80MM:
            return [*left, Spacer(1, 2), *right]
        table = Table([[left, right]], colWidths=[self.frame_width * 0.42, self.frame_width * 0.58])
        table.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ]
            )
        )
        return [table]

    def papers_table(self, columns: Sequence[str], papers: Sequence[PaperLine]) -> Table:
        rows: list[list[Any]] = [[self.p(f"<b>{escape(c)}</b>", self.cell_centre) for c in columns]]
        for i, paper in enumerate(papers, start=1):
            rows.append(
                [
                    self.p(str(i), self.cell_centre),
                    self.p(escape(paper.name), self.cell),
                    self.p(escape(paper.quantity), self.cell_centre),
                ]
            )
        if not papers:
            rows.append([self.p("", self.cell), self.p("—", self.cell), self.p("", self.cell)])
        w = self.frame_width
        table = Table(rows, colWidths=[w * 0.09, w * 0.63, w * 0.28], repeatRows=1)
        table.setStyle(
            TableStyle(
                [
                    ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 2),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 2),
                ]
            )
        )
        return table

    def balanced(self, text: str, style: ParagraphStyle) -> Paragraph:
        """A title that does not fit one line, broken where its two lines are nearly even
        (never one word left alone on the second)."""
        from reportlab.pdfbase.pdfmetrics import stringWidth

        def width(part: str) -> float:
            return float(stringWidth(part, style.fontName, style.fontSize))

        words = text.split()
        if width(text) <= self.frame_width or len(words) < 2:
            return self.p(escape(text), style)
        cut = min(
            range(1, len(words)),
            key=lambda i: abs(width(" ".join(words[:i])) - width(" ".join(words[i:]))),
        )
        first, second = " ".join(words[:cut]), " ".join(words[cut:])
        return self.p(f"{escape(first)}<br/>{escape(second)}", style)

    def recipients(self, names: Sequence[str]) -> list[Paragraph]:
        """The "Nơi nhận" block of an administrative letter (Decree 30/2020)."""
        lines = [self.p("<b><i>Nơi nhận:</i></b>", self.small)]
        for i, name in enumerate(names):
            end = "." if i == len(names) - 1 else ";"
            lines.append(self.p(f"- {escape(name)}{end}", self.small))
        return lines

    def signatures(
        self,
        left: str | None,
        right: str,
        hint: str,
        right_name: str = "",
        received: Sequence[str] = (),
    ) -> Table:
        def block(title: str, name: str = "") -> list[Paragraph]:
            cells = [
                self.p(f"<b>{escape(title)}</b>", self.centre),
                self.p(f"<i>{escape(hint)}</i>", self.centre),
                Spacer(1, self.body.leading * 2.5),
            ]
            if name:
                cells.append(self.p(f"<b>{escape(name)}</b>", self.centre))
            return cells

        half = self.frame_width / 2
        if left is None:
            data = [[self.recipients(received) if received else "", block(right, right_name)]]
        else:
            data = [[block(left), block(right, right_name)]]
        table = Table(data, colWidths=[half, half])
        table.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ]
            )
        )
        return table

    # ------------------------------------------------------------------ the document

    def build(
        self,
        pages: Sequence[list[Flowable]],
        *,
        title: str,
        watermark: str | None,
        subject: str = "",
    ) -> bytes:
        """Each element of ``pages`` starts on a new page (one per copy)."""
        height = self.height
        if height == 0:  # roll: as long as the longest copy
            extra = self.body.leading if watermark else 0
            height = max(self._measure(story) for story in pages) + 2 * self.margin + extra
        buffer = io.BytesIO()
        doc = BaseDocTemplate(
            buffer,
            pagesize=(self.width, height),
            leftMargin=self.margin,
            rightMargin=self.margin,
            topMargin=self.margin,
            bottomMargin=self.margin,
            title=title,
            author="isoqms",
            subject=subject,
            creator="isoqms",
        )
        frame = Frame(
            self.margin,
            self.margin,
            self.frame_width,
            height - 2 * self.margin,
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
        )

        doc.addPageTemplates([PageTemplate(id="slip", frames=[frame])])
        story: list[Flowable] = []
        for i, page in enumerate(pages):
            if i:
                story.append(PageBreak())
            if watermark:
                story.append(self.p(escape(watermark), self.mark))
            story.extend(page)
        doc.build(story)
        return buffer.getvalue()

    def fits(self, pages: Sequence[list[Flowable]]) -> bool:
        """Each copy fits on one page (a roll is always as long as its content)."""
        room = self.height - 2 * self.margin - self.body.leading  # leave the reprint mark room
        return self.height == 0 or all(self._measure(story) <= room for story in pages)

    def _measure(self, story: Sequence[Flowable]) -> float:
        total = 0.0
        for flowable in story:
            _w, h = flowable.wrap(self.frame_width, 10_000)
            total += h + flowable.getSpaceBefore() + flowable.getSpaceAfter()
        return total + 6


# ---------------------------------------------------------------------- content


def _contact_line(r: SlipRenderer, slip: ReceiptSlip | NoticeSlip) -> Paragraph:
    f = slip.form
    parts = [f"{escape(f.text('phone'))}: <b>{escape(slip.phone) or '…'}</b>"]
    parts.append(f"{escape(f.text('email'))}: <b>{escape(slip.email) or '…'}</b>")
    return r.p("&nbsp;&nbsp;&nbsp;".join(parts))


def receipt_story(r: SlipRenderer, slip: ReceiptSlip, copy_label: str) -> list[Flowable]:
    f = slip.form
    qr_size = 20 * mm if r.paper is not PaperSize.A4 else 26 * mm
    title_block = [
        r.p(escape(f.text("title")), r.title),
        r.p(f"Mã hồ sơ: <b>{escape(slip.code)}</b>", r.centre),
        r.p(f"<i>({escape(copy_label)})</i>", r.centre),
    ]
    if r.paper is PaperSize.ROLL_80MM:
        top: list[Flowable] = [*title_block, _centred(QrCode(slip.code, qr_size), r.frame_width)]
    else:
        table = Table(
            [[title_block, QrCode(slip.code, qr_size)]],
            colWidths=[r.frame_width - qr_size - 4, qr_size + 4],
        )
        table.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ]
            )
        )
        top = [table]
    story: list[Flowable] = [
        *r.header(slip.head, f, slip.received_at.date()),
        *top,
        r.p(escape(first_line(slip))),
        r.labelled(f.text("applicant"), slip.applicant),
    ]
    if slip.id_number:
        story.append(r.labelled(f.text("id_number"), slip.id_number))
    story += [
        r.labelled(f.text("address"), slip.address),
        _contact_line(r, slip),
        r.labelled(f.text("request"), slip.request),
        r.p(escape(f.text("papers_heading"))),
        r.papers_table(f.texts["papers_columns"], slip.papers),
        r.p(f"{escape(f.text('sets'))}: <b>{slip.sets:02d}</b> {escape(f.text('sets_unit'))}"),
        r.p(f"{escape(f.text('duration'))}: <b>{escape(slip.duration_text)}</b>"),
        r.p(f"{escape(f.text('received'))}: <b>{escape(format_vn_datetime(slip.received_at))}</b>"),
        r.p(
            f"{escape(f.text('appointment'))}: "
            f"<b>{escape(format_vn_datetime(slip.appointment))}</b>"
        ),
        r.labelled(f.text("delivery"), slip.delivery),
    ]
    if slip.fee:
        story.append(r.labelled(f.text("fee"), slip.fee))
    story += [
        r.p(escape(f.text("ledger", book=slip.book, number=slip.book_number))),
        Spacer(1, r.body.leading * 0.5),
        r.signatures(f.text("sign_left"), f.text("sign_right"), f.text("sign_hint"), slip.clerk),
        r.p(f"<i>{escape(f.text('notes'))}</i>", r.small),
    ]
    return story


def _centred(flowable: Flowable, width: float) -> Table:
    table = Table([[flowable]], colWidths=[width])
    table.setStyle(TableStyle([("ALIGN", (0, 0), (-1, -1), "CENTER")]))
    return table


def first_line(slip: ReceiptSlip) -> str:
    """The receipt's first line: the desk, with its label when the form revision writes
    one ("Bộ phận tiếp nhận và trả kết quả: {desk}"); older revisions print the name only,
    and reprint as they did."""
    if "first_line" in slip.form.texts:
        return slip.form.text("first_line", desk=slip.head.desk_name)
    return slip.head.desk_name


def render_receipt(slip: ReceiptSlip, paper: PaperSize | str = PaperSize.A5) -> bytes:
    """Mẫu 01 in two copies, one page each: "Liên 1: Lưu", "Liên 2: Giao người nộp".

    Drawn by :mod:`isoqms.render.receipt` (laid out once, both pages from one PDF form);
    a copy too long for one page even at the smallest font scale goes through platypus
    here, which splits it over pages."""
    from isoqms.render.receipt import render_receipt_fast

    labels = [slip.form.text("copy_1"), slip.form.text("copy_2")]
    watermark = slip.form.text("reprint") if slip.reprint else None
    pdf = render_receipt_fast(slip, paper, [f"({label})" for label in labels], watermark)
    if pdf is not None:
        return pdf
    r = SlipRenderer(paper, SlipRenderer.SCALES[-1])
    return r.build(
        [receipt_story(r, slip, label) for label in labels],
        title=f"{slip.form.text('title')} — {slip.code}",
        watermark=watermark,
        subject=slip.code,
    )


def _notice_head(r: SlipRenderer, slip: NoticeSlip) -> list[Flowable]:
    f = slip.form
    return [
        *r.header(slip.head, f, slip.issued_at.date(), f.text("number", number=slip.number)),
        r.p(escape(f.text("title")), r.title),
        Spacer(1, r.body.leading * 0.3),
    ]


def _applicant_lines(r: SlipRenderer, slip: NoticeSlip) -> list[Flowable]:
    f = slip.form
    lines: list[Flowable] = []
    if slip.id_number:
        lines.append(r.labelled(f.text("id_number"), slip.id_number))
    lines += [
        r.labelled(f.text("address"), slip.address),
        _contact_line(r, slip),
        r.labelled(f.text("request"), slip.request),
    ]
    return lines


def render_supplement(slip: NoticeSlip, paper: PaperSize | str = PaperSize.A5) -> bytes:
    """Mẫu 02: what is missing or must be corrected, and whom to ask."""
    r = SlipRenderer(paper)
    f = slip.form
    story = [
        *_notice_head(r, slip),
        r.labelled(f.text("applicant"), slip.applicant),
        *_applicant_lines(r, slip),
        r.p(escape(f.text("papers_heading"))),
        r.papers_table(f.texts["papers_columns"], slip.papers),
        r.labelled(f.text("reason"), slip.reason),
        r.p(escape(f.text("contact", officer=slip.officer, phone=slip.officer_phone))),
        Spacer(1, r.body.leading * 0.5),
        r.signatures(None, f.text("sign_right"), f.text("sign_hint"), slip.officer),
    ]
    return r.build(
        [story],
        title=f"{f.text('title')} — {slip.number}",
        watermark=f.text("reprint") if slip.reprint else None,
        subject=slip.number,
    )


def render_refusal(slip: NoticeSlip, paper: PaperSize | str = PaperSize.A5) -> bytes:
    """Mẫu 03: the refusal with its reason."""
    r = SlipRenderer(paper)
    f = slip.form
    story = [
        *_notice_head(r, slip),
        r.p(
            f"{escape(slip.head.desk_name)} {escape(f.text('applicant'))}: "
            f"<b>{escape(slip.applicant)}</b>"
        ),
        *_applicant_lines(r, slip),
        r.p(escape(f.text("reason_intro", desk=slip.head.desk_name))),
        r.p(f"<b>{escape(slip.reason)}</b>"),
        r.p(escape(f.text("closing"))),
        Spacer(1, r.body.leading * 0.5),
        r.signatures(None, f.text("sign_right"), f.text("sign_hint"), slip.officer),
    ]
    return r.build(
        [story],
        title=f"{f.text('title')} — {slip.number}",
        watermark=f.text("reprint") if slip.reprint else None,
        subject=slip.number,
    )
