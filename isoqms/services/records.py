"""The records list (Danh mục hồ sơ): which records the unit keeps, where, and for how long.

ISO 9001 clause 7.5.3 wants retained documented information identified, protected and
kept for a stated period; Vietnamese practice lists it per process document ("Hồ sơ cần
lưu") and as one register. A line is never deleted: it is retired with a reason.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from isoqms.db.engine import Database
from isoqms.db.models import Document, RecordType, utcnow
from isoqms.domain.documents import parse_retention, retention_label
from isoqms.domain.errors import NotFound, ValidationError
from isoqms.domain.roles import Permission
from isoqms.services import limits
from isoqms.services.uow import Actor, UnitOfWork, require, write

ENTITY = "record_type"
MEDIA = ("Giấy", "Điện tử", "Giấy và điện tử")
#: the media's names in the English interface (the list keeps the Vietnamese)
MEDIA_EN = {"Giấy": "Paper", "Điện tử": "Electronic", "Giấy và điện tử": "Paper and electronic"}


@dataclass(frozen=True)
class RecordTypeView:
    id: int
    name: str
    document_code: str
    document_title: str
    keeper: str
    retention_years: int | None
    retention: str
    medium: str
    note: str
    active: bool


def _view(rec: RecordType, doc: Document | None) -> RecordTypeView:
    return RecordTypeView(
        rec.id,
        rec.name,
        doc.code if doc else "",
        doc.title if doc else "",
        rec.keeper,
        rec.retention_years,
        retention_label(rec.retention_years),
        rec.medium,
        rec.note,
        rec.active,
    )


def list_record_types(
    db: Database, actor: Actor, *, include_retired: bool = False
) -> list[RecordTypeView]:
    with db.read() as session:
        require(session, actor, Permission.RECORDS_READ)
        query = (
            select(RecordType, Document)
            .outerjoin(Document, Document.id == RecordType.document_id)
            .order_by(Document.code.is_(None), Document.code, RecordType.id)
        )
        if not include_retired:
            query = query.where(RecordType.active.is_(True))
        return [_view(rec, doc) for rec, doc in session.execute(query).all()]


@dataclass(frozen=True)
class RecordTypeDraft:
    name: str
    keeper: str
    retention: str | int | None  # "Vĩnh viễn", "10 năm", 10
    medium: str = "Giấy"
    document_code: str = ""
    note: str = ""


def _checked(uow: UnitOfWork, draft: RecordTypeDraft) -> dict[str, object]:
    name = limits.text(draft.name, RecordType.name, "tên hồ sơ")
    keeper = limits.text(draft.keeper, RecordType.keeper, "nơi lưu / người lưu hồ sơ")
    if not name:
        raise ValidationError("Chưa nhập tên hồ sơ.")
    if not keeper:
        raise ValidationError("Chưa nhập nơi lưu / người chịu trách nhiệm lưu hồ sơ.")
    medium = limits.text(draft.medium, RecordType.medium, "hình thức lưu")
    if medium not in MEDIA:
        raise ValidationError("Hình thức lưu phải là: " + ", ".join(MEDIA) + ".")
    document_id = None
    if draft.document_code.strip():
        code = limits.key(draft.document_code)
        doc = (
            None
            if code is None
            else uow.session.execute(
                select(Document).where(Document.code.in_([code, code.upper()]))
            ).scalar_one_or_none()
        )
        if doc is None:
            raise NotFound(f"Không có tài liệu mã hiệu “{draft.document_code}”.")
        document_id = doc.id
    return {
        "name": name,
        "keeper": keeper,
        "retention_years": parse_retention(draft.retention),
        "medium": medium,
        "document_id": document_id,
        "note": limits.text(draft.note, RecordType.note, "ghi chú", multiline=True),
    }


def _snapshot(rec: RecordType) -> dict[str, object]:
    return {
        "name": rec.name,
        "keeper": rec.keeper,
        "retention": retention_label(rec.retention_years),
        "medium": rec.medium,
        "document_id": rec.document_id,
        "note": rec.note,
        "active": rec.active,
    }


def add_record_type(db: Database, actor: Actor, draft: RecordTypeDraft) -> int:
    with write(db, actor, Permission.DOCS_DRAFT) as uow:
        rec = RecordType(**_checked(uow, draft), active=True, created_at=utcnow())
        uow.session.add(rec)
        uow.session.flush()
        uow.record("record_type.add", ENTITY, rec.id, after=_snapshot(rec))
        return rec.id


def change_record_type(db: Database, actor: Actor, record_id: int, draft: RecordTypeDraft) -> None:
    with write(db, actor, Permission.DOCS_DRAFT) as uow:
        rec = uow.session.get(RecordType, record_id)
        if rec is None or not rec.active:
            raise NotFound(f"Không có hồ sơ số {record_id} trong danh mục.")
        before = _snapshot(rec)
        for key, value in _checked(uow, draft).items():
            setattr(rec, key, value)
        after = _snapshot(rec)
        if after != before:
            uow.record("record_type.change", ENTITY, rec.id, before=before, after=after)


def retire_record_type(db: Database, actor: Actor, record_id: int, reason: str) -> None:
    text = limits.text(reason, RecordType.note, "lý do", multiline=True)
    if not text:
        raise ValidationError("Chưa nhập lý do bỏ khỏi danh mục.")
    with write(db, actor, Permission.DOCS_DRAFT) as uow:
        rec = uow.session.get(RecordType, record_id)
        if rec is None or not rec.active:
            raise NotFound(f"Không có hồ sơ số {record_id} trong danh mục.")
        rec.active = False
        rec.note = f"{rec.note} — Bỏ khỏi danh mục: {text}".strip(" —")
        uow.record("record_type.retire", ENTITY, rec.id, after={"reason": text})
