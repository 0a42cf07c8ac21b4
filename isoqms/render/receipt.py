"""Mẫu 01 drawn straight onto the canvas — the counter's hot path.

The receipt is printed for every dossier while the citizen waits, so it is laid out here
by hand rather than through platypus: lines are broken with the fonts' metrics, the page
is drawn once as a PDF form that both copies use, and each copy writes only its label.
The layout is the one :func:`isoqms.render.slips.receipt_story` gives through platypus
(the same styles, columns, table and signature block); a slip too long for one page at
the smallest font scale falls back to that one, which can split a copy over pages.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from isoqms.domain.calendar import format_vn_datetime
from isoqms.render import fonts
from isoqms.render.slips import (
    PaperSize,
    ReceiptSlip,
    SlipRenderer,
    first_line,
    qr_matrix,
    vn_date_line,
)

REGULAR, BOLD, ITALIC = fonts.SERIF, fonts.SERIF_BOLD, fonts.SERIF_ITALIC
MARK_COLOUR = colors.HexColor("#b00020")

#: A run of text in one font: (text, font name).
Run = tuple[str, str]
_SPACES = re.compile(r"( +)")


@dataclass(frozen=True)
class Line:
    """One laid-out line: its segments (text, font, x offset) and width."""

    segments: tuple[tuple[str, str, float], ...]
    width: float


def break_lines(runs: Sequence[Run], size: float, width: float) -> list[Line]:
    """Greedy word wrap of runs in several fonts; spaces between words are kept as typed
    (across runs too), a word wider than the line is cut."""
    words: list[tuple[str, str, int]] = []  # (word, font, spaces before it)
    pending = 0
    for text, font in runs:
        for token in _SPACES.split(text):
            if not token:
                continue
            if token[0] == " ":
                pending += len(token)
            else:
                words.append((token, font, pending))
                pending = 0
    lines: list[Line] = []
    current: list[tuple[str, str, float]] = []  # (text, font, x)
    x = 0.0
    for word, font, spaces in words:
        w = stringWidth(word, font, size)
        gap = spaces * stringWidth(" ", font, size) if current else 0.0
        if current and x + gap + w > width:
            lines.append(Line(tuple(current), x))
            current, x, gap, spaces = [], 0.0, 0.0, 0
        while not current and w > width and len(word) > 1:  # wider than the line
            cut = max(1, int(len(word) * width / w))
            head, word = word[:cut], word[cut:]
            lines.append(Line(((head, font, 0.0),), stringWidth(head, font, size)))
            w = stringWidth(word, font, size)
        if current and current[-1][1] == font:
            text, _font, start = current[-1]
            current[-1] = (f"{text}{' ' * spaces}{word}", font, start)
        else:
            current.append((word, font, x + gap))
        x += gap + w
    if current or not lines:
        lines.append(Line(tuple(current), x))
    return lines


@dataclass(frozen=True)
class LineOp:
    line: Line
    x: float
    baseline: float  # below the frame's top
    size: float
    underline: bool = False
    colour: object = None


@dataclass(frozen=True)
class QrOp:
    code: str
    x: float
    y: float  # its top, below the frame's top
    size: float


@dataclass(frozen=True)
class GridOp:
    edges: tuple[float, ...]  # row edges, below the frame's top
    widths: tuple[float, ...]


class ReceiptLayout:
    """Lays out one copy of Mẫu 01 from the top of the frame down; ``draw`` calls record
    what to paint, so a layout can be measured before anything is painted."""

    def __init__(self, r: SlipRenderer, labels: Sequence[str] = ("",)) -> None:
        self.r = r
        self.labels = labels  # the copy labels: the title block keeps room for the longest
        self.size = r.body.fontSize
        self.leading = r.body.leading
        self.ops: list[LineOp | QrOp | GridOp] = []
        self.y = 0.0  # distance below the frame's top
        self.label_at: tuple[float, float, float] | None = None

    # ---------------------------------------------------------------- primitives

    def text(
        self,
        runs: Sequence[Run],
        *,
        size: float | None = None,
        leading: float | None = None,
        x: float = 0.0,
        width: float | None = None,
        centre: bool = False,
        underline: bool = False,
        colour: object = None,
        right: bool = False,
    ) -> float:
        """Lay out a paragraph at the current position; returns its height."""
        size = size or self.size
        leading = leading or self.leading
        width = self.r.frame_width - x if width is None else width
        lines = break_lines(runs, size, width)
        for n, line in enumerate(lines):
            if centre:
                left = x + (width - line.width) / 2
            elif right:
                left = x + width - line.width
            else:
                left = x
            baseline = self.y + n * leading + size
            self.ops.append(LineOp(line, left, baseline, size, underline, colour))
        height = len(lines) * leading
        return height

    def para(self, runs: Sequence[Run], **kw: object) -> None:
        self.y += self.text(runs, **kw)  # type: ignore[arg-type]

    # ---------------------------------------------------------------- blocks

    def header(self, slip: ReceiptSlip) -> None:
        r, f = self.r, slip.form
        left: list[tuple[list[Run], bool]] = [
            ([(slip.head.authority.upper(), REGULAR)], False),
            ([(f.text("desk_line"), BOLD)], False),
        ]
        right: list[tuple[list[Run], bool]] = [
            ([("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", BOLD)], False),
            ([("Độc lập - Tự do - Hạnh phúc", BOLD)], True),
            ([(vn_date_line(slip.head.place, slip.received_at.date()), ITALIC)], False),
        ]
        if r.paper is PaperSize.ROLL_80MM:
            for runs, underline in left:
                self.para(runs, centre=True, underline=underline)
            self.y += 2
            for runs, underline in right:
                self.para(runs, centre=True, underline=underline)
            return
        top, lw = self.y, r.frame_width * 0.42
        heights = []
        for column, x, w in ((left, 0.0, lw), (right, lw, r.frame_width - lw)):
            self.y = top
            for runs, underline in column:
                self.para(runs, x=x, width=w, centre=True, underline=underline)
            heights.append(self.y - top)
        self.y = top + max(heights)

    def title(self, slip: ReceiptSlip) -> None:
        r, f = self.r, slip.form
        qr = 20 * mm if r.paper is not PaperSize.A4 else 26 * mm
        title_size, title_leading = self.size * 1.25, self.size * 1.6
        roll = r.paper is PaperSize.ROLL_80MM
        width = r.frame_width if roll else r.frame_width - qr - 4
        # measure the block: space before the title, title, code, copy label
        measure = ReceiptLayout(r)
        block = self.size * 0.6 + measure.text(
            [(f.text("title"), BOLD)], size=title_size, leading=title_leading, width=width
        )
        block += measure.text([("Mã hồ sơ: ", REGULAR), (slip.code, BOLD)], width=width)
        label_lines = max(len(break_lines([(t, ITALIC)], self.size, width)) for t in self.labels)
        block += self.leading * label_lines
        top = self.y
        row = block if roll else max(block, qr)
        self.y = top + (row - block) / 2 + self.size * 0.6
        self.para(
            [(f.text("title"), BOLD)],
            size=title_size,
            leading=title_leading,
            width=width,
            centre=True,
        )
        self.para([("Mã hồ sơ: ", REGULAR), (slip.code, BOLD)], width=width, centre=True)
        self.label_at = (0.0, self.y, width)  # the copy label, written on each page
        self.y += self.leading * label_lines
        if roll:
            self.ops.append(QrOp(slip.code, (r.frame_width - qr) / 2, self.y, qr))
            self.y += qr
        else:
            self.ops.append(QrOp(slip.code, width + 4, top + (row - qr) / 2, qr))
            self.y = top + row

    def papers(self, slip: ReceiptSlip) -> None:
        r, f = self.r, slip.form
        size, leading = self.size * 0.92, self.size * 1.15
        w = r.frame_width
        widths = (w * 0.09, w * 0.63, w * 0.28)
        pad_x, pad_y = 2.0, 3.0
        header = [(c, BOLD, True) for c in f.texts["papers_columns"]]
        rows = [header] + [
            [(str(i), REGULAR, True), (p.name, REGULAR, False), (p.quantity, REGULAR, True)]
            for i, p in enumerate(slip.papers, start=1)
        ]
        if not slip.papers:
            rows.append([("", REGULAR, True), ("—", REGULAR, False), ("", REGULAR, True)])
        top = self.y
        edges = [top]
        for cells in rows:
            laid = [
                break_lines([(text, font)], size, cw - 2 * pad_x)
                for (text, font, _c), cw in zip(cells, widths, strict=True)
            ]
            height = max(len(lines) for lines in laid) * leading + 2 * pad_y
            x = 0.0
            for lines, (_t, _f, centre), cw in zip(laid, cells, widths, strict=True):
                offset = self.y + (height - len(lines) * leading) / 2  # VALIGN middle
                for n, line in enumerate(lines):
                    left = x + pad_x + ((cw - 2 * pad_x - line.width) / 2 if centre else 0)
                    baseline = offset + n * leading + size
                    self.ops.append(LineOp(line, left, baseline, size))
                x += cw
            self.y += height
            edges.append(self.y)
        self.ops.append(GridOp(tuple(edges), widths))

    def signatures(self, slip: ReceiptSlip) -> None:
        r, f = self.r, slip.form
        half = r.frame_width / 2
        top, bottoms = self.y, []
        for x, title, name in (
            (0.0, f.text("sign_left"), ""),
            (half, f.text("sign_right"), slip.clerk),
        ):
            self.y = top
            self.para([(title, BOLD)], x=x, width=half, centre=True)
            self.para([(f.text("sign_hint"), ITALIC)], x=x, width=half, centre=True)
            self.y += self.leading * 2.5
            if name:
                self.para([(name, BOLD)], x=x, width=half, centre=True)
            bottoms.append(self.y)
        self.y = max(bottoms)

    def labelled(self, label: str, value: str) -> None:
        self.para([(f"{label}: ", REGULAR), (value or "…", BOLD)])

    def receipt(self, slip: ReceiptSlip, watermark: str | None) -> None:
        f = slip.form
        if watermark:
            self.para([(watermark, BOLD)], right=True, colour=MARK_COLOUR)
        self.header(slip)
        self.title(slip)
        self.para([(first_line(slip), REGULAR)])
        self.labelled(f.text("applicant"), slip.applicant)
        if slip.id_number:
            self.labelled(f.text("id_number"), slip.id_number)
        self.labelled(f.text("address"), slip.address)
        self.para(
            [
                (f"{f.text('phone')}: ", REGULAR),
                (slip.phone or "…", BOLD),
                (f"   {f.text('email')}: ", REGULAR),
                (slip.email or "…", BOLD),
            ]
        )
        self.labelled(f.text("request"), slip.request)
        self.para([(f.text("papers_heading"), REGULAR)])
        self.papers(slip)
        self.para(
            [
                (f"{f.text('sets')}: ", REGULAR),
                (f"{slip.sets:02d}", BOLD),
                (f" {f.text('sets_unit')}", REGULAR),
            ]
        )
        self.para([(f"{f.text('duration')}: ", REGULAR), (slip.duration_text, BOLD)])
        self.para(
            [(f"{f.text('received')}: ", REGULAR), (format_vn_datetime(slip.received_at), BOLD)]
        )
        self.para(
            [
                (f"{f.text('appointment')}: ", REGULAR),
                (format_vn_datetime(slip.appointment), BOLD),
            ]
        )
        self.labelled(f.text("delivery"), slip.delivery)
        if slip.fee:
            self.labelled(f.text("fee"), slip.fee)
        self.para([(f.text("ledger", book=slip.book, number=slip.book_number), REGULAR)])
        self.y += self.leading * 0.5
        self.signatures(slip)
        small = self.r.small
        self.para([(f.text("notes"), ITALIC)], size=small.fontSize, leading=small.leading)

    # ---------------------------------------------------------------- painting

    def paint(self, canvas: Canvas, top: float) -> None:
        left = self.r.margin
        for op in self.ops:
            if isinstance(op, LineOp):
                _paint_line(
                    canvas,
                    op.line,
                    left + op.x,
                    top - op.baseline,
                    op.size,
                    op.underline,
                    op.colour,
                )
            elif isinstance(op, QrOp):
                _paint_qr(canvas, op.code, left + op.x, top - op.y - op.size, op.size)
            else:
                _paint_grid(canvas, left, top, op.edges, op.widths)


def _paint_line(
    canvas: Canvas,
    line: Line,
    x: float,
    y: float,
    size: float,
    underline: bool,
    colour: object,
) -> None:
    canvas.setFillColor(colour or colors.black)
    for text, font, offset in line.segments:
        canvas.setFont(font, size)
        canvas.drawString(x + offset, y, text)
    if underline:
        canvas.setLineWidth(size / 16)
        canvas.line(x, y - size * 0.15, x + line.width, y - size * 0.15)


def _paint_qr(canvas: Canvas, code: str, x: float, y: float, size: float) -> None:
    matrix = qr_matrix(code)
    border = 2
    cell = size / (len(matrix) + 2 * border)
    canvas.setFillColor(colors.black)
    path = canvas.beginPath()
    for r, row in enumerate(matrix):
        for c, dark in enumerate(row):
            if dark:
                path.rect(x + (c + border) * cell, y + size - (r + border + 1) * cell, cell, cell)
    canvas.drawPath(path, stroke=0, fill=1)


def _paint_grid(
    canvas: Canvas,
    left: float,
    top: float,
    edges: tuple[float, ...],
    widths: tuple[float, ...],
) -> None:
    canvas.setStrokeColor(colors.black)
    canvas.setLineWidth(0.5)
    right = left + sum(widths)
    for edge in edges:
        canvas.line(left, top - edge, right, top - edge)
    x = left
    for w in (0.0, *widths):
        x += w
        canvas.line(x, top - edges[0], x, top - edges[-1])


def render_receipt_fast(
    slip: ReceiptSlip, paper: PaperSize | str, labels: Sequence[str], watermark: str | None
) -> bytes | None:
    """Both copies on one page each, or ``None`` if a copy does not fit one page even at
    the smallest font scale (the caller then lets platypus split it)."""
    for scale in SlipRenderer.SCALES:
        r = SlipRenderer(paper, scale)
        layout = ReceiptLayout(r, labels)
        layout.receipt(slip, watermark)
        room = r.height - 2 * r.margin
        if r.height and layout.y > room:
            continue
        height = r.height or layout.y + 2 * r.margin + 6
        return _paint(r, layout, labels, height, slip)
    return None


def _paint(
    r: SlipRenderer, layout: ReceiptLayout, labels: Sequence[str], height: float, slip: ReceiptSlip
) -> bytes:
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(r.width, height), pageCompression=1)
    canvas.setTitle(f"{slip.form.text('title')} — {slip.code}")
    canvas.setAuthor("isoqms")
    canvas.setSubject(slip.code)
    canvas.setCreator("isoqms")
    top = height - r.margin
    canvas.beginForm("copy")
    layout.paint(canvas, top)
    canvas.endForm()
    assert layout.label_at is not None
    x, y, width = layout.label_at
    for text in labels:
        canvas.doForm("copy")
        for n, line in enumerate(break_lines([(text, ITALIC)], layout.size, width)):
            left = r.margin + x + (width - line.width) / 2
            baseline = top - (y + n * layout.leading + layout.size)
            _paint_line(canvas, line, left, baseline, layout.size, False, None)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()
