"""The yearly ISO cycle, read from the desk's own records: legal updates owed by the
process documents to the texts they cite (``domain.iso_cycle``)."""

from __future__ import annotations

import datetime as dt
import json

from sqlalchemy import select
from sqlalchemy.orm import Session

from isoqms.db.engine import Database
from isoqms.db.models import Document, DocumentRevision, ProcedureRevision, RevisionSignature
from isoqms.domain import clock
from isoqms.domain.documents import DocumentKind, Meaning, RevisionState, Standing, standings
from isoqms.domain.iso_cycle import CitingDocument, LegalChange, LegalUpdate, legal_updates
from isoqms.domain.procedure import ProcedureContent
from isoqms.domain.roles import Permission
from isoqms.services.documents import _dates, _revisions_by_document
from isoqms.services.uow import Actor, require


def pending_legal_updates(
    db: Database, actor: Actor, today: dt.date | None = None
) -> list[LegalUpdate]:
    """Process documents still to be brought in line with a text that changed: an external
    document of the register withdrawn or given a new issue, cited by the legal basis of
    the procedure content they carry; each due three months after the change."""
    day = today or clock.today()
    with db.read() as session:
        require(session, actor, Permission.RECORDS_READ)
        return legal_updates(_changes(session), _citing(session, day))


def _changes(session: Session) -> list[LegalChange]:
    docs = list(
        session.execute(
            select(Document).where(Document.kind == DocumentKind.EXTERNAL.value)
        ).scalars()
    )
    by_doc = _revisions_by_document(session, docs)
    out: list[LegalChange] = []
    for doc in docs:
        revs = by_doc[doc.id]
        withdrawn = [r for r in revs if r.state == RevisionState.WITHDRAWN and r.withdrawn_on]
        if withdrawn:
            rev = max(withdrawn, key=lambda r: r.withdrawn_on or dt.date.min)
            assert rev.withdrawn_on is not None
            out.append(
                LegalChange(doc.code, doc.title, rev.withdrawn_on, "withdrawn", rev.review_comment)
            )
            continue
        amended = [
            r
            for r in revs
            if r.state == RevisionState.APPROVED
            and r.effective_from is not None
            and (r.issue, r.amendment) > (1, 0)
        ]
        if amended:
            rev = max(amended, key=lambda r: (r.effective_from or dt.date.min, r.id))
            assert rev.effective_from is not None
            out.append(
                LegalChange(doc.code, doc.title, rev.effective_from, "amended", rev.change_summary)
            )
    return out


def _citing(session: Session, day: dt.date) -> list[CitingDocument]:
    docs = list(
        session.execute(
            select(Document).where(Document.kind == DocumentKind.PROCESS.value)
        ).scalars()
    )
    by_doc = _revisions_by_document(session, docs)
    out: list[CitingDocument] = []
    for doc in docs:
        revs = by_doc[doc.id]
        state = standings(_dates(revs), day)
        if any(state[r.id][0] is Standing.WITHDRAWN for r in revs):
            continue  # no longer in use: nothing to update
        approved = [r for r in revs if r.state == RevisionState.APPROVED]
        if not approved:
            continue
        latest = max(approved, key=lambda r: (r.effective_from or dt.date.min, r.id))
        basis = _legal_basis(session, latest, doc)
        # an issue answers a change when it was approved after it; one entered without a
        # signature in the program (signed on paper), when it took effect after it
        signed = dict(
            session.execute(
                select(RevisionSignature.revision_id, RevisionSignature.signed_at).where(
                    RevisionSignature.revision_id.in_([r.id for r in approved]),
                    RevisionSignature.meaning == Meaning.APPROVED.value,
                )
            ).all()
        )
        days = [
            clock.local_from_utc(signed[r.id]).date() if r.id in signed else r.effective_from
            for r in approved
        ]
        known = [d for d in days if d is not None]
        out.append(CitingDocument(doc.code, doc.title, basis, max(known) if known else None))
    return out


def _legal_basis(session: Session, rev: DocumentRevision, doc: Document) -> tuple[str, ...]:
    """The legal basis of the content the issue carries, or of the procedure's content
    last approved for an issue entered without one."""
    proc_rev = (
        session.get(ProcedureRevision, rev.procedure_revision_id)
        if rev.procedure_revision_id is not None
        else session.execute(
            select(ProcedureRevision)
            .where(
                ProcedureRevision.procedure_id == doc.procedure_id,
                ProcedureRevision.status == "approved",
            )
            .order_by(ProcedureRevision.effective_from.desc(), ProcedureRevision.number.desc())
            .limit(1)
        ).scalar_one_or_none()
    )
    if proc_rev is None:
        return ()
    return ProcedureContent.from_dict(json.loads(proc_rev.content)).legal_basis
