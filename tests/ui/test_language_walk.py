"""Every label in the interface's language: a walk through every screen, as every demo user,
in English and in Vietnamese, finding no label shown in the other language.

What a label is in each language comes from the program's own tables: the Qt translation
(English source → Vietnamese) and the domain's names (``isoqms.domain.labels`` and the
audit log's ``isoqms.domain.audit_labels``). Data (names, procedures, notes) is Vietnamese
in both interfaces and is not a label; printed legal forms stay Vietnamese too.
``ISOQMS_WALK_DUMP=1 pytest -s tests/ui/test_language_walk.py`` prints every text seen.
"""

from __future__ import annotations

import enum
import importlib
import itertools
import os
import pkgutil
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QAbstractItemModel, QLocale, QModelIndex, Qt, QTranslator
from PySide6.QtGui import QAction, QTextDocumentFragment
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDialog,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTabWidget,
    QTextEdit,
    QWidget,
)
from sqlalchemy import func, select

import isoqms.domain
from isoqms.db.engine import Database
from isoqms.db.models import Dossier
from isoqms.domain import audit_labels, clock
from isoqms.domain import labels as domain_labels
from isoqms.domain.journey import Action
from isoqms.domain.text import fold
from isoqms.services import demo as demo_service
from isoqms.services import unit as unit_service
from isoqms.services import users as user_service
from isoqms.services.users import UserInfo
from isoqms.ui import i18n
from isoqms.ui.admin.calendar import EntryDialog
from isoqms.ui.admin.users import UserDialog
from isoqms.ui.context import AppContext
from isoqms.ui.document_dialogs import NewDocumentDialog
from isoqms.ui.dossiers import ActionDialog, DossierDialog
from isoqms.ui.finding_dialogs import FindingDialog, PlanDialog, ReviewDialog, RiskDialog
from isoqms.ui.main_window import MainWindow
from isoqms.ui.records import RecordDialog
from isoqms.ui.reports import ObjectiveDialog
from isoqms.ui.signing_dialogs import TokenDialog, TrustDialog
from isoqms.ui.smoke import _settle
from isoqms.ui.tasks import TaskRunner
from tools.update_translations import TRANSLATIONS

pytestmark = pytest.mark.one_database

#: Words the same (or near enough) in both languages.
SAME_IN_BOTH = {"iso", "ok", "pdf", "docx", "xlsx", "csv", "email", "tthc", "id", "—", ""}
#: Data that happens to read like a label, by the column it is in (English headings: in
#: the Vietnamese walk data is Vietnamese anyway): documents' titles and the records list
#: (the demo's "Sổ theo dõi hồ sơ", "Danh mục hồ sơ"), who keeps a record and a person's
#: job title ("Thư ký ISO") …
DATA_COLUMNS = ("[Title]", "[Document]", "[Record]", "[Kept by]")
#: … and a procedure's steps as its process document writes them: who does the step and
#: what it gives (the catalogue's detail shows the document's own words).
DATA_TEXTS = {"Công chức tiếp nhận", "Phiếu kiểm soát"}


def _clean(text: str) -> str:
    text = re.sub(r"&(?=\S)", "", text)  # mnemonics
    return " ".join(text.split()).strip(" :.…")


def translation_pairs() -> list[tuple[str, str]]:
    """(English, Vietnamese) for every message of the .ts and every domain name."""
    pairs: list[tuple[str, str]] = []
    for message in ET.parse(TRANSLATIONS / "isoqms_vi.ts").getroot().iter("message"):
        source, target = message.findtext("source") or "", message.findtext("translation") or ""
        if "%" in source or "<" in source:  # filled in or rich text: not shown as written
            continue
        pairs.append((source, target))
    pairs += [(en, vi) for vi, en in domain_labels.pairs()]
    for table in (audit_labels.ACTIONS, audit_labels.ENTITIES):
        pairs += [(en, vi) for vi, en in table.values()]
    out = []
    for en, vi in pairs:
        en, vi = _clean(en), _clean(vi)
        if fold(en) != fold(vi) and fold(en) not in SAME_IN_BOTH and len(en) > 2:
            out.append((en, vi))
    return out


def _pieces(text: str) -> Iterator[str]:
    """A shown text and its parts: lines, and what separators set apart."""
    if re.search(r"<[a-zA-Z][^>]*>", text):
        text = QTextDocumentFragment.fromHtml(text).toPlainText()
    for line in text.splitlines():
        yield _clean(line)
        for piece in re.split(r" — | · | – |: |; |\t|\(|\)", line):
            yield _clean(piece)


def _columns(model: QAbstractItemModel, parent: QModelIndex) -> int:
    """Columns under ``parent`` (a list model keeps its count private: one)."""
    try:
        return int(model.columnCount(parent))
    except TypeError:
        return 1


def _view_texts(view: QAbstractItemView) -> Iterator[tuple[str, str]]:
    """(column heading, text) for the headings and the cells of a list or table."""
    model = view.model()
    if model is None:
        return
    headings = [
        str(model.headerData(section, Qt.Orientation.Horizontal) or "")
        for section in range(_columns(model, QModelIndex()))
    ]
    for heading in headings:
        yield "", heading

    def rows(parent: QModelIndex, depth: int) -> Iterator[tuple[str, str]]:
        for row in range(min(model.rowCount(parent), 120)):
            for column in range(_columns(model, parent)):
                index = model.index(row, column, parent)
                heading = headings[column] if column < len(headings) else ""
                for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                    value = model.data(index, role)
                    if value:
                        yield heading, str(value)
            if depth < 2:
                yield from rows(model.index(row, 0, parent), depth + 1)

    yield from rows(QModelIndex(), 0)


def shown_texts(root: QWidget) -> Iterator[tuple[str, str]]:
    """(where, text) for every text a user can read in ``root`` and its children."""
    for widget in (root, *root.findChildren(QWidget)):
        where = type(widget).__name__ + (f"#{widget.objectName()}" if widget.objectName() else "")
        texts: list[str] = [widget.toolTip(), widget.windowTitle() if widget is root else ""]
        if isinstance(widget, QAbstractItemView) and not isinstance(widget, QHeaderView):
            for heading, text in _view_texts(widget):
                yield f"{where}[{heading}]", text
        if isinstance(widget, (QLabel, QAbstractButton)):
            texts.append(widget.text())
        elif isinstance(widget, QGroupBox):
            texts.append(widget.title())
        elif isinstance(widget, QTabWidget):
            texts += [widget.tabText(i) for i in range(widget.count())]
        elif isinstance(widget, QComboBox):
            texts += [widget.itemText(i) for i in range(widget.count())]
        elif isinstance(widget, QLineEdit):
            texts.append(widget.placeholderText())
        elif isinstance(widget, (QTextEdit, QPlainTextEdit)):
            texts.append(widget.toPlainText())
            texts.append(widget.placeholderText())
        for text in texts:
            if text:
                yield where, text
    for action in root.findChildren(QAction):
        yield "QAction", action.text()
        yield "QAction", action.toolTip()


def walk(
    window: MainWindow, app: QApplication, tasks: TaskRunner, seen: set[object]
) -> Iterator[tuple[str, str]]:
    """Every area and every tab in it; in each, the first row of every list chosen so
    its detail shows too. An area another user already showed with the same tabs
    (``seen``) is not walked again: its labels are the same words."""
    for row in range(window.nav.count()):
        page = window.stack.widget(row)
        area = window.nav.item(row).data(Qt.ItemDataRole.UserRole)
        tabs = [page] if isinstance(page, QTabWidget) else page.findChildren(QTabWidget)
        shape = (area, tuple(t.tabText(i) for t in tabs for i in range(t.count())))
        if shape in seen:
            continue
        seen.add(shape)
        window.nav.setCurrentRow(row)
        _settle(app, tasks)
        page = window.stack.currentWidget()
        visits = [(None, -1)] + [(t, i) for t in tabs for i in range(t.count())]
        for tab_widget, index in visits:
            if tab_widget is not None:
                tab_widget.setCurrentIndex(index)
                _settle(app, tasks)
            for view in page.findChildren(QAbstractItemView):
                if view.isVisible() and view.model() is not None and view.model().rowCount():
                    view.setCurrentIndex(view.model().index(0, 0))
            _settle(app, tasks)
            for where, text in shown_texts(page):
                yield f"{area}:{index} {where}", text
    for where, text in shown_texts(window.menuBar()):
        yield f"menu {where}", text
    for where, text in shown_texts(window.statusBar()):
        yield f"status bar {where}", text


def dialogs_walk(ctx: AppContext, app: QApplication) -> Iterator[tuple[str, str]]:
    """The dialogs people fill in: a dossier in each state with every action's form, a
    finding, its plan, a risk, the management review, an objective, a record, a new
    document, a user, a calendar day."""
    with ctx.db.read() as session:
        codes = {
            state: code
            for state, code in session.execute(
                select(Dossier.state, func.min(Dossier.code)).group_by(Dossier.state)
            )
        }
    opened: list[QDialog] = []
    for state, code in sorted(codes.items()):
        dialog = DossierDialog(ctx, code)
        opened.append(dialog)
        dialog.show()
        _settle(app, ctx.tasks)
        assert dialog.detail is not None
        yield from ((f"dossier {state} {w}", t) for w, t in shown_texts(dialog))
        for action in Action:
            form = ActionDialog(action, dialog.detail, [("officer", "Hoàng Minh Tuấn")])
            opened.append(form)
            yield from ((f"action {action} {w}", t) for w, t in shown_texts(form))
    users = list_users_for(ctx)
    for dialog in (
        FindingDialog(),
        PlanDialog(users),
        RiskDialog(),
        ReviewDialog(users),
        ObjectiveDialog(["Tư pháp"]),
        RecordDialog(),
        NewDocumentDialog(),
        UserDialog(None),
        EntryDialog(clock.today(), None),
        TokenDialog(ctx, unit=True),
        TrustDialog(ctx),
    ):
        opened.append(dialog)
        yield from ((f"{type(dialog).__name__} {w}", t) for w, t in shown_texts(dialog))
    for dialog in opened:
        dialog.deleteLater()


def list_users_for(ctx: AppContext) -> list[UserInfo]:
    return user_service.list_users(ctx.db, ctx.actor)


def other_language_labels(db: Database, app: QApplication, language: str) -> dict[str, set[str]]:
    """Labels of the other language found on the screens, with where they were seen."""
    pairs = translation_pairs()
    if language == "en":
        wrong = {vi: en for en, vi in pairs}
        right = {en for en, _vi in pairs}
    else:
        wrong = {en: vi for en, vi in pairs}
        right = {vi for _en, vi in pairs}
    wrong = {k: v for k, v in wrong.items() if k not in right}  # shared words are fine
    found: dict[str, set[str]] = {}
    seen: set[object] = set()
    for username in [user[0].value for user in demo_service.DEMO_USERS]:
        actor, info = user_service.authenticate(db, username, "demo", record_login=False)
        tasks = TaskRunner()
        ctx = AppContext(
            db, actor, info, unit_service.get_unit(db), demo=True, tasks=tasks, language=language
        )
        window = MainWindow(ctx)
        window.resize(1366, 768)
        window.show()
        try:
            shown = walk(window, app, tasks, seen)
            if username == "admin":
                shown = itertools.chain(shown, dialogs_walk(ctx, app))
            for where, text in shown:
                if os.environ.get("ISOQMS_WALK_DUMP"):  # pytest -s: every text seen, to look at
                    print("WALK", language, username, where, repr(text[:100]))
                if any(column in where for column in DATA_COLUMNS):
                    continue
                for piece in _pieces(text):
                    if piece in wrong and piece not in DATA_TEXTS:
                        found.setdefault(piece, set()).add(f"{username} {where}")
        finally:
            window.close()
            _settle(app, tasks)
            window.deleteLater()
            tasks.wait_idle()
            tasks.shutdown()
    return found


@pytest.fixture
def english(qapp: QApplication, vietnamese_ui: list[QTranslator]) -> Iterator[None]:
    for translator in vietnamese_ui:
        qapp.removeTranslator(translator)
    i18n.install(qapp, "en")
    try:
        yield
    finally:
        QLocale.setDefault(QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam))
        for translator in vietnamese_ui:
            qapp.installTranslator(translator)


def _report(found: dict[str, set[str]]) -> str:
    return "\n".join(f"{label!r}: {sorted(where)[:3]}" for label, where in sorted(found.items()))


def test_the_english_interface_shows_no_vietnamese_label(
    demo_year: Database, qapp: QApplication, english: None
) -> None:
    found = other_language_labels(demo_year, qapp, "en")
    assert not found, "Vietnamese labels in the English interface:\n" + _report(found)


def test_the_vietnamese_interface_shows_no_english_label(
    demo_year: Database, qapp: QApplication
) -> None:
    found = other_language_labels(demo_year, qapp, "vi")
    assert not found, "English labels in the Vietnamese interface:\n" + _report(found)


def test_every_labelled_value_has_its_english_name() -> None:
    """Every enum of the domain with a label is in the table, each value named in English."""
    labelled: set[type[enum.Enum]] = set()
    for info in pkgutil.iter_modules(isoqms.domain.__path__):
        module = importlib.import_module(f"isoqms.domain.{info.name}")
        for thing in vars(module).values():
            if (
                isinstance(thing, type)
                and issubclass(thing, enum.Enum)
                and thing.__module__ == module.__name__
                and isinstance(getattr(thing, "label", None), property)
            ):
                labelled.add(thing)
    assert labelled == set(domain_labels.LABELLED)
    missing = [
        f"{kind.__name__}.{member.name}"
        for kind in domain_labels.LABELLED
        for member in kind
        if not domain_labels.ENGLISH.get(member)
    ]
    assert missing == []
