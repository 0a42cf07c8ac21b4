"""The year's ISO cycle at a glance (under *Tài liệu ISO*): the declaration of conformity
and whether a new one is due, the legal updates the process documents owe, the documents
waiting; the chair declares from here."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from html import escape
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from isoqms.db.engine import Database
from isoqms.domain import clock
from isoqms.domain.findings import FindingKind, FindingState
from isoqms.domain.iso_cycle import LegalUpdate
from isoqms.domain.risks import LEVEL_EN, RiskKind
from isoqms.domain.roles import Permission
from isoqms.services import (
    document_reviews,
    internal_audit,
    iso_cycle,
    management_review,
    token_signing,
)
from isoqms.services import findings as finding_service
from isoqms.services import risks as risk_service
from isoqms.services import signatures as signature_service
from isoqms.services import users as user_service
from isoqms.services.exports import save
from isoqms.services.findings import FindingView
from isoqms.services.internal_audit import ProgrammeView
from isoqms.services.iso_cycle import DeclarationStatus, DeclarationView
from isoqms.services.management_review import ReviewView
from isoqms.services.risks import RiskView
from isoqms.services.signing import TokenChoice
from isoqms.services.uow import Actor
from isoqms.ui import dialogs
from isoqms.ui.context import AppContext
from isoqms.ui.finding_dialogs import FindingDialog, PlanDialog, ReviewDialog, RiskDialog
from isoqms.ui.labels import language, shown
from isoqms.ui.operations import changing, reading
from isoqms.ui.pages import Page, heading
from isoqms.ui.signing_dialogs import ask_pin


def level_name(level: str) -> str:
    """A risk's level (Cao, Trung bình, Thấp) in the interface's language."""
    return level if language() == "vi" else LEVEL_EN.get(level, level)


@dataclass(frozen=True)
class CycleSnapshot:
    day: dt.date
    declaration: DeclarationStatus
    updates: tuple[LegalUpdate, ...]
    waiting: dict[str, int]
    findings: tuple[FindingView, ...] = ()
    risks: tuple[RiskView, ...] = ()
    programme: ProgrammeView | None = None
    reviews: tuple[ReviewView, ...] = ()  # the year's, oldest first

    @property
    def review(self) -> ReviewView | None:
        """The year's latest management review."""
        return self.reviews[-1] if self.reviews else None


def _snapshot(db: Database, actor: Actor) -> CycleSnapshot:
    day = clock.today()
    todo = document_reviews.reminders(db, actor, day)
    waiting: dict[str, int] = {}
    for reminder in todo:
        waiting[reminder.what] = waiting.get(reminder.what, 0) + 1
    return CycleSnapshot(
        day,
        iso_cycle.declaration_status(db, actor, day),
        tuple(iso_cycle.pending_legal_updates(db, actor, day)),
        waiting,
        tuple(finding_service.findings(db, actor, today=day)),
        tuple(risk_service.risks(db, actor, day)),
        internal_audit.programme(db, actor, day.year, day),
        tuple(management_review.reviews(db, actor, day.year)),
    )


class IsoCyclePage(Page):
    watches = frozenset(
        {
            "iso_declaration",
            "iso_finding",
            "iso_risk",
            "iso_review",
            "iso_audit",
            "iso_audit_programme",
            "document",
            "document_revision",
            "procedure",
            "procedure_revision",
        }
    )
    loaded = Signal(object)
    declared = Signal(object)  # the DeclarationView made
    review_saved = Signal(str)  # where the management review's input report went
    minutes_saved = Signal(str)  # where the meeting's record went

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.snapshot: CycleSnapshot | None = None
        self.summary = QTextBrowser()
        self.summary.setObjectName("isoCycle")
        self.declare_button = QPushButton(self.tr("&Declare conformity…"))
        self.declare_button.setObjectName("declare")
        self.declare_button.clicked.connect(self.declare)
        self.declare_button.setVisible(ctx.can(Permission.DOCS_APPROVE))
        self.review_button = QPushButton(self.tr("Management &review report…"))
        self.review_button.setObjectName("reviewReport")
        self.review_button.clicked.connect(self.save_review_report)
        # the meeting itself: recorded by the secretary, approved by the chair
        self.record_review_button = QPushButton(self.tr("Record the &meeting…"))
        self.record_review_button.setObjectName("recordReview")
        self.record_review_button.clicked.connect(self.record_review)
        self.record_review_button.setVisible(ctx.can(Permission.REVIEWS_RECORD))
        self.approve_review_button = QPushButton(self.tr("Approve the meetin&g record"))
        self.approve_review_button.setObjectName("approveReview")
        self.approve_review_button.clicked.connect(self.approve_review)
        self.minutes_button = QPushButton(self.tr("Meeting minu&tes…"))
        self.minutes_button.setObjectName("reviewMinutes")
        self.minutes_button.clicked.connect(self.save_minutes)
        bar = QHBoxLayout()
        bar.addWidget(self.declare_button)
        bar.addWidget(self.review_button)
        bar.addWidget(self.record_review_button)
        bar.addWidget(self.approve_review_button)
        bar.addWidget(self.minutes_button)
        bar.addStretch(1)

        # findings and corrective actions (clause 10.2)
        self.findings = QTableWidget(0, 6)
        self.findings.setObjectName("findings")
        self.findings.setHorizontalHeaderLabels(
            [
                self.tr("No."),
                self.tr("Kind"),
                self.tr("Finding"),
                self.tr("State"),
                self.tr("Owner"),
                self.tr("Due"),
            ]
        )
        self.findings.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.findings.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.findings.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.findings.verticalHeader().hide()
        header = self.findings.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.findings.itemSelectionChanged.connect(self.update_actions)
        can_manage = ctx.can(Permission.FINDINGS_MANAGE)
        self.raise_button = QPushButton(self.tr("&Raise a finding…"))
        self.plan_button = QPushButton(self.tr("&Plan the action…"))
        self.done_button = QPushButton(self.tr("Action &done…"))
        self.verify_button = QPushButton(self.tr("&Verify effectiveness…"))
        self.close_button = QPushButton(self.tr("C&lose…"))
        actions = QHBoxLayout()
        for button, handler in (
            (self.raise_button, self.raise_finding),
            (self.plan_button, self.plan),
            (self.done_button, self.done),
            (self.verify_button, self.verify),
            (self.close_button, self.close_finding),
        ):
            button.clicked.connect(handler)
            actions.addWidget(button)
        actions.addStretch(1)
        self.raise_button.setVisible(can_manage)
        findings_box = QWidget()
        box = QVBoxLayout(findings_box)
        box.setContentsMargins(0, 0, 0, 0)
        title = QLabel(self.tr("Findings and corrective actions"))
        bold = QFont(title.font())
        bold.setBold(True)
        title.setFont(bold)
        box.addWidget(title)
        box.addLayout(actions)
        box.addWidget(self.findings, 1)
        # risks and opportunities (clause 6.1)
        self.risks = QTableWidget(0, 6)
        self.risks.setObjectName("risks")
        self.risks.setHorizontalHeaderLabels(
            [
                self.tr("Process"),
                self.tr("Kind"),
                self.tr("Risk or opportunity"),
                self.tr("Level"),
                self.tr("Action taken"),
                self.tr("Next review"),
            ]
        )
        self.risks.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.risks.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.risks.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.risks.verticalHeader().hide()
        risk_header = self.risks.horizontalHeader()
        risk_header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        risk_header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.risks.itemSelectionChanged.connect(self.update_actions)
        self.add_risk_button = QPushButton(self.tr("Add a ris&k…"))
        self.review_risk_button = QPushButton(self.tr("Review the &line…"))
        self.add_risk_button.clicked.connect(self.add_risk)
        self.review_risk_button.clicked.connect(self.review_risk)
        self.add_risk_button.setVisible(can_manage)
        risk_actions = QHBoxLayout()
        risk_actions.addWidget(self.add_risk_button)
        risk_actions.addWidget(self.review_risk_button)
        risk_actions.addStretch(1)
        risks_box = QWidget()
        risk_layout = QVBoxLayout(risks_box)
        risk_layout.setContentsMargins(0, 0, 0, 0)
        risk_title = QLabel(self.tr("Risks and opportunities"))
        risk_title.setFont(bold)
        risk_layout.addWidget(risk_title)
        risk_layout.addLayout(risk_actions)
        risk_layout.addWidget(self.risks, 1)

        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.summary)
        split.addWidget(findings_box)
        split.addWidget(risks_box)
        split.setSizes([220, 220, 180])

        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("ISO cycle of the year")))
        layout.addLayout(bar)
        layout.addWidget(split, 1)
        self.update_actions()

    def refresh(self) -> None:
        super().refresh()
        reading(self.ctx, self, _snapshot).success(self._shown).run()

    def _shown(self, snapshot: CycleSnapshot) -> None:
        chosen = self.selected()
        self.snapshot = snapshot
        self.summary.setHtml(self.cycle_html(snapshot))
        table = self.findings
        table.setRowCount(0)
        for f in snapshot.findings:
            row = table.rowCount()
            table.insertRow(row)
            due = f"{f.due_on:%d/%m/%Y}" if f.due_on else ""
            state = shown(FindingState(f.state)) + (self.tr(" — overdue") if f.overdue else "")
            for column, text in enumerate(
                (f.number, shown(FindingKind(f.kind)), f.description, state, f.owner_name, due)
            ):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, f.number)
                if f.overdue:
                    item.setForeground(Qt.GlobalColor.darkRed)
                table.setItem(row, column, item)
            if chosen is not None and f.number == chosen.number:
                table.selectRow(row)
        self.risks.setRowCount(0)
        for r in snapshot.risks:
            row = self.risks.rowCount()
            self.risks.insertRow(row)
            review = f"{r.review_on:%d/%m/%Y}" + (self.tr(" — overdue") if r.review_overdue else "")
            for column, text in enumerate(
                (
                    r.process,
                    shown(RiskKind(r.kind)),
                    r.description,
                    level_name(r.level),
                    r.action,
                    review,
                )
            ):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, r.id)
                if r.review_overdue:
                    item.setForeground(Qt.GlobalColor.darkRed)
                self.risks.setItem(row, column, item)
        self.update_actions()
        self.loaded.emit(snapshot)

    # ------------------------------------------------------------------ risks

    def selected_risk(self) -> RiskView | None:
        if self.snapshot is None:
            return None
        rows = self.risks.selectionModel().selectedRows()
        if not rows:
            return None
        item = self.risks.item(rows[0].row(), 0)
        risk_id = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        return next((r for r in self.snapshot.risks if r.id == risk_id), None)

    def add_risk(self) -> None:
        dialog = RiskDialog(parent=self)
        if not dialogs.run_dialog(dialog):
            return
        draft = dialog.draft()
        changing(self.ctx, self, lambda db, actor: risk_service.add_risk(db, actor, draft)).run()

    def review_risk(self) -> None:
        line = self.selected_risk()
        if line is None:
            return
        dialog = RiskDialog(line, self)
        if not dialogs.run_dialog(dialog):
            return
        draft, risk_id = dialog.draft(), line.id
        changing(
            self.ctx,
            self,
            lambda db, actor: risk_service.review_risk(db, actor, risk_id, draft),
        ).run()

    def save_review_report(self) -> None:
        year = clock.today().year
        name = dialogs.ask_save_file(
            self,
            self.tr("Save the management review report"),
            f"xem-xet-lanh-dao-{year}.docx",
            self.tr("Word documents (*.docx)"),
        )
        if not name:
            return
        path = Path(name)

        def made(db: Database, actor: Actor) -> str:
            _inputs, data = management_review.review_report_docx(db, actor, year)
            save(path, data)
            return str(path)

        reading(self.ctx, self, made).success(self.review_saved.emit).run()

    # ------------------------------------------------------------------ the meeting

    def record_review(self) -> None:
        def ask(users: list[user_service.UserInfo]) -> None:
            chair = next((u.full_name for u in users if u.active and "approver" in u.roles), "")
            dialog = ReviewDialog(users, chair, self)
            if not dialogs.run_dialog(dialog):
                return
            record = dialog.record()
            changing(
                self.ctx,
                self,
                lambda db, actor: management_review.record_review(db, actor, record),
            ).run()

        reading(self.ctx, self, user_service.list_users).success(ask).run()

    def approve_review(self) -> None:
        meeting = self.snapshot.review if self.snapshot is not None else None
        if meeting is None:
            return
        if not dialogs.confirm(
            self,
            self.tr("Approve the meeting record"),
            self.tr("Approve the record of management review %1 held on %2?")
            .replace("%1", meeting.number)
            .replace("%2", f"{meeting.held_on:%d/%m/%Y}"),
        ):
            return
        number = meeting.number
        user_id = self.ctx.actor.user_id

        def approve(choice: TokenChoice | None) -> None:
            if choice is None:  # no token: approved as always
                changing(
                    self.ctx,
                    self,
                    lambda db, actor: management_review.approve_review(db, actor, number),
                ).run()
                return
            pin = ask_pin(self, choice.key or choice.token)
            if pin is None:
                return
            changing(
                self.ctx,
                self,
                lambda db, actor: token_signing.approve_review_with_token(db, actor, number, pin),
            ).run()

        reading(
            self.ctx, self, lambda db, _actor: signature_service.user_choice(db, user_id)
        ).success(approve).run()

    def save_minutes(self) -> None:
        meeting = self.snapshot.review if self.snapshot is not None else None
        if meeting is None:
            return
        name = dialogs.ask_save_file(
            self,
            self.tr("Save the meeting minutes"),
            f"bien-ban-{meeting.number.lower()}.docx",
            self.tr("Word documents (*.docx)"),
        )
        if not name:
            return
        path, number, year = Path(name), meeting.number, meeting.year

        def made(db: Database, actor: Actor) -> str:
            _inputs, data = management_review.review_report_docx(db, actor, year, review=number)
            save(path, data)
            return str(path)

        reading(self.ctx, self, made).success(self.minutes_saved.emit).run()

    # ------------------------------------------------------------------ findings

    def selected(self) -> FindingView | None:
        if self.snapshot is None:
            return None
        rows = self.findings.selectionModel().selectedRows()
        if not rows:
            return None
        item = self.findings.item(rows[0].row(), 0)
        number = item.text() if item is not None else ""
        return next((f for f in self.snapshot.findings if f.number == number), None)

    def select(self, number: str) -> None:
        for row in range(self.findings.rowCount()):
            item = self.findings.item(row, 0)
            if item is not None and item.text() == number:
                self.findings.selectRow(row)
                return

    def update_actions(self) -> None:
        f = self.selected()
        manage = self.ctx.can(Permission.FINDINGS_MANAGE)
        me = self.ctx.actor.username
        self.plan_button.setVisible(
            manage and f is not None and f.state in ("open", "planned")
            and f.kind == "nonconformity"
        )  # fmt: skip
        self.done_button.setVisible(
            self.ctx.can(Permission.FINDINGS_ACT)
            and f is not None
            and f.state == "planned"
            and f.owner == me
        )
        self.verify_button.setVisible(
            manage and f is not None and f.state == "done" and f.owner != me
        )
        self.close_button.setVisible(
            manage and f is not None and f.state == "open" and f.kind != "nonconformity"
        )
        if hasattr(self, "risks"):
            self.review_risk_button.setVisible(manage and self.selected_risk() is not None)
        meeting = self.snapshot.review if self.snapshot is not None else None
        self.minutes_button.setVisible(meeting is not None)
        self.approve_review_button.setVisible(
            meeting is not None
            and meeting.approved_on is None
            and self.ctx.can(Permission.DOCS_APPROVE)
        )

    def raise_finding(self) -> None:
        dialog = FindingDialog(self)
        if not dialogs.run_dialog(dialog):
            return
        draft = dialog.draft()
        changing(
            self.ctx,
            self,
            lambda db, actor: finding_service.raise_finding(db, actor, draft),
        ).run()

    def plan(self) -> None:
        f = self.selected()
        if f is None:
            return
        number = f.number

        def ask(users: list[user_service.UserInfo]) -> None:
            dialog = PlanDialog(users, self)
            if not dialogs.run_dialog(dialog):
                return
            plan = dialog.plan()
            changing(
                self.ctx,
                self,
                lambda db, actor: finding_service.plan_action(db, actor, number, plan),
            ).run()

        reading(self.ctx, self, user_service.list_users).success(ask).run()

    def done(self) -> None:
        f = self.selected()
        if f is None:
            return
        number = f.number
        note = dialogs.ask_text(self, self.tr("Action done"), self.tr("What was done:"))
        if note is not None:
            changing(
                self.ctx,
                self,
                lambda db, actor: finding_service.record_done(db, actor, number, note),
            ).run()

    def verify(self) -> None:
        f = self.selected()
        if f is None:
            return
        number = f.number
        answer = dialogs.ask_item(
            self,
            self.tr("Verify effectiveness"),
            self.tr("Did the action work?"),
            [self.tr("Effective: close the finding"), self.tr("Not effective: plan again")],
        )
        if answer is None:
            return
        note = dialogs.ask_text(
            self, self.tr("Verify effectiveness"), self.tr("What was checked, and the result:")
        )
        if note is not None:
            changing(
                self.ctx,
                self,
                lambda db, actor: finding_service.verify(
                    db, actor, number, effective=answer == 0, note=note
                ),
            ).run()

    def close_finding(self) -> None:
        f = self.selected()
        if f is None:
            return
        number = f.number
        note = dialogs.ask_text(self, self.tr("Close the finding"), self.tr("Note:"))
        if note is not None:
            changing(
                self.ctx,
                self,
                lambda db, actor: finding_service.close_finding(db, actor, number, note),
            ).run()

    def cycle_html(self, s: CycleSnapshot) -> str:
        declaration_title = self.tr("Declaration of conformity (công bố)")
        none_yet = self.tr("No declaration made yet.")
        holds = self.tr("The declaration holds.")
        updates_title = self.tr("Legal updates")
        no_updates = self.tr("No process document owes an update.")
        documents_title = self.tr("Documents")
        last = s.declaration.last
        parts = [f"<h3>{escape(declaration_title)}</h3>"]
        if last is None:
            parts.append(f"<p>{escape(none_yet)}</p>")
        else:
            made = (
                self.tr("Decision %1 of %2, %3, %4 procedures in scope.")
                .replace("%1", last.number.strip())
                .replace("%2", f"{last.declared_on:%d/%m/%Y}")
                .replace("%3", last.standard)
                .replace("%4", str(len(last.procedures)))
            )
            parts.append(f"<p>{escape(made)}</p>")
        if s.declaration.due:
            lead = (
                self.tr("A declaration is due:")
                if last is None
                else self.tr("A new declaration is due:")
            )
            items = "".join(f"<li>{escape(r)}</li>" for r in s.declaration.reasons)
            parts.append(f"<p><b style='color:#b00020'>{escape(lead)}</b></p><ul>{items}</ul>")
        else:
            parts.append(f"<p style='color:#1b5e20'>{escape(holds)}</p>")
        parts.append(f"<h3>{escape(updates_title)}</h3>")
        if not s.updates:
            parts.append(f"<p>{escape(no_updates)}</p>")
        else:
            rows = "".join(
                f"<li>{'<b>' if u.overdue(s.day) else ''}{escape(u.document)} — "
                f"{escape(u.label_in(language()))}{'</b>' if u.overdue(s.day) else ''}</li>"
                for u in s.updates
            )
            parts.append(f"<ul>{rows}</ul>")
        parts.extend(self._audit_and_review_html(s))
        parts.append(f"<h3>{escape(documents_title)}</h3><ul>")
        for what, label in (
            ("review_due", self.tr("due for periodic review")),
            ("waiting_review", self.tr("waiting for review")),
            ("waiting_approval", self.tr("waiting for approval")),
            ("returned_draft", self.tr("sent back to the drafter")),
            ("recall_copy", self.tr("copies to recall")),
            ("acknowledge_copy", self.tr("copies to be signed for")),
        ):
            parts.append(f"<li>{s.waiting.get(what, 0)} {escape(label)}</li>")
        parts.append("</ul>")
        return "".join(parts)

    def _audit_and_review_html(self, s: CycleSnapshot) -> list[str]:
        audit_title = self.tr("Internal audit")
        parts = [f"<h3>{escape(audit_title)}</h3>"]
        programme = s.programme
        if programme is None or not programme.audits:
            warning = self.tr(
                "No internal audit is planned this year: the law asks for one at least."
            )
            parts.append(f"<p><b style='color:#b00020'>{escape(warning)}</b></p>")
        else:
            approved = (
                self.tr("approved on %1").replace("%1", f"{programme.approved_on:%d/%m/%Y}")
                if programme.approved_on
                else self.tr("not approved yet")
            )
            line = (
                self.tr("Programme %1: %2 audits planned, %3 reported.")
                .replace("%1", approved)
                .replace("%2", str(programme.planned))
                .replace("%3", str(programme.done))
            )
            parts.append(f"<p>{escape(line)}</p>")
            upcoming = [a for a in programme.audits if a.reported_on is None]
            if upcoming:
                nxt = min(upcoming, key=lambda a: a.planned_on)
                parts.append(
                    "<p>"
                    + escape(
                        self.tr("Next: %1 on %2 (%3).")
                        .replace("%1", nxt.number)
                        .replace("%2", f"{nxt.planned_on:%d/%m/%Y}")
                        .replace("%3", nxt.title)
                    )
                    + "</p>"
                )
        review_title = self.tr("Management review")
        parts.append(f"<h3>{escape(review_title)}</h3>")
        meeting = s.review
        if meeting is None:
            warning = self.tr(
                "No management review recorded this year: the law asks for one at least."
            )
            parts.append(f"<p><b style='color:#b00020'>{escape(warning)}</b></p>")
        else:
            open_ = sum(
                1 for f in s.findings if f.number in meeting.decisions and f.state != "closed"
            )
            line = (
                self.tr("Meeting %1 of %2, chaired by %3: %4 decisions, %5 still open; %6.")
                .replace("%1", meeting.number)
                .replace("%2", f"{meeting.held_on:%d/%m/%Y}")
                .replace("%3", meeting.chair)
                .replace("%4", str(len(meeting.decisions)))
                .replace("%5", str(open_))
                .replace(
                    "%6",
                    self.tr("record approved")
                    if meeting.approved_on
                    else self.tr("record not approved yet"),
                )
            )
            parts.append(f"<p>{escape(line)}</p>")
        return parts

    def declare(self) -> None:
        snapshot = self.snapshot
        if snapshot is not None and not snapshot.declaration.scope.covered:
            dialogs.info(
                self,
                self.tr("Declare conformity"),
                self.tr("No process document is in force: there is nothing to declare."),
            )
            return
        number = dialogs.ask_text(
            self,
            self.tr("Declare conformity"),
            self.tr("Number of the decision (empty: left for the office to write):"),
        )
        if number is None:
            return
        name = dialogs.ask_save_file(
            self,
            self.tr("Save the decision"),
            f"cong-bo-iso-{clock.today():%Y-%m-%d}.docx",
            self.tr("Word documents (*.docx)"),
        )
        if not name:
            return
        path = Path(name)

        def made(db: Database, actor: Actor) -> DeclarationView:
            view, _data = iso_cycle.declare(db, actor, number, out=path)
            return view

        changing(self.ctx, self, made).success(self.declared.emit).run()
