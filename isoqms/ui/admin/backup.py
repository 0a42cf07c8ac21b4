"""Backups for the administrator: the last one, where the automatic ones go and how many
are kept, a backup now, a restore (checked in full, its consequence said before it is
done), and a checkpoint of the log for the committee's minutes."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from isoqms.db.engine import Database
from isoqms.domain import clock
from isoqms.services import anchors, backup
from isoqms.services import unit as unit_service
from isoqms.services.backup import BackupInfo, BackupStatus, RestorePlan, RestoreResult
from isoqms.services.uow import Actor
from isoqms.ui import dialogs
from isoqms.ui.auditor import BAD_STYLE, OK_STYLE
from isoqms.ui.context import AppContext
from isoqms.ui.labels import local_time
from isoqms.ui.operations import changing, reading
from isoqms.ui.pages import Page, heading


def size_text(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB" if size >= 1024 * 1024 else f"{max(1, size // 1024)} KB"


def save_checkpoint(db: Database, actor: Actor, path: Path) -> tuple[int, Path, Path]:
    """Make a checkpoint and write it as ``path`` (JSON) and the page beside it (PDF)."""
    if path.suffix.lower() != ".json":  # a name typed without its extension
        path = path.with_name(path.name + ".json")
    page = path.with_suffix(".pdf")
    anchor = anchors.save(db, actor, path, page)
    return anchor.seq, path, page


def make_checkpoint_from(
    page: Page,
    made: Callable[[tuple[int, Path, Path]], None],
    failed: Callable[[BaseException], None],
) -> None:
    """Ask where to save a checkpoint and make it there (the Backups tab and the audit
    page offer the same action)."""
    suggested = f"moc-kiem-tra-{clock.now():%Y%m%d-%H%M}.json"
    path = dialogs.ask_save_file(
        page,
        QCoreApplication.translate("Checkpoint", "Save the checkpoint"),
        suggested,
        QCoreApplication.translate("Checkpoint", "Checkpoint (*.json)"),
    )
    if not path:
        return
    target = Path(path)
    changing(page.ctx, page, lambda db, actor: save_checkpoint(db, actor, target)).success(
        made
    ).failure(failed).run()


def checkpoint_made_text(made: tuple[int, Path, Path]) -> str:
    seq, path, page = made
    return (
        QCoreApplication.translate(
            "Checkpoint", "Checkpoint made at event %1: %2, and its page to print: %3."
        )
        .replace("%1", str(seq))
        .replace("%2", str(path))
        .replace("%3", str(page))
    )


class BackupPage(Page):
    watches = frozenset({"backup", "unit", "audit"})
    loaded = Signal()
    done = Signal(object)  # what the last action gave: a BackupInfo, a checkpoint, an error
    restored = Signal(object)  # RestoreResult: the data changed under everyone's feet

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.last = QLabel()
        self.last.setObjectName("lastBackup")
        self.last.setWordWrap(True)
        self.folder = QLineEdit()
        self.folder.setPlaceholderText(self.tr("The data folder's “backups” (this computer)"))
        self.choose_button = QPushButton(self.tr("Choose f&older…"))
        self.choose_button.clicked.connect(self.choose_folder)
        self.keep = QSpinBox()
        self.keep.setRange(1, 365)
        self.keep.setSuffix(self.tr(" most recent"))
        self.save_button = QPushButton(self.tr("&Save settings"))
        self.save_button.clicked.connect(self.save_settings)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(self.choose_button)
        keep_row = QHBoxLayout()
        keep_row.addWidget(self.keep)
        keep_row.addWidget(self.save_button)
        keep_row.addStretch(1)
        form = QFormLayout()
        form.addRow(self.tr("Automatic backups go to:"), folder_row)
        form.addRow(self.tr("Keep:"), keep_row)
        note = QLabel(
            self.tr(
                "The program backs up by itself at its first start each day and when it is "
                "closed. Choose a USB disk or a network folder: a copy on the same computer "
                "is lost with its disk. A backup also carries a checkpoint of the audit log."
            )
        )
        note.setWordWrap(True)
        self.backup_button = QPushButton(self.tr("Back up &now…"))
        self.backup_button.clicked.connect(self.back_up_now)
        self.restore_button = QPushButton(self.tr("&Restore from a backup…"))
        self.restore_button.clicked.connect(self.restore)
        self.anchor_button = QPushButton(self.tr("Make a check&point…"))
        self.anchor_button.clicked.connect(self.make_checkpoint)
        buttons = QHBoxLayout()
        buttons.addWidget(self.backup_button)
        buttons.addWidget(self.restore_button)
        buttons.addWidget(self.anchor_button)
        buttons.addStretch(1)
        self.result = QLabel()
        self.result.setObjectName("backupResult")
        self.result.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("Backups")))
        layout.addWidget(self.last)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addLayout(buttons)
        layout.addWidget(self.result)
        layout.addStretch(1)

    def focus_first(self) -> None:
        self.backup_button.setFocus()

    # ------------------------------------------------------------------ reading

    def refresh(self) -> None:
        super().refresh()
        reading(self.ctx, self, lambda db, _actor: backup.status(db)).success(self._loaded).run()

    def _loaded(self, status: BackupStatus) -> None:
        self.folder.setText(status.folder if status.configured else "")
        self.keep.setValue(status.keep)
        if status.last_at is None:
            self.last.setStyleSheet(BAD_STYLE)
            self.last.setText(self.tr("No backup has been made yet."))
        else:
            self.last.setStyleSheet("")
            who = self.tr("automatic") if status.last_by == "system" else status.last_by
            self.last.setText(
                self.tr("Last backup: %1 (%2) — %3, %4. Automatic backups: %5.")
                .replace("%1", local_time(status.last_at))
                .replace("%2", who)
                .replace("%3", status.last_file)
                .replace("%4", size_text(status.last_size))
                .replace("%5", status.folder)
            )
        self.loaded.emit()

    # ------------------------------------------------------------------ actions

    def choose_folder(self) -> None:
        chosen = dialogs.ask_folder(
            self, self.tr("Folder for automatic backups"), self.folder.text()
        )
        if chosen:
            self.folder.setText(chosen)

    def save_settings(self) -> None:
        folder, keep = self.folder.text().strip(), self.keep.value()

        def run(db: Database, actor: Actor) -> object:
            info = dataclasses.replace(
                unit_service.get_unit(db), backup_folder=folder, backup_keep=keep
            )
            return unit_service.update_unit(db, actor, info)

        changing(self.ctx, self, run).success(
            lambda _info: self._say(self.tr("Backup settings saved."))
        ).failure(self._failed).run()

    def back_up_now(self) -> None:
        start = Path(self.folder.text().strip() or ".")
        suggested = start / f"isoqms-{clock.now():%Y%m%d-%H%M}{backup.SUFFIX}"
        path = dialogs.ask_save_file(
            self, self.tr("Save the backup"), str(suggested), f"isoqms (*{backup.SUFFIX})"
        )
        if not path:
            return
        target = Path(path)
        if not target.name.endswith(backup.SUFFIX):
            target = target.with_name(target.name + backup.SUFFIX)
        self._say(self.tr("Backing up…"))
        changing(self.ctx, self, lambda db, actor: backup.make(db, actor, target)).success(
            self._backed_up
        ).failure(self._failed).run()

    def _backed_up(self, info: BackupInfo) -> None:
        self._say(
            self.tr("Backed up to %1 (%2): the log up to event %3.")
            .replace("%1", info.file)
            .replace("%2", size_text(info.size))
            .replace("%3", str(info.seq))
        )
        self.done.emit(info)

    def restore(self) -> None:
        path = dialogs.ask_open_file(
            self, self.tr("Restore from a backup"), f"isoqms (*{backup.SUFFIX})"
        )
        if not path:
            return
        self._say(self.tr("Checking the backup…"))
        file = Path(path)
        reading(self.ctx, self, lambda db, _actor: backup.plan_for(file, db)).success(
            lambda plan: self._confirm_restore(file, plan)
        ).failure(self._failed).run()

    def _confirm_restore(self, file: Path, plan: RestorePlan) -> None:
        self._say(self.tr("The backup is intact."))
        question = (
            plan.summary()
            + "\n\n"
            + self.tr(
                "Restoring replaces all the data of this database with the backup's (a backup "
                "of the data it replaces is made first). Everyone should stop working first; "
                "you will be signed out afterwards. Restore?"
            )
        )
        if not dialogs.confirm(self, self.tr("Restore from a backup"), question):
            self._say(self.tr("Nothing was restored."))
            return
        self._say(self.tr("Restoring…"))
        changing(
            self.ctx, self, lambda db, actor: backup.restore_by_admin(file, db, actor)
        ).success(self._restored).failure(self._failed).run()

    def _restored(self, result: RestoreResult) -> None:
        said = self.tr("Restored: the log holds %1 events and was checked intact.").replace(
            "%1", str(result.events)
        )
        if result.safety_copy:
            said += " " + self.tr("The data it replaced is kept in %1.").replace(
                "%1", result.safety_copy
            )
        self._say(said)
        self.done.emit(result)
        self.restored.emit(result)

    def make_checkpoint(self) -> None:
        make_checkpoint_from(self, self._checkpoint_made, self._failed)

    def _checkpoint_made(self, made: tuple[int, Path, Path]) -> None:
        self._say(checkpoint_made_text(made))
        self.done.emit(made)

    def _say(self, text: str, *, ok: bool = True) -> None:
        self.result.setStyleSheet(OK_STYLE if ok else BAD_STYLE)
        self.result.setText(text)

    def _failed(self, exc: BaseException) -> None:
        self._say(dialogs.failure_text(self, exc), ok=False)
        self.done.emit(exc)
