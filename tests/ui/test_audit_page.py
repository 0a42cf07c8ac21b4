from __future__ import annotations

from collections.abc import Callable

from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from isoqms.ui.audit_page import AuditPage
from isoqms.ui.context import AppContext
from tests.helpers import audit_count, raw_sql


def loaded(qtbot: QtBot, ctx: AppContext) -> AuditPage:
    page = AuditPage(ctx)
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.show()
    return page


def test_auditor_reads_the_log_with_details(
    qtbot: QtBot, make_ctx: Callable[[str], AppContext], qtmodeltester: ModelTester
) -> None:
    ctx = make_ctx("auditor")
    page = loaded(qtbot, ctx)
    qtmodeltester.check(page.model)
    assert page.model.rowCount() == audit_count(ctx.db)
    row = next(
        r for r in range(page.model.rowCount()) if "Vũ Thị Ủy" in (page.model.row_at(r).after or "")
    )
    page.table.selectRow(row)
    detail = page.detail.toPlainText()
    assert "user.create" in detail and "Vũ Thị Ủy" in detail and "SHA-256" in detail
    assert detail.startswith("Sự kiện ") and "Người thực hiện: system" in detail


def test_integrity_check_shows_intact_then_broken(
    qtbot: QtBot, make_ctx: Callable[[str], AppContext]
) -> None:
    ctx = make_ctx("auditor")
    page = loaded(qtbot, ctx)
    with qtbot.waitSignal(page.verified, timeout=10_000) as signal:
        page.verify_button.click()
    assert signal.args[0].ok
    assert page.result.text() == f"Nguyên vẹn: {audit_count(ctx.db)} sự kiện, chuỗi băm khớp."
    raw_sql(ctx.db, "UPDATE audit_event SET actor = 'ai-do' WHERE seq = 3")
    with qtbot.waitSignal(page.verified, timeout=10_000):
        page.verify_button.click()
    assert "sự kiện số 3" in page.result.text()


def test_a_write_elsewhere_refreshes_the_log(
    qtbot: QtBot, make_ctx: Callable[[str], AppContext]
) -> None:
    from isoqms.services import users as user_service

    ctx = make_ctx("admin")
    page = loaded(qtbot, ctx)
    rows = page.model.rowCount()
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        ctx.write(
            lambda: user_service.set_active(ctx.db, ctx.actor, "officer", False),
            changes={"user"},
            parent=page,
        )
    assert page.model.rowCount() == rows + 1
