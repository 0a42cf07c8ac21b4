"""Controlled documents: the register, a document's history and copies, a printed copy."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QWidget

from isoqms.db.engine import Database
from isoqms.services import (
    compare,
    document_copies,
    document_reviews,
    exports,
    printed_copies,
    printing,
)
from isoqms.services import documents as service
from isoqms.services.compare import DiffRow
from isoqms.services.document_copies import CopyView
from isoqms.services.document_reviews import Reminder
from isoqms.services.documents import DocumentRow, RevisionRow
from isoqms.services.exports import save
from isoqms.services.printed_copies import PrintedCopy
from isoqms.services.printing import Printout
from isoqms.services.uow import Actor
from isoqms.ui.context import AppContext
from isoqms.ui.operations import Change, Query, reading
from isoqms.ui.pdf_view import pdf_images


@dataclass(frozen=True)
class Register:
    rows: list[DocumentRow]
    reminders: list[Reminder]


@dataclass(frozen=True)
class History:
    revisions: list[RevisionRow]
    copies: list[CopyView]


@dataclass(frozen=True)
class CopyPages:
    copy: PrintedCopy
    printout: Printout | None  # a controlled copy: what its print-log row will say
    images: list[Any]


def register(ctx: AppContext, parent: QWidget | None, query: str, day: Any) -> Query[Register]:
    return reading(
        ctx,
        parent,
        lambda db, actor: Register(
            service.search(db, actor, query, day), document_reviews.reminders(db, actor)
        ),
    )


def history(ctx: AppContext, parent: QWidget | None, code: str, day: Any) -> Query[History]:
    return reading(
        ctx,
        parent,
        lambda db, actor: History(
            service.history(db, actor, code, day), document_copies.copies(db, actor, code)
        ),
    )


def compare_revisions(
    ctx: AppContext, parent: QWidget | None, older: int, newer: int
) -> Query[list[DiffRow]]:
    return reading(ctx, parent, lambda db, actor: compare.compare(db, actor, older, newer))


def copy_pages(
    ctx: AppContext, parent: QWidget | None, revision_id: int, copy_id: int | None, dpi: int
) -> Query[CopyPages]:
    """A copy drawn and rasterised (at ``dpi``): what the preview shows or the printer
    gets."""

    def run(db: Database, actor: Actor) -> CopyPages:
        if copy_id is None:
            drawn = printed_copies.copy_pdf(db, actor, revision_id, None)
            return CopyPages(drawn, None, pdf_images(drawn.pdf, dpi))
        printout = printed_copies.copy_printout(db, actor, revision_id, copy_id)
        drawn = PrintedCopy(printout.pdf, printout.copies, "", printout.sha256, printout.file_name)
        return CopyPages(drawn, printout, pdf_images(printout.pdf, dpi))

    return reading(ctx, parent, run)


def log_copy_print(ctx: AppContext, parent: QWidget | None, printout: Printout) -> Change[str]:
    db, actor = ctx.db, ctx.actor
    return Change(
        ctx,
        parent,
        lambda: printing.log(db, actor, printout, purpose="print", strict=False),
    )


def save_copy(
    ctx: AppContext, parent: QWidget | None, revision_id: int, copy_id: int | None, path: Path
) -> Change[PrintedCopy]:
    """Write the copy to ``path``; a controlled copy's save is logged once written."""
    db, actor = ctx.db, ctx.actor

    def run() -> PrintedCopy:
        if copy_id is None:
            drawn = printed_copies.copy_pdf(db, actor, revision_id, None)
            save(path, drawn.pdf)
            return drawn
        printout, digest = printing.deliver(
            db,
            actor,
            lambda: printed_copies.copy_printout(db, actor, revision_id, copy_id),
            lambda pdf: save(path, pdf),
            purpose="save",
        )
        return PrintedCopy(printout.pdf, printout.copies, "", digest, printout.file_name)

    return Change(ctx, parent, run)


def read_file(path: Path) -> bytes:
    """On a worker: a file the user chose (a refusal in Vietnamese if it cannot be read)."""
    return exports.read(path)
