"""Backups that restore: a consistent snapshot while the program runs, checked in full
before it replaces anything.

A backup is one file (``.isoqms-backup``, a zip) holding:

* ``isoqms.sqlite3`` — the whole database as a SQLite file. From SQLite it is SQLite's
  online backup API (a consistent copy of every page, taken while others keep writing:
  a plain copy of the file misses what is still in its ``-wal``). From PostgreSQL it is a
  logical copy of every table read in one REPEATABLE READ snapshot into a fresh SQLite
  file of the same schema. Not ``pg_dump``: counter PCs seldom have PostgreSQL's client
  tools, a dump must match the server's version, it restores only into PostgreSQL, and it
  cannot be checked without a server — this file is checked by the program's own
  verification, restores into either database (a commune can move between them), and
  opens with any SQLite tool.
* ``checkpoint.json`` — the checkpoint of that snapshot (:mod:`isoqms.domain.anchor`):
  the backup carries an anchor of the log outside the database.
* ``manifest.json`` — format, when and by whom, the schema revision, the program version,
  the database file's SHA-256.

A restore refuses a backup that is damaged or whose log, stored files or rows do not
verify, goes only into an empty database unless forced, says plainly when it rolls a
database back, and is itself recorded in the audit log of the restored database.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import re
import shutil
import sqlite3
import tempfile
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import func, insert, select, text
from sqlalchemy.engine import URL
from sqlalchemy.exc import SQLAlchemyError

from isoqms import __version__
from isoqms.db.engine import (
    ENV_URL,
    Database,
    check_sqlite_file,
    create_private_file,
    describe,
    remove_new_database,
    resolve_url,
    sqlite_file,
)
from isoqms.db.migrate import current_revision
from isoqms.db.models import AuditEvent, AuditHead, Base, User
from isoqms.domain import clock
from isoqms.domain.anchor import Anchor
from isoqms.domain.errors import IsoqmsError, ValidationError
from isoqms.domain.roles import Permission
from isoqms.paths import (
    PRIVATE_FILE_MODE,
    data_dir,
    describe_os_error,
    make_private_dir,
    private,
)
from isoqms.services import anchors, integrity
from isoqms.services.uow import Actor, require, write

FORMAT = "isoqms.backup/1"
SUFFIX = ".isoqms-backup"
DATABASE = "isoqms.sqlite3"
MANIFEST = "manifest.json"
#: an automatic backup's name; a second one in the same second gets "-2", "-3"…
_AUTO = re.compile(r"isoqms-([0-9a-f]{8})-(\d{8})-(\d{6})(?:-(\d+))?" + re.escape(SUFFIX))
_COPY_BATCH = 500


class BackupRefused(ValidationError):
    """The backup file cannot be restored: damaged, incomplete, or its record broken."""


@dataclass(frozen=True)
class BackupInfo:
    """What a backup holds, from its manifest and checkpoint."""

    file: str
    size: int
    made_at: str  # ISO 8601 UTC
    made_by: str
    schema: str
    method: str  # sqlite-online-backup | logical-copy
    source: str  # the database it was taken from, without password
    seq: int  # the log's last event in the backup
    hash: str
    counts: dict[str, int]

    @property
    def made(self) -> dt.datetime | None:
        try:
            return dt.datetime.fromisoformat(self.made_at.replace("Z", "+00:00"))
        except ValueError:
            return None


# ------------------------------------------------------------------ taking a snapshot


def _snapshot_sqlite(db: Database, target: Path) -> str:
    raw = db.engine.raw_connection()
    try:
        source = raw.driver_connection
        assert isinstance(source, sqlite3.Connection)
        copy = sqlite3.connect(target)
        try:
            source.backup(copy)  # every page in one step: one consistent read
            copy.execute("PRAGMA journal_mode=DELETE")  # a self-contained file, no -wal
        finally:
            copy.close()
    finally:
        raw.close()
    return "sqlite-online-backup"


def _copy_tables(source: Any, target: Any) -> None:
    """Every row of every table, in foreign-key order, from one connection to another. A
    column pointing into its own table (a document's parent) is filled in afterwards:
    a row may point at one copied after it."""
    for table in Base.metadata.sorted_tables:
        own = [
            fk.parent.name
            for fk in table.foreign_keys
            if fk.column.table is table and fk.parent.nullable
        ]
        pk = [c.name for c in table.primary_key.columns]
        later: list[dict[str, Any]] = []
        result = source.execution_options(yield_per=_COPY_BATCH).execute(select(table))
        for batch in result.mappings().partitions(_COPY_BATCH):
            rows = [dict(row) for row in batch]
            for row in rows:
                if any(row[name] is not None for name in own):
                    later.append({**{k: row[k] for k in pk}, **{n: row[n] for n in own}})
                    row.update({name: None for name in own})
            target.execute(insert(table), rows)
        for row in later:
            where = [table.c[k] == row[k] for k in pk]
            target.execute(table.update().where(*where).values({n: row[n] for n in own}))


def _snapshot_postgresql(db: Database, target: Path) -> str:
    copy = Database.open(str(target))  # the same schema, from the same migrations
    try:
        engine = db.engine.execution_options(isolation_level="REPEATABLE READ")
        with engine.connect() as source, source.begin(), copy.engine.begin() as sink:
            source.exec_driver_sql("SET TRANSACTION READ ONLY")
            sink.exec_driver_sql("PRAGMA defer_foreign_keys=ON")
            _copy_tables(source, sink)
    finally:
        copy.dispose()
    plain = sqlite3.connect(target)
    try:
        plain.execute("PRAGMA journal_mode=DELETE")  # a self-contained file, no -wal
    finally:
        plain.close()
    return "logical-copy"


def _sha_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _write_backup(db: Database, out: Path, made_by: str) -> BackupInfo:
    try:
        return _write_backup_of(db, out, made_by)
    except SQLAlchemyError:
        raise ValidationError(
            "Cơ sở dữ liệu đang dùng không đọc được trọn vẹn (cấu trúc bảng bị sửa?): chưa "
            "sao lưu được. Chạy kiểm tra toàn vẹn (isoqms audit verify) và khôi phục từ bản "
            "sao lưu gần nhất."
        ) from None


def _write_backup_of(db: Database, out: Path, made_by: str) -> BackupInfo:
    from isoqms.services.unit import get_unit

    unit = get_unit(db)
    label = unit.display_name + (f" — {unit.unit_code}" if unit.unit_code else "")
    with tempfile.TemporaryDirectory(prefix="isoqms-backup-") as work:
        snapshot = Path(work) / DATABASE
        if db.backend == "sqlite":
            method = _snapshot_sqlite(db, snapshot)
        else:
            method = _snapshot_postgresql(db, snapshot)
        copy = Database(resolve_url(str(snapshot)))
        try:
            anchor = anchors.current(copy, made_by=made_by, unit=label)
            schema = current_revision(copy.engine) or ""
        finally:
            copy.dispose()
        manifest = {
            "format": FORMAT,
            "made_at": anchor.made_at,
            "made_by": made_by,
            "program": __version__,
            "schema": schema,
            "method": method,
            "source": db.describe(),
            "database": {"path": DATABASE, "sha256": _sha_file(snapshot)},
            "checkpoint": anchor.body(),
        }
        partial = out.with_name(out.name + ".part")
        try:
            # private to the user from its first byte, as the database it copies
            fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, PRIVATE_FILE_MODE)
            with (
                os.fdopen(fd, "wb") as handle,
                zipfile.ZipFile(handle, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as archive,
            ):
                archive.writestr(MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=2))
                archive.writestr(anchors.MEMBER, anchor.to_json())
                archive.write(snapshot, DATABASE)
            private(partial)  # a .part left by an earlier try kept its mode
            os.replace(partial, out)
        except OSError as exc:
            partial.unlink(missing_ok=True)
            raise ValidationError(
                f"Không ghi được bản sao lưu {out}: {describe_os_error(exc)}."
            ) from None
    return _info(out, manifest, anchor)


def _info(path: Path, manifest: dict[str, Any], anchor: Anchor) -> BackupInfo:
    return BackupInfo(
        file=str(path),
        size=path.stat().st_size,
        made_at=anchor.made_at,
        made_by=str(manifest.get("made_by", "")),
        schema=str(manifest.get("schema", "")),
        method=str(manifest.get("method", "")),
        source=str(manifest.get("source", "")),
        seq=anchor.seq,
        hash=anchor.hash,
        counts=dict(anchor.counts),
    )


def _event(info: BackupInfo) -> dict[str, Any]:
    return {
        "file": Path(info.file).name,
        "folder": str(Path(info.file).parent),
        "size": info.size,
        "seq": info.seq,
        "hash": info.hash,
        "method": info.method,
    }


def target_of(out: Path) -> Path:
    """Where a backup asked for as ``out`` goes: into it when it is a folder (a USB disk),
    named by the time; otherwise ``out`` with the backup's extension. An existing file
    that is not a backup is refused, never replaced."""
    if out.is_dir():
        return out / f"isoqms-{clock.now():%Y%m%d-%H%M%S}{SUFFIX}"
    if not out.name.endswith(SUFFIX):
        out = out.with_name(out.name + SUFFIX)
    if out.exists():
        try:
            with zipfile.ZipFile(out) as archive:
                ours = MANIFEST in archive.namelist()
        except (OSError, zipfile.BadZipFile, ValueError):
            ours = False
        if not ours:
            raise ValidationError(
                f"Đã có {out} và đó không phải bản sao lưu: không ghi đè, hãy chọn tên khác."
            )
    return out


def make(db: Database, actor: Actor, out: Path) -> BackupInfo:
    """A backup of ``db`` into ``out`` (an administrator's; see :func:`target_of`),
    recorded in the log."""
    from isoqms.services.exports import check_target

    with db.read() as session:
        require(session, actor, Permission.BACKUP)
    if "\x00" in str(out):
        raise ValidationError(f"Tên tệp “{out}” không hợp lệ.")
    out = check_target(target_of(out), "bản sao lưu")
    info = _write_backup(db, out, actor.username)
    with write(db, actor, Permission.BACKUP) as uow:
        uow.record("backup.make", "backup", Path(info.file).name, after=_event(info))
    return info


# ------------------------------------------------------------------ automatic backups


def folder(db: Database) -> Path:
    """Where automatic backups go: the unit profile's folder, or the data folder's."""
    from isoqms.services.unit import get_unit

    chosen = get_unit(db).backup_folder
    return Path(chosen).expanduser() if chosen else data_dir() / "backups"


def _log_key(db: Database) -> str:
    """Which log a backup file belongs to: the start of event 1's hash."""
    with db.read() as session:
        first = session.execute(select(AuditEvent.hash).where(AuditEvent.seq == 1)).scalar()
    return (first or "0" * 8)[:8]


def automatic(db: Database, *, only_if_none_today: bool = False) -> BackupInfo | None:
    """A backup into the automatic folder, keeping the newest N of this database's there.

    ``only_if_none_today``: the first start of a day makes one, later starts do not.
    A missing configured folder (a USB disk not plugged in) is refused with its name;
    the data folder's own is created."""
    from isoqms.services.unit import get_unit

    unit = get_unit(db)
    target = folder(db)
    if not unit.backup_folder:
        make_private_dir(target)
    if not target.is_dir():
        raise ValidationError(
            f"Không có thư mục sao lưu {target} (ổ USB chưa cắm hoặc thư mục mạng chưa kết "
            "nối?). Chưa sao lưu được."
        )
    key = _log_key(db)
    now = clock.now()
    if only_if_none_today and any(
        m.group(1) == key and m.group(2) == f"{now:%Y%m%d}" for m in _auto_files(target)
    ):
        return None
    out = _unique(target, f"isoqms-{key}-{now:%Y%m%d-%H%M%S}")
    info = _write_backup(db, out, "system")
    with write(db, None, None, system=True) as uow:
        uow.record("backup.auto", "backup", Path(info.file).name, after=_event(info))
    _rotate(target, key, unit.backup_keep)
    return info


def _unique(target: Path, stem: str) -> Path:
    """``target/stem.isoqms-backup``, or ``stem-2``, ``stem-3``…: never over an earlier
    backup, even one made the same second."""
    out = target / f"{stem}{SUFFIX}"
    n = 1
    while out.exists():
        n += 1
        out = target / f"{stem}-{n}{SUFFIX}"
    return out


def _auto_files(target: Path) -> Iterator[re.Match[str]]:
    try:
        names = [p.name for p in target.iterdir()]
    except OSError:
        return
    for name in names:
        match = _AUTO.fullmatch(name)
        if match:
            yield match


def _rotate(target: Path, key: str, keep: int) -> None:
    """Keep the newest ``keep`` automatic backups of this log; never touch other files."""
    mine = sorted(
        (m for m in _auto_files(target) if m.group(1) == key),
        key=lambda m: (m.group(2), m.group(3), int(m.group(4) or 1)),
        reverse=True,
    )
    for match in mine[max(1, keep) :]:
        with contextlib.suppress(OSError):  # a file in use stays; the next rotation retries
            (target / match.group(0)).unlink()


def last_backup(db: Database) -> tuple[dt.datetime, str, dict[str, Any]] | None:
    """The newest backup the log records: (when, UTC naive; by whom; what)."""
    with db.read() as session:
        row = session.execute(
            select(AuditEvent.at, AuditEvent.actor, AuditEvent.after)
            .where(AuditEvent.action.in_(("backup.make", "backup.auto")))
            .order_by(AuditEvent.seq.desc())
            .limit(1)
        ).first()
    if row is None:
        return None
    try:
        after = json.loads(row.after or "{}")
    except ValueError:
        after = {}
    return row.at, row.actor, after if isinstance(after, dict) else {}


# ------------------------------------------------------------------ reading a backup


@contextmanager
def opened(path: Path) -> Iterator[tuple[BackupInfo, Database]]:
    """The backup's database, checked in full, opened from a temporary copy (upgraded to
    this program's schema if it is older); :class:`BackupRefused` if anything is wrong."""
    name = path.name
    if "\x00" in str(path):
        raise BackupRefused(f"Tên tệp “{path}” không hợp lệ.")
    with tempfile.TemporaryDirectory(prefix="isoqms-restore-") as work:
        snapshot = Path(work) / DATABASE
        try:
            with zipfile.ZipFile(path) as archive:
                manifest = json.loads(archive.read(MANIFEST).decode("utf-8"))
                anchor = anchors.anchor_from_json(
                    json.loads(archive.read(anchors.MEMBER).decode("utf-8")), name
                )
                with archive.open(DATABASE) as member, snapshot.open("wb") as sink:
                    shutil.copyfileobj(member, sink, 1 << 20)
        except FileNotFoundError:
            raise BackupRefused(f"Không có tệp {path}.") from None
        except OSError as exc:
            raise BackupRefused(f"Không đọc được tệp {name}: {describe_os_error(exc)}.") from None
        except ValidationError:
            raise BackupRefused(f"Mốc kiểm tra trong bản sao lưu {name} bị hỏng.") from None
        except Exception:  # untrusted bytes: not a zip, a member missing, zlib.error on a
            # flipped bit, a compression or encryption zipfile lacks, JSON nested too deep
            raise BackupRefused(
                f"Tệp {name} không phải bản sao lưu isoqms, hoặc đã hỏng."
            ) from None
        if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
            raise BackupRefused(f"Tệp {name} không phải bản sao lưu isoqms.")
        database = manifest.get("database")
        if not isinstance(database, dict) or database.get("sha256") != _sha_file(snapshot):
            raise BackupRefused(
                f"Bản sao lưu {name} bị hỏng: cơ sở dữ liệu trong đó không khớp mã băm đã ghi."
            )
        info = _info(path, manifest, anchor)
        db = Database(resolve_url(str(snapshot)))
        try:
            _check_snapshot(db, anchor, name)
            yield info, db
        finally:
            db.dispose()


def _check_snapshot(db: Database, anchor: Anchor, name: str) -> None:
    try:
        _check_snapshot_tables(db, anchor, name)
    except SQLAlchemyError:  # a table dropped or reshaped inside the backup
        raise BackupRefused(
            f"Bản sao lưu {name} bị hỏng: cấu trúc bảng trong đó đã bị sửa, không đọc được."
        ) from None


def _check_snapshot_tables(db: Database, anchor: Anchor, name: str) -> None:
    from isoqms.services.startup import seal_after_upgrade

    try:
        db.migrate()
    except Exception:  # a file that does not open as our database is a refused backup
        raise BackupRefused(f"Cơ sở dữ liệu trong bản sao lưu {name} không mở được.") from None
    check = anchors.check(db, anchor)
    if not check.ok or check.events_after:
        why = check.reason or "có thêm sự kiện sau mốc"
        raise BackupRefused(f"Bản sao lưu {name} không khớp với mốc kiểm tra đi kèm: {why}.")
    if db.upgraded_from:
        seal_after_upgrade(db)
    report = integrity.verify(db, save=False)
    if not report.ok:
        raise BackupRefused(f"Bản sao lưu {name} không dùng được. {report.summary()}")


def check(path: Path) -> BackupInfo:
    """Check a backup in full without restoring it."""
    with opened(path) as (info, _db):
        return info


# ------------------------------------------------------------------ restoring


@dataclass(frozen=True)
class RestorePlan:
    """What restoring a backup over a database would do."""

    backup: BackupInfo
    target: str  # the database, described
    target_events: int  # events the database holds now (0: empty)
    target_rows: int
    relation: str  # empty | same | older | newer | other
    #: of the events a rollback drops, those that record work (not backups, checkpoints)
    work_lost: int = 0

    @property
    def empty(self) -> bool:
        return self.relation == "empty"

    @property
    def rollback(self) -> bool:
        return self.relation == "older"

    @property
    def events_lost(self) -> int:
        return max(0, self.target_events - self.backup.seq) if self.relation == "older" else 0

    def summary(self) -> str:
        made = self.backup.made
        when = made.astimezone().strftime("%H:%M ngày %d/%m/%Y") if made else self.backup.made_at
        head = f"Bản sao lưu lập lúc {when}, nhật ký tới sự kiện số {self.backup.seq}."
        return (
            head
            + " "
            + {
                "empty": f"Cơ sở dữ liệu đích ({self.target}) chưa có người dùng nào (trống).",
                "same": "Cơ sở dữ liệu đích đang giống hệt bản sao lưu.",
                "older": (
                    f"ĐÂY LÀ KHÔI PHỤC VỀ TRẠNG THÁI CŨ: cơ sở dữ liệu đích đã có "
                    f"{self.target_events} sự kiện; {self.events_lost} sự kiện ghi sau bản sao "
                    + (
                        f"lưu, trong đó {self.work_lost} sự kiện ghi công việc (hồ sơ, bản in, "
                        "phê duyệt…), sẽ mất khỏi cơ sở dữ liệu."
                        if self.work_lost
                        else "lưu chỉ ghi việc sao lưu, lập mốc; không mất dữ liệu công việc."
                    )
                ),
                "newer": (
                    f"Bản sao lưu mới hơn cơ sở dữ liệu đích ({self.target_events} sự kiện): "
                    "khôi phục sẽ đưa dữ liệu tới trạng thái của bản sao lưu."
                ),
                "other": (
                    f"Cơ sở dữ liệu đích chứa một nhật ký KHÁC ({self.target_events} sự kiện, "
                    f"{self.target_rows} bản ghi) — không phải cùng dữ liệu với bản sao lưu; "
                    "khôi phục sẽ thay toàn bộ."
                ),
            }[self.relation]
        )


def _holding(db: Database) -> tuple[int, int, int, str | None]:
    """(events, business rows, users, hash of event 1) of a database."""
    from isoqms.services.seals import sealed_tables

    with db.engine.connect() as conn:
        events = conn.execute(select(func.count()).select_from(AuditEvent)).scalar_one()
        rows = sum(
            conn.execute(select(func.count()).select_from(t)).scalar_one() for t in sealed_tables()
        )
        users = conn.execute(select(func.count()).select_from(User)).scalar_one()
        first = conn.execute(select(AuditEvent.hash).where(AuditEvent.seq == 1)).scalar()
    return int(events), int(rows), int(users), first


def plan(target: Database, info: BackupInfo, backup_db: Database) -> RestorePlan:
    """How the backup relates to the database it would replace. A database without any
    user is empty: nobody has worked in it (a new installation holds only the reference
    data every start loads)."""
    events, rows, users, first = _holding(target)
    work_lost = 0
    if users == 0:
        relation = "empty"
    else:
        with backup_db.engine.connect() as conn:
            backup_first = conn.execute(select(AuditEvent.hash).where(AuditEvent.seq == 1)).scalar()
        with target.engine.connect() as conn:
            at_backup = conn.execute(
                select(AuditEvent.hash).where(AuditEvent.seq == info.seq)
            ).scalar()
        if first is None or first != backup_first:
            relation = "other"
        elif at_backup == info.hash:
            relation = "same" if events == info.seq else "older"
            work_lost = _work_after(target, info.seq)
        elif at_backup is None and _extends(backup_db, target):
            relation = "newer"
        else:
            relation = "other"
    return RestorePlan(info, target.describe(), events, rows, relation, work_lost)


#: Events that record no work of the desk: a rollback that drops only these loses nothing.
BOOKKEEPING = ("backup.make", "backup.auto", "backup.restore", "audit.checkpoint", "user.login")


def _work_after(db: Database, seq: int) -> int:
    with db.engine.connect() as conn:
        return int(
            conn.execute(
                select(func.count())
                .select_from(AuditEvent)
                .where(AuditEvent.seq > seq, AuditEvent.action.not_in(BOOKKEEPING))
            ).scalar_one()
        )


def _extends(longer: Database, shorter: Database) -> bool:
    """Whether ``longer``'s log holds ``shorter``'s head event, same hash."""
    with shorter.engine.connect() as conn:
        head = conn.execute(select(AuditHead.seq, AuditHead.hash).where(AuditHead.id == 1)).first()
    if head is None:
        return False
    with longer.engine.connect() as conn:
        digest = conn.execute(select(AuditEvent.hash).where(AuditEvent.seq == head.seq)).scalar()
    return bool(digest == head.hash)


def _replace_sqlite(backup_db: Database, target: str) -> None:
    source_raw = backup_db.engine.raw_connection()
    try:
        source = source_raw.driver_connection
        assert isinstance(source, sqlite3.Connection)
        sink = sqlite3.connect(target, timeout=15)
        try:
            source.backup(sink)  # one step: other readers see the old or the new database
            sink.execute("PRAGMA journal_mode=WAL")
        finally:
            sink.close()
    finally:
        source_raw.close()


def _replace_postgresql(backup_db: Database, target: Database) -> None:
    tables = Base.metadata.sorted_tables
    names = ", ".join(f'"{t.name}"' for t in tables)
    with backup_db.engine.connect() as source, target.engine.begin() as sink:
        sink.execute(text(f"LOCK TABLE {names} IN ACCESS EXCLUSIVE MODE"))
        sink.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
        _copy_tables(source, sink)
        for table in tables:
            pk = list(table.primary_key.columns)
            if len(pk) == 1 and pk[0].autoincrement is not False and str(pk[0].type) == "INTEGER":
                sink.execute(
                    text(
                        f"SELECT setval(pg_get_serial_sequence('{table.name}', '{pk[0].name}'),"
                        f' COALESCE((SELECT max("{pk[0].name}") FROM "{table.name}"), 0) + 1,'
                        " false)"
                    )
                )


@dataclass(frozen=True)
class RestoreResult:
    plan: RestorePlan
    events: int  # the restored database's log, with its restore event
    #: the backup of the data it replaced, made just before ("" when there was none to
    #: keep — an empty or new database — or it could not be made: see ``safety_error``)
    safety_copy: str = ""
    safety_error: str = ""


def _safety_copy(db: Database) -> tuple[str, str]:
    """A backup of the data a restore is about to replace — a restore by mistake, or of
    the wrong file, can then be undone. Into the automatic folder, or the data folder's
    when that is missing; (file, "") or ("", why not)."""
    target = folder(db)
    if not target.is_dir():
        target = data_dir() / "backups"
    try:
        make_private_dir(target)
        out = _unique(target, f"isoqms-truoc-khoi-phuc-{clock.now():%Y%m%d-%H%M%S}")
        return _write_backup(db, out, "system").file, ""
    except IsoqmsError as exc:  # a damaged database is when one restores: go on, say it
        return "", exc.message
    except OSError as exc:
        return "", describe_os_error(exc)


def open_target(url_text: str | None) -> tuple[Database | None, URL]:
    """The database to restore into, opened — or None when it is a SQLite file not made
    yet (it is made only once the restore is allowed: a refused restore leaves nothing).
    As every ``--db``: a folder that does not exist is not made, a file that is not an
    isoqms database is refused untouched (:func:`isoqms.db.engine.check_sqlite_file`)."""
    url = resolve_url(url_text)
    file = sqlite_file(url)
    default = url_text is None and not os.environ.get(ENV_URL)
    if file is not None and check_sqlite_file(file, default=default):
        return None, url
    return Database.open(url_text), url


def restore(
    path: Path,
    target: Database | str | None,
    *,
    authorise: Callable[[RestorePlan, Database], str],
    force: bool = False,
) -> RestoreResult:
    """Restore the backup at ``path`` into ``target`` (an opened database, or its URL).

    ``authorise(plan, backup_db)`` returns who restores (a username and full name) or
    raises: the administrator of a database that holds data, or of the backup when the
    database is empty. A database holding data is replaced only with ``force``."""
    opened_here = not isinstance(target, Database)
    if isinstance(target, Database):
        db: Database | None = target
        url = target.url
    else:
        db, url = open_target(target)
    try:
        with opened(path) as (info, backup_db):
            if db is None:
                the_plan = RestorePlan(info, describe(url), 0, 0, "empty")
            else:
                the_plan = plan(db, info, backup_db)
            who = authorise(the_plan, backup_db)
            if not the_plan.empty and not force:
                raise ValidationError(
                    f"{the_plan.summary()} Không khôi phục đè lên dữ liệu đang có khi chưa "
                    "chọn ghi đè (--force)."
                )
            safety, safety_error = _safety_copy(db) if db and not the_plan.empty else ("", "")
            if url.get_backend_name() == "sqlite":
                if db is not None:
                    db.dispose()
                assert url.database
                new_file = sqlite_file(url) if db is None else None
                if new_file is not None:  # private to the user, as every database we make
                    create_private_file(new_file)
                try:
                    _replace_sqlite(backup_db, url.database)
                except BaseException:
                    if new_file is not None:
                        remove_new_database(new_file)
                    raise
            else:
                assert db is not None
                _replace_postgresql(backup_db, db)
        if db is None:
            db = Database(url)
        db.upgraded_from = None
        with write(db, None, None, system=True) as uow:
            uow.record(
                "backup.restore",
                "backup",
                Path(info.file).name,
                after={
                    "by": who,
                    "file": Path(info.file).name,
                    "made_at": info.made_at,
                    "backup_seq": info.seq,
                    "backup_hash": info.hash,
                    "relation": the_plan.relation,
                    "rollback": the_plan.rollback,
                    "events_replaced": the_plan.target_events,
                    "events_lost": the_plan.events_lost,
                    "work_lost": the_plan.work_lost,
                    "safety_copy": Path(safety).name,
                },
            )
        integrity.forget_checkpoint(db)
        report = integrity.verify(db)  # this computer's point: the restored log
        return RestoreResult(the_plan, report.events, safety, safety_error)
    finally:
        if opened_here and db is not None:
            db.dispose()


# ------------------------------------------------------------------ for the screens


@dataclass(frozen=True)
class BackupStatus:
    """What the administrator's screen and the status bar say about backups."""

    folder: str  # where automatic backups go
    configured: bool  # the unit profile names it (else the data folder's)
    keep: int
    last_at: dt.datetime | None  # UTC, naive
    last_by: str
    last_file: str
    last_size: int
    last_anchor_at: dt.datetime | None  # UTC: the newest backup or checkpoint kept outside


def status(db: Database) -> BackupStatus:
    from isoqms.services.unit import get_unit

    unit = get_unit(db)
    last = last_backup(db)
    at, by, what = last if last else (None, "", {})
    return BackupStatus(
        folder=str(folder(db)),
        configured=bool(unit.backup_folder),
        keep=unit.backup_keep,
        last_at=at,
        last_by=by,
        last_file=str(what.get("file", "")),
        last_size=int(what.get("size", 0) or 0),
        last_anchor_at=anchors.last_made(db),
    )


def restore_as(actor: Actor) -> Callable[[RestorePlan, Database], str]:
    """The authorisation of a restore started by ``actor``, signed in to the database it
    replaces (the screens): an administrator of that database."""

    def authorise(_plan: RestorePlan, _backup_db: Database) -> str:
        return f"{actor.username} ({actor.full_name})"

    return authorise


def restore_by_admin(path: Path, db: Database, actor: Actor) -> RestoreResult:
    """What the administrator's screen does: check the permission, then restore over the
    database they are signed in to (replacing its data: they confirmed the plan)."""
    with db.read() as session:
        require(session, actor, Permission.BACKUP)
    return restore(path, db, authorise=restore_as(actor), force=True)


def plan_for(path: Path, db: Database) -> RestorePlan:
    """Check a backup in full and say what restoring it over ``db`` would do."""
    with opened(path) as (info, backup_db):
        return plan(db, info, backup_db)
