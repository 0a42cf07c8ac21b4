"""Document control: the register, revisions, the three signatures, what is in force.

Roles: the ISO secretary drafts (Permission.DOCS_DRAFT), the reviewer reviews
(DOCS_REVIEW), the approver approves (DOCS_APPROVE); drafter, reviewer and approver are
three different people, each re-entering their password to sign. A draft is checked out
to one person at a time. When a process document (quy trình TTHC) is approved, the
procedure content revision it carries becomes the content the counter uses from the
effective date: one versioning mechanism.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from isoqms.db.engine import Database
from isoqms.db.models import (
    AuditEvent,
    Document,
    DocumentRevision,
    Procedure,
    ProcedureRevision,
    RevisionSignature,
    SignedFile,
    User,
    utcnow,
)
from isoqms.domain import clock
from isoqms.domain.audit import canonical_json
from isoqms.domain.documents import (
    DocumentKind,
    Meaning,
    RevisionDates,
    RevisionState,
    Standing,
    check_code,
    check_effective_order,
    check_three_people,
    standings,
)
from isoqms.domain.errors import AuthenticationError, Conflict, NotFound, ValidationError
from isoqms.domain.roles import Permission
from isoqms.domain.text import fold
from isoqms.render.registers import RegisterLine, Registers
from isoqms.services import files, limits
from isoqms.services.file_header import FileHeader
from isoqms.services.signatures import keep_signed
from isoqms.services.signing import CertificateInfo
from isoqms.services.uow import Actor, UnitOfWork, require, write
from isoqms.services.users import verify_password

ENTITY = "document"
#: a periodic review found the revision still fit; its note is in this event
PERIODIC_ACTION = "document.review.periodic"


@dataclass(frozen=True)
class DocumentRow:
    code: str
    title: str
    kind: str
    kind_label: str
    issue: int | None  # issue in force on the day asked
    amendment: int | None
    effective_from: dt.date | None
    standing: str  # of the revision in force, or of the newest revision
    standing_label: str
    pending: str  # "draft" / "in_review" when a newer revision is being prepared
    issuer: str = ""  # external documents


@dataclass(frozen=True)
class SignatureView:
    meaning: str
    meaning_label: str
    full_name: str
    title: str
    signed_at: dt.datetime
    content_hash: str


@dataclass(frozen=True)
class RevisionRow:
    id: int
    code: str
    issue: int
    amendment: int
    state: str
    standing: str
    standing_label: str
    effective_from: dt.date | None
    effective_to: dt.date | None
    change_summary: str
    places_changed: str
    file_name: str
    file_sha256: str | None
    content_hash: str
    checked_out_by: str
    review_comment: str
    signatures: tuple[SignatureView, ...]
    is_form: bool = False  # carries the printed texts of a form (services.forms)
    withdrawn_on: dt.date | None = None
    #: what each periodic review of this revision concluded (no change), oldest first
    periodic_notes: tuple[str, ...] = ()
    #: the approved PDF signed with the approver's token (ký số): (stored file, signer)
    signed_pdfs: tuple[tuple[str, str], ...] = ()


# ---------------------------------------------------------------------- helpers


def _document(session: Session, code: str) -> Document:
    wanted = limits.key(code)
    doc = None
    if wanted is not None:
        doc = session.execute(select(Document).where(Document.code == wanted)).scalar_one_or_none()
    if doc is None and wanted is not None:
        doc = session.execute(
            select(Document).where(Document.code == wanted.upper())
        ).scalar_one_or_none()
    if doc is None:
        raise NotFound(f"Không có tài liệu mã hiệu “{code}”.")
    return doc


def _revision(session: Session, revision_id: int) -> DocumentRevision:
    rev = session.get(DocumentRevision, revision_id)
    if rev is None:
        raise NotFound(f"Không có lần ban hành số {revision_id}.")
    return rev


def _revisions_of(session: Session, document_id: int) -> list[DocumentRevision]:
    """Every revision of a document, in issue order."""
    return list(
        session.execute(
            select(DocumentRevision)
            .where(DocumentRevision.document_id == document_id)
            .order_by(DocumentRevision.issue, DocumentRevision.amendment)
        ).scalars()
    )


def _revisions_by_document(
    session: Session, documents: list[Document]
) -> dict[int, list[DocumentRevision]]:
    """The revisions of several documents in one query, each list in issue order."""
    grouped: dict[int, list[DocumentRevision]] = {d.id: [] for d in documents}
    rows = session.execute(
        select(DocumentRevision)
        .where(DocumentRevision.document_id.in_(list(grouped)))
        .order_by(DocumentRevision.issue, DocumentRevision.amendment)
    ).scalars()
    for rev in rows:
        grouped[rev.document_id].append(rev)
    return grouped


def content_hash(session: Session, rev: DocumentRevision) -> str:
    """What a signature covers: the content and the identity of the revision."""
    return hashlib.sha256(signed_body(session, rev).encode("utf-8")).hexdigest()


def signed_body(session: Session, rev: DocumentRevision) -> str:
    """The canonical JSON whose SHA-256 is the content hash the signers signed: the
    revision's identity and the hashes of its file, form texts and procedure content."""
    doc = session.get(Document, rev.document_id)
    assert doc is not None
    body: dict[str, object] = {
        "code": doc.code,
        "title": doc.title,
        "issue": rev.issue,
        "amendment": rev.amendment,
        "change_summary": rev.change_summary,
        "places_changed": rev.places_changed,
        "file": rev.file_sha256,
    }
    if rev.procedure_revision_id is not None:
        proc_rev = session.get(ProcedureRevision, rev.procedure_revision_id)
        body["procedure_content"] = proc_rev.content_hash if proc_rev else None
    if rev.form_content is not None:
        body["form_content"] = hashlib.sha256(rev.form_content.encode("utf-8")).hexdigest()
    return canonical_json(body)


def revision_search_text(session: Session, rev: DocumentRevision) -> str:
    """The revision's text folded for search (case and diacritics ignored)."""
    from isoqms.services.compare import revision_lines

    try:
        lines = revision_lines(session, rev, cached=True)
    except Exception:  # a file no reader understands has no text to search
        lines = []
    return fold(" ".join(lines))


def _current_signatures(session: Session, rev: DocumentRevision) -> list[RevisionSignature]:
    query = select(RevisionSignature).where(RevisionSignature.revision_id == rev.id)
    if rev.rejected_at is not None:
        query = query.where(RevisionSignature.signed_at > rev.rejected_at)
    return list(session.execute(query.order_by(RevisionSignature.id)).scalars())


def _signer(signatures: list[RevisionSignature], meaning: Meaning) -> int | None:
    for sig in signatures:
        if sig.meaning == meaning.value:
            return sig.user_id
    return None


def _check_password(session: Session, actor: Actor, password: str) -> User:
    user = session.get(User, actor.user_id)
    if user is None or not verify_password(user.password_hash, password):
        raise AuthenticationError("Mật khẩu xác nhận chữ ký không đúng.")
    return user


def _sign(uow: UnitOfWork, rev: DocumentRevision, user: User, meaning: Meaning) -> str:
    digest = content_hash(uow.session, rev)
    uow.session.add(
        RevisionSignature(
            revision_id=rev.id,
            meaning=meaning.value,
            user_id=user.id,
            full_name=user.full_name,
            title=user.title,
            signed_at=uow.at,
            content_hash=digest,
        )
    )
    uow.record(
        f"document.sign.{meaning.value}",
        "document_revision",
        rev.id,
        after={
            "meaning": meaning.label,
            "signer": user.username,
            "content_hash": digest,
        },
    )
    return digest


def _snapshot(rev: DocumentRevision) -> dict[str, object]:
    return {
        "issue": rev.issue,
        "amendment": rev.amendment,
        "state": rev.state,
        "effective_from": rev.effective_from,
        "withdrawn_on": rev.withdrawn_on,
        "file": rev.file_sha256,
        "change_summary": rev.change_summary,
    }


def periodic_notes(session: Session, revision_ids: list[int]) -> dict[int, list[str]]:
    """What each periodic review concluded, per revision, oldest first (the note is
    kept in the review's audit event, beside its signature)."""
    if not revision_ids:
        return {}
    out: dict[int, list[str]] = defaultdict(list)
    rows = session.execute(
        select(AuditEvent.entity_id, AuditEvent.after)
        .where(
            AuditEvent.action == PERIODIC_ACTION,
            AuditEvent.entity == "document_revision",
            AuditEvent.entity_id.in_([str(i) for i in revision_ids]),
        )
        .order_by(AuditEvent.seq)
    )
    for entity_id, after in rows:
        note = json.loads(after or "{}").get("note", "")
        out[int(entity_id)].append(str(note))
    return out


# ---------------------------------------------------------------------- register


def _insert_document(
    uow: UnitOfWork,
    *,
    kind: DocumentKind,
    code: str,
    title: str,
    owner: str = "",
    procedure_code: str | None = None,
    parent_code: str | None = None,
    review_months: int = 12,
    issuer: str = "",
    imported: bool = False,
) -> Document:
    """Add a register entry (code already checked) and its audit event."""
    session = uow.session
    procedure_id = parent_id = None
    if procedure_code:
        wanted = limits.key(procedure_code)
        procedure = (
            None
            if wanted is None
            else session.execute(
                select(Procedure).where(Procedure.code == wanted)
            ).scalar_one_or_none()
        )
        if procedure is None:
            raise NotFound(f"Không có thủ tục mã “{procedure_code}”.")
        procedure_id = procedure.id
    if parent_code:
        parent_id = _document(session, parent_code).id
    if kind is DocumentKind.PROCESS and procedure_id is None:
        raise ValidationError("Quy trình giải quyết TTHC phải gắn với một thủ tục.")
    title = limits.text(title, Document.title, "tên tài liệu", required=True)
    doc = Document(
        code=code,
        title=title,
        search_key=fold(f"{code} {title}"),
        kind=kind.value,
        owner=limits.text(owner, Document.owner, "đơn vị / người chủ trì"),
        procedure_id=procedure_id,
        parent_id=parent_id,
        review_months=review_months,
        issuer=limits.text(issuer, Document.issuer, "cơ quan ban hành"),
        created_at=utcnow(),
    )
    session.add(doc)
    session.flush()
    uow.record(
        "document.create",
        ENTITY,
        code,
        after={
            "code": code,
            "title": doc.title,
            "kind": kind.value,
            "owner": doc.owner,
            "procedure": procedure_code,
            "parent": parent_code,
            "review_months": review_months,
            "imported": imported,
        },
    )
    return doc


def create_document(
    db: Database,
    actor: Actor,
    *,
    kind: DocumentKind | str,
    code: str,
    title: str,
    owner: str = "",
    procedure_code: str | None = None,
    parent_code: str | None = None,
    review_months: int = 12,
    issuer: str = "",
) -> DocumentRow:
    kind = DocumentKind(kind)
    code = check_code(kind, code)
    title = limits.text(title, Document.title, "tên tài liệu", required=True)
    if not 1 <= review_months <= 60:
        raise ValidationError("Chu kỳ xem xét phải từ 1 đến 60 tháng.")
    with write(db, actor, Permission.DOCS_DRAFT) as uow:
        session = uow.session
        if session.execute(select(Document.id).where(Document.code == code)).first():
            raise Conflict(f"Mã hiệu “{code}” đã có trong danh mục tài liệu.")
        _insert_document(
            uow,
            kind=kind,
            code=code,
            title=title,
            owner=owner,
            procedure_code=procedure_code,
            parent_code=parent_code,
            review_months=review_months,
            issuer=issuer,
        )
    return _rows(db, clock.today(), code)[0]


def start_revision(
    db: Database,
    actor: Actor,
    code: str,
    *,
    change_summary: str,
    places_changed: str = "",
    amendment: bool = False,
    procedure_revision_id: int | None = None,
) -> RevisionRow:
    """A new draft, checked out to its drafter. Only one draft or review at a time."""
    summary = limits.text(
        change_summary, DocumentRevision.change_summary, "tóm tắt nội dung", multiline=True
    )
    if not summary:
        raise ValidationError("Chưa nhập tóm tắt nội dung ban hành / sửa đổi.")
    places = limits.text(
        places_changed, DocumentRevision.places_changed, "vị trí sửa đổi", multiline=True
    )
    with write(db, actor, Permission.DOCS_DRAFT) as uow:
        session = uow.session
        doc = _document(session, code)
        revisions = _revisions_of(session, doc.id)
        open_ = [r for r in revisions if r.state in (RevisionState.DRAFT, RevisionState.IN_REVIEW)]
        if open_:
            raise Conflict(
                f"Tài liệu {doc.code} đang có dự thảo lần {open_[0].issue}.{open_[0].amendment}"
                " chưa ban hành."
            )
        last = revisions[-1] if revisions else None
        if last is None:
            issue, amend = 1, 0
        elif amendment:
            issue, amend = last.issue, last.amendment + 1
        else:
            issue, amend = last.issue + 1, 0
        if procedure_revision_id is None and doc.procedure_id is not None:
            # a process document's draft starts from the content last approved — also one
            # imported since the last issue (procedures import) — which the drafter then
            # edits (services.process_documents.set_draft_content)
            procedure_revision_id = (
                session.execute(
                    select(ProcedureRevision.id)
                    .where(
                        ProcedureRevision.procedure_id == doc.procedure_id,
                        ProcedureRevision.status == "approved",
                    )
                    .order_by(
                        ProcedureRevision.effective_from.desc(), ProcedureRevision.number.desc()
                    )
                    .limit(1)
                ).scalar_one_or_none()
            ) or (last.procedure_revision_id if last else None)
        if procedure_revision_id is not None:
            proc_rev = session.get(ProcedureRevision, procedure_revision_id)
            if proc_rev is None or proc_rev.procedure_id != doc.procedure_id:
                raise ValidationError("Nội dung thủ tục không thuộc quy trình này.")
        rev = DocumentRevision(
            document_id=doc.id,
            issue=issue,
            amendment=amend,
            state=RevisionState.DRAFT.value,
            change_summary=summary,
            places_changed=places,
            procedure_revision_id=procedure_revision_id,
            form_content=last.form_content if last is not None else None,
            checked_out_by=actor.user_id,
            created_by=actor.user_id,
            created_at=utcnow(),
        )
        rev.search_text = revision_search_text(session, rev)
        session.add(rev)
        session.flush()
        uow.record(
            "document.revision.start",
            "document_revision",
            rev.id,
            after={"code": doc.code, **_snapshot(rev)},
        )
        rev_id = rev.id
    return revision_row(db, rev_id)


def _editable(session: Session, actor: Actor, revision_id: int) -> DocumentRevision:
    rev = _revision(session, revision_id)
    if rev.state != RevisionState.DRAFT:
        raise Conflict("Chỉ sửa được dự thảo (lần ban hành này đã gửi xem xét hoặc đã ban hành).")
    if rev.checked_out_by not in (None, actor.user_id):
        holder = session.get(User, rev.checked_out_by)
        raise Conflict(f"Dự thảo đang do {holder.full_name if holder else '?'} giữ để sửa.")
    return rev


def checkout(db: Database, actor: Actor, revision_id: int) -> None:
    with write(db, actor, Permission.DOCS_DRAFT) as uow:
        rev = _editable(uow.session, actor, revision_id)
        if rev.checked_out_by != actor.user_id:
            rev.checked_out_by = actor.user_id
            uow.record("document.checkout", "document_revision", rev.id)


def checkin(db: Database, actor: Actor, revision_id: int) -> None:
    with write(db, actor, Permission.DOCS_DRAFT) as uow:
        rev = _editable(uow.session, actor, revision_id)
        if rev.checked_out_by is not None:
            rev.checked_out_by = None
            uow.record("document.checkin", "document_revision", rev.id)


@dataclass(frozen=True)
class Attached:
    digest: str
    #: said to the drafter when the file has no header block to check it against
    warning: str = ""


def attach_file(db: Database, actor: Actor, revision_id: int, name: str, data: bytes) -> Attached:
    """Store the revision's file (checked first; nothing is stored if it is refused).

    A file whose header block names another document or another issue is refused, both
    values named: QT-HT-04's file attached to QT-HT-02 would go round the signatures and
    out as QT-HT-02's controlled copy. A file with no header block is taken, with a
    warning to check it."""
    from isoqms.services.file_header import read_header

    media_type = files.check_upload(name, data)
    file_name = limits.text(
        name.replace("\\", "/").rsplit("/", 1)[-1], DocumentRevision.file_name, "tên tệp"
    )
    header = read_header(file_name, data)
    with write(db, actor, Permission.DOCS_DRAFT) as uow:
        rev = _editable(uow.session, actor, revision_id)
        doc = uow.session.get(Document, rev.document_id)
        assert doc is not None
        warning = _check_header(doc, rev, header)
        rev.checked_out_by = actor.user_id
        digest = files.store(uow.session, data, media_type)
        before = rev.file_sha256
        rev.file_sha256, rev.file_name = digest, file_name
        rev.search_text = revision_search_text(uow.session, rev)
        uow.record(
            "document.file",
            "document_revision",
            rev.id,
            before={"file": before},
            after={"file": digest, "name": rev.file_name, "header": header.code or None},
        )
    return Attached(digest, warning)


def _check_header(doc: Document, rev: DocumentRevision, header: FileHeader) -> str:
    if not header.found:
        return (
            "Tệp không có khối tiêu đề (Mã hiệu, Lần ban hành) để đối chiếu: kiểm tra lại "
            f"đúng là tệp của {doc.code} lần {rev.issue:02d} trước khi gửi xem xét."
        )
    if header.code != doc.code.upper():
        raise ValidationError(
            f"Tệp ghi Mã hiệu {header.code}, không phải {doc.code}: đây là tệp của tài liệu "
            "khác, không đính kèm."
        )
    if header.issue is not None and header.issue != rev.issue:
        raise ValidationError(
            f"Tệp ghi Lần ban hành {header.issue:02d}, nhưng dự thảo này là lần "
            f"{rev.issue:02d} của {doc.code}: sửa khối tiêu đề của tệp rồi đính kèm lại."
        )
    return ""


def check_submit(db: Database, actor: Actor, revision_id: int) -> None:
    """What must hold before a draft is sent for review, checked before the drafter is
    asked for their password: theirs to edit, and something to review."""
    with db.read() as session:
        require(session, actor, Permission.DOCS_DRAFT)
        _submittable(session, actor, revision_id)


def _submittable(session: Session, actor: Actor, revision_id: int) -> DocumentRevision:
    rev = _editable(session, actor, revision_id)
    if rev.file_sha256 is None and rev.procedure_revision_id is None and not rev.form_content:
        raise ValidationError(
            "Dự thảo chưa có nội dung để gửi xem xét: đính kèm tệp tài liệu (hoặc tạo tệp "
            "quy trình từ nội dung thủ tục) trước."
        )
    return rev


def submit(db: Database, actor: Actor, revision_id: int, password: str) -> RevisionRow:
    """The drafter signs (Soạn thảo) and sends the draft for review."""
    with write(db, actor, Permission.DOCS_DRAFT) as uow:
        session = uow.session
        rev = _submittable(session, actor, revision_id)
        user = _check_password(session, actor, password)
        _sign(uow, rev, user, Meaning.DRAFTED)
        rev.state, rev.checked_out_by = RevisionState.IN_REVIEW.value, None
        uow.record("document.submit", "document_revision", rev.id, after=_snapshot(rev))
    return revision_row(db, revision_id)


def review(
    db: Database, actor: Actor, revision_id: int, password: str, *, accept: bool, comment: str = ""
) -> RevisionRow:
    """The reviewer signs (Xem xét), or sends the draft back with a comment."""
    with write(db, actor, Permission.DOCS_REVIEW) as uow:
        session = uow.session
        rev = _revision(session, revision_id)
        if rev.state != RevisionState.IN_REVIEW:
            raise Conflict("Lần ban hành này không ở bước xem xét.")
        signatures = _current_signatures(session, rev)
        if _signer(signatures, Meaning.REVIEWED) is not None:
            raise Conflict("Lần ban hành này đã được xem xét; chờ phê duyệt.")
        check_three_people(_signer(signatures, Meaning.DRAFTED), actor.user_id, None)
        user = _check_password(session, actor, password)
        if accept:
            _sign(uow, rev, user, Meaning.REVIEWED)
        else:
            _reject(uow, rev, comment)
    return revision_row(db, revision_id)


def _reject(uow: UnitOfWork, rev: DocumentRevision, comment: str) -> None:
    text = limits.text(comment, DocumentRevision.review_comment, "ý kiến", multiline=True)
    if not text:
        raise ValidationError("Trả lại dự thảo cần ghi rõ ý kiến.")
    rev.state, rev.review_comment, rev.rejected_at = RevisionState.DRAFT.value, text, uow.at
    rev.checked_out_by = rev.created_by
    uow.record("document.reject", "document_revision", rev.id, after={"comment": text})


def check_approve(
    db: Database,
    actor: Actor,
    revision_id: int,
    password: str,
    *,
    effective_from: dt.date,
    today: dt.date | None = None,
) -> None:
    """What :func:`approve` refuses, checked before anything is signed with a token: the
    person, the password, the state, the review, the three-person rule, the effective date.
    Changes nothing."""
    with db.read() as session:
        require(session, actor, Permission.DOCS_APPROVE)
        rev = _revision(session, revision_id)
        if rev.state != RevisionState.IN_REVIEW:
            raise Conflict("Lần ban hành này không chờ phê duyệt.")
        signatures = _current_signatures(session, rev)
        reviewer = _signer(signatures, Meaning.REVIEWED)
        if reviewer is None:
            raise Conflict("Chưa được xem xét: cần chữ ký Xem xét trước khi phê duyệt.")
        check_three_people(_signer(signatures, Meaning.DRAFTED), reviewer, actor.user_id)
        _check_password(session, actor, password)
        _check_effective(session, rev, effective_from, today)


def _check_effective(
    session: Session, rev: DocumentRevision, effective_from: dt.date, today: dt.date | None
) -> None:
    if effective_from < (today or clock.today()):
        raise ValidationError("Ngày hiệu lực không được trước ngày phê duyệt.")
    check_effective_order(
        effective_from,
        [
            (f"{r.issue:02d}.{r.amendment}", r.effective_from)
            for r in _revisions_of(session, rev.document_id)
            if r.state == RevisionState.APPROVED and r.effective_from is not None
        ],
    )


def approve(
    db: Database,
    actor: Actor,
    revision_id: int,
    password: str,
    *,
    effective_from: dt.date,
    accept: bool = True,
    comment: str = "",
    today: dt.date | None = None,
    signed_pdf: tuple[bytes, CertificateInfo] | None = None,
) -> RevisionRow:
    """The approver signs (Phê duyệt) and sets the effective date (today or later).
    ``signed_pdf``: the revision's PDF the approver signed with their token, kept with the
    approval in the same transaction (see ``services.token_signing``)."""
    with write(db, actor, Permission.DOCS_APPROVE) as uow:
        session = uow.session
        rev = _revision(session, revision_id)
        if rev.state != RevisionState.IN_REVIEW:
            raise Conflict("Lần ban hành này không chờ phê duyệt.")
        signatures = _current_signatures(session, rev)
        reviewer = _signer(signatures, Meaning.REVIEWED)
        if accept and reviewer is None:
            raise Conflict("Chưa được xem xét: cần chữ ký Xem xét trước khi phê duyệt.")
        check_three_people(_signer(signatures, Meaning.DRAFTED), reviewer, actor.user_id)
        user = _check_password(session, actor, password)
        if not accept:
            _reject(uow, rev, comment)
        else:
            _check_effective(session, rev, effective_from, today)
            _sign(uow, rev, user, Meaning.APPROVED)
            rev.state, rev.effective_from = RevisionState.APPROVED.value, effective_from
            proc_rev = (
                session.get(ProcedureRevision, rev.procedure_revision_id)
                if rev.procedure_revision_id is not None
                else None
            )
            # a content approved before (a new issue that keeps it) keeps its own date
            if proc_rev is not None and proc_rev.status == "draft":
                proc_rev.status = "approved"
                proc_rev.effective_from = dt.datetime.combine(effective_from, dt.time())
                uow.record(
                    "procedure.revision.approve",
                    "procedure_revision",
                    proc_rev.id,
                    after={"effective_from": proc_rev.effective_from},
                )
            uow.record("document.approve", "document_revision", rev.id, after=_snapshot(rev))
            if signed_pdf is not None:
                keep_signed(uow, "revision", rev.id, *signed_pdf)
    return revision_row(db, revision_id, today)


# ---------------------------------------------------------------------- reading


def _dates(revs: list[DocumentRevision]) -> list[RevisionDates]:
    return [
        RevisionDates(r.id, RevisionState(r.state), r.effective_from, r.withdrawn_on) for r in revs
    ]


def _rows(db: Database, day: dt.date, code: str | None = None) -> list[DocumentRow]:
    with db.read() as session:
        query = select(Document).order_by(Document.kind, Document.code)
        if code is not None:
            query = query.where(Document.code == code)
        docs = list(session.execute(query).scalars())
        by_doc = _revisions_by_document(session, docs)
    order = {kind.value: i for i, kind in enumerate(DocumentKind)}
    docs.sort(key=lambda d: (order.get(d.kind, 99), d.code))
    rows = []
    for doc in docs:
        mine = by_doc[doc.id]
        standing = standings(_dates(mine), day)
        in_force = [r for r in mine if standing[r.id][0] is Standing.EFFECTIVE]
        shown = in_force[-1] if in_force else (mine[-1] if mine else None)
        pending = next((r.state for r in mine if r.state in ("draft", "in_review")), "")
        state = standing[shown.id][0] if shown else Standing.DRAFT
        kind = DocumentKind(doc.kind)
        rows.append(
            DocumentRow(
                doc.code,
                doc.title,
                kind.value,
                kind.label,
                shown.issue if in_force and shown else None,
                shown.amendment if in_force and shown else None,
                shown.effective_from if in_force and shown else None,
                state.value,
                state.label,
                pending,
                doc.issuer,
            )
        )
    return rows


def list_documents(db: Database, actor: Actor, day: dt.date | None = None) -> list[DocumentRow]:
    """The register as it stands on ``day`` (today by default)."""
    with db.read() as session:
        require(session, actor, Permission.RECORDS_READ)
    return _rows(db, day or clock.today())


def revision_row(db: Database, revision_id: int, day: dt.date | None = None) -> RevisionRow:
    with db.read() as session:
        rev = _revision(session, revision_id)
        return _history(session, session.get(Document, rev.document_id), day)[rev.id]  # type: ignore[arg-type]


def _history(session: Session, doc: Document, day: dt.date | None) -> dict[int, RevisionRow]:
    revs = _revisions_of(session, doc.id)
    standing = standings(_dates(revs), day or clock.today())
    notes = periodic_notes(session, [r.id for r in revs])
    signed: dict[int, list[tuple[str, str]]] = {}
    if revs:
        for ref, sha, signer in session.execute(
            select(SignedFile.ref_id, SignedFile.file_sha256, SignedFile.signer)
            .where(SignedFile.kind == "revision", SignedFile.ref_id.in_([r.id for r in revs]))
            .order_by(SignedFile.id)
        ):
            signed.setdefault(ref, []).append((sha, signer))
    out: dict[int, RevisionRow] = {}
    for rev in revs:
        sigs = tuple(
            SignatureView(
                s.meaning,
                Meaning(s.meaning).label,
                s.full_name,
                s.title,
                s.signed_at,
                s.content_hash,
            )
            for s in _current_signatures(session, rev)
        )
        holder = session.get(User, rev.checked_out_by) if rev.checked_out_by else None
        state, effective_to = standing[rev.id]
        out[rev.id] = RevisionRow(
            rev.id,
            doc.code,
            rev.issue,
            rev.amendment,
            rev.state,
            state.value,
            state.label,
            rev.effective_from,
            effective_to,
            rev.change_summary,
            rev.places_changed,
            rev.file_name,
            rev.file_sha256,
            content_hash(session, rev),
            holder.username if holder else "",
            rev.review_comment,
            sigs,
            rev.form_content is not None,
            rev.withdrawn_on,
            tuple(notes.get(rev.id, ())),
            tuple(signed.get(rev.id, ())),
        )
    return out


def history(db: Database, actor: Actor, code: str, day: dt.date | None = None) -> list[RevisionRow]:
    with db.read() as session:
        require(session, actor, Permission.RECORDS_READ)
        return list(_history(session, _document(session, code), day).values())


def open_revision(db: Database, actor: Actor, code: str) -> RevisionRow:
    """The document's draft, or the revision waiting for review or approval."""
    with db.read() as session:
        require(session, actor, Permission.RECORDS_READ)
        doc = _document(session, code)
        rows = _history(session, doc, None)
        for row in reversed(list(rows.values())):
            if row.state in (RevisionState.DRAFT, RevisionState.IN_REVIEW):
                return row
        raise NotFound(f"Tài liệu {doc.code} không có dự thảo đang soạn hoặc chờ ký.")


def search(db: Database, actor: Actor, query: str, day: dt.date | None = None) -> list[DocumentRow]:
    """Documents whose code, title or content (any revision's text) contains ``query``,
    ignoring case and diacritics."""
    needle = fold(query)
    rows = list_documents(db, actor, day)
    if not needle:
        return rows
    pattern = f"%{needle}%"
    with db.read() as session:
        by_content = set(
            session.execute(
                select(Document.code)
                .join(DocumentRevision, DocumentRevision.document_id == Document.id)
                .where(DocumentRevision.search_text.like(pattern))
            ).scalars()
        )
    return [r for r in rows if needle in fold(f"{r.code} {r.title}") or r.code in by_content]


def form_texts(db: Database, actor: Actor, revision_id: int) -> dict[str, object]:
    """The printed texts a form revision carries."""
    import json

    with db.read() as session:
        require(session, actor, Permission.RECORDS_READ)
        rev = _revision(session, revision_id)
        if rev.form_content is None:
            raise ValidationError("Lần ban hành này không phải nội dung biểu mẫu.")
        return dict(json.loads(rev.form_content)["texts"])


def set_form_texts(db: Database, actor: Actor, revision_id: int, texts: dict[str, object]) -> None:
    """Change the printed texts of a form draft; the slips use them once the revision is
    approved and in force."""
    import json

    from isoqms.services.forms import checked_texts

    with write(db, actor, Permission.DOCS_DRAFT) as uow:
        rev = _editable(uow.session, actor, revision_id)
        if rev.form_content is None:
            raise ValidationError("Lần ban hành này không phải nội dung biểu mẫu.")
        content = json.loads(rev.form_content)
        before = content["texts"]
        after = checked_texts(before, texts)
        changed = {k: v for k, v in after.items() if v != before[k]}
        if not changed:
            return
        content["texts"] = after
        rev.form_content = canonical_json(content)
        rev.checked_out_by = actor.user_id
        rev.search_text = revision_search_text(uow.session, rev)
        uow.record(
            "document.form.texts",
            "document_revision",
            rev.id,
            before={k: before[k] for k in changed},
            after=changed,
        )


def registers(db: Database, actor: Actor, day: dt.date | None = None) -> Registers:
    """The internal and external document registers and the records list as they stand on
    ``day``, headed as the register forms in force that day say."""
    from isoqms.render.registers import Heading, RecordLine
    from isoqms.services.forms import forms_in_force
    from isoqms.services.records import list_record_types
    from isoqms.services.unit import get_unit

    moment = day or clock.today()
    internal: list[RegisterLine] = []
    external: list[RegisterLine] = []
    for row in list_documents(db, actor, moment):
        line = RegisterLine(
            code=row.code,
            title=row.title,
            kind_label=row.kind_label,
            issue=f"{row.issue:02d}" if row.issue is not None else "",
            effective=f"{row.effective_from:%d/%m/%Y}" if row.effective_from else "",
            standing=row.standing_label,
            issuer=row.issuer,
        )
        (external if row.kind == DocumentKind.EXTERNAL else internal).append(line)
    records = tuple(
        RecordLine(r.name, r.document_code, r.keeper, r.retention, r.medium, r.note)
        for r in list_record_types(db, actor)
    )
    with db.read() as session:
        in_force = forms_in_force(session, moment)
    headings = tuple(
        (
            key,
            Heading(
                form.text("title"),
                tuple(map(str, form.texts["columns"])),
                f"{form.code}, lần ban hành {form.revision:02d}",
            ),
        )
        for key in ("internal", "external", "records")
        if (form := in_force.get(f"register-{key}")) is not None
    )
    unit = get_unit(db)
    return Registers(
        unit.desk_name or unit.display_name,
        moment,
        tuple(internal),
        tuple(external),
        records,
        headings,
    )
