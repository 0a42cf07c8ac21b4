"""The audit log's hash chain, as pure functions.

Each event is hashed over a canonical JSON form that includes the previous event's hash,
so editing, deleting, inserting or reordering events breaks the chain from that point on.
The canonical form is fixed here and nowhere else: sorted keys, no insignificant white
space, UTF-8, NFC text, timestamps as ISO 8601 UTC with microseconds.

Since schema 0010 an event also carries ``rows``: the digests of the rows its transaction
left (:func:`row_digest`), so the chain vouches for the business tables too — a row that
differs from the digest its latest event sealed was changed outside the program. Events
written before that have no ``rows`` and hash exactly as they always did.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

GENESIS_HASH = "0" * 64


def canonical_json(value: Any) -> str:
    """Deterministic JSON: the text stored for ``before``/``after`` and hashed."""
    return json.dumps(_normalise(value), ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _normalise(value: Any) -> Any:
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, Mapping):
        return {str(k): _normalise(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        items = [_normalise(v) for v in value]
        return sorted(items, key=canonical_json) if isinstance(value, set | frozenset) else items
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if value is None or isinstance(value, bool | int | float):
        return value
    return str(value)


def format_at(at: dt.datetime) -> str:
    """Timestamps are naive UTC in the database; hash them with full microseconds."""
    if at.tzinfo is not None:
        at = at.astimezone(dt.UTC).replace(tzinfo=None)
    return at.isoformat(timespec="microseconds")


@dataclass(frozen=True)
class EventRecord:
    """What the chain covers of one event; ``before``/``after`` are canonical JSON text."""

    seq: int
    at: dt.datetime
    actor_id: int | None
    actor: str
    action: str
    entity: str
    entity_id: str
    before: str | None
    after: str | None
    prev_hash: str
    rows: str | None = None  # canonical JSON of the row seals; None before schema 0010

    def canonical(self) -> bytes:
        body = {
            "seq": self.seq,
            "at": format_at(self.at),
            "actor_id": self.actor_id,
            "actor": self.actor,
            "action": self.action,
            "entity": self.entity,
            "entity_id": self.entity_id,
            "before": self.before,
            "after": self.after,
            "prev": self.prev_hash,
        }
        if self.rows is not None:
            body["rows"] = self.rows
        return canonical_json(body).encode("utf-8")

    def digest(self) -> str:
        return hashlib.sha256(self.canonical()).hexdigest()


@dataclass(frozen=True)
class ChainBreak:
    """The first event at which the stored chain disagrees with a recomputed one."""

    seq: int
    event_id: int | None
    reason: str


def check_chain(
    events: Iterable[tuple[int, EventRecord, str]],
    *,
    start_seq: int = 1,
    start_hash: str = GENESIS_HASH,
) -> tuple[ChainBreak | None, int, str]:
    """Walk ``(row id, record, stored hash)`` in sequence order.

    Returns the first break (or ``None``), and the last good sequence number and hash so a
    caller can check the head anchor and resume incrementally later.
    """
    expected_seq = start_seq
    prev = start_hash
    for row_id, record, stored in events:
        if record.seq != expected_seq:
            if record.seq > expected_seq:
                why = f"thiếu sự kiện số {expected_seq} (bị xoá?), gặp số {record.seq}"
            else:
                why = f"số thứ tự {record.seq} lặp lại hoặc sai thứ tự (mong đợi {expected_seq})"
            return ChainBreak(expected_seq, row_id, why), expected_seq - 1, prev
        if record.prev_hash != prev:
            return (
                ChainBreak(
                    record.seq,
                    row_id,
                    "không nối với sự kiện liền trước (bị chèn, xoá hoặc đổi chỗ)",
                ),
                expected_seq - 1,
                prev,
            )
        if record.digest() != stored:
            return (
                ChainBreak(record.seq, row_id, "nội dung đã bị sửa sau khi ghi"),
                expected_seq - 1,
                prev,
            )
        prev = stored
        expected_seq += 1
    return None, expected_seq - 1, prev


# ------------------------------------------------------------------ row seals

#: Hex digits of SHA-256 kept per row seal: 128 bits, plenty to tell a changed row.
ROW_DIGEST_HEX = 32


def _row_value(value: Any) -> Any:
    """One column's value as the row digest reads it: exact text (no normalising — a
    row whose text was re-encoded is a changed row), times with microseconds."""
    if isinstance(value, dt.datetime):
        return value.isoformat(timespec="microseconds")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bytes | bytearray | memoryview):
        return hashlib.sha256(bytes(value)).hexdigest()
    if isinstance(value, bool) or value is None or isinstance(value, int | float | str):
        return value
    return str(value)


def row_digest(values: Mapping[str, Any]) -> str:
    """The seal of one row: SHA-256 over its columns as canonical JSON (sorted names).

    The same row gives the same digest on SQLite and PostgreSQL (values are compared as
    the typed Python values SQLAlchemy reads), so a backup restored into the other
    database still verifies."""
    body = {name: _row_value(v) for name, v in values.items()}
    text = json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:ROW_DIGEST_HEX]


def row_key(values: Iterable[Any]) -> str:
    """A row's primary key as text: the values joined by ``|``."""
    return "|".join(str(_row_value(v)) for v in values)


def seals_json(seals: Mapping[str, Mapping[str, str | None]]) -> str:
    """The ``rows`` text of an event: ``{table: {key: digest or null (deleted)}}``."""
    return json.dumps(
        {t: dict(sorted(k.items())) for t, k in sorted(seals.items()) if k},
        ensure_ascii=False,
        sort_keys=True,
        separators=(",", ":"),
    )
