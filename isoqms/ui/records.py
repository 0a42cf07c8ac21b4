"""The records list (Danh mục hồ sơ): what is kept, where, for how long."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from isoqms.db.engine import Database
from isoqms.domain.roles import Permission
from isoqms.services import records as record_service
from isoqms.services.records import MEDIA, MEDIA_EN, RecordTypeDraft, RecordTypeView
from isoqms.services.uow import Actor
from isoqms.ui import dialogs
from isoqms.ui.context import AppContext
from isoqms.ui.labels import language
from isoqms.ui.models import RowsModel
from isoqms.ui.operations import changing, reading
from isoqms.ui.pages import Page, heading


def medium_name(medium: str) -> str:
    return medium if language() == "vi" else MEDIA_EN.get(medium, medium)


class RecordsModel(RowsModel):
    def headers(self) -> list[str]:
        return [
            self.tr("Record"),
            self.tr("Document"),
            self.tr("Kept by"),
            self.tr("Retention"),
            self.tr("Medium"),
            self.tr("Note"),
        ]

    def cell(self, row: RecordTypeView, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole and column == 1:
            return row.document_title
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return (
            row.name,
            row.document_code,
            row.keeper,
            row.retention,
            medium_name(row.medium),
            row.note,
        )[column]


class RecordDialog(QDialog):
    def __init__(self, line: RecordTypeView | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Change the record") if line else self.tr("Add a record"))
        self.setMinimumWidth(560)
        self.name = QLineEdit(line.name if line else "")
        self.document = QLineEdit(line.document_code if line else "")
        self.document.setPlaceholderText("QT-HT-01")
        self.keeper = QLineEdit(line.keeper if line else "")
        self.retention = QLineEdit(line.retention if line else "")
        self.retention.setPlaceholderText(self.tr("permanent, 70 years, 10 years …"))
        self.medium = QComboBox()
        for medium in MEDIA:
            self.medium.addItem(medium_name(medium), medium)
        if line:
            found = self.medium.findData(line.medium)
            if found >= 0:
                self.medium.setCurrentIndex(found)
            else:  # a medium typed before the list: kept as it is
                self.medium.addItem(line.medium, line.medium)
                self.medium.setCurrentIndex(self.medium.count() - 1)
        self.note = QLineEdit(line.note if line else "")
        form = QFormLayout(self)
        form.addRow(self.tr("Record:"), self.name)
        form.addRow(self.tr("Document (code):"), self.document)
        form.addRow(self.tr("Kept by:"), self.keeper)
        form.addRow(self.tr("Retention:"), self.retention)
        form.addRow(self.tr("Medium:"), self.medium)
        form.addRow(self.tr("Note:"), self.note)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def draft(self) -> RecordTypeDraft:
        return RecordTypeDraft(
            name=self.name.text(),
            keeper=self.keeper.text(),
            retention=self.retention.text(),
            medium=str(self.medium.currentData()),
            document_code=self.document.text(),
            note=self.note.text(),
        )


class RecordsPage(Page):
    watches = frozenset({"record_type", "document"})
    loaded = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.model = RecordsModel(self)
        self.table = QTableView()
        self.table.setObjectName("records")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate((330, 110, 220, 90, 120)):
            self.table.setColumnWidth(column, width)
        self.table.setWordWrap(True)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.add_button = QPushButton(self.tr("&Add…"))
        self.change_button = QPushButton(self.tr("&Change…"))
        self.retire_button = QPushButton(self.tr("&Remove from the list…"))
        bar = QHBoxLayout()
        for button, handler in (
            (self.add_button, self.add),
            (self.change_button, self.change),
            (self.retire_button, self.retire),
        ):
            button.clicked.connect(handler)
            button.setVisible(ctx.can(Permission.DOCS_DRAFT))
            bar.addWidget(button)
        bar.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("Records list")))
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)

    def refresh(self) -> None:
        super().refresh()

        reading(self.ctx, self, record_service.list_record_types).success(self._loaded).run()

    def _loaded(self, rows: list[RecordTypeView]) -> None:
        self.model.set_rows(rows)
        self.loaded.emit()

    def selected(self) -> RecordTypeView | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def _write(self, fn: Callable[[Database, Actor], object]) -> None:
        changing(self.ctx, self, fn).run()

    def add(self) -> None:
        dialog = RecordDialog(parent=self)
        if dialogs.run_dialog(dialog):
            draft = dialog.draft()
            self._write(lambda db, actor: record_service.add_record_type(db, actor, draft))

    def change(self) -> None:
        line = self.selected()
        if line is None:
            return
        dialog = RecordDialog(line, self)
        if dialogs.run_dialog(dialog):
            draft = dialog.draft()
            self._write(
                lambda db, actor: record_service.change_record_type(db, actor, line.id, draft)
            )

    def retire(self) -> None:
        line = self.selected()
        if line is None:
            return
        reason = dialogs.ask_text(
            self, self.tr("Remove from the list"), self.tr("Reason (the line is kept in history):")
        )
        if reason:
            self._write(
                lambda db, actor: record_service.retire_record_type(db, actor, line.id, reason)
            )
