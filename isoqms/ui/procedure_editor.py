"""The editor of a procedure's content (TTHC): processing time and its unit, cut-off, fee,
papers with their quantities and blank form, sets, result, legal basis, conditions and the
step table — on the draft of the procedure's process document. What the draft changes
against the content in force is shown as it is typed; the content is checked field by
field (the domain's own rules, in Vietnamese) before the dialog closes."""

from __future__ import annotations

from html import escape
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
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from isoqms.domain.calendar import DurationUnit
from isoqms.domain.errors import ValidationError
from isoqms.domain.office_hours import format_time
from isoqms.domain.procedure import (
    MAX_COUNT,
    MAX_DAYS,
    MAX_HOURS,
    ProcedureContent,
    content_changes,
)
from isoqms.services.process_documents import DraftContent

PAPER_COLUMNS = 5  # name, originals, certified, copies, form (+ the "if any" box)
STEP_COLUMNS = 4  # work, responsible, time, result


def _item(text: str) -> QTableWidgetItem:
    return QTableWidgetItem(text)


class ListTable(QWidget):
    """A table of rows the secretary adds, removes and moves, with its buttons."""

    changed = Signal()

    def __init__(
        self, headers: list[str], parent: QWidget | None = None, *, checkable: int | None = None
    ) -> None:
        super().__init__(parent)
        #: a column of check boxes rather than text (a new row's starts unchecked)
        self.checkable = checkable
        self.table = QTableWidget(0, len(headers))
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setDefaultSectionSize(28)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.itemChanged.connect(lambda _i: self.changed.emit())
        self.add_button = QPushButton(self.tr("&Add a row"))
        self.remove_button = QPushButton(self.tr("Re&move the row"))
        self.up_button = QPushButton(self.tr("Move &up"))
        self.add_button.clicked.connect(self.add_row)
        self.remove_button.clicked.connect(self.remove_row)
        self.up_button.clicked.connect(self.move_up)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.remove_button, self.up_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

    def add_row(self) -> int:
        row = self.table.rowCount()
        self.table.insertRow(row)
        for column in range(self.table.columnCount()):
            if column == self.checkable:
                box = QTableWidgetItem()
                box.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled)
                box.setCheckState(Qt.CheckState.Unchecked)
                self.table.setItem(row, column, box)
            else:
                self.table.setItem(row, column, _item(""))
        self.table.setCurrentCell(row, 0)
        self.changed.emit()
        return row

    def remove_row(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)
            self.changed.emit()

    def move_up(self) -> None:
        row = self.table.currentRow()
        if row <= 0:
            return
        for column in range(self.table.columnCount()):
            above = self.table.takeItem(row - 1, column)
            here = self.table.takeItem(row, column)
            self.table.setItem(row - 1, column, here)
            self.table.setItem(row, column, above)
        self.table.setCurrentCell(row - 1, 0)
        self.changed.emit()

    def text(self, row: int, column: int) -> str:
        item = self.table.item(row, column)
        return item.text().strip() if item is not None else ""

    def set_row(self, row: int, texts: list[str]) -> None:
        for column, text in enumerate(texts):
            self.table.setItem(row, column, _item(text))

    def rows(self) -> int:
        return self.table.rowCount()


class ProcedureContentDialog(QDialog):
    """Edit the content a process document's draft carries."""

    def __init__(self, draft: DraftContent, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.draft = draft
        self.setWindowTitle(
            self.tr("Procedure content — %1, draft of %2 issue %3")
            .replace("%1", draft.procedure_code)
            .replace("%2", draft.code)
            .replace("%3", f"{draft.issue:02d}")
        )
        self.resize(1040, 620)
        self.amount = QSpinBox()
        self.amount.setObjectName("durationAmount")
        self.amount.setRange(0, MAX_HOURS)
        self.unit = QComboBox()
        self.unit.setObjectName("durationUnit")
        self.unit.addItem(self.tr("working days"), DurationUnit.DAYS.value)
        self.unit.addItem(self.tr("days (rest days included)"), DurationUnit.CALENDAR_DAYS.value)
        self.unit.addItem(self.tr("working hours"), DurationUnit.HOURS.value)
        self.unit.addItem(self.tr("same day"), DurationUnit.SAME_DAY.value)
        self.cutoff = QLineEdit()
        self.cutoff.setPlaceholderText(self.tr("HH:MM, empty if none"))
        self.cutoff.setMaximumWidth(120)
        self.fee = QLineEdit()
        same = self.tr("as at the desk")
        self.fee_online = QLineEdit()
        self.fee_online.setPlaceholderText(same)
        self.fee_postal = QLineEdit()
        self.fee_postal.setPlaceholderText(same)
        self.sets = QSpinBox()
        self.sets.setRange(1, MAX_COUNT)
        self.result_edit = QLineEdit()
        self.where = QLineEdit()
        self.conditions = QPlainTextEdit()
        self.conditions.setTabChangesFocus(True)
        self.legal = QPlainTextEdit()
        self.legal.setTabChangesFocus(True)
        self.legal.setPlaceholderText(self.tr("One document per line"))
        self.note = QLineEdit()
        time_row = QHBoxLayout()
        time_row.addWidget(self.amount)
        time_row.addWidget(self.unit)
        time_row.addWidget(QLabel(self.tr("Cut-off:")))
        time_row.addWidget(self.cutoff)
        time_row.addStretch(1)
        general = QWidget()
        form = QFormLayout(general)
        # a row that is a layout gets no buddy from the form: the label needs its own,
        # or it shows the "&" (the unit, not the amount, which same-day disables)
        time_label = QLabel(self.tr("Processing &time:"))
        time_label.setBuddy(self.unit)
        form.addRow(time_label, time_row)
        form.addRow(self.tr("&Fee:"), self.fee)
        form.addRow(self.tr("Fee &online:"), self.fee_online)
        form.addRow(self.tr("Fee by &post:"), self.fee_postal)
        form.addRow(self.tr("Number of &sets:"), self.sets)
        form.addRow(self.tr("&Result:"), self.result_edit)
        form.addRow(self.tr("&Where to hand in:"), self.where)
        form.addRow(self.tr("&Conditions:"), self.conditions)
        form.addRow(self.tr("&Legal basis:"), self.legal)
        form.addRow(self.tr("&Note:"), self.note)

        self.papers = ListTable(
            [
                self.tr("Paper"),
                self.tr("Originals"),
                self.tr("Certified copies"),
                self.tr("Copies"),
                self.tr("Blank form"),
                self.tr("Only if any"),
            ],
            checkable=PAPER_COLUMNS,
        )
        self.papers.setObjectName("papers")
        self.steps = ListTable(
            [
                self.tr("Work (step)"),
                self.tr("Responsible"),
                self.tr("Time"),
                self.tr("Form / result"),
            ]
        )
        self.steps.setObjectName("steps")
        self.changes = QTextBrowser()
        self.changes.setObjectName("contentChanges")
        self.tabs = QTabWidget()
        self.tabs.addTab(general, self.tr("&General"))
        self.tabs.addTab(self.papers, self.tr("&Papers"))
        self.tabs.addTab(self.steps, self.tr("St&eps"))
        self.tabs.addTab(self.changes, self.tr("&What changes"))
        self.problem = QLabel()
        self.problem.setObjectName("contentProblem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #b00020;")
        self.problem.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("&Save to the draft"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.set_content(draft.content)
        for widget in (self.amount, self.sets):
            widget.valueChanged.connect(lambda _v: self.show_changes())
        self.unit.currentIndexChanged.connect(lambda _i: self._unit_changed())
        for line in (
            self.cutoff,
            self.fee,
            self.fee_online,
            self.fee_postal,
            self.result_edit,
            self.where,
            self.note,
        ):
            line.textChanged.connect(lambda _t: self.show_changes())
        for box in (self.conditions, self.legal):
            box.textChanged.connect(self.show_changes)
        self.papers.changed.connect(self.show_changes)
        self.steps.changed.connect(self.show_changes)
        self._unit_changed()
        self.amount.setFocus()

    # ------------------------------------------------------------------ in and out

    def set_content(self, content: ProcedureContent) -> None:
        self.unit.setCurrentIndex(self.unit.findData(content.duration.unit.value))
        self.amount.setValue(content.duration.amount)
        self.cutoff.setText(format_time(content.cutoff) if content.cutoff else "")
        self.fee.setText(content.fee)
        self.fee_online.setText(content.fee_online)
        self.fee_postal.setText(content.fee_postal)
        self.sets.setValue(content.sets)
        self.result_edit.setText(content.result)
        self.where.setText(content.where)
        self.conditions.setPlainText(content.conditions)
        self.legal.setPlainText("\n".join(content.legal_basis))
        self.note.setText(content.note)
        self.papers.table.setRowCount(0)
        for paper in content.papers:
            row = self.papers.add_row()
            self.papers.set_row(
                row,
                [
                    paper.name,
                    str(paper.originals),
                    str(paper.certified),
                    str(paper.copies),
                    paper.form,
                ],
            )
            box = self.papers.table.item(row, PAPER_COLUMNS)
            assert box is not None  # made by add_row
            box.setCheckState(Qt.CheckState.Unchecked if paper.required else Qt.CheckState.Checked)
        self.steps.table.setRowCount(0)
        for step in content.steps:
            row = self.steps.add_row()
            self.steps.set_row(row, [step.work, step.responsible, step.time, step.result])

    def raw(self) -> dict[str, Any]:
        """What the fields hold, as the content's JSON (checked by :meth:`content`)."""
        papers = []
        for row in range(self.papers.rows()):
            box = self.papers.table.item(row, PAPER_COLUMNS)
            papers.append(
                {
                    "name": self.papers.text(row, 0),
                    "originals": self.papers.text(row, 1) or 0,
                    "certified": self.papers.text(row, 2) or 0,
                    "copies": self.papers.text(row, 3) or 0,
                    "form": self.papers.text(row, 4),
                    "required": box is None or box.checkState() != Qt.CheckState.Checked,
                }
            )
        steps = [
            {
                "no": row + 1,
                "work": self.steps.text(row, 0),
                "responsible": self.steps.text(row, 1),
                "time": self.steps.text(row, 2),
                "result": self.steps.text(row, 3),
            }
            for row in range(self.steps.rows())
        ]
        unit = self.unit.currentData()
        return {
            "duration": {
                "unit": unit,
                "amount": 0 if unit == DurationUnit.SAME_DAY.value else self.amount.value(),
            },
            "cutoff": self.cutoff.text().strip() or None,
            "fee": self.fee.text(),
            "fee_online": self.fee_online.text(),
            "fee_postal": self.fee_postal.text(),
            "papers": papers,
            "sets": self.sets.value(),
            "result": self.result_edit.text(),
            "legal_basis": [
                line.strip() for line in self.legal.toPlainText().splitlines() if line.strip()
            ],
            "steps": steps,
            "conditions": self.conditions.toPlainText(),
            "where": self.where.text(),
            "note": self.note.text(),
        }

    def content(self) -> ProcedureContent:
        """The content as entered, checked field by field; raises ValidationError."""
        data = self.raw()
        by_days = data["duration"]["unit"] in (
            DurationUnit.DAYS.value,
            DurationUnit.CALENDAR_DAYS.value,
        )
        if by_days and data["duration"]["amount"] < 1:
            raise ValidationError("Thời hạn giải quyết theo ngày phải từ 1 ngày trở lên.")
        if by_days and data["duration"]["amount"] > MAX_DAYS:
            raise ValidationError(f"Thời hạn giải quyết quá dài (tối đa {MAX_DAYS} ngày).")
        return ProcedureContent.from_dict(data, strict=True)

    # ------------------------------------------------------------------ feedback

    def _unit_changed(self) -> None:
        self.amount.setEnabled(self.unit.currentData() != DurationUnit.SAME_DAY.value)
        self.show_changes()

    def show_changes(self) -> None:
        try:
            content = self.content()
        except ValidationError as exc:
            self.problem.setText(exc.message)
            self.problem.show()
            return
        self.problem.hide()
        if self.draft.in_force is None:
            self.changes.setPlainText(self.tr("No content approved yet: all of it is new."))
            return
        changes = content_changes(self.draft.in_force, content)
        if not changes:
            self.changes.setPlainText(self.tr("The same as the content last approved."))
            return
        rows = "".join(
            f"<tr><td><b>{escape(c.what)}</b></td><td>{escape(c.before)}</td>"
            f"<td>{escape(c.after)}</td></tr>"
            for c in changes
        )
        what, before, after = self.tr("What"), self.tr("In force"), self.tr("In this draft")
        self.changes.setHtml(
            "<table border='1' cellspacing='0' cellpadding='4'>"
            f"<tr><th>{what}</th><th>{before}</th><th>{after}</th></tr>{rows}</table>"
        )

    def accept(self) -> None:
        try:
            self.checked = self.content()
        except ValidationError as exc:
            self.problem.setText(exc.message)
            self.problem.show()
            return
        super().accept()
