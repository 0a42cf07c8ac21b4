"""The text of two revisions side by side, with changes marked (.docx paragraphs and
tables, .xlsx cells, .pdf text; a process document's procedure content)."""

from __future__ import annotations

import difflib
import io
import json
from dataclasses import dataclass

from sqlalchemy.orm import Session

from isoqms.db.engine import Database
from isoqms.db.models import DocumentRevision, ProcedureRevision
from isoqms.domain.errors import NotFound, ValidationError
from isoqms.domain.procedure import ProcedureContent
from isoqms.domain.roles import Permission
from isoqms.domain.text import nfc
from isoqms.services import files
from isoqms.services.uow import Actor, require


@dataclass(frozen=True)
class DiffRow:
    kind: str  # same | changed | added | removed
    left: str
    right: str


def text_lines(name: str, data: bytes) -> list[str]:
    lower = name.lower()
    if lower.endswith(".docx"):
        from docx import Document

        doc = Document(io.BytesIO(data))
        lines = [p.text for p in doc.paragraphs]
        for table in doc.tables:
            for row in table.rows:
                lines.append(" | ".join(dict.fromkeys(c.text for c in row.cells)))
        return [nfc(line) for line in lines if line.strip()]
    if lower.endswith(".xlsx"):
        import openpyxl

        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            return [
                " | ".join(str(v) for v in row if v is not None)
                for sheet in book.worksheets
                for row in sheet.iter_rows(values_only=True)
                if any(v is not None for v in row)
            ]
        finally:
            book.close()
    if lower.endswith(".pdf"):
        import pypdfium2 as pdfium

        from isoqms.render.pdfium_lock import PDFIUM

        with PDFIUM:
            document = pdfium.PdfDocument(data)
            try:
                out: list[str] = []
                for page in document:
                    text = page.get_textpage().get_text_range()
                    out += [nfc(line) for line in text.splitlines() if line.strip()]
                return out
            finally:
                document.close()
    raise ValidationError(f"Không so sánh được tệp “{name}”.")


def _content_lines(content: ProcedureContent) -> list[str]:
    lines = [
        f"Thời hạn: {content.duration_text}",
        f"Phí, lệ phí: {content.fee_text}",
        f"Số bộ: {content.sets}",
        f"Kết quả: {content.result}",
    ]
    lines += [f"Giấy tờ: {p.name} — {p.quantity_text()}" for p in content.papers]
    lines += [f"Bước {s.no}: {s.work} — {s.responsible} — {s.time}" for s in content.steps]
    lines += [f"Căn cứ: {b}" for b in content.legal_basis]
    return lines


def _form_lines(form_content: str) -> list[str]:
    texts = json.loads(form_content).get("texts", {})
    return [
        f"{key}: {' | '.join(map(str, value)) if isinstance(value, list) else value}"
        for key, value in texts.items()
    ]


def revision_lines(session: Session, rev: DocumentRevision, *, cached: bool = False) -> list[str]:
    """The text of a revision: its form texts, its procedure content, its file (read and
    verified, unless ``cached`` allows the text of a file already read in this process)."""
    lines: list[str] = []
    if rev.form_content:
        lines += _form_lines(rev.form_content)
    if rev.procedure_revision_id:
        proc = session.get(ProcedureRevision, rev.procedure_revision_id)
        if proc is not None:
            lines += _content_lines(ProcedureContent.from_dict(json.loads(proc.content)))
    if rev.file_sha256:
        key = (rev.file_sha256, rev.file_name[rev.file_name.rfind(".") :].lower())
        known = _FILE_LINES.get(key) if cached else None
        if known is None:
            known = tuple(text_lines(rev.file_name, files.read_in(session, rev.file_sha256)))
            if len(_FILE_LINES) >= 256:
                _FILE_LINES.pop(next(iter(_FILE_LINES)))
            _FILE_LINES[key] = known
        lines += known
    return lines


#: A stored file's text by (SHA-256, type): files never change under their hash, and the
#: same files (the stock forms' blanks) are read at every start of a new database.
_FILE_LINES: dict[tuple[str, str], tuple[str, ...]] = {}


def _lines(db: Database, revision_id: int) -> list[str]:
    with db.read() as session:
        rev = session.get(DocumentRevision, revision_id)
        if rev is None:
            raise NotFound(f"Không có lần ban hành số {revision_id}.")
        return revision_lines(session, rev)


def compare(db: Database, actor: Actor, left_id: int, right_id: int) -> list[DiffRow]:
    with db.read() as session:
        require(session, actor, Permission.RECORDS_READ)
    left, right = _lines(db, left_id), _lines(db, right_id)
    rows: list[DiffRow] = []
    matcher = difflib.SequenceMatcher(a=left, b=right, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            rows += [DiffRow("same", a, a) for a in left[i1:i2]]
        elif tag == "replace":
            a_part, b_part = left[i1:i2], right[j1:j2]
            for k in range(max(len(a_part), len(b_part))):
                a = a_part[k] if k < len(a_part) else ""
                b = b_part[k] if k < len(b_part) else ""
                rows.append(DiffRow("changed" if a and b else ("removed" if a else "added"), a, b))
        elif tag == "delete":
            rows += [DiffRow("removed", a, "") for a in left[i1:i2]]
        else:
            rows += [DiffRow("added", "", b) for b in right[j1:j2]]
    return rows
