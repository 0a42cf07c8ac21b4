"""Controlled copies: numbered copies of the revision in force handed to a person or
place, signed for (ký nhận) and recalled when the revision stops being in force."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from isoqms.db.engine import Database
from isoqms.db.models import DocumentCopy
from isoqms.domain import clock
from isoqms.domain.documents import Standing, standings
from isoqms.domain.errors import Conflict, NotFound, ValidationError
from isoqms.domain.roles import Permission
from isoqms.services import limits
from isoqms.services.documents import _dates, _document, _revisions_of, _rows
from isoqms.services.uow import Actor, require, write


@dataclass(frozen=True)
class CopyView:
    id: int
    code: str
    copy_no: int
    issue: int
    amendment: int
    holder: str
    distributed_at: dt.datetime
    acknowledged_at: dt.datetime | None
    acknowledged_by: str
    recalled_at: dt.datetime | None
    revision_standing: str
    must_recall: bool  # its revision is no longer in force and the copy is still out
    revision_id: int = 0


def distribute(db: Database, actor: Actor, code: str, holder: str) -> CopyView:
    """Hand a numbered controlled copy of the revision in force to a person or place."""
    name = limits.text(holder, DocumentCopy.holder, "người / nơi nhận bản tài liệu")
    if not name:
        raise ValidationError("Chưa nhập người / nơi nhận bản tài liệu.")
    with write(db, actor, Permission.DOCS_DISTRIBUTE) as uow:
        session = uow.session
        doc = _document(session, code)
        revs = _revisions_of(session, doc.id)
        state = standings(_dates(revs), clock.today())
        current = [r for r in revs if state[r.id][0] is Standing.EFFECTIVE]
        if not current:
            raise Conflict(f"Tài liệu {doc.code} không có lần ban hành đang hiệu lực để phân phối.")
        last = (
            session.execute(
                select(DocumentCopy.copy_no)
                .where(DocumentCopy.document_id == doc.id)
                .order_by(DocumentCopy.copy_no.desc())
                .limit(1)
            ).scalar()
            or 0
        )
        copy = DocumentCopy(
            document_id=doc.id,
            revision_id=current[-1].id,
            copy_no=last + 1,
            holder=name,
            distributed_at=uow.at,
            distributed_by=actor.user_id,
        )
        session.add(copy)
        session.flush()
        uow.record(
            "document.distribute",
            "document_copy",
            copy.id,
            after={
                "code": doc.code,
                "copy_no": copy.copy_no,
                "holder": name,
                "issue": current[-1].issue,
            },
        )
        copy_id = copy.id
    return next(c for c in copies(db, actor, code) if c.id == copy_id)


def acknowledge(db: Database, actor: Actor, copy_id: int, signed_by: str = "") -> None:
    """Record that the holder signed for the copy (ký nhận); the signer is the holder
    unless another name is given (someone signing on the holder's behalf)."""
    name = limits.text(signed_by, DocumentCopy.acknowledged_by, "họ tên người ký nhận")
    with write(db, actor, Permission.DOCS_DISTRIBUTE) as uow:
        copy = _copy(uow.session, copy_id)
        if copy.recalled_at is not None:
            raise Conflict(f"Bản số {copy.copy_no:02d} đã thu hồi, không ký nhận được nữa.")
        if copy.acknowledged_at is not None:
            raise Conflict(f"Bản số {copy.copy_no:02d} đã được ký nhận.")
        copy.acknowledged_at, copy.acknowledged_by = uow.at, name or copy.holder
        uow.record(
            "document.acknowledge",
            "document_copy",
            copy.id,
            after={"copy_no": copy.copy_no, "by": copy.acknowledged_by},
        )


def recall(db: Database, actor: Actor, copy_id: int) -> None:
    """Record that the copy came back (thu hồi): it no longer counts as out."""
    with write(db, actor, Permission.DOCS_DISTRIBUTE) as uow:
        copy = _copy(uow.session, copy_id)
        if copy.recalled_at is not None:
            raise Conflict(f"Bản số {copy.copy_no:02d} đã được thu hồi.")
        copy.recalled_at = uow.at
        uow.record("document.recall", "document_copy", copy.id, after={"copy_no": copy.copy_no})


def _copy(session: Session, copy_id: int) -> DocumentCopy:
    copy = session.get(DocumentCopy, copy_id)
    if copy is None:
        raise NotFound("Không có bản phân phối này.")
    return copy


def copy_numbered(db: Database, actor: Actor, code: str, copy_no: int) -> CopyView:
    """The copy of ``code`` with the number written on it."""
    found = [c for c in copies(db, actor, code) if c.copy_no == copy_no]
    if not found:
        raise NotFound(f"Tài liệu {code} không có bản phân phối số {copy_no}.")
    return found[0]


def copies(db: Database, actor: Actor, code: str) -> list[CopyView]:
    with db.read() as session:
        require(session, actor, Permission.RECORDS_READ)
        doc = _document(session, code)
        revs = {r.id: r for r in _revisions_of(session, doc.id)}
        state = standings(_dates(list(revs.values())), clock.today())
        rows = (
            session.execute(
                select(DocumentCopy)
                .where(DocumentCopy.document_id == doc.id)
                .order_by(DocumentCopy.copy_no)
            )
            .scalars()
            .all()
        )
        out = []
        for c in rows:
            rev = revs[c.revision_id]
            standing = state[rev.id][0]
            out.append(
                CopyView(
                    c.id,
                    doc.code,
                    c.copy_no,
                    rev.issue,
                    rev.amendment,
                    c.holder,
                    c.distributed_at,
                    c.acknowledged_at,
                    c.acknowledged_by,
                    c.recalled_at,
                    standing.value,
                    standing in (Standing.SUPERSEDED, Standing.WITHDRAWN) and c.recalled_at is None,
                    c.revision_id,
                )
            )
        return out


def sign_sheet(db: Database, actor: Actor, code: str) -> bytes:
    """The distribution sign-sheet of the copies still out, as PDF."""
    from isoqms.render.distribution import CopyLine, SignSheet, sign_sheet_pdf
    from isoqms.services.unit import get_unit

    out = [c for c in copies(db, actor, code) if c.recalled_at is None]
    with db.read() as session:
        doc = _document(session, code)
        title = doc.title
    unit = get_unit(db)
    current = next((r for r in _rows(db, clock.today(), doc.code)), None)
    return sign_sheet_pdf(
        SignSheet(
            authority=f"UBND {unit.commune_name}" if unit.commune_name else "UBND",
            code=doc.code,
            title=title,
            issue=f"{current.issue:02d}" if current and current.issue else "—",
            effective=f"{current.effective_from:%d/%m/%Y}"
            if current and current.effective_from
            else "—",
            copies=tuple(
                CopyLine(
                    c.copy_no,
                    c.holder,
                    clock.local_from_utc(c.distributed_at).date(),
                    f"{c.acknowledged_by} ({c.acknowledged_at:%d/%m/%Y})"
                    if c.acknowledged_at
                    else "",
                )
                for c in out
            ),
        )
    )
