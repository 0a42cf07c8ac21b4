"""Dossiers: the queues, finding one by what a citizen says, one dossier with what this
person may do now, its actions, its papers, the tracking book."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import QWidget

from isoqms.domain.journey import Action
from isoqms.services import dossier_papers, journey, ledger, procedures
from isoqms.services.exports import export_ledger
from isoqms.services.journey import ActionInput, DossierDetail, FoundDossier, QueueRow
from isoqms.services.ledger import LedgerFilter, LedgerPage
from isoqms.services.printing import Printout
from isoqms.services.unit import get_unit
from isoqms.ui.context import AppContext
from isoqms.ui.operations import Change, Query


@dataclass(frozen=True)
class Queues:
    mine: list[QueueRow]
    ready: list[QueueRow]
    waiting_days: int  # a result not collected for longer is marked


@dataclass(frozen=True)
class Opened:
    detail: DossierDetail
    allowed: list[Action]
    officers: list[tuple[str, str]]


@dataclass(frozen=True)
class BookPage:
    page: LedgerPage
    fields: list[str]


def queues(ctx: AppContext, parent: QWidget | None, *, everyone: bool) -> Query[Queues]:
    db, actor = ctx.db, ctx.actor

    def run() -> Queues:
        return Queues(
            journey.queue(db, actor, everyone=everyone),
            journey.ready_not_returned(db, actor),
            get_unit(db).result_waiting_days,
        )

    return Query(ctx, parent, run)


def find(ctx: AppContext, parent: QWidget | None, query: str) -> Query[list[FoundDossier]]:
    db, actor = ctx.db, ctx.actor
    return Query(ctx, parent, lambda: journey.find(db, actor, query))


def open_dossier(ctx: AppContext, parent: QWidget | None, code: str) -> Query[Opened]:
    db, actor = ctx.db, ctx.actor

    def run() -> Opened:
        detail = journey.show(db, actor, code)
        return Opened(detail, journey.allowed_actions(actor, detail), journey.officers(db))

    return Query(ctx, parent, run)


def act(
    ctx: AppContext, parent: QWidget | None, code: str, action: Action, data: ActionInput
) -> Change[DossierDetail]:
    db, actor = ctx.db, ctx.actor
    return Change(ctx, parent, lambda: journey.act(db, actor, code, action, data))


def paper_draw(ctx: AppContext, code: str, kind: str) -> Callable[[str], Printout]:
    """What a preview draws a dossier's control sheet or letter with, for a paper size."""
    db, actor = ctx.db, ctx.actor

    def draw(paper: str) -> Printout:
        return dossier_papers.printout(db, actor, code, kind, paper=paper)

    return draw


def book_page(
    ctx: AppContext, parent: QWidget | None, f: LedgerFilter, offset: int, *, fields: bool
) -> Query[BookPage]:
    db, actor = ctx.db, ctx.actor

    def run() -> BookPage:
        page = ledger.page(db, actor, f, offset=offset)
        return BookPage(page, procedures.fields(db) if fields else [])

    return Query(ctx, parent, run)


def export_book(
    ctx: AppContext, parent: QWidget | None, f: LedgerFilter, path: Path
) -> Query[Path]:
    db, actor = ctx.db, ctx.actor

    def run() -> Path:
        export_ledger(db, actor, f, path)
        return path

    return Query(ctx, parent, run)
