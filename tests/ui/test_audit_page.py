from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from isoqms.db.engine import Database
from isoqms.ui.audit_page import AuditPage
from isoqms.ui.context import AppContext
from isoqms.ui.operations import changing
from tests.helpers import audit_count, intruder_sql


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
        r
        for r in range(page.model.rowCount())
        if "Vũ Thị Ủy" in str(page.model.row_at(r).after or "")
    )
    page.table.selectRow(row)
    detail = page.detail.toPlainText()
    assert "user.create" in detail and "Vũ Thị Ủy" in detail and "SHA-256" in detail
    assert detail.startswith("Sự kiện ") and "Người thực hiện: Hệ thống" in detail


def test_integrity_check_shows_intact_then_broken(
    qtbot: QtBot, make_ctx: Callable[[str], AppContext]
) -> None:
    ctx = make_ctx("auditor")
    page = loaded(qtbot, ctx)
    with qtbot.waitSignal(page.verified, timeout=10_000) as signal:
        page.verify_button.click()
    assert signal.args[0].ok
    assert f"nhật ký {audit_count(ctx.db)} sự kiện, chuỗi băm khớp" in page.result.text()
    intruder_sql(ctx.db, "UPDATE audit_event SET actor = 'ai-do' WHERE seq = 3")
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
        changing(  # the log is told by the kinds of record the write changed
            ctx, page, lambda db, actor: user_service.set_active(db, actor, "officer", False)
        ).run()
    assert page.model.rowCount() == rows + 1


def test_the_auditor_walks_every_view(
    qtbot: QtBot,
    make_ctx: Callable[[str], AppContext],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import datetime as dt

    from PySide6.QtCore import Qt

    from isoqms.services import document_copies, documents, intake, printed_copies
    from isoqms.services.intake import Applicant, IntakeDraft
    from isoqms.ui import dialogs
    from tests.helpers import login

    ctx = make_ctx("auditor")
    db = ctx.db
    secretary, clerk = login(db, "iso_secretary"), login(db, "clerk")
    current = documents.history(db, secretary, "QT-KSTL-01")[-1]
    copy = document_copies.distribute(db, secretary, "QT-KSTL-01", "Bộ phận Một cửa")
    printed_copies.print_copy(db, secretary, current.id, copy.id)
    now = dt.datetime(2026, 11, 23, 9, 30)
    code = intake.receive(
        db, clerk, IntakeDraft("1.001193", Applicant("Trần Văn Bình"), received_at=now), now=now
    ).code
    intake.print_receipt(db, clerk, code)
    before = audit_count(db)
    page = loaded(qtbot, ctx)

    # the timeline of one document, filtered by person
    page.kind.setCurrentIndex(page.kind.findData("document"))
    page.key.setText("QT-KSTL-01")
    page.person.setText("iso_secretary")
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        qtbot.keyClick(page.key, Qt.Key.Key_Return)
    assert [page.model.row_at(r).action for r in range(page.model.rowCount())] == [
        "document.copy.print",  # newest first
        "document.distribute",
    ]
    page.table.selectRow(1)
    detail = page.detail.toPlainText()
    assert "Phân phối bản có kiểm soát" in detail and "QT-KSTL-01 — bản phân phối số" in detail
    assert "Nơi nhận: Bộ phận Một cửa" in detail and "Bản số: 1" in detail
    assert "(document.distribute · document_copy #" in detail  # the codes, for the record
    page.key.setText("KHONG-CO")
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.refresh()
    assert page.model.rowCount() == 0 and "Không có tài liệu" in page.count.text()

    # as of a date: the register before and after QT-KSTL-01 lần 02 (01/07/2025)
    page.tabs.setCurrentWidget(page.as_of)
    for day, expected in ((dt.date(2025, 6, 30), "01"), (dt.date(2025, 7, 1), "02")):
        page.as_of.day.setDate(day)
        with qtbot.waitSignal(page.as_of.loaded, timeout=10_000):
            page.as_of.show_button.click()
        rows = [page.as_of.documents.row_at(r) for r in range(page.as_of.documents.rowCount())]
        issue = next(r for r in rows if r.code == "QT-KSTL-01")
        assert f"{issue.issue:02d}" == expected
    assert page.as_of.procedures.rowCount() > 0

    # the dossier's trace
    page.tabs.setCurrentWidget(page.trace)
    page.trace.code.setText(code)
    with qtbot.waitSignal(page.trace.loaded, timeout=10_000):
        qtbot.keyClick(page.trace.code, Qt.Key.Key_Return)
    text = page.trace.summary.toPlainText()
    assert "BM.MC.2025.01@" in text and "In giấy tờ của hồ sơ" in text and "slip.print" not in text
    assert page.trace.prints.rowCount() == 1
    assert page.trace.prints.data(page.trace.prints.index(0, 6)) == "nguyên vẹn"

    # signatures of a document
    page.tabs.setCurrentWidget(page.signatures)
    page.signatures.code.setText("BM.MC.2025.01")
    with qtbot.waitSignal(page.signatures.loaded, timeout=10_000):
        qtbot.keyClick(page.signatures.code, Qt.Key.Key_Return)
    assert page.signatures.model.rowCount() >= 0

    # the printed-copy check: a scanner types the QR code and Enter
    page.tabs.setCurrentWidget(page.copy_check)
    payload = f"ISOQMS-COPY|QT-KSTL-01|02|{copy.copy_no}|{current.content_hash}"
    with qtbot.waitSignal(page.copy_check.checked, timeout=10_000):
        qtbot.keyClicks(page.copy_check.scan, payload)
        qtbot.keyClick(page.copy_check.scan, Qt.Key.Key_Return)
    assert "đang hiệu lực" in page.copy_check.result.text()
    page.copy_check.scan.setText(payload[:-3] + "abc")
    with qtbot.waitSignal(page.copy_check.checked, timeout=10_000):
        qtbot.keyClick(page.copy_check.scan, Qt.Key.Key_Return)
    assert "không khớp" in page.copy_check.result.text()

    # an evidence pack saved, then checked
    page.tabs.setCurrentWidget(page.packs)
    target = tmp_path / "pack.zip"
    monkeypatch.setattr(dialogs, "ask_save_file", lambda *a: str(target))
    monkeypatch.setattr(dialogs, "ask_open_file", lambda *a: str(target))
    page.packs.code.setText("QT-KSTL-01")
    with qtbot.waitSignal(page.packs.made, timeout=20_000):
        page.packs.pack_document()
    assert target.stat().st_size > 0
    with qtbot.waitSignal(page.packs.pack_checked, timeout=20_000) as checked:
        page.packs.check_pack()
    assert checked.args[0].ok and "nguyên vẹn" in page.packs.result.text()
    raw = bytearray(target.read_bytes())
    raw[len(raw) // 3] ^= 0x20
    target.write_bytes(bytes(raw))
    with qtbot.waitSignal(page.packs.pack_checked, timeout=20_000) as checked:
        page.packs.check_pack()
    assert not checked.args[0].ok and "bị thay đổi" in page.packs.result.text()
    # the auditor's walk changed nothing
    assert audit_count(db) == before


def test_start_up_check_shows_a_break_plainly(
    qtbot: QtBot, make_ctx: Callable[[str], AppContext]
) -> None:
    from isoqms.ui.main_window import MainWindow

    ctx = make_ctx("clerk")
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.integrity_checked, timeout=10_000) as first:
        pass  # the window checks at start; the result arrives through the event loop
    report = first.args[0]
    assert report.ok and window.integrity_label.text() == (
        f"Dữ liệu nguyên vẹn (sự kiện {report.events}, kiểm lúc {report.checked_at:%H:%M})"
    )
    intruder_sql(ctx.db, "DELETE FROM audit_event WHERE seq = (SELECT max(seq) FROM audit_event)")
    with qtbot.waitSignal(window.integrity_checked, timeout=10_000) as second:
        window._check_integrity()
    assert not second.args[0].ok and "bị thay đổi" in window.integrity_label.text()


def test_the_auditor_makes_a_checkpoint_and_checks_the_log_and_a_pack_against_it(
    qtbot: QtBot,
    make_ctx: Callable[[str], AppContext],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A checkpoint kept outside the database (its file, its page's code, a backup) is what
    proves the log was not cut short: the audit page makes one and checks against it, and
    the pack panel checks a pack's events against it."""
    from isoqms.services import anchors
    from isoqms.ui import dialogs

    ctx = make_ctx("auditor")
    page = loaded(qtbot, ctx)
    target = tmp_path / "moc.json"
    monkeypatch.setattr(dialogs, "ask_save_file", lambda *_a: str(target))
    with qtbot.waitSignal(page.verified, timeout=10_000) as made:
        page.anchor_button.click()
    seq, json_file, pdf = made.args[0]
    assert json_file == target and pdf == tmp_path / "moc.pdf" and pdf.stat().st_size > 0
    assert f"Đã lập mốc kiểm tra tại sự kiện số {seq}:" in page.result.text()
    anchor = anchors.load(str(target))
    assert anchor.seq == seq == audit_count(ctx.db) - 1  # making it is an event after it

    # against the file
    monkeypatch.setattr(dialogs, "ask_open_file", lambda *_a: str(target))
    with qtbot.waitSignal(page.verified, timeout=10_000) as checked:
        page.against_button.click()
    assert checked.args[0].ok and "Khớp mốc kiểm tra" in page.result.text()

    # against the code typed from the printed page, the file dialog cancelled
    monkeypatch.setattr(dialogs, "ask_open_file", lambda *_a: None)
    monkeypatch.setattr(dialogs, "ask_text", lambda *_a: f" {anchor.seq}:{anchor.hash} ")
    with qtbot.waitSignal(page.verified, timeout=10_000) as checked:
        page.against_button.click()
    assert checked.args[0].ok

    # a pack checked against it: its events belong to this log
    page.tabs.setCurrentWidget(page.packs)
    pack = tmp_path / "goi.zip"
    monkeypatch.setattr(dialogs, "ask_save_file", lambda *_a: str(pack))
    page.packs.code.setText("QT-KSTL-01")
    with qtbot.waitSignal(page.packs.made, timeout=20_000):
        page.packs.pack_document()
    monkeypatch.setattr(dialogs, "ask_open_file", lambda *_a: str(target))
    qtbot.mouseClick(
        page.packs.findChild(QPushButton, "chooseCheckpoint"), Qt.MouseButton.LeftButton
    )
    assert page.packs.against.text() == str(target)
    monkeypatch.setattr(dialogs, "ask_open_file", lambda *_a: str(pack))
    with qtbot.waitSignal(page.packs.pack_checked, timeout=20_000) as checked:
        page.packs.check_pack()
    assert checked.args[0].ok, page.packs.result.text()
    page.packs.against.setText(f"{anchor.seq}:{'0' * 64}")  # a code from another log
    with qtbot.waitSignal(page.packs.pack_checked, timeout=20_000) as checked:
        page.packs.check_pack()
    assert not checked.args[0].ok

    # the log cut back before the checkpoint, on another computer (no point of this one's to
    # remember it by): the database alone cannot tell, the checkpoint kept outside can
    from isoqms.services import integrity

    integrity.forget_checkpoint(ctx.db)
    intruder_sql(ctx.db, f"DELETE FROM audit_event WHERE seq >= {seq - 1}")
    last = f"(SELECT hash FROM audit_event WHERE seq = {seq - 2})"
    intruder_sql(ctx.db, f"UPDATE audit_head SET seq = {seq - 2}, hash = {last}")
    monkeypatch.setattr(dialogs, "ask_open_file", lambda *_a: str(target))
    with qtbot.waitSignal(page.verified, timeout=10_000) as checked:
        page.against_button.click()
    assert not checked.args[0].ok and "chỉ còn tới số" in page.result.text()

    # a file that is no checkpoint: said on the line, no program error
    (tmp_path / "rac.json").write_text("không phải mốc", encoding="utf-8")
    monkeypatch.setattr(dialogs, "ask_open_file", lambda *_a: str(tmp_path / "rac.json"))
    with qtbot.waitSignal(page.verified, timeout=10_000) as checked:
        page.against_button.click()
    assert isinstance(checked.args[0], Exception) and "rac.json" in page.result.text()
    assert page.verify_button.isEnabled()


def test_the_auditor_exports_the_late_entries_to_a_workbook(
    qtbot: QtBot,
    make_ctx: Callable[[str], AppContext],
    demo_year: Database,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    """The quick question "late entries" on a dossier's log, newest first, in words; the
    filtered log saved as .xlsx holds the same events, read back by openpyxl."""
    from openpyxl import load_workbook

    from isoqms.domain import audit_labels
    from isoqms.ui import dialogs

    ctx = make_ctx("auditor")  # on the demo with five weeks of dossiers typed late
    page = loaded(qtbot, ctx)
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.question.setCurrentIndex(page.question.findData("late"))
    rows = [page.model.row_at(r) for r in range(page.model.rowCount())]
    assert rows and all(e.late for e in rows)
    assert [e.seq for e in rows] == sorted((e.seq for e in rows), reverse=True)
    shown = page.model.data(page.model.index(0, 3))
    assert shown in {vi for vi, _en in audit_labels.ACTIONS.values()}  # a phrase, not a code
    assert str(page.model.data(page.model.index(0, 1))).endswith("*")
    out = tmp_path / "ghi-muon.xlsx"
    monkeypatch.setattr(dialogs, "ask_save_file", lambda *_a: str(out))
    with qtbot.waitSignal(page.exported, timeout=20_000) as saved:
        page.export_button.click()
    assert saved.args[0] == str(out)
    sheet = load_workbook(out).active
    assert sheet is not None
    values = [[c for c in row] for row in sheet.iter_rows(values_only=True)]
    header = values.index(
        ["Số", "Thời điểm", "Người thực hiện", "Việc làm", "Đối tượng", "Nội dung"]
    )
    events = values[header + 1 :]
    assert [int(str(r[0])) for r in events] == [e.seq for e in rows]
    assert any("Chỉ việc ghi muộn" in str(r) or "chỉ việc ghi muộn" in str(r) for r in values)
    text = " ".join(str(c) for r in events for c in r if c)
    assert "ghi muộn lúc" in text and "Đỗ Thị Ngọc Ánh (Công chức tiếp nhận)" in text
    assert not [code for code in audit_labels.ACTIONS if code in text]
