"""The TTHC catalogue: search, one procedure's content in force, import, export."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QWidget

from isoqms.domain import clock
from isoqms.domain.errors import IsoqmsError, ValidationError
from isoqms.services import exports, procedures
from isoqms.services.exports import save
from isoqms.services.procedures import ImportReport, ProcedureRow, RevisionView
from isoqms.ui.context import AppContext
from isoqms.ui.operations import Change, Query


def search(ctx: AppContext, parent: QWidget | None, query: str) -> Query[list[ProcedureRow]]:
    db = ctx.db
    return Query(ctx, parent, lambda: procedures.search(db, query, limit=1000))


def content_in_force(
    ctx: AppContext, parent: QWidget | None, code: str
) -> Query[RevisionView | str]:
    """The content in force, or why there is none (a message to show in its place)."""
    db = ctx.db

    def run() -> RevisionView | str:
        try:
            return procedures.revision_in_force(db, code, clock.now())
        except IsoqmsError as exc:
            return exc.message

    return Query(ctx, parent, run)


def _read(path: Path) -> bytes:
    return exports.read(path)


def import_file(
    ctx: AppContext, parent: QWidget | None, path: Path, kind: str
) -> Change[ImportReport]:
    """The portal's list (.xlsx) or content in our JSON format (.json)."""
    db, actor = ctx.db, ctx.actor

    def run() -> ImportReport:
        data = _read(path)
        if kind == "xlsx":
            return procedures.import_portal_list(db, actor, data)
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ValidationError("Tệp không phải văn bản UTF-8.") from None
        return procedures.import_content(db, actor, text)

    return Change(ctx, parent, run)


def export_file(ctx: AppContext, parent: QWidget | None, path: Path) -> Query[Path]:
    db = ctx.db

    def run() -> Path:
        save(path, procedures.export_content(db).encode("utf-8"))
        return path

    return Query(ctx, parent, run)
