"""The ISO cycle tab: what the year owes, and the chair's declaration from the window."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from docx import Document as DocxDocument
from pytestqt.qtbot import QtBot

from isoqms.services import document_reviews, procedures
from isoqms.ui import dialogs
from isoqms.ui.context import AppContext
from isoqms.ui.iso_cycle import IsoCyclePage

ROOT = Path(__file__).resolve().parents[2]


def page_for(qtbot: QtBot, ctx: AppContext) -> IsoCyclePage:
    page = IsoCyclePage(ctx)
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.show()
    return page


def test_the_secretary_sees_the_cycle_and_may_not_declare(
    qtbot: QtBot, make_ctx: Callable[[str], AppContext]
) -> None:
    page = page_for(qtbot, make_ctx("iso_secretary"))
    text = page.summary.toPlainText()
    assert "Quyết định số 125/QĐ-UBND" in text and "phạm vi 10 thủ tục" in text
    assert "Công bố hiện có vẫn đúng phạm vi" in text
    assert "2 đến hạn xem xét định kỳ" in text and "1 chờ xem xét" in text
    assert not page.declare_button.isVisible()


def test_a_withdrawn_decree_and_a_new_procedure_then_the_chair_declares_again(
    qtbot: QtBot,
    make_ctx: Callable[[str], AppContext],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    ctx = make_ctx("approver")
    document_reviews.withdraw(ctx.db, ctx.actor, "123/2015/NĐ-CP", reason="Được thay thế")
    full = json.loads((ROOT / "resources" / "demo" / "procedures.json").read_text("utf-8"))
    entry = copy.deepcopy(full["procedures"][0])
    entry.update(code="1.009999", name="Thủ tục đăng ký giám hộ")
    secretary = make_ctx("iso_secretary").actor
    procedures.import_content(ctx.db, secretary, json.dumps({**full, "procedures": [entry]}))
    page = page_for(qtbot, ctx)
    text = page.summary.toPlainText()
    assert "Cần công bố lại" in text and "1.009999" in text
    assert "QT-HT-01 — Cập nhật theo 123/2015/NĐ-CP" in text
    assert page.declare_button.isVisible()
    out = tmp_path / "cong-bo.docx"
    monkeypatch.setattr(dialogs, "ask_text", lambda *_a: "130/QĐ-UBND")
    monkeypatch.setattr(dialogs, "ask_save_file", lambda *_a: str(out))
    with qtbot.waitSignal(page.declared, timeout=15_000) as made:
        page.declare_button.click()
    assert made.args[0].number == "130/QĐ-UBND"
    cells = [c.text for t in DocxDocument(str(out)).tables for r in t.rows for c in r.cells]
    assert "Số: 130/QĐ-UBND" in cells and "1.001193" in cells
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.refresh()
    assert "Quyết định số 130/QĐ-UBND" in page.summary.toPlainText()
