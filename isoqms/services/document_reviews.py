"""The end of a document's life and its upkeep: withdrawal (thu hồi), the periodic review
that finds a revision still fit (xem xét định kỳ, no change), and the committee's list of
things to do (việc cần làm) — what waits for review or approval, what was sent back, what
is due for its periodic review, copies to sign for or to recall."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from isoqms.db.engine import Database
from isoqms.db.models import (
    Document,
    DocumentCopy,
    DocumentRevision,
    RevisionSignature,
)
from isoqms.domain import clock
from isoqms.domain.documents import (
    DocumentKind,
    Meaning,
    RevisionState,
    Standing,
    review_due,
    standings,
)
from isoqms.domain.errors import Conflict, PermissionDenied, ValidationError
from isoqms.domain.roles import Permission
from isoqms.services import limits
from isoqms.services.documents import (
    PERIODIC_ACTION,
    RevisionRow,
    _check_password,
    _current_signatures,
    _dates,
    _document,
    _revisions_by_document,
    _revisions_of,
    _sign,
    _signer,
    revision_row,
)
from isoqms.services.uow import Actor, require, write


def withdraw(
    db: Database,
    actor: Actor,
    code: str,
    *,
    on: dt.date | None = None,
    reason: str,
    today: dt.date | None = None,
) -> RevisionRow:
    """Withdraw the document from ``on`` (today by default; nothing is deleted): its
    revision in force stops being in force that day, an issue approved to take effect
    later never does, and the copies still out become copies to recall. The approver's
    decision."""
    text = limits.text(reason, DocumentRevision.review_comment, "lý do thu hồi", multiline=True)
    if not text:
        raise ValidationError("Chưa nhập lý do thu hồi.")
    day = today or clock.today()
    on = on or day
    if on < day:
        raise ValidationError("Ngày thu hồi không được trước hôm nay.")
    with write(db, actor, Permission.DOCS_APPROVE) as uow:
        session = uow.session
        doc = _document(session, code)
        issued = [
            r
            for r in _revisions_of(session, doc.id)
            if r.state in (RevisionState.APPROVED, RevisionState.WITHDRAWN)
        ]
        if not issued:
            raise Conflict(f"Tài liệu {doc.code} chưa có lần ban hành nào để thu hồi.")
        if any(r.state == RevisionState.WITHDRAWN for r in issued):
            last = max(
                (r for r in issued if r.state == RevisionState.WITHDRAWN),
                key=lambda r: (r.effective_from or dt.date.min, r.id),
            )
            raise Conflict(
                f"Tài liệu {doc.code} đã thu hồi từ {last.withdrawn_on:%d/%m/%Y}."
                if last.withdrawn_on
                else f"Tài liệu {doc.code} đã thu hồi."
            )
        # the issue in force that day, and every issue approved to take effect later (or
        # the document would come back into force on the later issue's effective date)
        started = [r for r in issued if (r.effective_from or dt.date.min) <= on]
        later = [r for r in issued if (r.effective_from or dt.date.min) > on]
        current = max(started, key=lambda r: (r.effective_from or dt.date.min, r.id), default=None)
        stopped = ([current] if current is not None else []) + later
        for rev in stopped:
            rev.state, rev.withdrawn_on = RevisionState.WITHDRAWN.value, on
            rev.review_comment = text
        rev = current or later[-1]
        uow.record(
            "document.withdraw",
            "document_revision",
            rev.id,
            after={
                "code": doc.code,
                "withdrawn_on": on,
                "reason": text,
                "issues": [f"{r.issue:02d}.{r.amendment}" for r in stopped],
            },
        )
        rev_id = rev.id
    return revision_row(db, rev_id, today)


def review_no_change(
    db: Database,
    actor: Actor,
    code: str,
    password: str,
    *,
    note: str,
    today: dt.date | None = None,
) -> RevisionRow:
    """A periodic review that found the revision in force still fit: the reviewer (or the
    approver) signs it *Xem xét định kỳ* with a note, and the next review is due one
    review period from today. Nothing else changes."""
    text = limits.text(note, DocumentRevision.review_comment, "kết luận xem xét", multiline=True)
    if not text:
        raise ValidationError("Chưa ghi kết luận của lần xem xét định kỳ.")
    day = today or clock.today()
    if not (actor.can(Permission.DOCS_REVIEW) or actor.can(Permission.DOCS_APPROVE)):
        raise PermissionDenied(
            f"Người dùng “{actor.username}” không có quyền ghi lần xem xét định kỳ "
            "(việc của người xem xét hoặc người phê duyệt tài liệu)."
        )
    permission = (
        Permission.DOCS_REVIEW if actor.can(Permission.DOCS_REVIEW) else Permission.DOCS_APPROVE
    )
    with write(db, actor, permission) as uow:
        session = uow.session
        doc = _document(session, code)
        revs = _revisions_of(session, doc.id)
        state = standings(_dates(revs), day)
        effective = [r for r in revs if state[r.id][0] is Standing.EFFECTIVE]
        if not effective:
            raise Conflict(f"Tài liệu {doc.code} không có lần ban hành đang hiệu lực để xem xét.")
        rev = effective[-1]
        user = _check_password(session, actor, password)
        _sign(uow, rev, user, Meaning.PERIODIC)
        uow.record(
            PERIODIC_ACTION,
            "document_revision",
            rev.id,
            after={"code": doc.code, "issue": rev.issue, "note": text, "on": day},
        )
        rev_id = rev.id
    return revision_row(db, rev_id, today)


# ---------------------------------------------------------------------- things to do


@dataclass(frozen=True)
class Reminder:
    code: str
    title: str
    #: waiting_approval | waiting_review | returned_draft | review_due | recall_copy
    #: | acknowledge_copy | legal_update
    what: str
    label: str
    since: dt.date | None
    #: the label in the English interface
    english: str = ""

    def label_in(self, language: str) -> str:
        return self.label if language == "vi" or not self.english else self.english


REMINDER_ORDER = {
    "waiting_approval": 0,
    "waiting_review": 1,
    "returned_draft": 2,
    "recall_copy": 3,
    "legal_update": 4,
    "review_due": 5,
    "acknowledge_copy": 6,
}


def _periodic_dates(session: Session, revision_ids: list[int]) -> dict[int, dt.date]:
    out: dict[int, dt.date] = {}
    if not revision_ids:
        return out
    rows = session.execute(
        select(RevisionSignature.revision_id, RevisionSignature.signed_at).where(
            RevisionSignature.meaning == Meaning.PERIODIC.value,
            RevisionSignature.revision_id.in_(revision_ids),
        )
    )
    for revision_id, signed_at in rows:
        day = clock.local_from_utc(signed_at).date()
        out[revision_id] = max(out.get(revision_id, day), day)
    return out


def reminders(db: Database, actor: Actor, today: dt.date | None = None) -> list[Reminder]:
    """For the committee: revisions waiting for someone (review, approval, the drafter
    after a send-back), documents due for periodic review, copies to recall or still to
    be signed for."""
    day = today or clock.today()
    out: list[Reminder] = []
    with db.read() as session:
        require(session, actor, Permission.RECORDS_READ)
        docs = list(session.execute(select(Document)).scalars())
        by_doc = _revisions_by_document(session, docs)
        periodic = _periodic_dates(session, [r.id for revs in by_doc.values() for r in revs])
        for doc in docs:
            revs = by_doc[doc.id]
            state = standings(_dates(revs), day)
            effective = [r for r in revs if state[r.id][0] is Standing.EFFECTIVE]
            if effective and doc.kind != DocumentKind.EXTERNAL:
                current = max(effective, key=lambda r: (r.effective_from or dt.date.min, r.id))
                loaded = (
                    clock.local_from_utc(current.created_at).date()
                    if current.created_by is None and doc.kind == DocumentKind.FORM
                    else None
                )
                due = review_due(
                    [current.effective_from, periodic.get(current.id), loaded], doc.review_months
                )
                if due is not None and due <= day:
                    out.append(
                        Reminder(
                            doc.code,
                            doc.title,
                            "review_due",
                            f"Đến hạn xem xét định kỳ từ {due:%d/%m/%Y}",
                            due,
                            f"Periodic review due since {due:%d/%m/%Y}",
                        )
                    )
            for rev in revs:
                if rev.state == RevisionState.IN_REVIEW:
                    reviewed = _signer(_current_signatures(session, rev), Meaning.REVIEWED)
                    what, label, english = (
                        ("waiting_approval", "Chờ phê duyệt", "Awaiting approval")
                        if reviewed
                        else ("waiting_review", "Chờ xem xét", "Awaiting review")
                    )
                    out.append(
                        Reminder(
                            doc.code,
                            doc.title,
                            what,
                            f"{label} lần {rev.issue}.{rev.amendment}",
                            clock.local_from_utc(rev.created_at).date(),
                            f"{english}: revision {rev.issue}.{rev.amendment}",
                        )
                    )
                elif rev.state == RevisionState.DRAFT and rev.rejected_at is not None:
                    out.append(
                        Reminder(
                            doc.code,
                            doc.title,
                            "returned_draft",
                            f"Bị trả lại: {rev.review_comment}",
                            clock.local_from_utc(rev.rejected_at).date(),
                            f"Returned: {rev.review_comment}",
                        )
                    )
            out.extend(_copy_reminders(session, doc, state))
    from isoqms.services.iso_cycle import pending_legal_updates

    for update in pending_legal_updates(db, actor, day):
        out.append(
            Reminder(
                update.document,
                update.title,
                "legal_update",
                update.label,
                update.changed_on,
                update.label_in("en"),
            )
        )
    return sorted(out, key=lambda r: (REMINDER_ORDER[r.what], r.code, r.label))


def _copy_reminders(
    session: Session, doc: Document, state: dict[int, tuple[Standing, dt.date | None]]
) -> list[Reminder]:
    out = []
    rows = session.execute(
        select(DocumentCopy)
        .where(DocumentCopy.document_id == doc.id, DocumentCopy.recalled_at.is_(None))
        .order_by(DocumentCopy.copy_no)
    ).scalars()
    for copy in rows:
        standing = state[copy.revision_id][0]
        if standing in (Standing.SUPERSEDED, Standing.WITHDRAWN):
            out.append(
                Reminder(
                    doc.code,
                    doc.title,
                    "recall_copy",
                    f"Thu hồi bản số {copy.copy_no:02d} ({copy.holder})",
                    clock.local_from_utc(copy.distributed_at).date(),
                    f"Recall copy no. {copy.copy_no:02d} ({copy.holder})",
                )
            )
        elif copy.acknowledged_at is None:
            out.append(
                Reminder(
                    doc.code,
                    doc.title,
                    "acknowledge_copy",
                    f"Chờ ký nhận bản số {copy.copy_no:02d} ({copy.holder})",
                    clock.local_from_utc(copy.distributed_at).date(),
                    f"Copy no. {copy.copy_no:02d} awaits signing for ({copy.holder})",
                )
            )
    return out
