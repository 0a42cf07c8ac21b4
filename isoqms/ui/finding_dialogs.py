"""Dialogs of the ISO cycle: a finding raised, its corrective action planned, a line of
the risks register, the management review meeting recorded with its decisions."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
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
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from isoqms.domain import clock
from isoqms.domain.errors import ValidationError
from isoqms.domain.findings import FindingKind, FindingSource
from isoqms.domain.risks import RiskKind
from isoqms.domain.roles import Permission, permissions_of
from isoqms.services.findings import ActionPlan, FindingDraft
from isoqms.services.management_review import ReviewDecision, ReviewRecord
from isoqms.services.risks import RiskDraft, RiskView
from isoqms.services.users import UserInfo
from isoqms.ui.labels import shown


def _date_box(day: dt.date) -> QDateEdit:
    box = QDateEdit()
    box.setDisplayFormat("dd/MM/yyyy")
    box.setCalendarPopup(True)
    box.setDate(QDate(day.year, day.month, day.day))
    return box


def _day(box: QDateEdit) -> dt.date:
    value = box.date()
    return dt.date(value.year(), value.month(), value.day())


def _text_box() -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setTabChangesFocus(True)
    box.setMaximumHeight(90)
    return box


class _Checked(QDialog):
    """A form whose OK checks it first and says what is wrong without closing."""

    def __init__(self, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.problem = QLabel()
        self.problem.setStyleSheet("color: #b00020")
        self.problem.setWordWrap(True)
        self.problem.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    def check(self) -> None:
        raise NotImplementedError

    def accept(self) -> None:
        try:
            self.check()
        except ValidationError as exc:
            self.problem.setText(exc.message)
            self.problem.show()
            return
        super().accept()


class FindingDialog(_Checked):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Raise a finding"))
        self.kind = QComboBox()
        for kind in FindingKind:
            self.kind.addItem(shown(kind), kind.value)
        self.source = QComboBox()
        for source in FindingSource:
            self.source.addItem(shown(source), source.value)
        self.clause = QLineEdit()
        self.clause.setPlaceholderText("8.5.1")
        self.process = QLineEdit()
        self.process.setPlaceholderText("QT-HT-01")
        self.description = _text_box()
        self.evidence = _text_box()
        form = QFormLayout()
        form.addRow(self.tr("&Kind:"), self.kind)
        form.addRow(self.tr("&Source:"), self.source)
        form.addRow(self.tr("C&lause (TCVN ISO 9001:2015):"), self.clause)
        form.addRow(self.tr("&Process (document code):"), self.process)
        form.addRow(self.tr("&Description:"), self.description)
        form.addRow(self.tr("&Evidence:"), self.evidence)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.resize(620, 420)

    def prefill(self, draft: FindingDraft) -> None:
        """Start from what the program already knows (the counter's figures)."""
        for box, value in ((self.kind, draft.kind), (self.source, draft.source)):
            index = box.findData(getattr(value, "value", value))
            if index >= 0:
                box.setCurrentIndex(index)
        self.clause.setText(draft.clause)
        self.process.setText(draft.process)
        self.description.setPlainText(draft.description)
        self.evidence.setPlainText(draft.evidence)

    def draft(self) -> FindingDraft:
        return FindingDraft(
            self.kind.currentData(),
            self.description.toPlainText(),
            self.source.currentData(),
            self.clause.text(),
            self.process.text(),
            self.evidence.toPlainText(),
        )

    def check(self) -> None:
        if not self.description.toPlainText().strip():
            raise ValidationError("Chưa mô tả phát hiện.")


class PlanDialog(_Checked):
    def __init__(self, users: list[UserInfo], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Corrective action"))
        self.correction = _text_box()
        self.cause = _text_box()
        self.action = _text_box()
        self.owner = QComboBox()
        for user in users:
            # an owner who may carry the action out (not a read-only or admin-only user)
            if user.active and Permission.FINDINGS_ACT in permissions_of(user.roles):
                self.owner.addItem(f"{user.full_name} ({user.username})", user.username)
        self.due = QDateEdit()
        self.due.setDisplayFormat("dd/MM/yyyy")
        self.due.setCalendarPopup(True)
        later = clock.today() + dt.timedelta(days=30)
        self.due.setDate(QDate(later.year, later.month, later.day))
        form = QFormLayout()
        form.addRow(self.tr("Immediate &correction:"), self.correction)
        form.addRow(self.tr("Root c&ause:"), self.cause)
        form.addRow(self.tr("Corrective &action:"), self.action)
        form.addRow(self.tr("&Owner:"), self.owner)
        form.addRow(self.tr("&Due:"), self.due)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.resize(620, 460)

    def plan(self) -> ActionPlan:
        due = self.due.date()
        return ActionPlan(
            self.correction.toPlainText(),
            self.cause.toPlainText(),
            self.action.toPlainText(),
            self.owner.currentData() or "",
            dt.date(due.year(), due.month(), due.day()),
        )

    def check(self) -> None:
        if not self.action.toPlainText().strip():
            raise ValidationError("Chưa ghi hành động khắc phục.")
        if self.owner.currentData() is None:
            raise ValidationError("Chưa chọn người thực hiện.")


class RiskDialog(_Checked):
    """A line of the risks and opportunities register, new or reviewed."""

    def __init__(self, line: RiskView | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Risk or opportunity"))
        self.kind = QComboBox()
        for kind in RiskKind:
            self.kind.addItem(shown(kind), kind.value)
        self.process = QLineEdit()
        self.process.setPlaceholderText("QT-HT-01")
        self.description = _text_box()
        self.likelihood = QComboBox()
        self.impact = QComboBox()
        for box in (self.likelihood, self.impact):
            for value, label in ((1, self.tr("1 — low")), (2, self.tr("2 — medium")),
                                 (3, self.tr("3 — high"))):  # fmt: skip
                box.addItem(label, value)
        self.action = _text_box()
        self.review = QDateEdit()
        self.review.setDisplayFormat("dd/MM/yyyy")
        self.review.setCalendarPopup(True)
        later = clock.today() + dt.timedelta(days=90)
        self.review.setDate(QDate(later.year, later.month, later.day))
        if line is not None:
            self.kind.setCurrentIndex(self.kind.findData(line.kind))
            self.process.setText(line.process)
            self.description.setPlainText(line.description)
            self.likelihood.setCurrentIndex(self.likelihood.findData(line.likelihood))
            self.impact.setCurrentIndex(self.impact.findData(line.impact))
            self.action.setPlainText(line.action)
        form = QFormLayout()
        form.addRow(self.tr("&Kind:"), self.kind)
        form.addRow(self.tr("&Process (document code):"), self.process)
        form.addRow(self.tr("&Description:"), self.description)
        form.addRow(self.tr("&Likelihood:"), self.likelihood)
        form.addRow(self.tr("&Impact:"), self.impact)
        form.addRow(self.tr("&Action taken:"), self.action)
        form.addRow(self.tr("&Next review:"), self.review)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.resize(620, 460)

    def draft(self) -> RiskDraft:
        day = self.review.date()
        return RiskDraft(
            self.description.toPlainText(),
            self.likelihood.currentData(),
            self.impact.currentData(),
            self.action.toPlainText(),
            dt.date(day.year(), day.month(), day.day()),
            self.process.text(),
            self.kind.currentData(),
        )

    def check(self) -> None:
        if not self.description.toPlainText().strip():
            raise ValidationError("Chưa mô tả rủi ro hoặc cơ hội.")


class ReviewDialog(_Checked):
    """The management review meeting, recorded after it is held: its day, chair,
    participants, conclusion, and its decisions — what, who carries it out, by when."""

    def __init__(
        self, users: list[UserInfo], chair: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Management review meeting"))
        self.owners = [
            (f"{u.full_name} ({u.username})", u.username)
            for u in users
            if u.active and Permission.FINDINGS_ACT in permissions_of(u.roles)
        ]
        today = clock.today()
        self.held_on = _date_box(today)
        self.held_on.setMaximumDate(QDate(today.year, today.month, today.day))
        self.chair = QLineEdit(chair)
        self.participants = _text_box()
        self.conclusion = _text_box()
        self.decisions = QTableWidget(0, 3)
        self.decisions.setObjectName("decisions")
        self.decisions.setHorizontalHeaderLabels(
            [self.tr("Decision"), self.tr("Carried out by"), self.tr("Due")]
        )
        self.decisions.verticalHeader().hide()
        self.decisions.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.decisions.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.add_button = QPushButton(self.tr("&Add a decision"))
        self.add_button.clicked.connect(lambda: self.add_decision())
        self.remove_button = QPushButton(self.tr("Remo&ve the decision"))
        self.remove_button.clicked.connect(self.remove_decision)
        row = QHBoxLayout()
        row.addWidget(self.add_button)
        row.addWidget(self.remove_button)
        row.addStretch(1)
        form = QFormLayout()
        form.addRow(self.tr("&Held on:"), self.held_on)
        form.addRow(self.tr("C&hair:"), self.chair)
        form.addRow(self.tr("&Participants:"), self.participants)
        form.addRow(self.tr("&Conclusion:"), self.conclusion)
        caption = QLabel(
            self.tr("Decisions of the meeting (each one is followed up as an action):")
        )
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(caption)
        layout.addWidget(self.decisions, 1)
        layout.addLayout(row)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.resize(820, 620)

    def add_decision(
        self, text: str = "", owner: str | None = None, due: dt.date | None = None
    ) -> int:
        """A new line of the decisions table; its row."""
        table = self.decisions
        row = table.rowCount()
        table.insertRow(row)
        table.setItem(row, 0, QTableWidgetItem(text))
        who = QComboBox()
        for label, username in self.owners:
            who.addItem(label, username)
        if owner is not None and (index := who.findData(owner)) >= 0:
            who.setCurrentIndex(index)
        table.setCellWidget(row, 1, who)
        table.setCellWidget(row, 2, _date_box(due or _day(self.held_on) + dt.timedelta(days=90)))
        table.setCurrentCell(row, 0)
        if not text and (cell := table.item(row, 0)) is not None:
            table.editItem(cell)
        return row

    def remove_decision(self) -> None:
        row = self.decisions.currentRow()
        if row >= 0:
            self.decisions.removeRow(row)

    def record(self) -> ReviewRecord:
        table = self.decisions
        decisions = []
        for row in range(table.rowCount()):
            item = table.item(row, 0)
            who = table.cellWidget(row, 1)
            due = table.cellWidget(row, 2)
            assert isinstance(who, QComboBox) and isinstance(due, QDateEdit)
            decisions.append(
                ReviewDecision(item.text() if item else "", who.currentData() or "", _day(due))
            )
        return ReviewRecord(
            _day(self.held_on),
            self.chair.text(),
            self.participants.toPlainText(),
            self.conclusion.toPlainText(),
            tuple(decisions),
        )

    def check(self) -> None:
        if not self.chair.text().strip():
            raise ValidationError("Chưa ghi người chủ trì.")
        if not self.participants.toPlainText().strip():
            raise ValidationError("Chưa ghi thành phần tham dự.")
        if not self.conclusion.toPlainText().strip():
            raise ValidationError("Chưa ghi kết luận của cuộc họp.")
        for n, decision in enumerate(self.record().decisions, 1):
            if not decision.text.strip():
                raise ValidationError(f"Quyết định dòng {n} chưa có nội dung.")
            if not decision.owner:
                raise ValidationError(f"Quyết định dòng {n} chưa có người thực hiện.")
            if decision.due_on < _day(self.held_on):
                raise ValidationError(f"Hạn của quyết định dòng {n} trước ngày họp.")
