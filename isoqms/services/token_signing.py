"""Signing with a token where the work is done: the approver's approval, the counter's slip.

The PDF is made and signed *before* the record changes, and kept in the same transaction
as the change: a wrong PIN, an expired certificate or a token pulled out leaves the
revision unapproved (the slip unsigned) and nothing half-written. Signing takes a second
or two (LibreOffice for an office file, the token's own speed): callers run it off the
interface's thread.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from dataclasses import replace

from isoqms.db.engine import Database
from isoqms.db.models import Document, DocumentRevision
from isoqms.domain import clock
from isoqms.domain.documents import RevisionState
from isoqms.domain.errors import Conflict, NotFound, ValidationError
from isoqms.domain.roles import Permission
from isoqms.services import documents, files
from isoqms.services.management_review import ReviewView
from isoqms.services.printing import Printout
from isoqms.services.signatures import user_choice
from isoqms.services.signing import CertificateInfo, find_place, sign_pdf
from isoqms.services.uow import Actor, require

#: Where an approver's visible signature goes, the first of these found on the PDF (in
#: capitals: a signature block's title); a file without one gets an invisible signature,
#: shown by every PDF reader's signature panel
APPROVAL_PLACES = ("NGƯỜI PHÊ DUYỆT", "LÃNH ĐẠO PHÊ DUYỆT", "CHỦ TỊCH UBND")
APPROVAL_FIELD = "PheDuyet"


def approval_pdf(db: Database, actor: Actor, revision_id: int) -> tuple[bytes, str]:
    """The revision as its reviewers saw it, as PDF — the attached file (a PDF as it is, an
    office file through LibreOffice) or, without one, its printed content — and its code."""
    from isoqms.services.printed_copies import _content_pdf

    with db.read() as session:
        require(session, actor, Permission.DOCS_APPROVE)
        rev = session.get(DocumentRevision, revision_id)
        if rev is None:
            raise NotFound(f"Không có lần ban hành số {revision_id}.")
        if rev.state != RevisionState.IN_REVIEW:
            raise Conflict("Lần ban hành này không chờ phê duyệt.")
        doc = session.get(Document, rev.document_id)
        assert doc is not None
        session.expunge_all()
    if rev.file_sha256 and not rev.file_name.lower().endswith(".pdf"):
        from isoqms.render import office

        return office.to_pdf(rev.file_name, files.read_verified(db, rev.file_sha256)), doc.code
    return _content_pdf(db, actor, rev, doc, clock.today()), doc.code


def approve_with_token(
    db: Database,
    actor: Actor,
    revision_id: int,
    password: str,
    pin: str,
    *,
    effective_from: dt.date,
) -> documents.RevisionRow:
    """Approve ``revision_id`` as :func:`documents.approve` does, the revision's PDF signed
    with the approver's token and kept with the approval."""
    choice = user_choice(db, actor.user_id)
    if choice is None:
        raise ValidationError(
            "Chưa chọn thiết bị ký số: chọn trong Cài đặt ký số, hoặc phê duyệt bằng mật khẩu."
        )
    # what approval would refuse, before the token is asked
    documents.check_approve(db, actor, revision_id, password, effective_from=effective_from)
    pdf, code = approval_pdf(db, actor, revision_id)
    place = find_place(pdf, APPROVAL_PLACES)
    signed: tuple[bytes, CertificateInfo] = sign_pdf(
        pdf,
        choice,
        pin,
        field_name=APPROVAL_FIELD,
        place=place,
        reason=f"Phê duyệt ban hành {code}, hiệu lực từ {effective_from:%d/%m/%Y}",
    )
    return documents.approve(
        db, actor, revision_id, password, effective_from=effective_from, signed_pdf=signed
    )


#: The slip's signature place: the receiving officer's column, under "(Ký và ghi rõ họ tên)".
SLIP_PLACES = ("NGƯỜI TIẾP NHẬN HỒ SƠ",)
SLIP_FIELD = "DonViTiepNhan"


def signed_slip(
    db: Database,
    actor: Actor,
    code: str,
    pin: str,
    *,
    paper: str = "a5",
    output: Callable[[bytes], None] = lambda _pdf: None,
) -> tuple[Printout, str, CertificateInfo]:
    """The dossier's receipt slip signed with the unit's organisational certificate, output
    (saved, sent) and logged as a print, and kept as the dossier's signed slip. Refused when
    the unit has not turned slip signing on (the slip then prints unsigned as always)."""
    from isoqms.services import intake

    return _signed_paper(
        db,
        actor,
        lambda: intake.receipt_printout(db, actor, code, paper=paper),
        pin,
        kind="slip",
        reason=f"Tiếp nhận hồ sơ {code}",
        output=output,
    )


def signed_notice(
    db: Database,
    actor: Actor,
    notice_id: int,
    pin: str,
    *,
    paper: str = "a5",
    output: Callable[[bytes], None] = lambda _pdf: None,
) -> tuple[Printout, str, CertificateInfo]:
    """A notice (supplement request, refusal) signed as :func:`signed_slip` signs a slip."""
    from isoqms.services import intake

    return _signed_paper(
        db,
        actor,
        lambda: intake.notice_printout(db, actor, notice_id, paper=paper),
        pin,
        kind="notice",
        reason="Phiếu của bộ phận tiếp nhận và trả kết quả",
        output=output,
    )


def _signed_paper(
    db: Database,
    actor: Actor,
    drawn: Callable[[], Printout],
    pin: str,
    *,
    kind: str,
    reason: str,
    output: Callable[[bytes], None],
) -> tuple[Printout, str, CertificateInfo]:
    from isoqms.services import printing
    from isoqms.services.signatures import keep_signed, unit_signing
    from isoqms.services.uow import write

    unit = unit_signing(db)
    if not unit.signs_slips or unit.choice is None:
        raise ValidationError(
            "Đơn vị chưa bật ký số giấy tiếp nhận (quản trị viên: isoqms sign setup --unit "
            "--slips on): giấy tiếp nhận in như thường, không ký số."
        )
    choice = unit.choice
    cert_used: list[CertificateInfo] = []

    def draw() -> Printout:
        printout = drawn()
        printing.check(db, actor, printout)  # who may not print it spends no PIN on it
        place = find_place(printout.pdf, SLIP_PLACES, width=160, height=28, below=14)
        signed, cert = sign_pdf(
            printout.pdf, choice, pin, field_name=SLIP_FIELD, place=place, reason=reason
        )
        cert_used[:] = [cert]
        return replace(printout, pdf=signed, sha256=hashlib.sha256(signed).hexdigest())

    printout, digest = printing.deliver(db, actor, draw, output, purpose="save")
    ref = printout.dossier_id if kind == "slip" else printout.notice_id  # what it is of
    assert ref is not None
    with write(db, actor, printout.permission) as uow:
        keep_signed(uow, kind, ref, printout.pdf, cert_used[0])
    return printout, digest, cert_used[0]


#: Where the chair's visible signature goes on the management review's minutes.
REVIEW_PLACES = ("CHỦ TRÌ", "CHỦ TỊCH UBND")
REVIEW_FIELD = "ChuTriPheDuyet"


def approve_review_with_token(
    db: Database, actor: Actor, number: str, pin: str, *, today: dt.date | None = None
) -> ReviewView:
    """The chair approves the management review's record, its minutes (LibreOffice from the
    generated .docx) signed with their token and kept with the approval."""
    from isoqms.render import office
    from isoqms.services import management_review

    with db.read() as session:
        require(session, actor, Permission.DOCS_APPROVE)
    choice = user_choice(db, actor.user_id)
    if choice is None:
        raise ValidationError(
            "Chưa chọn thiết bị ký số: chọn trong Cài đặt ký số, hoặc phê duyệt không ký số."
        )
    found = [r for r in management_review.reviews(db, actor) if r.number == number.strip()]
    if not found:
        raise NotFound(f"Không có biên bản họp xem xét số {number}.")
    meeting = found[0]
    if meeting.approved_on is not None:
        raise Conflict(f"Biên bản {meeting.number} đã được phê duyệt.")
    _inputs, minutes = management_review.review_report_docx(
        db, actor, meeting.year, review=meeting.number
    )
    pdf = office.to_pdf("bien-ban.docx", minutes)
    signed = sign_pdf(
        pdf,
        choice,
        pin,
        field_name=REVIEW_FIELD,
        place=find_place(pdf, REVIEW_PLACES),
        reason=f"Phê duyệt biên bản họp xem xét của lãnh đạo {meeting.number}",
    )
    return management_review.approve_review(db, actor, meeting.number, today, signed_pdf=signed)
