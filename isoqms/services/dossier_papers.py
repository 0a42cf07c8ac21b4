"""Printing a dossier's journey papers: the control sheet at any time, and the apology and
stop letters recorded by :mod:`isoqms.services.journey`. A preview is a read; a print or
save is logged (which form revision, who, when, the PDF's hash) and audited."""

from __future__ import annotations

import hashlib
from dataclasses import replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from isoqms.db.engine import Database
from isoqms.db.models import Dossier, DossierEvent, Procedure, User
from isoqms.domain import clock
from isoqms.domain.errors import NotFound
from isoqms.domain.journey import Action, Outcome, Rating, resumed_note
from isoqms.domain.roles import Permission
from isoqms.render.dossier_docs import (
    ControlRow,
    ControlSheet,
    Letter,
    render_apology,
    render_control_sheet,
    render_stop,
)
from isoqms.render.slips import PaperSize
from isoqms.services import printing
from isoqms.services.forms import form_by_revision, form_for
from isoqms.services.intake import PrintedSlip, _letterhead
from isoqms.services.journey import dossier_by_code
from isoqms.services.lookup import unit_head
from isoqms.services.printing import Printout, printed_before
from isoqms.services.unit import UnitInfo, get_unit
from isoqms.services.uow import Actor, require

DESK = "Bộ phận một cửa"


def _name(session: Session, user_id: int | None) -> str:
    user = session.get(User, user_id) if user_id else None
    return user.full_name if user else ""


def _events(session: Session, d: Dossier) -> list[DossierEvent]:
    return list(
        session.execute(
            select(DossierEvent)
            .where(DossierEvent.dossier_id == d.id)
            .order_by(DossierEvent.at, DossierEvent.id)
        ).scalars()
    )


def _control_rows(session: Session, d: Dossier) -> tuple[ControlRow, ...]:
    rows: list[ControlRow] = []
    for e in _events(session, d):
        actor = _name(session, e.actor_id)
        result = Outcome(e.outcome).label if e.outcome else ""
        if e.action == Action.HANDOVER.value:
            note = f"Bước {e.step}" if e.step else ""
            rows.append(
                ControlRow(
                    _name(session, e.from_user_id) or DESK,
                    _name(session, e.to_user_id),
                    e.at,
                    result,
                    note,
                )
            )
        elif e.action == Action.REQUEST_SUPPLEMENT.value:
            rows.append(ControlRow(actor, f"{DESK} (yêu cầu bổ sung)", e.at, "", e.reason))
        elif e.action == Action.SUPPLEMENT_RECEIVED.value:
            note = resumed_note(e.rule, e.due_after, e.due_before)
            rows.append(ControlRow("Người nộp hồ sơ (bổ sung)", actor, e.at, "", note))
        elif e.action == Action.RESULT_READY.value:
            rows.append(ControlRow(actor, DESK, e.at, result, "Có kết quả"))
        elif e.action == Action.RETURN.value:
            note = Rating(d.rating).label if d.rating else ""
            rows.append(ControlRow(DESK, e.to_name, e.at, "", f"Trả kết quả. {note}".strip()))
        elif e.action == Action.APOLOGIZE.value and e.new_appointment:
            note = f"Xin lỗi, hẹn lại {e.new_appointment:%H:%M %d/%m/%Y}: {e.reason}"
            rows.append(ControlRow(actor, DESK, e.at, "", note))
        elif e.action in (Action.STOP.value, Action.CANCEL.value):
            label = Action(e.action).label.capitalize()
            rows.append(ControlRow(actor, DESK, e.at, "", f"{label}: {e.reason}"))
    if d.finished_at is None:
        blank = ControlRow("", "", None, "", "")
        rows += [blank, blank]
    return tuple(rows)


def _sheet(session: Session, unit: UnitInfo, d: Dossier) -> ControlSheet:
    procedure = session.get(Procedure, d.procedure_id)
    assert procedure is not None
    today = d.finished_at.date() if d.finished_at else max(d.received_at.date(), clock.today())
    return ControlSheet(
        form=form_for(session, "control", d.received_at.date()),
        head=_letterhead(unit),
        code=d.code,
        applicant=d.applicant_name,
        request=f"{procedure.name} (mã {procedure.code})",
        book_ref=f"{d.book_number} — Quyển {d.book:02d}/{d.book_year}",
        agency=procedure.agency or unit.display_name,
        printed_on=today,
        rows=_control_rows(session, d),
        reprint=False,
    )


def _letter_event(session: Session, d: Dossier, action: Action) -> DossierEvent:
    event = session.execute(
        select(DossierEvent)
        .where(DossierEvent.dossier_id == d.id, DossierEvent.action == action.value)
        .order_by(DossierEvent.id.desc())
        .limit(1)
    ).scalar_one_or_none()
    if event is None:
        what = "văn bản xin lỗi" if action is Action.APOLOGIZE else "thông báo dừng giải quyết"
        raise NotFound(f"Hồ sơ {d.code} chưa có {what}.")
    if not event.form_revision:
        raise NotFound(
            f"Ngày {event.at:%d/%m/%Y} chưa có biểu mẫu thông báo dừng giải quyết hồ sơ "
            "(Mẫu 05 theo Nghị định 118/2025/NĐ-CP áp dụng từ 01/07/2025)."
        )
    return event


def _letter(session: Session, unit: UnitInfo, d: Dossier, action: Action) -> Letter:
    event = _letter_event(session, d, action)
    procedure = session.get(Procedure, d.procedure_id)
    assert procedure is not None
    return Letter(
        form=form_by_revision(session, event.form_revision),
        head=_letterhead(unit),
        number=f"{event.number:03d}/{event.year}",
        issued_at=event.at,
        applicant=d.applicant_name,
        address=d.address,
        code=d.code,
        request=f"{procedure.name} (mã {procedure.code})",
        received_at=d.received_at,
        appointment=event.due_before or d.due_at,
        reason=event.reason,
        new_appointment=event.new_appointment,
        # the stop is signed by the leader who decided it; the apology by the agency's head
        signer=_name(session, event.actor_id) if action is Action.STOP else unit_head(session)[0],
    )


def _paper(session: Session, unit: UnitInfo, d: Dossier, kind: str) -> ControlSheet | Letter:
    if kind == "control":
        return _sheet(session, unit, d)
    return _letter(session, unit, d, Action.APOLOGIZE if kind == "apology" else Action.STOP)


def _pdf(paper: ControlSheet | Letter, kind: str, size: PaperSize) -> bytes:
    if isinstance(paper, ControlSheet):
        return render_control_sheet(paper, size)
    return (render_apology if kind == "apology" else render_stop)(paper, size)


def _size(kind: str, paper: PaperSize | str | None) -> PaperSize:
    if kind not in KINDS:
        raise ValueError(kind)
    if paper:
        return PaperSize(paper)
    return PaperSize.A4 if kind == "control" else PaperSize.A5


KINDS = ("control", "apology", "stop")


def printout(
    db: Database, actor: Actor, code: str, kind: str, *, paper: PaperSize | str | None = None
) -> Printout:
    """The control sheet or a letter as it prints now — marked "Bản in lại" after the
    first print of that paper — drawn outside any transaction; not logged."""
    size = _size(kind, paper)
    unit = get_unit(db)
    with db.read() as session:
        require(session, actor, Permission.RECORDS_READ)
        d = dossier_by_code(session, code)
        content = _paper(session, unit, d, kind)
        reprint = printed_before(session, dossier_id=d.id, form_code=content.form.code)
        dossier_id, dossier_code = d.id, d.code
    pdf = _pdf(replace(content, reprint=reprint), kind, size)
    return Printout(
        pdf=pdf,
        sha256=hashlib.sha256(pdf).hexdigest(),
        permission=Permission.DOSSIER_PROCESS,
        form_code=content.form.code,
        form_revision=content.form.revision_key,
        copies="01 bản",
        paper=size.value,
        reprint=reprint,
        action="slip.print",
        entity="print",
        entity_id=f"{dossier_code}/{kind}",
        dossier_id=dossier_id,
        file_name=f"{dossier_code}-{kind}.pdf",
    )


def preview(
    db: Database, actor: Actor, code: str, kind: str, *, paper: PaperSize | str | None = None
) -> bytes:
    """The paper as it would print now; nothing is logged."""
    return printout(db, actor, code, kind, paper=paper).pdf


def print_paper(
    db: Database,
    actor: Actor,
    code: str,
    kind: str,
    *,
    paper: PaperSize | str | None = None,
    purpose: str = "print",
) -> PrintedSlip:
    """Draw the control sheet or a letter and log its print (a paper out by other means)."""
    drawn, digest = printing.deliver(
        db,
        actor,
        lambda: printout(db, actor, code, kind, paper=paper),
        lambda _pdf: None,
        purpose=purpose,
    )
    return PrintedSlip(drawn.pdf, digest, drawn.form_revision, drawn.reprint, drawn.paper)
