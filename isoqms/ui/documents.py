"""The controlled-document register: what is in force (on any day), each document's
revisions and signatures, and the lifecycle actions each role may take."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable
from html import escape
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from isoqms.db.engine import Database
from isoqms.domain import clock
from isoqms.domain.documents import KIND_LABELS, DocumentKind
from isoqms.domain.errors import ValidationError
from isoqms.domain.roles import Permission
from isoqms.services import document_copies, document_reviews, process_documents
from isoqms.services import documents as document_service
from isoqms.services.compare import DiffRow
from isoqms.services.document_copies import CopyView
from isoqms.services.documents import DocumentRow, RevisionRow
from isoqms.services.exports import save
from isoqms.services.uow import Actor
from isoqms.ui import dialogs
from isoqms.ui.context import AppContext
from isoqms.ui.models import RowsModel
from isoqms.ui.operations import changing, reading
from isoqms.ui.operations import documents as ops
from isoqms.ui.operations.documents import CopyPages, History, Register
from isoqms.ui.pages import Page, heading
from isoqms.ui.pdf_view import PagesView, print_dpi, print_images


class Columns(enum.IntEnum):
    CODE = 0
    TITLE = 1
    KIND = 2
    ISSUE = 3
    EFFECTIVE = 4
    STANDING = 5


class RegisterModel(RowsModel):
    def headers(self) -> list[str]:
        return [
            self.tr("Code"),
            self.tr("Title"),
            self.tr("Kind"),
            self.tr("Issue"),
            self.tr("Effective"),
            self.tr("Standing"),
        ]

    def cell(self, row: DocumentRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and row.standing in ("withdrawn", "superseded"):
            return Qt.GlobalColor.gray
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        pending = {"draft": self.tr(" · draft pending"), "in_review": self.tr(" · in review")}.get(
            row.pending, ""
        )
        return {
            Columns.CODE: lambda: row.code,
            Columns.TITLE: lambda: row.title,
            Columns.KIND: lambda: row.kind_label,
            Columns.ISSUE: lambda: f"{row.issue:02d}" if row.issue is not None else "—",
            Columns.EFFECTIVE: lambda: (
                f"{row.effective_from:%d/%m/%Y}" if row.effective_from else ""
            ),
            Columns.STANDING: lambda: row.standing_label + pending,
        }[Columns(column)]()


def history_html(code: str, revisions: list[RevisionRow], labels: dict[str, str]) -> str:
    parts = [f"<h3>{escape(code)}</h3>"]
    for rev in reversed(revisions):
        period = ""
        if rev.effective_from:
            period = f"{labels['from']} {rev.effective_from:%d/%m/%Y}"
            if rev.effective_to:
                period += f" {labels['to']} {rev.effective_to:%d/%m/%Y}"
        sigs = "".join(
            f"<tr><td>{escape(s.meaning_label)}</td><td>{escape(s.full_name)}</td>"
            f"<td>{s.signed_at:%d/%m/%Y %H:%M}</td><td><tt>{s.content_hash[:16]}…</tt></td></tr>"
            for s in rev.signatures
        )
        parts.append(
            f"<p><b>{labels['issue']} {rev.issue:02d}.{rev.amendment}</b> — "
            f"{escape(rev.standing_label)} {period}<br>{escape(rev.change_summary)}"
            + (f"<br><i>{labels['file']}: {escape(rev.file_name)}</i>" if rev.file_name else "")
            + (
                f"<br><i>{labels['comment']}: {escape(rev.review_comment)}</i>"
                if rev.review_comment
                else ""
            )
            + (
                f"<br><i>{labels['holder']}: {escape(rev.checked_out_by)}</i>"
                if rev.checked_out_by
                else ""
            )
            + "</p>"
            + (f"<table border='1' cellspacing='0' cellpadding='3'>{sigs}</table>" if sigs else "")
        )
    return "".join(parts)


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
            self.kind.addItem(KIND_LABELS[kind], kind.value)
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
            self.revision.addItem(f"{rev.issue:02d}.{rev.amendment} — {rev.standing_label}", rev.id)
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


class RegisterPage(Page):
    watches = frozenset({"document", "document_revision", "document_copy"})
    loaded = Signal()
    history_shown = Signal(object)
    sheet_saved = Signal(str)
    registers_saved = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.model = RegisterModel(self)
        self.revisions: list[RevisionRow] = []
        today = clock.today()
        self.as_of = QDateEdit(QDate(today.year, today.month, today.day))
        self.as_of.setObjectName("asOf")
        self.as_of.setDisplayFormat("dd/MM/yyyy")
        self.as_of.setCalendarPopup(True)
        self.as_of.dateChanged.connect(lambda _d: self.refresh())
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(Columns.TITLE, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self.show_history())
        self.detail = QTextBrowser()
        self.detail.setObjectName("documentHistory")

        self.new_button = QPushButton(self.tr("&New document…"))
        self.draft_button = QPushButton(self.tr("New &revision…"))
        self.file_button = QPushButton(self.tr("Attach &file…"))
        self.submit_button = QPushButton(self.tr("&Submit (sign: drafted)…"))
        self.review_button = QPushButton(self.tr("Re&view (sign: reviewed)…"))
        self.approve_button = QPushButton(self.tr("&Approve (sign: approved)…"))
        self.reject_button = QPushButton(self.tr("Send &back…"))
        self.distribute_button = QPushButton(self.tr("&Distribute a copy…"))
        self.sheet_button = QPushButton(self.tr("Sign-s&heet…"))
        self.compare_button = QPushButton(self.tr("Co&mpare…"))
        self.texts_button = QPushButton(self.tr("Form &texts…"))
        self.generate_button = QPushButton(self.tr("&Generate file"))
        self.generate_button.setToolTip(
            self.tr("Attach the process document generated from the procedure content")
        )
        self.copy_button = QPushButton(self.tr("&Print a copy…"))
        self.export_button = QPushButton(self.tr("E&xport registers…"))
        self.search = QLineEdit()
        self.search.setObjectName("documentSearch")
        self.search.setPlaceholderText(self.tr("Search code, title or content…"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda _t: self.refresh())
        actions = [
            (self.new_button, self.new_document, Permission.DOCS_DRAFT),
            (self.draft_button, self.new_revision, Permission.DOCS_DRAFT),
            (self.file_button, self.attach_file, Permission.DOCS_DRAFT),
            (self.texts_button, self.edit_form_texts, Permission.DOCS_DRAFT),
            (self.generate_button, self.attach_generated, Permission.DOCS_DRAFT),
            (None, None, None),
            (self.submit_button, self.submit, Permission.DOCS_DRAFT),
            (self.review_button, lambda: self.review(True), Permission.DOCS_REVIEW),
            (self.approve_button, self.approve, Permission.DOCS_APPROVE),
            (self.reject_button, self.send_back, None),
            (self.distribute_button, self.distribute, Permission.DOCS_DISTRIBUTE),
            (self.sheet_button, self.save_sign_sheet, Permission.RECORDS_READ),
            (self.copy_button, self.print_copy, Permission.RECORDS_READ),
            (self.compare_button, self.compare_latest, Permission.RECORDS_READ),
            (self.export_button, self.export_registers, Permission.RECORDS_READ),
        ]
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("As of:")))
        top.addWidget(self.as_of)
        top.addWidget(self.search, 1)
        bar = top
        rows = [top]
        for button, handler, permission in actions:
            if button is None:
                bar = QHBoxLayout()
                rows.append(bar)
                continue
            button.clicked.connect(handler)
            allowed = (
                ctx.can(permission)
                if permission
                else (ctx.can(Permission.DOCS_REVIEW) or ctx.can(Permission.DOCS_APPROVE))
            )
            button.setVisible(allowed)
            bar.addWidget(button)
        bar.addStretch(1)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setObjectName("registerSplitter")
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([620, 300])
        self.reminders = QLabel()
        self.reminders.setObjectName("reminders")
        self.reminders.setWordWrap(True)
        self.reminders.setStyleSheet(
            "background: #fff4ce; border: 1px solid #e0c96b; border-radius: 4px; padding: 6px;"
        )
        self.reminders.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("Controlled documents")))
        layout.addWidget(self.reminders)
        for row in rows:
            layout.addLayout(row)
        layout.addWidget(splitter, 1)

    def day(self) -> dt.date:
        q = self.as_of.date()
        return dt.date(q.year(), q.month(), q.day())

    def refresh(self) -> None:
        super().refresh()
        day = self.day()
        selected = self.selected_code()

        query = self.search.text()

        def loaded(register: Register) -> None:
            self.model.set_rows(register.rows)
            for i, row in enumerate(register.rows):
                if row.code == selected:
                    self.table.selectRow(i)
            self.show_reminders(register.reminders)
            self.loaded.emit()

        ops.register(self.ctx, self, query, day).success(loaded).run()

    def show_reminders(self, reminders: list[document_reviews.Reminder]) -> None:
        if not reminders:
            self.reminders.hide()
            return
        lines = [f"<b>{escape(r.code)}</b> — {escape(r.label)}" for r in reminders[:5]]
        more = len(reminders) - len(lines)
        if more > 0:
            lines.append(self.tr("… and %n more", "", more))
        self.reminders.setText(self.tr("Waiting for the committee:") + "<br>" + "<br>".join(lines))
        self.reminders.show()

    def selected_code(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        row: DocumentRow = self.model.row_at(rows[0].row())
        return row.code

    def select(self, code: str) -> None:
        for i in range(self.model.rowCount()):
            if self.model.row_at(i).code == code:
                self.table.selectRow(i)
                return

    def show_history(self) -> None:
        code = self.selected_code()
        if code is None:
            return
        day = self.day()
        labels = {
            "from": self.tr("from"),
            "to": self.tr("to"),
            "issue": self.tr("Issue"),
            "file": self.tr("File"),
            "comment": self.tr("Comment"),
            "holder": self.tr("Checked out by"),
        }

        copies_label = self.tr("Controlled copies")
        recall_label = self.tr("to recall")

        def shown(result: History) -> None:
            revisions, copies = result.revisions, result.copies
            self.revisions = revisions
            lines = "".join(
                f"<li>{c.copy_no:02d} — {escape(c.holder)} ({c.issue:02d}.{c.amendment})"
                + (f" ✔ {escape(c.acknowledged_by)}" if c.acknowledged_at else "")
                + (f" <b style='color:#b00020'>{recall_label}</b>" if c.must_recall else "")
                + "</li>"
                for c in copies
                if c.recalled_at is None
            )
            extra = f"<p><b>{copies_label}</b></p><ul>{lines}</ul>" if lines else ""
            self.detail.setHtml(history_html(code, revisions, labels) + extra)
            self.history_shown.emit(revisions)

        ops.history(self.ctx, self, code, day).success(shown).run()

    def distribute(self) -> None:
        code = self.selected_code()
        if code is None:
            return
        holder = dialogs.ask_text(
            self,
            self.tr("Distribute a controlled copy"),
            self.tr("Person or place receiving the copy:"),
        )
        if not holder:
            return
        self._write(lambda db, actor: document_copies.distribute(db, actor, code, holder))

    def save_sign_sheet(self) -> None:
        code = self.selected_code()
        if code is None:
            return
        name = dialogs.ask_save_file(
            self,
            self.tr("Save the sign-sheet"),
            f"phan-phoi-{code.replace('/', '-')}.pdf",
            self.tr("PDF files (*.pdf)"),
        )
        if not name:
            return

        def write(db: Database, actor: Actor) -> str:
            save(Path(name), document_copies.sign_sheet(db, actor, code))
            return name

        reading(self.ctx, self, write).success(self.sheet_saved.emit).run()

    def compare_latest(self) -> None:
        """The newest revision against the one before it."""
        if len(self.revisions) < 2:
            dialogs.info(self, self.tr("Compare"), self.tr("This document has only one revision."))
            return
        older, newer = self.revisions[-2], self.revisions[-1]
        titles = (f"{older.issue:02d}.{older.amendment}", f"{newer.issue:02d}.{newer.amendment}")

        def show(rows: list[DiffRow]) -> None:
            dialog = CompareDialog(self.selected_code() or "", titles, rows, self)
            self.last_compare = dialog
            dialogs.run_dialog(dialog)

        ops.compare_revisions(self.ctx, self, older.id, newer.id).success(show).run()

    def open_revision(self) -> RevisionRow | None:
        for rev in reversed(self.revisions):
            if rev.state in ("draft", "in_review"):
                return rev
        return None

    # ------------------------------------------------------------------ actions

    def _write(self, fn: Callable[[Database, Actor], object]) -> None:
        """A change of the register; the page reloads from the kinds of record it made."""
        changing(self.ctx, self, fn).run()

    def new_document(self) -> None:
        dialog = NewDocumentDialog(self)
        if not dialogs.run_dialog(dialog):
            return
        kind, code, title = dialog.kind.currentData(), dialog.code.text(), dialog.title_edit.text()
        owner, procedure = dialog.owner.text(), dialog.procedure.text().strip() or None
        self._write(
            lambda db, actor: document_service.create_document(
                db,
                actor,
                kind=kind,
                code=code,
                title=title,
                owner=owner,
                procedure_code=procedure,
            )
        )

    def new_revision(self) -> None:
        code = self.selected_code()
        if code is None:
            return
        dialog = NewRevisionDialog(code, self)
        if not dialogs.run_dialog(dialog):
            return
        summary, places = dialog.summary.text(), dialog.places.text()
        amendment = dialog.amendment.isChecked()
        self._write(
            lambda db, actor: document_service.start_revision(
                db,
                actor,
                code,
                change_summary=summary,
                places_changed=places,
                amendment=amendment,
            )
        )

    def edit_form_texts(self) -> None:
        rev = self.open_revision()
        code = self.selected_code() or ""
        if rev is None or not rev.is_form:
            dialogs.info(
                self,
                self.tr("Form texts"),
                self.tr("Select a form with a draft revision to change its printed texts."),
            )
            return

        rev_id = rev.id

        def show(texts: dict[str, object]) -> None:
            dialog = FormTextsDialog(code, texts, self)
            self.last_texts_dialog = dialog
            if not dialogs.run_dialog(dialog):
                return
            new = dialog.texts()
            self._write(lambda db, actor: document_service.set_form_texts(db, actor, rev_id, new))

        reading(
            self.ctx, self, lambda db, actor: document_service.form_texts(db, actor, rev_id)
        ).success(show).run()

    def attach_generated(self) -> None:
        rev = self.open_revision()
        if rev is None:
            return
        rev_id = rev.id
        self._write(lambda db, actor: process_documents.attach_generated(db, actor, rev_id))

    def print_copy(self) -> None:
        code = self.selected_code()
        if code is None or not self.revisions:
            return
        revisions = list(self.revisions)

        def show(copies: list[CopyView]) -> None:
            dialog = CopyDialog(self.ctx, code, revisions, copies, self)
            self.last_copy_dialog = dialog
            dialogs.run_dialog(dialog)

        reading(self.ctx, self, lambda db, actor: document_copies.copies(db, actor, code)).success(
            show
        ).run()

    def export_registers(self) -> None:
        from isoqms.render import registers as render

        name = dialogs.ask_save_file(
            self,
            self.tr("Export the registers"),
            f"danh-muc-{self.day():%Y-%m-%d}.xlsx",
            self.tr("Excel (*.xlsx);;Word (*.docx);;PDF (*.pdf)"),
        )
        if not name:
            return
        day = self.day()
        writers = {".xlsx": render.to_xlsx, ".docx": render.to_docx, ".pdf": render.to_pdf}
        writer = writers.get(Path(name).suffix.lower())
        if writer is None:
            dialogs.error(self, ValidationError(self.tr("Save as .xlsx, .docx or .pdf.")))
            return

        def write(db: Database, actor: Actor) -> str:
            save(Path(name), writer(document_service.registers(db, actor, day)))
            return name

        reading(self.ctx, self, write).success(self.registers_saved.emit).run()

    def attach_file(self) -> None:
        rev = self.open_revision()
        if rev is None:
            return
        name = dialogs.ask_open_file(
            self, self.tr("Attach the document's file"), self.tr("Documents (*.docx *.pdf *.xlsx)")
        )
        if not name:
            return
        path, rev_id = Path(name), rev.id
        self._write(
            lambda db, actor: document_service.attach_file(
                db, actor, rev_id, path.name, ops.read_file(path)
            )
        )

    def _password(self, meaning: str) -> str | None:
        return dialogs.ask_password(
            self,
            self.tr("Sign"),
            self.tr("Enter your password again to sign: %1").replace("%1", meaning),
        )

    def submit(self) -> None:
        rev = self.open_revision()
        password = self._password(self.tr("Drafted")) if rev else None
        if rev is None or password is None:
            return
        rev_id = rev.id
        self._write(lambda db, actor: document_service.submit(db, actor, rev_id, password))

    def review(self, accept: bool, comment: str = "") -> None:
        rev = self.open_revision()
        password = self._password(self.tr("Reviewed")) if rev else None
        if rev is None or password is None:
            return
        rev_id = rev.id
        self._write(
            lambda db, actor: document_service.review(
                db, actor, rev_id, password, accept=accept, comment=comment
            )
        )

    def approve(self) -> None:
        rev = self.open_revision()
        if rev is None:
            return
        text = dialogs.ask_text(
            self,
            self.tr("Approve"),
            self.tr("Effective from (dd/mm/yyyy):"),
            f"{clock.today():%d/%m/%Y}",
        )
        if not text:
            return
        try:
            effective = dt.datetime.strptime(text.strip(), "%d/%m/%Y").date()
        except ValueError:
            dialogs.error(self, ValidationError(self.tr("The date must be written dd/mm/yyyy.")))
            return
        password = self._password(self.tr("Approved"))
        if password is None:
            return
        rev_id = rev.id
        self._write(
            lambda db, actor: document_service.approve(
                db, actor, rev_id, password, effective_from=effective
            )
        )

    def send_back(self) -> None:
        rev = self.open_revision()
        if rev is None:
            return
        comment = dialogs.ask_text(self, self.tr("Send back"), self.tr("Comment for the drafter:"))
        if not comment:
            return
        password = self._password(self.tr("Send back"))
        if password is None:
            return
        rev_id = rev.id
        if self.ctx.can(Permission.DOCS_REVIEW):
            self._write(
                lambda db, actor: document_service.review(
                    db, actor, rev_id, password, accept=False, comment=comment
                )
            )
        else:
            self._write(
                lambda db, actor: document_service.approve(
                    db,
                    actor,
                    rev_id,
                    password,
                    accept=False,
                    comment=comment,
                    effective_from=clock.today(),
                )
            )
