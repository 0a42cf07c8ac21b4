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
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
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

from isoqms.domain import clock
from isoqms.domain.dossier import Channel, Delivery
from isoqms.domain.errors import ValidationError
from isoqms.domain.procedure import Paper
from isoqms.services import intake as intake_service
from isoqms.services import procedures as procedure_service
from isoqms.services.intake import Applicant, IntakeDraft, NoticeDraft, PaperReceived
from isoqms.services.procedures import Catalogue, ProcedureRow, RevisionView
from isoqms.ui import dialogs
from isoqms.ui.context import AppContext
from isoqms.ui.pages import Page, heading
from isoqms.ui.pdf_view import PagesView, pdf_images, print_dpi, print_images, warm_up


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
        self.reason = QPlainTextEdit()
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(prompt))
        layout.addWidget(self.reason)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


class SlipPreview(QDialog):
    """The slip as it will print, on the chosen paper; print or save as PDF from here."""

    rendered = Signal()
    printed = Signal(object)
    saved = Signal(str)

    def __init__(
        self,
        ctx: AppContext,
        code: str,
        *,
        notice_id: int | None = None,
        title: str = "",
        paper: str = "a5",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.code = code
        self.notice_id = notice_id
        self.setWindowTitle(title or self.tr("Slip %1").replace("%1", code))
        self.resize(720, 860)
        self.paper = QComboBox()
        self.paper.addItem("A5", "a5")
        self.paper.addItem("A4", "a4")
        self.paper.addItem(self.tr("80 mm roll"), "80mm")
        self.paper.setCurrentIndex(max(0, self.paper.findData(paper)))
        self.paper.currentIndexChanged.connect(lambda _i: self.show_preview())
        self.pages = PagesView()
        self.print_button = QPushButton(self.tr("&Print…"))
        self.print_button.setDefault(True)
        self.save_button = QPushButton(self.tr("&Save PDF…"))
        close = QPushButton(self.tr("&Close"))
        self.print_button.clicked.connect(self.print_slip)
        self.save_button.clicked.connect(self.save_slip)
        close.clicked.connect(self.accept)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Paper:")))
        bar.addWidget(self.paper)
        bar.addStretch(1)
        bar.addWidget(self.print_button)
        bar.addWidget(self.save_button)
        bar.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.pages, 1)
        self.show_preview()

    def paper_size(self) -> str:
        return str(self.paper.currentData())

    def show_preview(self) -> None:
        paper = self.paper_size()
        ctx = self.ctx

        def preview() -> list[Any]:
            return pdf_images(self.render_pdf(paper), 96)

        def show(images: object) -> None:
            assert isinstance(images, list)
            if self.paper_size() != paper:
                return  # the paper changed meanwhile; that preview will follow
            self.pages.show_images(images)
            self.rendered.emit()

        ctx.read(preview, show, parent=self)

    def render_pdf(self, paper: str) -> bytes:
        """The preview's PDF (runs on a reader thread)."""
        ctx = self.ctx
        if self.notice_id is not None:
            return intake_service.print_notice_preview(
                ctx.db, ctx.actor, self.notice_id, paper=paper
            )
        return intake_service.preview_receipt(ctx.db, ctx.actor, self.code, paper=paper)

    def _issue(self, purpose: str) -> Any:
        if self.notice_id is not None:
            return lambda: intake_service.print_notice(
                self.ctx.db,
                self.ctx.actor,
                self.notice_id or 0,
                paper=self.paper_size(),
                purpose=purpose,
            )
        return lambda: intake_service.print_receipt(
            self.ctx.db, self.ctx.actor, self.code, paper=self.paper_size(), purpose=purpose
        )

    def print_slip(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        if not dialogs.ask_printer(self, printer):
            return

        issue, dpi = self._issue("print"), print_dpi(printer)

        def issue_and_rasterise() -> tuple[intake_service.PrintedSlip, list[Any]]:
            printed = issue()
            return printed, pdf_images(printed.pdf, dpi)

        def done(result: object) -> None:
            assert isinstance(result, tuple)
            printed, images = result
            print_images(printer, images)
            self.printed.emit(printed)
            self.show_preview()  # later prints are reprints

        self.ctx.write(issue_and_rasterise, changes={"print"}, parent=self, on_success=done)

    def save_slip(self) -> None:
        name = dialogs.ask_save_file(
            self, self.tr("Save the slip"), f"{self.code}.pdf", self.tr("PDF files (*.pdf)")
        )
        if not name:
            return

        def done(printed: object) -> None:
            assert isinstance(printed, intake_service.PrintedSlip)
            from pathlib import Path

            try:
                Path(name).write_bytes(printed.pdf)
            except OSError as exc:
                dialogs.error(self, ValidationError(str(exc)))
                return
            self.saved.emit(name)
            self.show_preview()

        self.ctx.write(self._issue("save"), changes={"print"}, parent=self, on_success=done)


class IntakePage(Page):
    watches = frozenset({"procedure", "dossier"})
    searched = Signal()
    procedure_loaded = Signal(object)
    received = Signal(object)
    notice_issued = Signal(object)

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
        form = QFormLayout(applicant)
        form.addRow(self.tr("Full &name:"), self.name)
        form.addRow(self.tr("&ID number:"), self.id_number)
        form.addRow(self.tr("&Phone:"), self.phone)
        form.addRow(self.tr("&Address:"), self.address)
        form.addRow(self.tr("E-&mail:"), self.email)
        form.addRow(self.tr("Representative:"), self.representative)

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
            self.channel.addItem(channel.label, channel.value)
        self.delivery = QComboBox()
        self.delivery.addItem(self.tr("At the desk"), Delivery.DESK.value)
        self.delivery.addItem(self.tr("By public postal service"), Delivery.POST.value)
        self.note = QLineEdit()
        details = QFormLayout()
        details.addRow(self.tr("Sets:"), self.sets)
        details.addRow(self.tr("Channel:"), self.channel)
        details.addRow(self.tr("Result collected:"), self.delivery)
        details.addRow(self.tr("Note:"), self.note)

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
        ctx.read(warm_up, lambda _r: None, parent=self)

    # ------------------------------------------------------------------ search

    def refresh(self) -> None:
        super().refresh()

        def loaded(catalogue: object) -> None:
            assert isinstance(catalogue, Catalogue)
            self.catalogue = catalogue
            self.run_search()
            if self._enter_pending:
                self._enter_pending = False
                self.choose_first()

        self.ctx.read(lambda: procedure_service.catalogue(self.ctx.db), loaded, parent=self)

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
        def loaded(revision: object) -> None:
            assert isinstance(revision, RevisionView)
            self.revision = revision
            content = revision.content
            self.procedure_label.setText(f"{revision.code} — {revision.name}")
            self.procedure_facts.setText(
                self.tr("Time: %1 · Fee: %2 · Revision %3 in force since %4")
                .replace("%1", content.duration_text)
                .replace("%2", content.fee or "—")
                .replace("%3", str(revision.number))
                .replace("%4", f"{revision.effective_from:%d/%m/%Y}")
            )
            self.papers_model.set_papers(content.papers)
            self.sets.setValue(content.sets)
            self._set_form_enabled(True)
            self.name.setFocus()
            self.procedure_loaded.emit(revision)

        self.ctx.read(
            lambda: procedure_service.revision_in_force(self.ctx.db, code, clock.now()),
            loaded,
            parent=self,
        )

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

        def receive_and_render() -> tuple[intake_service.DossierView, list[Any]]:
            view = intake_service.receive(self.ctx.db, self.ctx.actor, draft)
            pdf = intake_service.preview_receipt(self.ctx.db, self.ctx.actor, view.code)
            return view, pdf_images(pdf, 96)

        def failed(exc: BaseException) -> None:
            self.confirm_button.setEnabled(True)
            self.status.clear()
            dialogs.error(self, exc)

        self.ctx.write(
            receive_and_render,
            changes={"dossier"},
            parent=self,
            on_success=lambda result: self._received(result, started),
            on_failure=failed,
        )

    def _received(self, result: object, started: float) -> None:
        assert isinstance(result, tuple)
        view, images = result
        self.last_timing_ms = (time.perf_counter() - started) * 1000
        self.confirm_button.setEnabled(True)
        self.status.setText(
            self.tr("Received %1 — appointment %2 — book %3, no. %4")
            .replace("%1", view.code)
            .replace("%2", f"{view.appointment:%H:%M %d/%m/%Y}")
            .replace("%3", view.book)
            .replace("%4", str(view.number))
        )
        self.received.emit(view)
        preview = SlipPreview(self.ctx, view.code, parent=self)
        preview.pages.show_images(images)
        self.last_preview = preview
        dialogs.run_dialog(preview)
        self.clear()

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

        def issued(notice: object) -> None:
            assert isinstance(notice, intake_service.NoticeView)
            self.status.setText(self.tr("Issued %1").replace("%1", notice.number))
            self.notice_issued.emit(notice)
            title = (
                self.tr("Supplement request %1") if kind == "supplement" else self.tr("Refusal %1")
            )
            preview = SlipPreview(
                self.ctx,
                notice.number,
                notice_id=notice.id,
                title=title.replace("%1", notice.number),
                parent=self,
            )
            self.last_preview = preview
            dialogs.run_dialog(preview)

        self.ctx.write(
            lambda: intake_service.issue_notice(self.ctx.db, self.ctx.actor, draft),
            changes={"notice"},
            parent=self,
            on_success=issued,
        )

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
