"""What a document's file says about itself: the Vietnamese header block (Mã hiệu,
Lần ban hành, the title in capitals) of a .docx — in the body's first table or in the page
header, as the program's process documents have it — or the text of a PDF's first page.

Used to import a folder of documents (code and title from the file) and to refuse a file
attached to the wrong document (its header names another code or issue)."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass

from isoqms.domain.text import nfc

#: A code may hold Vietnamese letters: the register's external documents are numbered as
#: the law numbers them (123/2015/NĐ-CP).
_CODE = re.compile(r"M[ãa]\s*(?:hi[ệe]u|s[ốo])\s*:\s*([^\W_][\w.\-/]+)", re.IGNORECASE)
_ISSUE = re.compile(r"L[ầa]n\s*ban\s*h[àa]nh\s*:\s*(\d{1,3})", re.IGNORECASE)


@dataclass(frozen=True)
class FileHeader:
    code: str  # "" when the file has no header block
    title: str
    issue: int | None

    @property
    def found(self) -> bool:
        return bool(self.code)


NO_HEADER = FileHeader("", "", None)


def read_header(name: str, data: bytes) -> FileHeader:
    """The header block of a .docx or .pdf; :data:`NO_HEADER` for anything else, and for
    a file that cannot be read (untrusted bytes: no exception leaves here)."""
    lower = name.lower()
    try:
        if lower.endswith(".docx"):
            return _from_cells(_docx_cells(data))
        if lower.endswith(".pdf"):
            # a page's text has no cells: its longest line is no title to trust
            return _from_cells(_pdf_first_page(data), titled=False)
    except Exception:
        return NO_HEADER
    return NO_HEADER


def _docx_cells(data: bytes) -> list[str]:
    from docx import Document

    doc = Document(io.BytesIO(data))
    # the page header first: where it holds the block, a table in the body that cites
    # another document (a form's code, say) must not be read as this file's header
    tables = [t for section in doc.sections for t in section.header.tables[:1]]
    tables += doc.tables[:1]
    cells: list[str] = []
    for table in tables:
        for row in table.rows:
            for cell in row.cells:
                text = nfc(cell.text).strip()
                if text and text not in cells:
                    cells.append(text)
    return cells


def _pdf_first_page(data: bytes) -> list[str]:
    import pypdfium2 as pdfium

    from isoqms.render.pdfium_lock import PDFIUM

    with PDFIUM:
        document = pdfium.PdfDocument(data)
        try:
            if len(document) == 0:
                return []
            text = document[0].get_textpage().get_text_range()
        finally:
            document.close()
    return [nfc(line).strip() for line in text.splitlines() if line.strip()]


def _from_cells(cells: list[str], *, titled: bool = True) -> FileHeader:
    joined = "\n".join(cells)
    code_match = _CODE.search(joined)
    issue_match = _ISSUE.search(joined)
    candidates = [c for c in cells if ":" not in c and len(c) > 8 and not c.startswith("UBND")]
    title = max(candidates, key=len) if candidates and titled else ""
    if title.isupper():
        title = title[:1] + title[1:].lower()
    return FileHeader(
        code_match[1].upper().rstrip(".-/") if code_match else "",
        title,
        int(issue_match[1]) if issue_match else None,
    )
