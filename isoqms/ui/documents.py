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
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from isoqms.db.engine import Database
from isoqms.domain import clock
from isoqms.domain.documents import DocumentKind, Meaning, Standing
from isoqms.domain.errors import ValidationError
from isoqms.domain.roles import Permission
from isoqms.services import document_copies, document_reviews, process_documents, token_signing
from isoqms.services import documents as document_service
from isoqms.services import signatures as signature_service
from isoqms.services.compare import DiffRow
from isoqms.services.document_copies import CopyView
from isoqms.services.documents import DocumentRow, RevisionRow
from isoqms.services.exports import save
from isoqms.services.signing import SignatureCheck, TokenChoice
from isoqms.services.uow import Actor
from isoqms.ui import dialogs
from isoqms.ui.context import AppContext
from isoqms.ui.document_dialogs import (
    CompareDialog,
    CopyDialog,
    FormTextsDialog,
    NewDocumentDialog,
    NewRevisionDialog,
)
from isoqms.ui.labels import language, shown
from isoqms.ui.models import RowsModel
from isoqms.ui.operations import changing, reading
from isoqms.ui.operations import documents as ops
from isoqms.ui.operations.documents import History, Register
from isoqms.ui.pages import Page, heading
from isoqms.ui.procedure_editor import ProcedureContentDialog
from isoqms.ui.signing_dialogs import ask_pin, show_checks


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
            Columns.KIND: lambda: shown(DocumentKind(row.kind)),
            Columns.ISSUE: lambda: f"{row.issue:02d}" if row.issue is not None else "—",
            Columns.EFFECTIVE: lambda: (
                f"{row.effective_from:%d/%m/%Y}" if row.effective_from else ""
            ),
            Columns.STANDING: lambda: shown(Standing(row.standing)) + pending,
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
            f"<tr><td>{escape(shown(Meaning(s.meaning)))}</td><td>{escape(s.full_name)}</td>"
            f"<td>{s.signed_at:%d/%m/%Y %H:%M}</td><td><tt>{s.content_hash[:16]}…</tt></td></tr>"
            for s in rev.signatures
        )
        parts.append(
            f"<p><b>{labels['issue']} {rev.issue:02d}.{rev.amendment}</b> — "
            f"{escape(shown(Standing(rev.standing)))} {period}<br>{escape(rev.change_summary)}"
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
            + (
                f"<br><b>{labels['withdrawn']} {rev.withdrawn_on:%d/%m/%Y}</b>"
                if rev.withdrawn_on
                else ""
            )
            + "".join(
                f"<br><i>{labels['periodic']}: {escape(note)}</i>" for note in rev.periodic_notes
            )
            + "</p>"
            + (f"<table border='1' cellspacing='0' cellpadding='3'>{sigs}</table>" if sigs else "")
        )
    return "".join(parts)


#: What each person's list of things to do holds by default (the rest under "All").
MINE: dict[Permission, frozenset[str]] = {
    Permission.DOCS_DRAFT: frozenset({"returned_draft", "legal_update"}),
    Permission.DOCS_DISTRIBUTE: frozenset({"recall_copy", "acknowledge_copy"}),
    Permission.DOCS_REVIEW: frozenset({"waiting_review", "review_due"}),
    Permission.DOCS_APPROVE: frozenset({"waiting_approval", "review_due"}),
}


class RegisterPage(Page):
    """A searchable list of documents; beside it the selected document's revisions,
    signatures, copies and history, and only the actions this person may take on it now;
    below the list, the things to do."""

    watches = frozenset({"document", "document_revision", "document_copy", "procedure_revision"})
    loaded = Signal()
    history_shown = Signal(object)
    sheet_saved = Signal(str)
    registers_saved = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.model = RegisterModel(self)
        self.revisions: list[RevisionRow] = []
        self.copies: list[CopyView] = []
        self.reminder_rows: list[document_reviews.Reminder] = []
        today = clock.today()
        self.as_of = QDateEdit(QDate(today.year, today.month, today.day))
        self.as_of.setObjectName("asOf")
        self.as_of.setDisplayFormat("dd/MM/yyyy")
        self.as_of.setCalendarPopup(True)
        self.as_of.dateChanged.connect(lambda _d: self.refresh())
        self.table = QTableView()
        self.table.setObjectName("documents")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(Columns.TITLE, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(48)
        for column, width in (
            (Columns.CODE, 104),
            (Columns.KIND, 118),
            (Columns.ISSUE, 44),
            (Columns.EFFECTIVE, 84),
            (Columns.STANDING, 150),
        ):
            self.table.setColumnWidth(column, width)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self.show_history())
        self.detail = QTextBrowser()
        self.detail.setObjectName("documentHistory")

        # page-wide actions, beside the search
        self.new_button = QPushButton(self.tr("&New document…"))
        self.export_button = QPushButton(self.tr("E&xport registers…"))
        self.search = QLineEdit()
        self.search.setObjectName("documentSearch")
        self.search.setPlaceholderText(self.tr("Search code, title or content…"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda _t: self.refresh())
        self.new_button.clicked.connect(self.new_document)
        self.export_button.clicked.connect(self.export_registers)
        self.new_button.setVisible(ctx.can(Permission.DOCS_DRAFT))
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("As of:")))
        top.addWidget(self.as_of)
        top.addWidget(self.search, 1)
        top.addWidget(self.new_button)
        top.addWidget(self.export_button)

        # the selected document's actions: only those this person may take on it now
        self.draft_button = QPushButton(self.tr("New &revision…"))
        self.content_button = QPushButton(self.tr("Edit procedure &content…"))
        self.generate_button = QPushButton(self.tr("&Generate file"))
        self.generate_button.setToolTip(
            self.tr("Attach the process document generated from the procedure content")
        )
        self.file_button = QPushButton(self.tr("Attach &file…"))
        self.texts_button = QPushButton(self.tr("Form &texts…"))
        self.submit_button = QPushButton(self.tr("&Submit for review…"))
        self.review_button = QPushButton(self.tr("Re&viewed: sign…"))
        self.approve_button = QPushButton(self.tr("&Approve: sign…"))
        self.reject_button = QPushButton(self.tr("Send &back…"))
        self.periodic_button = QPushButton(self.tr("Periodic review, &no change…"))
        self.withdraw_button = QPushButton(self.tr("&Withdraw…"))
        self.distribute_button = QPushButton(self.tr("&Distribute a copy…"))
        self.ack_button = QPushButton(self.tr("Copy signed &for…"))
        self.recall_button = QPushButton(self.tr("Copy re&called…"))
        self.compare_button = QPushButton(self.tr("Co&mpare…"))
        self.copy_button = QPushButton(self.tr("&Print a copy…"))
        self.sheet_button = QPushButton(self.tr("Sign-s&heet…"))
        self.signed_button = QPushButton(self.tr("Digital signat&ure…"))
        self.signed_button.setObjectName("signedPdfButton")
        self.document_actions: list[tuple[QPushButton, Callable[[], None]]] = [
            (self.draft_button, self.new_revision),
            (self.content_button, self.edit_content),
            (self.generate_button, self.attach_generated),
            (self.file_button, self.attach_file),
            (self.texts_button, self.edit_form_texts),
            (self.submit_button, self.submit),
            (self.review_button, lambda: self.review(True)),
            (self.approve_button, self.approve),
            (self.reject_button, self.send_back),
            (self.periodic_button, self.periodic_review),
            (self.withdraw_button, self.withdraw),
            (self.distribute_button, self.distribute),
            (self.ack_button, self.acknowledge),
            (self.recall_button, self.recall),
            (self.compare_button, self.compare_latest),
            (self.copy_button, self.print_copy),
            (self.sheet_button, self.save_sign_sheet),
            (self.signed_button, self.show_signed_pdf),
        ]
        right = QWidget()
        for button, handler in self.document_actions:
            button.setParent(right)  # never a window of its own while hidden
            button.clicked.connect(handler)
            button.hide()
        self.action_grid = QGridLayout()
        self.action_grid.setSpacing(4)
        self.no_action = QLabel(self.tr("Select a document to see what you can do with it."))
        self.no_action.setObjectName("noAction")
        self.no_action.setWordWrap(True)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.no_action)
        right_layout.addLayout(self.action_grid)
        right_layout.addWidget(self.detail, 1)

        # the things to do
        self.tasks = QListWidget()
        self.tasks.setObjectName("tasks")
        self.tasks.itemActivated.connect(self.open_task)
        self.tasks_filter = QComboBox()
        self.tasks_filter.setObjectName("tasksFilter")
        self.tasks_filter.addItem(self.tr("Mine"), "mine")
        self.tasks_filter.addItem(self.tr("All"), "all")
        self.tasks_filter.currentIndexChanged.connect(lambda _i: self.show_reminders())
        self.tasks_label = QLabel(self.tr("&To do:"))
        self.tasks_label.setBuddy(self.tasks)
        tasks_top = QHBoxLayout()
        tasks_top.addWidget(self.tasks_label)
        tasks_top.addStretch(1)
        tasks_top.addWidget(self.tasks_filter)
        tasks_box = QWidget()
        tasks_layout = QVBoxLayout(tasks_box)
        tasks_layout.setContentsMargins(0, 0, 0, 0)
        tasks_layout.addLayout(tasks_top)
        tasks_layout.addWidget(self.tasks, 1)
        left = QSplitter(Qt.Orientation.Vertical)
        left.addWidget(self.table)
        left.addWidget(tasks_box)
        left.setStretchFactor(0, 3)
        left.setStretchFactor(1, 1)
        left.setSizes([420, 160])

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setObjectName("registerSplitter")
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([820, 430])
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("Controlled documents")))
        layout.addLayout(top)
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
            self.reminder_rows = register.reminders
            self.show_reminders()
            if selected is None or selected not in {r.code for r in register.rows}:
                self.revisions, self.copies = [], []
                self.update_actions()
            self.loaded.emit()

        ops.register(self.ctx, self, query, day).success(loaded).run()

    # ------------------------------------------------------------------ things to do

    def show_reminders(self) -> None:
        mine = frozenset().union(*(kinds for p, kinds in MINE.items() if self.ctx.can(p)))
        everything = self.tasks_filter.currentData() == "all"
        shown = [r for r in self.reminder_rows if everything or r.what in mine]
        self.tasks.clear()
        for reminder in shown:
            item = QListWidgetItem(f"{reminder.code} — {reminder.label_in(language())}")
            item.setData(Qt.ItemDataRole.UserRole, reminder.code)
            item.setToolTip(reminder.title)
            self.tasks.addItem(item)
        self.tasks_label.setText(
            self.tr("&To do (%1):").replace("%1", str(len(shown)))
            if shown
            else self.tr("&To do: nothing")
        )

    def open_task(self, item: QListWidgetItem) -> None:
        code = item.data(Qt.ItemDataRole.UserRole)
        if not any(self.model.row_at(i).code == code for i in range(self.model.rowCount())):
            self.search.clear()  # reloads; the document is then selected below
            self.loaded.connect(
                lambda: self._select_once(code), Qt.ConnectionType.SingleShotConnection
            )
            return
        self.select(code)
        self.table.setFocus()

    def _select_once(self, code: str) -> None:
        self.select(code)
        self.table.setFocus()

    # ------------------------------------------------------------------ the selection

    def selected_code(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        row: DocumentRow = self.model.row_at(rows[0].row())
        return row.code

    def selected_row(self) -> DocumentRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def select(self, code: str) -> None:
        for i in range(self.model.rowCount()):
            if self.model.row_at(i).code == code:
                self.table.selectRow(i)
                self.table.scrollTo(self.model.index(i, 0))
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
            "withdrawn": self.tr("Withdrawn from"),
            "periodic": self.tr("Periodic review"),
        }
        copies_label = self.tr("Controlled copies")
        recall_label = self.tr("to recall")
        signed_label = self.tr("signed for by")
        recalled_label = self.tr("recalled")

        def shown(result: History) -> None:
            if self.selected_code() != code:
                return  # another document was selected meanwhile
            revisions, copies = result.revisions, result.copies
            self.revisions, self.copies = revisions, copies
            lines = "".join(
                f"<li>{c.copy_no:02d} — {escape(c.holder)} ({c.issue:02d}.{c.amendment}), "
                f"{c.distributed_at:%d/%m/%Y}"
                + (f" — {signed_label} {escape(c.acknowledged_by)}" if c.acknowledged_at else "")
                + (f" — {recalled_label} {c.recalled_at:%d/%m/%Y}" if c.recalled_at else "")
                + (f" <b style='color:#b00020'>{recall_label}</b>" if c.must_recall else "")
                + "</li>"
                for c in copies
            )
            extra = f"<p><b>{copies_label}</b></p><ul>{lines}</ul>" if lines else ""
            self.detail.setHtml(history_html(code, revisions, labels) + extra)
            self.update_actions()
            self.history_shown.emit(revisions)

        ops.history(self.ctx, self, code, day).success(shown).run()

    def open_revision(self) -> RevisionRow | None:
        for rev in reversed(self.revisions):
            if rev.state in ("draft", "in_review"):
                return rev
        return None

    def _current(self) -> RevisionRow | None:
        """The revision in force today (not on the day looked at: actions happen today)."""
        for rev in reversed(self.revisions):
            if rev.standing == "effective":
                return rev
        return None

    def allowed(self) -> set[QPushButton]:
        """The actions this person may take on the selected document now."""
        row = self.selected_row()
        if row is None or (not self.revisions and row.issue is None and not self.open_revision()):
            if row is not None and self.ctx.can(Permission.DOCS_DRAFT):
                return {self.draft_button}
            return set()
        can = self.ctx.can
        out: set[QPushButton] = set()
        rev = self.open_revision()
        current = self._current()
        me = self.ctx.actor.username
        mine = rev is not None and rev.checked_out_by in ("", me)
        if rev is not None and rev.state == "draft" and can(Permission.DOCS_DRAFT) and mine:
            out |= {self.file_button, self.submit_button}
            if row.kind == DocumentKind.PROCESS.value:
                out |= {self.content_button, self.generate_button}
            if rev.is_form:
                out.add(self.texts_button)
        if rev is not None and rev.state == "in_review":
            reviewed = any(s.meaning == "reviewed" for s in rev.signatures)
            if not reviewed and can(Permission.DOCS_REVIEW):
                out |= {self.review_button, self.reject_button}
            if reviewed and can(Permission.DOCS_APPROVE):
                out |= {self.approve_button, self.reject_button}
        if rev is None and can(Permission.DOCS_DRAFT):
            out.add(self.draft_button)
        if current is not None:
            reviewer = can(Permission.DOCS_REVIEW) or can(Permission.DOCS_APPROVE)
            if reviewer and row.kind != DocumentKind.EXTERNAL.value:
                out.add(self.periodic_button)
            if can(Permission.DOCS_APPROVE):
                out.add(self.withdraw_button)
            if can(Permission.DOCS_DISTRIBUTE):
                out.add(self.distribute_button)
        out_copies = [c for c in self.copies if c.recalled_at is None]
        if out_copies and can(Permission.DOCS_DISTRIBUTE):
            if any(c.acknowledged_at is None for c in out_copies):
                out.add(self.ack_button)
            out.add(self.recall_button)
        if not self.looking_at_today():
            # the register as it stood on another day is for reading: what is done is
            # done today, on the standings of today
            out = set()
        if can(Permission.RECORDS_READ) and self.revisions:
            out.add(self.copy_button)
            if len(self.revisions) > 1:
                out.add(self.compare_button)
            if out_copies:
                out.add(self.sheet_button)
            if any(r.signed_pdfs for r in self.revisions):
                out.add(self.signed_button)
        return out

    def looking_at_today(self) -> bool:
        today = clock.today()
        return self.as_of.date() == QDate(today.year, today.month, today.day)

    def update_actions(self) -> None:
        allowed = self.allowed()
        while self.action_grid.count():
            self.action_grid.takeAt(0)
        shown = [button for button, _handler in self.document_actions if button in allowed]
        for button, _handler in self.document_actions:
            if button not in allowed:
                button.hide()
        columns = 3
        for i, button in enumerate(shown):
            self.action_grid.addWidget(button, i // columns, i % columns)
            button.show()
        self.no_action.setText(
            self.tr("Select a document to see what you can do with it.")
            if self.selected_code() is None
            else self.tr("Nothing for you to do on this document now.")
        )
        self.no_action.setVisible(not shown)

    # ------------------------------------------------------------------ actions

    def _write(self, fn: Callable[[Database, Actor], object]) -> None:
        """A change of the register; the page reloads from the kinds of record it made."""
        changing(self.ctx, self, fn).run()

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

    def _choose_copy(self, title: str, copies: list[CopyView]) -> CopyView | None:
        if not copies:
            return None
        items = [
            self.tr("No. %1 — %2 (issue %3)")
            .replace("%1", f"{c.copy_no:02d}")
            .replace("%2", c.holder)
            .replace("%3", f"{c.issue:02d}")
            for c in copies
        ]
        index = dialogs.ask_item(self, title, self.tr("Which copy:"), items)
        return None if index is None else copies[index]

    def acknowledge(self) -> None:
        waiting = [c for c in self.copies if c.recalled_at is None and c.acknowledged_at is None]
        copy = self._choose_copy(self.tr("Copy signed for"), waiting)
        if copy is None:
            return
        name = dialogs.ask_text(
            self,
            self.tr("Copy signed for"),
            self.tr("Name of the person who signed for it:"),
            copy.holder,
        )
        if name is None:
            return
        copy_id = copy.id
        self._write(lambda db, actor: document_copies.acknowledge(db, actor, copy_id, name))

    def recall(self) -> None:
        out = sorted(
            (c for c in self.copies if c.recalled_at is None), key=lambda c: not c.must_recall
        )
        copy = self._choose_copy(self.tr("Copy recalled"), out)
        if copy is None:
            return
        copy_id = copy.id
        self._write(lambda db, actor: document_copies.recall(db, actor, copy_id))

    def withdraw(self) -> None:
        code = self.selected_code()
        if code is None:
            return
        reason = dialogs.ask_text(
            self, self.tr("Withdraw %1").replace("%1", code), self.tr("Reason for withdrawal:")
        )
        if not reason:
            return
        on = self._ask_date(
            self.tr("Withdraw %1").replace("%1", code), self.tr("Withdrawn from (dd/mm/yyyy):")
        )
        if on is None:
            return
        self._write(
            lambda db, actor: document_reviews.withdraw(db, actor, code, on=on, reason=reason)
        )

    def periodic_review(self) -> None:
        code = self.selected_code()
        if code is None:
            return
        note = dialogs.ask_text(
            self,
            self.tr("Periodic review of %1").replace("%1", code),
            self.tr("Reviewed and still fit, no change. Conclusion:"),
        )
        if not note:
            return
        password = self._password(self.tr("Periodic review"))
        if password is None:
            return
        self._write(
            lambda db, actor: document_reviews.review_no_change(
                db, actor, code, password, note=note
            )
        )

    def edit_content(self) -> None:
        rev = self.open_revision()
        if rev is None:
            return
        rev_id = rev.id

        def show(draft: process_documents.DraftContent) -> None:
            dialog = ProcedureContentDialog(draft, self)
            self.last_content_dialog = dialog
            if not dialogs.run_dialog(dialog):
                return
            content = dialog.checked
            changing(
                self.ctx,
                self,
                lambda db, actor: process_documents.set_draft_content(db, actor, rev_id, content),
            ).success(self._content_saved).run()

        reading(
            self.ctx, self, lambda db, actor: process_documents.draft_content(db, actor, rev_id)
        ).success(show).run()

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
        changing(
            self.ctx, self, lambda db, actor: process_documents.attach_generated(db, actor, rev_id)
        ).success(self._attached).run()

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
        changing(
            self.ctx,
            self,
            lambda db, actor: document_service.attach_file(
                db, actor, rev_id, path.name, ops.read_file(path)
            ),
        ).success(self._attached).run()

    def _content_saved(self, saved: process_documents.DraftContent) -> None:
        if saved.file_note:
            dialogs.info(self, self.tr("Procedure content saved"), saved.file_note)

    def _attached(self, attached: document_service.Attached) -> None:
        if attached.warning:
            dialogs.info(self, self.tr("File attached"), attached.warning)

    def _ask_date(self, title: str, prompt: str) -> dt.date | None:
        """A day typed dd/mm/yyyy (today offered), or None when cancelled or mistyped
        (then said)."""
        text = dialogs.ask_text(self, title, prompt, f"{clock.today():%d/%m/%Y}")
        if not text:
            return None
        try:
            return dt.datetime.strptime(text.strip(), "%d/%m/%Y").date()
        except ValueError:
            dialogs.error(self, ValidationError(self.tr("The date must be written dd/mm/yyyy.")))
            return None

    def _password(self, meaning: str) -> str | None:
        return dialogs.ask_password(
            self,
            self.tr("Sign"),
            self.tr("Enter your password again to sign: %1").replace("%1", meaning),
        )

    def submit(self) -> None:
        """The drafter signs and sends the draft for review: what must hold is checked
        before the password is asked for."""
        rev = self.open_revision()
        if rev is None:
            return
        rev_id = rev.id

        def sign(_ok: object) -> None:
            password = self._password(self.tr("Drafted"))
            if password is None:
                return
            self._write(lambda db, actor: document_service.submit(db, actor, rev_id, password))

        reading(
            self.ctx, self, lambda db, actor: document_service.check_submit(db, actor, rev_id)
        ).success(sign).run()

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
        effective = self._ask_date(self.tr("Approve"), self.tr("Effective from (dd/mm/yyyy):"))
        if effective is None:
            return
        password = self._password(self.tr("Approved"))
        if password is None:
            return
        rev_id = rev.id
        user_id = self.ctx.actor.user_id

        def sign(choice: TokenChoice | None) -> None:
            if choice is None:  # no token: the password signature, as always
                self._write(
                    lambda db, actor: document_service.approve(
                        db, actor, rev_id, password, effective_from=effective
                    )
                )
                return
            pin = ask_pin(self, choice.key or choice.token)
            if pin is None:
                return
            self._write(
                lambda db, actor: token_signing.approve_with_token(
                    db, actor, rev_id, password, pin, effective_from=effective
                )
            )

        reading(
            self.ctx, self, lambda db, _actor: signature_service.user_choice(db, user_id)
        ).success(sign).run()

    def show_signed_pdf(self) -> None:
        """The newest revision signed with a token: its signatures checked, and the PDF
        saved where the person chooses."""
        signed = [r for r in self.revisions if r.signed_pdfs]
        if not signed:
            return
        rev = max(signed, key=lambda r: (r.issue, r.amendment))
        sha, _signer = rev.signed_pdfs[-1]
        name = f"{rev.code.replace('/', '-')}-lan-{rev.issue:02d}.{rev.amendment}-ky-so.pdf"

        def check(db: Database, _actor: Actor) -> tuple[bytes, list[SignatureCheck]]:
            from isoqms.services import files

            data = files.read_verified(db, sha)
            return data, signature_service.verify(db, data)

        def shown(found: tuple[bytes, list[SignatureCheck]]) -> None:
            data, checks = found
            box = show_checks(self, self.tr("Digital signature of %1").replace("%1", name), checks)
            save = box.addButton(
                self.tr("&Save the signed PDF…"), QMessageBox.ButtonRole.ActionRole
            )
            box.addButton(QMessageBox.StandardButton.Close)
            save.clicked.connect(lambda: self._save_signed(name, data))

        reading(self.ctx, self, check).success(shown).run()

    def _save_signed(self, name: str, data: bytes) -> None:
        target = dialogs.ask_save_file(self, self.tr("Save the signed PDF"), name, "PDF (*.pdf)")
        if not target:
            return
        path = Path(target)

        def write(_db: Database, _actor: Actor) -> Path:
            save(path, data)
            return path

        reading(self.ctx, self, write).run()

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
        reviewed = any(s.meaning == "reviewed" for s in rev.signatures)
        if not reviewed:  # the reviewer's step (an approver's comes after the review)
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
