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

import datetime as dt
import hashlib
import json
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from sqlalchemy import func, select

from isoqms.db.engine import Database
from isoqms.db.models import AuditEvent, DocumentRevision, PrintLog, StoredFile
from isoqms.domain import clock
from isoqms.domain.audit import GENESIS_HASH
from isoqms.paths import data_dir
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
    """The first thing found wrong: an event (``seq``) or a stored file (``file``)."""

    kind: str  # event | file | checkpoint
    reason: str
    seq: int | None = None
    event_id: int | None = None
    file: str | None = None

    def where(self) -> str:
        if self.kind == "file":
            return f"tệp {self.file}"
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

    def summary(self) -> str:
        if self.ok:
            scope = "kiểm tra phần mới" if self.incremental else "kiểm tra toàn bộ"
            return (
                f"Dữ liệu nguyên vẹn ({scope}): nhật ký {self.events} sự kiện, chuỗi băm khớp; "
                f"{self.files} tệp lưu trữ, mã băm khớp "
                f"(đã kiểm {self.events_checked} sự kiện, {self.files_checked} tệp)."
            )
        assert self.problem is not None
        what = (
            "Tệp lưu trữ bị thay đổi"
            if self.problem.kind == "file"
            else ("Nhật ký kiểm tra bị thay đổi")
        )
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


def _check_files(
    db: Database, after_at: str, after_sha: str
) -> tuple[Problem | None, int, str, str]:
    """Hash every stored file after the keyset (created_at, sha256); return the first bad
    one, how many were checked and the new keyset end."""
    checked = 0
    last_at, last_sha = after_at, after_sha
    while True:
        with db.read() as session:
            query = select(StoredFile.sha256, StoredFile.created_at, StoredFile.content).order_by(
                StoredFile.created_at, StoredFile.sha256
            )
            if last_at:
                mark = dt.datetime.fromisoformat(last_at)
                query = query.where(
                    (StoredFile.created_at > mark)
                    | ((StoredFile.created_at == mark) & (StoredFile.sha256 > last_sha))
                )
            rows = session.execute(query.limit(_FILE_BATCH)).all()
        if not rows:
            return None, checked, last_at, last_sha
        for sha, created, content in rows:
            if hashlib.sha256(bytes(content)).hexdigest() != sha:
                return (
                    Problem(
                        "file", "nội dung không còn khớp với mã băm khi lưu (đã bị sửa)", file=sha
                    ),
                    checked,
                    last_at,
                    last_sha,
                )
            checked += 1
            last_at, last_sha = created.isoformat(), sha


def verify(db: Database, *, incremental: bool = False, save: bool = True) -> IntegrityReport:
    """Check the audit chain and the stored files.

    ``incremental``: only what is new since this computer's last verified point (and that
    the point itself is unchanged); otherwise everything, still compared with that point.
    A clean result moves the point forward (``save``)."""
    started = time.perf_counter()
    checkpoint = load_checkpoint(db)
    resume = incremental and checkpoint is not None
    with db.read() as session:
        total_files = session.execute(select(func.count()).select_from(StoredFile)).scalar_one()

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
