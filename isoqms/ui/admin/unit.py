"""The unit profile form: names, electronic identifier, hours, cut-off, counters."""

from __future__ import annotations

import dataclasses
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from isoqms.domain.roles import Permission
from isoqms.services import unit as unit_service
from isoqms.services.unit import UnitInfo
from isoqms.ui.context import AppContext
from isoqms.ui.operations import changing, reading
from isoqms.ui.pages import Page, heading

_TEXT_FIELDS = (
    "commune_name",
    "province_name",
    "district_name",
    "unit_code",
    "desk_name",
    "address",
    "phone",
    "email",
    "office_hours",
    "default_cutoff",
)


class UnitPage(Page):
    watches = frozenset({"unit"})
    loaded = Signal()
    saved = Signal(object)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self._info = UnitInfo()
        labels = {
            "commune_name": self.tr("Commune / ward:"),
            "province_name": self.tr("Province / city:"),
            "district_name": self.tr("District (before 1/7/2025):"),
            "unit_code": self.tr("Electronic identifier code:"),
            "desk_name": self.tr("One-stop desk name:"),
            "address": self.tr("Address:"),
            "phone": self.tr("Phone:"),
            "email": self.tr("E-mail:"),
            "office_hours": self.tr("Office hours:"),
            "default_cutoff": self.tr("Default cut-off hour:"),
        }
        self.fields: dict[str, QLineEdit] = {}
        form = QFormLayout()
        editable = ctx.can(Permission.UNIT_MANAGE)
        for name in _TEXT_FIELDS:
            edit = QLineEdit()
            edit.setObjectName(name)
            edit.setReadOnly(not editable)
            self.fields[name] = edit
            form.addRow(labels[name], edit)
        self.fields["unit_code"].setPlaceholderText("000.00.38.H47")
        self.fields["office_hours"].setPlaceholderText("07:00-11:30,13:30-17:00")
        self.fields["default_cutoff"].setPlaceholderText("15:00")
        self.policy = QComboBox()
        self.policy.setObjectName("deadline_policy")
        self.policy.addItem(self.tr("Closing time of the N-th working day"), "day-end")
        self.policy.addItem(self.tr("Working hours (N × a working day's hours)"), "hours")
        self.policy.setEnabled(editable)
        form.addRow(self.tr("Appointments:"), self.policy)
        self.supplement_rules: dict[str, QComboBox] = {}
        for regime in ("2018", "2025"):
            rule = QComboBox()
            rule.setObjectName(f"supplement_rule_{regime}")
            rule.addItem(
                self.tr("Counted again from the start (Decree 61/2018 art. 19(4))"), "restart"
            )
            rule.addItem(self.tr("Paused: the time waited is added"), "pause")
            rule.setEnabled(editable)
            rule.setToolTip(
                self.tr(
                    "When a dossier must be supplemented during processing, how its time "
                    "limit goes on once it is complete again."
                )
            )
            self.supplement_rules[regime] = rule
        form.addRow(
            self.tr("After a supplement (dossiers received before 1/7/2025):"),
            self.supplement_rules["2018"],
        )
        form.addRow(
            self.tr("After a supplement (dossiers received from 1/7/2025):"),
            self.supplement_rules["2025"],
        )
        self.counters = QPlainTextEdit()
        self.counters.setObjectName("counters")
        self.counters.setReadOnly(not editable)
        self.counters.setFixedHeight(90)
        form.addRow(self.tr("Counters (one per line):"), self.counters)
        self.waiting_days = QSpinBox()
        self.waiting_days.setObjectName("result_waiting_days")
        self.waiting_days.setRange(1, 365)
        self.waiting_days.setSuffix(self.tr(" days"))
        self.waiting_days.setEnabled(editable)
        form.addRow(self.tr("Mark results waiting longer than:"), self.waiting_days)

        self.save_button = QPushButton(self.tr("&Save"))
        self.save_button.setVisible(editable)
        self.save_button.clicked.connect(self.save)
        self.status = QLabel()
        bar = QHBoxLayout()
        bar.addWidget(self.save_button)
        bar.addWidget(self.status, 1)

        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("Unit profile")))
        layout.addLayout(form)
        layout.addLayout(bar)
        layout.addStretch(1)

    def refresh(self) -> None:
        super().refresh()
        reading(self.ctx, self, lambda db, actor: unit_service.get_unit(db)).success(
            self._loaded
        ).run()

    def _loaded(self, info: UnitInfo) -> None:
        self._info = info  # what this page does not show (the backup settings) stays as is
        for name, edit in self.fields.items():
            edit.setText(getattr(info, name) or "")
        self.counters.setPlainText("\n".join(info.counters))
        self.policy.setCurrentIndex(max(0, self.policy.findData(info.deadline_policy)))
        self.waiting_days.setValue(info.result_waiting_days)
        for regime, rule in self.supplement_rules.items():
            code = getattr(info, f"supplement_rule_{regime}")
            rule.setCurrentIndex(max(0, rule.findData(code)))
        self.loaded.emit()

    def current(self) -> UnitInfo:
        values: dict[str, Any] = {name: edit.text() for name, edit in self.fields.items()}
        counters = tuple(line for line in self.counters.toPlainText().splitlines() if line.strip())
        return dataclasses.replace(
            self._info,
            **values,
            counters=counters,
            deadline_policy=self.policy.currentData(),
            result_waiting_days=self.waiting_days.value(),
            supplement_rule_2018=self.supplement_rules["2018"].currentData(),
            supplement_rule_2025=self.supplement_rules["2025"].currentData(),
        )

    def save(self) -> None:
        info = self.current()
        self.status.setText(self.tr("Saving…"))
        changing(
            self.ctx, self, lambda db, actor: unit_service.update_unit(db, actor, info)
        ).success(self._saved).failure(self._failed).run()

    def _saved(self, info: UnitInfo) -> None:
        self.ctx.unit = info
        self.status.setText(self.tr("Saved."))
        self.saved.emit(info)

    def _failed(self, exc: BaseException) -> None:
        from isoqms.ui import dialogs

        self.status.clear()
        dialogs.error(self, exc)
