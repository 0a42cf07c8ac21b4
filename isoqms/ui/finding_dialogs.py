"""Dialogs of the ISO cycle: a finding raised, its corrective action planned, a line of
the risks register."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from isoqms.domain import clock
from isoqms.domain.errors import ValidationError
from isoqms.domain.findings import FindingKind, FindingSource
from isoqms.domain.risks import RiskKind
from isoqms.domain.roles import Permission, permissions_of
from isoqms.services.findings import ActionPlan, FindingDraft
from isoqms.services.risks import RiskDraft, RiskView
from isoqms.services.users import UserInfo


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
            self.kind.addItem(kind.label, kind.value)
        self.source = QComboBox()
        for source in FindingSource:
            self.source.addItem(source.label, source.value)
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
            self.kind.addItem(kind.label, kind.value)
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
