"""Reading and verifying the audit log."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select

from isoqms.db.engine import Database, lenient_text
from isoqms.db.models import AuditEvent, AuditHead
from isoqms.domain.audit import GENESIS_HASH, ChainBreak, EventRecord, check_chain, format_at

_BATCH = 5000


@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    events: int  # the last good sequence number
    problem: ChainBreak | None
    last_hash: str = GENESIS_HASH  # of the last good event: where a later check resumes

    def summary(self) -> str:
        if self.ok:
            return f"Nhật ký kiểm tra nguyên vẹn: {self.events} sự kiện, chuỗi băm khớp."
        assert self.problem is not None
        where = f"sự kiện số {self.problem.seq}"
        if self.problem.event_id is not None:
            where += f" (id {self.problem.event_id})"
        return f"Nhật ký kiểm tra bị thay đổi: {where} — {self.problem.reason}."


_CHAIN_SQL = (
    "SELECT seq, at, actor_id, actor, action, entity, entity_id, before, after, prev_hash,"
    " hash, id, rows FROM audit_event WHERE seq > {mark} ORDER BY seq"
)
#: How SQLAlchemy stores a time in SQLite: the one form a stored ``at`` may take. Another
#: spelling of the same instant ("…T10:00:00+07:00") would hash the same yet be shown
#: hours off, so it is a change like any other.
_SQLITE_AT = re.compile(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{6}")
_ENC = json.encoder.encode_basestring  # the C escaper json.dumps(ensure_ascii=False) uses


def _at_text(at: object) -> str:
    """The stored time as ``format_at`` writes it. SQLite hands back SQLAlchemy's storage
    text ("YYYY-MM-DD HH:MM:SS.ffffff"), PostgreSQL a naive datetime. Anything else cannot
    be an event the program wrote: it gets a text no digest matches."""
    if isinstance(at, str):
        return at.replace(" ", "T", 1) if _SQLITE_AT.fullmatch(at) else "\x00" + at
    if isinstance(at, dt.datetime) and at.tzinfo is None:
        return format_at(at)
    return "\x00" + repr(at)


def _fast_canonical(row: Sequence[Any]) -> bytes:
    """``EventRecord.canonical()`` for a raw row, without building the dict and walking it
    (keys in sorted order, strings escaped by json's own C escaper).

    Exact for the rows the program writes (NFC text, microsecond timestamps); anything else
    makes the digest differ and the row is checked again the slow, authoritative way."""
    seq, at, actor_id, actor, action, entity, entity_id, before, after, prev = row[:10]
    rows = row[12]
    enc = _ENC
    return "".join(
        (
            '{"action":',
            enc(action),
            ',"actor":',
            enc(actor),
            ',"actor_id":',
            "null" if actor_id is None else str(actor_id),
            ',"after":',
            "null" if after is None else enc(after),
            ',"at":"',
            _at_text(at),
            '","before":',
            "null" if before is None else enc(before),
            ',"entity":',
            enc(entity),
            ',"entity_id":',
            enc(entity_id),
            ',"prev":',
            enc(prev),
            "" if rows is None else ',"rows":' + enc(rows),
            ',"seq":',
            str(seq),
            "}",
        )
    ).encode("utf-8")


def _slow_record(row: Sequence[Any]) -> EventRecord | None:
    """The reference record of a stored row, or None when the row cannot be one the
    program wrote (a time in another form, a value of the wrong type)."""
    seq, at, actor_id, actor, action, entity, entity_id, before, after, prev = row[:10]
    if isinstance(at, str):
        if not _SQLITE_AT.fullmatch(at):
            return None
        at = dt.datetime.fromisoformat(at)
    elif not isinstance(at, dt.datetime) or at.tzinfo is not None:
        return None
    return EventRecord(
        seq, at, actor_id, actor, action, entity, entity_id, before, after, prev, rows=row[12]
    )


def _slow_matches(row: Sequence[Any], stored: object) -> bool:
    """Whether the row hashes to ``stored`` by the reference form; any content at all
    (text in a number column, bytes in a text column…) gives an answer, never an error."""
    try:
        record = _slow_record(row)
        return record is not None and record.digest() == stored
    except (TypeError, ValueError, UnicodeError, OverflowError):
        return False


def _stream(db: Database, after: int) -> Iterator[Sequence[Any]]:
    """Every event after ``after`` in sequence order, as the driver's plain tuples, read in
    one transaction through a DB-API cursor (SQLAlchemy's row objects cost as much as the
    hashing)."""
    mark = "?" if db.backend == "sqlite" else "%s"
    raw = db.engine.raw_connection()
    try:
        with lenient_text(raw.driver_connection):
            cursor = raw.cursor()
            cursor.execute(_CHAIN_SQL.format(mark=mark), (after,))
            while rows := cursor.fetchmany(_BATCH):
                yield from rows
            cursor.close()
    finally:
        raw.rollback()
        raw.close()


def check_stream(
    rows: Iterable[Sequence[Any]], *, start_seq: int = 1, start_hash: str = GENESIS_HASH
) -> tuple[ChainBreak | None, int, str]:
    """``check_chain`` over raw rows, hashing each row's canonical bytes directly; a row
    whose fast digest disagrees is judged by :class:`EventRecord` itself."""
    sha256 = hashlib.sha256
    expected = start_seq
    prev = start_hash
    for row in rows:
        seq, stored = row[0], row[10]
        if type(seq) is not int or seq != expected or row[9] != prev:
            break
        try:
            fast = sha256(_fast_canonical(row)).hexdigest() == stored
        except (TypeError, ValueError, UnicodeError):
            fast = False
        if not fast and not _slow_matches(row, stored):
            return (
                ChainBreak(seq, row[11], "nội dung đã bị sửa sau khi ghi"),
                expected - 1,
                prev,
            )
        prev = stored
        expected += 1
    else:
        return None, expected - 1, prev
    # the row broke the sequence or the link: the reference walk words the reason
    seq, _at, *fields = row[:10]
    if type(seq) is not int:
        return ChainBreak(expected, row[11], "số thứ tự không hợp lệ"), expected - 1, prev
    record = EventRecord(seq, dt.datetime.min, *fields)
    problem, _, _ = check_chain([(row[11], record, row[10])], start_seq=expected, start_hash=prev)
    return problem, expected - 1, prev


def verify_chain(
    db: Database, *, start_seq: int = 0, start_hash: str = GENESIS_HASH
) -> VerifyResult:
    """Recompute the chain (from the start, or after a verified ``start_seq``/``start_hash``)
    and compare it with the head anchor.

    Open to anyone who can open the database: it reveals nothing but whether the log is
    intact and where it breaks.
    """
    problem, last_seq, last_hash = check_stream(
        _stream(db, start_seq), start_seq=start_seq + 1, start_hash=start_hash
    )
    if problem is not None:
        return VerifyResult(False, last_seq, problem, last_hash)
    with db.read() as session:
        head = session.execute(
            select(AuditHead.seq, AuditHead.hash).where(AuditHead.id == 1)
        ).first()
        min_seq = session.execute(select(func.min(AuditEvent.seq))).scalar()
    if min_seq is not None and (type(min_seq) is not int or min_seq < 1):
        where = min_seq if type(min_seq) is int else last_seq + 1
        return VerifyResult(
            False, last_seq, ChainBreak(where, None, "số thứ tự không hợp lệ"), last_hash
        )
    head_seq, head_hash = (head.seq, head.hash) if head else (0, GENESIS_HASH)
    if type(head_seq) is not int:
        why = "mốc cuối của nhật ký (audit_head) bị sửa"
        return VerifyResult(False, last_seq, ChainBreak(last_seq, None, why), last_hash)
    if head_seq > last_seq:
        why = f"thiếu các sự kiện cuối từ số {last_seq + 1} đến {head_seq} (bị xoá)"
        return VerifyResult(False, last_seq, ChainBreak(last_seq + 1, None, why), last_hash)
    if head_seq < last_seq:
        why = "có sự kiện được thêm vào ngoài chương trình"
        return VerifyResult(False, last_seq, ChainBreak(head_seq + 1, None, why), last_hash)
    if head_hash != last_hash:
        why = "mã băm của sự kiện cuối không khớp với mốc đã ghi"
        return VerifyResult(False, last_seq, ChainBreak(last_seq, None, why), last_hash)
    return VerifyResult(True, last_seq, None, last_hash)
