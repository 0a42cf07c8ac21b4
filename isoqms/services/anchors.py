"""Checkpoints of the audit log kept outside the database: made, read, checked.

See :mod:`isoqms.domain.anchor` for what a checkpoint is and proves.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from sqlalchemy import Connection, func, select

from isoqms.db.engine import Database
from isoqms.db.models import AuditEvent, AuditHead, Base
from isoqms.domain import clock
from isoqms.domain.anchor import APPEND_ONLY, Anchor, from_dict, parse
from isoqms.domain.audit import GENESIS_HASH
from isoqms.domain.errors import ValidationError
from isoqms.paths import describe_os_error
from isoqms.services.seals import sealed_tables
from isoqms.services.uow import Actor, UnitOfWork, write

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


#: The largest checkpoint read (its JSON, alone or inside a backup or a pack): a few KB.
MAX_CHECKPOINT_BYTES = 1024 * 1024


def load(source: str) -> Anchor:
    """A checkpoint from a file (its JSON, a backup carrying one) or typed as ``SEQ:HASH``.
    Whatever the file holds, the answer is a checkpoint or a refusal in words."""
    from isoqms.services.exports import read

    if not source.strip():
        raise ValidationError(
            "Chưa nêu mốc kiểm tra: cần tệp mốc .json, bản sao lưu, hoặc mã SỐ:MÃ-BĂM."
        )
    path = Path(source)
    try:
        is_file = path.is_file()
    except (OSError, ValueError):
        is_file = False
    if not is_file:
        if source.lstrip().startswith("{") or (":" in source and not path.suffix):
            return parse(source, what="đã nhập")
        raise ValidationError(f"Không đọc được mốc kiểm tra {source}: không có tệp này.")
    data = _carried(path) if _is_zip(path) else read(path, max_bytes=MAX_CHECKPOINT_BYTES)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationError(f"Tệp {path.name} không phải mốc kiểm tra của isoqms.") from None
    return parse(text, what=path.name)


def _is_zip(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            return handle.read(2) == b"PK"
    except OSError:
        return False  # read() below says why


def _carried(path: Path) -> bytes:
    """The checkpoint a backup or an evidence pack carries, read from the zip without
    reading the rest (a backup may be large)."""
    try:
        with zipfile.ZipFile(path) as archive:
            if archive.getinfo(MEMBER).file_size > MAX_CHECKPOINT_BYTES:
                raise KeyError(MEMBER)
            return archive.read(MEMBER)
    except OSError as exc:
        raise ValidationError(f"Không đọc được tệp {path}: {describe_os_error(exc)}.") from None
    except Exception:  # untrusted bytes: not a zip, no checkpoint in it, zlib.error on a
        # flipped bit, a compression or encryption zipfile lacks
        raise ValidationError(
            f"Tệp {path.name} không mang mốc kiểm tra (không phải bản sao lưu hay hồ sơ "
            "chứng cứ của isoqms, hoặc đã hỏng)."
        ) from None


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
    signed_by: str = ""  # a signed checkpoint: whose certificate signed it (valid, trusted)

    def summary(self) -> str:
        made = self.made_at[:10]
        when = f" lập ngày {made[8:10]}/{made[5:7]}/{made[:4]}" if len(made) == 10 else ""
        if self.ok:
            signed = f", ký số bởi {self.signed_by}" if self.signed_by else ""
            return (
                f"Khớp mốc kiểm tra{when}{signed} (sự kiện số {self.seq}); "
                f"{self.events_after} sự kiện ghi sau mốc."
            )
        return f"Không khớp mốc kiểm tra{when}: {self.reason}."


def check_in(conn: Connection, anchor: Anchor) -> AnchorCheck:
    """Does the log in ``conn`` still extend ``anchor``?"""
    head = conn.execute(select(AuditHead.seq).where(AuditHead.id == 1)).scalar()
    last = conn.execute(select(func.max(AuditEvent.seq))).scalar()
    head_seq = max(v for v in (head, last, 0) if type(v) is int)
    present = last if type(last) is int else 0  # the newest event still there

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
                f"mốc ghi tới sự kiện số {anchor.seq} nhưng nhật ký chỉ còn tới số {present} "
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
    """:func:`check_in`, and a signed checkpoint's signature: it must be intact, valid and
    chain to a root the unit trusts — whoever holds only the database cannot sign a
    checkpoint that matches a rewritten log."""
    from isoqms.services.signatures import check_checkpoint

    signature = check_checkpoint(db, anchor)
    if signature is not None and not signature.ok:
        return AnchorCheck(
            False,
            anchor.seq,
            anchor.made_at,
            f"chữ ký số của mốc không hợp lệ — {signature.problem}",
        )
    with db.engine.connect() as conn, conn.begin():
        result = check_in(conn, anchor)
    if signature is not None and result.ok and signature.signer is not None:
        result = replace(result, signed_by=signature.signer.label)
    return result


# ------------------------------------------------------------------ made by a person


def make(db: Database, actor: Actor) -> Anchor:
    """A checkpoint of ``db`` now, made by ``actor`` (any active user, auditors too: it
    changes no record) and noted in the log itself (``audit.checkpoint``)."""
    anchor = _current_of(db, actor)
    with write(db, actor, None, self_service=True) as uow:
        _note(uow, anchor)
    return anchor


def save(
    db: Database,
    actor: Actor,
    out: Path,
    pdf: Path | None = None,
    *,
    sign: Callable[[Anchor], Anchor] | None = None,
) -> Anchor:
    """A checkpoint of ``db`` now written to ``out`` (JSON) and its page to ``pdf``, then
    noted in the log — all or nothing: a file that cannot be written (a folder that does
    not exist, a NUL in its name, no right to write) is refused in Vietnamese before the
    log records a checkpoint nobody holds, and leaves no other file behind; nor is a file
    that is not a checkpoint (a database, a backup) ever written over (:func:`save_targets`).
    ``sign``: signs the checkpoint with a token (``signatures.sign_checkpoint``) before
    anything is written; a refused PIN writes nothing."""
    from isoqms.services.exports import check_target
    from isoqms.services.exports import save as write_file

    targets = [out] if pdf is None else [out, pdf]
    for target in targets:
        check_target(target, "mốc kiểm tra")
    save_targets(out, pdf)
    anchor = _current_of(db, actor)
    if sign is not None:
        anchor = sign(anchor)
    contents = [anchor.to_json().encode("utf-8")]
    if pdf is not None:
        contents.append(page(anchor, actor.full_name, place_of(db)))
    written: list[Path] = []
    try:
        for target, data in zip(targets, contents, strict=True):
            write_file(target, data)
            written.append(target)
        with write(db, actor, None, self_service=True) as uow:
            _note(uow, anchor)
    except BaseException:
        for target in written:
            target.unlink(missing_ok=True)
        raise
    return anchor


def _current_of(db: Database, actor: Actor) -> Anchor:
    from isoqms.services.unit import get_unit

    unit = get_unit(db)
    label = unit.display_name + (f" — {unit.unit_code}" if unit.unit_code else "")
    return current(db, made_by=actor.username, unit=label)


def _note(uow: UnitOfWork, anchor: Anchor) -> None:
    """The log's own note that a checkpoint was made (and is held outside)."""
    uow.record(
        "audit.checkpoint",
        "audit",
        anchor.seq,
        after={"seq": anchor.seq, "hash": anchor.hash, "made_at": anchor.made_at},
    )


def page(anchor: Anchor, maker: str, place: str = "") -> bytes:
    """The checkpoint's printable page (PDF); ``place``: the commune, for the heading of an
    administrative document."""
    from isoqms.render import checkpoint as render

    made = anchor.made
    local_made = made.astimezone() if made else None
    local = local_made.strftime("%H:%M ngày %d/%m/%Y") if local_made else anchor.made_at
    day = local_made.date() if local_made else None
    return render.to_pdf(anchor, made_local=local, maker=maker, place=place, day=day)


def place_of(db: Database) -> str:
    """The commune as a checkpoint page's heading names it."""
    from isoqms.services.unit import get_unit

    unit = get_unit(db)
    return unit.commune_name or unit.display_name


def _replaceable(path: Path, kind: str) -> bool:
    """Whether an existing ``path`` is a file of ``kind`` the program wrote (a checkpoint,
    its page), which writing a new one may replace."""
    try:
        if kind == "pdf":
            with path.open("rb") as handle:
                return handle.read(5) == b"%PDF-"
        load(str(path))
        return True
    except (OSError, ValidationError):
        return False


def save_targets(out: Path, pdf: Path | None) -> None:
    """Refuse, before anything is made, where a checkpoint cannot go: a missing folder, a
    name without its extension, an existing file that is not one (a database, a backup —
    a checkpoint written over them would destroy them)."""
    for target, kind, suffix in ((out, "json", ".json"), (pdf, "pdf", ".pdf")):
        if target is None:
            continue
        if target.suffix.lower() != suffix:
            raise ValidationError(f"Tệp {target.name} phải có đuôi {suffix}.")
        if not target.parent.is_dir():
            raise ValidationError(f"Không có thư mục {target.parent} để ghi mốc kiểm tra.")
        if target.exists() and not (target.is_file() and _replaceable(target, kind)):
            raise ValidationError(
                f"Đã có {target} và đó không phải {'trang in' if kind == 'pdf' else 'tệp'} "
                "mốc kiểm tra: không ghi đè, hãy chọn tên khác."
            )


def last_made(db: Database) -> dt.datetime | None:
    """When the newest checkpoint kept outside the database was made — by hand, or with a
    backup (UTC, naive); None if never."""
    with db.read() as session:
        return session.execute(
            select(func.max(AuditEvent.at)).where(
                AuditEvent.action.in_(("audit.checkpoint", "backup.make", "backup.auto"))
            )
        ).scalar()
