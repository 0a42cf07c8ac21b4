"""Hồ sơ: a dossier's journey after the counter.

A scanner (keyboard wedge: it types the slip's code and Enter) or a typed code opens the
dossier; the person's own queue (overdue first), results waiting to be collected, and the
tracking book with filters and export. The dossier window offers the actions this person
may take now, and prints the control sheet, apology letter and stop notice.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, QDateTime, Qt, QTime, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from isoqms.domain import clock
from isoqms.domain.dossier import Channel, Delivery
from isoqms.domain.errors import NotFound
from isoqms.domain.journey import Action, DossierState, Rating, SupplementRule
from isoqms.domain.roles import Permission
from isoqms.services import journey as journey_service
from isoqms.services import ledger
from isoqms.services.journey import ActionInput, DossierDetail, FoundDossier, QueueRow
from isoqms.services.ledger import LedgerFilter, LedgerRow
from isoqms.ui import dialogs
from isoqms.ui.context import AppContext
from isoqms.ui.labels import language, shown
from isoqms.ui.models import RowsModel
from isoqms.ui.operations import dossiers as ops
from isoqms.ui.operations import intake as intake_ops
from isoqms.ui.operations.dossiers import BookPage, Opened, Queues
from isoqms.ui.pages import Page, heading
from isoqms.ui.print_preview import PrintPreview

LATE = QColor("#b00020")
WAITING = QColor("#b35900")  # a result not collected for too long


def _capital(text: str) -> str:
    """An action's name as a button or title: its first letter capital."""
    return text[:1].upper() + text[1:]


def _when(value: dt.datetime | None) -> str:
    return f"{value:%H:%M %d/%m/%Y}" if value else ""


def _qt(value: dt.datetime) -> QDateTime:
    return QDateTime(QDate(value.year, value.month, value.day), QTime(value.hour, value.minute))


def _py(value: QDateTime) -> dt.datetime:
    d, t = value.date(), value.time()
    return dt.datetime(d.year(), d.month(), d.day(), t.hour(), t.minute())


def _fit_columns(table: QTableView, stretch: int) -> None:
    """Every column as wide as its content, the one with long names taking what is left:
    nothing important cut at 1366×768."""
    header = table.horizontalHeader()
    header.setStretchLastSection(False)
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)


def _table(model: RowsModel, name: str) -> QTableView:
    table = QTableView()
    table.setObjectName(name)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().hide()
    table.horizontalHeader().setStretchLastSection(True)
    table.setAlternatingRowColors(True)
    return table


class QueueModel(RowsModel):
    #: results ready longer than this many days wait too long (the unit's setting)
    waiting_days: int | None = None

    def waiting_long(self, row: QueueRow) -> bool:
        if self.waiting_days is None or row.result_at is None:
            return False
        return clock.now() - row.result_at > dt.timedelta(days=self.waiting_days)

    def headers(self) -> list[str]:
        return [
            self.tr("Dossier code"),
            self.tr("Procedure"),
            self.tr("Applicant"),
            self.tr("Received"),
            self.tr("Appointment"),
            self.tr("State"),
            self.tr("Held by"),
        ]

    def cell(self, row: QueueRow, column: int, role: int) -> Any:
        waiting = self.waiting_long(row)
        if role == Qt.ItemDataRole.ForegroundRole and (row.overdue or waiting):
            return QBrush(LATE if row.overdue else WAITING)
        if role == Qt.ItemDataRole.ToolTipRole and row.overdue:
            return self.tr("Overdue")
        if role == Qt.ItemDataRole.ToolTipRole and waiting and row.result_at:
            days = (clock.now() - row.result_at).days
            return self.tr("Result waiting for %1 days").replace("%1", str(days))
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        appointment = _when(row.due_at)
        if row.promised_at:
            appointment += " → " + _when(row.promised_at)
        return (
            row.code,
            row.procedure,
            row.applicant,
            _when(row.received_at),
            appointment,
            shown(row.state),
            row.holder,
        )[column]


class LedgerModel(RowsModel):
    def headers(self) -> list[str]:
        return [
            self.tr("No."),
            self.tr("Dossier code"),
            self.tr("Procedure"),
            self.tr("Applicant"),
            self.tr("Received"),
            self.tr("Appointment"),
            self.tr("Handed over"),
            self.tr("Result"),
            self.tr("Returned"),
            self.tr("Note"),
        ]

    def cell(self, row: LedgerRow, column: int, role: int) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return (
            row.number,
            row.code,
            row.procedure,
            row.applicant,
            _when(row.received_at),
            _when(row.appointment),
            _when(row.handed_over_at),
            _when(row.result_at),
            _when(row.returned_at),
            row.note_in(language()),
        )[column]


class EventsModel(RowsModel):
    def headers(self) -> list[str]:
        return [self.tr("Time"), self.tr("Step"), self.tr("By"), self.tr("To"), self.tr("Detail")]

    def cell(self, row: journey_service.EventView, column: int, role: int) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        detail = [row.reason] if row.reason else []
        if row.outcome and row.action in ("handover", "result-ready"):
            from isoqms.domain.journey import Outcome

            detail.append(shown(Outcome(row.outcome)))
        if row.new_appointment:
            detail.append(self.tr("new appointment %1").replace("%1", _when(row.new_appointment)))
        if row.due_after and row.action == "supplement-received":
            restart = SupplementRule.of_event(row.rule) is SupplementRule.RESTART
            why = (
                self.tr("counted again from the start, Decree 61/2018 art. 19(4)")
                if restart
                else self.tr("moved by the time waited")
            )
            detail.append(
                self.tr("new appointment %1 (%2)")
                .replace("%1", _when(row.due_after))
                .replace("%2", why)
            )
        elif row.due_after:
            detail.append(self.tr("appointment moved to %1").replace("%1", _when(row.due_after)))
        if row.letter:
            detail.append(self.tr("letter no. %1").replace("%1", row.letter))
        if row.backdated:
            detail.append(self.tr("late entry"))
        return (
            _when(row.at),
            shown(Action(row.action)),
            row.actor,
            row.receiver or row.to_name,
            "; ".join(detail),
        )[column]


# ---------------------------------------------------------------------- the action dialog


class ActionDialog(QDialog):
    """What an action needs: who receives, the reason, the new appointment, the rating…"""

    def __init__(
        self,
        action: Action,
        detail: DossierDetail,
        officers: list[tuple[str, str]],
        parent: QWidget | None = None,
        *,
        can_override: bool = False,
    ) -> None:
        super().__init__(parent)
        self.action = action
        self.setWindowTitle(f"{detail.code} — {_capital(shown(action))}")
        self.setMinimumWidth(520)
        form = QFormLayout(self)
        now = clock.now().replace(second=0, microsecond=0)
        self.late = QCheckBox(self.tr("Record something done earlier (late entry)"))
        self.at = QDateTimeEdit(_qt(now))
        self.at.setDisplayFormat("HH:mm dd/MM/yyyy")
        self.at.setCalendarPopup(True)
        self.at.setEnabled(False)
        self.late.toggled.connect(self.at.setEnabled)
        form.addRow(self.late)
        form.addRow(self.tr("Done at:"), self.at)
        self.to_user = QComboBox()
        self.reason = QLineEdit()
        self.new_appointment = QDateTimeEdit(_qt(detail.current_appointment + dt.timedelta(days=3)))
        self.new_appointment.setDisplayFormat("HH:mm dd/MM/yyyy")
        self.new_appointment.setCalendarPopup(True)
        self.to_name = QLineEdit(detail.applicant)
        self.rating = QComboBox()
        self.comment = QLineEdit()
        self.complaint = QCheckBox(self.tr("The citizen made a complaint or recommendation"))
        if action is Action.HANDOVER:
            for username, name in officers:
                if username != detail.holder_username:
                    self.to_user.addItem(name, username)
            form.addRow(self.tr("Hand over to:"), self.to_user)
        if action in (Action.REQUEST_SUPPLEMENT, Action.APOLOGIZE, Action.STOP, Action.CANCEL):
            form.addRow(self.tr("Reason:"), self.reason)
        self.override = QLineEdit()
        self.override.setObjectName("override")
        if action is Action.APOLOGIZE:
            form.addRow(self.tr("New appointment:"), self.new_appointment)
            rule = QLabel(
                self.tr(
                    "The apology letter goes out at the latest one working day before the "
                    "deadline, and a new appointment is given only once (Decree 61/2018, "
                    "art. 19(9))."
                )
            )
            rule.setWordWrap(True)
            form.addRow(rule)
            if can_override:
                self.override.setPlaceholderText(
                    self.tr("Only to allow it outside the rule: the leader's reason")
                )
                form.addRow(self.tr("Allowed because:"), self.override)
        if action is Action.RETURN:
            self.rating.addItem(self.tr("— not rated —"), "")
            for rating in Rating:
                self.rating.addItem(shown(rating), rating.value)
            form.addRow(self.tr("Collected by:"), self.to_name)
            form.addRow(self.tr("Citizen's rating:"), self.rating)
            form.addRow(self.tr("Comment:"), self.comment)
            form.addRow(self.complaint)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def data(self) -> ActionInput:
        rating = self.rating.currentData()
        return ActionInput(
            at=_py(self.at.dateTime()) if self.late.isChecked() else None,
            to_user=str(self.to_user.currentData() or ""),
            to_name=self.to_name.text() if self.action is Action.RETURN else "",
            reason=self.reason.text(),
            new_appointment=_py(self.new_appointment.dateTime())
            if self.action is Action.APOLOGIZE
            else None,
            rating=Rating(rating) if rating else None,
            comment=self.comment.text(),
            complaint=self.complaint.isChecked(),
            override=self.override.text() if self.action is Action.APOLOGIZE else "",
        )


# ---------------------------------------------------------------------- one dossier


class DossierDialog(QDialog):
    """A dossier: what it is, where it is, its history, and what can be done now."""

    loaded = Signal()
    acted = Signal(object)

    def __init__(self, ctx: AppContext, code: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.code = code
        self.detail: DossierDetail | None = None
        self.officers: list[tuple[str, str]] = []
        self.setWindowTitle(self.tr("Dossier %1").replace("%1", code))
        self.resize(980, 640)
        self.summary = QLabel()
        self.summary.setObjectName("dossierSummary")
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.events = EventsModel(self)
        table = _table(self.events, "events")
        for column, width in enumerate((130, 150, 170, 170)):
            table.setColumnWidth(column, width)
        self.action_buttons: dict[Action, QPushButton] = {}
        actions = QHBoxLayout()
        for action in Action:
            button = QPushButton(_capital(shown(action)))
            button.setObjectName(f"action-{action.value}")
            button.clicked.connect(lambda _c=False, a=action: self.act(a))
            button.setVisible(False)
            self.action_buttons[action] = button
            actions.addWidget(button)
        actions.addStretch(1)
        self.papers: dict[str, QPushButton] = {}
        prints = QHBoxLayout()
        for kind, text in (
            ("receipt", self.tr("Receipt slip…")),
            ("control", self.tr("Control sheet…")),
            ("apology", self.tr("Apology letter…")),
            ("stop", self.tr("Stop notice…")),
        ):
            button = QPushButton(text)
            button.clicked.connect(lambda _c=False, k=kind: self.open_paper(k))
            self.papers[kind] = button
            prints.addWidget(button)
        prints.addStretch(1)
        close = QPushButton(self.tr("&Close"))
        close.clicked.connect(self.accept)
        prints.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(QLabel(self.tr("Journey:")))
        layout.addWidget(table, 1)
        layout.addLayout(actions)
        layout.addLayout(prints)
        self.preview: PrintPreview | None = None
        self.refresh()

    def refresh(self) -> None:
        ops.open_dossier(self.ctx, self, self.code).success(self._loaded).run()

    def _loaded(self, opened: Opened) -> None:
        detail = opened.detail
        self.detail, self.officers = detail, opened.officers
        self.summary.setText(self._summary(detail))
        self.events.set_rows(list(detail.events))
        for action, button in self.action_buttons.items():
            button.setVisible(action in opened.allowed)
        actions = {e.action for e in detail.events}
        self.papers["apology"].setVisible(Action.APOLOGIZE.value in actions)
        self.papers["stop"].setVisible(Action.STOP.value in actions)
        self.loaded.emit()

    def _summary(self, d: DossierDetail) -> str:
        from html import escape

        now = clock.now()
        state = escape(shown(d.state))
        if d.overdue(now):
            state += f" — <span style='color:#b00020'><b>{escape(self.tr('overdue'))}</b></span>"
        revision = f"{d.procedure_code} {d.procedure_name}"
        if d.revision_effective:
            revision += " — " + self.tr("content revision %1 in force since %2").replace(
                "%1", str(d.revision_number)
            ).replace("%2", f"{d.revision_effective:%d/%m/%Y}")
        applicant = [d.applicant]
        if d.representative:
            applicant.append(self.tr("represented by %1").replace("%1", d.representative))
        contact = [
            (self.tr("ID number"), d.id_number),
            (self.tr("Phone"), d.phone),
            (self.tr("E-mail"), d.email),
        ]
        rows = [
            (self.tr("Dossier code"), f"<b>{escape(d.code)}</b>"),
            (self.tr("Procedure"), escape(revision)),
            (self.tr("Applicant"), f"<b>{escape(', '.join(applicant))}</b>"),
            (
                self.tr("Contact"),
                escape("; ".join(f"{k}: {v}" for k, v in contact if v) or "—"),
            ),
            (self.tr("Address"), escape(d.address or "—")),
            (
                self.tr("Received"),
                escape(
                    f"{_when(d.received_at)} — {shown(Channel(d.channel))}"
                    + (f" — {self.tr('form')} {d.form_revision}" if d.form_revision else "")
                ),
            ),
            (self.tr("Result collected"), escape(shown(Delivery(d.delivery)))),
            (self.tr("Appointment"), escape(_when(d.due_at))),
            (self.tr("State"), state),
        ]
        if d.promised_at:
            rows.append((self.tr("New appointment"), escape(_when(d.promised_at))))
        if d.holder and d.state.is_open:
            rows.append((self.tr("Held by"), escape(d.holder)))
        if d.outcome:
            rows.append((self.tr("Result"), escape(f"{_when(d.result_at)} — {shown(d.outcome)}")))
        if d.returned_at:
            rating = f" — {shown(d.rating)}" if d.rating else ""
            rows.append(
                (self.tr("Returned"), escape(f"{_when(d.returned_at)}, {d.returned_to}{rating}"))
            )
        if d.note:
            rows.append((self.tr("Note"), escape(d.note)))
        body = "".join(f"<tr><td valign='top'>{k}:&nbsp;</td><td>{v}</td></tr>" for k, v in rows)
        papers = "".join(
            f"<tr><td>{i}.&nbsp;</td><td>{escape(name)}</td><td>&nbsp;{escape(quantity)}</td></tr>"
            for i, (name, quantity) in enumerate(d.papers, start=1)
        )
        received = self.tr("Papers received (%1 set(s))").replace("%1", f"{d.sets:02d}")
        return (
            f"<table>{body}</table><p style='margin-top:6px'><b>{escape(received)}:</b></p>"
            f"<table>{papers or '<tr><td>—</td></tr>'}</table>"
        )

    def act(self, action: Action) -> None:
        if self.detail is None:
            return
        dialog = ActionDialog(
            action,
            self.detail,
            self.officers,
            self,
            can_override=self.ctx.can(Permission.DOSSIER_DECIDE),
        )
        if not dialogs.run_dialog(dialog):
            return
        ops.act(self.ctx, self, self.code, action, dialog.data()).success(self._acted).run()

    def _acted(self, detail: DossierDetail) -> None:
        self.acted.emit(detail)
        self.refresh()

    def open_paper(self, kind: str) -> None:
        if kind == "receipt":
            draw = intake_ops.receipt_draw(self.ctx, self.code)
            title, paper = self.tr("Slip %1").replace("%1", self.code), "a5"
        else:
            draw = ops.paper_draw(self.ctx, self.code, kind)
            title = f"{self.code} — {self.papers[kind].text().rstrip('…')}"
            paper = "a4" if kind == "control" else "a5"
        self.preview = PrintPreview(
            self.ctx,
            draw,
            title=title,
            paper=paper,
            signed_slip_of=self.code if kind == "receipt" else None,
            parent=self,
        )
        self.preview.setModal(False)
        self.preview.show()


# ---------------------------------------------------------------------- the tracking book


class LedgerPanel(QWidget):
    loaded = Signal()
    exported = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.offset = 0
        self.total = 0
        today = clock.today()
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(today.year)
        self.book = QSpinBox()
        self.book.setRange(1, 99)
        self.state = QComboBox()
        self.state.addItem(self.tr("All states"), "")
        for state in DossierState:
            self.state.addItem(shown(state), state.value)
        self.field = QComboBox()
        self.field.addItem(self.tr("All fields"), "")
        self.channel = QComboBox()
        self.channel.addItem(self.tr("All channels"), "")
        for channel in Channel:
            self.channel.addItem(shown(channel), channel.value)
        self.procedure = QLineEdit()
        self.procedure.setPlaceholderText(self.tr("procedure code"))
        self.use_dates = QCheckBox(self.tr("Received from"))
        self.date_from = QDateEdit(QDate(today.year, 1, 1))
        self.date_to = QDateEdit(QDate(today.year, today.month, today.day))
        for edit in (self.date_from, self.date_to):
            edit.setDisplayFormat("dd/MM/yyyy")
            edit.setCalendarPopup(True)
        self.show_button = QPushButton(self.tr("&Show"))
        self.show_button.clicked.connect(self.first_page)
        self.prev_button = QPushButton("◀")
        self.next_button = QPushButton("▶")
        self.prev_button.clicked.connect(lambda: self.load(max(0, self.offset - ledger.PAGE)))
        self.next_button.clicked.connect(lambda: self.load(self.offset + ledger.PAGE))
        self.position = QLabel()
        self.export_button = QPushButton(self.tr("&Export…"))
        self.export_button.clicked.connect(self.export)
        self.model = LedgerModel(self)
        self.table = _table(self.model, "ledger")
        for column, width in enumerate((50, 200, 260, 150, 125, 125, 125, 125, 125)):
            self.table.setColumnWidth(column, width)
        grid = QGridLayout()
        grid.addWidget(QLabel(self.tr("Year:")), 0, 0)
        grid.addWidget(self.year, 0, 1)
        grid.addWidget(QLabel(self.tr("Book:")), 0, 2)
        grid.addWidget(self.book, 0, 3)
        grid.addWidget(self.state, 0, 4)
        grid.addWidget(self.field, 0, 5)
        grid.addWidget(self.channel, 0, 6)
        grid.addWidget(self.procedure, 1, 0, 1, 2)
        grid.addWidget(self.use_dates, 1, 2)
        grid.addWidget(self.date_from, 1, 3)
        grid.addWidget(QLabel(self.tr("to")), 1, 4, Qt.AlignmentFlag.AlignRight)
        grid.addWidget(self.date_to, 1, 5)
        grid.addWidget(self.show_button, 1, 6)
        paging = QHBoxLayout()
        paging.addWidget(self.prev_button)
        paging.addWidget(self.position)
        paging.addWidget(self.next_button)
        paging.addStretch(1)
        paging.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addWidget(self.table, 1)
        layout.addLayout(paging)
        self._fields_loaded = False

    def current_filter(self) -> LedgerFilter:
        dates = self.use_dates.isChecked()
        start, end = self.date_from.date(), self.date_to.date()
        return LedgerFilter(
            year=self.year.value(),
            book=self.book.value(),
            state=self.state.currentData() or None,
            field=self.field.currentData() or None,
            procedure=self.procedure.text().strip() or None,
            date_from=dt.date(start.year(), start.month(), start.day()) if dates else None,
            date_to=dt.date(end.year(), end.month(), end.day()) if dates else None,
            channel=self.channel.currentData() or None,
        )

    def first_page(self) -> None:
        self.load(0)

    def load(self, offset: int) -> None:
        ops.book_page(
            self.ctx, self, self.current_filter(), offset, fields=not self._fields_loaded
        ).success(self._loaded).run()

    def _loaded(self, result: BookPage) -> None:
        page = result.page
        if result.fields and not self._fields_loaded:
            for name in result.fields:
                self.field.addItem(name, name)
            self._fields_loaded = True
        self.offset, self.total = page.offset, page.total
        self.model.set_rows(list(page.rows))
        last = page.offset + len(page.rows)
        self.position.setText(
            self.tr("%1–%2 of %3")
            .replace("%1", str(page.offset + 1 if page.rows else 0))
            .replace("%2", str(last))
            .replace("%3", str(page.total))
        )
        self.prev_button.setEnabled(page.offset > 0)
        self.next_button.setEnabled(last < page.total)
        self.loaded.emit()

    def export(self) -> None:
        f = self.current_filter()
        name = dialogs.ask_save_file(
            self,
            self.tr("Export the tracking book"),
            f"so-theo-doi-ho-so-{f.book:02d}-{f.year}.xlsx",
            self.tr("Excel workbook (*.xlsx);;PDF (*.pdf)"),
        )
        if not name:
            return
        ops.export_book(self.ctx, self, f, Path(name)).success(
            lambda path: self.exported.emit(str(path))
        ).run()


# ---------------------------------------------------------------------- the area


class FoundModel(RowsModel):
    def headers(self) -> list[str]:
        return [
            self.tr("Dossier code"),
            self.tr("Applicant"),
            self.tr("Phone"),
            self.tr("ID number"),
            self.tr("Received"),
            self.tr("State"),
            self.tr("Procedure"),
        ]

    def cell(self, row: FoundDossier, column: int, role: int) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return (
            row.code,
            row.applicant,
            row.phone,
            row.id_number,
            _when(row.received_at),
            shown(row.state),
            f"{row.procedure_code} {row.procedure}",
        )[column]


class DossiersPage(Page):
    #: the unit's profile holds how long a result may wait before it is marked
    watches = frozenset({"dossier", "unit"})
    loaded = Signal()
    opened = Signal(object)
    found = Signal(object)  # list[FoundDossier]

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.scan = QLineEdit()
        self.scan.setObjectName("scan")
        self.scan.setClearButtonEnabled(True)
        self.scan.setPlaceholderText(
            self.tr(
                "Find a dossier: its code (or last digits), the citizen's name, phone or ID "
                "number — or scan the slip — then Enter"
            )
        )
        self.scan.returnPressed.connect(self.open_scanned)
        self.everyone = QCheckBox(self.tr("All open dossiers, not only mine"))
        self.everyone.setChecked(
            ctx.can(Permission.INTAKE) or not ctx.can(Permission.DOSSIER_PROCESS)
        )
        self.everyone.toggled.connect(lambda _c: self.refresh())
        self.queue_model = QueueModel(self)
        self.queue = _table(self.queue_model, "queue")
        self.ready_model = QueueModel(self)
        self.ready = _table(self.ready_model, "ready")
        self.found_model = FoundModel(self)
        self.results = _table(self.found_model, "found")
        for table in (self.queue, self.ready, self.results):
            _fit_columns(table, stretch=1 if table is not self.results else 6)
        for table, model in (
            (self.queue, self.queue_model),
            (self.ready, self.ready_model),
            (self.results, self.found_model),
        ):
            table.doubleClicked.connect(
                lambda index, m=model: self.open_dossier(m.row_at(index.row()).code)
            )
            table.activated.connect(
                lambda index, m=model: self.open_dossier(m.row_at(index.row()).code)
            )
        queue_box = QWidget()
        box = QVBoxLayout(queue_box)
        box.addWidget(self.everyone)
        box.addWidget(self.queue, 1)
        self.ledger = LedgerPanel(ctx)
        self.tabs = QTabWidget()
        self.tabs.addTab(queue_box, self.tr("Dossiers being processed"))
        self.tabs.addTab(self.ready, self.tr("Results waiting to be collected"))
        self.tabs.addTab(self.ledger, self.tr("Tracking book"))
        self.results_tab = self.tabs.addTab(self.results, self.tr("Found"))
        self.tabs.setTabVisible(self.results_tab, False)
        self.tabs.currentChanged.connect(self._tab_changed)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("Dossiers")))
        layout.addWidget(self.scan)
        layout.addWidget(self.tabs, 1)
        self.dialog: DossierDialog | None = None

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        # a barcode scanner types into the focused box: be ready for it
        QTimer.singleShot(0, self.focus_find)

    def focus_first(self) -> None:
        self.focus_find()

    def focus_find(self) -> None:
        self.scan.setFocus()
        self.scan.selectAll()

    def _tab_changed(self, index: int) -> None:
        if self.tabs.widget(index) is self.ledger and self.ledger.total == 0:
            self.ledger.first_page()

    def refresh(self) -> None:
        super().refresh()
        ops.queues(self.ctx, self, everyone=self.everyone.isChecked()).success(self._loaded).run()

    def _loaded(self, queues: Queues) -> None:
        self.queue_model.set_rows(queues.mine)
        self.ready_model.waiting_days = queues.waiting_days
        self.ready_model.set_rows(queues.ready)
        self.tabs.setTabText(
            0, self.tr("Dossiers being processed (%1)").replace("%1", str(len(queues.mine)))
        )
        waiting = self.tr("Results waiting to be collected (%1)").replace(
            "%1", str(len(queues.ready))
        )
        late = sum(1 for row in queues.ready if self.ready_model.waiting_long(row))
        if late:
            waiting += " — " + self.tr("%1 over %2 days").replace("%1", str(late)).replace(
                "%2", str(queues.waiting_days)
            )
        self.tabs.setTabText(1, waiting)
        self.loaded.emit()

    def open_scanned(self) -> None:
        """Enter in the find box: one dossier found opens at once (a scanned slip), several
        are listed newest first, none is said plainly."""
        text = self.scan.text().strip()
        if not text:
            return
        ops.find(self.ctx, self, text).success(lambda rows: self._found(text, rows)).run()

    def _found(self, text: str, rows: list[FoundDossier]) -> None:
        self.found.emit(rows)
        if len(rows) == 1:
            self.scan.clear()
            self.open_dossier(rows[0].code)
            return
        if not rows:
            self.scan.selectAll()
            dialogs.error(
                self,
                NotFound(
                    self.tr("No dossier matches “%1” (code, name, phone or ID number).").replace(
                        "%1", text
                    )
                ),
            )
            return
        self.found_model.set_rows(rows)
        self.tabs.setTabVisible(self.results_tab, True)
        self.tabs.setTabText(
            self.results_tab,
            self.tr("Found: “%1” (%2)").replace("%1", text).replace("%2", str(len(rows))),
        )
        self.tabs.setCurrentIndex(self.results_tab)
        self.results.selectRow(0)
        self.results.setFocus()

    def open_dossier(self, code: str) -> DossierDialog:
        dialog = DossierDialog(self.ctx, code, self)
        dialog.setModal(False)
        self.dialog = dialog
        dialog.show()
        self.opened.emit(dialog)
        return dialog
