"""The yearly ISO cycle, read from the desk's own records (``domain.iso_cycle``): legal
updates owed by the process documents to the texts they cite; the declaration of
conformity (công bố) with its scope, and when a new one is due."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from isoqms.db.engine import Database
from isoqms.db.models import (
    Document,
    DocumentRevision,
    IsoDeclaration,
    Procedure,
    ProcedureRevision,
    RevisionSignature,
    User,
    utcnow,
)
from isoqms.domain import clock
from isoqms.domain.documents import DocumentKind, Meaning, RevisionState, Standing, standings
from isoqms.domain.errors import Conflict
from isoqms.domain.iso_cycle import (
    STANDARD,
    CitingDocument,
    LegalChange,
    LegalUpdate,
    Scope,
    ScopeItem,
    declaration_reasons,
    legal_updates,
)
from isoqms.domain.procedure import ProcedureContent
from isoqms.domain.roles import Permission
from isoqms.services import files, limits
from isoqms.services.documents import _dates, _revisions_by_document
from isoqms.services.exports import check_target, save
from isoqms.services.uow import Actor, require, write

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


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
        # amended: a later issue of a text registered before (a text first entered at
        # its second issue is no change the register saw)
        first = min(((r.issue, r.amendment) for r in revs), default=(0, 0))
        amended = [
            r
            for r in revs
            if r.state == RevisionState.APPROVED
            and r.effective_from is not None
            and (r.issue, r.amendment) > first
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


# ---------------------------------------------------------------------- the declaration


@dataclass(frozen=True)
class DeclarationView:
    id: int
    number: str
    declared_on: dt.date
    standard: str
    procedures: tuple[str, ...]  # the procedure codes in its scope
    declared_by: str


@dataclass(frozen=True)
class DeclarationStatus:
    last: DeclarationView | None
    scope: Scope
    reasons: tuple[str, ...]  # why a new declaration is due; empty: the last one holds

    @property
    def due(self) -> bool:
        return bool(self.reasons)


#: The number left for the office to write by hand, as decisions are numbered when signed.
BLANK_NUMBER = "      /QĐ-UBND"


def current_scope(session: Session, day: dt.date) -> Scope:
    """The procedures of the catalogue and the process documents in force that cover them."""
    procedures = {p.id: p for p in session.execute(select(Procedure)).scalars()}
    docs = list(
        session.execute(
            select(Document).where(Document.kind == DocumentKind.PROCESS.value)
        ).scalars()
    )
    by_doc = _revisions_by_document(session, docs)
    covered: list[ScopeItem] = []
    left: list[tuple[str, str]] = []
    seen: set[int] = set()
    for doc in sorted(docs, key=lambda d: d.code):
        revs = by_doc[doc.id]
        state = standings(_dates(revs), day)
        in_force = [r for r in revs if state[r.id][0] is Standing.EFFECTIVE]
        procedure = procedures.get(doc.procedure_id) if doc.procedure_id else None
        if not in_force or procedure is None:
            continue
        rev = max(in_force, key=lambda r: (r.effective_from or dt.date.min, r.id))
        if not procedure.active:
            left.append((doc.code, procedure.code))
            continue
        seen.add(procedure.id)
        issue = f"{rev.issue:02d}" + (f".{rev.amendment}" if rev.amendment else "")
        covered.append(ScopeItem(procedure.code, procedure.name, doc.code, issue))
    missing = sorted((p.code, p.name) for p in procedures.values() if p.active and p.id not in seen)
    return Scope(
        tuple(sorted(covered, key=lambda i: i.procedure_code)), tuple(missing), tuple(left)
    )


def _check_number(session: Session, number: str) -> None:
    if (
        number != BLANK_NUMBER
        and session.execute(
            select(IsoDeclaration.id).where(IsoDeclaration.number == number)
        ).first()
    ):
        raise Conflict(f"Đã có quyết định công bố số {number}.")


def _declaration_view(session: Session, row: IsoDeclaration) -> DeclarationView:
    user = session.get(User, row.created_by) if row.created_by else None
    return DeclarationView(
        row.id,
        row.number,
        row.declared_on,
        row.standard,
        tuple(item["procedure_code"] for item in json.loads(row.scope)),
        user.full_name if user else "",
    )


def declaration_status(
    db: Database, actor: Actor, today: dt.date | None = None
) -> DeclarationStatus:
    """The last declaration, the scope today, and why a new one is due (công bố lại)."""
    day = today or clock.today()
    with db.read() as session:
        require(session, actor, Permission.RECORDS_READ)
        row = session.execute(
            select(IsoDeclaration)
            .where(IsoDeclaration.declared_on <= day)
            .order_by(IsoDeclaration.declared_on.desc(), IsoDeclaration.id.desc())
            .limit(1)
        ).scalar_one_or_none()
        last = _declaration_view(session, row) if row is not None else None
        scope = current_scope(session, day)
    reasons = declaration_reasons(last.procedures if last else None, scope)
    return DeclarationStatus(last, scope, tuple(reasons))


def declare(
    db: Database,
    actor: Actor,
    number: str = "",
    today: dt.date | None = None,
    *,
    out: Path | None = None,
) -> tuple[DeclarationView, bytes]:
    """The approver (the committee's chair, who heads the commune) declares the system
    conformant: the decision on the Appendix I model with the scope in force today, kept
    with its file; returns it and the .docx. With ``out``, the file is written there
    first: a file that cannot be written records nothing."""
    from isoqms.render.declaration import Declaration, render_declaration_docx
    from isoqms.services.unit import get_unit

    day = today or clock.today()
    text = limits.text(number, IsoDeclaration.number, "số quyết định") or BLANK_NUMBER
    unit = get_unit(db)
    with db.read() as session:
        require(session, actor, Permission.DOCS_APPROVE)
        scope = current_scope(session, day)
        _check_number(session, text)
    if not scope.covered:
        raise Conflict("Chưa có quy trình giải quyết TTHC nào đang hiệu lực để công bố.")
    place = unit.commune_name or unit.display_name
    data = render_declaration_docx(
        Declaration(
            authority=f"UBND {place}",
            place=place,
            number=text,
            declared_on=day,
            standard=STANDARD,
            head_title="Chủ tịch",
            head_name=actor.full_name,
            scope=scope.covered,
        )
    )
    if out is not None:
        save(check_target(out, "quyết định công bố"), data)
    with write(db, actor, Permission.DOCS_APPROVE) as uow:
        session = uow.session
        _check_number(session, text)
        digest = files.store(session, data, DOCX_TYPE)
        row = IsoDeclaration(
            number=text,
            declared_on=day,
            standard=STANDARD,
            scope=json.dumps(
                [dataclasses.asdict(item) for item in scope.covered], ensure_ascii=False
            ),
            file_sha256=digest,
            created_at=utcnow(),
            created_by=actor.user_id,
        )
        session.add(row)
        session.flush()
        uow.record(
            "iso.declaration",
            "iso_declaration",
            row.id,
            after={
                "number": text,
                "declared_on": day,
                "standard": STANDARD,
                "procedures": [item.procedure_code for item in scope.covered],
                "file": digest,
            },
        )
        view = _declaration_view(session, row)
    return view, data
