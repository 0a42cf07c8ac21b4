"""The auditor's views beside the log: the register and procedures as of a day, a dossier's
trace, a document's signatures, the printed-copy check, and evidence packs. All reads."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from isoqms.db.engine import Database
from isoqms.domain import clock
from isoqms.domain.errors import ValidationError
from isoqms.services import anchors, auditor, evidence
from isoqms.services.auditor import AsOf, CopyCheck, DossierTrace
from isoqms.services.documents import RevisionRow
from isoqms.services.evidence import PackCheck
from isoqms.services.exports import save
from isoqms.services.uow import Actor
from isoqms.ui import dialogs
from isoqms.ui.context import AppContext
from isoqms.ui.labels import local_time, shown
from isoqms.ui.models import RowsModel
from isoqms.ui.operations import reading
from isoqms.ui.operations.documents import read_file

OK_STYLE = "color: #1b5e20; font-weight: bold;"
BAD_STYLE = "color: #b00020; font-weight: bold;"


def date_edit(day: dt.date | None = None) -> QDateEdit:
    edit = QDateEdit()
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("dd/MM/yyyy")
    day = day or clock.today()
    edit.setDate(QDate(day.year, day.month, day.day))
    return edit


def py_date(edit: QDateEdit) -> dt.date:
    d = edit.date()
    return dt.date(d.year(), d.month(), d.day())


def table(model: RowsModel, stretch: int | None = None) -> QTableView:
    """A read-only table sized to its contents; column ``stretch`` (a long name) takes the
    width left, so the columns after it stay on screen."""
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().hide()
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    if stretch is None:
        header.setStretchLastSection(True)
    else:
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return view


def _issue(issue: int | None, amendment: int | None) -> str:
    if issue is None:
        return ""
    return f"{issue:02d}" + (f".{amendment}" if amendment else "")


# ------------------------------------------------------------------ as of a day


class AsOfDocumentsModel(RowsModel):
    def headers(self) -> list[str]:
        return [self.tr("Code"), self.tr("Title"), self.tr("Issue"), self.tr("Effective from")]

    def cell(self, row: Any, column: int, role: int) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        effective = f"{row.effective_from:%d/%m/%Y}" if row.effective_from else ""
        return (row.code, row.title, _issue(row.issue, row.amendment), effective)[column]


class AsOfProceduresModel(RowsModel):
    def headers(self) -> list[str]:
        return [
            self.tr("Code"),
            self.tr("Procedure"),
            self.tr("Revision"),
            self.tr("Effective from"),
            self.tr("Time limit"),
        ]

    def cell(self, row: Any, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"SHA-256: {row.content_hash}"
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return (
            row.code,
            row.name,
            row.revision,
            f"{row.effective_from:%d/%m/%Y}",
            row.duration,
        )[column]


class AsOfPanel(QWidget):
    """What was in force on a day: the register and the procedure content."""

    loaded = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.day = date_edit()
        self.show_button = QPushButton(self.tr("&Show"))
        self.show_button.clicked.connect(self.load)
        self.documents = AsOfDocumentsModel(self)
        self.procedures = AsOfProceduresModel(self)
        self.caption = QLabel()
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("In force on")))
        bar.addWidget(self.day)
        bar.addWidget(self.show_button)
        bar.addWidget(self.caption, 1)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.setObjectName("asOfSplitter")
        splitter.addWidget(table(self.documents, stretch=1))
        splitter.addWidget(table(self.procedures, stretch=1))
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(splitter, 1)

    def load(self) -> None:
        day = py_date(self.day)
        reading(self.ctx, self, lambda db, actor: auditor.as_of(db, actor, day)).success(
            self._loaded
        ).run()

    def _loaded(self, result: AsOf) -> None:
        self.documents.set_rows(result.documents)
        self.procedures.set_rows(result.procedures)
        self.caption.setText(
            self.tr("%1 document(s) and %2 procedure(s) in force on %3")
            .replace("%1", str(len(result.documents)))
            .replace("%2", str(len(result.procedures)))
            .replace("%3", f"{result.day:%d/%m/%Y}")
        )
        self.loaded.emit()


# ------------------------------------------------------------------ dossier trace


class PrintsModel(RowsModel):
    def headers(self) -> list[str]:
        return [
            self.tr("Printed"),
            self.tr("By"),
            self.tr("Form revision"),
            self.tr("Paper"),
            self.tr("Reprint"),
            self.tr("SHA-256"),
            self.tr("File"),
        ]

    def cell(self, row: Any, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and column == 6 and not row.intact:
            return Qt.GlobalColor.red
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return (
            local_time(row.printed_at),
            row.printed_by,
            row.form_revision,
            row.paper,
            self.tr("yes") if row.reprint else "",
            row.sha256,
            self.tr("intact") if row.intact else self.tr("CHANGED OR MISSING"),
        )[column]


class TracePanel(QWidget):
    """A dossier: the procedure and form revisions it was received under, every print."""

    loaded = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.code = QLineEdit()
        self.code.setPlaceholderText(self.tr("Dossier code"))
        self.code.returnPressed.connect(self.load)
        button = QPushButton(self.tr("&Trace"))
        button.clicked.connect(self.load)
        self.summary = QPlainTextEdit()
        self.summary.setReadOnly(True)
        self.prints = PrintsModel(self)
        bar = QHBoxLayout()
        bar.addWidget(self.code, 1)
        bar.addWidget(button)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.setObjectName("traceSplitter")
        splitter.addWidget(self.summary)
        splitter.addWidget(table(self.prints))
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(splitter, 1)

    def load(self) -> None:
        code = self.code.text().strip()
        if not code:
            return
        reading(self.ctx, self, lambda db, actor: auditor.trace(db, actor, code)).success(
            self._loaded
        ).run()

    def _loaded(self, result: DossierTrace) -> None:
        d = result.detail
        ok = self.tr("matches") if result.procedure_revision_hash_ok else self.tr("DOES NOT MATCH")
        lines = [
            f"{result.code} — {d.procedure_code} {d.procedure_name}",
            self.tr("Received: %1 — %2")
            .replace("%1", f"{d.received_at:%H:%M %d/%m/%Y}")
            .replace("%2", shown(d.state)),
            self.tr("Procedure content: revision %1, in force from %2, SHA-256 %3 (%4)")
            .replace("%1", str(result.procedure_revision))
            .replace("%2", f"{result.procedure_revision_effective:%d/%m/%Y}")
            .replace("%3", result.procedure_revision_hash)
            .replace("%4", ok),
            self.tr("Approved through: %1").replace("%1", result.process_document or "—"),
            self.tr("Receipt form: %1 %2")
            .replace("%1", result.form_revision)
            .replace("%2", result.form_name),
            "",
            self.tr("Events:"),
        ]
        for e in result.events:
            when = local_time(e.at)[:16]
            if e.late and e.happened_at is not None:
                when = f"{e.happened_at:%d/%m/%Y %H:%M} *"
            lines.append(f"  {e.seq:>5}  {when}  {e.who}: {e.action_label}")
        self.summary.setPlainText("\n".join(lines))
        self.prints.set_rows(result.prints)
        self.loaded.emit()


# ------------------------------------------------------------------ signatures


class SignaturesModel(RowsModel):
    def headers(self) -> list[str]:
        return [
            self.tr("Issue"),
            self.tr("Meaning"),
            self.tr("Signed by"),
            self.tr("Title"),
            self.tr("Time"),
            self.tr("Content hash signed"),
            self.tr("Matches"),
        ]

    def cell(self, row: Any, column: int, role: int) -> Any:
        rev, sig = row
        matches = sig.content_hash == rev.content_hash
        if role == Qt.ItemDataRole.ForegroundRole and column == 6 and not matches:
            return Qt.GlobalColor.red
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return (
            _issue(rev.issue, rev.amendment),
            sig.meaning_label,
            sig.full_name,
            sig.title,
            local_time(sig.signed_at),
            sig.content_hash,
            self.tr("yes") if matches else self.tr("NO"),
        )[column]


class SignaturesPanel(QWidget):
    """Who drafted, reviewed and approved each revision of a document, over which hash."""

    loaded = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.code = QLineEdit()
        self.code.setPlaceholderText(self.tr("Document code, e.g. QT-HT-01"))
        self.code.returnPressed.connect(self.load)
        button = QPushButton(self.tr("Show &signatures"))
        button.clicked.connect(self.load)
        self.model = SignaturesModel(self)
        self.caption = QLabel()
        self.caption.setWordWrap(True)
        bar = QHBoxLayout()
        bar.addWidget(self.code, 1)
        bar.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.caption)
        layout.addWidget(table(self.model), 1)

    def load(self) -> None:
        code = self.code.text().strip()
        if code:
            reading(self.ctx, self, lambda db, actor: auditor.signatures(db, actor, code)).success(
                self._loaded
            ).run()

    def _loaded(self, rows: list[RevisionRow]) -> None:
        self.model.set_rows([(r, s) for r in rows for s in r.signatures])
        unsigned = [_issue(r.issue, r.amendment) for r in rows if not r.signatures]
        text = self.tr("%n revision(s)", "", len(rows))
        if unsigned:
            text += " — " + self.tr(
                "without signatures in the program (entered from paper, or not yet signed): %1"
            ).replace("%1", ", ".join(unsigned))
        self.caption.setText(text)
        self.loaded.emit()


# ------------------------------------------------------------------ printed-copy check


class CopyCheckPanel(QWidget):
    """Scan (or type) the QR code of a printed copy: is it the revision in force?"""

    checked = Signal(object)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.scan = QLineEdit()
        self.scan.setPlaceholderText(self.tr("Scan the QR code of the printed copy here"))
        self.scan.returnPressed.connect(self.check)
        self.result = QLabel()
        self.result.setObjectName("copyCheckResult")
        self.result.setWordWrap(True)
        note = QLabel(
            self.tr(
                "A barcode scanner types the code and presses Enter; the code can also be "
                "pasted. It holds the document code, issue, copy number and content hash."
            )
        )
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.scan)
        layout.addWidget(self.result)
        layout.addStretch(1)

    def check(self) -> None:
        payload = self.scan.text().strip()
        if not payload:
            return
        reading(self.ctx, self, lambda db, actor: auditor.check_copy(db, actor, payload)).success(
            self._checked
        ).failure(self._failed).run()

    def _checked(self, result: CopyCheck) -> None:
        self.result.setStyleSheet(OK_STYLE if result.ok else BAD_STYLE)
        self.result.setText(result.message)
        self.scan.selectAll()
        self.checked.emit(result)

    def _failed(self, exc: BaseException) -> None:
        self.result.setStyleSheet(BAD_STYLE)
        self.result.setText(dialogs.failure_text(self, exc))
        self.scan.selectAll()
        self.checked.emit(exc)


# ------------------------------------------------------------------ evidence packs


class PackPanel(QWidget):
    """Make an evidence pack for a document or a period; check a pack someone hands over."""

    made = Signal(str)
    pack_checked = Signal(object)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.code = QLineEdit()
        self.code.setPlaceholderText("QT-HT-01")
        doc_button = QPushButton(self.tr("Pack for the &document…"))
        doc_button.clicked.connect(self.pack_document)
        today = clock.today()
        self.date_from = date_edit(today.replace(day=1))
        self.date_to = date_edit(today)
        period_button = QPushButton(self.tr("Pack for the &period…"))
        period_button.clicked.connect(self.pack_period)
        check_button = QPushButton(self.tr("&Check a pack…"))
        check_button.clicked.connect(self.check_pack)
        self.against = QLineEdit()
        self.against.setPlaceholderText(
            self.tr("Optional: a checkpoint file, a backup, or NUMBER:HASH from a checkpoint page")
        )
        browse = QPushButton(self.tr("Choose chec&kpoint…"))
        browse.setObjectName("chooseCheckpoint")
        browse.clicked.connect(self.choose_checkpoint)
        self.result = QLabel()
        self.result.setWordWrap(True)
        self.result.setObjectName("packResult")
        form = QFormLayout()
        doc_row = QHBoxLayout()
        doc_row.addWidget(self.code, 1)
        doc_row.addWidget(doc_button)
        form.addRow(self.tr("Document"), doc_row)
        period_row = QHBoxLayout()
        period_row.addWidget(self.date_from)
        period_row.addWidget(QLabel("–"))
        period_row.addWidget(self.date_to)
        period_row.addWidget(period_button)
        period_row.addStretch(1)
        form.addRow(self.tr("Period"), period_row)
        note = QLabel(
            self.tr(
                "A pack is one .zip: a PDF summary (history, signatures, distribution, print "
                "log), the files of every revision, the audit events linked up to the head of "
                "the log, its checkpoint and a manifest with the SHA-256 of every file. It can "
                "be checked without this program. Checked against a checkpoint you already "
                "hold (printed in the minutes, kept with a backup), it proves its events belong "
                "to that log; its own hashes alone prove nothing against a forger."
            )
        )
        note.setWordWrap(True)
        check_row = QHBoxLayout()
        check_row.addWidget(check_button)
        check_row.addWidget(QLabel(self.tr("against")))
        check_row.addWidget(self.against, 1)
        check_row.addWidget(browse)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addLayout(form)
        layout.addLayout(check_row)
        layout.addWidget(self.result)
        layout.addStretch(1)

    def _save(self, suggested: str, make: Callable[[Database, Actor], bytes]) -> None:
        path = dialogs.ask_save_file(
            self, self.tr("Save the evidence pack"), suggested, "Zip (*.zip)"
        )
        if not path:
            return

        def run(db: Database, actor: Actor) -> str:
            save(Path(path), make(db, actor))
            return path

        reading(self.ctx, self, run).success(self._made).failure(self._failed).run()

    def pack_document(self) -> None:
        code = self.code.text().strip()
        if not code:
            self._failed(ValidationError(self.tr("Type the document code first.")))
            return
        safe = code.replace("/", "-")
        self._save(
            f"ho-so-chung-cu-{safe}.zip",
            lambda db, actor: evidence.document_pack(db, actor, code),
        )

    def pack_period(self) -> None:
        start, end = py_date(self.date_from), py_date(self.date_to)
        self._save(
            f"ho-so-chung-cu-{start:%Y%m%d}-{end:%Y%m%d}.zip",
            lambda db, actor: evidence.period_pack(db, actor, start, end),
        )

    def _made(self, path: str) -> None:
        self.result.setStyleSheet(OK_STYLE)
        self.result.setText(
            self.tr("Evidence pack saved: %1").replace("%1", str(path))
            + "\n"
            + self.tr(
                "It holds the log up to now in full, with citizens' names, ID and phone "
                "numbers: give it only to those entitled to inspect."
            )
        )
        self.made.emit(str(path))

    def _failed(self, exc: BaseException) -> None:
        self.result.setStyleSheet(BAD_STYLE)
        self.result.setText(dialogs.failure_text(self, exc))
        self.pack_checked.emit(exc)

    def choose_checkpoint(self) -> None:
        path = dialogs.ask_open_file(
            self,
            self.tr("Checkpoint to check against"),
            self.tr("Checkpoint or backup (*.json *.isoqms-backup);;All files (*)"),
        )
        if path:
            self.against.setText(path)

    def check_pack(self) -> None:
        path = dialogs.ask_open_file(self, self.tr("Check an evidence pack"), "Zip (*.zip)")
        if not path:
            return
        source = self.against.text().strip()

        def run(_db: Database, _actor: Actor) -> PackCheck:
            against = anchors.load(source) if source else None
            return evidence.verify_pack(read_file(Path(path)), against=against)

        reading(self.ctx, self, run).success(self._pack_checked).failure(self._failed).run()

    def _pack_checked(self, result: PackCheck) -> None:
        self.result.setStyleSheet(OK_STYLE if result.ok else BAD_STYLE)
        self.result.setText(result.summary())
        self.pack_checked.emit(result)
