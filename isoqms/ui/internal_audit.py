"""The internal audit under *Tài liệu ISO* (clause 9.2): the year's programme and its
audits; the secretary plans an audit, the chair approves the programme, the audit's own
auditors answer its checklist with evidence (a nonconformity answered is a finding at
once), the lead auditor reports; anyone who reads may print the report."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from isoqms.db.engine import Database
from isoqms.domain import clock
from isoqms.domain.errors import ValidationError
from isoqms.domain.internal_audit import AuditState, Result
from isoqms.domain.iso_cycle import ScopeItem
from isoqms.domain.roles import Permission, permissions_of
from isoqms.services import internal_audit as audit_service
from isoqms.services import iso_cycle
from isoqms.services import users as user_service
from isoqms.services.exports import save
from isoqms.services.internal_audit import Answer, AuditPlan, AuditView, ItemView, ProgrammeView
from isoqms.services.uow import Actor
from isoqms.services.users import UserInfo
from isoqms.ui import dialogs
from isoqms.ui.context import AppContext
from isoqms.ui.finding_dialogs import _Checked, _text_box
from isoqms.ui.labels import shown
from isoqms.ui.operations import changing, reading
from isoqms.ui.pages import Page, heading


@dataclass(frozen=True)
class AuditSnapshot:
    programme: ProgrammeView
    audits: tuple[AuditView, ...]  # with their checklists


def _snapshot(year: int) -> Callable[[Database, Actor], AuditSnapshot]:
    def load(db: Database, actor: Actor) -> AuditSnapshot:
        prog = audit_service.programme(db, actor, year)
        return AuditSnapshot(
            prog, tuple(audit_service.audit(db, actor, a.number) for a in prog.audits)
        )

    return load


@dataclass(frozen=True)
class PlanChoices:
    processes: tuple[ScopeItem, ...]
    auditors: tuple[UserInfo, ...]


def _choices(db: Database, actor: Actor) -> PlanChoices:
    scope = iso_cycle.declaration_status(db, actor).scope
    auditors = tuple(
        u
        for u in user_service.list_users(db, actor)
        if u.active and Permission.AUDITS_RECORD in permissions_of(u.roles)
    )
    return PlanChoices(scope.covered, auditors)


class AuditPlanDialog(_Checked):
    """An audit added to the programme: its process documents, day, auditors."""

    def __init__(self, choices: PlanChoices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Plan an internal audit"))
        self.title = QLineEdit()
        self.title.setPlaceholderText(self.tr("Internal audit of the civil-status processes"))
        self.processes = QListWidget()
        for item in choices.processes:
            row = QListWidgetItem(f"{item.document_code} — {item.procedure_name}")
            row.setData(Qt.ItemDataRole.UserRole, item.document_code)
            row.setFlags(row.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            row.setCheckState(Qt.CheckState.Unchecked)
            self.processes.addItem(row)
        self.day = QDateEdit()
        self.day.setDisplayFormat("dd/MM/yyyy")
        self.day.setCalendarPopup(True)
        later = clock.today() + dt.timedelta(days=7)
        self.day.setDate(QDate(later.year, later.month, later.day))
        self.lead = QComboBox()
        self.second = QComboBox()
        self.second.addItem(self.tr("— none —"), "")
        for user in choices.auditors:
            self.lead.addItem(f"{user.full_name} ({user.username})", user.username)
            self.second.addItem(f"{user.full_name} ({user.username})", user.username)
        self.criteria = _text_box()
        self.criteria.setPlaceholderText(
            "TCVN ISO 9001:2015; các quy trình được đánh giá; Điều 36 Thông tư 26/2014/TT-BKHCN"
        )
        form = QFormLayout()
        form.addRow(self.tr("&Title:"), self.title)
        form.addRow(self.tr("&Processes (space ticks):"), self.processes)
        form.addRow(self.tr("&Day:"), self.day)
        form.addRow(self.tr("&Lead auditor:"), self.lead)
        form.addRow(self.tr("&Second auditor:"), self.second)
        form.addRow(self.tr("&Criteria:"), self.criteria)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.resize(680, 560)

    def chosen(self) -> tuple[str, ...]:
        out: list[str] = []
        for row in range(self.processes.count()):
            item = self.processes.item(row)
            if item.checkState() == Qt.CheckState.Checked:
                out.append(item.data(Qt.ItemDataRole.UserRole))
        return tuple(out)

    def tick(self, *codes: str) -> None:
        for row in range(self.processes.count()):
            item = self.processes.item(row)
            if item.data(Qt.ItemDataRole.UserRole) in codes:
                item.setCheckState(Qt.CheckState.Checked)

    def plan(self) -> AuditPlan:
        day = self.day.date()
        return AuditPlan(
            self.title.text(),
            self.chosen(),
            dt.date(day.year(), day.month(), day.day()),
            self.lead.currentData() or "",
            self.second.currentData() or "",
            self.criteria.toPlainText(),
        )

    def check(self) -> None:
        if not self.title.text().strip():
            raise ValidationError("Chưa ghi tên cuộc đánh giá.")
        if not self.chosen():
            raise ValidationError("Chọn ít nhất một quy trình để đánh giá.")
        if self.lead.currentData() is None:
            raise ValidationError(
                "Chưa có chuyên gia đánh giá nội bộ: quản trị viên gán vai trò "
                "internal_auditor trước."
            )


class AnswerDialog(_Checked):
    """One question's answer: the result, what was seen, the evidence (one per line)."""

    def __init__(self, item: ItemView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Answer question %1").replace("%1", str(item.seq)))
        question = QLabel(f"<b>{item.ref}</b> — {item.question}")
        question.setWordWrap(True)
        self.verdict = QComboBox()
        for result in Result:
            self.verdict.addItem(shown(result), result.value)
        if item.result:
            self.verdict.setCurrentIndex(self.verdict.findData(item.result))
        self.note = _text_box()
        self.note.setPlainText(item.note)
        self.evidence = _text_box()
        self.evidence.setPlaceholderText(
            "dossier:000.00.38.H47-261201-0001\ndocument:QT-HT-01\nevent:1234"
        )
        # files already kept are named by their SHA-256: delete the line to drop one
        self.evidence.setPlainText("\n".join(f"{e.kind}:{e.ref}" for e in item.evidence))
        self.kept_files = tuple(f"{e.label}" for e in item.evidence if e.kind == "file")
        self.attach = QPushButton(self.tr("&Attach a file…"))
        self.attach.clicked.connect(self.attach_file)
        form = QFormLayout()
        form.addRow(question)
        form.addRow(self.tr("&Result:"), self.verdict)
        form.addRow(self.tr("What was &seen:"), self.note)
        form.addRow(self.tr("&Evidence (one per line):"), self.evidence)
        form.addRow("", self.attach)
        if self.kept_files:
            kept = QLabel("; ".join(self.kept_files))
            kept.setWordWrap(True)
            form.addRow(self.tr("Files kept:"), kept)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.resize(680, 460)

    def attach_file(self) -> None:
        name = dialogs.ask_open_file(self, self.tr("Evidence file"), self.tr("All files (*)"))
        if name:
            self.evidence.appendPlainText(f"file:{name}")

    def answer(self) -> Answer:
        lines = tuple(x.strip() for x in self.evidence.toPlainText().splitlines() if x.strip())
        return Answer(self.verdict.currentData(), self.note.toPlainText(), lines)

    def check(self) -> None:
        if Result(self.verdict.currentData()).raises and not self.note.toPlainText().strip():
            raise ValidationError(
                "Ghi rõ điều không phù hợp hoặc khuyến nghị: đó là nội dung của phát hiện."
            )


class InternalAuditPage(Page):
    watches = frozenset({"iso_audit", "iso_audit_programme", "iso_finding"})
    loaded = Signal(object)
    report_saved = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.snapshot: AuditSnapshot | None = None
        self.year = QSpinBox()
        self.year.setObjectName("auditYear")
        self.year.setRange(2000, clock.today().year + 1)
        self.year.setValue(clock.today().year)
        self.year.valueChanged.connect(lambda _v: self.refresh())
        self.status = QLabel()
        self.status.setObjectName("programmeStatus")
        self.plan_button = QPushButton(self.tr("&Plan an audit…"))
        self.approve_button = QPushButton(self.tr("Appro&ve the programme…"))
        self.answer_button = QPushButton(self.tr("&Answer the question…"))
        self.report_button = QPushButton(self.tr("Audit &report…"))
        self.plan_button.setVisible(ctx.can(Permission.AUDITS_PLAN))
        self.approve_button.setVisible(ctx.can(Permission.DOCS_APPROVE))
        for button, handler in (
            (self.plan_button, self.plan),
            (self.approve_button, self.approve),
            (self.answer_button, self.answer),
            (self.report_button, self.report),
        ):
            button.clicked.connect(handler)
        top = QHBoxLayout()
        year_label = QLabel(self.tr("&Year:"))
        year_label.setBuddy(self.year)
        top.addWidget(year_label)
        top.addWidget(self.year)
        top.addWidget(self.status, 1)
        top.addWidget(self.plan_button)
        top.addWidget(self.approve_button)

        self.audits = QTableWidget(0, 6)
        self.audits.setObjectName("audits")
        self.audits.setHorizontalHeaderLabels(
            [
                self.tr("No."),
                self.tr("Day"),
                self.tr("Audit"),
                self.tr("Auditors"),
                self.tr("State"),
                self.tr("Answered"),
            ]
        )
        self.checklist = QTableWidget(0, 5)
        self.checklist.setObjectName("checklist")
        self.checklist.setHorizontalHeaderLabels(
            [
                self.tr("Item"),
                self.tr("Question"),
                self.tr("Result"),
                self.tr("What was seen, evidence"),
                self.tr("Finding"),
            ]
        )
        for table, stretch in ((self.audits, 2), (self.checklist, 1)):
            table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
            table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
            table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            table.verticalHeader().hide()
            header = table.horizontalHeader()
            header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
            header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
        self.checklist.setWordWrap(True)
        self.checklist.horizontalHeader().setSectionResizeMode(
            3, QHeaderView.ResizeMode.Interactive
        )
        self.checklist.setColumnWidth(3, 260)
        self.audits.itemSelectionChanged.connect(self.show_checklist)
        self.checklist.itemSelectionChanged.connect(self.update_actions)
        self.checklist.activated.connect(lambda _index: self.answer())

        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        actions = QHBoxLayout()
        self.audit_title = QLabel()
        self.audit_title.setWordWrap(True)
        actions.addWidget(self.audit_title, 1)
        actions.addWidget(self.answer_button)
        actions.addWidget(self.report_button)
        lower_layout.addLayout(actions)
        lower_layout.addWidget(self.checklist, 1)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.audits)
        split.addWidget(lower)
        split.setSizes([170, 430])

        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("Internal audit")))
        layout.addLayout(top)
        layout.addWidget(split, 1)
        self.update_actions()

    # ------------------------------------------------------------------ loading

    def refresh(self) -> None:
        super().refresh()
        reading(self.ctx, self, _snapshot(self.year.value())).success(self._shown).run()

    def _shown(self, snapshot: AuditSnapshot) -> None:
        chosen = self.selected_audit()
        self.snapshot = snapshot
        prog = snapshot.programme
        if prog.approved_on is not None:
            state = (
                self.tr("approved on %1 by %2")
                .replace("%1", f"{prog.approved_on:%d/%m/%Y}")
                .replace("%2", prog.approved_by)
            )
        else:
            state = self.tr("not approved yet")
        self.status.setText(
            self.tr("Programme: %1 audits, %2 reported; %3.")
            .replace("%1", str(prog.planned))
            .replace("%2", str(prog.done))
            .replace("%3", state)
        )
        table = self.audits
        table.setRowCount(0)
        for a in snapshot.audits:
            row = table.rowCount()
            table.insertRow(row)
            auditors = a.lead_name + (f", {a.second_name}" if a.second_name else "")
            for column, text in enumerate(
                (
                    a.number,
                    f"{a.planned_on:%d/%m/%Y}",
                    f"{a.title}: {', '.join(a.processes)}",
                    auditors,
                    shown(AuditState(a.state)),
                    f"{a.answered}/{a.questions}",
                )
            ):
                table.setItem(row, column, QTableWidgetItem(text))
        if snapshot.audits:
            numbers = [a.number for a in snapshot.audits]
            wanted = chosen.number if chosen is not None and chosen.number in numbers else None
            table.selectRow(numbers.index(wanted) if wanted else 0)
        self.show_checklist()
        self.loaded.emit(snapshot)

    def selected_audit(self) -> AuditView | None:
        if self.snapshot is None:
            return None
        rows = self.audits.selectionModel().selectedRows()
        if not rows:
            return None
        item = self.audits.item(rows[0].row(), 0)
        number = item.text() if item is not None else ""
        return next((a for a in self.snapshot.audits if a.number == number), None)

    def selected_item(self) -> ItemView | None:
        audit = self.selected_audit()
        rows = self.checklist.selectionModel().selectedRows()
        if audit is None or not rows:
            return None
        return audit.items[rows[0].row()] if rows[0].row() < len(audit.items) else None

    def show_checklist(self) -> None:
        audit = self.selected_audit()
        keep = self.checklist.currentRow()
        self.checklist.setRowCount(0)
        if audit is None:
            self.audit_title.setText("")
            self.update_actions()
            return
        self.audit_title.setText(
            f"<b>{audit.number}</b> — {audit.title}"
            + (f" — {audit.conclusion}" if audit.conclusion else "")
        )
        for i in audit.items:
            row = self.checklist.rowCount()
            self.checklist.insertRow(row)
            seen = "; ".join(x for x in (i.note, *(e.label for e in i.evidence)) if x)
            for column, text in enumerate(
                (f"{i.seq}. {i.ref}", i.question, i.result_label, seen, i.finding)
            ):
                cell = QTableWidgetItem(text)
                if i.result in (Result.NONCONFORM, Result.OBSERVATION):
                    cell.setForeground(Qt.GlobalColor.darkRed)
                self.checklist.setItem(row, column, cell)
        if 0 <= keep < self.checklist.rowCount():
            self.checklist.selectRow(keep)
        self.checklist.resizeRowsToContents()
        self.update_actions()

    def update_actions(self) -> None:
        audit = self.selected_audit()
        me = self.ctx.actor.username
        mine = audit is not None and me in (audit.lead, audit.second)
        open_ = audit is not None and audit.state != "reported"
        self.answer_button.setVisible(self.ctx.can(Permission.AUDITS_RECORD) and mine and open_)
        self.answer_button.setEnabled(self.selected_item() is not None)
        self.report_button.setVisible(audit is not None)

    # ------------------------------------------------------------------ actions

    def plan(self) -> None:
        def ask(choices: PlanChoices) -> None:
            dialog = AuditPlanDialog(choices, self)
            if not dialogs.run_dialog(dialog):
                return
            plan = dialog.plan()
            changing(
                self.ctx, self, lambda db, actor: audit_service.plan_audit(db, actor, plan)
            ).run()

        reading(self.ctx, self, _choices).success(ask).run()

    def approve(self) -> None:
        year = self.year.value()
        note = dialogs.ask_text(
            self,
            self.tr("Approve the programme"),
            self.tr("Approve the internal audit programme of %1. Note (optional):").replace(
                "%1", str(year)
            ),
        )
        if note is not None:
            changing(
                self.ctx,
                self,
                lambda db, actor: audit_service.approve_programme(db, actor, year, note),
            ).run()

    def answer(self) -> None:
        audit, item = self.selected_audit(), self.selected_item()
        if audit is None or item is None or not self.answer_button.isVisible():
            return
        dialog = AnswerDialog(item, self)
        if not dialogs.run_dialog(dialog):
            return
        reply, number, seq = dialog.answer(), audit.number, item.seq
        changing(
            self.ctx,
            self,
            lambda db, actor: audit_service.answer(db, actor, number, seq, reply),
        ).run()

    def report(self) -> None:
        audit = self.selected_audit()
        if audit is None:
            return
        number = audit.number
        conclusion: str | None = None
        if audit.state != "reported" and self.ctx.actor.username == audit.lead:
            left = audit.questions - audit.answered
            if left:
                dialogs.info(
                    self,
                    self.tr("Audit report"),
                    self.tr(
                        "%1 questions are not answered yet: the report printed now is a draft."
                    ).replace("%1", str(left)),
                )
            else:
                conclusion = dialogs.ask_text(
                    self,
                    self.tr("Audit report"),
                    self.tr("Conclusion of the lead auditor (closes the audit):"),
                )
                if conclusion is None:
                    return
        name = dialogs.ask_save_file(
            self,
            self.tr("Save the audit report"),
            f"bao-cao-danh-gia-{number}.docx",
            self.tr("Word documents (*.docx)"),
        )
        if not name:
            return
        path = Path(name)

        def made(db: Database, actor: Actor) -> str:
            if conclusion is not None:
                audit_service.close_audit(db, actor, number, conclusion)
            _view, data = audit_service.audit_report_docx(db, actor, number)
            save(path, data)
            return str(path)

        run = changing if conclusion is not None else reading
        run(self.ctx, self, made).success(self.report_saved.emit).run()
