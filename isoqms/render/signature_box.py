"""The visible box of a digital signature: who signed and when, in Noto Serif (every
Vietnamese letter), drawn as a small PDF page that the signature's appearance shows."""

from __future__ import annotations

import io
from collections.abc import Sequence

from reportlab.pdfgen import canvas

from isoqms.render import fonts


def box_pdf(width: float, height: float, lines: Sequence[str], *, size: float = 8.0) -> bytes:
    """A ``width``×``height`` point page with ``lines`` left-aligned, centred vertically;
    the font shrinks until the longest line fits."""
    fonts.register()
    pad = 4.0
    from reportlab.pdfbase.pdfmetrics import stringWidth

    widest = max((stringWidth(line, fonts.SERIF, size) for line in lines), default=0.0)
    if widest > width - 2 * pad:
        size = max(4.0, size * (width - 2 * pad) / widest)
    leading = size * 1.25
    out = io.BytesIO()
    page = canvas.Canvas(out, pagesize=(width, height), pageCompression=1)
    page.setFont(fonts.SERIF, size)
    top = (height + leading * len(lines)) / 2 - size
    for index, line in enumerate(lines):
        page.drawString(pad, top - index * leading, line)
    page.showPage()
    page.save()
    return out.getvalue()
