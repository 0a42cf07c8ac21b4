"""The counter: receiving a dossier, the supplement request and the refusal given instead,
and printing their slips with a print log.

A dossier gets its code (``<unit code>-YYMMDD-XXXX``, a daily running number per unit) and
its tracking-book number inside the same transaction that writes it, under the write lock
(SQLite ``BEGIN IMMEDIATE``, a PostgreSQL advisory lock), so several counters never get the
same number and an aborted receipt leaves no gap.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
from dataclasses import dataclass, field

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from isoqms.db.engine import Database
from isoqms.db.models import (
    CounterNotice,
    DailyCounter,
    Dossier,
    LedgerCounter,
    Procedure,
    ProcedureRevision,
    User,
    utcnow,
)
from isoqms.domain import clock
from isoqms.domain.calendar import Policy
from isoqms.domain.dossier import (
    Channel,
    Delivery,
    check_email,
    check_id_number,
    check_phone,
    dossier_code,
    regime_for,
)
from isoqms.domain.errors import NotFound, ValidationError
from isoqms.domain.journey import DossierState
from isoqms.domain.procedure import Paper, ProcedureContent
from isoqms.domain.roles import Permission
from isoqms.domain.text import check_text, fold
from isoqms.render.slips import (
    Letterhead,
    NoticeSlip,
    PaperLine,
    PaperSize,
    ReceiptSlip,
    render_receipt,
    render_refusal,
    render_supplement,
)
from isoqms.services import limits, printing
from isoqms.services import procedures as procedure_service
from isoqms.services.calendar import calendar_in, schedule_of
from isoqms.services.forms import FormTexts, form_by_revision, form_for
from isoqms.services.journey import dossier_by_code
from isoqms.services.printing import Printout, printed_before
from isoqms.services.unit import UnitInfo, get_unit, unit_in
from isoqms.services.uow import AUDIT_CHAIN_LOCK, Actor, require, write

log = logging.getLogger(__name__)

LEDGER_BOOK = 1
#: How long an ID or phone number may be as typed, with its spaces and dots.
TYPED_NUMBER = 30
BACKDATE_TOLERANCE = dt.timedelta(minutes=10)


@dataclass(frozen=True)
class PaperReceived:
    name: str
    originals: int = 0
    certified: int = 0
    copies: int = 0

    @classmethod
    def of(cls, paper: Paper) -> PaperReceived:
        return cls(paper.name, paper.originals, paper.certified, paper.copies)

    def quantity_text(self) -> str:
        return Paper(self.name, self.originals, self.certified, self.copies).quantity_text()


@dataclass(frozen=True)
class Applicant:
    name: str
    id_number: str = ""
    phone: str = ""
    email: str = ""
    address: str = ""
    representative: str = ""

    def cleaned(self) -> Applicant:
        """The applicant as stored, or a refusal naming the field that is wrong."""
        name = limits.text(
            self.name, Dossier.applicant_name, "họ tên người nộp hồ sơ", required=True
        )
        # numbers as typed (spaces, dots) may be longer than stored: their shape is checked
        # after the characters
        id_number = check_text(self.id_number, "số giấy tờ tùy thân", max_length=TYPED_NUMBER)
        phone = check_text(self.phone, "số điện thoại", max_length=TYPED_NUMBER)
        email = limits.text(self.email, Dossier.email, "địa chỉ thư điện tử")
        return Applicant(
            name=name,
            id_number=check_id_number(id_number) if id_number else "",
            phone=check_phone(phone) if phone else "",
            email=check_email(email) if email else "",
            address=limits.text(self.address, Dossier.address, "địa chỉ người nộp"),
            representative=limits.text(
                self.representative, Dossier.representative, "người được ủy quyền"
            ),
        )


@dataclass(frozen=True)
class IntakeDraft:
    """What the clerk enters. ``papers=None`` takes the revision's checklist as received;
    ``received_at=None`` is now, a past time records a receipt made earlier (audited)."""

    procedure_code: str
    applicant: Applicant
    papers: tuple[PaperReceived, ...] | None = None
    sets: int | None = None
    channel: Channel = Channel.DIRECT
    delivery: Delivery = Delivery.DESK
    note: str = ""
    received_at: dt.datetime | None = None


@dataclass(frozen=True)
class DossierView:
    id: int
    code: str
    procedure_code: str
    procedure_name: str
    revision_number: int
    applicant: str
    received_at: dt.datetime
    effective_received_at: dt.datetime
    appointment: dt.datetime
    duration_text: str
    book: str
    number: int
    state: str
    channel: str
    form_revision: str
    backdated: bool


@dataclass(frozen=True)
class Prepared:
    """Everything a receipt needs that can be read before taking the write lock."""

    unit: UnitInfo
    revision: procedure_service.RevisionView
    received_at: dt.datetime
    effective: dt.datetime
    appointment: dt.datetime
    policy: Policy
    form: FormTexts
    backdated: bool


def _now() -> dt.datetime:
    return clock.now().replace(microsecond=0)


def prepare(
    db: Database,
    draft: IntakeDraft,
    *,
    now: dt.datetime | None = None,
    actor: Actor | None = None,
) -> Prepared:
    """Validate the draft and compute the appointment (no write); with ``actor``, first
    check that this person may receive."""
    moment = now or _now()
    received = draft.received_at or moment
    if received > moment + dt.timedelta(minutes=1):
        raise ValidationError("Thời điểm tiếp nhận không được ở tương lai.")
    with db.read() as session:  # one read for everything the receipt needs
        if actor is not None:
            require(session, actor, Permission.INTAKE)
        unit = unit_in(session)
        if not unit.unit_code:
            raise ValidationError(
                "Chưa khai báo mã định danh đơn vị (Quản trị → Thông tin đơn vị): "
                "chưa cấp được mã hồ sơ."
            )
        revision = procedure_service.view_in_force(session, draft.procedure_code, received)
        _check_not_withdrawn(session, revision.procedure_id, revision.code, received.date())
        form = form_for(session, "receipt", received.date())
        schedule = schedule_of(unit, calendar_in(session))
    content = revision.content
    cutoff = content.cutoff or schedule.default_cutoff
    effective = schedule.schedule.effective_receipt(received, cutoff)
    appointment = schedule.schedule.appointment(received, content.duration, schedule.policy, cutoff)
    return Prepared(
        unit=unit,
        revision=revision,
        received_at=received,
        effective=effective,
        appointment=appointment,
        policy=schedule.policy,
        form=form,
        backdated=moment - received > BACKDATE_TOLERANCE,
    )


def _check_not_withdrawn(session: Session, procedure_id: int, code: str, day: dt.date) -> None:
    """A procedure whose process document was withdrawn (the procedure abolished, or no
    longer this desk's) is not received from that day."""
    from isoqms.db.models import Document, DocumentRevision
    from isoqms.domain.documents import DocumentKind, RevisionDates, RevisionState, Standing
    from isoqms.domain.documents import standings as standings_on

    docs = session.execute(
        select(Document.id, Document.code).where(
            Document.procedure_id == procedure_id, Document.kind == DocumentKind.PROCESS.value
        )
    ).all()
    for doc_id, doc_code in docs:
        revs = session.execute(
            select(
                DocumentRevision.id,
                DocumentRevision.state,
                DocumentRevision.effective_from,
                DocumentRevision.withdrawn_on,
            ).where(DocumentRevision.document_id == doc_id)
        ).all()
        state = standings_on(
            [RevisionDates(i, RevisionState(st), eff, wd) for i, st, eff, wd in revs], day
        )
        stood = [state[i] for i, *_rest in revs]
        if stood and not any(s is Standing.EFFECTIVE for s, _ in stood):
            withdrawn = [since for s, since in stood if s is Standing.WITHDRAWN and since]
            if withdrawn:
                raise ValidationError(
                    f"Quy trình {doc_code} của thủ tục {code} đã thu hồi từ "
                    f"{max(withdrawn):%d/%m/%Y}: không tiếp nhận hồ sơ theo thủ tục này."
                )


def _lock(session: Session, db: Database) -> None:
    """Serialise numbering with every other audited write (SQLite already holds the
    write lock from BEGIN IMMEDIATE)."""
    if db.backend == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": AUDIT_CHAIN_LOCK})


def _next_daily(session: Session, unit_code: str, day: dt.date) -> int:
    row = session.get(DailyCounter, (unit_code, day))
    if row is None:
        row = DailyCounter(unit_code=unit_code, day=day, last=0)
        session.add(row)
    row.last += 1
    session.flush()
    return row.last


def _next_in_book(session: Session, year: int, book: int) -> int:
    row = session.get(LedgerCounter, (year, book))
    if row is None:
        row = LedgerCounter(year=year, book=book, last=0)
        session.add(row)
    row.last += 1
    session.flush()
    return row.last


def _papers(draft: IntakeDraft, content: ProcedureContent) -> tuple[PaperReceived, ...]:
    if draft.papers is None:
        return tuple(PaperReceived.of(p) for p in content.papers if p.required)
    return _clean_papers(draft.papers)


def _clean_papers(papers: tuple[PaperReceived, ...]) -> tuple[PaperReceived, ...]:
    cleaned = []
    for paper in papers:
        name = check_text(paper.name, "tên thành phần hồ sơ", max_length=limits.LINE)
        if not name:
            raise ValidationError("Có thành phần hồ sơ chưa có tên.")
        counts = (paper.originals, paper.certified, paper.copies)
        if min(counts) < 0:
            raise ValidationError(f"Số lượng của “{name}” không được âm.")
        if max(counts) > limits.MAX_COUNT:
            raise ValidationError(f"Số lượng của “{name}” quá lớn (tối đa {limits.MAX_COUNT}).")
        cleaned.append(PaperReceived(name, paper.originals, paper.certified, paper.copies))
    return tuple(cleaned)


def receive(
    db: Database, actor: Actor, draft: IntakeDraft, *, now: dt.datetime | None = None
) -> DossierView:
    """Receive a dossier: code, tracking-book number, appointment, audited — or nothing."""
    return _receive(db, actor, draft, now=now)[0]


def _receive(
    db: Database, actor: Actor, draft: IntakeDraft, *, now: dt.datetime | None = None
) -> tuple[DossierView, ReceiptSlip]:
    applicant = draft.applicant.cleaned()
    ready = prepare(db, draft, now=now, actor=actor)
    content = ready.revision.content
    papers = _papers(draft, content)
    sets = draft.sets if draft.sets is not None else content.sets
    if sets < 1:
        raise ValidationError("Số bộ hồ sơ phải từ 1 trở lên.")
    if sets > limits.MAX_COUNT:
        raise ValidationError(f"Số bộ hồ sơ quá lớn (tối đa {limits.MAX_COUNT}).")
    note = limits.text(draft.note, Dossier.note, "ghi chú", multiline=True)
    with write(db, actor, Permission.INTAKE) as uow:
        session = uow.session
        _lock(session, db)
        day = ready.received_at.date()
        number = _next_daily(session, ready.unit.unit_code, day)
        book_number = _next_in_book(session, day.year, LEDGER_BOOK)
        dossier = Dossier(
            code=dossier_code(ready.unit.unit_code, day, number),
            unit_code=ready.unit.unit_code,
            receipt_day=day,
            daily_number=number,
            book_year=day.year,
            book=LEDGER_BOOK,
            book_number=book_number,
            procedure_id=ready.revision.procedure_id,
            revision_id=ready.revision.id,
            applicant_name=applicant.name,
            applicant_key=fold(applicant.name),
            id_number=applicant.id_number,
            phone=applicant.phone,
            email=applicant.email,
            address=applicant.address,
            representative=applicant.representative,
            papers=json.dumps([p.__dict__ for p in papers], ensure_ascii=False),
            sets=sets,
            channel=Channel(draft.channel).value,
            delivery=Delivery(draft.delivery).value,
            note=note,
            received_at=ready.received_at,
            effective_received_at=ready.effective,
            appointment=ready.appointment,
            due_at=ready.appointment,
            duration_text=content.duration_text,
            policy=ready.policy.value,
            regime=regime_for(day),
            form_revision=ready.form.revision_key,
            state=DossierState.RECEIVED.value,
            backdated=ready.backdated,
            clerk_id=uow.actor.user_id if uow.actor else 0,
            holder_id=uow.actor.user_id if uow.actor else None,
            recorded_at=utcnow(),
        )
        session.add(dossier)
        session.flush()
        uow.record(
            "dossier.receive",
            "dossier",
            dossier.code,
            after={
                "code": dossier.code,
                "procedure": ready.revision.code,
                "procedure_revision": ready.revision.number,
                "procedure_revision_hash": ready.revision.content_hash,
                "form_revision": dossier.form_revision,
                "applicant": applicant.name,
                "id_number": applicant.id_number,
                "received_at": ready.received_at,
                "appointment": ready.appointment,
                "book": f"{LEDGER_BOOK:02d}/{day.year}",
                "number": book_number,
                "channel": dossier.channel,
                "backdated": ready.backdated,
            },
        )
        view = DossierView(
            dossier.id,
            dossier.code,
            ready.revision.code,
            ready.revision.name,
            ready.revision.number,
            dossier.applicant_name,
            dossier.received_at,
            dossier.effective_received_at,
            dossier.appointment,
            dossier.duration_text,
            _book(dossier),
            dossier.book_number,
            dossier.state,
            dossier.channel,
            dossier.form_revision,
            dossier.backdated,
        )
        slip = ReceiptSlip(
            form=ready.form,
            head=_letterhead(ready.unit),
            code=dossier.code,
            applicant=applicant.name,
            id_number=applicant.id_number,
            address=applicant.address,
            phone=applicant.phone,
            email=applicant.email,
            request=f"{ready.revision.name} (mã {ready.revision.code})",
            papers=tuple(PaperLine(p.name, p.quantity_text()) for p in papers),
            sets=sets,
            duration_text=content.duration_text,
            received_at=ready.received_at,
            appointment=ready.appointment,
            delivery=_delivery_text(ready.unit, dossier.delivery),
            fee=content.fee_for(dossier.channel),
            book=_book(dossier),
            book_number=book_number,
            clerk=uow.actor.full_name if uow.actor else "",
            reprint=False,
        )
    return view, slip


def _book(d: Dossier) -> str:
    return f"{d.book:02d}/{d.book_year}"


def _dossier_view(session: Session, d: Dossier) -> DossierView:
    procedure = session.get(Procedure, d.procedure_id)
    revision = session.get(ProcedureRevision, d.revision_id)
    assert procedure is not None and revision is not None
    return DossierView(
        d.id,
        d.code,
        procedure.code,
        procedure.name,
        revision.number,
        d.applicant_name,
        d.received_at,
        d.effective_received_at,
        d.appointment,
        d.duration_text,
        _book(d),
        d.book_number,
        d.state,
        d.channel,
        d.form_revision,
        d.backdated,
    )


def get_dossier(db: Database, actor: Actor, code: str) -> DossierView:
    with db.read() as session:
        require(session, actor, Permission.RECORDS_READ)
        return _dossier_view(session, dossier_by_code(session, code))


def returning_applicant(
    db: Database, actor: Actor, *, id_number: str = "", phone: str = ""
) -> Applicant | None:
    """The details a citizen gave on their latest dossier at this desk, found by their ID
    number (or, without one, their phone), for the clerk to reuse; ``None`` if the desk has
    not seen them. A number that is not a valid one finds nothing (no error: it is still
    being typed)."""
    try:
        key = check_id_number(id_number) if id_number.strip() else ""
        number = check_phone(phone) if phone.strip() and not key else ""
    except ValidationError:
        return None
    if not key and not number:
        return None
    column = Dossier.id_number if key else Dossier.phone
    with db.read() as session:
        require(session, actor, Permission.INTAKE)
        d = session.execute(
            select(Dossier)
            .where(column == (key or number))
            .order_by(Dossier.received_at.desc(), Dossier.id.desc())
            .limit(1)
        ).scalar_one_or_none()
        if d is None:
            return None
        return Applicant(
            name=d.applicant_name,
            id_number=d.id_number,
            phone=d.phone,
            email=d.email,
            address=d.address,
            representative=d.representative,
        )


def dossiers_of_day(db: Database, actor: Actor, day: dt.date) -> list[DossierView]:
    with db.read() as session:
        require(session, actor, Permission.RECORDS_READ)
        rows = (
            session.execute(
                select(Dossier).where(Dossier.receipt_day == day).order_by(Dossier.daily_number)
            )
            .scalars()
            .all()
        )
        return [_dossier_view(session, d) for d in rows]


# ---------------------------------------------------------------------- slips


@dataclass(frozen=True)
class PrintedSlip:
    pdf: bytes
    sha256: str
    form_revision: str
    reprint: bool
    paper: str


def _letterhead(unit: UnitInfo) -> Letterhead:
    place = unit.commune_name or unit.display_name
    return Letterhead(authority=f"UBND {place}", place=place, desk_name=unit.desk_name or place)


def _delivery_text(unit: UnitInfo, delivery: str) -> str:
    if Delivery(delivery) is Delivery.POST:
        return "Dịch vụ bưu chính công ích (gửi về địa chỉ người nộp hồ sơ)"
    return unit.desk_name or Delivery.DESK.label


def _paper_lines(papers_json: str) -> tuple[PaperLine, ...]:
    papers = (PaperReceived(**p) for p in json.loads(papers_json))
    return tuple(PaperLine(p.name, p.quantity_text()) for p in papers)


def _receipt_slip(
    session: Session, unit: UnitInfo, d: Dossier, *, reprint: bool | None = None
) -> ReceiptSlip:
    procedure = session.get(Procedure, d.procedure_id)
    revision = session.get(ProcedureRevision, d.revision_id)
    clerk = session.get(User, d.clerk_id)
    assert procedure is not None and revision is not None
    content = ProcedureContent.from_dict(json.loads(revision.content))
    form = form_by_revision(session, d.form_revision)
    if reprint is None:
        reprint = printed_before(session, dossier_id=d.id, form_code=form.code)
    return ReceiptSlip(
        form=form,
        head=_letterhead(unit),
        code=d.code,
        applicant=d.applicant_name,
        id_number=d.id_number,
        address=d.address,
        phone=d.phone,
        email=d.email,
        request=f"{procedure.name} (mã {procedure.code})",
        papers=_paper_lines(d.papers),
        sets=d.sets,
        duration_text=d.duration_text,
        received_at=d.received_at,
        appointment=d.due_at,
        delivery=_delivery_text(unit, d.delivery),
        fee=content.fee_for(d.channel),
        book=_book(d),
        book_number=d.book_number,
        clerk=clerk.full_name if clerk else "",
        reprint=reprint,
    )


def _receipt_printout(dossier_id: int, slip: ReceiptSlip, size: PaperSize) -> Printout:
    pdf = render_receipt(slip, size)
    return Printout(
        pdf=pdf,
        sha256=hashlib.sha256(pdf).hexdigest(),
        permission=Permission.INTAKE,
        form_code=slip.form.code,
        form_revision=slip.form.revision_key,
        copies="Liên 1, Liên 2",
        paper=size.value,
        reprint=slip.reprint,
        action="slip.print",
        entity="print",
        entity_id=slip.code,
        dossier_id=dossier_id,
        file_name=f"{slip.code}.pdf",
    )


def receipt_printout(
    db: Database, actor: Actor, code: str, *, paper: PaperSize | str = PaperSize.A5
) -> Printout:
    """Mẫu 01 (two copies) from the form revision the dossier was received under, as it
    prints now — every print after the first is marked "Bản in lại" — drawn outside any
    transaction; nothing is logged (``printing.log`` does, once it is out)."""
    unit = get_unit(db)
    with db.read() as session:
        require(session, actor, Permission.RECORDS_READ)
        d = dossier_by_code(session, code)
        slip, dossier_id = _receipt_slip(session, unit, d), d.id
    return _receipt_printout(dossier_id, slip, PaperSize(paper))


def preview_receipt(
    db: Database, actor: Actor, code: str, *, paper: PaperSize | str = PaperSize.A5
) -> bytes:
    """The slip as it would print now (a reprint shows its mark); nothing is logged."""
    return receipt_printout(db, actor, code, paper=paper).pdf


def _printed(printout: Printout, digest: str) -> PrintedSlip:
    return PrintedSlip(
        printout.pdf, digest, printout.form_revision, printout.reprint, printout.paper
    )


def print_receipt(
    db: Database,
    actor: Actor,
    code: str,
    *,
    paper: PaperSize | str = PaperSize.A5,
    purpose: str = "print",
) -> PrintedSlip:
    """Draw the receipt and log its print (for a paper that is out by other means)."""
    printout, digest = printing.deliver(
        db,
        actor,
        lambda: receipt_printout(db, actor, code, paper=paper),
        lambda _pdf: None,
        purpose=purpose,
    )
    return _printed(printout, digest)


@dataclass(frozen=True)
class Received:
    """A dossier just received, and its slip drawn from what the receipt wrote (``None``
    if drawing failed: the dossier is received all the same, its slip can be drawn again
    from the dossier)."""

    dossier: DossierView
    printout: Printout | None


def receive_and_draw(
    db: Database,
    actor: Actor,
    draft: IntakeDraft,
    *,
    paper: PaperSize | str = PaperSize.A5,
    now: dt.datetime | None = None,
) -> Received:
    """Receive (see :func:`receive`), then draw the slip — after the transaction, from the
    values the receipt used, with no second read."""
    view, slip = _receive(db, actor, draft, now=now)
    try:
        printout: Printout | None = _receipt_printout(view.id, slip, PaperSize(paper))
    except Exception:  # the receipt is committed: never lose it to a drawing failure
        log.exception("drawing the slip of %s failed", view.code)
        printout = None
    return Received(view, printout)


# ---------------------------------------------------------------------- Mẫu 02 and 03


@dataclass(frozen=True)
class NoticeDraft:
    kind: str  # "supplement" | "refusal"
    procedure_code: str
    applicant: Applicant
    reason: str
    papers: tuple[PaperReceived, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class NoticeView:
    id: int
    kind: str
    number: str
    procedure_code: str
    applicant: str
    issued_at: dt.datetime


_NOTICE_SUFFIX = {"supplement": "PYCBS", "refusal": "PTC"}


def _notice_number(n: CounterNotice) -> str:
    return f"{n.number:03d}/{n.year}"


def issue_notice(
    db: Database, actor: Actor, draft: NoticeDraft, *, now: dt.datetime | None = None
) -> NoticeView:
    """A supplement request (Mẫu 02) or refusal (Mẫu 03) given instead of a receipt."""
    if draft.kind not in _NOTICE_SUFFIX:
        raise ValidationError(f"Loại phiếu “{draft.kind}” không hợp lệ.")
    applicant = draft.applicant.cleaned()
    reason = limits.text(draft.reason, CounterNotice.reason, "lý do", multiline=True)
    papers = _clean_papers(draft.papers)
    if not reason:
        raise ValidationError(
            "Chưa nhập lý do."
            if draft.kind == "refusal"
            else "Chưa nhập lý do cần bổ sung, hoàn thiện."
        )
    if draft.kind == "supplement" and not papers:
        raise ValidationError("Chưa chọn giấy tờ cần bổ sung, hoàn thiện.")
    issued = now or _now()
    revision = procedure_service.revision_in_force(db, draft.procedure_code, issued)
    with db.read() as session:
        form = form_for(session, draft.kind, issued.date())
    with write(db, actor, Permission.INTAKE) as uow:
        session = uow.session
        _lock(session, db)
        last = (
            session.execute(
                select(func.max(CounterNotice.number)).where(
                    CounterNotice.kind == draft.kind, CounterNotice.year == issued.year
                )
            ).scalar()
            or 0
        )
        notice = CounterNotice(
            kind=draft.kind,
            year=issued.year,
            number=last + 1,
            procedure_id=revision.procedure_id,
            revision_id=revision.id,
            applicant_name=applicant.name,
            id_number=applicant.id_number,
            phone=applicant.phone,
            email=applicant.email,
            address=applicant.address,
            papers=json.dumps([p.__dict__ for p in papers], ensure_ascii=False),
            reason=reason,
            issued_at=issued,
            regime=regime_for(issued.date()),
            form_revision=form.revision_key,
            clerk_id=uow.actor.user_id if uow.actor else 0,
        )
        session.add(notice)
        session.flush()
        uow.record(
            f"notice.{draft.kind}",
            "notice",
            notice.id,
            after={
                "number": _notice_number(notice),
                "procedure": revision.code,
                "applicant": applicant.name,
                "reason": reason,
                "papers": [p.name for p in papers],
                "form_revision": form.revision_key,
            },
        )
        return NoticeView(
            notice.id,
            notice.kind,
            _notice_number(notice),
            revision.code,
            notice.applicant_name,
            notice.issued_at,
        )


def _notice_slip(session: Session, unit: UnitInfo, notice: CounterNotice) -> NoticeSlip:
    procedure = session.get(Procedure, notice.procedure_id)
    clerk = session.get(User, notice.clerk_id)
    assert procedure is not None
    reprint = printed_before(session, notice_id=notice.id)
    return NoticeSlip(
        form=form_by_revision(session, notice.form_revision),
        head=_letterhead(unit),
        number=_notice_number(notice),
        issued_at=notice.issued_at,
        applicant=notice.applicant_name,
        id_number=notice.id_number,
        address=notice.address,
        phone=notice.phone,
        email=notice.email,
        request=f"{procedure.name} (mã {procedure.code})",
        papers=_paper_lines(notice.papers),
        reason=notice.reason,
        officer=clerk.full_name if clerk else "",
        officer_phone=unit.phone,
        reprint=reprint,
    )


def notice_printout(
    db: Database, actor: Actor, notice_id: int, *, paper: PaperSize | str = PaperSize.A5
) -> Printout:
    """Mẫu 02 or 03 as it prints now, drawn outside any transaction; not logged."""
    size = PaperSize(paper)
    unit = get_unit(db)
    with db.read() as session:
        require(session, actor, Permission.RECORDS_READ)
        notice = session.get(CounterNotice, notice_id)
        if notice is None:
            raise NotFound(f"Không có phiếu số {notice_id}.")
        slip, kind = _notice_slip(session, unit, notice), notice.kind
    render = render_supplement if kind == "supplement" else render_refusal
    pdf = render(slip, size)
    subject = f"{_NOTICE_SUFFIX[kind]}-{slip.number}"
    return Printout(
        pdf=pdf,
        sha256=hashlib.sha256(pdf).hexdigest(),
        permission=Permission.INTAKE,
        form_code=slip.form.code,
        form_revision=slip.form.revision_key,
        copies="01 bản",
        paper=size.value,
        reprint=slip.reprint,
        action="slip.print",
        entity="print",
        entity_id=subject,
        notice_id=notice_id,
        file_name=f"{subject.replace('/', '-')}.pdf",
    )


def print_notice_preview(
    db: Database, actor: Actor, notice_id: int, *, paper: PaperSize | str = PaperSize.A5
) -> bytes:
    return notice_printout(db, actor, notice_id, paper=paper).pdf


def print_notice(
    db: Database,
    actor: Actor,
    notice_id: int,
    *,
    paper: PaperSize | str = PaperSize.A5,
    purpose: str = "print",
) -> PrintedSlip:
    """Draw the notice and log its print (for a paper that is out by other means)."""
    printout, digest = printing.deliver(
        db,
        actor,
        lambda: notice_printout(db, actor, notice_id, paper=paper),
        lambda _pdf: None,
        purpose=purpose,
    )
    return _printed(printout, digest)
