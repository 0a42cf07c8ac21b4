"""The counter's screen, keyboard-first: find the procedure as you type, fill in the
applicant, tick the papers against the revision in force, Ctrl+Enter — code, appointment,
preview of the slip, print or save. Missing papers lead to the supplement request
(Mẫu 02) instead, a refusal to Mẫu 03."""

from __future__ import annotations

import enum
import time
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from isoqms.domain.dossier import Channel, Delivery
from isoqms.domain.procedure import Paper
from isoqms.services.intake import Applicant, IntakeDraft, NoticeDraft, PaperReceived
from isoqms.services.procedures import Catalogue, ProcedureRow, RevisionView
from isoqms.ui import dialogs
from isoqms.ui.context import AppContext
from isoqms.ui.labels import language, shown
from isoqms.ui.operations import Query
from isoqms.ui.operations import intake as ops
from isoqms.ui.operations.intake import IssuedNotice, ReceivedSlip
from isoqms.ui.pages import Page, heading
from isoqms.ui.pdf_view import warm_up
from isoqms.ui.print_preview import PrintPreview


class ProcedureListModel(QAbstractListModel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[ProcedureRow] = []

    def set_rows(self, rows: list[ProcedureRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> ProcedureRow:
        return self._rows[row]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{row.code} — {row.name}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{row.field}\n{row.name}"
        if role == Qt.ItemDataRole.ForegroundRole and not row.has_revision_in_force:
            return Qt.GlobalColor.gray
        return None


class PaperColumns(enum.IntEnum):
    RECEIVED = 0
    NAME = 1
    ORIGINALS = 2
    CERTIFIED = 3
    COPIES = 4


@dataclass
class PaperRow:
    paper: Paper
    received: bool
    originals: int
    certified: int
    copies: int


class PapersModel(QAbstractTableModel):
    """The revision's checklist: tick what was handed in, adjust the quantities."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[PaperRow] = []

    def set_papers(self, papers: tuple[Paper, ...]) -> None:
        self.beginResetModel()
        self._rows = [PaperRow(p, False, p.originals, p.certified, p.copies) for p in papers]
        self.endResetModel()

    def rows(self) -> list[PaperRow]:
        return list(self._rows)

    def set_received(self, row: int, received: bool) -> None:
        self.setData(
            self.index(row, PaperColumns.RECEIVED),
            Qt.CheckState.Checked if received else Qt.CheckState.Unchecked,
            Qt.ItemDataRole.CheckStateRole,
        )

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(PaperColumns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if not 0 <= section < len(PaperColumns):
            return None
        return {
            PaperColumns.RECEIVED: self.tr("Handed in"),
            PaperColumns.NAME: self.tr("Paper"),
            PaperColumns.ORIGINALS: self.tr("Originals"),
            PaperColumns.CERTIFIED: self.tr("Certified"),
            PaperColumns.COPIES: self.tr("Copies"),
        }[PaperColumns(section)]

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == PaperColumns.RECEIVED:
            return base | Qt.ItemFlag.ItemIsUserCheckable
        if index.column() in (PaperColumns.ORIGINALS, PaperColumns.CERTIFIED, PaperColumns.COPIES):
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = PaperColumns(index.column())
        if column is PaperColumns.RECEIVED:
            if role == Qt.ItemDataRole.CheckStateRole:
                return Qt.CheckState.Checked if row.received else Qt.CheckState.Unchecked
            return None
        if role == Qt.ItemDataRole.ToolTipRole and column is PaperColumns.NAME:
            return row.paper.name
        if (
            role == Qt.ItemDataRole.ForegroundRole
            and column is PaperColumns.NAME
            and not row.paper.required
        ):
            return Qt.GlobalColor.darkGray
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return None
        if column is PaperColumns.NAME:
            suffix = "" if row.paper.required else self.tr(" (if applicable)")
            return row.paper.name + suffix
        return {
            PaperColumns.ORIGINALS: row.originals,
            PaperColumns.CERTIFIED: row.certified,
            PaperColumns.COPIES: row.copies,
        }[column]

    def setData(
        self,
        index: QModelIndex | QPersistentModelIndex,
        value: Any,
        role: int = Qt.ItemDataRole.EditRole,
    ) -> bool:
        if not index.isValid():
            return False
        row = self._rows[index.row()]
        column = PaperColumns(index.column())
        if column is PaperColumns.RECEIVED and role == Qt.ItemDataRole.CheckStateRole:
            row.received = Qt.CheckState(value) == Qt.CheckState.Checked
        elif role == Qt.ItemDataRole.EditRole and column is not PaperColumns.NAME:
            try:
                number = int(value)
            except (TypeError, ValueError):
                return False
            if number < 0:
                return False
            setattr(
                row,
                {
                    PaperColumns.ORIGINALS: "originals",
                    PaperColumns.CERTIFIED: "certified",
                    PaperColumns.COPIES: "copies",
                }[column],
                number,
            )
        else:
            return False
        self.dataChanged.emit(index, index, [role])
        return True


class ReasonDialog(QDialog):
    def __init__(self, title: str, prompt: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(520)
        self.reason = QPlainTextEdit()
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(prompt))
        layout.addWidget(self.reason)
        hint = QLabel(self.tr("Enter starts a new line; Ctrl+Enter confirms."))
        hint.setStyleSheet("color: #555;")
        layout.addWidget(hint)
        dialogs.ctrl_enter_accepts(self)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


class IntakePage(Page):
    #: the catalogue reloads when procedures or their content change (a process document's
    #: approval approves its procedure content too)
    watches = frozenset({"procedure", "procedure_revision"})
    searched = Signal()
    procedure_loaded = Signal(object)
    received = Signal(object)
    notice_issued = Signal(object)
    details_offered = Signal(object)  # Applicant | None

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.revision: RevisionView | None = None
        self.last_timing_ms: float = 0.0
        # The catalogue is read in the background, then searched here, on the GUI thread,
        # as each key is typed: the rows shown always answer the text on screen, and Enter
        # takes the highlighted one (a background search let Enter take the rows of the
        # text before the last keys: "ket hon" + Enter loaded khai sinh).
        self.catalogue: Catalogue | None = None
        self._enter_pending = False

        # --- procedure search
        self.search = QLineEdit()
        self.search.setObjectName("procedureSearch")
        self.search.setPlaceholderText(self.tr("Find a procedure: code or name, accents optional"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda _t: self.run_search())
        self.search.returnPressed.connect(self.choose_first)
        self.search.installEventFilter(self)
        self.results_model = ProcedureListModel(self)
        self.results = QListView()
        self.results.setObjectName("procedureResults")
        self.results.setModel(self.results_model)
        self.results.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.results.setWordWrap(True)
        self.results.setSpacing(2)
        self.results.activated.connect(self._choose_index)
        self.results.clicked.connect(self._choose_index)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.search)
        left_layout.addWidget(self.results, 1)

        # --- the dossier form
        self.procedure_label = QLabel(self.tr("Choose a procedure on the left."))
        self.procedure_label.setObjectName("procedureLabel")
        self.procedure_label.setWordWrap(True)
        self.procedure_label.setStyleSheet("font-weight: bold;")
        self.procedure_facts = QLabel()
        self.procedure_facts.setWordWrap(True)

        self.name = QLineEdit()
        self.name.setObjectName("applicantName")
        self.id_number = QLineEdit()
        self.id_number.setObjectName("idNumber")
        self.id_number.setPlaceholderText(self.tr("12 digits (citizen ID) or 9 (old ID)"))
        self.phone = QLineEdit()
        self.email = QLineEdit()
        self.address = QLineEdit()
        self.representative = QLineEdit()
        applicant = QGroupBox(self.tr("Applicant"))
        # two columns: the form stays short, so the papers checklist keeps its rows at
        # 1366×768
        form = QGridLayout(applicant)
        for row, pairs in enumerate(
            (
                ((self.tr("Full &name:"), self.name), (self.tr("&ID number:"), self.id_number)),
                ((self.tr("&Phone:"), self.phone), (self.tr("E-&mail:"), self.email)),
                (
                    (self.tr("&Address:"), self.address),
                    (self.tr("Representative:"), self.representative),
                ),
            )
        ):
            for column, (text, edit) in enumerate(pairs):
                label = QLabel(text)
                label.setBuddy(edit)
                form.addWidget(label, row, 2 * column)
                form.addWidget(edit, row, 2 * column + 1)
        form.setColumnStretch(1, 3)
        form.setColumnStretch(3, 2)
        # a citizen the desk has seen: their last details, offered for reuse
        self.returning: Applicant | None = None
        self._filling = False
        self.returning_label = QLabel()
        self.returning_label.setObjectName("returning")
        self.returning_label.setWordWrap(True)
        self.reuse_button = QPushButton(self.tr("&Use these details"))
        self.reuse_button.clicked.connect(self.reuse_details)
        returning = QHBoxLayout()
        returning.addWidget(self.returning_label, 1)
        returning.addWidget(self.reuse_button)
        form.addLayout(returning, 3, 0, 1, 4)
        self._show_returning(None)
        self.id_number.textChanged.connect(lambda _t: self.look_up_returning())
        self.phone.textChanged.connect(lambda _t: self.look_up_returning())

        self.papers_model = PapersModel(self)
        self.papers = QTableView()
        self.papers.setObjectName("papers")
        self.papers.setModel(self.papers_model)
        self.papers.verticalHeader().hide()
        header = self.papers.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(PaperColumns.NAME, QHeaderView.ResizeMode.Stretch)
        self.all_papers = QPushButton(self.tr("All &received"))
        self.all_papers.clicked.connect(self.tick_all)

        self.sets = QSpinBox()
        self.sets.setRange(1, 20)
        self.channel = QComboBox()
        for channel in Channel:
            self.channel.addItem(shown(channel), channel.value)
        self.delivery = QComboBox()
        self.delivery.addItem(self.tr("At the desk"), Delivery.DESK.value)
        self.delivery.addItem(self.tr("By public postal service"), Delivery.POST.value)
        self.note = QLineEdit()
        details = QGridLayout()
        for column, (text, widget) in enumerate(
            (
                (self.tr("Sets:"), self.sets),
                (self.tr("Channel:"), self.channel),
                (self.tr("Result collected:"), self.delivery),
            )
        ):
            details.addWidget(QLabel(text), 0, 2 * column)
            details.addWidget(widget, 0, 2 * column + 1)
        details.addWidget(QLabel(self.tr("Note:")), 1, 0)
        details.addWidget(self.note, 1, 1, 1, 5)
        details.setColumnStretch(3, 1)
        details.setColumnStretch(5, 1)

        self.confirm_button = QPushButton(self.tr("&Receive (Ctrl+Enter)"))
        self.confirm_button.setObjectName("confirm")
        self.confirm_button.setStyleSheet("font-weight: bold; padding: 6px 14px;")
        self.confirm_button.clicked.connect(self.confirm)
        self.supplement_button = QPushButton(self.tr("Supplement request (Mẫu 02)…"))
        self.supplement_button.clicked.connect(self.request_supplement)
        self.refuse_button = QPushButton(self.tr("Refuse (Mẫu 03)…"))
        self.refuse_button.clicked.connect(self.refuse)
        self.clear_button = QPushButton(self.tr("&New"))
        self.clear_button.clicked.connect(self.clear)
        self.status = QLabel()
        self.status.setObjectName("intakeStatus")
        self.status.setWordWrap(True)
        buttons = QHBoxLayout()
        for button in (
            self.confirm_button,
            self.supplement_button,
            self.refuse_button,
            self.clear_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.procedure_label)
        right_layout.addWidget(self.procedure_facts)
        right_layout.addWidget(applicant)
        papers_head = QHBoxLayout()
        papers_head.addWidget(QLabel(self.tr("Papers (check against the revision in force):")))
        papers_head.addStretch(1)
        papers_head.addWidget(self.all_papers)
        right_layout.addLayout(papers_head)
        right_layout.addWidget(self.papers, 1)
        right_layout.addLayout(details)
        right_layout.addLayout(buttons)
        right_layout.addWidget(self.status)

        splitter = QSplitter()
        splitter.setObjectName("intakeSplitter")
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([380, 620])
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("Dossier intake")))
        layout.addWidget(splitter, 1)

        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self.confirm)
        QShortcut(QKeySequence("Ctrl+F"), self, self.focus_search)
        self._set_form_enabled(False)
        # PDFium takes about a second to load the first document: not at the first receipt
        Query(ctx, self, warm_up).run()

    # ------------------------------------------------------------------ search

    def refresh(self) -> None:
        super().refresh()
        ops.catalogue(self.ctx, self).success(self._catalogue_loaded).run()

    def _catalogue_loaded(self, catalogue: Catalogue) -> None:
        self.catalogue = catalogue
        self.run_search()
        if self._enter_pending:
            self._enter_pending = False
            self.choose_first()

    def focus_first(self) -> None:
        self.focus_search()

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def run_search(self) -> None:
        """The rows for the text on screen, now (see ``catalogue``)."""
        if self.catalogue is None:
            return
        rows = self.catalogue.search(self.search.text(), limit=100)
        self.results_model.set_rows(rows)
        if rows:
            self.results.setCurrentIndex(self.results_model.index(0))
        self.searched.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Up and Down in the search box move the highlighted procedure."""
        if watched is self.search and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            step = {Qt.Key.Key_Down: 1, Qt.Key.Key_Up: -1}.get(Qt.Key(event.key()), 0)
            if step and self.results_model.rowCount():
                row = min(
                    max(self.results.currentIndex().row() + step, 0),
                    self.results_model.rowCount() - 1,
                )
                self.results.setCurrentIndex(self.results_model.index(row))
                return True
        return super().eventFilter(watched, event)

    def choose_first(self) -> None:
        """Enter: the highlighted procedure of the rows for the text on screen (once the
        catalogue has arrived, if Enter came first)."""
        if self.catalogue is None:
            self._enter_pending = True
            return
        index = self.results.currentIndex()
        if not index.isValid() and self.results_model.rowCount():
            index = self.results_model.index(0)
        if index.isValid():
            self._choose_index(index)

    def _choose_index(self, index: QModelIndex) -> None:
        self.choose(self.results_model.row_at(index.row()).code)

    def choose(self, code: str) -> None:
        ops.revision_in_force(self.ctx, self, code).success(self._loaded).run()

    def _loaded(self, revision: RevisionView) -> None:
        self.revision = revision
        content = revision.content
        self.procedure_label.setText(f"{revision.code} — {revision.name}")
        self.procedure_facts.setText(
            self.tr("Time: %1 · Fee: %2 · Revision %3 in force since %4")
            .replace("%1", content.duration_text_in(language()))
            .replace("%2", content.fee_text_in(language()))
            .replace("%3", str(revision.number))
            .replace("%4", f"{revision.effective_from:%d/%m/%Y}")
        )
        self.papers_model.set_papers(content.papers)
        self.sets.setValue(content.sets)
        self._set_form_enabled(True)
        self.name.setFocus()
        self.procedure_loaded.emit(revision)

    def _set_form_enabled(self, enabled: bool) -> None:
        for widget in (
            self.name,
            self.id_number,
            self.phone,
            self.email,
            self.address,
            self.representative,
            self.papers,
            self.all_papers,
            self.sets,
            self.channel,
            self.delivery,
            self.note,
            self.confirm_button,
            self.supplement_button,
            self.refuse_button,
        ):
            widget.setEnabled(enabled)

    # ------------------------------------------------------------------ the dossier

    def tick_all(self) -> None:
        for row, paper_row in enumerate(self.papers_model.rows()):
            if paper_row.paper.required:
                self.papers_model.set_received(row, True)

    def applicant(self) -> Applicant:
        return Applicant(
            self.name.text(),
            self.id_number.text(),
            self.phone.text(),
            self.email.text(),
            self.address.text(),
            self.representative.text(),
        )

    def missing_papers(self) -> list[PaperRow]:
        return [r for r in self.papers_model.rows() if r.paper.required and not r.received]

    def confirm(self) -> None:
        if self.revision is None or not self.confirm_button.isEnabled():
            return
        missing = self.missing_papers()
        if missing:
            names = "\n".join(f"• {r.paper.name}" for r in missing)
            if dialogs.confirm(
                self,
                self.tr("Papers missing"),
                self.tr(
                    "These papers are missing:\n%1\n\nIssue a supplement request "
                    "(Mẫu 02) instead of a receipt?"
                ).replace("%1", names),
            ):
                self.request_supplement()
            return
        draft = IntakeDraft(
            procedure_code=self.revision.code,
            applicant=self.applicant(),
            papers=tuple(
                PaperReceived(r.paper.name, r.originals, r.certified, r.copies)
                for r in self.papers_model.rows()
                if r.received
            ),
            sets=self.sets.value(),
            channel=Channel(self.channel.currentData()),
            delivery=Delivery(self.delivery.currentData()),
            note=self.note.text(),
        )
        started = time.perf_counter()
        self.confirm_button.setEnabled(False)
        self.status.setText(self.tr("Receiving…"))

        def failed(exc: BaseException) -> None:
            self.confirm_button.setEnabled(True)
            self.status.clear()
            dialogs.error(self, exc)

        ops.receive(self.ctx, self, draft).success(
            lambda result: self._received(result, started)
        ).failure(failed).run()

    def _received(self, result: ReceivedSlip, started: float) -> None:
        view = result.dossier
        self.confirm_button.setEnabled(True)
        self.status.setText(
            self.tr("Received %1 — appointment %2 — book %3, no. %4")
            .replace("%1", view.code)
            .replace("%2", f"{view.appointment:%H:%M %d/%m/%Y}")
            .replace("%3", view.book)
            .replace("%4", str(view.number))
            + (
                self.tr(
                    " — note: the official holiday schedule of %1 is not out yet; the "
                    "appointment may move when it is"
                ).replace("%1", str(view.appointment.year))
                if result.unsettled
                else ""
            )
        )
        self.received.emit(view)
        preview = PrintPreview(
            self.ctx,
            ops.receipt_draw(self.ctx, view.code),
            title=self.tr("Slip %1").replace("%1", view.code),
            drawn=result.slip,  # drawn with the receipt: shown, not drawn again
            signed_slip_of=view.code,
            parent=self,
        )
        self.last_timing_ms = (time.perf_counter() - started) * 1000
        self.last_preview = preview
        dialogs.run_dialog(preview)
        self.clear()

    def look_up_returning(self) -> None:
        """When the ID number or phone typed is a whole one the desk has seen before,
        offer that citizen's last details."""
        if self._filling:
            return
        id_number, phone = self.id_number.text(), self.phone.text()
        digits = [c for c in id_number if c.isdigit()]
        phone_digits = [c for c in phone if c.isdigit()]
        if len(digits) not in (9, 12) and len(phone_digits) not in (10, 11):
            self._show_returning(None)
            return
        ops.returning_applicant(self.ctx, self, id_number=id_number, phone=phone).success(
            lambda found: self._returning_found(id_number, phone, found)
        ).run()

    def _returning_found(self, id_number: str, phone: str, found: Applicant | None) -> None:
        if (self.id_number.text(), self.phone.text()) != (id_number, phone):
            return  # typed on meanwhile
        self._show_returning(found)

    def _show_returning(self, found: Applicant | None) -> None:
        self.returning = found
        if found is None:
            self.returning_label.clear()
        else:
            parts = [found.name, found.id_number, found.phone, found.address]
            self.returning_label.setText(
                self.tr("Seen before: %1").replace("%1", " — ".join(p for p in parts if p))
            )
        self.returning_label.setVisible(found is not None)
        self.reuse_button.setVisible(found is not None)
        self.details_offered.emit(found)

    def reuse_details(self) -> None:
        """Fill the applicant's fields left empty with the details given last time."""
        found = self.returning
        if found is None:
            return
        self._filling = True  # the numbers filled in are not a new look-up
        for edit, value in (
            (self.name, found.name),
            (self.id_number, found.id_number),
            (self.phone, found.phone),
            (self.email, found.email),
            (self.address, found.address),
            (self.representative, found.representative),
        ):
            if not edit.text().strip() and value:
                edit.setText(value)
        self._filling = False
        self._show_returning(None)
        self.papers.setFocus()

    def clear(self) -> None:
        for edit in (
            self.name,
            self.id_number,
            self.phone,
            self.email,
            self.address,
            self.representative,
            self.note,
        ):
            edit.clear()
        if self.revision is not None:
            self.papers_model.set_papers(self.revision.content.papers)
        self.channel.setCurrentIndex(0)
        self.delivery.setCurrentIndex(0)
        self.focus_search()

    def _notice(self, kind: str, reason: str, papers: tuple[PaperReceived, ...]) -> None:
        assert self.revision is not None
        draft = NoticeDraft(kind, self.revision.code, self.applicant(), reason, papers)
        ops.issue_notice(self.ctx, self, draft).success(
            lambda issued: self._issued(kind, issued)
        ).run()

    def _issued(self, kind: str, issued: IssuedNotice) -> None:
        notice = issued.notice
        self.status.setText(self.tr("Issued %1").replace("%1", notice.number))
        self.notice_issued.emit(notice)
        title = self.tr("Supplement request %1") if kind == "supplement" else self.tr("Refusal %1")
        preview = PrintPreview(
            self.ctx,
            ops.notice_draw(self.ctx, notice.id),
            title=title.replace("%1", notice.number),
            drawn=issued.slip,
            signed_notice_of=notice.id,
            parent=self,
        )
        self.last_preview = preview
        dialogs.run_dialog(preview)

    def request_supplement(self) -> None:
        if self.revision is None:
            return
        missing = self.missing_papers() or [r for r in self.papers_model.rows() if not r.received]
        dialog = ReasonDialog(
            self.tr("Supplement request"),
            self.tr("Reason (what must be supplemented or corrected):"),
            self,
        )
        dialog.reason.setPlainText(
            self.tr("Missing: %1").replace("%1", "; ".join(r.paper.name for r in missing))
        )
        if not dialogs.run_dialog(dialog):
            return
        papers = tuple(
            PaperReceived(r.paper.name, r.originals, r.certified, r.copies) for r in missing
        )
        self._notice("supplement", dialog.reason.toPlainText(), papers)

    def refuse(self) -> None:
        if self.revision is None:
            return
        dialog = ReasonDialog(self.tr("Refuse the dossier"), self.tr("Reason for refusal:"), self)
        if not dialogs.run_dialog(dialog):
            return
        self._notice("refusal", dialog.reason.toPlainText(), ())
