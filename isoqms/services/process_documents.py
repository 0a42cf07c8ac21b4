"""The process document (quy trình giải quyết TTHC) of a procedure, generated from the
procedure content a revision carries, and that content edited as a draft: the content of
a procedure is controlled content, put in force by approving its process document."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import re
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from isoqms.db.engine import Database
from isoqms.db.models import Document, DocumentRevision, Procedure, ProcedureRevision, utcnow
from isoqms.domain import clock
from isoqms.domain.audit import canonical_json
from isoqms.domain.documents import ISSUING, DocumentKind, RevisionState
from isoqms.domain.errors import Conflict, NotFound, ValidationError
from isoqms.domain.procedure import ContentChange, ProcedureContent, content_changes
from isoqms.domain.roles import Permission
from isoqms.services.documents import (
    Attached,
    _document,
    _editable,
    _history,
    _revision,
    _revisions_of,
    attach_file,
    revision_search_text,
)
from isoqms.services.procedures import get_procedure, revision_in_force_in
from isoqms.services.uow import Actor, require, write


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
        if revision_id is not None and revision_id not in rows:
            raise NotFound(f"{doc.code} không có lần ban hành này.")
        chosen = rows[revision_id] if revision_id is not None else revisions[-1]
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
            Signer(s.meaning_label, s.full_name, s.title, clock.local_from_utc(s.signed_at).date())
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
        draft=chosen.state in (RevisionState.DRAFT, RevisionState.IN_REVIEW),
    )
    return render(data)


def attach_generated(db: Database, actor: Actor, revision_id: int) -> Attached:
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


# ---------------------------------------------------------------------- content as a draft


def revision_numbered(db: Database, actor: Actor, code: str, number: str) -> int:
    """The id of ``code``'s revision written ``N`` (issue N, its latest amendment) or
    ``N.M`` (issue N, amendment M), as people write them."""
    match = re.fullmatch(r"\s*0*(\d{1,4})(?:\.0*(\d{1,4}))?\s*", number or "")
    if match is None:
        raise ValidationError(f"Lần ban hành “{number}” phải viết dạng 2 hoặc 2.1.")
    issue, amendment = int(match.group(1)), match.group(2)
    with db.read() as session:
        require(session, actor, Permission.RECORDS_READ)
        doc = _document(session, code)
        found = [
            r
            for r in _revisions_of(session, doc.id)
            if r.issue == issue and (amendment is None or r.amendment == int(amendment))
        ]
        if not found:
            raise NotFound(f"{doc.code} không có lần ban hành {number.strip()}.")
        return found[-1].id


@dataclass(frozen=True)
class DraftContent:
    """The content a process document's draft carries, beside the content in force."""

    revision_id: int
    code: str  # the process document's
    procedure_code: str
    issue: int
    amendment: int
    content: ProcedureContent
    in_force: ProcedureContent | None
    changes: tuple[ContentChange, ...]
    #: after an edit: what became of the file attached before it (made again from the new
    #: content, or taken off because it no longer says what the content says)
    file_note: str = ""


def draft_content(db: Database, actor: Actor, revision_id: int) -> DraftContent:
    """A process document revision's procedure content and what it changes against the
    content last approved (in force at the counter today, or from a later day)."""
    with db.read() as session:
        require(session, actor, Permission.RECORDS_READ)
        rev = _revision(session, revision_id)
        doc = session.get(Document, rev.document_id)
        assert doc is not None
        procedure = _procedure_of(session, doc)
        content = _content_of(session, rev)
        if content is None:
            raise ValidationError(f"Lần ban hành này của {doc.code} chưa gắn nội dung thủ tục.")
        # against the content last approved — one approved for a later day included —
        # which the draft replaces; the content in force today may be older still
        current = session.execute(
            select(ProcedureRevision)
            .where(
                ProcedureRevision.procedure_id == procedure.id,
                ProcedureRevision.status == "approved",
            )
            .order_by(ProcedureRevision.effective_from.desc(), ProcedureRevision.number.desc())
            .limit(1)
        ).scalar_one_or_none()
        current = current or revision_in_force_in(session, procedure.id, clock.now())
        in_force = (
            None if current is None else ProcedureContent.from_dict(json.loads(current.content))
        )
        return DraftContent(
            rev.id,
            doc.code,
            procedure.code,
            rev.issue,
            rev.amendment,
            content,
            in_force,
            tuple(content_changes(in_force, content)) if in_force else (),
        )


def set_draft_content(
    db: Database, actor: Actor, revision_id: int, content: ProcedureContent
) -> DraftContent:
    """Give a process document's draft new procedure content. The content the counter uses
    does not change: it takes effect when the process document is approved, from its
    effective date. A content already approved is never edited: the draft gets its own
    (draft) procedure revision, changed in place until it is sent for review."""
    from isoqms.render.process_doc import is_generated
    from isoqms.services import files

    body = canonical_json(content.to_dict())
    digest = hashlib.sha256(body.encode("utf-8")).hexdigest()
    with db.read() as session:
        attached = _revision(session, revision_id).file_sha256
    generated = attached is not None and is_generated(files.read_verified(db, attached))
    dropped = ""
    with write(db, actor, Permission.DOCS_DRAFT) as uow:
        session = uow.session
        rev = _editable(session, actor, revision_id)
        doc = session.get(Document, rev.document_id)
        assert doc is not None
        procedure = _procedure_of(session, doc)
        current = (
            session.get(ProcedureRevision, rev.procedure_revision_id)
            if rev.procedure_revision_id
            else None
        )
        before = current.content_hash if current is not None else None
        if current is not None and current.status == "draft":
            current.content, current.content_hash = body, digest
            proc_rev = current
        else:
            last = (
                session.execute(
                    select(func.max(ProcedureRevision.number)).where(
                        ProcedureRevision.procedure_id == procedure.id
                    )
                ).scalar()
                or 0
            )
            proc_rev = ProcedureRevision(
                procedure_id=procedure.id,
                number=last + 1,
                status="draft",
                # drafted now; in force nowhere until approval sets the real date
                effective_from=clock.now().replace(second=0, microsecond=0),
                content=body,
                content_hash=digest,
                created_at=utcnow(),
                created_by=actor.user_id,
            )
            session.add(proc_rev)
            session.flush()
            rev.procedure_revision_id = proc_rev.id
        rev.checked_out_by = actor.user_id
        rev.search_text = revision_search_text(session, rev)
        uow.record(
            "procedure.revision.draft",
            "procedure_revision",
            proc_rev.id,
            before={"content_hash": before},
            after={
                "procedure": procedure.code,
                "document": doc.code,
                "issue": rev.issue,
                "amendment": rev.amendment,
                "content_hash": digest,
            },
        )
        if rev.file_sha256 is not None and before != digest:
            # the file would go round the signatures saying what the content no longer says
            dropped = rev.file_name
            uow.record(
                "document.file",
                "document_revision",
                rev.id,
                before={"file": rev.file_sha256},
                after={"file": None, "reason": "nội dung thủ tục đã sửa"},
            )
            rev.file_sha256, rev.file_name = None, ""
            rev.search_text = revision_search_text(session, rev)
    note = ""
    if dropped and generated:
        attach_generated(db, actor, revision_id)
        note = "Tệp quy trình đã được tạo lại theo nội dung mới."
    elif dropped:
        note = (
            f"Tệp “{dropped}” soạn trước khi sửa nội dung đã được gỡ khỏi dự thảo: "
            "tạo lại tệp quy trình hoặc đính kèm tệp đã sửa."
        )
    return dataclasses.replace(draft_content(db, actor, revision_id), file_note=note)


def draft_from_file(
    db: Database, actor: Actor, procedure_code: str, text: str, *, summary: str = ""
) -> DraftContent:
    """``procedures draft CODE --content FILE.json``: the content of the procedure's latest
    revision in the file (as ``procedures export`` writes it) becomes the draft of its
    process document — the open draft, or a new one started for it."""
    from isoqms.services.documents import start_revision
    from isoqms.services.procedures import parse_content

    parsed = parse_content(text)
    wanted = (procedure_code or "").strip()
    entry = next((revisions for info, revisions in parsed if info.code == wanted), None)
    if entry is None:
        raise NotFound(f"Tệp không có thủ tục mã “{procedure_code}”.")
    if not entry:
        raise ValidationError(f"Thủ tục {wanted} trong tệp chưa có lần sửa đổi nào.")
    content = max(enumerate(entry), key=lambda item: (item[1][0], item[0]))[1][2]
    with db.read() as session:
        require(session, actor, Permission.RECORDS_READ)
        doc = _process_document_of(session, wanted)
        code = doc.code
        open_ = [
            r
            for r in _revisions_of(session, doc.id)
            if r.state in (RevisionState.DRAFT, RevisionState.IN_REVIEW)
        ]
    if open_ and open_[-1].state == RevisionState.IN_REVIEW:
        raise Conflict(
            f"Dự thảo lần {open_[-1].issue}.{open_[-1].amendment} của {code} đang chờ xem xét "
            "/ phê duyệt: không sửa được nội dung."
        )
    if open_:
        revision_id = open_[-1].id
    else:
        revision_id = start_revision(
            db,
            actor,
            code,
            change_summary=summary or "Cập nhật nội dung thủ tục hành chính",
            places_changed="Mục 5",
        ).id
    return set_draft_content(db, actor, revision_id, content)


def _process_document_of(session: Session, procedure_code: str) -> Document:
    procedure = get_procedure(session, procedure_code)
    doc = session.execute(
        select(Document)
        .where(Document.procedure_id == procedure.id, Document.kind == DocumentKind.PROCESS.value)
        .order_by(Document.id)
        .limit(1)
    ).scalar_one_or_none()
    if doc is None:
        raise NotFound(
            f"Thủ tục {procedure.code} chưa có quy trình giải quyết trong danh mục tài liệu: "
            "tạo tài liệu loại quy trình TTHC trước."
        )
    return doc


def _procedure_of(session: Session, doc: Document) -> Procedure:
    if doc.kind != DocumentKind.PROCESS or doc.procedure_id is None:
        raise ValidationError(f"{doc.code} không phải quy trình giải quyết TTHC.")
    procedure = session.get(Procedure, doc.procedure_id)
    assert procedure is not None
    return procedure


def _content_of(session: Session, rev: DocumentRevision) -> ProcedureContent | None:
    if rev.procedure_revision_id is None:
        return None
    proc_rev = session.get(ProcedureRevision, rev.procedure_revision_id)
    return None if proc_rev is None else ProcedureContent.from_dict(json.loads(proc_rev.content))
