"""The approver approves a revision with a SoftHSM2 token in the window: the token chosen in
"My signing token", the PIN asked after the password, the revision's signed PDF checked
in the program and by poppler's ``pdfsig`` — and one changed byte reported by both."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from isoqms.domain import clock
from isoqms.services import intake, signatures
from isoqms.services.intake import Applicant, IntakeDraft
from isoqms.services.signing import TokenChoice
from isoqms.ui import dialogs
from isoqms.ui.context import AppContext
from isoqms.ui.operations.intake import receipt_draw
from isoqms.ui.print_preview import PrintPreview
from isoqms.ui.signing_dialogs import TokenDialog, TrustDialog, verify_file
from tests.helpers import login
from tests.helpers_signing import PIN, Pki
from tests.services.test_signing import flip_signed_byte, pdfsig
from tests.services.test_token_signing import in_review
from tests.ui.test_documents import act, page_for, select


def check_box(qtbot: QtBot) -> QMessageBox:
    """The signature check's message box, once it is shown."""

    def shown() -> QMessageBox | None:
        boxes = [
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, QMessageBox) and w.objectName() == "signatureCheck" and w.isVisible()
        ]
        return boxes[-1] if boxes else None

    qtbot.waitUntil(lambda: shown() is not None, timeout=10_000)
    box = shown()
    assert box is not None
    return box


def test_the_approver_approves_with_a_token_and_the_signed_pdf_verifies_here_and_in_pdfsig(
    qtbot: QtBot,
    make_ctx: Callable[[str], AppContext],
    pki: Pki,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    approver_ctx = make_ctx("approver")
    db = approver_ctx.db
    people = {n: login(db, n) for n in ("iso_secretary", "reviewer", "approver", "admin")}
    in_review(db, people, "QT-KY-02")

    # the administrator imports the test CA's root in the trust store
    root = tmp_path / "goc.cer"
    root.write_bytes(pki.root_pem)
    trust = TrustDialog(make_ctx("admin"))
    qtbot.addWidget(trust)
    monkeypatch.setattr(dialogs, "ask_open_file", lambda *_a: str(root))
    trust.add()
    qtbot.waitUntil(lambda: trust.roots.count() == 1, timeout=10_000)
    assert "Test Root CA isoqms" in trust.roots.item(0).text()

    # the approver chooses their token: the library, the certificates found on it
    choose = TokenDialog(approver_ctx)
    qtbot.addWidget(choose)
    choose.library.setText(pki.library)
    choose.find_tokens()
    qtbot.waitUntil(lambda: choose.certificates.count() == 4, timeout=10_000)
    row = next(
        i
        for i in range(choose.certificates.count())
        if choose.certificates.item(i).text().startswith("Nguyễn Văn Duyệt")
    )
    choose.certificates.setCurrentRow(row)
    with qtbot.waitSignal(choose.accepted, timeout=10_000):
        choose.save()
    assert signatures.user_choice(db, people["approver"].user_id) is not None

    # the approval: the effective date, the password, then the token's PIN
    asked: list[str] = []

    def secret(_parent: object, _title: str, prompt: str) -> str:
        asked.append(prompt)
        return PIN if "PIN" in prompt else "demo"

    monkeypatch.setattr(dialogs, "ask_password", secret)
    monkeypatch.setattr(dialogs, "ask_text", lambda *_a: f"{clock.today():%d/%m/%Y}")
    page = page_for(qtbot, approver_ctx)
    select(qtbot, page, "QT-KY-02")
    assert page.approve_button.isVisible() and not page.signed_button.isVisible()
    act(qtbot, page, page.approve_button)
    assert len(asked) == 2 and "PIN" in asked[1] and "approver" in asked[1]
    approved = page.revisions[-1]
    assert approved.state == "approved" and len(approved.signed_pdfs) == 1
    assert page.signed_button.isVisible()

    # checked in the program, saved, checked by pdfsig
    page.signed_button.click()
    box = check_box(qtbot)
    assert "Chữ ký số hợp lệ: Nguyễn Văn Duyệt" in box.text() and "CRL/OCSP" in box.text()
    saved = tmp_path / "qt-ky-02.pdf"
    monkeypatch.setattr(dialogs, "ask_save_file", lambda *_a: str(saved))
    save = next(b for b in box.buttons() if "PDF" in b.text())
    save.click()
    qtbot.waitUntil(saved.exists, timeout=10_000)
    box.close()
    assert "Signature is Valid" in pdfsig(saved)

    # one changed byte: both say so
    changed = tmp_path / "qt-ky-02-sua.pdf"
    changed.write_bytes(flip_signed_byte(saved.read_bytes()))
    assert "Digest Mismatch" in pdfsig(changed)
    monkeypatch.setattr(dialogs, "ask_open_file", lambda *_a: str(changed))
    verify_file(approver_ctx, page)
    box = check_box(qtbot)
    assert "KHÔNG hợp lệ" in box.text() and "nội dung đã bị thay đổi sau khi ký" in box.text()
    box.close()


def test_a_wrong_pin_leaves_the_revision_waiting_for_approval(
    qtbot: QtBot,
    make_ctx: Callable[[str], AppContext],
    pki: Pki,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ctx = make_ctx("approver")
    people = {n: login(ctx.db, n) for n in ("iso_secretary", "reviewer", "approver")}
    in_review(ctx.db, people, "QT-KY-03")
    signatures.set_user_choice(ctx.db, people["approver"], TokenChoice(pki.library, "", "approver"))
    monkeypatch.setattr(
        dialogs, "ask_password", lambda _p, _t, prompt: "000000" if "PIN" in prompt else "demo"
    )
    monkeypatch.setattr(dialogs, "ask_text", lambda *_a: f"{clock.today():%d/%m/%Y}")
    errors: list[str] = []
    page = page_for(qtbot, ctx)
    select(qtbot, page, "QT-KY-03")
    monkeypatch.setattr(dialogs, "error", lambda _p, exc: errors.append(str(exc)))
    page.approve_button.click()
    qtbot.waitUntil(lambda: bool(errors), timeout=15_000)
    assert errors and errors[0].startswith("Mã PIN không đúng")
    with qtbot.waitSignal(page.history_shown, timeout=10_000):
        page.show_history()
    assert page.revisions[-1].state == "in_review" and page.revisions[-1].signed_pdfs == ()


def test_the_clerk_saves_the_slip_signed_with_the_unit_certificate(
    qtbot: QtBot,
    make_ctx: Callable[[str], AppContext],
    pki: Pki,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ctx = make_ctx("clerk")
    admin = login(ctx.db, "admin")
    code = intake.receive(ctx.db, ctx.actor, IntakeDraft("1.001193", Applicant("Phạm Văn Ký"))).code

    def preview() -> PrintPreview:
        dialog = PrintPreview(ctx, receipt_draw(ctx, code), title=code, signed_slip_of=code)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitUntil(lambda: dialog.drawn is not None and ctx.tasks.idle, timeout=10_000)
        return dialog

    # the unit signs no slips: no such button, the slip prints and saves as always
    plain = preview()
    assert not plain.sign_button.isVisible() and plain.save_button.isEnabled()

    signatures.set_unit_signing(
        ctx.db, admin, signatures.UnitSigning(TokenChoice(pki.library, "", "unit"), slips=True)
    )
    signatures.trust_add(ctx.db, admin, pki.root_der)
    dialog = preview()
    qtbot.waitUntil(dialog.sign_button.isVisible, timeout=10_000)
    target = tmp_path / "giay-ky-so.pdf"
    monkeypatch.setattr(dialogs, "ask_save_file", lambda *_a: str(target))
    monkeypatch.setattr(dialogs, "ask_password", lambda *_a: PIN)
    with qtbot.waitSignal(dialog.saved, timeout=15_000):
        dialog.sign_button.click()
    [check] = signatures.verify(ctx.db, target.read_bytes())
    assert check.ok and check.signer is not None
    assert check.signer.subject == "UBND xã Thử Nghiệm"
    assert "Signature is Valid" in pdfsig(target)
