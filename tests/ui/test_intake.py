"""The counter's screen, driven with the keyboard the way a clerk works."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from isoqms.db.engine import Database
from isoqms.domain import clock
from isoqms.services import intake as intake_service
from isoqms.services.intake import Applicant, IntakeDraft
from isoqms.ui import dialogs
from isoqms.ui.context import AppContext
from isoqms.ui.intake import IntakePage, ReasonDialog
from isoqms.ui.print_preview import PrintPreview
from tests.helpers import login
from tests.helpers_pdf import pdf_text, qr_codes


@pytest.fixture
def page(qtbot: QtBot, make_ctx: Callable[[str], AppContext]) -> IntakePage:
    page = IntakePage(make_ctx("clerk"))
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.searched, timeout=10_000):
        page.show()
    return page


def choose(qtbot: QtBot, page: IntakePage, query: str) -> None:
    with qtbot.waitSignal(page.searched, timeout=10_000):
        qtbot.keyClicks(page.search, query)  # ASCII: diacritics are optional
    with qtbot.waitSignal(page.procedure_loaded, timeout=10_000):
        qtbot.keyClick(page.search, Qt.Key.Key_Return)


def test_search_as_you_type_ignores_accents(
    qtbot: QtBot, page: IntakePage, qtmodeltester: ModelTester
) -> None:
    qtmodeltester.check(page.results_model)
    assert page.results_model.rowCount() == 10
    with qtbot.waitSignal(page.searched, timeout=1_000):  # answered as the key is typed
        qtbot.keyClicks(page.search, "chung thuc chu ky")
    assert page.results_model.rowCount() == 1
    assert page.results_model.row_at(0).code == "2.000884"


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("ket hon", "1.000894"),  # after "k…" the first row was khai sinh
        ("khai sinh", "1.001193"),
        ("dang ky lai khai sinh", "1.004884"),
        ("khai tu", "1.000656"),
        ("chung thuc chu ky", "2.000884"),  # after "chung thuc" the first row was 2.000815
        ("chung thuc ban sao", "2.000815"),
        ("tinh trang hon nhan", "1.004873"),
        ("1.0048", "1.004859"),  # 1.004859, 1.004873, 1.004884: by code
    ],
)
def test_enter_right_after_typing_takes_the_row_for_the_text_typed(
    qtbot: QtBot, page: IntakePage, typed: str, code: str
) -> None:
    page.search.clear()
    with qtbot.waitSignal(page.procedure_loaded, timeout=10_000) as loaded:
        qtbot.keyClicks(page.search, typed)  # every key, then Enter, with no pause at all
        qtbot.keyClick(page.search, Qt.Key.Key_Return)
    assert loaded.args[0].code == code
    assert page.procedure_label.text().startswith(f"{code} — ")


def test_enter_before_the_catalogue_arrives_waits_for_it(
    qtbot: QtBot, make_ctx: Callable[[str], AppContext]
) -> None:
    page = IntakePage(make_ctx("clerk"))
    qtbot.addWidget(page)
    page.show()  # the catalogue is still being read
    with qtbot.waitSignal(page.procedure_loaded, timeout=10_000) as loaded:
        qtbot.keyClicks(page.search, "ket hon")
        qtbot.keyClick(page.search, Qt.Key.Key_Return)
    assert loaded.args[0].code == "1.000894"


def test_arrow_keys_in_the_search_pick_another_row(qtbot: QtBot, page: IntakePage) -> None:
    qtbot.keyClicks(page.search, "khai sinh")  # khai sinh, then đăng ký lại khai sinh
    assert [page.results_model.row_at(i).code for i in range(2)] == ["1.001193", "1.004884"]
    qtbot.keyClick(page.search, Qt.Key.Key_Down)
    with qtbot.waitSignal(page.procedure_loaded, timeout=10_000) as loaded:
        qtbot.keyClick(page.search, Qt.Key.Key_Return)
    assert loaded.args[0].code == "1.004884"


def test_receive_preview_and_save(
    qtbot: QtBot,
    page: IntakePage,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    qtmodeltester: ModelTester,
) -> None:
    choose(qtbot, page, "dang ky khai sinh")
    assert page.procedure_label.text() == "1.001193 — Thủ tục đăng ký khai sinh"
    assert page.name.hasFocus()
    qtmodeltester.check(page.papers_model)
    page.name.setText("Trần Thị Ủy")  # QTest types ASCII only
    qtbot.keyClicks(page.id_number, "001190012345")
    qtbot.keyClicks(page.phone, "0912345678")
    page.address.setText("Thôn Đoài, xã Bình Minh")
    page.all_papers.click()

    previews: list[PrintPreview] = []

    def keep(dialog: QDialog) -> bool:
        assert isinstance(dialog, PrintPreview)
        previews.append(dialog)
        return True

    monkeypatch.setattr(dialogs, "run_dialog", keep)
    with qtbot.waitSignal(page.received, timeout=15_000) as signal:
        qtbot.keyClick(page.name, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    view = signal.args[0]
    assert view.code.startswith("000.00.38.H47-") and view.number == 1
    assert view.code in page.status.text()
    assert len(previews) == 1 and len(previews[0].pages.pages) == 2
    print(f"\nEnter → preview on screen: {page.last_timing_ms:.0f} ms")
    assert page.name.text() == "" and page.search.hasFocus()  # ready for the next citizen

    target = tmp_path / "slip.pdf"
    monkeypatch.setattr(dialogs, "ask_save_file", lambda *_a: str(target))
    preview = previews[0]
    qtbot.addWidget(preview)
    with qtbot.waitSignal(preview.saved, timeout=15_000):
        preview.save_button.click()
    text = " ".join(pdf_text(target.read_bytes(), tmp_path).split())
    assert "Tiếp nhận hồ sơ của: Trần Thị Ủy" in text and view.code in text
    assert qr_codes(target.read_bytes(), tmp_path) == [view.code]


def test_missing_papers_lead_to_the_supplement_request(
    qtbot: QtBot, page: IntakePage, monkeypatch: pytest.MonkeyPatch
) -> None:
    choose(qtbot, page, "khai tu")
    page.name.setText("Lê Văn Bình")
    monkeypatch.setattr(dialogs, "confirm", lambda *_a: True)

    def fill(dialog: QDialog) -> bool:
        if isinstance(dialog, ReasonDialog):
            assert "Giấy báo tử" in dialog.reason.toPlainText()
        return True

    monkeypatch.setattr(dialogs, "run_dialog", fill)
    with qtbot.waitSignal(page.notice_issued, timeout=15_000) as signal:
        page.confirm_button.click()
    notice = signal.args[0]
    assert notice.kind == "supplement" and notice.number.endswith("/" + str(notice.issued_at.year))
    pdf = intake_service.print_notice_preview(page.ctx.db, page.ctx.actor, notice.id)
    assert pdf.startswith(b"%PDF")


def test_refusal_needs_a_reason(
    qtbot: QtBot, page: IntakePage, monkeypatch: pytest.MonkeyPatch
) -> None:
    choose(qtbot, page, "ket hon")
    page.name.setText("Phạm Thị Hoa")

    def fill(dialog: QDialog) -> bool:
        if isinstance(dialog, ReasonDialog):
            dialog.reason.setPlainText("Chưa đủ tuổi kết hôn")
        return True

    monkeypatch.setattr(dialogs, "run_dialog", fill)
    with qtbot.waitSignal(page.notice_issued, timeout=15_000) as signal:
        page.refuse_button.click()
    assert signal.args[0].kind == "refusal"


def test_a_wrong_id_number_is_explained_and_nothing_is_received(
    qtbot: QtBot, page: IntakePage, monkeypatch: pytest.MonkeyPatch
) -> None:
    choose(qtbot, page, "2.000815")
    page.name.setText("Đinh Văn Cường")
    qtbot.keyClicks(page.id_number, "12345")
    page.all_papers.click()
    with qtbot.waitCallback(timeout=10_000) as callback:
        monkeypatch.setattr(dialogs, "error", lambda _p, exc: callback(str(exc)))
        page.confirm_button.click()
    assert "12 chữ số" in callback.args[0]
    assert intake_service.dossiers_of_day(page.ctx.db, page.ctx.actor, clock.today()) == []


def test_print_goes_through_qt_printing(
    qtbot: QtBot, page: IntakePage, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from PySide6.QtPrintSupport import QPrinter

    from tests.helpers_pdf import pdf_pages

    choose(qtbot, page, "2.000815")
    page.name.setText("Bùi Thị Hạnh")
    page.all_papers.click()
    previews: list[PrintPreview] = []
    monkeypatch.setattr(dialogs, "run_dialog", lambda d: previews.append(d) or True)
    with qtbot.waitSignal(page.received, timeout=15_000):
        page.confirm_button.click()
    preview = previews[0]
    qtbot.addWidget(preview)
    target = tmp_path / "printed.pdf"

    def to_file(_parent: object, printer: QPrinter) -> bool:
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(target))
        return True

    monkeypatch.setattr(dialogs, "ask_printer", to_file)
    with qtbot.waitSignal(preview.printed, timeout=15_000) as signal:
        preview.print_button.click()
    assert not signal.args[0].reprint
    assert pdf_pages(target.read_bytes(), tmp_path) == 2


def test_a_returning_citizens_details_are_offered_for_reuse(
    qtbot: QtBot, page: IntakePage, demo_db: Database
) -> None:
    before = Applicant(
        "Đặng Thị Đào", id_number="001190012345", phone="0912345678", address="Thôn Tây"
    )
    intake_service.receive(
        demo_db, login(demo_db, "clerk"), IntakeDraft("1.001193", before, received_at=None)
    )
    choose(qtbot, page, "ket hon")
    with qtbot.waitSignal(
        page.details_offered, timeout=10_000, check_params_cb=lambda found: found is not None
    ):
        qtbot.keyClicks(page.id_number, "001190012345")
    assert "Đặng Thị Đào" in page.returning_label.text() and page.reuse_button.isVisible()
    page.reuse_button.click()
    qtbot.waitUntil(lambda: page.ctx.tasks.idle, timeout=5_000)  # no new look-up pending
    assert (page.name.text(), page.phone.text(), page.address.text()) == (
        "Đặng Thị Đào",
        "0912345678",
        "Thôn Tây",
    )
    assert not page.reuse_button.isVisible()
    # a number the desk has not seen offers nothing
    page.clear()
    with qtbot.waitSignal(page.details_offered, timeout=10_000) as offered:
        qtbot.keyClicks(page.phone, "0987654321")
    assert offered.args[0] is None and not page.reuse_button.isVisible()
