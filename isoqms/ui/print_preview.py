"""A paper as it will print — receipt, notice, control sheet, letter — on the chosen paper
size; print or save as PDF from here. The pages shown are the ones that print: a print
sends them at the printer's resolution and logs them, a save writes them and logs them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from isoqms.db.engine import Database
from isoqms.domain.errors import ValidationError
from isoqms.services.exports import save as save_file
from isoqms.services.intake import PrintedSlip
from isoqms.services.printing import Printout
from isoqms.services.signatures import unit_signing
from isoqms.services.token_signing import signed_notice, signed_slip
from isoqms.services.uow import Actor
from isoqms.ui import dialogs
from isoqms.ui.context import AppContext
from isoqms.ui.operations import changing, reading
from isoqms.ui.operations import printing as ops
from isoqms.ui.operations.printing import Drawn
from isoqms.ui.pdf_view import PagesView, print_dpi, print_images
from isoqms.ui.signing_dialogs import ask_pin

#: A paper drawn for a paper size ("a5", "a4", "80mm"), on a worker thread.
Draw = Callable[[str], Printout]


#: signs the paper shown: (database, person, PIN, paper size, where the PDF goes)
Signer = Callable[[Database, Actor, str, str, Callable[[bytes], None]], object]


class PrintPreview(QDialog):
    rendered = Signal()
    printed = Signal(object)  # PrintedSlip
    saved = Signal(str)

    def __init__(
        self,
        ctx: AppContext,
        draw: Draw,
        *,
        title: str,
        paper: str = "a5",
        drawn: Drawn | None = None,
        signed_slip_of: str | None = None,
        signed_notice_of: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.draw = draw
        #: a receipt slip's dossier or a notice: when the unit signs slips and notices, "Save
        #: PDF with digital signature" signs it with the unit's certificate
        #: (services.token_signing)
        self.signer: Signer | None = None
        if signed_slip_of is not None:
            code = signed_slip_of
            self.signer = lambda db, actor, pin, paper, out: signed_slip(
                db, actor, code, pin, paper=paper, output=out
            )
        elif signed_notice_of is not None:
            notice = signed_notice_of
            self.signer = lambda db, actor, pin, paper, out: signed_notice(
                db, actor, notice, pin, paper=paper, output=out
            )
        self.setWindowTitle(title)
        self.resize(720, 720)
        self.paper = QComboBox()
        self.paper.addItem("A5", "a5")
        self.paper.addItem("A4", "a4")
        self.paper.addItem(self.tr("80 mm roll"), "80mm")
        self.paper.setCurrentIndex(max(0, self.paper.findData(paper)))
        self.paper.currentIndexChanged.connect(lambda _i: self.show_preview())
        self.pages = PagesView()
        self.print_button = QPushButton(self.tr("&Print… (Ctrl+P)"))
        self.print_button.setDefault(True)
        self.save_button = QPushButton(self.tr("&Save PDF…"))
        self.sign_button = QPushButton(self.tr("Save PDF with digital si&gnature…"))
        self.sign_button.setObjectName("signSlipButton")
        self.sign_button.setVisible(False)
        self.sign_button.clicked.connect(self.save_signed)
        close = QPushButton(self.tr("&Close"))
        self.print_button.clicked.connect(self.print_slip)
        self.save_button.clicked.connect(self.save_slip)
        close.clicked.connect(self.accept)
        for keys in ("Ctrl+P", "Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self.print_slip)
        self.setProperty("ctrlEnterAccepts", True)  # Ctrl+Enter here prints
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Paper:")))
        bar.addWidget(self.paper)
        bar.addStretch(1)
        bar.addWidget(self.print_button)
        bar.addWidget(self.save_button)
        bar.addWidget(self.sign_button)
        bar.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.pages, 1)
        self._ready(None)
        if drawn is not None:
            self._show(str(self.paper.currentData()), drawn)  # drawn already: not again
        else:
            self.show_preview()
        if self.signer is not None:
            reading(ctx, self, lambda db, _actor: unit_signing(db).signs_slips).success(
                self.sign_button.setVisible
            ).run()

    def paper_size(self) -> str:
        return str(self.paper.currentData())

    def _ready(self, drawn: Drawn | None) -> None:
        """Print and save act on the drawing shown, for the paper chosen — and only for
        someone who may print it."""
        self.drawn = drawn
        allowed = drawn is not None and self.ctx.can(drawn.printout.permission)
        self.print_button.setEnabled(allowed)
        self.save_button.setEnabled(allowed)
        self.sign_button.setEnabled(allowed)

    def show_preview(self) -> None:
        self._ready(None)  # until the new drawing arrives
        paper, draw = self.paper_size(), self.draw
        ops.draw(self.ctx, self, lambda: draw(paper)).success(
            lambda result: self._show(paper, result)
        ).run()

    def _show(self, paper: str, drawn: Drawn) -> None:
        if self.paper_size() != paper:
            return  # the paper changed meanwhile; that preview will follow
        self._ready(drawn)
        self.pages.show_images(drawn.images)
        self.rendered.emit()

    def print_slip(self) -> None:
        if self.drawn is None:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        if not dialogs.ask_printer(self, printer):
            return
        printout = self.drawn.printout
        self._ready(None)  # one print per drawing: the next is drawn as a reprint

        def send(images: list[Any]) -> None:
            if not print_images(printer, images):
                dialogs.error(self, ValidationError(self.tr("The printer could not be started.")))
                self.show_preview()
                return
            ops.log_print(self.ctx, self, printout).success(self._printed).run()

        def refused(exc: BaseException) -> None:
            dialogs.error(self, exc)
            self.show_preview()

        ops.for_printer(self.ctx, self, printout, print_dpi(printer)).success(send).failure(
            refused
        ).run()

    def _printed(self, printed: PrintedSlip) -> None:
        self.printed.emit(printed)
        self.show_preview()  # later prints are reprints

    def save_slip(self) -> None:
        if self.drawn is None:
            return
        name = dialogs.ask_save_file(
            self,
            self.tr("Save as PDF"),
            self.drawn.printout.file_name or "giay.pdf",
            self.tr("PDF files (*.pdf)"),
        )
        if not name:
            return
        paper, draw, shown = self.paper_size(), self.draw, self.drawn.printout
        self._ready(None)
        ops.save(self.ctx, self, shown, lambda: draw(paper), Path(name)).success(
            lambda _printed: self._saved(name)
        ).failure(self._save_failed).run()

    def save_signed(self) -> None:
        """The slip signed with the unit's certificate (the PIN asked), saved and logged as a
        print, and kept as the dossier's signed slip."""
        signer = self.signer
        if self.drawn is None or signer is None:
            return
        name = dialogs.ask_save_file(
            self,
            self.tr("Save as PDF"),
            (self.drawn.printout.file_name or "giay.pdf").replace(".pdf", "-ky-so.pdf"),
            self.tr("PDF files (*.pdf)"),
        )
        if not name:
            return
        pin = ask_pin(self, self.tr("the unit's certificate"))
        if pin is None:
            return
        paper, path = self.paper_size(), Path(name)
        self._ready(None)

        def sign(db: Database, actor: Actor) -> object:
            return signer(db, actor, pin, paper, lambda pdf: save_file(path, pdf))

        changing(self.ctx, self, sign).success(lambda _r: self._saved(name)).failure(
            self._save_failed
        ).run()

    def _save_failed(self, exc: BaseException) -> None:
        dialogs.error(self, exc)
        self.show_preview()

    def _saved(self, name: str) -> None:
        self.saved.emit(name)
        self.show_preview()
