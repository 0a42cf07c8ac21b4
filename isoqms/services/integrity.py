"""Is the record intact? The audit hash chain and every stored file, checked in full on
demand and incrementally at start-up.

A hash chain proves nothing against someone who can rewrite the whole table and
recompute every hash. So each computer that checks keeps, outside the database (in the
user's data folder), the last point it verified: the sequence number and hash of the last
event, and the last stored file. A later check resumes from there — quick — and also
proves that the verified part is still the one seen then: a log rewritten from the start
no longer holds the same hash at that sequence number.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import hashlib
import json
import time
from dataclasses import asdict, dataclass, replace
from pathlib import Path

from sqlalchemy import LargeBinary, cast, func, literal, select
from sqlalchemy.exc import DBAPIError

from isoqms.db.engine import Database
from isoqms.db.models import AuditEvent, DocumentRevision, PrintLog, StoredFile
from isoqms.domain import clock
from isoqms.domain.anchor import Anchor
from isoqms.domain.audit import GENESIS_HASH
from isoqms.paths import data_dir
from isoqms.services import anchors, seals
from isoqms.services.anchors import AnchorCheck
from isoqms.services.audit import VerifyResult, verify_chain

_FILE_BATCH = 200


@dataclass(frozen=True)
class Checkpoint:
    """The last verified point of one database, as this computer saw it."""

    seq: int = 0
    hash: str = GENESIS_HASH
    file_at: str = ""  # created_at (ISO) of the last verified stored file
    file_sha: str = ""  # and its name, to break ties in the keyset
    checked_at: str = ""


@dataclass(frozen=True)
class Problem:
    """The first thing found wrong: an event (``seq``), a stored file (``file``) or a row
    of a business table (``table``, ``key``; ``seq`` the event that sealed it last)."""

    kind: str  # event | file | checkpoint | anchor | row
    reason: str
    seq: int | None = None
    event_id: int | None = None
    file: str | None = None
    table: str | None = None
    key: str | None = None
    count: int = 1  # rows found wrong in all (kind row)

    def where(self) -> str:
        if self.kind == "file":
            return f"tệp {self.file}"
        if self.kind == "row":
            where = f"bản ghi {self.table}#{self.key}"
            if self.seq is not None:
                where += f" (niêm phong ở sự kiện số {self.seq})"
            if self.count > 1:
                where += f" và {self.count - 1} bản ghi khác"
            return where
        if self.seq is None:
            return "cơ sở dữ liệu"
        where = f"sự kiện số {self.seq}"
        if self.event_id is not None:
            where += f" (id {self.event_id})"
        return where


@dataclass(frozen=True)
class IntegrityReport:
    ok: bool
    incremental: bool  # resumed from this computer's last verified point
    events: int  # the last good event's sequence number
    events_checked: int
    files: int  # stored files in the database
    files_checked: int
    seconds: float
    problem: Problem | None
    rows: int = 0  # rows of the business tables compared with their seals
    anchor: AnchorCheck | None = None  # the check against a checkpoint kept outside
    #: when the check ran (local time)
    checked_at: dt.datetime = dataclasses.field(default_factory=clock.now)

    def what_was_checked(self) -> str:
        """One line a status bar can hold: what "intact" covers, up to which event, when,
        against which anchor."""
        anchored = "đối chiếu mốc kiểm tra ngoài" if self.anchor else "chưa đối chiếu mốc ngoài"
        return (
            f"Nguyên vẹn tới sự kiện số {self.events}: nhật ký, {self.files} tệp, "
            f"{self.rows} bản ghi — kiểm lúc {self.checked_at:%H:%M %d/%m/%Y}, {anchored}"
        )

    def summary(self) -> str:
        if self.ok:
            scope = "kiểm tra phần mới" if self.incremental else "kiểm tra toàn bộ"
            anchored = f" {self.anchor.summary()}" if self.anchor else ""
            return (
                f"Dữ liệu nguyên vẹn ({scope}): nhật ký {self.events} sự kiện, chuỗi băm khớp; "
                f"{self.files} tệp lưu trữ, mã băm khớp; {self.rows} bản ghi khớp niêm phong "
                f"(đã kiểm {self.events_checked} sự kiện, {self.files_checked} tệp).{anchored}"
            )
        assert self.problem is not None
        what = {
            "file": "Tệp lưu trữ bị thay đổi",
            "row": "Dữ liệu bị thay đổi ngoài chương trình",
            "anchor": "Nhật ký không còn khớp với mốc kiểm tra",
        }.get(self.problem.kind, "Nhật ký kiểm tra bị thay đổi")
        return f"{what}: {self.problem.where()} — {self.problem.reason}."


# ------------------------------------------------------------------ checkpoint


def checkpoint_path(db: Database) -> Path:
    """Where this computer keeps the last verified point of ``db``."""
    key = hashlib.sha256(db.url.render_as_string(hide_password=True).encode()).hexdigest()[:24]
    return data_dir() / "integrity" / f"{key}.json"


def load_checkpoint(db: Database) -> Checkpoint | None:
    path = checkpoint_path(db)
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        return Checkpoint(**{k: raw[k] for k in Checkpoint.__dataclass_fields__ if k in raw})
    except (OSError, ValueError, TypeError):
        return None


def _save_checkpoint(db: Database, checkpoint: Checkpoint) -> None:
    path = checkpoint_path(db)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(asdict(checkpoint)), encoding="utf-8")
        tmp.replace(path)
    except OSError:
        pass  # a read-only data folder only makes the next check a full one


def forget_checkpoint(db: Database) -> None:
    """Drop this computer's point for ``db`` — after a restore replaced its log on purpose
    (the restore is in the log; the next check makes a new point)."""
    with contextlib.suppress(OSError):
        checkpoint_path(db).unlink(missing_ok=True)


# ------------------------------------------------------------------ the checks


def _check_anchor(db: Database, checkpoint: Checkpoint) -> Problem | None:
    """The event this computer verified last must still be there with the same hash."""
    if checkpoint.seq == 0:
        return None
    with db.read() as session:
        row = session.execute(
            select(AuditEvent.id, AuditEvent.hash).where(AuditEvent.seq == checkpoint.seq)
        ).first()
    if row is None:
        return Problem(
            "checkpoint",
            "sự kiện này đã được kiểm tra trên máy này nhưng nay không còn "
            "(nhật ký bị xoá bớt hoặc cơ sở dữ liệu bị thay bằng bản cũ hơn)",
            seq=checkpoint.seq,
        )
    if row.hash != checkpoint.hash:
        return Problem(
            "checkpoint",
            "mã băm khác với lần kiểm tra trước trên máy này "
            "(nhật ký bị ghi lại từ đầu hoặc cơ sở dữ liệu bị thay thế)",
            seq=checkpoint.seq,
            event_id=row.id,
        )
    return None


def _chain_problem(result: VerifyResult) -> Problem | None:
    if result.ok or result.problem is None:
        return None
    p = result.problem
    return Problem("event", p.reason, seq=p.seq, event_id=p.event_id)


def _missing_files(db: Database) -> str | None:
    """A file named by a revision or a print log that is no longer stored."""
    with db.read() as session:
        for column in (DocumentRevision.file_sha256, PrintLog.sha256):
            missing = session.execute(
                select(column)
                .outerjoin(StoredFile, StoredFile.sha256 == column)
                .where(column.is_not(None), StoredFile.sha256.is_(None))
                .limit(1)
            ).scalar()
            if missing:
                return str(missing)
    return None


def _content_sha(content: object) -> str | None:
    """The SHA-256 of a stored file's bytes; None when the column holds no bytes at all
    (text written over it, NULL)."""
    if isinstance(content, bytes | bytearray | memoryview):
        return hashlib.sha256(bytes(content)).hexdigest()
    return None


def _keyset_time(value: object) -> str:
    return value.isoformat() if isinstance(value, dt.datetime) else str(value)


def _check_files(
    db: Database, after_at: str, after_sha: str
) -> tuple[Problem | None, int, str, str]:
    """Hash every stored file after the keyset (created_at, sha256); return the first bad
    one, how many were checked and the new keyset end. On SQLite a file whose column no
    longer holds bytes (text written over it) is bad too, even with the same bytes."""
    checked = 0
    last_at, last_sha = after_at, after_sha
    sqlite = db.backend == "sqlite"
    kind = func.typeof(StoredFile.content) if sqlite else literal("blob")
    while True:
        with db.read() as session:
            query = select(
                StoredFile.sha256,
                StoredFile.created_at,
                cast(StoredFile.content, LargeBinary),
                kind,
            ).order_by(StoredFile.created_at, StoredFile.sha256)
            if last_at:
                try:
                    mark = dt.datetime.fromisoformat(last_at)
                except ValueError:
                    mark = dt.datetime.min
                query = query.where(
                    (StoredFile.created_at > mark)
                    | ((StoredFile.created_at == mark) & (StoredFile.sha256 > last_sha))
                )
            try:
                rows = session.execute(query.limit(_FILE_BATCH)).all()
            except (ValueError, TypeError):
                problem = Problem("file", "bảng tệp lưu trữ có giá trị không đọc được (bị sửa)")
                return problem, checked, last_at, last_sha
        if not rows:
            return None, checked, last_at, last_sha
        for sha, created, content, stored_as in rows:
            if stored_as != "blob" or _content_sha(content) != sha:
                return (
                    Problem(
                        "file", "nội dung không còn khớp với mã băm khi lưu (đã bị sửa)", file=sha
                    ),
                    checked,
                    last_at,
                    last_sha,
                )
            checked += 1
            last_at, last_sha = _keyset_time(created), sha


def _rows_problem(db: Database) -> tuple[Problem | None, int]:
    result = seals.check_rows(db)
    if result.event_problem is not None:
        seq, event_id, reason = result.event_problem
        return Problem("event", reason, seq=seq, event_id=event_id), result.rows
    p = result.problem
    if p is None:
        return None, result.rows
    return (
        Problem(
            "row", p.reason, seq=p.seq, event_id=p.event_id, table=p.table, key=p.key,
            count=p.count,
        ),
        result.rows,
    )  # fmt: skip


def verify(
    db: Database,
    *,
    incremental: bool = False,
    save: bool = True,
    against: Anchor | None = None,
) -> IntegrityReport:
    """Check the audit chain, the stored files and every business row against its seal.

    ``incremental``: only the events and files new since this computer's last verified
    point (and that the point itself is unchanged); otherwise everything, still compared
    with that point. Rows are always compared in full (one pass over the tables).
    ``against``: a checkpoint kept outside the database, which the log must still extend.
    A clean result moves this computer's point forward (``save``).

    Whatever the database holds, the answer is a report, never an exception: a database
    whose tables no longer read is itself reported."""
    started = time.perf_counter()
    try:
        return _verify(db, incremental, save, against, started)
    except DBAPIError:
        return IntegrityReport(
            ok=False,
            incremental=False,
            events=0,
            events_checked=0,
            files=0,
            files_checked=0,
            seconds=time.perf_counter() - started,
            problem=Problem(
                "event",
                "cơ sở dữ liệu hỏng hoặc cấu trúc bảng bị sửa, không đọc được",
            ),
        )


def _verify(
    db: Database, incremental: bool, save: bool, against: Anchor | None, started: float
) -> IntegrityReport:
    checkpoint = load_checkpoint(db)
    resume = incremental and checkpoint is not None
    with db.read() as session:
        total_files = session.execute(select(func.count()).select_from(StoredFile)).scalar_one()
    anchor_check: AnchorCheck | None = None
    rows_checked = 0

    def report(
        problem: Problem | None, result: VerifyResult | None, files_checked: int
    ) -> IntegrityReport:
        events = result.events if result else (checkpoint.seq if checkpoint else 0)
        start = checkpoint.seq if resume and checkpoint else 0
        return IntegrityReport(
            ok=problem is None,
            incremental=resume,
            events=events,
            events_checked=max(0, events - start),
            files=total_files,
            files_checked=files_checked,
            seconds=time.perf_counter() - started,
            problem=problem,
            rows=rows_checked,
            anchor=anchor_check,
        )

    if checkpoint is not None:
        anchor = _check_anchor(db, checkpoint)
        if anchor is not None:
            return report(anchor, None, 0)
    if resume and checkpoint is not None:
        result = verify_chain(db, start_seq=checkpoint.seq, start_hash=checkpoint.hash)
    else:
        result = verify_chain(db)
    problem = _chain_problem(result)
    if problem is not None:
        return report(problem, result, 0)
    if against is not None:
        anchor_check = anchors.check(db, against)
        if not anchor_check.ok:
            return report(Problem("anchor", anchor_check.reason, seq=against.seq), result, 0)
    missing = _missing_files(db)
    if missing:
        return report(
            Problem(
                "file",
                "được hồ sơ, tài liệu hoặc sổ in tham chiếu nhưng đã bị xoá khỏi kho",
                file=missing,
            ),
            result,
            0,
        )
    after_at, after_sha = (
        (checkpoint.file_at, checkpoint.file_sha) if resume and checkpoint else ("", "")
    )
    file_problem, files_checked, last_at, last_sha = _check_files(db, after_at, after_sha)
    if file_problem is not None:
        return report(file_problem, result, files_checked)
    row_problem, rows_checked = _rows_problem(db)
    if row_problem is not None:
        return report(row_problem, result, files_checked)
    if save:
        _save_checkpoint(
            db,
            Checkpoint(
                result.events,
                result.last_hash,
                last_at,
                last_sha,
                clock.utcnow_aware().isoformat(timespec="seconds"),
            ),
        )
    return report(None, result, files_checked)


def note_commit(db: Database, before: tuple[int, str], after: tuple[int, str]) -> None:
    """Move this computer's point over the events a unit of work of this computer just
    wrote — when the point was the head the unit of work started from (an empty log
    counts), so nothing written elsewhere in between is vouched for unseen.

    The point then follows the log as this computer writes it: a log later rewritten,
    even from an event newer than the last full check, no longer holds the point's hash."""
    checkpoint = load_checkpoint(db)
    if checkpoint is None:
        if before[0] != 0:
            return
        checkpoint = Checkpoint()
    if (checkpoint.seq, checkpoint.hash) != before:
        return
    _save_checkpoint(
        db,
        replace(
            checkpoint,
            seq=after[0],
            hash=after[1],
            checked_at=clock.utcnow_aware().isoformat(timespec="seconds"),
        ),
    )
