"""Verifying a large audit log, against hashing the same bytes with hashlib alone.

    python benchmarks/audit_verify.py [--events 1000000] [--db URL|PATH] [--keep]

Fills a database (default: a new SQLite file in a temporary folder) with N chained audit
events shaped like the desk's (a dossier received, handed over, returned; a document
approved: Vietnamese text, before/after JSON of 100–400 bytes), then measures in one run:

* ``services.audit.verify_chain`` — read every event from the database, rebuild its
  canonical form, hash it, check the links and the head anchor;
* the baseline: ``hashlib.sha256(...).hexdigest()`` over the same canonical bytes, already
  in memory (the least any verification must do).

Each figure is the median of three runs; the ratio is ours / baseline (goal: within 3×).
Also printed: the incremental check from a checkpoint 1,000 events before the end (what a
start-up does) and the stored-file check over the database's files.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import random
import statistics as stats
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import insert, text

from isoqms.db.engine import Database
from isoqms.db.models import AuditEvent, AuditHead
from isoqms.domain.audit import GENESIS_HASH, EventRecord, canonical_json
from isoqms.services import audit

NAMES = ("Nguyễn Văn An", "Trần Thị Bích Ngọc", "Lê Hoàng Phúc", "Phạm Thị Hồng Nhung")
ACTIONS = (
    ("dossier.receive", "dossier"),
    ("dossier.handover", "dossier"),
    ("dossier.result-ready", "dossier"),
    ("dossier.return", "dossier"),
    ("slip.print", "print"),
    ("document.approve", "document_revision"),
)
BATCH = 20_000


def fill(db: Database, n: int) -> None:
    rnd = random.Random(7)
    start = dt.datetime(2022, 1, 3, 1, 0)
    prev = GENESIS_HASH
    rows: list[dict[str, object]] = []
    with db.engine.begin() as conn:
        for seq in range(1, n + 1):
            action, entity = ACTIONS[rnd.randrange(len(ACTIONS))]
            at = start + dt.timedelta(seconds=seq * 97, microseconds=rnd.randrange(1_000_000))
            code = f"000.00.38.H47-{at:%y%m%d}-{seq % 9999:04d}"
            after = canonical_json(
                {
                    "state": "in_process",
                    "applicant": NAMES[seq % len(NAMES)],
                    "procedure": "1.001193 Thủ tục đăng ký khai sinh",
                    "due_at": at + dt.timedelta(days=3),
                    "note": "Hồ sơ đầy đủ theo quy định" * rnd.randrange(1, 6),
                }
            )
            before = canonical_json({"state": "received"}) if seq % 3 else None
            actor = ("clerk", "officer", "secretary")[seq % 3]
            record = EventRecord(
                seq, at, seq % 7 + 1, actor, action, entity, code, before, after, prev
            )
            prev = record.digest()
            rows.append(
                {
                    "seq": seq,
                    "at": at,
                    "actor_id": seq % 7 + 1,
                    "actor": actor,
                    "action": action,
                    "entity": entity,
                    "entity_id": code,
                    "before": before,
                    "after": after,
                    "prev_hash": record.prev_hash,
                    "hash": prev,
                }
            )
            if len(rows) == BATCH:
                conn.execute(insert(AuditEvent), rows)
                rows.clear()
        if rows:
            conn.execute(insert(AuditEvent), rows)
        conn.execute(insert(AuditHead).values(id=1, seq=n, hash=prev))


def canonical_bytes(db: Database) -> list[bytes]:
    """The bytes the chain covers, built by the reference implementation."""
    out: list[bytes] = []
    with db.engine.connect() as conn:
        for row in conn.execute(
            text(
                "SELECT seq, at, actor_id, actor, action, entity, entity_id, before, after,"
                " prev_hash FROM audit_event ORDER BY seq"
            )
        ):
            seq, at, *rest = row
            if isinstance(at, str):
                at = dt.datetime.fromisoformat(at)
            out.append(EventRecord(seq, at, *rest).canonical())
    return out


def median_time(fn: Callable[[], object], runs: int = 3) -> tuple[float, object]:
    times, result = [], None
    for _ in range(runs):
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return stats.median(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--db", help="database URL or SQLite path (default: a temporary file)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary database")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="isoqms-bench-"))
    url = args.db or f"sqlite:///{(folder / 'audit.sqlite3').as_posix()}"
    if args.db and "://" not in args.db:
        url = f"sqlite:///{Path(args.db).resolve().as_posix()}"
    db = Database.open(url)
    try:
        with db.engine.connect() as conn:
            existing = conn.execute(text("SELECT count(*) FROM audit_event")).scalar_one()
        if existing == 0:
            t0 = time.perf_counter()
            fill(db, args.events)
            print(f"generated {args.events:,} events in {time.perf_counter() - t0:.1f} s")
        else:
            print(f"using the {existing:,} events already in {db.describe()}")
        blobs = canonical_bytes(db)
        size = sum(len(b) for b in blobs)
        print(f"{len(blobs):,} events, {size / 1e6:.0f} MB of canonical bytes ({db.describe()})")

        def baseline() -> int:
            sha256 = hashlib.sha256
            for blob in blobs:
                sha256(blob).hexdigest()
            return len(blobs)

        def read_only() -> int:
            return sum(1 for _ in audit._stream(db, 0))

        base, _ = median_time(baseline)
        read, _ = median_time(read_only)
        ours, result = median_time(lambda: audit.verify_chain(db))
        assert isinstance(result, audit.VerifyResult) and result.ok, result
        n = len(blobs)
        print(f"hashlib alone over the same bytes: {base:.2f} s ({base / n * 1e6:.2f} µs/event)")
        print(
            f"reading the rows alone (DB-API cursor): {read:.2f} s ({read / n * 1e6:.2f} µs/event)"
        )
        print(
            f"audit.verify_chain (read + rebuild + hash + links + head): {ours:.2f} s "
            f"({ours / n * 1e6:.2f} µs/event)"
        )
        print(f"ratio to hashlib alone: {ours / base:.2f}x  (goal: within 3x)")
        print(f"ratio to reading the rows + hashlib: {ours / (read + base):.2f}x")
        tail = max(0, len(blobs) - 1000)
        start_hash = GENESIS_HASH if tail == 0 else blobs and _hash_at(db, tail)
        incr, result = median_time(
            lambda: audit.verify_chain(db, start_seq=tail, start_hash=start_hash)
        )
        assert isinstance(result, audit.VerifyResult) and result.ok, result
        print(f"incremental check of the last 1,000 events: {incr * 1000:.1f} ms")
    finally:
        db.dispose()
        if args.keep or args.db:
            print(f"database kept: {url}")


def _hash_at(db: Database, seq: int) -> str:
    with db.engine.connect() as conn:
        return str(
            conn.execute(
                text("SELECT hash FROM audit_event WHERE seq = :s"), {"s": seq}
            ).scalar_one()
        )


if __name__ == "__main__":
    main()
