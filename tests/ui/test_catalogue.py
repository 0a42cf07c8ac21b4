from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from isoqms.services import procedures as procedure_service
from isoqms.ui import dialogs
from isoqms.ui.catalogue import CataloguePage
from isoqms.ui.context import AppContext

PORTAL = Path(__file__).resolve().parents[1] / "data" / "danh-sach-tthc-BoTuPhap.xlsx"


def page_for(qtbot: QtBot, ctx: AppContext) -> CataloguePage:
    page = CataloguePage(ctx)
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.show()
    return page


def test_search_and_the_content_in_force(
    qtbot: QtBot, make_ctx: Callable[[str], AppContext], qtmodeltester: ModelTester
) -> None:
    page = page_for(qtbot, make_ctx("clerk"))
    qtmodeltester.check(page.model)
    assert page.model.rowCount() == 10
    assert not page.import_xlsx.isVisible()
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        qtbot.keyClicks(page.search, "xac nhan tinh trang hon nhan")
    assert page.model.rowCount() == 1
    with qtbot.waitSignal(page.detail_shown, timeout=10_000):
        page.table.selectRow(0)
    html = page.detail.toPlainText()
    assert "1.004873 — Thủ tục cấp Giấy xác nhận tình trạng hôn nhân" in html
    assert "03 ngày làm việc" in html and "Tờ khai cấp Giấy xác nhận tình trạng hôn nhân" in html


def test_secretary_imports_the_portal_list(
    qtbot: QtBot,
    make_ctx: Callable[[str], AppContext],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    ctx = make_ctx("iso_secretary")
    page = page_for(qtbot, ctx)
    monkeypatch.setattr(dialogs, "ask_open_file", lambda *_a: str(PORTAL))
    told: list[str] = []
    monkeypatch.setattr(dialogs, "info", lambda _p, _t, text: told.append(text))
    with qtbot.waitSignal(page.imported, timeout=20_000):
        page.import_xlsx.click()
    assert told and told[0].startswith("Đã đọc 271 thủ tục")
    qtbot.waitUntil(lambda: page.model.rowCount() > 200, timeout=10_000)
    target = tmp_path / "out.json"
    monkeypatch.setattr(dialogs, "ask_save_file", lambda *_a: str(target))
    with qtbot.waitSignal(page.exported, timeout=20_000):
        page.export_json.click()
    data = json.loads(target.read_text(encoding="utf-8"))
    assert len(data["procedures"]) == procedure_service.count(ctx.db)


def test_a_damaged_file_is_explained(
    qtbot: QtBot,
    make_ctx: Callable[[str], AppContext],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    page = page_for(qtbot, make_ctx("iso_secretary"))
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"PK\x03\x04 not really a spreadsheet")
    monkeypatch.setattr(dialogs, "ask_open_file", lambda *_a: str(bad))
    with qtbot.waitCallback(timeout=10_000) as callback:
        monkeypatch.setattr(dialogs, "error", lambda _p, exc: callback(str(exc)))
        page.import_xlsx.click()
    assert "Excel" in callback.args[0] or "hỏng" in callback.args[0]
