"""Reading and verifying the audit log."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from sqlalchemy import Select, func, select

from isoqms.db.engine import Database
from isoqms.db.models import AuditEvent, AuditHead
from isoqms.domain.audit import GENESIS_HASH, ChainBreak, EventRecord, check_chain
from isoqms.domain.roles import Permission
from isoqms.services.uow import Actor, require

_BATCH = 5000


@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    events: int
    problem: ChainBreak | None

    def summary(self) -> str:
        if self.ok:
            return f"Nhật ký kiểm tra nguyên vẹn: {self.events} sự kiện, chuỗi băm khớp."
        assert self.problem is not None
        where = f"sự kiện số {self.problem.seq}"
        if self.problem.event_id is not None:
            where += f" (id {self.problem.event_id})"
        return f"Nhật ký kiểm tra bị thay đổi: {where} — {self.problem.reason}."


_CHAIN_COLUMNS = (
    AuditEvent.id,
    AuditEvent.seq,
    AuditEvent.at,
    AuditEvent.actor_id,
    AuditEvent.actor,
    AuditEvent.action,
    AuditEvent.entity,
    AuditEvent.entity_id,
    AuditEvent.before,
    AuditEvent.after,
    AuditEvent.prev_hash,
    AuditEvent.hash,
)


def _records(db: Database) -> Iterator[tuple[int, EventRecord, str]]:
    """Stream events in sequence order, in keyset-paginated batches of plain rows."""
    last = 0
    while True:
        with db.read() as session:
            rows = session.execute(
                select(*_CHAIN_COLUMNS)
                .where(AuditEvent.seq > last)
                .order_by(AuditEvent.seq)
                .limit(_BATCH)
            ).all()
        if not rows:
            return
        for row_id, *fields, stored in rows:
            yield row_id, EventRecord(*fields), stored
        last = rows[-1].seq


def verify_chain(db: Database) -> VerifyResult:
    """Recompute the whole chain and compare with the head anchor.

    Open to anyone who can open the database: it reveals nothing but whether the log is
    intact and where it breaks.
    """
    problem, last_seq, last_hash = check_chain(_records(db))
    if problem is not None:
        return VerifyResult(False, last_seq, problem)
    with db.read() as session:
        head = session.get(AuditHead, 1)
        min_seq = session.execute(select(func.min(AuditEvent.seq))).scalar()
    if min_seq is not None and min_seq < 1:
        return VerifyResult(False, last_seq, ChainBreak(min_seq, None, "số thứ tự không hợp lệ"))
    head_seq, head_hash = (head.seq, head.hash) if head else (0, GENESIS_HASH)
    if head_seq > last_seq:
        why = f"thiếu các sự kiện cuối từ số {last_seq + 1} đến {head_seq} (bị xoá)"
        return VerifyResult(False, last_seq, ChainBreak(last_seq + 1, None, why))
    if head_seq < last_seq:
        why = "có sự kiện được thêm vào ngoài chương trình"
        return VerifyResult(False, last_seq, ChainBreak(head_seq + 1, None, why))
    if head_hash != last_hash:
        why = "mã băm của sự kiện cuối không khớp với mốc đã ghi"
        return VerifyResult(False, last_seq, ChainBreak(last_seq, None, why))
    return VerifyResult(True, last_seq, None)


@dataclass(frozen=True)
class EventView:
    id: int
    seq: int
    at: dt.datetime
    actor: str
    action: str
    entity: str
    entity_id: str
    before: str | None
    after: str | None
    hash: str


@dataclass(frozen=True)
class EventFilter:
    entity: str | None = None
    entity_id: str | None = None
    actor: str | None = None
    action: str | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None


def _filtered(flt: EventFilter) -> Select[AuditEvent]:
    query = select(AuditEvent)
    if flt.entity:
        query = query.where(AuditEvent.entity == flt.entity)
    if flt.entity_id:
        query = query.where(AuditEvent.entity_id == flt.entity_id)
    if flt.actor:
        query = query.where(AuditEvent.actor == flt.actor)
    if flt.action:
        query = query.where(AuditEvent.action == flt.action)
    if flt.date_from:
        query = query.where(AuditEvent.at >= dt.datetime.combine(flt.date_from, dt.time()))
    if flt.date_to:
        end = dt.datetime.combine(flt.date_to + dt.timedelta(days=1), dt.time())
        query = query.where(AuditEvent.at < end)
    return query


def list_events(
    db: Database, actor: Actor, flt: EventFilter | None = None, *, limit: int | None = None
) -> list[EventView]:
    """Events matching ``flt``, newest first when limited, else in sequence order."""
    with db.read() as session:
        require(session, actor, Permission.AUDIT_READ)
        query = _filtered(flt or EventFilter())
        query = (
            query.order_by(AuditEvent.seq.desc()).limit(limit)
            if limit
            else query.order_by(AuditEvent.seq)
        )
        rows = session.execute(query).scalars().all()
        return [
            EventView(
                id=r.id,
                seq=r.seq,
                at=r.at,
                actor=r.actor,
                action=r.action,
                entity=r.entity,
                entity_id=r.entity_id,
                before=r.before,
                after=r.after,
                hash=r.hash,
            )
            for r in rows
        ]
