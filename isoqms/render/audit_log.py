"""The audit log as read by an auditor, taken away: an .xlsx workbook (one row per event,
filterable) or a sign-ready A4 PDF (the evidence pack's table layout), from frozen rows in
words — never the program's codes."""

from __future__ import annotations

import io
from dataclasses import dataclass

from isoqms.render import evidence
from isoqms.render.xlsx_page import print_setup


@dataclass(frozen=True)
class LogDoc:
    unit: str
    title: str
    facts: tuple[tuple[str, str], ...]  # what was asked, by whom, when, the log's state
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    signer: str = ""  # the person who took it away, for the signature line


SHARES = (0.06, 0.13, 0.15, 0.17, 0.2, 0.29)


def to_pdf(doc: LogDoc) -> bytes:
    summary = evidence.Summary(
        doc.title,
        doc.unit,
        (*doc.facts, ("Người trích xuất (ký, ghi rõ họ tên)", doc.signer + "\n\n\n")),
        (evidence.Section("Các sự kiện", doc.columns, SHARES, doc.rows),),
    )
    return evidence.to_pdf(summary)


def to_xlsx(doc: LogDoc) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Nhật ký"
    sheet.append([doc.unit])
    sheet.append([doc.title])
    sheet["A2"].font = Font(bold=True, size=13)
    for label, value in doc.facts:
        sheet.append([label, value])
    sheet.append([])
    sheet.append(list(doc.columns))
    header = sheet.max_row  # the row just written (a blank row above holds no cell)
    for cell in sheet[header]:
        cell.font = Font(bold=True)
    for row in doc.rows:
        sheet.append(list(row))
    widths = (8, 18, 28, 30, 42, 70)
    for index, width in enumerate(widths):
        sheet.column_dimensions[chr(ord("A") + index)].width = width
    for line in sheet.iter_rows(min_row=header + 1):
        for cell in line:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.auto_filter.ref = f"A{header}:{chr(ord('A') + len(doc.columns) - 1)}{sheet.max_row}"
    sheet.freeze_panes = f"A{header + 1}"
    print_setup(sheet, title_rows=(header, header), footer=doc.title)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
