"""The year's ISO cycle at a glance (under *Tài liệu ISO*): the declaration of conformity
and whether a new one is due, the legal updates the process documents owe, the documents
waiting; the chair declares from here."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from html import escape
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QTextBrowser, QVBoxLayout, QWidget

from isoqms.db.engine import Database
from isoqms.domain import clock
from isoqms.domain.iso_cycle import LegalUpdate
from isoqms.domain.roles import Permission
from isoqms.services import document_reviews, iso_cycle
from isoqms.services.exports import save
from isoqms.services.iso_cycle import DeclarationStatus, DeclarationView
from isoqms.services.uow import Actor
from isoqms.ui import dialogs
from isoqms.ui.context import AppContext
from isoqms.ui.operations import changing, reading
from isoqms.ui.pages import Page, heading


@dataclass(frozen=True)
class CycleSnapshot:
    day: dt.date
    declaration: DeclarationStatus
    updates: tuple[LegalUpdate, ...]
    waiting: dict[str, int]


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
    )


class IsoCyclePage(Page):
    watches = frozenset(
        {"iso_declaration", "document", "document_revision", "procedure", "procedure_revision"}
    )
    loaded = Signal(object)
    declared = Signal(object)  # the DeclarationView made

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.snapshot: CycleSnapshot | None = None
        self.summary = QTextBrowser()
        self.summary.setObjectName("isoCycle")
        self.declare_button = QPushButton(self.tr("&Declare conformity…"))
        self.declare_button.setObjectName("declare")
        self.declare_button.clicked.connect(self.declare)
        self.declare_button.setVisible(ctx.can(Permission.DOCS_APPROVE))
        bar = QHBoxLayout()
        bar.addWidget(self.declare_button)
        bar.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("ISO cycle of the year")))
        layout.addLayout(bar)
        layout.addWidget(self.summary, 1)

    def refresh(self) -> None:
        super().refresh()
        reading(self.ctx, self, _snapshot).success(self._shown).run()

    def _shown(self, snapshot: CycleSnapshot) -> None:
        self.snapshot = snapshot
        self.summary.setHtml(self.cycle_html(snapshot))
        self.loaded.emit(snapshot)

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
                f"{escape(u.label)}{'</b>' if u.overdue(s.day) else ''}</li>"
                for u in s.updates
            )
            parts.append(f"<ul>{rows}</ul>")
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
            view, data = iso_cycle.declare(db, actor, number)
            save(path, data)
            return view

        changing(self.ctx, self, made).success(self.declared.emit).run()
