"""The working-day calendar: a year at a glance, the official schedule entries, import and
export. Weekdays off stand out in red, worked weekends in green."""

from __future__ import annotations

import datetime as dt
import enum
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QDate,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor
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
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from isoqms.db.engine import Database
from isoqms.domain import clock
from isoqms.domain.calendar import (
    CalendarEntry,
    DayInfo,
    DayKind,
    WorkCalendar,
    unpublished_years,
)
from isoqms.domain.errors import ValidationError
from isoqms.domain.roles import Permission
from isoqms.services import calendar as calendar_service
from isoqms.services.exports import read, save
from isoqms.services.uow import Actor
from isoqms.ui import dialogs
from isoqms.ui.context import AppContext
from isoqms.ui.labels import language
from isoqms.ui.models import RowsModel
from isoqms.ui.operations import changing, reading
from isoqms.ui.pages import Page, heading

OFF_WEEKDAY = QColor("#f4b6b6")
WORKED_WEEKEND = QColor("#b9e2bc")
WEEKEND = QColor("#e4e4e4")
SHORT_WEEKDAYS = ("T2", "T3", "T4", "T5", "T6", "T7", "CN")
SHORT_WEEKDAYS_EN = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")
ROLE_DATE = Qt.ItemDataRole.UserRole + 1


def day_colour(info: DayInfo) -> QColor | None:
    weekend = info.day.weekday() >= 5
    if weekend and info.working:
        return WORKED_WEEKEND
    if not weekend and not info.working:
        return OFF_WEEKDAY
    if weekend:
        return WEEKEND
    return None


class YearModel(QAbstractTableModel):
    """Twelve rows (months) by 31 columns (days)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.year = clock.today().year
        self._days: dict[dt.date, DayInfo] = {}

    def set_year(self, year: int, days: list[DayInfo]) -> None:
        self.beginResetModel()
        self.year = year
        self._days = {d.day: d for d in days}
        self.endResetModel()

    def day_at(self, index: QModelIndex | QPersistentModelIndex) -> dt.date | None:
        try:
            return dt.date(self.year, index.row() + 1, index.column() + 1)
        except ValueError:
            return None

    def info(self, day: dt.date) -> DayInfo | None:
        return self._days.get(day)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else 12

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else 31

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return str(section + 1) if 0 <= section < 31 else None
        return self.tr("Month %1").replace("%1", str(section + 1)) if 0 <= section < 12 else None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if self.day_at(index) is None:
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid():
            return None
        day = self.day_at(index)
        if day is None:
            return None
        info = self._days.get(day)
        if role == Qt.ItemDataRole.DisplayRole:
            short = SHORT_WEEKDAYS if language() == "vi" else SHORT_WEEKDAYS_EN
            return short[day.weekday()]
        if role == ROLE_DATE:
            return day
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return Qt.AlignmentFlag.AlignCenter
        if info is None:
            return None
        if role == Qt.ItemDataRole.BackgroundRole:
            colour = day_colour(info)
            return QBrush(colour) if colour is not None else None
        if role == Qt.ItemDataRole.ToolTipRole:
            state = self.tr("working day") if info.working else self.tr("day off")
            lines = [f"{info.weekday_in(language())}, {day:%d/%m/%Y}: {state}"]
            if info.name:
                lines.append(info.name)
            if info.source:
                lines.append(info.source)
            return "\n".join(lines)
        return None


class EntryColumns(enum.IntEnum):
    DATE = 0
    WEEKDAY = 1
    STATE = 2
    NAME = 3
    ORIGIN = 4


class ExceptionsModel(RowsModel):
    """The year's weekdays off and worked weekends, with where each comes from."""

    def headers(self) -> list[str]:
        return [
            self.tr("Date"),
            self.tr("Weekday"),
            self.tr("State"),
            self.tr("Name"),
            self.tr("From"),
        ]

    def cell(self, info: DayInfo, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.BackgroundRole and column == EntryColumns.STATE:
            colour = day_colour(info)
            return QBrush(colour) if colour is not None else None
        if role == Qt.ItemDataRole.ToolTipRole:
            return info.source or None
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return {
            EntryColumns.DATE: lambda: f"{info.day:%d/%m/%Y}",
            EntryColumns.WEEKDAY: lambda: info.weekday_in(language()),
            EntryColumns.STATE: lambda: self.tr("Working") if info.working else self.tr("Off"),
            EntryColumns.NAME: lambda: info.name,
            EntryColumns.ORIGIN: lambda: (
                self.tr("Official schedule") if info.origin == "schedule" else self.tr("Labor Code")
            ),
        }[EntryColumns(column)]()


class EntryDialog(QDialog):
    """Adds or changes one entry of the official schedule."""

    def __init__(self, day: dt.date, current: DayInfo | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Calendar entry"))
        self.date = QDateEdit(QDate(day.year, day.month, day.day))
        self.date.setDisplayFormat("dd/MM/yyyy")
        self.date.setCalendarPopup(True)
        self.kind = QComboBox()
        self.kind.addItem(self.tr("Day off"), DayKind.OFF.value)
        self.kind.addItem(self.tr("Working day (make-up)"), DayKind.WORKING.value)
        working = current.working if current else day.weekday() >= 5
        self.kind.setCurrentIndex(1 if working else 0)
        self.name = QLineEdit(current.name if current and current.origin == "schedule" else "")
        self.source = QLineEdit(current.source if current else "")
        self.source.setPlaceholderText(self.tr("Document it comes from"))
        form = QFormLayout(self)
        form.addRow(self.tr("Date:"), self.date)
        form.addRow(self.tr("Kind:"), self.kind)
        form.addRow(self.tr("Name:"), self.name)
        form.addRow(self.tr("Source:"), self.source)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def entry(self) -> CalendarEntry:
        q = self.date.date()
        return CalendarEntry(
            dt.date(q.year(), q.month(), q.day()),
            DayKind(self.kind.currentData()),
            self.name.text(),
            self.source.text(),
        )


class CalendarPage(Page):
    watches = frozenset({"calendar_day"})
    loaded = Signal()
    imported = Signal(object)
    exported = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.year_model = YearModel(self)
        self.exceptions_model = ExceptionsModel(self)
        self.year = QSpinBox()
        self.year.setObjectName("year")
        self.year.setRange(2000, 2100)
        self.year.setValue(clock.today().year)
        self.year.valueChanged.connect(lambda _value: self.refresh())

        self.grid = QTableView()
        self.grid.setObjectName("yearGrid")
        self.grid.setModel(self.year_model)
        self.grid.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.grid.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.grid.horizontalHeader().setMinimumSectionSize(24)
        self.grid.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.grid.doubleClicked.connect(self._edit_index)
        self.grid.setTextElideMode(Qt.TextElideMode.ElideNone)
        grid_font = self.grid.font()
        grid_font.setPointSizeF(grid_font.pointSizeF() * 0.85)
        self.grid.setFont(grid_font)

        self.list = QTableView()
        self.list.setObjectName("exceptions")
        self.list.setModel(self.exceptions_model)
        self.list.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.verticalHeader().hide()
        self.list.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.list.horizontalHeader().setStretchLastSection(True)
        self.list.doubleClicked.connect(
            lambda index: self.edit_day(self.exceptions_model.row_at(index.row()).day)
        )

        editable = ctx.can(Permission.CALENDAR_MANAGE)
        self.add_button = QPushButton(self.tr("&Add / change entry…"))
        self.remove_button = QPushButton(self.tr("&Remove entry"))
        self.import_button = QPushButton(self.tr("&Import…"))
        self.export_button = QPushButton(self.tr("E&xport…"))
        self.add_button.clicked.connect(self.add_entry)
        self.remove_button.clicked.connect(self.remove_entry)
        self.import_button.clicked.connect(self.import_file)
        self.export_button.clicked.connect(self.export_file)
        for button in (self.add_button, self.remove_button, self.import_button):
            button.setVisible(editable)

        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Year:")))
        bar.addWidget(self.year)
        for button in (self.add_button, self.remove_button, self.import_button, self.export_button):
            bar.addWidget(button)
        bar.addStretch(1)

        legend = QHBoxLayout()
        for colour, text in (
            (OFF_WEEKDAY, self.tr("weekday off")),
            (WORKED_WEEKEND, self.tr("weekend worked (make-up day)")),
            (WEEKEND, self.tr("weekend")),
        ):
            swatch = QLabel()
            swatch.setFixedSize(18, 14)
            swatch.setStyleSheet(f"background: {colour.name()}; border: 1px solid #999;")
            legend.addWidget(swatch)
            legend.addWidget(QLabel(text))
            legend.addSpacing(12)
        legend.addStretch(1)

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.setObjectName("calendarSplitter")
        splitter.addWidget(self.grid)
        splitter.addWidget(self.list)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)

        self.warning = QLabel()
        self.warning.setObjectName("scheduleMissing")
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet("background: #fff4ce; color: #7a4b00; padding: 4px;")
        self.warning.hide()

        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("Working-day calendar")))
        layout.addWidget(self.warning)
        layout.addLayout(bar)
        layout.addLayout(legend)
        layout.addWidget(splitter, 1)

    def refresh(self) -> None:
        super().refresh()
        year = self.year.value()

        def load(db: Database, _actor: Actor) -> tuple[int, list[DayInfo], list[int]]:
            calendar: WorkCalendar = calendar_service.load_calendar(db)
            missing = unpublished_years(calendar, clock.today())
            if not calendar.published(year) and year not in missing:
                missing.append(year)
            return year, list(calendar.days_of(year)), missing

        reading(self.ctx, self, load).success(self._loaded).run()

    def _loaded(self, result: tuple[int, list[DayInfo], list[int]]) -> None:
        year, days, missing = result
        if year != self.year.value():
            return  # the user moved on to another year meanwhile
        self.warning.setVisible(bool(missing))
        self.warning.setText(
            self.tr(
                "No official holiday schedule for %1 yet: its days off follow the Labor Code "
                "(art. 112) and may move when the schedule is published — appointments falling "
                "around Tết, 30/4–1/5 and 2/9 may change. Import it as soon as it is out."
            ).replace("%1", ", ".join(str(y) for y in missing))
        )
        self.year_model.set_year(year, days)
        self.exceptions_model.set_rows([d for d in days if d.working != (d.day.weekday() < 5)])
        self.loaded.emit()

    # ------------------------------------------------------------------ editing

    def selected_day(self) -> dt.date | None:
        rows = self.list.selectionModel().selectedRows()
        if rows:
            info: DayInfo = self.exceptions_model.row_at(rows[0].row())
            return info.day
        cells = self.grid.selectionModel().selectedIndexes()
        return self.year_model.day_at(cells[0]) if cells else None

    def _edit_index(self, index: QModelIndex) -> None:
        day = self.year_model.day_at(index)
        if day is not None:
            self.edit_day(day)

    def add_entry(self) -> None:
        self.edit_day(self.selected_day() or dt.date(self.year.value(), 1, 1))

    def edit_day(self, day: dt.date) -> None:
        if not self.ctx.can(Permission.CALENDAR_MANAGE):
            return
        dialog = EntryDialog(day, self.year_model.info(day), self)
        if not dialogs.run_dialog(dialog):
            return
        entry = dialog.entry()
        changing(
            self.ctx, self, lambda db, actor: calendar_service.set_entry(db, actor, entry)
        ).run()

    def remove_entry(self) -> None:
        day = self.selected_day()
        if day is None:
            return
        info = self.year_model.info(day)
        if info is None or info.origin != "schedule":
            dialogs.error(
                self,
                ValidationError(
                    self.tr(
                        "%1 has no entry of the official schedule; days given by the "
                        "Labor Code are changed by adding an entry."
                    ).replace("%1", f"{day:%d/%m/%Y}")
                ),
            )
            return
        if not dialogs.confirm(
            self,
            self.tr("Remove entry"),
            self.tr("Remove the entry of %1 (%2)? The day then follows the rules again.")
            .replace("%1", f"{day:%d/%m/%Y}")
            .replace("%2", info.name),
        ):
            return
        changing(
            self.ctx, self, lambda db, actor: calendar_service.remove_entry(db, actor, day)
        ).run()

    def import_file(self) -> None:
        name = dialogs.ask_open_file(
            self, self.tr("Import a schedule"), self.tr("Schedule files (*.csv)")
        )
        if not name:
            return

        def run(db: Database, actor: Actor) -> calendar_service.ImportReport:
            # on the worker, like every file: a refusal in Vietnamese if it cannot be read
            try:
                text = read(Path(name)).decode("utf-8-sig")
            except UnicodeDecodeError:
                raise ValidationError(f"Tệp {name} không phải văn bản UTF-8.") from None
            return calendar_service.import_entries(db, actor, text)

        changing(self.ctx, self, run).success(self._imported).run()

    def _imported(self, report: calendar_service.ImportReport) -> None:
        dialogs.info(self, self.tr("Import"), report.summary())
        self.imported.emit(report)

    def export_file(self) -> None:
        year = self.year.value()
        name = dialogs.ask_save_file(
            self,
            self.tr("Export the schedule"),
            f"lich-lam-viec-{year}.csv",
            self.tr("Schedule files (*.csv)"),
        )
        if not name:
            return

        def export(db: Database, _actor: Actor) -> str:
            # utf-8-sig: Excel on Windows opens it with the Vietnamese letters intact
            text = calendar_service.export_entries(db, year)
            save(Path(name), text.encode("utf-8-sig"))
            return name

        reading(self.ctx, self, export).success(self.exported.emit).run()
