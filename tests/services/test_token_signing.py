"""Signing where the work is done, with a SoftHSM2 token: the approver's approval signs the
revision's PDF (LibreOffice makes it from the .docx), the counter's slip is signed with the
unit's certificate when the unit turns that on — and a refused PIN changes nothing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import func, select

from isoqms.db.engine import Database
from isoqms.db.models import SignedFile
from isoqms.domain import clock
from isoqms.domain.documents import DocumentKind
from isoqms.domain.errors import IsoqmsError, PermissionDenied, ValidationError
from isoqms.services import documents as svc
from isoqms.services import evidence, files, intake, signatures, token_signing
from isoqms.services.intake import Applicant, IntakeDraft
from isoqms.services.signing import SigningError, TokenChoice
from isoqms.services.uow import Actor
from tests.helpers import login
from tests.helpers_signing import PIN, TOKEN, Pki
from tests.services.test_documents import docx_bytes
from tests.services.test_signing import pdfsig

NOW = dt.datetime(2026, 11, 30, 9, 15)


def in_review(db: Database, people: dict[str, Actor], code: str = "QT-KY-01") -> int:
    secretary = people["iso_secretary"]
    svc.create_document(
        db,
        secretary,
        kind=DocumentKind.PROCEDURE,
        code=code,
        title="Quy trình ký số",
        owner="Thư ký ISO",
    )
    rev = svc.start_revision(db, secretary, code, change_summary="Ban hành lần đầu")
    svc.attach_file(db, secretary, rev.id, "qt-ky-so.docx", docx_bytes("Ban hành lần đầu"))
    svc.submit(db, secretary, rev.id, "demo")
    svc.review(db, people["reviewer"], rev.id, "demo", accept=True)
    return rev.id


def signed_count(db: Database) -> int:
    with db.read() as session:
        return int(session.execute(select(func.count()).select_from(SignedFile)).scalar_one())


@pytest.fixture
def people(demo_db: Database) -> dict[str, Actor]:
    names = ("admin", "iso_secretary", "reviewer", "approver", "clerk")
    return {name: login(demo_db, name) for name in names}


def test_the_approver_approves_with_a_token_and_the_signed_pdf_verifies(
    demo_db: Database, people: dict[str, Actor], pki: Pki, tmp_path: Path
) -> None:
    rev_id = in_review(demo_db, people)
    approver = people["approver"]
    signatures.trust_add(demo_db, people["admin"], pki.root_der)
    signatures.set_user_choice(demo_db, approver, TokenChoice(pki.library, TOKEN, "approver"))

    # what approval refuses is refused before the token is asked: no PIN spent on it
    yesterday = clock.today() - dt.timedelta(days=1)
    for password, day, refused in (
        ("sai", clock.today(), "Mật khẩu xác nhận chữ ký không đúng"),
        ("demo", yesterday, "Ngày hiệu lực không được trước ngày phê duyệt"),
    ):
        with pytest.raises(IsoqmsError, match=refused):
            token_signing.approve_with_token(
                demo_db, approver, rev_id, password, "111111", effective_from=day
            )
    with pytest.raises(SigningError, match="Mã PIN không đúng"):
        token_signing.approve_with_token(
            demo_db, approver, rev_id, "demo", "111111", effective_from=clock.today()
        )
    assert svc.revision_row(demo_db, rev_id).state == "in_review" and signed_count(demo_db) == 0

    row = token_signing.approve_with_token(
        demo_db, approver, rev_id, "demo", PIN, effective_from=clock.today()
    )
    assert row.state == "approved" and len(row.signed_pdfs) == 1
    sha, signer = row.signed_pdfs[0]
    assert signer.startswith("Nguyễn Văn Duyệt")
    pdf = files.read_verified(demo_db, sha)
    [check] = signatures.verify(demo_db, pdf)
    assert check.ok and check.field == token_signing.APPROVAL_FIELD, check.summary()
    path = tmp_path / "qt.pdf"
    path.write_bytes(pdf)
    assert "Signature is Valid" in pdfsig(path)

    # the document's evidence pack carries the signed PDF, checked offline
    pack = evidence.document_pack(demo_db, login(demo_db, "auditor"), "QT-KY-01")
    check_pack = evidence.verify_pack(pack)
    assert check_pack.ok and check_pack.signed_pdfs, check_pack.summary()
    assert "Nguyễn Văn Duyệt" in check_pack.summary()


def test_without_a_token_the_approver_signs_by_password_as_before(
    demo_db: Database, people: dict[str, Actor]
) -> None:
    rev_id = in_review(demo_db, people)
    with pytest.raises(ValidationError, match="Chưa chọn thiết bị ký số"):
        token_signing.approve_with_token(
            demo_db, people["approver"], rev_id, "demo", PIN, effective_from=clock.today()
        )
    row = svc.approve(demo_db, people["approver"], rev_id, "demo", effective_from=clock.today())
    assert row.state == "approved" and row.signed_pdfs == ()


def test_the_slip_is_signed_with_the_unit_certificate_when_the_unit_turns_it_on(
    demo_db: Database, people: dict[str, Actor], pki: Pki, tmp_path: Path
) -> None:
    clerk, admin = people["clerk"], people["admin"]
    code = intake.receive(
        demo_db, clerk, IntakeDraft("1.001193", Applicant("Trần Văn Bình")), now=NOW
    ).code
    # no token: the slip prints unsigned, as always; asking for a signed one is refused
    assert intake.print_receipt(demo_db, clerk, code).pdf.startswith(b"%PDF")
    with pytest.raises(ValidationError, match="chưa bật ký số giấy tiếp nhận"):
        token_signing.signed_slip(demo_db, clerk, code, PIN)
    with pytest.raises(ValidationError, match="phải chọn thiết bị ký số của đơn vị"):
        signatures.set_unit_signing(demo_db, admin, signatures.UnitSigning(None, slips=True))
    with pytest.raises(PermissionDenied):
        signatures.set_unit_signing(
            demo_db, clerk, signatures.UnitSigning(TokenChoice(pki.library, TOKEN, "unit"), True)
        )
    signatures.set_unit_signing(
        demo_db, admin, signatures.UnitSigning(TokenChoice(pki.library, TOKEN, "unit"), True)
    )
    signatures.trust_add(demo_db, admin, pki.root_der)

    saved = tmp_path / "giay-tiep-nhan.pdf"
    printout, digest, cert = token_signing.signed_slip(
        demo_db, clerk, code, PIN, output=saved.write_bytes
    )
    assert cert.subject == "UBND xã Thử Nghiệm" and saved.read_bytes() == printout.pdf
    [check] = signatures.verify(demo_db, saved.read_bytes())
    assert check.ok, check.summary()
    assert "Signature is Valid" in pdfsig(saved)
    with demo_db.read() as session:
        kept = session.execute(select(SignedFile)).scalar_one()
    assert (kept.kind, kept.file_sha256) == ("slip", digest)
    # the paper slip still prints as it did
    assert intake.print_receipt(demo_db, clerk, code).pdf.startswith(b"%PDF")


def test_the_chair_approves_the_management_review_with_a_token(
    demo_year: Database, pki: Pki, tmp_path: Path
) -> None:
    from isoqms.services import management_review as mr
    from tests.services.test_management_review import _record

    db = demo_year
    secretary, approver, admin = (login(db, n) for n in ("iso_secretary", "approver", "admin"))
    view = mr.record_review(db, secretary, _record())
    signatures.trust_add(db, admin, pki.root_der)
    signatures.set_user_choice(db, approver, TokenChoice(pki.library, TOKEN, "approver"))
    with pytest.raises(SigningError, match="Mã PIN không đúng"):
        token_signing.approve_review_with_token(db, approver, view.number, "1")
    assert next(r for r in mr.reviews(db, approver) if r.number == view.number).approved_on is None

    approved = token_signing.approve_review_with_token(db, approver, view.number, PIN)
    assert approved.approved_on == clock.today()
    [kept] = signatures.signed_files(db, "review", approved.id)
    pdf = signatures.signed_pdf(db, kept)
    [check] = signatures.verify(db, pdf)
    assert check.ok and check.field == token_signing.REVIEW_FIELD, check.summary()
    path = tmp_path / "bien-ban.pdf"
    path.write_bytes(pdf)
    assert "Signature is Valid" in pdfsig(path)
