"""Checkpoints of the audit log kept outside the database: made, read, checked.

See :mod:`isoqms.domain.anchor` for what a checkpoint is and proves.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Connection, func, select

from isoqms.db.engine import Database
from isoqms.db.models import AuditEvent, AuditHead, Base
from isoqms.domain import clock
from isoqms.domain.anchor import APPEND_ONLY, Anchor, from_dict, parse
from isoqms.domain.audit import GENESIS_HASH
from isoqms.domain.errors import ValidationError
from isoqms.services.seals import sealed_tables
from isoqms.services.uow import Actor, write

#: The checkpoint a backup carries (and an evidence pack), beside its data.
MEMBER = "checkpoint.json"


def anchor_in(conn: Connection, *, made_by: str = "", unit: str = "") -> Anchor:
    """The checkpoint of what ``conn``'s transaction sees."""
    head = conn.execute(select(AuditHead.seq, AuditHead.hash).where(AuditHead.id == 1)).first()
    seq, digest = (int(head.seq), str(head.hash)) if head else (0, GENESIS_HASH)
    first = conn.execute(select(AuditEvent.hash).where(AuditEvent.seq == 1)).scalar()
    counts = {
        t.name: int(conn.execute(select(func.count()).select_from(t)).scalar_one())
        for t in sealed_tables()
    }
    counts["audit_event"] = int(
        conn.execute(select(func.count()).select_from(AuditEvent)).scalar_one()
    )
    return Anchor(
        seq=seq,
        hash=digest,
        first_hash=str(first) if first else None,
        made_at=clock.utcnow_aware().isoformat(timespec="seconds").replace("+00:00", "Z"),
        made_by=made_by,
        unit=unit,
        counts=counts,
    )


def current(db: Database, *, made_by: str = "", unit: str = "") -> Anchor:
    """The checkpoint of ``db`` now, read in one snapshot."""
    engine = db.engine
    if db.backend == "postgresql":
        engine = engine.execution_options(isolation_level="REPEATABLE READ")
    with engine.connect() as conn, conn.begin():
        return anchor_in(conn, made_by=made_by, unit=unit)


def load(source: str) -> Anchor:
    """A checkpoint from a file (its JSON, a backup carrying one) or typed as ``SEQ:HASH``."""
    path = Path(source)
    try:
        is_file = path.is_file()
    except (OSError, ValueError):
        is_file = False
    if not is_file:
        if source.lstrip().startswith("{") or (":" in source and not path.suffix):
            return parse(source, what="đã nhập")
        raise ValidationError(f"Không đọc được mốc kiểm tra {source}: không có tệp này.")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ValidationError(f"Không đọc được tệp {source}: {exc.strerror}.") from None
    if data[:2] == b"PK":
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                data = archive.read(MEMBER)
        except (zipfile.BadZipFile, KeyError, OSError, ValueError, RuntimeError):
            raise ValidationError(
                f"Tệp {path.name} không mang mốc kiểm tra (không phải bản sao lưu hay hồ sơ "
                "chứng cứ của isoqms, hoặc đã hỏng)."
            ) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationError(f"Tệp {path.name} không phải mốc kiểm tra của isoqms.") from None
    return parse(text, what=path.name)


def anchor_from_json(raw: object, what: str) -> Anchor:
    """An anchor from parsed JSON (a pack's, a backup's); :class:`ValidationError` if not."""
    return from_dict(raw, what=what)


@dataclass(frozen=True)
class AnchorCheck:
    """Whether the log still extends a checkpoint."""

    ok: bool
    seq: int
    made_at: str
    reason: str = ""
    events_after: int = 0  # events written since the checkpoint

    def summary(self) -> str:
        made = self.made_at[:10]
        when = f" lập ngày {made[8:10]}/{made[5:7]}/{made[:4]}" if len(made) == 10 else ""
        if self.ok:
            return (
                f"Khớp mốc kiểm tra{when} (sự kiện số {self.seq}); "
                f"{self.events_after} sự kiện ghi sau mốc."
            )
        return f"Không khớp mốc kiểm tra{when}: {self.reason}."


def check_in(conn: Connection, anchor: Anchor) -> AnchorCheck:
    """Does the log in ``conn`` still extend ``anchor``?"""
    head = conn.execute(select(AuditHead.seq).where(AuditHead.id == 1)).scalar()
    last = conn.execute(select(func.max(AuditEvent.seq))).scalar()
    head_seq = max(v for v in (head, last, 0) if type(v) is int)

    def bad(reason: str) -> AnchorCheck:
        return AnchorCheck(False, anchor.seq, anchor.made_at, reason)

    if anchor.first_hash is not None:
        first = conn.execute(select(AuditEvent.hash).where(AuditEvent.seq == 1)).scalar()
        if first != anchor.first_hash:
            return bad(
                "sự kiện số 1 khác với mốc — mốc của một cơ sở dữ liệu khác, hoặc nhật ký bị "
                "ghi lại từ đầu"
            )
    if anchor.seq > 0:
        digest = conn.execute(select(AuditEvent.hash).where(AuditEvent.seq == anchor.seq)).scalar()
        if digest is None:
            return bad(
                f"mốc ghi tới sự kiện số {anchor.seq} nhưng nhật ký chỉ còn tới số {head_seq} "
                "(bị cắt bớt, hoặc cơ sở dữ liệu bị thay bằng bản cũ hơn)"
            )
        if digest != anchor.hash:
            return bad(
                f"sự kiện số {anchor.seq} có mã băm khác với mốc (nhật ký bị ghi lại từ sự "
                "kiện này trở về trước)"
            )
    tables = Base.metadata.tables
    for name in APPEND_ONLY:
        then = anchor.counts.get(name)
        if then is None or name not in tables:
            continue
        now = int(conn.execute(select(func.count()).select_from(tables[name])).scalar_one())
        if now < then:
            return bad(f"bảng {name} có {now} bản ghi, ít hơn {then} lúc lập mốc (bản ghi bị xoá)")
    return AnchorCheck(True, anchor.seq, anchor.made_at, events_after=max(0, head_seq - anchor.seq))


def check(db: Database, anchor: Anchor) -> AnchorCheck:
    with db.engine.connect() as conn, conn.begin():
        return check_in(conn, anchor)


# ------------------------------------------------------------------ made by a person


def make(db: Database, actor: Actor) -> Anchor:
    """A checkpoint of ``db`` now, made by ``actor`` (any active user, auditors too: it
    changes no record) and noted in the log itself (``audit.checkpoint``)."""
    from isoqms.services.unit import get_unit

    unit = get_unit(db)
    label = unit.display_name + (f" — {unit.unit_code}" if unit.unit_code else "")
    anchor = current(db, made_by=actor.username, unit=label)
    with write(db, actor, None, self_service=True) as uow:
        uow.record(
            "audit.checkpoint",
            "audit",
            anchor.seq,
            after={"seq": anchor.seq, "hash": anchor.hash, "made_at": anchor.made_at},
        )
    return anchor


def page(anchor: Anchor, maker: str) -> bytes:
    """The checkpoint's printable page (PDF)."""
    from isoqms.render import checkpoint as render

    made = anchor.made
    local = made.astimezone().strftime("%H:%M ngày %d/%m/%Y") if made else anchor.made_at
    return render.to_pdf(anchor, made_local=local, maker=maker)


def last_made(db: Database) -> dt.datetime | None:
    """When the newest checkpoint kept outside the database was made — by hand, or with a
    backup (UTC, naive); None if never."""
    with db.read() as session:
        return session.execute(
            select(func.max(AuditEvent.at)).where(
                AuditEvent.action.in_(("audit.checkpoint", "backup.make", "backup.auto"))
            )
        ).scalar()
