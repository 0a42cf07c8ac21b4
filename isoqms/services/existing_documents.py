"""Documents issued before the program (entered as approved revisions, with their file)
and the stock forms the program carries, loaded once as controlled documents."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from isoqms.db.engine import Database
from isoqms.db.models import Document, DocumentRevision, ProcedureRevision, utcnow
from isoqms.domain.documents import DocumentKind, RevisionState, check_code
from isoqms.domain.errors import Conflict
from isoqms.domain.roles import Permission
from isoqms.services import files, limits
from isoqms.services.documents import _insert_document, _snapshot, revision_search_text
from isoqms.services.uow import Actor, UnitOfWork, write


@dataclass(frozen=True)
class ExistingDocument:
    """A document already issued on paper, entered as an approved revision."""

    kind: DocumentKind
    code: str
    title: str
    issue: int
    effective_from: dt.date
    file_name: str = ""
    data: bytes | None = None
    owner: str = ""
    issuer: str = ""
    procedure_code: str | None = None
    parent_code: str | None = None
    change_summary: str = "Nhập tài liệu đã ban hành (phê duyệt trên bản giấy)"
    amendment: int = 0


def _enter_existing(uow: UnitOfWork, item: ExistingDocument) -> int:
    session = uow.session
    code = check_code(item.kind, item.code)
    media_type = files.check_upload(item.file_name, item.data) if item.data else None
    doc = session.execute(select(Document).where(Document.code == code)).scalar_one_or_none()
    if doc is None:
        doc = _insert_document(
            uow,
            kind=item.kind,
            code=code,
            title=item.title,
            owner=item.owner,
            procedure_code=item.procedure_code,
            parent_code=item.parent_code,
            issuer=item.issuer,
            imported=True,
        )
    elif session.execute(
        select(DocumentRevision.id).where(
            DocumentRevision.document_id == doc.id,
            DocumentRevision.issue == item.issue,
            DocumentRevision.amendment == item.amendment,
        )
    ).first():
        raise Conflict(f"Tài liệu {code} đã có lần ban hành {item.issue}.{item.amendment}.")
    digest = files.store(session, item.data, media_type) if item.data and media_type else None
    procedure_revision_id = None
    if doc.procedure_id is not None:
        in_force = session.execute(
            select(ProcedureRevision.id)
            .where(
                ProcedureRevision.procedure_id == doc.procedure_id,
                ProcedureRevision.status == "approved",
                ProcedureRevision.effective_from
                <= dt.datetime.combine(item.effective_from, dt.time.max),
            )
            .order_by(ProcedureRevision.effective_from.desc())
            .limit(1)
        ).scalar_one_or_none()
        procedure_revision_id = in_force
    rev = DocumentRevision(
        document_id=doc.id,
        issue=item.issue,
        amendment=item.amendment,
        state=RevisionState.APPROVED.value,
        change_summary=limits.text(
            item.change_summary, DocumentRevision.change_summary, "tóm tắt", multiline=True
        ),
        effective_from=item.effective_from,
        file_sha256=digest,
        file_name=limits.text(item.file_name, DocumentRevision.file_name, "tên tệp"),
        procedure_revision_id=procedure_revision_id,
        created_by=uow.actor.user_id if uow.actor else None,
        created_at=utcnow(),
    )
    rev.search_text = revision_search_text(session, rev)
    session.add(rev)
    session.flush()
    uow.record(
        "document.import", "document_revision", rev.id, after={"code": code, **_snapshot(rev)}
    )
    return rev.id


def import_existing(db: Database, actor: Actor, items: list[ExistingDocument]) -> int:
    """Enter documents issued before isoqms (all or nothing); returns how many."""
    with write(db, actor, Permission.DOCS_DRAFT) as uow:
        for item in items:
            _enter_existing(uow, item)
    return len(items)


def ensure_stock_forms(db: Database) -> int:
    """Load the stock forms (``forms/``) as controlled documents, once each: the manifest's
    texts become the revision's content and the blank .docx its file. Returns how many
    forms were added or completed."""
    from isoqms.services.forms import StockForm, stock_forms

    with db.read() as session:  # one read of the form revisions, at every start
        rows = session.execute(
            select(
                Document.code,
                DocumentRevision.issue,
                DocumentRevision.amendment,
                DocumentRevision.form_content.is_not(None),
                DocumentRevision.created_by.is_not(None),
            )
            .join(DocumentRevision, DocumentRevision.document_id == Document.id)
            .where(Document.kind == DocumentKind.FORM.value)
        ).all()
    loaded = {(code, issue, amendment) for code, issue, amendment, _, _ in rows}
    complete = {(code, issue, amendment) for code, issue, amendment, texts, _ in rows if texts}
    # forms the unit has revised itself (a revision made by a person, not the library)
    revised = {code for code, _, _, _, by_person in rows if by_person}

    def key(stock: StockForm) -> tuple[str, int, int]:
        return stock.form.code, stock.form.revision, stock.form.amendment

    def own_later(stock: StockForm) -> bool:
        """An amendment the unit has overtaken: it revised the form itself, or a revision
        @issue.amendment or later exists. The unit's register stands; the library's text
        is not loaded over it."""
        code, issue, amendment = key(stock)
        return code in revised or any(
            c == code and (i, a) >= (issue, amendment) for c, i, a in loaded
        )

    todo = [
        s
        for s in stock_forms()
        if key(s) not in complete and not (s.form.amendment and own_later(s))
    ]
    if not todo:
        return 0
    with write(db, None, None, system=True) as uow:
        for stock in todo:
            form = stock.form
            blank = stock.blank_bytes()
            if key(stock) not in loaded:
                _enter_existing(
                    uow,
                    ExistingDocument(
                        kind=DocumentKind.FORM,
                        code=form.code,
                        title=form.name
                        if form.regime == "ISO"
                        else f"Mẫu {form.number} ({form.regime}): {form.name}",
                        issue=form.revision,
                        amendment=form.amendment,
                        effective_from=form.effective_from,
                        issuer=form.legal_basis,
                        change_summary=stock.change_summary or f"Biểu mẫu theo {form.legal_basis}",
                        file_name=stock.blank.name if blank else "",
                        data=blank,
                    ),
                )
            rev = uow.session.execute(
                select(DocumentRevision)
                .join(Document)
                .where(
                    Document.code == form.code,
                    DocumentRevision.issue == form.revision,
                    DocumentRevision.amendment == form.amendment,
                )
            ).scalar_one()
            rev.form_content = form.content_json()
            if rev.file_sha256 is None and blank is not None:
                rev.file_sha256 = files.store(uow.session, blank, files.MEDIA_TYPES[".docx"])
                rev.file_name = stock.blank.name
            rev.search_text = revision_search_text(uow.session, rev)
            uow.record(
                "document.form.load",
                "document_revision",
                rev.id,
                after={
                    "code": form.code,
                    "form_content": rev.form_content,
                    "file": rev.file_sha256,
                },
            )
            if form.effective_to is not None and rev.state == RevisionState.APPROVED:
                rev.state, rev.withdrawn_on = (
                    RevisionState.WITHDRAWN.value,
                    form.effective_to + dt.timedelta(days=1),
                )
                rev.review_comment = "Hết hiệu lực theo quy định mới"
    return len(todo)
