"""The counter: the catalogue to search, the procedure in force, a receipt with its slip
drawn, a supplement request or refusal, the details of a citizen seen before."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtWidgets import QWidget

from isoqms.domain import clock
from isoqms.services import calendar as calendar_service
from isoqms.services import intake
from isoqms.services import procedures as procedure_service
from isoqms.services.intake import Applicant, DossierView, IntakeDraft, NoticeDraft, NoticeView
from isoqms.services.printing import Printout
from isoqms.services.procedures import Catalogue, RevisionView
from isoqms.ui.context import AppContext
from isoqms.ui.operations import Change, Query
from isoqms.ui.operations.printing import Drawn, drawn

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ReceivedSlip:
    dossier: DossierView
    slip: Drawn | None  # None: the dossier is received, its slip is to be drawn again
    #: the appointment falls where a missing official schedule may still move the days off
    unsettled: bool = False


@dataclass(frozen=True)
class IssuedNotice:
    notice: NoticeView
    slip: Drawn


def catalogue(ctx: AppContext, parent: QWidget | None) -> Query[Catalogue]:
    db = ctx.db
    return Query(ctx, parent, lambda: procedure_service.catalogue(db))


def revision_in_force(ctx: AppContext, parent: QWidget | None, code: str) -> Query[RevisionView]:
    db = ctx.db
    return Query(ctx, parent, lambda: procedure_service.revision_in_force(db, code, clock.now()))


def receive(
    ctx: AppContext, parent: QWidget | None, draft: IntakeDraft, paper: str = "a5"
) -> Change[ReceivedSlip]:
    """Receive, draw the slip from what the receipt wrote, rasterise it for the preview —
    one operation, one drawing."""
    db, actor = ctx.db, ctx.actor

    def run() -> ReceivedSlip:
        received = intake.receive_and_draw(db, actor, draft, paper=paper)
        try:
            slip = drawn(received.printout) if received.printout else None
        except Exception:  # received all the same: the preview draws again
            log.exception("rasterising the slip of %s failed", received.dossier.code)
            slip = None
        unsure = calendar_service.appointment_unsettled(db, received.dossier.appointment)
        return ReceivedSlip(received.dossier, slip, unsure)

    return Change(ctx, parent, run)


def issue_notice(
    ctx: AppContext, parent: QWidget | None, draft: NoticeDraft, paper: str = "a5"
) -> Change[IssuedNotice]:
    db, actor = ctx.db, ctx.actor

    def run() -> IssuedNotice:
        notice = intake.issue_notice(db, actor, draft)
        return IssuedNotice(
            notice, drawn(intake.notice_printout(db, actor, notice.id, paper=paper))
        )

    return Change(ctx, parent, run)


def returning_applicant(
    ctx: AppContext, parent: QWidget | None, *, id_number: str, phone: str
) -> Query[Applicant | None]:
    db, actor = ctx.db, ctx.actor
    return Query(
        ctx,
        parent,
        lambda: intake.returning_applicant(db, actor, id_number=id_number, phone=phone),
    )


def receipt_draw(ctx: AppContext, code: str) -> Callable[[str], Printout]:
    """What a preview draws the receipt of ``code`` with, for a paper size."""
    db, actor = ctx.db, ctx.actor

    def draw(paper: str) -> Printout:
        return intake.receipt_printout(db, actor, code, paper=paper)

    return draw


def notice_draw(ctx: AppContext, notice_id: int) -> Callable[[str], Printout]:
    db, actor = ctx.db, ctx.actor

    def draw(paper: str) -> Printout:
        return intake.notice_printout(db, actor, notice_id, paper=paper)

    return draw
