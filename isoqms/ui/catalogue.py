"""The procedure catalogue (TTHC): search, the content in force, import from the national
portal's list (.xlsx) or our content format (.json), export."""

from __future__ import annotations

import enum
from html import escape
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from isoqms.domain.roles import Permission
from isoqms.services.procedures import ImportReport, ProcedureRow, RevisionView
from isoqms.ui import dialogs
from isoqms.ui.context import AppContext
from isoqms.ui.labels import language
from isoqms.ui.models import RowsModel
from isoqms.ui.operations import catalogue as ops
from isoqms.ui.pages import Page, heading


class Columns(enum.IntEnum):
    CODE = 0
    NAME = 1
    FIELD = 2
    IN_FORCE = 3


class CatalogueModel(RowsModel):
    def headers(self) -> list[str]:
        return [self.tr("Code"), self.tr("Procedure"), self.tr("Field"), self.tr("Content")]

    def cell(self, row: ProcedureRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole and column == Columns.NAME:
            return row.name
        if role == Qt.ItemDataRole.ForegroundRole and not row.has_revision_in_force:
            return Qt.GlobalColor.gray
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return {
            Columns.CODE: lambda: row.code,
            Columns.NAME: lambda: row.name,
            Columns.FIELD: lambda: row.field,
            Columns.IN_FORCE: lambda: (
                self.tr("in force") if row.has_revision_in_force else self.tr("none yet")
            ),
        }[Columns(column)]()


def revision_html(revision: RevisionView, labels: dict[str, str]) -> str:
    content = revision.content
    papers = "".join(
        f"<tr><td>{i}</td><td>{escape(p.name)}{'' if p.required else ' ' + labels['optional']}"
        f"</td><td>{escape(p.quantity_text(language()))}</td></tr>"
        for i, p in enumerate(content.papers, start=1)
    )
    steps = "".join(
        f"<tr><td>{s.no}</td><td>{escape(s.work)}</td><td>{escape(s.responsible)}</td>"
        f"<td>{escape(s.time)}</td><td>{escape(s.result)}</td></tr>"
        for s in content.steps
    )
    basis = "".join(f"<li>{escape(b)}</li>" for b in content.legal_basis)
    return (
        f"<h3>{escape(revision.code)} — {escape(revision.name)}</h3>"
        f"<p>{labels['revision']} {revision.number} · {labels['since']} "
        f"{revision.effective_from:%d/%m/%Y}</p>"
        f"<p><b>{labels['time']}:</b> {escape(content.duration_text_in(language()))}<br>"
        f"<b>{labels['fee']}:</b> {escape(content.fee_text_in(language()))}<br>"
        f"<b>{labels['sets']}:</b> {content.sets:02d}<br>"
        f"<b>{labels['result']}:</b> {escape(content.result)}</p>"
        f"<p><b>{labels['papers']}</b></p><table border='1' cellspacing='0' cellpadding='3'>"
        f"{papers}</table>"
        f"<p><b>{labels['steps']}</b></p><table border='1' cellspacing='0' cellpadding='3'>"
        f"{steps}</table>"
        f"<p><b>{labels['basis']}</b></p><ul>{basis}</ul>"
        + (f"<p><i>{escape(content.note)}</i></p>" if content.note else "")
    )


class CataloguePage(Page):
    watches = frozenset({"procedure", "procedure_revision"})
    loaded = Signal()
    detail_shown = Signal(object)
    imported = Signal(object)
    exported = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.model = CatalogueModel(self)
        self.search = QLineEdit()
        self.search.setObjectName("catalogueSearch")
        self.search.setPlaceholderText(self.tr("Code or name, accents optional"))
        self.search.setClearButtonEnabled(True)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(150)
        self._timer.timeout.connect(self.refresh)
        self.search.textChanged.connect(lambda _t: self._timer.start())
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(Columns.NAME, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self.show_selected())
        self.detail = QTextBrowser()
        self.detail.setObjectName("procedureDetail")

        can_edit = ctx.can(Permission.DOCS_DRAFT)
        self.import_xlsx = QPushButton(self.tr("Import the portal's list (.xlsx)…"))
        self.import_json = QPushButton(self.tr("Import content (.json)…"))
        self.export_json = QPushButton(self.tr("Export content (.json)…"))
        self.import_xlsx.clicked.connect(lambda: self.import_file("xlsx"))
        self.import_json.clicked.connect(lambda: self.import_file("json"))
        self.export_json.clicked.connect(self.export_file)
        self.import_xlsx.setVisible(can_edit)
        self.import_json.setVisible(can_edit)
        bar = QHBoxLayout()
        bar.addWidget(self.search, 1)
        for button in (self.import_xlsx, self.import_json, self.export_json):
            bar.addWidget(button)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setObjectName("catalogueSplitter")
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("Administrative procedures")))
        layout.addLayout(bar)
        layout.addWidget(splitter, 1)

    def refresh(self) -> None:
        super().refresh()
        query = self.search.text()
        ops.search(self.ctx, self, query).success(lambda rows: self._loaded(query, rows)).run()

    def _loaded(self, query: str, rows: list[ProcedureRow]) -> None:
        if query == self.search.text():  # the latest search only
            self.model.set_rows(rows)
            self.loaded.emit()

    def _labels(self) -> dict[str, str]:
        return {
            "revision": self.tr("Revision"),
            "since": self.tr("in force since"),
            "time": self.tr("Processing time"),
            "fee": self.tr("Fee"),
            "sets": self.tr("Sets"),
            "result": self.tr("Result"),
            "papers": self.tr("Papers"),
            "steps": self.tr("Steps"),
            "basis": self.tr("Legal basis"),
            "optional": self.tr("(if applicable)"),
        }

    def show_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return
        row: ProcedureRow = self.model.row_at(rows[0].row())
        labels = self._labels()

        def shown(result: RevisionView | str) -> None:
            if isinstance(result, RevisionView):
                self.detail.setHtml(revision_html(result, labels))
            else:
                self.detail.setHtml(
                    f"<h3>{escape(row.code)} — {escape(row.name)}</h3><p>{escape(result)}</p>"
                )
            self.detail_shown.emit(result)

        ops.content_in_force(self.ctx, self, row.code).success(shown).run()

    def import_file(self, kind: str) -> None:
        filters = (
            self.tr("Excel files (*.xlsx)") if kind == "xlsx" else self.tr("JSON files (*.json)")
        )
        name = dialogs.ask_open_file(self, self.tr("Import procedures"), filters)
        if not name:
            return
        ops.import_file(self.ctx, self, Path(name), kind).success(self._imported).run()

    def _imported(self, report: ImportReport) -> None:
        dialogs.info(self, self.tr("Import"), report.summary())
        self.imported.emit(report)

    def export_file(self) -> None:
        name = dialogs.ask_save_file(
            self, self.tr("Export procedures"), "thu-tuc.json", self.tr("JSON files (*.json)")
        )
        if not name:
            return
        ops.export_file(self.ctx, self, Path(name)).success(
            lambda path: self.exported.emit(str(path))
        ).run()
