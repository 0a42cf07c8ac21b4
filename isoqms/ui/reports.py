"""Báo cáo: the desk's statistics for a period with a chart, export to .xlsx/.docx, and the
quality objectives with their attainment per period."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from isoqms.db.engine import Database
from isoqms.domain import clock
from isoqms.domain import statistics as figures_names
from isoqms.domain.errors import ValidationError
from isoqms.domain.findings import FindingKind, FindingSource
from isoqms.domain.journey import Outcome
from isoqms.domain.roles import Permission
from isoqms.render import report as render
from isoqms.services import findings as finding_service
from isoqms.services import objectives, procedures, statistics
from isoqms.services.exports import export_report
from isoqms.services.findings import FindingDraft
from isoqms.services.objectives import (
    PERIODS,
    PERIODS_EN,
    SCOPES,
    SCOPES_EN,
    Attainment,
    ObjectiveDraft,
    ObjectiveView,
)
from isoqms.services.statistics import METRICS, METRICS_EN, Figures, Period, Report
from isoqms.services.uow import Actor
from isoqms.ui import dialogs
from isoqms.ui.context import AppContext
from isoqms.ui.finding_dialogs import FindingDialog
from isoqms.ui.labels import language, shown
from isoqms.ui.models import RowsModel
from isoqms.ui.operations import changing, reading
from isoqms.ui.pages import Page, heading


def _named(vietnamese: dict[str, str], english: dict[str, str], key: str) -> str:
    """A coded value's name in the interface's language."""
    return vietnamese[key] if language() == "vi" else english.get(key, vietnamese[key])


def _figure_name(table: dict[str, tuple[str, str]], key: str) -> str:
    vi, en = table[key]
    return vi if language() == "vi" else en


def period_name(period: Period) -> str:
    return period.label_in(language())


class BarChart(QWidget):
    """Horizontal bars, one per (label, value, colour); drawn with QPainter (QtCharts is
    not part of PySide6-Essentials)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bars: list[tuple[str, int, str]] = []
        self.setMinimumHeight(220)

    def sizeHint(self) -> QSize:
        return QSize(420, 40 + 30 * max(1, len(self.bars)))

    def set_bars(self, bars: list[tuple[str, int, str]]) -> None:
        self.bars = bars
        self.updateGeometry()
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = painter.fontMetrics()
        label_width = max((metrics.horizontalAdvance(b[0]) for b in self.bars), default=0) + 12
        top, row = 10, max(22, (self.height() - 20) // max(1, len(self.bars)))
        biggest = max((b[1] for b in self.bars), default=0) or 1
        room = max(10, self.width() - label_width - 60)
        for i, (label, value, colour) in enumerate(self.bars):
            y = top + i * row
            painter.setPen(self.palette().windowText().color())
            painter.drawText(
                QRectF(0, y, label_width - 8, row - 4),
                int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                label,
            )
            width = room * value / biggest
            painter.fillRect(QRectF(label_width, y + 3, width, row - 10), QColor(colour))
            painter.drawText(
                QRectF(label_width + width + 6, y, 60, row - 4),
                int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                str(value),
            )
        painter.end()


class IndicatorsModel(RowsModel):
    def headers(self) -> list[str]:
        return [self.tr("Indicator"), self.tr("Figure")]

    def cell(self, row: tuple[str, Any], column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 1:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return row[0] if column == 0 else render.shown(row[1])


class BreakdownModel(RowsModel):
    def headers(self) -> list[str]:
        return [self.tr("Field / procedure")] + [
            _figure_name(figures_names.BREAKDOWN, key) for _, key in render.BREAKDOWN
        ]

    def cell(self, row: statistics.Row, column: int, role: int) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if column == 0:
            return row.label if row.key == row.label else f"{row.key} {row.label}"
        return render.shown(render.value(row.figures, render.BREAKDOWN[column - 1][1]))


def chart_bars(f: Figures) -> list[tuple[str, int, str]]:
    return [
        (shown(Outcome.BEFORE), f.resolved_before, "#2e7d32"),
        (shown(Outcome.ON_TIME), f.resolved_on_time, "#66bb6a"),
        (shown(Outcome.LATE), f.resolved_late, "#c62828"),
        (_figure_name(figures_names.BREAKDOWN, "open_not_due"), f.open_not_due, "#1565c0"),
        (_figure_name(figures_names.BREAKDOWN, "open_overdue"), f.open_overdue, "#ef6c00"),
    ]


def finding_from(report: Report) -> FindingDraft:
    """A nonconformity drafted from the counter's figures for a period: late dossiers first
    (clause 8.5.1, the service not delivered as planned), else the citizens' complaints and
    dissatisfaction (9.1.2)."""
    f = report.total
    late = f.late_total  # Decision 766: every way a dossier is late, each once
    rate = "—" if f.on_time_rate is None else f"{f.on_time_rate:.2f}%".replace(".", ",")
    if late or not f.dissatisfied:
        parts = [
            f"{f.resolved_late} hồ sơ giải quyết quá hạn",
            f"{f.open_overdue} hồ sơ đang quá hạn",
        ]
        if f.ended_late:
            parts.append(f"{f.ended_late} hồ sơ dừng hoặc rút sau thời điểm hẹn")
        if f.repeat_supplement:
            parts.append(f"{f.repeat_supplement} hồ sơ phải bổ sung quá một lần")
        return FindingDraft(
            FindingKind.NONCONFORMITY,
            f"{report.period.label}: {', '.join(parts)}; "
            f"tỷ lệ giải quyết trước và đúng hạn {rate}.",
            FindingSource.LATE_DOSSIER,
            "8.5.1",
            evidence=f"Báo cáo thống kê {report.period.label} (isoqms report)",
        )
    return FindingDraft(
        FindingKind.NONCONFORMITY,
        f"{report.period.label}: {f.dissatisfied} hồ sơ có phản ánh hoặc người dân không hài lòng.",
        FindingSource.COMPLAINT,
        "9.1.2",
        evidence=f"Báo cáo thống kê {report.period.label} (isoqms report)",
    )


class StatisticsPanel(QWidget):
    loaded = Signal()
    exported = Signal(str)
    finding_raised = Signal(str)  # the number of the nonconformity raised from the figures

    KINDS = ("month", "quarter", "6", "9", "12", "custom")

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.report: Report | None = None
        today = clock.today()
        self.kind = QComboBox()
        for key, text in zip(
            self.KINDS,
            (
                self.tr("Month"),
                self.tr("Quarter"),
                self.tr("First 6 months"),
                self.tr("First 9 months"),
                self.tr("Whole year"),
                self.tr("From … to …"),
            ),
            strict=True,
        ):
            self.kind.addItem(text, key)
        self.kind.setCurrentIndex(1)
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(today.year)
        self.number = QSpinBox()
        self.number.setRange(1, 4)
        self.number.setValue((today.month - 1) // 3 + 1)
        self.date_from = QDateEdit(QDate(today.year, today.month, 1))
        self.date_to = QDateEdit(QDate(today.year, today.month, today.day))
        for edit in (self.date_from, self.date_to):
            edit.setDisplayFormat("dd/MM/yyyy")
            edit.setCalendarPopup(True)
        self.by = QComboBox()
        self.by.addItem(self.tr("Overall only"), "")
        self.by.addItem(self.tr("By field"), "field")
        self.by.addItem(self.tr("By procedure"), "procedure")
        self.show_button = QPushButton(self.tr("&Show"))
        self.show_button.setDefault(True)
        self.show_button.clicked.connect(self.load)
        self.export_button = QPushButton(self.tr("&Export…"))
        self.export_button.clicked.connect(self.export)
        self.finding_button = QPushButton(self.tr("Raise a &nonconformity…"))
        self.finding_button.setObjectName("raiseFromFigures")
        self.finding_button.setToolTip(
            self.tr("Record a nonconformity (late dossiers, complaints) from these figures")
        )
        self.finding_button.clicked.connect(self.raise_finding)
        self.finding_button.setVisible(False)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.title = QLabel()
        self.title.setObjectName("reportTitle")
        self.indicators = IndicatorsModel(self)
        self.breakdown = BreakdownModel(self)
        self.chart = BarChart()
        table = QTableView()
        table.setObjectName("indicators")
        table.setModel(self.indicators)
        table.verticalHeader().hide()
        table.setColumnWidth(0, 420)
        table.horizontalHeader().setStretchLastSection(True)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        detail = QTableView()
        detail.setObjectName("breakdown")
        detail.setModel(self.breakdown)
        detail.verticalHeader().hide()
        detail.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        detail.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.detail_view = detail
        bar = QHBoxLayout()
        for widget in (
            QLabel(self.tr("Period:")),
            self.kind,
            QLabel(self.tr("Year:")),
            self.year,
            self.number,
            self.date_from,
            self.date_to,
            self.by,
            self.show_button,
        ):
            bar.addWidget(widget)
        bar.addStretch(1)
        bar.addWidget(self.finding_button)
        bar.addWidget(self.export_button)
        top = QSplitter(Qt.Orientation.Horizontal)
        top.setObjectName("reportTopSplitter")
        top.addWidget(table)
        top.addWidget(self.chart)
        top.setSizes([520, 420])
        split = QSplitter(Qt.Orientation.Vertical)
        split.setObjectName("reportSplitter")
        split.addWidget(top)
        split.addWidget(detail)
        split.setSizes([470, 200])
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.title)
        layout.addWidget(split, 1)
        self._kind_changed()

    def _kind_changed(self) -> None:
        kind = self.kind.currentData()
        self.number.setVisible(kind in ("month", "quarter"))
        self.number.setRange(1, 12 if kind == "month" else 4)
        custom = kind == "custom"
        self.year.setVisible(not custom)
        self.date_from.setVisible(custom)
        self.date_to.setVisible(custom)

    def period(self) -> Period:
        kind, year, n = self.kind.currentData(), self.year.value(), self.number.value()
        if kind == "month":
            return Period.month(year, n)
        if kind == "quarter":
            return Period.quarter(year, n)
        if kind in ("6", "9", "12"):
            return Period.months(year, int(kind))
        start, end = self.date_from.date(), self.date_to.date()
        return Period.custom(
            dt.date(start.year(), start.month(), start.day()),
            dt.date(end.year(), end.month(), end.day()),
        )

    def load(self) -> None:
        try:
            period = self.period()
        except ValidationError as exc:
            dialogs.error(self, exc)
            return
        by = self.by.currentData() or None
        reading(self.ctx, self, lambda db, actor: statistics.report(db, actor, period, by)).success(
            self._loaded
        ).run()

    def _loaded(self, result: Report) -> None:
        self.report = result
        self.title.setText(f"<b>{period_name(result.period)}</b>")
        self.indicators.set_rows(
            [
                (
                    _figure_name(figures_names.INDICATORS, key).strip(),
                    render.value(result.total, key),
                )
                for _label, key in render.INDICATORS
            ]
        )
        self.breakdown.set_rows(list(result.rows))
        self.detail_view.setVisible(bool(result.by))
        self.chart.set_bars(chart_bars(result.total))
        self.finding_button.setVisible(self.ctx.can(Permission.FINDINGS_MANAGE))
        self.loaded.emit()

    def raise_finding(self) -> None:
        if self.report is None:
            return
        dialog = FindingDialog(self)
        dialog.prefill(finding_from(self.report))
        if not dialogs.run_dialog(dialog):
            return
        draft = dialog.draft()
        changing(
            self.ctx,
            self,
            lambda db, actor: finding_service.raise_finding(db, actor, draft).number,
        ).success(self.finding_raised.emit).run()

    def export(self) -> None:
        if self.report is None:
            return
        report = self.report
        name = dialogs.ask_save_file(
            self,
            self.tr("Export the report"),
            f"bao-cao-{report.period.start:%Y%m%d}-{report.period.end:%Y%m%d}.docx",
            self.tr("Word document (*.docx);;Excel workbook (*.xlsx)"),
        )
        if not name:
            return

        def write(db: Database, actor: Actor) -> str:
            export_report(db, actor, report, Path(name))
            return name

        reading(self.ctx, self, write).success(self.exported.emit).run()


# ---------------------------------------------------------------------- objectives


class ObjectiveDialog(QDialog):
    def __init__(self, fields: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("New quality objective"))
        self.setMinimumWidth(620)
        self.title = QLineEdit()
        self.title.setPlaceholderText(self.tr("≥ 99% of dossiers resolved before or on time"))
        self.metric_box = QComboBox()
        for key in METRICS:
            self.metric_box.addItem(_named(METRICS, METRICS_EN, key), key)
        self.comparison = QComboBox()
        self.comparison.addItem("≥", ">=")
        self.comparison.addItem("≤", "<=")
        self.target = QDoubleSpinBox()
        self.target.setRange(0, 100)
        self.target.setDecimals(1)
        self.target.setValue(99)
        self.target.setSuffix(" %")
        self.scope = QComboBox()
        for key in SCOPES:
            self.scope.addItem(_named(SCOPES, SCOPES_EN, key), key)
        self.scope_value = QComboBox()
        self.scope_value.setEditable(True)
        for name in fields:
            self.scope_value.addItem(name)
        self.period = QComboBox()
        for key in PERIODS:
            self.period.addItem(_named(PERIODS, PERIODS_EN, key), key)
        self.period.setCurrentIndex(1)
        target = QHBoxLayout()
        target.addWidget(self.comparison)
        target.addWidget(self.target)
        form = QFormLayout(self)
        form.addRow(self.tr("Objective:"), self.title)
        form.addRow(self.tr("Measured by:"), self.metric_box)
        form.addRow(self.tr("Target:"), target)
        form.addRow(self.tr("Scope:"), self.scope)
        form.addRow(self.tr("Field or procedure code:"), self.scope_value)
        form.addRow(self.tr("Evaluated:"), self.period)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def draft(self) -> ObjectiveDraft:
        return ObjectiveDraft(
            title=self.title.text(),
            metric=str(self.metric_box.currentData()),
            target=self.target.value(),
            comparison=str(self.comparison.currentData()),
            scope=str(self.scope.currentData()),
            scope_value=self.scope_value.currentText(),
            period=str(self.period.currentData()),
        )


def _short(period: Period) -> str:
    """ "T11", "Q4", "6T1", "2026" ("M11", "Q4", "H1" in English): a period's short name
    within its year."""
    label, english = period.label, language() == "en"
    if label.startswith("Tháng"):
        return f"{'M' if english else 'T'}{period.start.month}"
    if label.startswith("Quý"):
        return f"Q{(period.start.month - 1) // 3 + 1}"
    if label.startswith("6 tháng"):
        return ("H" if english else "6T") + ("1" if period.start.month == 1 else "2")
    return str(period.start.year)


class ObjectivesModel(RowsModel):
    """One row per objective: its target, the latest period's figure and verdict, and
    every period of the year so far."""

    def headers(self) -> list[str]:
        return [
            self.tr("Objective"),
            self.tr("Target"),
            self.tr("Latest period"),
            self.tr("Result"),
            self.tr("Assessment"),
            self.tr("Periods of the year"),
        ]

    def cell(self, row: tuple[ObjectiveView, list[Attainment]], column: int, role: int) -> Any:
        objective, results = row
        latest = next((r for r in reversed(results) if r.value is not None), None)
        if role == Qt.ItemDataRole.ForegroundRole and column in (3, 4) and latest:
            return QColor("#2e7d32") if latest.met else QColor("#b00020")
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if column == 0:
            return objective.title
        if column == 1:
            return (
                f"{objective.target_text} ({_named(PERIODS, PERIODS_EN, objective.period).lower()})"
            )
        if column == 2:
            return period_name(latest.period) if latest else "—"
        if column == 3:
            return f"{render.shown(latest.value)}%" if latest and latest.value is not None else "—"
        if column == 4:
            if latest is None:
                return self.tr("No figures yet")
            return self.tr("Met") if latest.met else self.tr("Not met")
        parts = []
        for result in results:
            if result.value is None:
                parts.append(f"{_short(result.period)}: —")
            else:
                mark = "✓" if result.met else "✗"
                parts.append(f"{_short(result.period)}: {render.shown(result.value)} {mark}")
        return "; ".join(parts)


class ObjectivesPanel(QWidget):
    loaded = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.fields: list[str] = []  # for the new-objective dialog, read with the table
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(clock.today().year)
        self.year.valueChanged.connect(lambda _v: self.load())
        self.add_button = QPushButton(self.tr("&New objective…"))
        self.retire_button = QPushButton(self.tr("&Stop using…"))
        self.add_button.clicked.connect(self.add)
        self.retire_button.clicked.connect(self.retire)
        for button in (self.add_button, self.retire_button):
            button.setVisible(ctx.can(Permission.OBJECTIVES_MANAGE))
        self.model = ObjectivesModel(self)
        self.table = QTableView()
        self.table.setObjectName("objectives")
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        for column, width in enumerate((330, 170, 120, 80, 110)):
            self.table.setColumnWidth(column, width)
        self.table.horizontalHeader().setStretchLastSection(True)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Year:")))
        bar.addWidget(self.year)
        bar.addStretch(1)
        bar.addWidget(self.add_button)
        bar.addWidget(self.retire_button)
        note = QLabel(
            self.tr(
                "Figures come from the dossiers themselves (Reports → Statistics); "
                "nobody types them."
            )
        )
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(note)

    def load(self) -> None:
        year = self.year.value()

        def fetch(
            db: Database, actor: Actor
        ) -> tuple[list[tuple[ObjectiveView, list[Attainment]]], list[str]]:
            cache: objectives.Reports = {}
            rows = [
                (o, objectives.attainment(db, actor, o, year, cache=cache))
                for o in objectives.list_objectives(db, actor)
            ]
            return rows, procedures.fields(db)

        reading(self.ctx, self, fetch).success(self._shown).run()

    def _shown(
        self, result: tuple[list[tuple[ObjectiveView, list[Attainment]]], list[str]]
    ) -> None:
        rows, self.fields = result
        self.model.set_rows(rows)
        self.loaded.emit()

    def add(self) -> None:
        dialog = ObjectiveDialog(self.fields, self)
        if not dialogs.run_dialog(dialog):
            return
        draft = dialog.draft()
        changing(self.ctx, self, lambda db, actor: objectives.add(db, actor, draft)).run()

    def retire(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return
        objective = self.model.row_at(rows[0].row())[0]
        reason = dialogs.ask_text(self, self.tr("Stop using the objective"), self.tr("Reason:"))
        if not reason:
            return
        changing(
            self.ctx, self, lambda db, actor: objectives.retire(db, actor, objective.id, reason)
        ).run()


class ReportsPage(Page):
    watches = frozenset({"dossier", "quality_objective"})

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.statistics = StatisticsPanel(ctx)
        self.objectives = ObjectivesPanel(ctx)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.statistics, self.tr("Statistics"))
        self.tabs.addTab(self.objectives, self.tr("Quality objectives"))
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("Reports")))
        layout.addWidget(self.tabs, 1)

    def refresh(self) -> None:
        super().refresh()
        self.statistics.load()
        self.objectives.load()
