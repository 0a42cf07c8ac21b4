"""The demo's document set used the way a steering committee uses it, through the same
services as the screens: new issues of process documents drafted by the ISO secretary,
reviewed and approved by two other people; one procedure's content edited in its draft;
an issue approved to take effect next month; a draft waiting for review and one sent
back; controlled copies handed out, signed for, and the superseded one recalled; an
obsolete external document withdrawn; the declaration of conformity; the periodic reviews
that found documents still fit.

Everything happens on the day the demo is made (signatures cannot be dated back), so the
register's reminders after it are few and real: a draft to review, one sent back, copies
not yet signed for, two periodic reviews left to do."""

from __future__ import annotations

import dataclasses
import datetime as dt

from sqlalchemy import select

from isoqms.db.engine import Database
from isoqms.db.models import User
from isoqms.domain import clock
from isoqms.domain.documents import DocumentKind
from isoqms.domain.procedure import ProcedureContent
from isoqms.services import document_copies, document_reviews, process_documents
from isoqms.services import documents as docs
from isoqms.services.demo_documents import header_docx
from isoqms.services.uow import Actor
from isoqms.services.users import UserInfo

#: The legal basis added to QT-HT-03's procedure in its new issue.
DECREE_118 = (
    "Nghị định số 118/2025/NĐ-CP ngày 09/6/2025 của Chính phủ về thực hiện thủ tục hành "
    "chính theo cơ chế một cửa, một cửa liên thông tại Bộ phận Một cửa và Cổng Dịch vụ "
    "công quốc gia"
)


def _objectives_2027() -> bytes:
    return header_docx(
        "MTCL-2027",
        "Mục tiêu chất lượng năm 2027",
        1,
        [
            "100% thủ tục hành chính được niêm yết công khai, đúng quy định.",
            "Trên 99% hồ sơ được giải quyết đúng hoặc trước hạn; không quá 01 hồ sơ phải "
            "xin lỗi trong một tháng.",
            "Tỷ lệ hài lòng của người dân đạt trên 95%.",
            "Trên 40% hồ sơ được nộp trực tuyến.",
        ],
    )


TWO_LEVELS = "Cập nhật theo mô hình chính quyền địa phương hai cấp từ 01/7/2025"
#: The number of the demo's declaration of conformity (công bố).
DECLARATION_NUMBER = "125/QĐ-UBND"
#: Documents whose periodic review is left for the committee to do in the demo.
LEFT_TO_REVIEW = ("QT-KSTL-01", "QT-HT-03")


def _actor(db: Database, username: str) -> Actor:
    with db.read() as session:
        return Actor.of(session.execute(select(User).where(User.username == username)).scalar_one())


def _first_of_next_month(day: dt.date) -> dt.date:
    return (day.replace(day=1) + dt.timedelta(days=32)).replace(day=1)


def _with_decree_118(content: ProcedureContent) -> ProcedureContent:
    if any("118/2025" in line for line in content.legal_basis):
        return content
    return dataclasses.replace(content, legal_basis=(*content.legal_basis, DECREE_118))


def run_demo_lifecycle(db: Database, password: str) -> None:
    secretary, reviewer, approver = (
        _actor(db, name) for name in ("iso_secretary", "reviewer", "approver")
    )
    today = clock.today()
    counter = "Quầy 1 — Tư pháp – Hộ tịch"
    clerk_name = "Đỗ Thị Ngọc Ánh"

    def draft(code: str, summary: str, places: str = "") -> int:
        rev = docs.start_revision(
            db, secretary, code, change_summary=summary, places_changed=places
        )
        return rev.id

    def issue(code: str, summary: str, *, effective: dt.date = today, places: str = "") -> int:
        rev_id = draft(code, summary, places)
        process_documents.attach_generated(db, secretary, rev_id)
        docs.submit(db, secretary, rev_id, password)
        docs.review(db, reviewer, rev_id, password, accept=True, comment="Đồng ý trình ký")
        docs.approve(db, approver, rev_id, password, effective_from=effective)
        return rev_id

    # The counter's binder held issue 01 of the certification process: signed for.
    old = document_copies.distribute(db, secretary, "QT-CT-01", counter)
    document_copies.acknowledge(db, secretary, old.id, clerk_name)

    issue("QT-CT-01", TWO_LEVELS, places="Mục 5.2; bước 1–3")
    # issue 02 is in force: issue 01's copy comes back, issue 02's goes out, signed for
    document_copies.recall(db, secretary, old.id)
    new = document_copies.distribute(db, secretary, "QT-CT-01", counter)
    document_copies.acknowledge(db, secretary, new.id, clerk_name)
    document_copies.distribute(db, secretary, "QT-CT-01", "Phó Chủ tịch UBND xã Phạm Văn Đức")

    # Change of civil-status details: issue 02 now, issue 03 approved for next month.
    issue("QT-HT-07", TWO_LEVELS, places="Mục 5.2; bước 2, 3")
    document_copies.distribute(db, secretary, "QT-HT-07", counter)  # not yet signed for
    issue(
        "QT-HT-07",
        "Rà soát sau đánh giá nội bộ: ghi rõ biểu mẫu kết quả ở bước trả kết quả",
        effective=_first_of_next_month(today),
        places="Bước 5",
    )

    # Contracts and transactions: the procedure's legal basis changes with its process
    # document (the content goes into force at the counter on the effective date).
    rev_id = draft("QT-CT-03", "Bổ sung căn cứ pháp lý: Nghị định 118/2025/NĐ-CP", "Mục 3")
    content = process_documents.draft_content(db, secretary, rev_id).content
    assert content is not None
    process_documents.set_draft_content(db, secretary, rev_id, _with_decree_118(content))
    process_documents.attach_generated(db, secretary, rev_id)
    docs.submit(db, secretary, rev_id, password)
    docs.review(db, reviewer, rev_id, password, accept=True, comment="Đồng ý trình ký")
    docs.approve(db, approver, rev_id, password, effective_from=today)

    issue("QT-HT-06", TWO_LEVELS, places="Mục 5.2; bước 1–3")
    issue("QT-CT-02", TWO_LEVELS, places="Mục 5.2; bước 2")

    # Next year's quality objectives wait for the reviewer; a change to the signature
    # certification process was sent back to the secretary.
    docs.create_document(
        db,
        secretary,
        kind=DocumentKind.POLICY,
        code="MTCL-2027",
        title="Mục tiêu chất lượng năm 2027",
        owner="Ban chỉ đạo ISO",
    )
    rev_id = draft("MTCL-2027", "Mục tiêu chất lượng năm 2027")
    docs.attach_file(db, secretary, rev_id, "MTCL-2027-lan-01.docx", _objectives_2027())
    docs.submit(db, secretary, rev_id, password)
    rev_id = draft("QT-CT-02", "Bổ sung người thay thế khi công chức tư pháp vắng", "Bước 3")
    process_documents.attach_generated(db, secretary, rev_id)
    docs.submit(db, secretary, rev_id, password)
    docs.review(
        db,
        reviewer,
        rev_id,
        password,
        accept=False,
        comment="Ghi rõ thời gian của bước 3 (ký chứng thực) và người thực hiện khi vắng.",
    )

    # The register review found an external text no longer in force.
    document_reviews.withdraw(
        db,
        approver,
        "61/2018/NĐ-CP",
        reason="Hết hiệu lực từ 01/7/2025, được thay thế bởi Nghị định 118/2025/NĐ-CP",
    )

    # The chair declares the system conformant, its scope the ten procedures in force.
    from isoqms.services.iso_cycle import declare

    declare(db, approver, DECLARATION_NUMBER)

    _demo_findings(db, secretary, reviewer, approver, today)
    _demo_risks(db, secretary, today)
    _demo_review(db, secretary, approver, today)

    # The yearly review of what is overdue: still fit, no change (one left to do).
    for reminder in document_reviews.reminders(db, reviewer):
        if reminder.what != "review_due" or reminder.code in LEFT_TO_REVIEW:
            continue
        document_reviews.review_no_change(
            db,
            reviewer,
            reminder.code,
            password,
            note="Đã xem xét định kỳ: còn phù hợp với quy định hiện hành, không cần sửa đổi.",
        )


def _demo_findings(
    db: Database, secretary: Actor, reviewer: Actor, approver: Actor, today: dt.date
) -> None:
    """The internal audit's three findings: a nonconformity whose corrective action was
    verified effective, one whose action is overdue, and an opportunity for improvement."""
    from isoqms.services.findings import (
        ActionPlan,
        FindingDraft,
        plan_action,
        raise_finding,
        record_done,
        verify,
    )

    officer = _actor(db, "officer")
    audited = today - dt.timedelta(days=75)
    first, second = _demo_audit(db, secretary, approver, audited)
    plan_action(
        db,
        secretary,
        first,
        ActionPlan(
            "Bổ sung chữ ký trên 3 phiếu còn thiếu.",
            "Công chức chưa nắm bước ký nhận khi chuyển hồ sơ giữa hai bộ phận.",
            "Phổ biến lại quy trình tại cuộc họp cơ quan; kiểm tra chéo phiếu mỗi tuần.",
            "officer",
            audited + dt.timedelta(days=30),
        ),
        today=audited,
    )
    record_done(
        db,
        officer,
        first,
        "Đã phổ biến tại cuộc họp ngày thứ Hai; kiểm tra chéo 4 tuần liền.",
        today=audited + dt.timedelta(days=25),
    )
    verify(
        db,
        reviewer,
        first,
        effective=True,
        note="Kiểm tra 20 hồ sơ tháng 11: đủ chữ ký ở mọi bước.",
        today=today - dt.timedelta(days=10),
    )
    plan_action(
        db,
        secretary,
        second,
        ActionPlan(
            "Thu hồi Nghị định 61/2018/NĐ-CP khỏi danh mục.",
            "Chưa phân công người theo dõi văn bản pháp luật mới.",
            "Giao thư ký ISO rà soát văn bản pháp luật mỗi tháng và cập nhật danh mục.",
            "iso_secretary",
            audited + dt.timedelta(days=45),
        ),
        today=audited,
    )
    raise_finding(
        db,
        approver,
        FindingDraft(
            "opportunity",
            "Có thể nhắn tin SMS báo công dân khi có kết quả để giảm hồ sơ chờ trả.",
            source="audit",
            clause="10.3",
            process="QT-HT-01",
        ),
        today=audited,
    )


def _demo_audit(
    db: Database, secretary: Actor, approver: Actor, audited: dt.date
) -> tuple[str, str]:
    """The year's internal audit of the civil-status processes: planned by the secretary,
    the programme approved by the chair, every question answered by the internal auditor
    — two nonconformities — and reported. The numbers of the two findings it raised."""
    from isoqms.services import internal_audit as ia

    auditor = _actor(db, "internal_auditor")
    plan = ia.AuditPlan(
        "Đánh giá nội bộ lĩnh vực hộ tịch",
        ("QT-HT-01", "QT-HT-02"),
        audited,
        "internal_auditor",
        criteria="TCVN ISO 9001:2015; QT-HT-01; QT-HT-02; Thông tư 26/2014/TT-BKHCN",
    )
    audit = ia.plan_audit(db, secretary, plan, today=audited - dt.timedelta(days=30))
    ia.approve_programme(
        db, approver, audited.year, "Một cuộc đánh giá trong năm.", audited - dt.timedelta(days=28)
    )
    audit = ia.audit(db, secretary, audit.number)  # with its checklist
    step = next(i for i in audit.items if i.source == "step" and i.process == "QT-HT-01")
    control = next(i for i in audit.items if i.ref == "7.5")
    ia.answer(
        db,
        auditor,
        audit.number,
        step.seq,
        ia.Answer(
            "nonconform",
            "Phiếu kiểm soát quá trình của 3/20 hồ sơ hộ tịch kiểm tra thiếu chữ ký của "
            "người nhận ở bước chuyển hồ sơ.",
            ("document:QT-HT-01",),
        ),
        audited,
    )
    second = ia.answer(
        db,
        auditor,
        audit.number,
        control.seq,
        ia.Answer(
            "nonconform",
            "Danh mục tài liệu bên ngoài chưa cập nhật văn bản thay thế Nghị định 61/2018/NĐ-CP.",
            ("document:QT-KSTL-01",),
        ),
        audited,
    )
    raised = {i.seq: i.finding for i in second.items}
    for item in second.items:
        if item.result:
            continue
        evidence = (f"document:{item.process}",) if item.process else ()
        ia.answer(
            db, auditor, audit.number, item.seq, ia.Answer("conform", "Phù hợp.", evidence), audited
        )
    ia.close_audit(
        db,
        auditor,
        audit.number,
        "Hệ thống được duy trì; 2 điểm không phù hợp cần hành động khắc phục.",
        audited + dt.timedelta(days=2),
    )
    return raised[step.seq], raised[control.seq]


def _demo_review(db: Database, secretary: Actor, approver: Actor, today: dt.date) -> None:
    """The year's management review: the figures of the desk, two decisions followed up as
    actions, the record approved by the chair."""
    from isoqms.services import management_review as mr

    held = today - dt.timedelta(days=3)
    chair = next(u.full_name for u in _users(db, approver) if "approver" in u.roles)
    view = mr.record_review(
        db,
        secretary,
        mr.ReviewRecord(
            held,
            chair,
            "Ban chỉ đạo ISO; công chức Bộ phận Một cửa; công chức Tư pháp – Hộ tịch",
            "Hệ thống quản lý chất lượng phù hợp và có hiệu lực; tỷ lệ hồ sơ đúng hạn chưa "
            "đạt mục tiêu, cần tập trung khắc phục hồ sơ quá hạn.",
            (
                mr.ReviewDecision(
                    "Nhắn tin báo công dân khi có kết quả để giảm hồ sơ chờ trả.",
                    "officer",
                    held + dt.timedelta(days=90),
                ),
                mr.ReviewDecision(
                    "Tập huấn tiếp nhận hồ sơ trực tuyến cho công chức Một cửa.",
                    "clerk",
                    held + dt.timedelta(days=60),
                ),
            ),
        ),
        today,
    )
    mr.approve_review(db, approver, view.number, today)


def _users(db: Database, actor: Actor) -> list[UserInfo]:
    from isoqms.services.users import list_users

    return list_users(db, actor)


def _demo_risks(db: Database, secretary: Actor, today: dt.date) -> None:
    """The register of risks and opportunities of the civil-status processes."""
    from isoqms.services.risks import RiskDraft, add_risk

    for draft in (
        RiskDraft(
            "Mất điện, mất mạng làm gián đoạn tiếp nhận hồ sơ trực tuyến",
            2,
            3,
            "Máy phát điện dự phòng; tiếp nhận bằng sổ giấy và nhập lại khi có mạng",
            today + dt.timedelta(days=90),
            "QT-HT-01",
        ),
        RiskDraft(
            "Công chức hộ tịch nghỉ dài ngày, hồ sơ chậm hạn",
            2,
            2,
            "Phân công người thay thế có chứng chỉ; ghi trong quy trình",
            today + dt.timedelta(days=30),
            "QT-HT-02",
        ),
        RiskDraft(
            "Kết nối Cơ sở dữ liệu hộ tịch điện tử giúp rút ngắn thời gian xác minh",
            2,
            3,
            "Đề xuất huyện cấp tài khoản cho công chức xử lý",
            today + dt.timedelta(days=60),
            "QT-HT-03",
            "opportunity",
        ),
    ):
        add_risk(db, secretary, draft)
