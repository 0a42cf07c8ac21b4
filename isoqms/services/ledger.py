"""The tracking book (Sổ theo dõi hồ sơ, 2018 Mẫu 06 / 2025 Mẫu 07): one row per dossier of
a book and year, in book order, filterable; a page at a time for the screen, whole for
the .xlsx / A4 PDF export. The columns are the ledger form's in force at the book's end.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from isoqms.db.engine import Database
from isoqms.db.models import Dossier, DossierEvent, Procedure
from isoqms.domain import clock
from isoqms.domain.dossier import Channel
from isoqms.domain.errors import ValidationError
from isoqms.domain.journey import Action, DossierState
from isoqms.domain.ledger import LedgerRow as LedgerRow  # re-exported
from isoqms.domain.ledger import note as ledger_note
from isoqms.domain.roles import Permission
from isoqms.services import limits
from isoqms.services.forms import FormTexts, form_for
from isoqms.services.uow import Actor, require

PAGE = 100
#: Books are numbered from 01 each year (Circular 01/2018 art. 10).
MAX_BOOK = 999


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
        """The filter with its texts cleaned, or a refusal in Vietnamese."""
        if not 2000 <= self.year <= 2100:
            raise ValidationError(f"Năm sổ không hợp lệ: {self.year}.")
        if self.book < 1:
            raise ValidationError("Quyển số phải từ 1 trở lên.")
        if self.book > MAX_BOOK:
            raise ValidationError(f"Quyển số phải từ 1 đến {MAX_BOOK}.")
        try:
            if self.state is not None:
                DossierState(self.state)
            if self.channel is not None:
                Channel(self.channel)
        except ValueError:
            raise ValidationError("Trạng thái hoặc kênh tiếp nhận để lọc không hợp lệ.") from None
        return replace(
            self,
            field=limits.query(self.field, "lĩnh vực để lọc") if self.field else self.field,
            procedure=(
                limits.query(self.procedure, "mã thủ tục để lọc")
                if self.procedure
                else self.procedure
            ),
        )


@dataclass(frozen=True)
class LedgerPage:
    rows: tuple[LedgerRow, ...]
    total: int
    offset: int


def _conditions(f: LedgerFilter) -> list[Any]:
    where: list[Any] = [Dossier.book_year == f.year, Dossier.book == f.book]
    if f.state:
        where.append(Dossier.state == f.state)
    if f.channel:
        where.append(Dossier.channel == f.channel)
    if f.date_from:
        where.append(Dossier.receipt_day >= f.date_from)
    if f.date_to:
        where.append(Dossier.receipt_day <= f.date_to)
    if f.field:
        where.append(Procedure.field == f.field)
    if f.procedure:
        where.append(Procedure.code == f.procedure)
    return where


#: Only what the book shows: reading whole ORM objects made a page several times slower.
_COLUMNS = (
    Dossier.id,
    Dossier.book_number,
    Dossier.code,
    Dossier.sets,
    Dossier.applicant_name,
    Dossier.address,
    Dossier.phone,
    Dossier.received_at,
    Dossier.due_at,
    Dossier.promised_at,
    Dossier.result_at,
    Dossier.returned_at,
    Dossier.state,
    Dossier.outcome,
    Dossier.channel,
    Procedure.name.label("procedure_name"),
    Procedure.agency,
)


def _query(f: LedgerFilter) -> Select[*tuple[Any, ...]]:
    return (
        select(*_COLUMNS)
        .join(Procedure, Procedure.id == Dossier.procedure_id)
        .where(*_conditions(f))
    )


def _count(f: LedgerFilter) -> Select[int]:
    """How many rows the filter keeps; joins the catalogue only to filter by it."""
    stmt = select(func.count()).select_from(Dossier).where(*_conditions(f))
    if f.field or f.procedure:
        stmt = stmt.join(Procedure, Procedure.id == Dossier.procedure_id)
    return stmt


def _note(d: Any) -> str:
    return ledger_note(d.state, d.outcome, d.promised_at, d.channel)


def _rows(session: Session, rows: list[Any]) -> list[LedgerRow]:
    ids = [r.id for r in rows]
    first_handover: dict[int, dt.datetime] = {}
    if ids:
        first_handover = {
            dossier_id: at
            for dossier_id, at in session.execute(
                select(DossierEvent.dossier_id, func.min(DossierEvent.at))
                .where(
                    DossierEvent.dossier_id.in_(ids),
                    DossierEvent.action == Action.HANDOVER.value,
                )
                .group_by(DossierEvent.dossier_id)
            )
        }
    return [
        LedgerRow(
            number=r.book_number,
            code=r.code,
            procedure=r.procedure_name,
            sets=r.sets,
            applicant=r.applicant_name,
            address_phone=", ".join(x for x in (r.address, r.phone) if x),
            agency=r.agency,
            received_at=r.received_at,
            appointment=r.due_at,
            handed_over_at=first_handover.get(r.id),
            result_at=r.result_at,
            returned_at=r.returned_at,
            note=_note(r),
            state=r.state,
            outcome=r.outcome or "",
            promised_at=r.promised_at,
            channel=r.channel,
        )
        for r in rows
    ]


def page(
    db: Database, actor: Actor, f: LedgerFilter, *, offset: int = 0, limit: int = PAGE
) -> LedgerPage:
    """One page of the book in book order, and how many rows the filter keeps."""
    f = f.checked()
    with db.read() as session:
        require(session, actor, Permission.RECORDS_READ)
        stmt = _query(f).order_by(Dossier.book_number).offset(offset).limit(limit)
        rows = list(session.execute(stmt))
        total = session.execute(_count(f)).scalar_one()
        return LedgerPage(tuple(_rows(session, rows)), int(total), offset)


def all_rows(db: Database, actor: Actor, f: LedgerFilter) -> Iterator[LedgerRow]:
    """Every row the filter keeps, in book order, read in chunks."""
    f = f.checked()
    with db.read() as session:
        require(session, actor, Permission.RECORDS_READ)
        after = 0
        while True:
            stmt = (
                _query(f)
                .where(Dossier.book_number > after)
                .order_by(Dossier.book_number)
                .limit(2000)
            )
            rows = list(session.execute(stmt))
            if not rows:
                return
            yield from _rows(session, rows)
            after = rows[-1].book_number


def ledger_form(db: Database, year: int) -> FormTexts:
    """The tracking-book form in force at the end of the year (or today, if earlier)."""
    day = min(dt.date(year, 12, 31), clock.today())
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
