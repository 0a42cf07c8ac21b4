"""The auditor's workspace: the log as timelines with filters and the integrity check,
and beside it the point-in-time, trace, signature, printed-copy and evidence-pack views
(:mod:`isoqms.ui.auditor`). Everything here reads."""

from __future__ import annotations

import enum
import json
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from isoqms.db.engine import Database
from isoqms.domain import audit_labels, clock
from isoqms.services import anchors, auditor, integrity, log_export
from isoqms.services.auditor import TIMELINE_KINDS, TimelineEntry, TimelineFilter
from isoqms.services.integrity import IntegrityReport
from isoqms.services.uow import Actor
from isoqms.ui import dialogs
from isoqms.ui.admin.backup import checkpoint_made_text, make_checkpoint_from
from isoqms.ui.auditor import (
    BAD_STYLE,
    OK_STYLE,
    AsOfPanel,
    CopyCheckPanel,
    PackPanel,
    SignaturesPanel,
    TracePanel,
    date_edit,
    py_date,
)
from isoqms.ui.context import AppContext
from isoqms.ui.labels import language, local_time
from isoqms.ui.models import RowsModel
from isoqms.ui.operations import reading
from isoqms.ui.pages import Page, heading

SHOWN_EVENTS = 1000


class Columns(enum.IntEnum):
    SEQ = 0
    AT = 1
    ACTOR = 2
    ACTION = 3
    ENTITY = 4


class EventsModel(RowsModel):
    def headers(self) -> list[str]:
        return [
            self.tr("No."),
            self.tr("Time"),
            self.tr("Who"),
            self.tr("Action"),
            self.tr("Record"),
        ]

    def cell(self, event: TimelineEntry, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole and column == Columns.AT and event.late:
            return self.tr("Recorded late, at %1").replace("%1", local_time(event.at))
        if role == Qt.ItemDataRole.ForegroundRole and event.late and column == Columns.AT:
            return QColor("#8a4b00")
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return {
            Columns.SEQ: lambda: event.seq,
            Columns.AT: lambda: _when(event),
            Columns.ACTOR: lambda: event.who or event.actor,
            Columns.ACTION: lambda: event.action_label or event.action,
            Columns.ENTITY: lambda: event.what or f"{event.entity} #{event.entity_id}",
        }[Columns(column)]()


def _when(event: TimelineEntry) -> str:
    """When it happened; a late entry is marked (its recording time in the tooltip)."""
    if event.late and event.happened_at is not None:
        return f"{event.happened_at:%d/%m/%Y %H:%M} *"
    return local_time(event.at)[:16]


def _pretty(value: object) -> str:
    if value is None:
        return "—"
    return json.dumps(value, ensure_ascii=False, indent=2)


class AuditPage(Page):
    watches = frozenset({"audit"})
    loaded = Signal()
    verified = Signal(object)
    exported = Signal(str)  # where the filtered log went

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.model = EventsModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.detail = QPlainTextEdit()
        self.detail.setReadOnly(True)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._show_detail())

        self.verify_button = QPushButton(self.tr("&Check integrity"))
        self.verify_button.clicked.connect(self.verify)
        self.against_button = QPushButton(self.tr("Check &against a checkpoint…"))
        self.against_button.setToolTip(
            self.tr(
                "A checkpoint kept outside the database — a checkpoint file, a backup, or the "
                "code printed on a checkpoint page — proves the log was not cut short or "
                "rewritten since it was made."
            )
        )
        self.against_button.clicked.connect(self.verify_against)
        self.anchor_button = QPushButton(self.tr("&Make a checkpoint…"))
        self.anchor_button.clicked.connect(self.make_checkpoint)
        self.result = QLabel()
        self.result.setObjectName("verifyResult")
        self.result.setWordWrap(True)
        bar = QHBoxLayout()
        bar.addWidget(self.verify_button)
        bar.addWidget(self.against_button)
        bar.addWidget(self.anchor_button)
        bar.addWidget(self.result, 1)

        # filters: the timeline of one record, a period, a person, an action
        self.kind = QComboBox()
        self.kind.addItem(self.tr("All records"), "")
        for key in TIMELINE_KINDS:
            self.kind.addItem(audit_labels.entity_label(key, language()), key)
        self.key = QLineEdit()
        self.key.setPlaceholderText(self.tr("Code, revision no. or user name"))
        self.use_dates = QCheckBox(self.tr("From"))
        self.date_from = date_edit()
        self.date_to = date_edit()
        self.person = QLineEdit()
        self.person.setPlaceholderText(self.tr("Who (user name)"))
        self.action = QLineEdit()
        self.action.setPlaceholderText(self.tr("Action, e.g. dossier."))
        self.question = QComboBox()
        self.question.setObjectName("quickQuestion")
        self.question.addItem(self.tr("Every event"), "")
        english = ctx.language == "en"
        for key, vi, en, _fields in auditor.QUICK_QUESTIONS:
            self.question.addItem(en if english else vi, key)
        self.question.currentIndexChanged.connect(lambda _i: self.refresh())
        apply = QPushButton(self.tr("&Filter"))
        apply.clicked.connect(self.refresh)
        self.export_button = QPushButton(self.tr("E&xport…"))
        self.export_button.setObjectName("exportLog")
        self.export_button.setToolTip(
            self.tr("Save the events shown by the filter as an Excel workbook or a PDF to sign")
        )
        self.export_button.clicked.connect(self.export)
        for edit in (self.key, self.person, self.action):
            edit.returnPressed.connect(self.refresh)
        filters = QHBoxLayout()
        filters.addWidget(self.question)
        filters.addWidget(self.kind)
        filters.addWidget(self.key, 1)
        filters.addWidget(self.use_dates)
        filters.addWidget(self.date_from)
        filters.addWidget(QLabel(self.tr("to")))
        filters.addWidget(self.date_to)
        filters.addWidget(self.person)
        filters.addWidget(self.action)
        filters.addWidget(apply)
        filters.addWidget(self.export_button)
        self.count = QLabel()

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setObjectName("auditLogSplitter")
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([960, 380])  # the log's columns first; the detail beside it

        log = QWidget()
        log_layout = QVBoxLayout(log)
        note = QLabel(
            self.tr(
                "Every change is recorded with who and when, and chained by SHA-256 so that "
                "any later alteration shows. At most %n event(s) are shown, newest first; "
                "an entry recorded after the fact is marked *.",
                "",
                SHOWN_EVENTS,
            )
        )
        note.setWordWrap(True)
        log_layout.addWidget(note)
        log_layout.addLayout(bar)
        log_layout.addLayout(filters)
        log_layout.addWidget(self.count)
        log_layout.addWidget(splitter, 1)

        self.as_of = AsOfPanel(ctx)
        self.trace = TracePanel(ctx)
        self.signatures = SignaturesPanel(ctx)
        self.copy_check = CopyCheckPanel(ctx)
        self.packs = PackPanel(ctx)
        self.tabs = QTabWidget()
        self.tabs.addTab(log, self.tr("Audit log"))
        self.tabs.addTab(self.as_of, self.tr("As of a date"))
        self.tabs.addTab(self.trace, self.tr("Dossier trace"))
        self.tabs.addTab(self.signatures, self.tr("Signatures"))
        self.tabs.addTab(self.copy_check, self.tr("Printed copy check"))
        self.tabs.addTab(self.packs, self.tr("Evidence packs"))

        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("Audit")))
        layout.addWidget(self.tabs, 1)

    def current_filter(self) -> TimelineFilter:
        dates = self.use_dates.isChecked()
        question = self.question.currentData() or ""
        extra = next((f for k, _vi, _en, f in auditor.QUICK_QUESTIONS if k == question), {})
        return TimelineFilter(
            kind=self.kind.currentData() or None,
            key=self.key.text().strip() or None,
            date_from=py_date(self.date_from) if dates else None,
            date_to=py_date(self.date_to) if dates else None,
            person=self.person.text().strip() or None,
            action=self.action.text().strip() or None,
            **extra,
        )

    def refresh(self) -> None:
        super().refresh()
        flt, lang = self.current_filter(), self.ctx.language
        reading(
            self.ctx,
            self,
            lambda db, actor: auditor.timeline(db, actor, flt, lang=lang, newest_first=True),
        ).success(self._loaded).failure(self._failed).run()

    def export(self) -> None:
        """The events of the filter as it stands, to .xlsx or a PDF to sign."""
        name = dialogs.ask_save_file(
            self,
            self.tr("Export the audit log"),
            f"nhat-ky-{clock.today():%Y%m%d}.xlsx",
            self.tr("Excel workbook (*.xlsx);;PDF to sign (*.pdf)"),
        )
        if not name:
            return
        path, flt, lang = Path(name), self.current_filter(), self.ctx.language

        def write(db: Database, actor: Actor) -> str:
            entries = auditor.timeline(db, actor, flt, lang=lang, newest_first=True)
            log_export.export_log(db, actor, entries, flt, path, lang=lang)
            return str(path)

        reading(self.ctx, self, write).success(self.exported.emit).run()

    def _failed(self, exc: BaseException) -> None:
        self.model.set_rows([])
        self.count.setText(dialogs.failure_text(self, exc))
        self.loaded.emit()

    def _loaded(self, events: list[TimelineEntry]) -> None:
        shown = events[:SHOWN_EVENTS]
        self.model.set_rows(shown)
        self.count.setText(
            self.tr("%1 event(s); %2 shown")
            .replace("%1", str(len(events)))
            .replace("%2", str(len(shown)))
        )
        self.loaded.emit()

    def _show_detail(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            self.detail.clear()
            return
        event = self.model.row_at(rows[0].row())
        labels = (
            self.tr("Event"),
            self.tr("Time"),
            self.tr("Who"),
            self.tr("Record"),
            self.tr("Before"),
            self.tr("After"),
            self.tr("Changed"),
        )
        changed = "\n".join(
            f"  {c.label or c.field}: "
            + (f"{c.before_text} → {c.after_text or '—'}" if c.before_text else c.after_text)
            for c in event.changes
        )
        when = local_time(event.at)
        if event.late and event.happened_at is not None:
            when = (
                self.tr("%1 (recorded late, at %2)")
                .replace("%1", f"{event.happened_at:%d/%m/%Y %H:%M}")
                .replace("%2", when)
            )
        self.detail.setPlainText(
            f"{labels[0]} {event.seq} — {event.action_label or event.action}\n"
            f"{labels[1]}: {when}\n"
            f"{labels[2]}: {event.who or event.actor}\n"
            f"{labels[3]}: {event.what or event.entity}\n"
            f"SHA-256: {event.hash}\n"
            f"({event.action} · {event.entity} #{event.entity_id})\n\n"
            f"{labels[6]}:\n{changed or '—'}\n\n"
            f"{labels[4]}:\n{_pretty(event.before)}\n\n"
            f"{labels[5]}:\n{_pretty(event.after)}"
        )

    def verify(self) -> None:
        self.verify_button.setEnabled(False)
        self.result.setStyleSheet("")
        self.result.setText(self.tr("Checking…"))
        reading(self.ctx, self, lambda db, _actor: integrity.verify(db)).success(
            self._verified
        ).run()

    def verify_against(self) -> None:
        """Against a checkpoint file or backup chosen, or the code typed from a page."""
        source = dialogs.ask_open_file(
            self,
            self.tr("Check against a checkpoint"),
            self.tr("Checkpoint or backup (*.json *.isoqms-backup);;All files (*)"),
        )
        if not source:
            typed = dialogs.ask_text(
                self,
                self.tr("Check against a checkpoint"),
                self.tr("Or type the code printed on the checkpoint page (NUMBER:HASH):"),
            )
            if not typed:
                return
            source = typed.strip()
        self.verify_button.setEnabled(False)
        self.result.setStyleSheet("")
        self.result.setText(self.tr("Checking…"))
        chosen = source
        reading(
            self.ctx,
            self,
            lambda db, _actor: integrity.verify(db, against=anchors.load(chosen)),
        ).success(self._verified).failure(self._verify_failed).run()

    def _verify_failed(self, exc: BaseException) -> None:
        self.verify_button.setEnabled(True)
        self.result.setStyleSheet(BAD_STYLE)
        self.result.setText(dialogs.failure_text(self, exc))
        self.verified.emit(exc)

    def make_checkpoint(self) -> None:
        make_checkpoint_from(self, self._checkpoint_made, self._verify_failed)

    def _checkpoint_made(self, made: tuple[int, Path, Path]) -> None:
        self.result.setStyleSheet(OK_STYLE)
        self.result.setText(checkpoint_made_text(made))
        self.verified.emit(made)

    def _verified(self, result: IntegrityReport) -> None:
        self.verify_button.setEnabled(True)
        self.result.setStyleSheet(OK_STYLE if result.ok else BAD_STYLE)
        self.result.setText(result.summary())
        self.verified.emit(result)
