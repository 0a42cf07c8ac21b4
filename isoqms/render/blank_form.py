"""The blank paper form (.docx) of a form revision, from its texts: what the committee
prints for hand-filling and what the register keeps as the stock revision's file. The
slips themselves are drawn by ``render.slips`` from the same texts."""

from __future__ import annotations

import datetime as dt
import io
import string
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

from isoqms.render.ooxml import stable_zip

SKIP = {
    "reprint",
    "copy_1",
    "copy_2",
    "desk_line",
    "number",
    "title",
    "note",
    "results",
    "choices",
    "sets_unit",
    "dates_group",
}
BLANK = "……………………"
PAPERS = {"A5": (Cm(14.8), Cm(21.0)), "A4": (Cm(21.0), Cm(29.7))}


def _fill(text: str) -> str:
    """Put dotted blanks where the program fills in a value."""
    names = [n for _, n, _, _ in string.Formatter().parse(text) if n]
    return text.format(**{n: "……" for n in names}) if names else text


def _paragraph(
    doc: Any,
    text: str,
    *,
    bold: bool = False,
    size: int | None = None,
    center: bool = False,
    italic: bool = False,
) -> None:
    p = doc.add_paragraph()
    run = p.add_run(text)
    run.bold, run.italic = bold, italic
    if size:
        run.font.size = Pt(size)
    if center:
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.paragraph_format.space_after = Pt(2)


def _table(doc: Any, columns: list[str], rows: int) -> None:
    table = doc.add_table(rows=rows + 1, cols=len(columns))
    table.style = "Table Grid"
    for cell, heading in zip(table.rows[0].cells, columns, strict=True):
        cell.text = heading
        for run in cell.paragraphs[0].runs:
            run.bold = True
            run.font.size = Pt(9 if len(columns) > 8 else 11)


def blank_form(manifest: dict[str, Any]) -> bytes:
    texts: dict[str, Any] = manifest["texts"]
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = "Times New Roman"
    normal.font.size = Pt(12 if manifest.get("paper") == "A5" else 13)
    section = doc.sections[0]
    width, height = PAPERS.get(manifest.get("paper", "A4"), PAPERS["A4"])
    wide = any(isinstance(v, list) and len(v) > 8 for v in texts.values())
    if wide:
        section.orientation = WD_ORIENT.LANDSCAPE
        width, height = height, width
    section.page_width, section.page_height = width, height
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(1.5))

    head = doc.add_table(rows=1, cols=2)
    left, right = head.rows[0].cells
    left.text = "UBND XÃ " + BLANK
    if "desk_line" in texts:
        left.add_paragraph(texts["desk_line"]).runs[0].bold = True
    if "number" in texts:
        left.add_paragraph(_fill(texts["number"]))
    right.text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    right.paragraphs[0].runs[0].bold = True
    right.add_paragraph("Độc lập - Tự do - Hạnh phúc").runs[0].bold = True
    right.add_paragraph("……, ngày … tháng … năm …").runs[0].italic = True
    for cell in (left, right):
        for p in cell.paragraphs:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER

    _paragraph(doc, "")
    _paragraph(doc, texts.get("title", manifest["name"].upper()), bold=True, size=14, center=True)
    if "book" in texts:
        _paragraph(doc, _fill(texts["book"]), center=True)
    if "copy_1" in texts:
        _paragraph(doc, f"({texts['copy_1']} / {texts['copy_2']})", italic=True, center=True)

    signs = [texts[k] for k in ("sign_left", "sign_right") if k in texts]
    for key, value in texts.items():
        if key in SKIP or key.startswith("sign_") or key == "book":
            continue
        if isinstance(value, list):
            _table(doc, value, 4 if len(value) <= 8 else 8)
            continue
        text = _fill(str(value))
        if key == "choices" or len(text) > 60 or text.endswith((".", ":", "./.")):
            _paragraph(doc, text)
        else:
            _paragraph(doc, f"{text}: {BLANK}{BLANK}")
    if "choices" in texts:
        _paragraph(doc, "   ".join(f"☐ {c}" for c in texts["choices"]))
    if signs:
        _paragraph(doc, "")
        table = doc.add_table(rows=1, cols=len(signs))
        for cell, title in zip(table.rows[0].cells, signs, strict=True):
            cell.text = title
            cell.paragraphs[0].runs[0].bold = True
            cell.add_paragraph(texts.get("sign_hint", "")).runs[0].italic = True
            for p in cell.paragraphs:
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer = section.footer.paragraphs[0]
    footer.text = f"{manifest['code']} — Mẫu {manifest['number']}: {manifest['name']}"
    footer.runs[0].font.size = Pt(8)

    props = doc.core_properties
    props.title = manifest["name"]
    props.author = props.last_modified_by = "isoqms"
    props.created = props.modified = dt.datetime(2025, 7, 1)
    props.revision = int(manifest.get("revision", 1))
    out = io.BytesIO()
    doc.save(out)
    return stable_zip(out.getvalue())
