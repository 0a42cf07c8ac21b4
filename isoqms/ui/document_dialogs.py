"""The dialogs of the document register: a new document, a new revision, a form's printed
texts, the comparison of two revisions, a printed copy."""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from isoqms.domain.documents import DocumentKind, Standing
from isoqms.domain.errors import ValidationError
from isoqms.services.compare import DiffRow
from isoqms.services.document_copies import CopyView
from isoqms.services.documents import RevisionRow
from isoqms.ui import dialogs
from isoqms.ui.context import AppContext
from isoqms.ui.labels import shown
from isoqms.ui.operations import documents as ops
from isoqms.ui.operations.documents import CopyPages
from isoqms.ui.pdf_view import PagesView, print_dpi, print_images

DIFF_COLOURS = {"changed": "#fff4ce", "added": "#d9f2dc", "removed": "#f8d7da", "same": ""}


class CompareDialog(QDialog):
    """Two revisions' text side by side; changes coloured."""

    def __init__(
        self, code: str, titles: tuple[str, str], rows: list[DiffRow], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Compare %1").replace("%1", code))
        self.resize(1000, 700)
        self.view = QTextBrowser()
        body = "".join(
            f"<tr style='background:{DIFF_COLOURS[r.kind]}'><td>{escape(r.left)}</td>"
            f"<td>{escape(r.right)}</td></tr>"
            for r in rows
        )
        issue = self.tr("Issue")
        self.view.setHtml(
            "<table width='100%' border='1' cellspacing='0' cellpadding='4'>"
            f"<tr><th>{issue} {titles[0]}</th><th>{issue} {titles[1]}</th></tr>{body}</table>"
        )
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view)
        layout.addWidget(buttons)


class NewDocumentDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("New controlled document"))
        self.kind = QComboBox()
        for kind in DocumentKind:
            self.kind.addItem(shown(kind), kind.value)
        self.code = QLineEdit()
        self.code.setPlaceholderText("QT-KSTL-01, BM-HT-01-01 …")
        self.title_edit = QLineEdit()
        self.owner = QLineEdit()
        self.procedure = QLineEdit()
        self.procedure.setPlaceholderText(self.tr("procedure code, for a process document"))
        form = QFormLayout(self)
        form.addRow(self.tr("Kind:"), self.kind)
        form.addRow(self.tr("Code:"), self.code)
        form.addRow(self.tr("Title:"), self.title_edit)
        form.addRow(self.tr("Owner:"), self.owner)
        form.addRow(self.tr("Procedure (TTHC):"), self.procedure)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)


class NewRevisionDialog(QDialog):
    """A new draft: what changes, where, and whether it is a new issue or an amendment."""

    def __init__(self, code: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("New revision of %1").replace("%1", code))
        self.setMinimumWidth(560)
        self.summary = QLineEdit()
        self.summary.setObjectName("changeSummary")
        self.places = QLineEdit()
        self.places.setPlaceholderText(self.tr("e.g. section 5, pages 3–4"))
        self.new_issue = QRadioButton(self.tr("New issue"))
        self.amendment = QRadioButton(self.tr("Amendment of the current issue"))
        self.new_issue.setChecked(True)
        form = QFormLayout(self)
        form.addRow(self.tr("What changes:"), self.summary)
        form.addRow(self.tr("Places changed:"), self.places)
        form.addRow(self.new_issue)
        form.addRow(self.amendment)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)


class FormTextsDialog(QDialog):
    """The printed texts of a form draft, one line per item; table columns separated by |."""

    def __init__(self, code: str, texts: dict[str, object], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Texts of form %1").replace("%1", code))
        self.resize(820, 560)
        self.table = QTableWidget(len(texts), 2)
        self.table.setObjectName("formTexts")
        self.table.setHorizontalHeaderLabels([self.tr("Item"), self.tr("Printed text")])
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.lists: set[str] = set()
        for i, (key, value) in enumerate(texts.items()):
            item = QTableWidgetItem(key)
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
            self.table.setItem(i, 0, item)
            if isinstance(value, list):
                self.lists.add(key)
                value = " | ".join(map(str, value))
            self.table.setItem(i, 1, QTableWidgetItem(str(value)))
        hint = QLabel(
            self.tr(
                "Keep the fill-in fields such as {number} or {book}; separate table columns with |."
            )
        )
        hint.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)

    def _cell(self, row: int, column: int) -> QTableWidgetItem:
        item = self.table.item(row, column)
        assert item is not None
        return item

    def set_text(self, key: str, text: str) -> None:
        for i in range(self.table.rowCount()):
            if self._cell(i, 0).text() == key:
                self._cell(i, 1).setText(text)
                return
        raise KeyError(key)

    def texts(self) -> dict[str, object]:
        out: dict[str, object] = {}
        for i in range(self.table.rowCount()):
            key, text = self._cell(i, 0).text(), self._cell(i, 1).text()
            out[key] = [part.strip() for part in text.split("|")] if key in self.lists else text
        return out


class CopyDialog(QDialog):
    """Print or save a copy of a revision: uncontrolled, or a numbered controlled copy."""

    rendered = Signal()
    printed = Signal(object)

    def __init__(
        self,
        ctx: AppContext,
        code: str,
        revisions: list[RevisionRow],
        copies: list[CopyView],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.copies = copies
        self.setWindowTitle(self.tr("Print a copy of %1").replace("%1", code))
        self.resize(760, 880)
        self.revision = QComboBox()
        self.revision.setObjectName("copyRevision")
        for rev in reversed(revisions):
            self.revision.addItem(
                f"{rev.issue:02d}.{rev.amendment} — {shown(Standing(rev.standing))}", rev.id
            )
        self.copy = QComboBox()
        self.copy.setObjectName("copyNumber")
        self.revision.currentIndexChanged.connect(lambda _i: self._fill_copies())
        self.copy.currentIndexChanged.connect(lambda _i: self.show_preview())
        self.pages = PagesView()
        self.print_button = QPushButton(self.tr("&Print…"))
        self.save_button = QPushButton(self.tr("&Save PDF…"))
        close = QPushButton(self.tr("&Close"))
        self.print_button.clicked.connect(lambda: self.issue("print"))
        self.save_button.clicked.connect(lambda: self.issue("save"))
        close.clicked.connect(self.accept)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Revision:")))
        bar.addWidget(self.revision)
        bar.addWidget(QLabel(self.tr("Copy:")))
        bar.addWidget(self.copy, 1)
        bar.addWidget(self.print_button)
        bar.addWidget(self.save_button)
        bar.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.pages, 1)
        self._fill_copies()

    def _fill_copies(self) -> None:
        rev_id = self.revision.currentData()
        self.copy.blockSignals(True)
        self.copy.clear()
        self.copy.addItem(self.tr("Uncontrolled copy"), None)
        for c in self.copies:
            if c.revision_id == rev_id and c.recalled_at is None:
                self.copy.addItem(
                    self.tr("Controlled copy no. %1 — %2")
                    .replace("%1", str(c.copy_no))
                    .replace("%2", c.holder),
                    c.id,
                )
        self.copy.blockSignals(False)
        self.show_preview()

    def choice(self) -> tuple[int, int | None]:
        return int(self.revision.currentData()), self.copy.currentData()

    def show_preview(self) -> None:
        rev_id, copy_id = self.choice()
        ops.copy_pages(self.ctx, self, rev_id, copy_id, 72).success(
            lambda pages: self._show(rev_id, copy_id, pages)
        ).run()

    def _show(self, rev_id: int, copy_id: int | None, pages: CopyPages) -> None:
        if self.choice() != (rev_id, copy_id):
            return  # a later choice is being rendered; its preview will follow
        self.pages.show_images(pages.images)
        self.rendered.emit()

    def issue(self, purpose: str) -> None:
        rev_id, copy_id = self.choice()
        if purpose == "save":
            target = dialogs.ask_save_file(
                self, self.tr("Save the copy"), "ban-sao.pdf", self.tr("PDF files (*.pdf)")
            )
            if target:
                ops.save_copy(self.ctx, self, rev_id, copy_id, Path(target)).success(
                    self.printed.emit
                ).run()
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        if not dialogs.ask_printer(self, printer):
            return

        def send(pages: CopyPages) -> None:
            if not print_images(printer, pages.images):
                dialogs.error(self, ValidationError(self.tr("The printer could not be started.")))
                return
            if pages.printout is None:  # an uncontrolled copy is not logged
                self.printed.emit(pages.copy)
                return
            ops.log_copy_print(self.ctx, self, pages.printout).success(
                lambda _digest: self.printed.emit(pages.copy)
            ).run()

        ops.copy_pages(self.ctx, self, rev_id, copy_id, print_dpi(printer)).success(send).run()
