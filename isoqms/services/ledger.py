"""The tracking book (Sổ theo dõi hồ sơ, 2018 Mẫu 06 / 2025 Mẫu 07): one row per dossier of
a book and year, in book order, filterable; a page at a time for the screen, whole for
the .xlsx / A4 PDF export. The columns are the ledger form's in force at the book's end.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from isoqms.db.engine import Database
from isoqms.db.models import Dossier, DossierEvent, Procedure
from isoqms.domain.dossier import Channel
from isoqms.domain.errors import ValidationError
from isoqms.domain.journey import Action, DossierState, Outcome
from isoqms.domain.roles import Permission
from isoqms.services.forms import FormTexts, form_for
from isoqms.services.uow import Actor, require

PAGE = 100


@dataclass(frozen=True)
class LedgerFilter:
    year: int
    book: int = 1
    state: str | None = None
    field: str | None = None
    procedure: str | None = None  # procedure code
    date_from: dt.date | None = None  # receipt day
    date_to: dt.date | None = None
    channel: str | None = None

    def checked(self) -> LedgerFilter:
        if not 2000 <= self.year <= 2100:
            raise ValidationError(f"Năm sổ không hợp lệ: {self.year}.")
        if self.book < 1:
            raise ValidationError("Quyển số phải từ 1 trở lên.")
        if self.state is not None:
            DossierState(self.state)
        if self.channel is not None:
            Channel(self.channel)
        return self


@dataclass(frozen=True)
class LedgerRow:
    number: int
    code: str
    procedure: str
    sets: int
    applicant: str
    address_phone: str
    agency: str
    received_at: dt.datetime
    appointment: dt.datetime
    handed_over_at: dt.datetime | None
    result_at: dt.datetime | None
    returned_at: dt.datetime | None
    note: str


@dataclass(frozen=True)
class LedgerPage:
    rows: tuple[LedgerRow, ...]
    total: int
    offset: int


def _query(session: Session, f: LedgerFilter) -> Select[Dossier, Procedure]:
    stmt = (
        select(Dossier, Procedure)
        .join(Procedure, Procedure.id == Dossier.procedure_id)
        .where(Dossier.book_year == f.year, Dossier.book == f.book)
    )
    if f.state:
        stmt = stmt.where(Dossier.state == f.state)
    if f.channel:
        stmt = stmt.where(Dossier.channel == f.channel)
    if f.field:
        stmt = stmt.where(Procedure.field == f.field)
    if f.procedure:
        stmt = stmt.where(Procedure.code == f.procedure.strip())
    if f.date_from:
        stmt = stmt.where(Dossier.receipt_day >= f.date_from)
    if f.date_to:
        stmt = stmt.where(Dossier.receipt_day <= f.date_to)
    return stmt


def _note(d: Dossier) -> str:
    parts = [DossierState(d.state).label]
    if d.outcome:
        parts.append(Outcome(d.outcome).label.lower())
    if d.promised_at:
        parts.append(f"hẹn lại {d.promised_at:%H:%M %d/%m/%Y}")
    if d.channel != Channel.DIRECT.value:
        parts.append(Channel(d.channel).label.lower())
    return "; ".join(parts)


def _rows(session: Session, pairs: list[tuple[Dossier, Procedure]]) -> list[LedgerRow]:
    ids = [d.id for d, _ in pairs]
    first_handover: dict[int, dt.datetime] = {}
    if ids:
        first_handover = dict(
            session.execute(
                select(DossierEvent.dossier_id, func.min(DossierEvent.at))
                .where(
                    DossierEvent.dossier_id.in_(ids),
                    DossierEvent.action == Action.HANDOVER.value,
                )
                .group_by(DossierEvent.dossier_id)
            ).all()
        )
    return [
        LedgerRow(
            number=d.book_number,
            code=d.code,
            procedure=p.name,
            sets=d.sets,
            applicant=d.applicant_name,
            address_phone=", ".join(x for x in (d.address, d.phone) if x),
            agency=p.agency,
            received_at=d.received_at,
            appointment=d.due_at,
            handed_over_at=first_handover.get(d.id),
            result_at=d.result_at,
            returned_at=d.returned_at,
            note=_note(d),
        )
        for d, p in pairs
    ]


def page(
    db: Database, actor: Actor, f: LedgerFilter, *, offset: int = 0, limit: int = PAGE
) -> LedgerPage:
    """One page of the book in book order, and how many rows the filter keeps."""
    f = f.checked()
    with db.read() as session:
        require(session, actor, Permission.RECORDS_READ)
        stmt = _query(session, f)
        result = session.execute(stmt.order_by(Dossier.book_number).offset(offset).limit(limit))
        pairs = [(row[0], row[1]) for row in result]
        total = session.execute(
            select(func.count()).select_from(stmt.with_only_columns(Dossier.id).subquery())
        ).scalar_one()
        return LedgerPage(tuple(_rows(session, pairs)), int(total), offset)


def all_rows(db: Database, actor: Actor, f: LedgerFilter) -> Iterator[LedgerRow]:
    """Every row the filter keeps, in book order, read in chunks."""
    f = f.checked()
    with db.read() as session:
        require(session, actor, Permission.RECORDS_READ)
        after = 0
        while True:
            stmt = (
                _query(session, f)
                .where(Dossier.book_number > after)
                .order_by(Dossier.book_number)
                .limit(2000)
            )
            pairs = [(row[0], row[1]) for row in session.execute(stmt)]
            if not pairs:
                return
            yield from _rows(session, pairs)
            after = pairs[-1][0].book_number
            session.expunge_all()


def ledger_form(db: Database, year: int) -> FormTexts:
    """The tracking-book form in force at the end of the year (or today, if earlier)."""
    day = min(dt.date(year, 12, 31), dt.date.today())
    with db.read() as session:
        return form_for(session, "ledger", max(day, dt.date(year, 1, 1)))


def years(db: Database) -> list[int]:
    with db.read() as session:
        return list(
            session.execute(
                select(Dossier.book_year).distinct().order_by(Dossier.book_year.desc())
            ).scalars()
        )


def filter_text(f: LedgerFilter) -> str:
    """The filter in words, printed under the book's title."""
    parts = []
    if f.state:
        parts.append(f"trạng thái: {DossierState(f.state).label}")
    if f.field:
        parts.append(f"lĩnh vực: {f.field}")
    if f.procedure:
        parts.append(f"thủ tục: {f.procedure}")
    if f.channel:
        parts.append(f"kênh: {Channel(f.channel).label}")
    if f.date_from or f.date_to:
        start = f"{f.date_from:%d/%m/%Y}" if f.date_from else "…"
        end = f"{f.date_to:%d/%m/%Y}" if f.date_to else "…"
        parts.append(f"nhận từ {start} đến {end}")
    return "Lọc " + "; ".join(parts) if parts else ""
