"""Unit of work: permission check → change → audit events, in one transaction."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from isoqms.db.engine import Database
from isoqms.db.models import AuditEvent, AuditHead, User, UserRole, utcnow
from isoqms.domain.audit import GENESIS_HASH, EventRecord, canonical_json, seals_json
from isoqms.domain.errors import AuthenticationError, PermissionDenied
from isoqms.domain.roles import READ_ONLY, Permission, Role, permissions_of
from isoqms.services.seals import seals_of, start_noting

#: Key of the PostgreSQL advisory lock that serialises appends to the audit chain.
AUDIT_CHAIN_LOCK = 0x15_0A_0D17
SYSTEM_ACTOR = "system"


@dataclass(frozen=True)
class Actor:
    """Who acts: a frozen snapshot, safe to hand to worker threads."""

    user_id: int
    username: str
    full_name: str
    roles: frozenset[Role]

    @property
    def permissions(self) -> frozenset[Permission]:
        return permissions_of(self.roles)

    def can(self, permission: Permission) -> bool:
        return permission in self.permissions

    @property
    def signature(self) -> str:
        """The person as a record names them: full name (roles in words)."""
        roles = ", ".join(sorted(r.label for r in self.roles))
        return f"{self.full_name} ({roles})" if roles else self.full_name

    @classmethod
    def of(cls, user: User) -> Actor:
        return cls(
            user_id=user.id,
            username=user.username,
            full_name=user.full_name,
            roles=frozenset(Role(r) for r in user.role_names),
        )


_PERMISSION_TEXT: dict[Permission, str] = {
    Permission.USERS_MANAGE: "quản lý người dùng",
    Permission.UNIT_MANAGE: "sửa thông tin đơn vị",
    Permission.CALENDAR_MANAGE: "sửa lịch làm việc",
    Permission.BACKUP: "sao lưu, khôi phục dữ liệu",
    Permission.AUDIT_READ: "xem nhật ký kiểm tra",
    Permission.RECORDS_READ: "xem dữ liệu",
    Permission.DOCS_DRAFT: "soạn thảo tài liệu",
    Permission.DOCS_REVIEW: "xem xét tài liệu",
    Permission.DOCS_APPROVE: "phê duyệt tài liệu",
    Permission.DOCS_DISTRIBUTE: "phân phối tài liệu",
    Permission.INTAKE: "tiếp nhận hồ sơ",
    Permission.DOSSIER_PROCESS: "xử lý hồ sơ",
    Permission.DOSSIER_DECIDE: "quyết định dừng giải quyết hồ sơ",
    Permission.OBJECTIVES_MANAGE: "quản lý mục tiêu chất lượng",
    Permission.FINDINGS_MANAGE: "ghi phát hiện và theo dõi hành động khắc phục",
    Permission.FINDINGS_ACT: "thực hiện hành động khắc phục",
    Permission.AUDITS_PLAN: "lập chương trình, kế hoạch đánh giá nội bộ",
    Permission.AUDITS_RECORD: "ghi kết quả đánh giá nội bộ",
    Permission.REVIEWS_RECORD: "ghi biên bản xem xét của lãnh đạo",
}


_changes = threading.local()


@contextmanager
def collecting_changes() -> Iterator[set[str]]:
    """Collect the kinds of record (the audit log's entity names: ``dossier``,
    ``procedure_revision``, ``quality_objective``…) that the units of work committed on
    this thread within the block — what a screen announces after a write, so every view
    showing such records reloads (``isoqms.ui.operations.Change``)."""
    kinds: set[str] = set()
    outer = getattr(_changes, "kinds", None)
    _changes.kinds = kinds
    try:
        yield kinds
    finally:
        _changes.kinds = outer
        if outer is not None:
            outer.update(kinds)


def _announce(kinds: frozenset[str]) -> None:
    collecting = getattr(_changes, "kinds", None)
    if collecting is not None and kinds:
        collecting.update(kinds | {"audit"})


def permission_text(permission: Permission) -> str:
    return _PERMISSION_TEXT[permission]


def refuse(actor: Actor | None, permission: Permission) -> PermissionDenied:
    who = f"Người dùng “{actor.username}”" if actor else "Người chưa đăng nhập"
    return PermissionDenied(f"{who} không có quyền {permission_text(permission)}.")


def current_actor(session: Session, actor: Actor | None) -> Actor | None:
    """The actor as the database knows it now (roles may have changed since login)."""
    if actor is None:
        return None
    # Two plain reads (every write and most reads pass here): cheaper than loading the
    # user and its roles as objects.
    row = session.execute(
        select(User.active, User.username, User.full_name).where(User.id == actor.user_id)
    ).first()
    if row is None or not row.active:
        return None
    roles = session.execute(select(UserRole.role).where(UserRole.user_id == actor.user_id))
    return Actor(
        user_id=actor.user_id,
        username=row.username,
        full_name=row.full_name,
        roles=frozenset(Role(r) for r in roles.scalars()),
    )


def require(session: Session, actor: Actor | None, permission: Permission) -> Actor:
    """Check ``permission`` against the database; raise :class:`PermissionDenied`."""
    live = current_actor(session, actor)
    if live is None or not live.can(permission):
        raise refuse(actor, permission)
    return live


@dataclass
class _Pending:
    action: str
    entity: str
    entity_id: str
    before: str | None
    after: str | None


@dataclass
class UnitOfWork:
    """One write transaction. Use through :func:`write`.

    ``actor`` is ``None`` only for system actions (first-run set-up, demo data); such a unit
    of work must be opened with ``system=True`` and is audited as ``system``.
    """

    db: Database
    actor: Actor | None
    session: Session
    at: dt.datetime = field(default_factory=utcnow)
    _events: list[_Pending] = field(default_factory=list)
    #: the chain's head before and after this unit of work's events, once written
    _heads: tuple[tuple[int, str], tuple[int, str]] | None = None
    _extra_seals: dict[str, dict[str, str | None]] = field(default_factory=dict)

    def seal(self, seals: dict[str, dict[str, str | None]]) -> None:
        """Seal rows this unit of work did not write (rows a schema upgrade left): their
        digests go into its last event with those of the rows it wrote."""
        for table, keys in seals.items():
            self._extra_seals.setdefault(table, {}).update(keys)

    def record(
        self,
        action: str,
        entity: str,
        entity_id: object,
        *,
        before: Any = None,
        after: Any = None,
    ) -> None:
        """Queue an audit event; it is chained and written at commit."""
        self._events.append(
            _Pending(
                action=action,
                entity=entity,
                entity_id=str(entity_id),
                before=None if before is None else canonical_json(before),
                after=None if after is None else canonical_json(after),
            )
        )

    @property
    def entities(self) -> frozenset[str]:
        return frozenset(e.entity for e in self._events)

    def _flush_events(self) -> None:
        seals = self._extra_seals
        for table, keys in seals_of(self.session).items():
            seals.setdefault(table, {}).update(keys)
        if seals and not self._events:
            # a change no service named (a password rehashed at login, …): still sealed,
            # so the chain vouches for every row the program leaves
            self.record("audit.seal", "rows", "", after={"tables": sorted(seals)})
        if not self._events:
            return
        session = self.session
        if self.db.backend == "postgresql":
            session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": AUDIT_CHAIN_LOCK})
        head = session.execute(select(AuditHead).where(AuditHead.id == 1)).scalar_one_or_none()
        seq, prev = (head.seq, head.hash) if head else (0, GENESIS_HASH)
        before = (seq, prev)
        actor_id = self.actor.user_id if self.actor else None
        actor_name = self.actor.username if self.actor else SYSTEM_ACTOR
        last = len(self._events) - 1
        for index, pending in enumerate(self._events):
            seq += 1
            rows = seals_json(seals) if index == last else "{}"
            record = EventRecord(
                seq=seq,
                at=self.at,
                actor_id=actor_id,
                actor=actor_name,
                action=pending.action,
                entity=pending.entity,
                entity_id=pending.entity_id,
                before=pending.before,
                after=pending.after,
                prev_hash=prev,
                rows=rows,
            )
            prev = record.digest()
            session.add(
                AuditEvent(
                    seq=seq,
                    at=self.at,
                    actor_id=actor_id,
                    actor=actor_name,
                    action=pending.action,
                    entity=pending.entity,
                    entity_id=pending.entity_id,
                    before=pending.before,
                    after=pending.after,
                    prev_hash=record.prev_hash,
                    hash=prev,
                    rows=rows,
                )
            )
        if head is None:
            session.add(AuditHead(id=1, seq=seq, hash=prev))
        else:
            head.seq, head.hash = seq, prev
        self._events.clear()
        self._heads = (before, (seq, prev))

    def commit(self) -> None:
        self.session.flush()
        changed = self.entities
        self._flush_events()
        self.session.commit()
        if self._heads is not None:
            from isoqms.services.integrity import note_commit

            note_commit(self.db, *self._heads)
        _announce(changed)


class write:  # noqa: N801 - used as a context manager, reads like a keyword
    """``with write(db, actor, Permission.X) as uow:`` — the only way services change data.

    Two narrow exceptions take no permission: ``system=True`` (no actor: first-run set-up,
    demo data) and ``self_service=True`` (an active user's own login record and password,
    which even an auditor may do; it touches no record of the commune's work).
    """

    def __init__(
        self,
        db: Database,
        actor: Actor | None,
        permission: Permission | None,
        *,
        system: bool = False,
        self_service: bool = False,
    ) -> None:
        if permission is None and not (system or self_service):
            raise ValueError("a write needs a permission unless it is a system action")
        if permission in READ_ONLY:
            # read-only by construction: the auditor's permissions can never open a write
            raise ValueError(f"a write needs a write permission, not {permission}")
        if system and actor is not None:
            raise ValueError("a system action has no actor")
        self._db = db
        self._actor = actor
        self._permission = permission
        self._self_service = self_service
        self._uow: UnitOfWork | None = None

    def __enter__(self) -> UnitOfWork:
        session = self._db.write_session()
        start_noting(session)
        try:
            live = self._actor
            if self._permission is not None:
                live = require(session, self._actor, self._permission)
            elif self._self_service:
                live = current_actor(session, self._actor)
                if live is None:
                    raise AuthenticationError("Tài khoản không còn hoạt động.")
        except BaseException:
            session.rollback()
            session.close()
            raise
        self._uow = UnitOfWork(db=self._db, actor=live, session=session)
        return self._uow

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        uow = self._uow
        assert uow is not None
        try:
            if exc_type is None:
                uow.commit()
            else:
                uow.session.rollback()
        finally:
            uow.session.close()
