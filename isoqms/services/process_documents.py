"""The process document (quy trình giải quyết TTHC) of a procedure, generated from the
procedure content a revision carries, and that content edited as a draft: the content of
a procedure is controlled content, put in force by approving its process document."""

from __future__ import annotations

import datetime as dt

from isoqms.db.engine import Database
from isoqms.db.models import Document, Procedure, ProcedureRevision
from isoqms.domain import clock
from isoqms.domain.documents import ISSUING, DocumentKind
from isoqms.domain.errors import NotFound, ValidationError
from isoqms.domain.roles import Permission
from isoqms.services.documents import _document, _history, _revision, attach_file
from isoqms.services.uow import Actor, require


def process_document(
    db: Database,
    actor: Actor,
    code: str,
    revision_id: int | None = None,
    *,
    day: dt.date | None = None,
) -> bytes:
    """The process document of a TTHC as .docx, generated from the procedure content its
    revision carries (the newest revision unless one is named); a revision not yet
    approved lists the forms in force on ``day`` (default: today)."""
    import json

    from isoqms.domain.procedure import ProcedureContent
    from isoqms.render.process_doc import HistoryLine, ProcessDocument, Signer
    from isoqms.render.process_doc import render_process_docx as render
    from isoqms.services.forms import forms_in_force
    from isoqms.services.unit import get_unit

    unit = get_unit(db)
    with db.read() as session:
        require(session, actor, Permission.RECORDS_READ)
        doc = _document(session, code)
        if doc.kind != DocumentKind.PROCESS or doc.procedure_id is None:
            raise ValidationError(f"{doc.code} không phải quy trình giải quyết TTHC.")
        rows = _history(session, doc, None)
        revisions = list(rows.values())
        if not revisions:
            raise NotFound(f"{doc.code} chưa có lần ban hành nào.")
        chosen = rows[revision_id] if revision_id in rows else revisions[-1]
        rev = _revision(session, chosen.id)
        procedure = session.get(Procedure, doc.procedure_id)
        assert procedure is not None
        proc_rev = (
            session.get(ProcedureRevision, rev.procedure_revision_id)
            if rev.procedure_revision_id
            else None
        )
        if proc_rev is None:
            raise ValidationError(f"Lần ban hành này của {doc.code} chưa gắn nội dung thủ tục.")
        content = ProcedureContent.from_dict(json.loads(proc_rev.content))
        in_force = forms_in_force(session, chosen.effective_from or day or clock.today())
        forms = tuple(
            (in_force[k].code, in_force[k].name)
            for k in ("receipt", "supplement", "refusal")
            if k in in_force
        )
    data = ProcessDocument(
        authority=f"UBND {unit.commune_name}" if unit.commune_name else "UBND",
        code=doc.code,
        title=doc.title,
        issue=chosen.issue,
        amendment=chosen.amendment,
        effective_from=chosen.effective_from,
        procedure_code=procedure.code,
        procedure_name=procedure.name,
        field=procedure.field,
        content=content,
        signers=tuple(
            Signer(s.meaning_label, s.full_name, s.title, s.signed_at.date())
            for s in chosen.signatures
            if s.meaning in ISSUING
        ),
        history=tuple(
            HistoryLine(
                f"{r.issue:02d}" + (f".{r.amendment}" if r.amendment else ""),
                r.places_changed or "Toàn bộ",
                r.change_summary,
                r.effective_from,
            )
            for r in revisions
            if r.id <= chosen.id
        ),
        forms=forms,
    )
    return render(data)


def attach_generated(db: Database, actor: Actor, revision_id: int) -> str:
    """Attach the process document generated from the procedure content the draft carries,
    so the drafter can hand it on (or edit it in Word and attach it again)."""
    with db.read() as session:
        rev = _revision(session, revision_id)
        doc = session.get(Document, rev.document_id)
        assert doc is not None
        code, issue, amendment = doc.code, rev.issue, rev.amendment
    data = process_document(db, actor, code, revision_id)
    name = f"{code.replace('/', '-')}-lan-{issue:02d}" + (f".{amendment}" if amendment else "")
    return attach_file(db, actor, revision_id, f"{name}.docx", data)
