"""SQLAlchemy 2 typed models.

Only services write these tables, and only inside a unit of work that appends the matching
audit event (see :mod:`isoqms.services.uow`). Time stamps are naive UTC.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from isoqms.domain import clock

#: Alembic's batch mode on SQLite needs every constraint named.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> dt.datetime:
    return clock.utcnow()


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Setting(Base):
    """Small key/value facts about this database (e.g. whether it holds demo data)."""

    __tablename__ = "setting"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class UnitProfile(Base):
    """The commune's one-stop desk (đơn vị); one row, id 1."""

    __tablename__ = "unit_profile"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    commune_name: Mapped[str] = mapped_column(String(200), default="")
    district_name: Mapped[str] = mapped_column(String(200), default="")
    province_name: Mapped[str] = mapped_column(String(200), default="")
    unit_code: Mapped[str] = mapped_column(String(35), default="")
    desk_name: Mapped[str] = mapped_column(String(300), default="")
    address: Mapped[str] = mapped_column(String(500), default="")
    phone: Mapped[str] = mapped_column(String(50), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    office_hours: Mapped[str] = mapped_column(String(100), default="07:00-11:30,13:30-17:00")
    default_cutoff: Mapped[str | None] = mapped_column(String(5), nullable=True)
    counters: Mapped[str] = mapped_column(Text, default="[]")  # JSON list of counter names
    deadline_policy: Mapped[str] = mapped_column(String(16), default="day-end")
    #: a result not collected this many days after it was ready is marked at the desk
    result_waiting_days: Mapped[int] = mapped_column(Integer, default=30, server_default="30")
    #: where automatic backups go ("" = the data folder's ``backups``) and how many are kept
    backup_folder: Mapped[str] = mapped_column(String(500), default="", server_default="")
    backup_keep: Mapped[int] = mapped_column(Integer, default=14, server_default="14")
    #: a supplement during processing, per legal regime: "restart" or "pause"
    supplement_rule_2018: Mapped[str] = mapped_column(
        String(8), default="restart", server_default="restart"
    )
    supplement_rule_2025: Mapped[str] = mapped_column(
        String(8), default="restart", server_default="restart"
    )
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class CalendarDay(Base):
    """An entry of the official yearly schedule: a weekday off or a weekend day worked.

    Removing an entry clears ``active``; rows are never deleted.
    """

    __tablename__ = "calendar_day"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    day: Mapped[dt.date] = mapped_column(Date, unique=True)
    kind: Mapped[str] = mapped_column(String(16))
    name: Mapped[str] = mapped_column(String(300))
    source: Mapped[str] = mapped_column(String(500), default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class User(Base):
    __tablename__ = "app_user"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    full_name: Mapped[str] = mapped_column(String(200))
    title: Mapped[str] = mapped_column(String(200), default="")
    password_hash: Mapped[str] = mapped_column(String(255))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    must_change_password: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    last_login_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    #: wrong passwords in a row; after 5 each try waits until ``retry_after`` (UTC), after
    #: 10 the account is locked (``locked_at``, UTC) until an administrator unlocks it
    failed_logins: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    retry_after: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    locked_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)

    roles: Mapped[list[UserRole]] = relationship(
        back_populates="user", cascade="all, delete-orphan", order_by="UserRole.role"
    )

    @property
    def role_names(self) -> list[str]:
        return [r.role for r in self.roles]


class UserRole(Base):
    __tablename__ = "user_role"
    __table_args__ = (UniqueConstraint("user_id", "role"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("app_user.id"), index=True)
    role: Mapped[str] = mapped_column(String(32))

    user: Mapped[User] = relationship(back_populates="roles")


class AuditEvent(Base):
    """One entry of the append-only, hash-chained audit log.

    ``seq`` is gap-free and assigned under the chain lock; ``hash`` covers the canonical form
    of the event including ``prev_hash`` (:mod:`isoqms.domain.audit`). The ORM refuses to
    update or delete rows (:mod:`isoqms.db.guards`).
    """

    __tablename__ = "audit_event"
    __table_args__ = (Index("ix_audit_event_entity", "entity", "entity_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, unique=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime, index=True)
    actor_id: Mapped[int | None] = mapped_column(Integer, nullable=True, index=True)
    actor: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(64), index=True)
    entity: Mapped[str] = mapped_column(String(64))
    entity_id: Mapped[str] = mapped_column(String(64))
    before: Mapped[str | None] = mapped_column(Text, nullable=True)
    after: Mapped[str | None] = mapped_column(Text, nullable=True)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))
    #: canonical JSON sealing the rows the event's transaction left: ``{table: {key:
    #: digest or null}}`` on its last event, ``{}`` on the others; NULL only on events
    #: written before sealing began (schema 0010). Part of the hash when present.
    rows: Mapped[str | None] = mapped_column(Text, nullable=True)


class AuditHead(Base):
    """The chain's last sequence number and hash, updated with every append.

    It lets verification notice events removed from the end of the log, which the chain by
    itself cannot show.
    """

    __tablename__ = "audit_head"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    seq: Mapped[int] = mapped_column(Integer)
    hash: Mapped[str] = mapped_column(String(64))


class Procedure(Base):
    """An administrative procedure (TTHC) of the national catalogue."""

    __tablename__ = "procedure"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(20), unique=True)
    name: Mapped[str] = mapped_column(Text)
    search_key: Mapped[str] = mapped_column(Text)  # folded code + name + field
    field: Mapped[str] = mapped_column(String(200), default="")
    level: Mapped[str] = mapped_column(String(200), default="")
    agency: Mapped[str] = mapped_column(Text, default="")
    issuer: Mapped[str] = mapped_column(String(300), default="")
    decision: Mapped[str] = mapped_column(String(200), default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class ProcedureRevision(Base):
    """A dated revision of a procedure's content (time, fee, papers, steps …).

    In force at an instant: the approved revision with the latest ``effective_from`` not
    after it. Document control (process documents) approves these revisions.
    """

    __tablename__ = "procedure_revision"
    __table_args__ = (UniqueConstraint("procedure_id", "number"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    procedure_id: Mapped[int] = mapped_column(ForeignKey("procedure.id"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16))  # draft | approved | withdrawn
    effective_from: Mapped[dt.datetime] = mapped_column(DateTime)
    content: Mapped[str] = mapped_column(Text)  # canonical JSON
    content_hash: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    created_by: Mapped[int | None] = mapped_column(Integer, nullable=True)


class DailyCounter(Base):
    """Last dossier number given per unit and receipt day (the code's XXXX)."""

    __tablename__ = "daily_counter"

    unit_code: Mapped[str] = mapped_column(String(35), primary_key=True)
    day: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    last: Mapped[int] = mapped_column(Integer)


class LedgerCounter(Base):
    """Last entry number per tracking book (Sổ theo dõi hồ sơ, quyển số)."""

    __tablename__ = "ledger_counter"

    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    book: Mapped[int] = mapped_column(Integer, primary_key=True)
    last: Mapped[int] = mapped_column(Integer)


class Dossier(Base):
    __tablename__ = "dossier"
    __table_args__ = (
        UniqueConstraint("unit_code", "receipt_day", "daily_number"),
        UniqueConstraint("book_year", "book", "book_number"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(60), unique=True)
    unit_code: Mapped[str] = mapped_column(String(35))
    receipt_day: Mapped[dt.date] = mapped_column(Date, index=True)
    daily_number: Mapped[int] = mapped_column(Integer)
    book_year: Mapped[int] = mapped_column(Integer)
    book: Mapped[int] = mapped_column(Integer)
    book_number: Mapped[int] = mapped_column(Integer)
    procedure_id: Mapped[int] = mapped_column(ForeignKey("procedure.id"), index=True)
    revision_id: Mapped[int] = mapped_column(ForeignKey("procedure_revision.id"))
    applicant_name: Mapped[str] = mapped_column(String(200))
    applicant_key: Mapped[str] = mapped_column(String(200), index=True)
    id_number: Mapped[str] = mapped_column(String(12), default="", index=True)
    phone: Mapped[str] = mapped_column(String(20), default="", index=True)
    email: Mapped[str] = mapped_column(String(200), default="")
    address: Mapped[str] = mapped_column(String(500), default="")
    representative: Mapped[str] = mapped_column(String(200), default="")
    papers: Mapped[str] = mapped_column(Text)  # JSON: the checklist as received
    sets: Mapped[int] = mapped_column(Integer, default=1)
    channel: Mapped[str] = mapped_column(String(16))
    delivery: Mapped[str] = mapped_column(String(16))
    note: Mapped[str] = mapped_column(Text, default="")
    received_at: Mapped[dt.datetime] = mapped_column(DateTime, index=True)  # local time
    effective_received_at: Mapped[dt.datetime] = mapped_column(DateTime)
    appointment: Mapped[dt.datetime] = mapped_column(DateTime, index=True)
    duration_text: Mapped[str] = mapped_column(String(200))
    policy: Mapped[str] = mapped_column(String(16))
    regime: Mapped[str] = mapped_column(String(8))
    form_revision: Mapped[str] = mapped_column(String(60))  # the receipt form's revision
    state: Mapped[str] = mapped_column(String(24), index=True)
    backdated: Mapped[bool] = mapped_column(Boolean, default=False)
    clerk_id: Mapped[int] = mapped_column(Integer)
    recorded_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    # the journey (issue 6); times are local wall-clock like received_at
    due_at: Mapped[dt.datetime] = mapped_column(DateTime)  # appointment moved by pauses only
    promised_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)  # apology
    holder_id: Mapped[int | None] = mapped_column(Integer, nullable=True, index=True)
    paused_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    was_paused: Mapped[bool] = mapped_column(Boolean, default=False)
    result_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True, index=True)
    outcome: Mapped[str | None] = mapped_column(String(8), nullable=True)
    #: when it left the open states: result ready, stopped or cancelled
    finished_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True, index=True)
    #: calendar days from receipt to finishing; lets a report find the few long-open dossiers
    open_days: Mapped[int | None] = mapped_column(Integer, nullable=True, index=True)
    returned_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True, index=True)
    returned_to: Mapped[str] = mapped_column(String(200), default="")
    rating: Mapped[str | None] = mapped_column(String(16), nullable=True)
    rating_comment: Mapped[str] = mapped_column(Text, default="")
    complaint: Mapped[bool] = mapped_column(Boolean, default=False)


class DossierEvent(Base):
    """One step of a dossier's journey: a hand-over, a pause or its end, the result, the
    return, an apology, a stop or a cancellation. ``at`` is local wall-clock time (a past
    ``at`` is a late entry, ``backdated``); ``recorded_at`` is UTC."""

    __tablename__ = "dossier_event"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossier.id"), index=True)
    action: Mapped[str] = mapped_column(String(24))
    at: Mapped[dt.datetime] = mapped_column(DateTime)
    recorded_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    actor_id: Mapped[int] = mapped_column(Integer)
    from_user_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    to_user_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    to_name: Mapped[str] = mapped_column(String(200), default="")
    step: Mapped[int | None] = mapped_column(Integer, nullable=True)
    reason: Mapped[str] = mapped_column(Text, default="")
    new_appointment: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    due_before: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    due_after: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    #: a resumed dossier's rule: "restart" (counted again from the start), "pause" (moved by
    #: the time waited); "" on events recorded before the rule was chosen (a pause)
    rule: Mapped[str] = mapped_column(String(8), default="", server_default="")
    outcome: Mapped[str | None] = mapped_column(String(8), nullable=True)
    state_after: Mapped[str] = mapped_column(String(24))
    backdated: Mapped[bool] = mapped_column(Boolean, default=False)
    year: Mapped[int | None] = mapped_column(Integer, nullable=True)
    number: Mapped[int | None] = mapped_column(Integer, nullable=True)  # letter number
    form_revision: Mapped[str] = mapped_column(String(60), default="")


class QualityObjective(Base):
    """A quality objective measured by one of the desk's statistics (DESIGN.md §1.4)."""

    __tablename__ = "quality_objective"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    title: Mapped[str] = mapped_column(Text)
    metric: Mapped[str] = mapped_column(String(32))
    comparison: Mapped[str] = mapped_column(String(2))  # ">=" | "<="
    target: Mapped[float] = mapped_column(Float)
    scope: Mapped[str] = mapped_column(String(16))  # all | field | procedure
    scope_value: Mapped[str] = mapped_column(String(300), default="")
    period: Mapped[str] = mapped_column(String(16))  # month | quarter | half | year
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    created_by: Mapped[int | None] = mapped_column(Integer, nullable=True)


class CounterNotice(Base):
    """A supplement request (Mẫu 02) or refusal (Mẫu 03) given at the counter instead of a
    receipt; numbered per kind and year."""

    __tablename__ = "counter_notice"
    __table_args__ = (UniqueConstraint("kind", "year", "number"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))  # supplement | refusal
    year: Mapped[int] = mapped_column(Integer)
    number: Mapped[int] = mapped_column(Integer)
    procedure_id: Mapped[int] = mapped_column(ForeignKey("procedure.id"))
    revision_id: Mapped[int] = mapped_column(ForeignKey("procedure_revision.id"))
    applicant_name: Mapped[str] = mapped_column(String(200))
    id_number: Mapped[str] = mapped_column(String(12), default="")
    phone: Mapped[str] = mapped_column(String(20), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    address: Mapped[str] = mapped_column(String(500), default="")
    papers: Mapped[str] = mapped_column(Text)  # JSON: what is missing or to be corrected
    reason: Mapped[str] = mapped_column(Text, default="")
    issued_at: Mapped[dt.datetime] = mapped_column(DateTime)
    regime: Mapped[str] = mapped_column(String(8))
    form_revision: Mapped[str] = mapped_column(String(60))
    clerk_id: Mapped[int] = mapped_column(Integer)


class StoredFile(Base):
    """Bytes stored once by SHA-256 (rendered slips, uploaded documents)."""

    __tablename__ = "stored_file"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column(Integer)
    media_type: Mapped[str] = mapped_column(String(100))
    content: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class TrustedCertificate(Base):
    """A root (or intermediate) certificate the unit trusts for digital signatures: the
    Vietnamese national root CA, a licensed CA's. Never deleted: a removed one keeps its
    row with ``removed_at``, so what was trusted on a date stays known."""

    __tablename__ = "trusted_certificate"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    subject: Mapped[str] = mapped_column(String(300))
    issuer: Mapped[str] = mapped_column(String(300))
    valid_to: Mapped[dt.datetime] = mapped_column(DateTime)
    der: Mapped[bytes] = mapped_column(LargeBinary)
    added_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    added_by: Mapped[int] = mapped_column(Integer)
    removed_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    removed_by: Mapped[int | None] = mapped_column(Integer, nullable=True)


class SignedFile(Base):
    """A PDF signed with a token (ký số): what it is of (a revision, a dossier's slip, a
    report), the signed bytes (a stored file), whose certificate, when."""

    __tablename__ = "signed_file"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(32))  # revision, slip, notice, report, review
    ref_id: Mapped[int] = mapped_column(Integer)
    file_sha256: Mapped[str] = mapped_column(ForeignKey("stored_file.sha256"), index=True)
    user_id: Mapped[int] = mapped_column(Integer)
    signer: Mapped[str] = mapped_column(String(300))
    cert_sha256: Mapped[str] = mapped_column(String(64))
    signed_at: Mapped[dt.datetime] = mapped_column(DateTime)

    __table_args__ = (Index("ix_signed_file_kind_ref", "kind", "ref_id"),)


class PrintLog(Base):
    """Every slip printed or saved: which form revision, which copy, who, when, hash."""

    __tablename__ = "print_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    dossier_id: Mapped[int | None] = mapped_column(
        ForeignKey("dossier.id"), nullable=True, index=True
    )
    notice_id: Mapped[int | None] = mapped_column(ForeignKey("counter_notice.id"), nullable=True)
    copy_id: Mapped[int | None] = mapped_column(
        ForeignKey("document_copy.id"), nullable=True, index=True
    )
    form_code: Mapped[str] = mapped_column(String(80))  # a form's or a document's code
    form_revision: Mapped[str] = mapped_column(String(80))
    copies: Mapped[str] = mapped_column(String(100))
    paper: Mapped[str] = mapped_column(String(8))
    reprint: Mapped[bool] = mapped_column(Boolean, default=False)
    purpose: Mapped[str] = mapped_column(String(16))  # print | save
    printed_by: Mapped[int] = mapped_column(Integer)
    printed_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    sha256: Mapped[str] = mapped_column(ForeignKey("stored_file.sha256"))


class Document(Base):
    """A controlled document of the ISO system (register entry)."""

    __tablename__ = "document"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(60), unique=True)
    title: Mapped[str] = mapped_column(Text)
    search_key: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(20), index=True)
    owner: Mapped[str] = mapped_column(String(200), default="")
    procedure_id: Mapped[int | None] = mapped_column(ForeignKey("procedure.id"), nullable=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("document.id"), nullable=True)
    review_months: Mapped[int] = mapped_column(Integer, default=12)
    issuer: Mapped[str] = mapped_column(String(300), default="")  # external documents
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class DocumentRevision(Base):
    """One issue/amendment of a document. Never deleted; withdrawn at most."""

    __tablename__ = "document_revision"
    __table_args__ = (UniqueConstraint("document_id", "issue", "amendment"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("document.id"), index=True)
    issue: Mapped[int] = mapped_column(Integer)  # lần ban hành
    amendment: Mapped[int] = mapped_column(Integer, default=0)  # lần sửa đổi
    state: Mapped[str] = mapped_column(String(16))
    change_summary: Mapped[str] = mapped_column(Text, default="")
    places_changed: Mapped[str] = mapped_column(Text, default="")
    effective_from: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    withdrawn_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    file_sha256: Mapped[str | None] = mapped_column(ForeignKey("stored_file.sha256"), nullable=True)
    file_name: Mapped[str] = mapped_column(String(300), default="")
    procedure_revision_id: Mapped[int | None] = mapped_column(
        ForeignKey("procedure_revision.id"), nullable=True
    )
    # a form's printed texts (JSON, services.forms) — the slips read them from here
    form_content: Mapped[str | None] = mapped_column(Text, nullable=True)
    # the content's text, folded (case and diacritics ignored), for search
    search_text: Mapped[str | None] = mapped_column(Text, nullable=True)
    checked_out_by: Mapped[int | None] = mapped_column(Integer, nullable=True)
    review_comment: Mapped[str] = mapped_column(Text, default="")
    rejected_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    created_by: Mapped[int | None] = mapped_column(Integer, nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class RevisionSignature(Base):
    """A signature on a revision: who, with which meaning, when, over which content hash."""

    __tablename__ = "revision_signature"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    revision_id: Mapped[int] = mapped_column(ForeignKey("document_revision.id"), index=True)
    meaning: Mapped[str] = mapped_column(String(16))
    user_id: Mapped[int] = mapped_column(Integer)
    full_name: Mapped[str] = mapped_column(String(200))
    title: Mapped[str] = mapped_column(String(200), default="")
    signed_at: Mapped[dt.datetime] = mapped_column(DateTime)
    content_hash: Mapped[str] = mapped_column(String(64))


class DocumentCopy(Base):
    """A numbered controlled copy of a revision handed to a person or place."""

    __tablename__ = "document_copy"
    __table_args__ = (UniqueConstraint("document_id", "copy_no"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("document.id"), index=True)
    revision_id: Mapped[int] = mapped_column(ForeignKey("document_revision.id"), index=True)
    copy_no: Mapped[int] = mapped_column(Integer)
    holder: Mapped[str] = mapped_column(String(300))
    distributed_at: Mapped[dt.datetime] = mapped_column(DateTime)
    distributed_by: Mapped[int] = mapped_column(Integer)
    acknowledged_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)
    acknowledged_by: Mapped[str] = mapped_column(String(200), default="")
    recalled_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)


class RecordType(Base):
    """A line of the records list (Danh mục hồ sơ): a kind of record, where it is kept and
    for how long (``retention_years`` None = permanently)."""

    __tablename__ = "record_type"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    document_id: Mapped[int | None] = mapped_column(
        ForeignKey("document.id"), nullable=True, index=True
    )
    keeper: Mapped[str] = mapped_column(String(300), default="")
    retention_years: Mapped[int | None] = mapped_column(Integer, nullable=True)
    medium: Mapped[str] = mapped_column(String(100), default="")
    note: Mapped[str] = mapped_column(Text, default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class IsoDeclaration(Base):
    """A declaration of conformity (công bố hệ thống quản lý chất lượng, Decision 19/2014
    art. 4 and its Appendix I): its number and day, the standard, and its scope — the
    process documents in force and their procedures, as a JSON list — so a later change of
    scope says a new declaration (công bố lại) is due."""

    __tablename__ = "iso_declaration"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    number: Mapped[str] = mapped_column(String(60))
    declared_on: Mapped[dt.date] = mapped_column(Date)
    standard: Mapped[str] = mapped_column(String(100))
    scope: Mapped[str] = mapped_column(Text)
    file_sha256: Mapped[str | None] = mapped_column(ForeignKey("stored_file.sha256"), nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"), nullable=True)


class IsoFinding(Base):
    """A finding (phát hiện) and, for a nonconformity, its corrective action (TCVN ISO
    9001:2015 clause 10.2): raised from an audit, a complaint, a late dossier or a missed
    objective; planned (correction, root cause, action, owner, due date); carried out;
    verified effective by someone other than the owner (``domain.findings``)."""

    __tablename__ = "iso_finding"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    number: Mapped[str] = mapped_column(String(30), unique=True)  # PH-2026-01
    kind: Mapped[str] = mapped_column(String(20))
    source: Mapped[str] = mapped_column(String(20))
    clause: Mapped[str] = mapped_column(String(20), default="")  # 8.5.1
    process: Mapped[str] = mapped_column(String(60), default="")  # a document code
    description: Mapped[str] = mapped_column(Text)
    evidence: Mapped[str] = mapped_column(Text, default="")
    state: Mapped[str] = mapped_column(String(20), index=True)
    correction: Mapped[str] = mapped_column(Text, default="")
    root_cause: Mapped[str] = mapped_column(Text, default="")
    action: Mapped[str] = mapped_column(Text, default="")
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"), nullable=True)
    due_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    done_note: Mapped[str] = mapped_column(Text, default="")
    done_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    verified_by: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"), nullable=True)
    verified_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    effective: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    verification_note: Mapped[str] = mapped_column(Text, default="")
    raised_on: Mapped[dt.date] = mapped_column(Date)
    raised_by: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"), nullable=True)
    closed_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    #: the internal audit (DG-2026-01) or management review (XX-2026-01) it came from
    origin: Mapped[str] = mapped_column(String(30), default="", server_default="")


class IsoRisk(Base):
    """A line of the risks and opportunities register (clause 6.1) of a process."""

    __tablename__ = "iso_risk"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    process: Mapped[str] = mapped_column(String(60), default="")  # a document code
    description: Mapped[str] = mapped_column(Text)
    likelihood: Mapped[int] = mapped_column(Integer)
    impact: Mapped[int] = mapped_column(Integer)
    action: Mapped[str] = mapped_column(Text, default="")
    review_on: Mapped[dt.date] = mapped_column(Date)
    reviewed_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"), nullable=True)


class IsoAuditProgramme(Base):
    """The year's internal audit programme (clause 9.2.2 a): its audits are the
    ``iso_audit`` rows of the year; the committee's chair approves it."""

    __tablename__ = "iso_audit_programme"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    year: Mapped[int] = mapped_column(Integer, unique=True)
    note: Mapped[str] = mapped_column(Text, default="")
    approved_by: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"), nullable=True)
    approved_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)


class IsoAudit(Base):
    """An internal audit (đánh giá nội bộ): which process documents, when, by whom; its
    checklist is ``iso_audit_item``; reported with a conclusion (``domain.internal_audit``)."""

    __tablename__ = "iso_audit"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    number: Mapped[str] = mapped_column(String(30), unique=True)  # DG-2026-01
    year: Mapped[int] = mapped_column(Integer, index=True)
    title: Mapped[str] = mapped_column(String(300))
    processes: Mapped[str] = mapped_column(Text)  # JSON: the document codes audited
    criteria: Mapped[str] = mapped_column(Text, default="")
    planned_on: Mapped[dt.date] = mapped_column(Date)
    lead_id: Mapped[int] = mapped_column(ForeignKey("app_user.id"))
    second_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"), nullable=True)
    state: Mapped[str] = mapped_column(String(20))
    conclusion: Mapped[str] = mapped_column(Text, default="")
    reported_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"), nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class IsoAuditItem(Base):
    """One question of an audit's checklist, as asked, and its answer with evidence."""

    __tablename__ = "iso_audit_item"
    __table_args__ = (UniqueConstraint("audit_id", "seq"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    audit_id: Mapped[int] = mapped_column(ForeignKey("iso_audit.id"), index=True)
    seq: Mapped[int] = mapped_column(Integer)
    source: Mapped[str] = mapped_column(String(20))
    ref: Mapped[str] = mapped_column(String(80))
    process: Mapped[str] = mapped_column(String(60), default="")
    question: Mapped[str] = mapped_column(Text)
    result: Mapped[str] = mapped_column(String(20), default="")  # empty: not yet answered
    note: Mapped[str] = mapped_column(Text, default="")
    evidence: Mapped[str] = mapped_column(Text, default="[]")  # JSON: [{kind, ref, label}]
    finding_id: Mapped[int | None] = mapped_column(ForeignKey("iso_finding.id"), nullable=True)
    answered_by: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"), nullable=True)
    answered_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)


class IsoReview(Base):
    """A management review meeting (clause 9.3): when, who took part, the figures it was
    given (``inputs``, JSON, as they stood that day), its conclusion; its decisions are
    findings with ``origin`` = its number, tracked to done like any action."""

    __tablename__ = "iso_review"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    number: Mapped[str] = mapped_column(String(30), unique=True)  # XX-2026-01
    year: Mapped[int] = mapped_column(Integer, index=True)
    held_on: Mapped[dt.date] = mapped_column(Date)
    chair: Mapped[str] = mapped_column(String(200))
    participants: Mapped[str] = mapped_column(Text)
    conclusion: Mapped[str] = mapped_column(Text)
    inputs: Mapped[str] = mapped_column(Text, default="{}")
    recorded_by: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"), nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    approved_by: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"), nullable=True)
    approved_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
