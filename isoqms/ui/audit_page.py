"""The audit log as it stands, and the integrity check of its hash chain.

The auditor's full workspace (timelines, point-in-time views, evidence packs) grows here.
"""

from __future__ import annotations

import enum
import json
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from isoqms.services import audit as audit_service
from isoqms.services.audit import EventView, VerifyResult
from isoqms.ui.context import AppContext
from isoqms.ui.labels import local_time
from isoqms.ui.models import RowsModel
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

    def cell(self, event: EventView, column: int, role: int) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return {
            Columns.SEQ: lambda: event.seq,
            Columns.AT: lambda: local_time(event.at),
            Columns.ACTOR: lambda: event.actor,
            Columns.ACTION: lambda: event.action,
            Columns.ENTITY: lambda: f"{event.entity} #{event.entity_id}",
        }[Columns(column)]()


def _pretty(text: str | None) -> str:
    if not text:
        return "—"
    return json.dumps(json.loads(text), ensure_ascii=False, indent=2)


class AuditPage(Page):
    watches = frozenset({"audit"})
    loaded = Signal()
    verified = Signal(object)

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
        self.result = QLabel()
        self.result.setObjectName("verifyResult")
        self.result.setWordWrap(True)
        bar = QHBoxLayout()
        bar.addWidget(self.verify_button)
        bar.addWidget(self.result, 1)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)

        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("Audit log")))
        note = QLabel(
            self.tr(
                "The latest %n event(s). Every change is recorded with who and when, and "
                "chained by SHA-256 so that any later alteration shows.",
                "",
                SHOWN_EVENTS,
            )
        )
        note.setWordWrap(True)
        layout.addWidget(note)
        layout.addLayout(bar)
        layout.addWidget(splitter, 1)

    def refresh(self) -> None:
        super().refresh()
        self.ctx.read(
            lambda: audit_service.list_events(self.ctx.db, self.ctx.actor, limit=SHOWN_EVENTS),
            self._loaded,
            parent=self,
        )

    def _loaded(self, events: object) -> None:
        assert isinstance(events, list)
        self.model.set_rows(events)
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
        )
        self.detail.setPlainText(
            f"{labels[0]} {event.seq} — {event.action}\n"
            f"{labels[1]}: {local_time(event.at)}\n"
            f"{labels[2]}: {event.actor}\n"
            f"{labels[3]}: {event.entity} #{event.entity_id}\n"
            f"SHA-256: {event.hash}\n\n"
            f"{labels[4]}:\n{_pretty(event.before)}\n\n"
            f"{labels[5]}:\n{_pretty(event.after)}"
        )

    def verify(self) -> None:
        self.verify_button.setEnabled(False)
        self.result.setText(self.tr("Checking…"))
        self.ctx.read(lambda: audit_service.verify_chain(self.ctx.db), self._verified, parent=self)

    def _verified(self, result: object) -> None:
        assert isinstance(result, VerifyResult)
        self.verify_button.setEnabled(True)
        if result.ok:
            self.result.setStyleSheet("color: #1b5e20; font-weight: bold;")
            self.result.setText(
                self.tr("Intact: %n event(s), hash chain matches.", "", result.events)
            )
        else:
            self.result.setStyleSheet("color: #b00020; font-weight: bold;")
            self.result.setText(result.summary())
        self.verified.emit(result)
