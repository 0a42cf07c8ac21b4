"""The auditor's questions, answered from the record: who changed what and when
(timelines), what was in force on a day (point in time), what a dossier was received
under and every print made of it (trace), who signed which content (signature manifests),
and whether a printed copy is still the revision in force (copy check).

Everything here reads; nothing here writes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import ColumnElement, and_, or_, select
from sqlalchemy.orm import Session

from isoqms.db.engine import Database
from isoqms.db.models import (
    AuditEvent,
    Document,
    DocumentCopy,
    DocumentRevision,
    Dossier,
    IsoAudit,
    IsoFinding,
    IsoReview,
    PrintLog,
    Procedure,
    ProcedureRevision,
    User,
)
from isoqms.domain import audit_labels as labels
from isoqms.domain import clock
from isoqms.domain.errors import IntegrityBroken, NotFound, ValidationError
from isoqms.domain.procedure import ProcedureContent
from isoqms.domain.roles import Permission
from isoqms.render.stamp import QR_PREFIX
from isoqms.services import documents, files, journey, limits, lookup
from isoqms.services.documents import DocumentRow, RevisionRow
from isoqms.services.forms import form_by_revision
from isoqms.services.procedures import revision_in_force_in
from isoqms.services.uow import Actor, require

#: The questions auditors ask most, as filters: (key, Vietnamese, English, filter fields)
QUICK_QUESTIONS: tuple[tuple[str, str, str, dict[str, Any]], ...] = (
    ("signins", "Đăng nhập, khoá tài khoản", "Sign-ins and lock-outs",
     {"actions": ("user.login", "user.login_failed", "user.login_refused", "user.locked",
                  "user.unlock", "user.login_failures_cleared")}),
    ("admin", "Việc của quản trị viên", "Changes by administrators", {"role": "admin"}),
    ("late", "Việc ghi muộn", "Late entries", {"late_only": True}),
    ("prints", "In và in lại", "Prints and reprints",
     {"actions": ("slip.print", "document.copy.print")}),
)  # fmt: skip

#: What a timeline can be asked for, with the Vietnamese name of each kind.
TIMELINE_KINDS: dict[str, str] = {
    "document": "Tài liệu",
    "revision": "Lần ban hành",
    "procedure": "Thủ tục",
    "dossier": "Hồ sơ",
    "user": "Người dùng",
}


# ------------------------------------------------------------------ timelines


@dataclass(frozen=True)
class Change:
    field: str
    before: Any
    after: Any
    #: in words (audit_labels): the field's label, the values as people write them
    label: str = ""
    before_text: str = ""
    after_text: str = ""


@dataclass(frozen=True)
class TimelineEntry:
    seq: int
    at: dt.datetime  # UTC, when the event was recorded
    actor: str
    action: str
    entity: str
    entity_id: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    changes: tuple[Change, ...]
    hash: str
    #: in words: the action as a phrase, the object by what people call it, the person
    action_label: str = ""
    what: str = ""
    who: str = ""
    #: when it happened at the counter (local), if the event says; later than ``at`` for
    #: nothing, earlier for a late entry (ghi muộn)
    happened_at: dt.datetime | None = None
    late: bool = False


class Describer:
    """Names the objects and people of the log's events, reading each once."""

    def __init__(self, session: Session, lang: str = "vi") -> None:
        self.session, self.lang = session, lang
        self.cache: dict[tuple[str, str], str] = {}
        self.people: dict[str, str] | None = None

    def who(self, username: str) -> str:
        if self.people is None:
            from isoqms.db.models import UserRole
            from isoqms.domain.roles import Role

            roles: dict[int, list[str]] = {}
            for user_id, role in self.session.execute(select(UserRole.user_id, UserRole.role)):
                roles.setdefault(user_id, []).append(role)
            self.people = {}
            for user in self.session.execute(select(User)).scalars():
                named = [Role(r) for r in roles.get(user.id, []) if r in Role._value2member_map_]
                role = _role_label(named[0], self.lang) if named else ""
                self.people[user.username] = user.full_name + (f" ({role})" if role else "")
        if username == "system":
            return "System" if self.lang == "en" else "Hệ thống"
        return self.people.get(username, username)

    def what(self, entity: str, entity_id: str) -> str:
        key = (entity, entity_id)
        if key not in self.cache:
            try:
                self.cache[key] = self._what(entity, entity_id)
            except (ValueError, TypeError):
                self.cache[key] = ""
            if not self.cache[key]:
                self.cache[key] = f"{labels.entity_label(entity, self.lang)} {entity_id}"
        return self.cache[key]

    def _what(self, entity: str, entity_id: str) -> str:
        from isoqms.db.models import (
            IsoAudit,
            IsoFinding,
            IsoReview,
        )

        s, en = self.session, self.lang == "en"
        if entity in ("dossier", "print") and entity_id:
            code = entity_id.split("/", 1)[0]
            name = s.execute(
                select(Dossier.applicant_name).where(Dossier.code == code)
            ).scalar_one_or_none()
            prefix = "" if entity == "dossier" else ("Print of " if en else "Bản in hồ sơ ")
            if name is not None:
                return f"{prefix}{code} — {name}"
            return ""
        if entity == "document":
            doc = s.execute(select(Document).where(Document.code == entity_id)).scalar_one_or_none()
            return f"{doc.code} — {doc.title}" if doc else ""
        if entity == "document_revision" and entity_id.isdigit():
            rev = s.get(DocumentRevision, int(entity_id))
            doc = s.get(Document, rev.document_id) if rev else None
            if rev is None or doc is None:
                return ""
            issue = f"{rev.issue:02d}" + (f".{rev.amendment}" if rev.amendment else "")
            return f"{doc.code} — {doc.title}, " + (
                f"issue {issue}" if en else f"lần ban hành {issue}"
            )
        if entity == "document_copy" and entity_id.isdigit():
            copy = s.get(DocumentCopy, int(entity_id))
            doc = s.get(Document, copy.document_id) if copy else None
            if copy is None or doc is None:
                return ""
            return f"{doc.code} — " + (f"copy {copy.id}" if en else f"bản phân phối số {copy.id}")
        if entity == "procedure":
            proc = s.execute(
                select(Procedure).where(Procedure.code == entity_id)
            ).scalar_one_or_none()
            return f"{proc.code} — {proc.name}" if proc else ""
        if entity == "procedure_revision" and entity_id.isdigit():
            prev = s.get(ProcedureRevision, int(entity_id))
            proc = s.get(Procedure, prev.procedure_id) if prev else None
            if prev is None or proc is None:
                return ""
            return f"{proc.code} — {proc.name}, " + (
                f"content {prev.number}" if en else f"bản nội dung {prev.number}"
            )
        if entity == "user" and entity_id.isdigit():
            user = s.get(User, int(entity_id))
            return self.who(user.username) if user else ""
        if entity == "calendar_day":
            return labels.value_text("day", entity_id, self.lang)
        numbered: dict[str, type[IsoFinding] | type[IsoAudit] | type[IsoReview]] = {
            "iso_finding": IsoFinding, "iso_audit": IsoAudit, "iso_review": IsoReview,
        }  # fmt: skip
        if entity in numbered and entity_id.isdigit():
            row = s.get(numbered[entity], int(entity_id))
            number = getattr(row, "number", None)
            return f"{labels.entity_label(entity, self.lang)} {number}" if number else ""
        return ""

    def value(self, name: str, value: Any) -> str:
        """A value in words; a user name by the person's name and role."""
        if name in PEOPLE_FIELDS and isinstance(value, str) and value:
            return self.who(value)
        return labels.value_text(name, value, self.lang)

    def entry(self, e: AuditEvent) -> TimelineEntry:
        before, after = event_fields(e.before), event_fields(e.after)
        lang = self.lang
        changes = tuple(
            replace(
                c,
                label=labels.field_label(c.field, lang),
                before_text=self.value(c.field, c.before) if c.before is not None else "",
                after_text=self.value(c.field, c.after) if c.after is not None else "",
            )
            for c in changes_of(before, after)
        )
        happened = labels.business_moment(after)
        late = bool((after or {}).get("backdated")) or (
            happened is not None and _local(e.at) - happened > LATE_AFTER
        )
        return TimelineEntry(
            e.seq, e.at, e.actor, e.action, e.entity, e.entity_id, before, after, changes,
            e.hash, labels.event_phrase(e.action, after, lang), self.what(e.entity, e.entity_id),
            self.who(e.actor), happened, late,
        )  # fmt: skip


#: fields whose value is a user name
PEOPLE_FIELDS = frozenset({"to", "owner", "lead", "second", "holder", "clerk", "officer"})

#: a step recorded more than this after it happened is a late entry
LATE_AFTER = dt.timedelta(hours=1)


def _local(at_utc: dt.datetime) -> dt.datetime:
    """A naive UTC instant of the log as naive local time (the counter's clock)."""
    return at_utc.replace(tzinfo=dt.UTC).astimezone().replace(tzinfo=None)


def _role_label(role: Any, lang: str) -> str:
    from isoqms.domain.roles import ROLE_LABELS

    if lang == "en":
        return labels.ROLES_EN.get(str(role.value), str(role.value))
    return ROLE_LABELS[role]


def event_fields(text: str | None) -> dict[str, Any] | None:
    if not text:
        return None
    value = json.loads(text)
    return value if isinstance(value, dict) else {"value": value}


def changes_of(before: dict[str, Any] | None, after: dict[str, Any] | None) -> tuple[Change, ...]:
    """The fields that differ, in key order; a creation lists every field it set."""
    old, new = before or {}, after or {}
    return tuple(
        Change(key, old.get(key), new.get(key))
        for key in sorted(set(old) | set(new))
        if old.get(key) != new.get(key)
    )


def utc_bounds(
    date_from: dt.date | None, date_to: dt.date | None
) -> tuple[dt.datetime | None, dt.datetime | None]:
    """Local calendar days as naive UTC instants (the log's clock): [start, end)."""

    def utc(day: dt.date) -> dt.datetime:
        local = dt.datetime.combine(day, dt.time()).astimezone()
        return local.astimezone(dt.UTC).replace(tzinfo=None)

    # The first and last days a date can name (0001-01-01, 9999-12-31) are the open ends
    # of the log: a conversion across time zones there would leave the range.
    edge = dt.timedelta(days=2)
    start = end = None
    if date_from:
        start = utc(date_from) if date_from - dt.date.min > edge else dt.datetime.min
    if date_to:
        end = (
            utc(date_to + dt.timedelta(days=1)) if dt.date.max - date_to > edge else dt.datetime.max
        )
    return start, end


def _ids(session: Session, query: Any) -> list[str]:
    return [str(v) for v in session.execute(query).scalars()]


#: The log's entity name for each timeline kind (a kind asked without a key: all of them).
ENTITY_OF = {"revision": "document_revision"}


def scope(session: Session, kind: str, key: str) -> ColumnElement[bool]:
    """Which events belong to the timeline of ``kind`` ``key``."""
    if (
        kind not in TIMELINE_KINDS
        and kind not in labels.ENTITIES
        and session.execute(select(AuditEvent.id).where(AuditEvent.entity == kind).limit(1)).first()
        is None
    ):
        known = ", ".join(sorted({*TIMELINE_KINDS, *labels.ENTITIES}))
        raise ValidationError(f"Không có loại đối tượng “{kind}” trong nhật ký (có: {known}).")
    if not key:
        return AuditEvent.entity == ENTITY_OF.get(kind, kind)

    def on(entity: str, ids: list[str]) -> ColumnElement[bool]:
        return and_(AuditEvent.entity == entity, AuditEvent.entity_id.in_(ids))

    if kind == "document":
        doc = session.execute(select(Document).where(Document.code == key)).scalar_one_or_none()
        if doc is None:
            raise NotFound(f"Không có tài liệu mã “{key}”.")
        revisions = select(DocumentRevision.id).where(DocumentRevision.document_id == doc.id)
        proc_revs = select(DocumentRevision.procedure_revision_id).where(
            DocumentRevision.document_id == doc.id,
            DocumentRevision.procedure_revision_id.is_not(None),
        )
        copies = select(DocumentCopy.id).where(DocumentCopy.document_id == doc.id)
        return or_(
            on("document", [doc.code]),
            on("document_revision", _ids(session, revisions)),
            on("procedure_revision", _ids(session, proc_revs)),
            on("document_copy", _ids(session, copies)),
        )
    if kind == "revision":
        try:
            rev = session.get(DocumentRevision, int(key))
        except ValueError:
            rev = None
        if rev is None:
            raise NotFound(f"Không có lần ban hành số {key}.")
        copies = select(DocumentCopy.id).where(DocumentCopy.revision_id == rev.id)
        linked = [str(rev.procedure_revision_id)] if rev.procedure_revision_id else []
        return or_(
            on("document_revision", [str(rev.id)]),
            on("procedure_revision", linked),
            on("document_copy", _ids(session, copies)),
        )
    if kind == "procedure":
        proc = session.execute(select(Procedure).where(Procedure.code == key)).scalar_one_or_none()
        if proc is None:
            raise NotFound(f"Không có thủ tục mã “{key}”.")
        revs = select(ProcedureRevision.id).where(ProcedureRevision.procedure_id == proc.id)
        return or_(on("procedure", [proc.code]), on("procedure_revision", _ids(session, revs)))
    if kind == "dossier":
        if session.execute(select(Dossier.id).where(Dossier.code == key)).first() is None:
            raise NotFound(f"Không có hồ sơ mã “{key}”.")
        return or_(
            on("dossier", [key]),
            and_(
                AuditEvent.entity == "print",
                or_(AuditEvent.entity_id == key, AuditEvent.entity_id.like(f"{key}/%")),
            ),
        )
    if kind == "user":
        user = session.execute(select(User).where(User.username == key)).scalar_one_or_none()
        if user is None:
            raise NotFound(f"Không có người dùng “{key}”.")
        return or_(on("user", [str(user.id)]), AuditEvent.actor_id == user.id)
    numbered: dict[str, type[IsoFinding] | type[IsoAudit] | type[IsoReview]] = {
        "iso_finding": IsoFinding, "iso_audit": IsoAudit, "iso_review": IsoReview,
    }  # fmt: skip
    if kind in numbered:  # by the number people use (PH-…, DG-…, XX-…) as well as the id
        found = lookup.by_number(session, numbered[kind], key)
        if found is not None:
            key = str(found.id)
    # any other entity name of the log, as recorded
    return and_(AuditEvent.entity == kind, AuditEvent.entity_id == key)


@dataclass(frozen=True)
class TimelineFilter:
    kind: str | None = None  # a TIMELINE_KINDS key or any entity name of the log
    key: str | None = None  # code, revision id, username, or the entity id
    date_from: dt.date | None = None  # local days, inclusive
    date_to: dt.date | None = None
    person: str | None = None  # username of the actor
    action: str | None = None  # exact action, or a prefix ending in "." ("dossier.")
    late_only: bool = False  # entries recorded after the fact (ghi muộn)
    actions: tuple[str, ...] = ()  # any of these actions (a quick question: sign-ins, prints)
    role: str | None = None  # done by a person who holds this role (changes by administrators)


def in_period(
    e: AuditEvent, start: dt.datetime | None, end: dt.datetime | None, flt: TimelineFilter
) -> bool:
    """Whether an event belongs to the period: recorded in it, or — a late entry — what it
    records happened in it (a dossier step, a print, on the counter's local days)."""
    if (start is None or e.at >= start) and (end is None or e.at < end):
        return True
    happened = labels.business_moment(event_fields(e.after))
    if happened is None:
        return False
    day = happened.date()
    return (flt.date_from is None or day >= flt.date_from) and (
        flt.date_to is None or day <= flt.date_to
    )


def timeline(
    db: Database,
    actor: Actor,
    flt: TimelineFilter,
    *,
    lang: str = "vi",
    newest_first: bool = False,
) -> list[TimelineEntry]:
    """The events of one record (or of the whole log), oldest first unless asked, with the
    fields each changed, in words. A period takes the events recorded in it and those that
    record what happened in it (late entries)."""
    kind = limits.query(flt.kind or "", "loại đối tượng (--entity)")
    key = limits.query(flt.key or "", "mã đối tượng (--id)")
    person = limits.query(flt.person or "", "người thực hiện (--actor)")
    action = limits.query(flt.action or "", "hành động (--action)")
    if flt.date_from and flt.date_to and flt.date_to < flt.date_from:
        raise ValidationError("Ngày cuối của kỳ không được trước ngày đầu.")
    if action and not action.endswith(".") and action not in labels.ACTIONS:
        raise ValidationError(
            f"Không có hành động “{action}” trong nhật ký (xem --json: khoá action; "
            "“dossier.” = mọi hành động hồ sơ)."
        )
    with db.read() as session:
        require(session, actor, Permission.AUDIT_READ)
        if person and person != "system":
            exists = session.execute(select(User.id).where(User.username == person))
            if exists.first() is None:
                raise NotFound(f"Không có người dùng “{person}”.")
        query = select(AuditEvent).order_by(AuditEvent.seq)
        if kind:
            query = query.where(scope(session, kind, key))
        start, end = utc_bounds(flt.date_from, flt.date_to)
        if start is not None:
            # what happened on a day is recorded then or later, never before: a late entry
            # is found among the events recorded from the period's start on
            query = query.where(AuditEvent.at >= start - dt.timedelta(days=1))
        if person:
            query = query.where(AuditEvent.actor == person)
        if action:
            query = query.where(
                AuditEvent.action.like(f"{action}%")
                if action.endswith(".")
                else AuditEvent.action == action
            )
        if flt.actions:
            query = query.where(AuditEvent.action.in_(flt.actions))
        if flt.role:
            from isoqms.db.models import UserRole

            holders = select(UserRole.user_id).where(UserRole.role == flt.role)
            query = query.where(AuditEvent.actor_id.in_(holders))
        describe = Describer(session, lang)
        out = [
            describe.entry(e)
            for e in session.execute(query).scalars()
            if (start is None and end is None) or in_period(e, start, end, flt)
        ]
        if flt.late_only:
            out = [e for e in out if e.late]
        return out[::-1] if newest_first else out


# ------------------------------------------------------------------ point in time


@dataclass(frozen=True)
class ProcedureInForce:
    code: str
    name: str
    field: str
    revision: int
    effective_from: dt.datetime
    content_hash: str
    duration: str
    fee: str
    papers: int
    steps: int


@dataclass(frozen=True)
class AsOf:
    day: dt.date
    documents: list[DocumentRow]
    procedures: list[ProcedureInForce]


def as_of(db: Database, actor: Actor, day: dt.date) -> AsOf:
    """The document register as it stood on ``day`` (which revision of each document was
    in force) and the procedure content the counter used that day."""
    with db.read() as session:
        require(session, actor, Permission.AUDIT_READ)
        end = dt.datetime.combine(day, dt.time.max)
        procs = []
        for p in session.execute(select(Procedure).order_by(Procedure.code)).scalars():
            rev = revision_in_force_in(session, p.id, end)
            if rev is None:
                continue
            content = ProcedureContent.from_dict(json.loads(rev.content))
            procs.append(
                ProcedureInForce(
                    p.code,
                    p.name,
                    p.field,
                    rev.number,
                    rev.effective_from,
                    rev.content_hash,
                    content.duration_text,
                    content.fee,
                    len(content.papers),
                    len(content.steps),
                )
            )
    docs = [d for d in documents.list_documents(db, actor, day) if d.issue is not None]
    return AsOf(day, docs, procs)


# ------------------------------------------------------------------ signatures


def signatures(db: Database, actor: Actor, code: str) -> list[RevisionRow]:
    """Every revision of a document with who drafted, reviewed and approved it, when, and
    the content hash each signed (``RevisionRow.signatures``; compare with
    ``RevisionRow.content_hash``)."""
    with db.read() as session:
        require(session, actor, Permission.AUDIT_READ)
    return documents.history(db, actor, code)


# ------------------------------------------------------------------ dossier trace


@dataclass(frozen=True)
class PrintEntry:
    printed_at: dt.datetime  # UTC
    printed_by: str
    form_code: str
    form_revision: str
    copies: str
    paper: str
    purpose: str
    reprint: bool
    sha256: str
    intact: bool  # the stored PDF is there and still hashes to its name


@dataclass(frozen=True)
class DossierTrace:
    code: str
    detail: journey.DossierDetail
    procedure_revision: int
    procedure_revision_effective: dt.datetime
    procedure_revision_hash: str
    procedure_revision_hash_ok: bool  # the content still hashes to what was recorded
    process_document: str  # "QT-HT-01 lần 02" that approved that content, if any
    form_revision: str  # BM.MC.2025.01@1
    form_name: str
    form_effective: dt.date | None
    prints: list[PrintEntry]
    events: list[TimelineEntry]


def _content_hash_ok(rev: ProcedureRevision) -> bool:
    return hashlib.sha256(rev.content.encode("utf-8")).hexdigest() == rev.content_hash


def trace(db: Database, actor: Actor, code: str) -> DossierTrace:
    """What a dossier was received under (procedure revision, receipt form revision),
    every print made of it with its hash, and its events."""
    detail = journey.show(db, actor, code)
    with db.read() as session:
        require(session, actor, Permission.AUDIT_READ)
        d = session.execute(select(Dossier).where(Dossier.code == detail.code)).scalar_one()
        rev = session.get(ProcedureRevision, d.revision_id)
        assert rev is not None
        doc_rev = session.execute(
            select(Document.code, DocumentRevision.issue, DocumentRevision.amendment)
            .join(Document, Document.id == DocumentRevision.document_id)
            .where(DocumentRevision.procedure_revision_id == rev.id)
        ).first()
        process_document = ""
        if doc_rev is not None:
            process_document = f"{doc_rev.code} lần {doc_rev.issue:02d}" + (
                f".{doc_rev.amendment}" if doc_rev.amendment else ""
            )
        try:
            form = form_by_revision(session, d.form_revision)
            form_name, form_effective = form.name, form.effective_from
        except NotFound:
            form_name, form_effective = "", None
        names = dict(session.execute(select(User.id, User.username)).all())
        prints = []
        for p in session.execute(
            select(PrintLog).where(PrintLog.dossier_id == d.id).order_by(PrintLog.id)
        ).scalars():
            try:
                files.read_in(session, p.sha256)  # checks the bytes still hash to their name
                intact = True
            except (NotFound, IntegrityBroken):
                intact = False
            prints.append(
                PrintEntry(
                    p.printed_at,
                    names.get(p.printed_by, str(p.printed_by)),
                    p.form_code,
                    p.form_revision,
                    p.copies,
                    p.paper,
                    p.purpose,
                    p.reprint,
                    p.sha256,
                    intact,
                )
            )
        result = DossierTrace(
            d.code,
            detail,
            rev.number,
            rev.effective_from,
            rev.content_hash,
            _content_hash_ok(rev),
            process_document,
            d.form_revision,
            form_name,
            form_effective,
            prints,
            [],
        )
    events = timeline(db, actor, TimelineFilter(kind="dossier", key=d.code))
    return replace(result, events=events)


# ------------------------------------------------------------------ printed-copy check


@dataclass(frozen=True)
class CopyCheck:
    verdict: str  # in_force | superseded | withdrawn | not_yet | not_approved | recalled | altered
    message: str  # what to tell the person holding the copy, in Vietnamese
    ok: bool  # the copy may be used
    code: str = ""
    issue: str = ""
    copy_no: int = 0
    holder: str = ""
    current_issue: str = ""  # the revision in force today, if another


def _issue_text(issue: int, amendment: int) -> str:
    return f"{issue:02d}" + (f".{amendment}" if amendment else "")


def parse_copy_code(payload: str) -> tuple[str, int, int, int, str]:
    """``ISOQMS-COPY|code|issue[.amendment]|copy|content-hash`` → its parts."""
    parts = payload.strip().split("|")
    bad = ValidationError(
        "Mã QR không phải của bản sao tài liệu isoqms "
        f"(cần dạng {QR_PREFIX}|mã hiệu|lần ban hành|số bản|mã băm)."
    )
    if len(parts) != 5 or parts[0] != QR_PREFIX:
        raise bad
    _, code, issue_text, copy_text, content_hash = parts
    try:
        issue_part, _, amend_part = issue_text.partition(".")
        issue, amendment, copy_no = int(issue_part), int(amend_part or 0), int(copy_text)
    except ValueError:
        raise bad from None
    if len(content_hash) != 64 or any(c not in "0123456789abcdef" for c in content_hash):
        raise bad
    return code, issue, amendment, copy_no, content_hash


def check_copy(
    db: Database, actor: Actor, payload: str, *, today: dt.date | None = None
) -> CopyCheck:
    """Whether the printed copy whose QR code reads ``payload`` is the revision in force,
    superseded or withdrawn — and whether its content is the approved one."""
    code, issue, amendment, copy_no, content_hash = parse_copy_code(payload)
    day = today or clock.today()
    with db.read() as session:
        require(session, actor, Permission.RECORDS_READ)
        doc = session.execute(select(Document).where(Document.code == code)).scalar_one_or_none()
        if doc is None:
            raise NotFound(f"Không có tài liệu mã “{code}” trong danh mục: bản in không rõ nguồn.")
        rev = session.execute(
            select(DocumentRevision).where(
                DocumentRevision.document_id == doc.id,
                DocumentRevision.issue == issue,
                DocumentRevision.amendment == amendment,
            )
        ).scalar_one_or_none()
        if rev is None:
            raise NotFound(
                f"Tài liệu {code} không có lần ban hành {_issue_text(issue, amendment)}: "
                "bản in không rõ nguồn."
            )
        copy = None
        if copy_no:
            copy = session.execute(
                select(DocumentCopy).where(
                    DocumentCopy.document_id == doc.id, DocumentCopy.copy_no == copy_no
                )
            ).scalar_one_or_none()
        rev_id = rev.id
    rows = {r.id: r for r in documents.history(db, actor, code, day)}
    row = rows[rev_id]
    in_force = [r for r in rows.values() if r.standing == "effective"]
    current = _issue_text(in_force[-1].issue, in_force[-1].amendment) if in_force else ""
    issue_text = _issue_text(issue, amendment)
    holder = copy.holder if copy else ""
    other = current if current != issue_text else ""

    def result(verdict: str, message: str, ok: bool = False) -> CopyCheck:
        return CopyCheck(verdict, message, ok, code, issue_text, copy_no, holder, other)

    label = f"{code} lần ban hành {issue_text}" + (
        f", bản có kiểm soát số {copy_no}" if copy_no else ""
    )
    if content_hash != row.content_hash:
        return result(
            "altered",
            f"{label}: mã băm nội dung trên bản in không khớp với nội dung đã phê duyệt — "
            "không dùng bản này.",
        )
    if copy_no and (copy is None or copy.revision_id != rev_id):
        return result(
            "altered",
            f"{label}: không có bản có kiểm soát số {copy_no} của lần ban hành này trong sổ "
            "phân phối — không dùng bản này.",
        )
    if copy is not None and copy.recalled_at is not None:
        return result(
            "recalled",
            f"{label}: bản này đã được thu hồi ngày {copy.recalled_at:%d/%m/%Y} — không dùng.",
        )
    newer = f" Lần đang hiệu lực: {current}." if current and current != issue_text else ""
    verdicts = {
        "effective": ("in_force", f"{label}: đang hiệu lực — được sử dụng.", True),
        "superseded": (
            "superseded",
            f"{label}: đã bị thay thế từ ngày "
            f"{row.effective_to + dt.timedelta(days=1):%d/%m/%Y} — không dùng.{newer}"
            if row.effective_to
            else f"{label}: đã bị thay thế — không dùng.{newer}",
            False,
        ),
        "withdrawn": ("withdrawn", f"{label}: đã bị huỷ bỏ (thu hồi) — không dùng.{newer}", False),
        "approved": (
            "not_yet",
            f"{label}: đã phê duyệt, hiệu lực từ {row.effective_from:%d/%m/%Y} — chưa dùng.",
            False,
        ),
    }
    verdict, message, ok = verdicts.get(
        row.standing,
        ("not_approved", f"{label}: chưa được phê duyệt (dự thảo) — không dùng.", False),
    )
    return result(verdict, message, ok)
