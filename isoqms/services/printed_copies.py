"""Printing a revision: a numbered controlled copy or an uncontrolled copy, as PDF.

The revision's own content is printed — its stored file (a PDF as it is, an office file
through LibreOffice), the process document generated from its procedure content, or the
blank form made from its form texts — with the copy's footer and QR code on every page
(``render.stamp``). A superseded or withdrawn revision prints with "HẾT HIỆU LỰC" across
each page, a draft with "DỰ THẢO". A controlled copy is printed only for the holder it
was distributed to, only while it is out, and every such print is audited.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass

from isoqms.db.engine import Database
from isoqms.db.models import Document, DocumentCopy, DocumentRevision
from isoqms.domain import clock
from isoqms.domain.documents import DocumentKind, Standing
from isoqms.domain.errors import Conflict, NotFound, ValidationError
from isoqms.domain.roles import Permission
from isoqms.render.stamp import DRAFT, OBSOLETE, CopyMark, stamp
from isoqms.services import files, printing
from isoqms.services.documents import revision_row
from isoqms.services.printing import Printout, printed_before
from isoqms.services.process_documents import process_document
from isoqms.services.uow import Actor, require


@dataclass(frozen=True)
class PrintedCopy:
    pdf: bytes
    label: str  # "Bản có kiểm soát số 3" / "Bản không kiểm soát"
    watermark: str  # "" / "HẾT HIỆU LỰC" / "DỰ THẢO"
    sha256: str
    file_name: str  # a name to save it under


def _content_pdf(
    db: Database, actor: Actor, rev: DocumentRevision, doc: Document, day: dt.date
) -> bytes:
    from isoqms.render import office
    from isoqms.render.blank_form import blank_form
    from isoqms.render.process_doc import is_generated

    if rev.file_sha256:
        data = files.read_verified(db, rev.file_sha256)
        if rev.file_name.lower().endswith(".pdf"):
            return data
        generated = doc.kind == DocumentKind.PROCESS and rev.procedure_revision_id
        if not (generated and is_generated(data)):
            return office.to_pdf(rev.file_name, data)
        # the file was generated from the procedure content the signers signed: print
        # that content as it stands now — the signers' names, the effective date, no
        # DỰ THẢO once approved — rather than the draft rendering attached for review
    if doc.kind == DocumentKind.PROCESS and rev.procedure_revision_id:
        data = process_document(db, actor, doc.code, rev.id, day=day)
        return office.to_pdf("process.docx", data)
    if rev.form_content:
        content = json.loads(rev.form_content)
        manifest = {**content, "code": doc.code, "revision": rev.issue}
        return office.to_pdf("form.docx", blank_form(manifest))
    raise ValidationError(f"Lần ban hành này của {doc.code} chưa có nội dung để in.")


def copy_pdf(
    db: Database,
    actor: Actor,
    revision_id: int,
    copy_id: int | None = None,
    *,
    today: dt.date | None = None,
) -> PrintedCopy:
    """The copy as it will print (no record is made; see ``print_copy``)."""
    day = today or clock.today()
    with db.read() as session:
        require(session, actor, Permission.DOCS_DISTRIBUTE if copy_id else Permission.RECORDS_READ)
        rev = session.get(DocumentRevision, revision_id)
        if rev is None:
            raise NotFound(f"Không có lần ban hành số {revision_id}.")
        doc = session.get(Document, rev.document_id)
        assert doc is not None
        copy_no = None
        if copy_id is not None:
            copy = session.get(DocumentCopy, copy_id)
            if copy is None or copy.revision_id != rev.id:
                raise NotFound("Bản phân phối này không thuộc lần ban hành đang chọn.")
            if copy.recalled_at is not None:
                raise Conflict(f"Bản có kiểm soát số {copy.copy_no} đã thu hồi, không in lại.")
            copy_no = copy.copy_no
        session.expunge_all()
    row = revision_row(db, revision_id, day)
    if row.standing in (Standing.SUPERSEDED, Standing.WITHDRAWN):
        watermark = OBSOLETE
    elif row.standing in (Standing.DRAFT, Standing.IN_REVIEW):
        watermark = DRAFT
    else:
        watermark = ""
    if copy_no is not None and watermark:
        raise Conflict(
            f"Chỉ in bản có kiểm soát của lần ban hành đang hoặc sắp có hiệu lực "
            f"(lần này: {row.standing_label.lower()})."
        )
    issue = f"{row.issue:02d}" + (f".{row.amendment}" if row.amendment else "")
    mark = CopyMark(doc.code, issue, row.effective_from, copy_no, watermark, row.content_hash)
    pdf = stamp(_content_pdf(db, actor, rev, doc, day), mark)
    safe = doc.code.replace("/", "-")
    suffix = f"-ban-{copy_no}" if copy_no else "-khong-kiem-soat"
    return PrintedCopy(
        pdf,
        mark.label,
        watermark,
        hashlib.sha256(pdf).hexdigest(),
        f"{safe}-lan-{issue}{suffix}.pdf",
    )


def copy_printout(
    db: Database,
    actor: Actor,
    revision_id: int,
    copy_id: int,
    *,
    today: dt.date | None = None,
) -> Printout:
    """A controlled copy as it prints, with what its print-log row records (a copy printed
    again is logged as a reprint; its pages are the same)."""
    printed = copy_pdf(db, actor, revision_id, copy_id, today=today)
    with db.read() as session:
        rev = session.get(DocumentRevision, revision_id)
        assert rev is not None
        doc = session.get(Document, rev.document_id)
        assert doc is not None
        reprint = printed_before(session, copy_id=copy_id)
        key = f"{doc.code}@{rev.issue}" + (f".{rev.amendment}" if rev.amendment else "")
    return Printout(
        pdf=printed.pdf,
        sha256=printed.sha256,
        permission=Permission.DOCS_DISTRIBUTE,
        form_code=doc.code,
        form_revision=key,
        copies=printed.label,
        paper="a4",
        reprint=reprint,
        action="document.copy.print",
        entity="document_copy",
        entity_id=str(copy_id),
        details={"revision_id": revision_id, "label": printed.label},
        copy_id=copy_id,
        file_name=printed.file_name,
    )


def print_copy(
    db: Database,
    actor: Actor,
    revision_id: int,
    copy_id: int | None = None,
    *,
    purpose: str = "print",
    today: dt.date | None = None,
) -> PrintedCopy:
    """The copy to print or save; a controlled copy's print goes to the print log (with
    the stored PDF) and the audit log — an uncontrolled copy is only a read."""
    if copy_id is None:
        return copy_pdf(db, actor, revision_id, None, today=today)
    drawn = copy_printout(db, actor, revision_id, copy_id, today=today)
    printing.log(db, actor, drawn, purpose=purpose, strict=False)
    return PrintedCopy(drawn.pdf, drawn.copies, "", drawn.sha256, drawn.file_name)
