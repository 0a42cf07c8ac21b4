"""Printing from a screen: draw and rasterise (a read), log what reached the printer, save
to a file (draw, write, log — nothing logged if the file cannot be written)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QWidget

from isoqms.services import printing
from isoqms.services.exports import save as save_file
from isoqms.services.intake import PrintedSlip
from isoqms.services.printing import Printout
from isoqms.ui.context import AppContext
from isoqms.ui.operations import Change, Query
from isoqms.ui.pdf_view import pdf_images

#: Pages on screen are rasterised at this resolution.
PREVIEW_DPI = 96


@dataclass(frozen=True)
class Drawn:
    """A paper drawn, and its pages rasterised for the screen."""

    printout: Printout
    images: list[Any]  # QImage, one per page


def drawn(printout: Printout, dpi: int = PREVIEW_DPI) -> Drawn:
    """On a worker: rasterise a printout's pages."""
    return Drawn(printout, pdf_images(printout.pdf, dpi))


def draw(
    ctx: AppContext, parent: QWidget | None, draw: Callable[[], Printout], dpi: int = PREVIEW_DPI
) -> Query[Drawn]:
    return Query(ctx, parent, lambda: drawn(draw(), dpi))


def for_printer(
    ctx: AppContext, parent: QWidget | None, printout: Printout, dpi: int
) -> Query[list[Any]]:
    """The pages at the printer's resolution — refused first if this person may not
    print the paper (nothing reaches the printer then)."""
    db, actor = ctx.db, ctx.actor

    def run() -> list[Any]:
        printing.check(db, actor, printout)
        return pdf_images(printout.pdf, dpi)

    return Query(ctx, parent, run)


def _printed(printout: Printout, digest: str) -> PrintedSlip:
    return PrintedSlip(
        printout.pdf, digest, printout.form_revision, printout.reprint, printout.paper
    )


def log_print(ctx: AppContext, parent: QWidget | None, printout: Printout) -> Change[PrintedSlip]:
    """Record a paper that went to the printer, as it was printed."""
    db, actor = ctx.db, ctx.actor
    return Change(
        ctx,
        parent,
        lambda: _printed(
            printout, printing.log(db, actor, printout, purpose="print", strict=False)
        ),
    )


def save(
    ctx: AppContext,
    parent: QWidget | None,
    shown: Printout,
    draw: Callable[[], Printout],
    path: Path,
) -> Change[PrintedSlip]:
    """Write the paper shown to ``path`` and log it — drawn again only if someone printed
    it meanwhile (it then carries its reprint mark)."""
    db, actor = ctx.db, ctx.actor
    first = [shown]

    def next_draw() -> Printout:
        return first.pop() if first else draw()

    def run() -> PrintedSlip:
        printout, digest = printing.deliver(
            db, actor, next_draw, lambda pdf: save_file(path, pdf), purpose="save"
        )
        return _printed(printout, digest)

    return Change(ctx, parent, run)
