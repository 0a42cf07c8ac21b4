"""The audit log in words people use: one table of labels for every action the program
records, every kind of object and the fields its events carry, in Vietnamese and English,
and how a value is written (dates dd/MM/yyyy HH:mm local, states and channels by their
names, money with thousands separators, hashes shortened). The screen, the command line
and the evidence pack's summary all read the log through this table; ``--json`` keeps the
codes and adds the labels."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from isoqms.domain.documents import Meaning
from isoqms.domain.findings import FindingAction
from isoqms.domain.journey import Action
from isoqms.domain.labels import ENGLISH
from isoqms.domain.roles import Role

Lang = str  # "vi" | "en"

#: action code → (Vietnamese, English)
ACTIONS: dict[str, tuple[str, str]] = {
    # dossiers at the counter and on their way
    "dossier.receive": ("Tiếp nhận hồ sơ", "Dossier received"),
    "dossier.handover": ("Chuyển hồ sơ để giải quyết", "Dossier handed over"),
    "dossier.request-supplement": ("Yêu cầu bổ sung hồ sơ", "Supplement requested"),
    "dossier.supplement-received": ("Nhận hồ sơ bổ sung", "Supplement received"),
    "dossier.result-ready": ("Ghi nhận có kết quả", "Result ready"),
    "dossier.return": ("Trả kết quả", "Result returned"),
    "dossier.apologize": ("Xin lỗi, hẹn lại ngày trả", "Apology, new appointment"),
    "dossier.stop": ("Dừng giải quyết hồ sơ", "Processing stopped"),
    "dossier.cancel": ("Hủy hồ sơ", "Dossier cancelled"),
    "notice.supplement": ("Lập Phiếu yêu cầu bổ sung", "Supplement request issued"),
    "notice.refusal": ("Lập Phiếu từ chối tiếp nhận", "Refusal notice issued"),
    "slip.print": ("In giấy tờ của hồ sơ", "Dossier paper printed"),
    "document.copy.print": ("In bản tài liệu có kiểm soát", "Controlled copy printed"),
    # controlled documents
    "document.create": ("Tạo tài liệu", "Document created"),
    "document.import": ("Nhập tài liệu đang dùng", "Existing document imported"),
    "document.parent": ("Gắn tài liệu vào tài liệu gốc", "Document attached to its parent"),
    "document.revision.start": ("Bắt đầu soạn lần ban hành", "Revision started"),
    "document.checkout": ("Lấy tệp ra để sửa", "File checked out"),
    "document.checkin": ("Nộp lại tệp đã sửa", "File checked in"),
    "document.file": ("Ghi tệp của lần ban hành", "Revision file stored"),
    "document.form.load": ("Nạp biểu mẫu", "Form loaded"),
    "document.form.texts": ("Sửa lời văn của biểu mẫu", "Form texts changed"),
    "document.submit": ("Trình xem xét", "Submitted for review"),
    "document.reject": ("Trả lại người soạn", "Sent back to the drafter"),
    "document.approve": ("Phê duyệt lần ban hành", "Revision approved"),
    "document.withdraw": ("Thu hồi, hết hiệu lực", "Withdrawn"),
    "document.review.periodic": ("Xem xét định kỳ: còn phù hợp", "Periodic review: still fit"),
    "document.distribute": ("Phân phối bản có kiểm soát", "Controlled copy distributed"),
    "document.acknowledge": ("Ký nhận bản phân phối", "Copy signed for"),
    "document.recall": ("Thu hồi bản phân phối", "Copy recalled"),
    **{
        f"document.sign.{m.value}": label
        for m, label in {
            Meaning.DRAFTED: ("Ký: người soạn thảo", "Signed: drafted"),
            Meaning.REVIEWED: ("Ký: người xem xét", "Signed: reviewed"),
            Meaning.APPROVED: ("Ký: người phê duyệt", "Signed: approved"),
            Meaning.PERIODIC: ("Ký: xem xét định kỳ", "Signed: periodic review"),
        }.items()
    },
    # procedures (TTHC)
    "procedure.import": ("Nhập, cập nhật thủ tục hành chính", "Procedure imported"),
    "procedure.revision": ("Ghi nội dung thủ tục", "Procedure content recorded"),
    "procedure.revision.draft": ("Soạn nội dung thủ tục", "Procedure content drafted"),
    "procedure.revision.approve": ("Phê duyệt nội dung thủ tục", "Procedure content approved"),
    "record_type.add": ("Thêm loại hồ sơ lưu trữ", "Record type added"),
    "record_type.change": ("Sửa loại hồ sơ lưu trữ", "Record type changed"),
    "record_type.retire": ("Ngừng dùng loại hồ sơ lưu trữ", "Record type retired"),
    # the yearly ISO cycle
    "iso.declaration": ("Công bố hệ thống quản lý chất lượng", "Conformity declared"),
    "finding.raise": ("Ghi phát hiện", "Finding raised"),
    **{
        f"finding.{a}": label
        for a, label in {
            FindingAction.PLAN.value: ("Giao hành động khắc phục", "Corrective action planned"),
            FindingAction.DONE.value: ("Ghi kết quả khắc phục", "Corrective action done"),
            "verify": ("Đánh giá hiệu lực khắc phục", "Effectiveness verified"),
            FindingAction.CLOSE.value: ("Đóng phát hiện", "Finding closed"),
        }.items()
    },
    "risk.add": ("Ghi rủi ro, cơ hội", "Risk or opportunity added"),
    "risk.review": ("Xem xét lại rủi ro, cơ hội", "Risk or opportunity reviewed"),
    "objective.add": ("Đặt mục tiêu chất lượng", "Quality objective set"),
    "objective.retire": ("Ngừng mục tiêu chất lượng", "Quality objective retired"),
    "audit.plan": ("Lập kế hoạch đánh giá nội bộ", "Internal audit planned"),
    "audit.answer": ("Ghi kết quả câu hỏi đánh giá", "Audit question answered"),
    "audit.report": ("Báo cáo, kết thúc đánh giá nội bộ", "Internal audit reported"),
    "audit_programme.approve": (
        "Phê duyệt chương trình đánh giá nội bộ",
        "Internal audit programme approved",
    ),
    "audit_programme.reopen": (
        "Chương trình đánh giá phải phê duyệt lại",
        "Internal audit programme to approve again",
    ),
    "review.record": ("Ghi biên bản xem xét của lãnh đạo", "Management review recorded"),
    "review.approve": ("Phê duyệt biên bản xem xét của lãnh đạo", "Management review approved"),
    # the calendar
    "calendar.ship": ("Nạp lịch nghỉ lễ kèm chương trình", "Shipped holiday loaded"),
    "calendar.set": ("Ghi ngày nghỉ, ngày làm bù", "Calendar day set"),
    "calendar.import": ("Nhập lịch nghỉ từ tệp", "Calendar imported"),
    "calendar.remove": ("Bỏ ngày nghỉ, ngày làm bù", "Calendar day removed"),
    # people and the system
    "user.create": ("Tạo người dùng", "User created"),
    "user.create_first_admin": ("Tạo quản trị viên đầu tiên", "First administrator created"),
    "user.update": ("Sửa thông tin người dùng", "User updated"),
    "user.set_roles": ("Đổi vai trò người dùng", "Roles changed"),
    "user.activate": ("Mở lại tài khoản", "Account reactivated"),
    "user.deactivate": ("Khoá tài khoản", "Account deactivated"),
    "user.login": ("Đăng nhập", "Signed in"),
    "user.login_failed": ("Đăng nhập sai mật khẩu", "Sign-in failed"),
    "user.login_refused": ("Từ chối đăng nhập", "Sign-in refused"),
    "user.locked": ("Tạm khoá do đăng nhập sai nhiều lần", "Locked after failed sign-ins"),
    "user.unlock": ("Mở khoá đăng nhập", "Sign-in unlocked"),
    "user.login_failures_cleared": ("Xoá số lần đăng nhập sai", "Failed sign-ins cleared"),
    "user.change_password": ("Đổi mật khẩu", "Password changed"),
    "user.reset_password": ("Đặt lại mật khẩu", "Password reset"),
    "user.rehash_password": ("Nâng cấp cách lưu mật khẩu", "Password storage upgraded"),
    "unit.update": ("Sửa thông tin đơn vị", "Unit details updated"),
    "backup.make": ("Sao lưu dữ liệu", "Backup made"),
    "backup.auto": ("Sao lưu tự động", "Automatic backup"),
    "backup.restore": ("Khôi phục từ bản sao lưu", "Restored from a backup"),
    "audit.checkpoint": ("Lập mốc kiểm tra nhật ký", "Log checkpoint made"),
    "audit.seal": ("Niêm phong dữ liệu sau nâng cấp", "Records sealed after an upgrade"),
    "sign.setup": ("Chọn thiết bị ký số", "Signing token chosen"),
    "sign.trust.add": ("Thêm chứng thư gốc tin cậy", "Trusted root certificate added"),
    "sign.trust.remove": ("Bỏ chứng thư gốc tin cậy", "Trusted root certificate removed"),
    "sign.pdf": ("Ký số tệp PDF", "PDF digitally signed"),
    "demo.init": ("Tạo dữ liệu mẫu", "Demo data created"),
}

#: journey actions are recorded as dossier.<action>: each has its label above
assert all(f"dossier.{a.value}" in ACTIONS for a in Action)

#: role → English (the Vietnamese names are the roles' own labels; both in domain.labels)
ROLES_EN: dict[str, str] = {role.value: ENGLISH[role] for role in Role}

#: entity name of the log → (Vietnamese, English)
ENTITIES: dict[str, tuple[str, str]] = {
    "dossier": ("Hồ sơ", "Dossier"),
    "print": ("Bản in", "Print"),
    "counter_notice": ("Phiếu", "Notice"),
    "notice": ("Phiếu", "Notice"),
    "rows": ("Dữ liệu", "Records"),
    "audit": ("Nhật ký", "Log"),
    "document": ("Tài liệu", "Document"),
    "document_revision": ("Lần ban hành", "Revision"),
    "document_copy": ("Bản phân phối", "Controlled copy"),
    "procedure": ("Thủ tục", "Procedure"),
    "procedure_revision": ("Nội dung thủ tục", "Procedure content"),
    "record_type": ("Loại hồ sơ lưu trữ", "Record type"),
    "calendar_day": ("Ngày trong lịch", "Calendar day"),
    "user": ("Người dùng", "User"),
    "login": ("Lần đăng nhập (tên không có)", "Sign-in (unknown name)"),
    "unit": ("Đơn vị", "Unit"),
    "iso_finding": ("Phát hiện", "Finding"),
    "iso_risk": ("Rủi ro, cơ hội", "Risk or opportunity"),
    "iso_declaration": ("Công bố", "Declaration"),
    "iso_audit": ("Cuộc đánh giá nội bộ", "Internal audit"),
    "iso_audit_programme": ("Chương trình đánh giá", "Audit programme"),
    "iso_review": ("Xem xét của lãnh đạo", "Management review"),
    "quality_objective": ("Mục tiêu chất lượng", "Quality objective"),
    "backup": ("Bản sao lưu", "Backup"),
    "database": ("Cơ sở dữ liệu", "Database"),
    "audit_event": ("Nhật ký", "Log"),
    "trusted_certificate": ("Chứng thư gốc tin cậy", "Trusted root certificate"),
    "signed_file": ("Tệp đã ký số", "Digitally signed file"),
}

#: field of an event's before/after → (Vietnamese, English)
FIELDS: dict[str, tuple[str, str]] = {
    "applicant": ("Người nộp", "Applicant"),
    "appointment": ("Hẹn trả", "Appointment"),
    "backdated": ("Ghi muộn", "Entered late"),
    "book": ("Sổ", "Book"),
    "channel": ("Hình thức nộp", "Channel"),
    "code": ("Mã", "Code"),
    "form_revision": ("Biểu mẫu", "Form"),
    "id_number": ("Số giấy tờ tùy thân", "ID number"),
    "number": ("Số", "Number"),
    "procedure": ("Thủ tục", "Procedure"),
    "procedure_revision": ("Bản nội dung thủ tục", "Procedure content"),
    "procedure_revision_hash": ("Mã băm nội dung thủ tục", "Procedure content hash"),
    "received_at": ("Thời điểm tiếp nhận", "Received at"),
    "at": ("Thời điểm", "At"),
    "due_at": ("Hạn giải quyết", "Due"),
    "promised_at": ("Hẹn lại", "New appointment"),
    "outcome": ("Kết quả xử lý", "Outcome"),
    "state": ("Trạng thái", "State"),
    "step": ("Bước", "Step"),
    "to": ("Chuyển cho", "To"),
    "complaint": ("Có phản ánh", "Complaint"),
    "rating": ("Đánh giá của người dân", "Rating"),
    "returned_to": ("Trả cho", "Returned to"),
    "reason": ("Lý do", "Reason"),
    "override": ("Lý do lãnh đạo cho phép ngoài quy định", "Why the leader allowed it"),
    "note": ("Ghi chú", "Note"),
    "fee": ("Phí, lệ phí", "Fee"),
    "amount": ("Số tiền", "Amount"),
    "title": ("Tên", "Title"),
    "name": ("Tên", "Name"),
    "kind": ("Loại", "Kind"),
    "issue": ("Lần ban hành", "Issue"),
    "amendment": ("Lần sửa đổi", "Amendment"),
    "effective_from": ("Hiệu lực từ", "In force from"),
    "sha256": ("Mã băm SHA-256", "SHA-256"),
    "content_hash": ("Mã băm nội dung", "Content hash"),
    "full_name": ("Họ và tên", "Full name"),
    "username": ("Tên đăng nhập", "User name"),
    "roles": ("Vai trò", "Roles"),
    "active": ("Đang dùng", "Active"),
    "paper": ("Khổ giấy", "Paper"),
    "holder": ("Nơi nhận", "Holder"),
    "copy_no": ("Bản số", "Copy no."),
    "revision_id": ("Lần ban hành (mã)", "Revision id"),
    "copies": ("Số bản", "Copies"),
    "reprint": ("In lại", "Reprint"),
    "purpose": ("Mục đích", "Purpose"),
    "description": ("Nội dung", "Description"),
    "owner": ("Người thực hiện", "Owner"),
    "due_on": ("Hạn", "Due"),
    "day": ("Ngày", "Day"),
    "source": ("Nguồn", "Source"),
    # the ISO cycle: findings, actions, audits, reviews, objectives
    "clause": ("Điều khoản", "Clause"),
    "process": ("Quá trình", "Process"),
    "evidence": ("Bằng chứng", "Evidence"),
    "correction": ("Khắc phục tức thời", "Correction"),
    "root_cause": ("Nguyên nhân gốc", "Root cause"),
    "action": ("Hành động khắc phục", "Corrective action"),
    "owner_id": ("Người thực hiện (mã)", "Owner (id)"),
    "done_note": ("Kết quả thực hiện", "Done"),
    "verification_note": ("Đánh giá hiệu lực", "Verification"),
    "effective": ("Có hiệu lực", "Effective"),
    "origin": ("Phát sinh từ", "Raised by"),
    "result": ("Kết quả", "Result"),
    "seq": ("Câu", "Question"),
    "ref": ("Nội dung kiểm tra", "Checked"),
    "question": ("Câu hỏi", "Question"),
    "conclusion": ("Kết luận", "Conclusion"),
    "chair": ("Chủ trì", "Chair"),
    "held_on": ("Ngày họp", "Held on"),
    "participants": ("Thành phần", "Participants"),
    "decisions": ("Số quyết định", "Decisions"),
    "on": ("Ngày", "On"),
    "year": ("Năm", "Year"),
    "planned_on": ("Ngày đánh giá", "Planned on"),
    "processes": ("Các quy trình", "Processes"),
    "criteria": ("Căn cứ", "Criteria"),
    "likelihood": ("Khả năng", "Likelihood"),
    "impact": ("Ảnh hưởng", "Impact"),
    "level": ("Mức", "Level"),
    "review_on": ("Xem xét lại", "Review on"),
    "meaning": ("Ý nghĩa chữ ký", "Meaning"),
    "signer": ("Người ký", "Signer"),
    "metric": ("Chỉ số", "Metric"),
    "period": ("Kỳ", "Period"),
    "scope": ("Phạm vi", "Scope"),
    "target": ("Chỉ tiêu", "Target"),
    "letter": ("Số văn bản", "Letter no."),
    "new_appointment": ("Hẹn lại", "New appointment"),
    "standard": ("Tiêu chuẩn", "Standard"),
    "procedures": ("Thủ tục", "Procedures"),
    "comment": ("Ý kiến", "Comment"),
    "rows": ("Số bản ghi", "Rows"),
}

#: coded values shown by their names, whatever the field
VALUES: dict[str, tuple[str, str]] = {
    "direct": ("trực tiếp", "in person"),
    "online": ("trực tuyến", "online"),
    "postal": ("bưu chính", "by post"),
    "received": ("mới tiếp nhận", "received"),
    "in_process": ("đang giải quyết", "in process"),
    "waiting_supplement": ("chờ bổ sung", "waiting for a supplement"),
    "result_ready": ("đã có kết quả", "result ready"),
    "returned": ("đã trả kết quả", "returned"),
    "stopped": ("dừng giải quyết", "stopped"),
    "cancelled": ("đã hủy", "cancelled"),
    "before": ("trước hạn", "before the due date"),
    "on_time": ("đúng hạn", "on time"),
    "late": ("quá hạn", "late"),
    "satisfied": ("hài lòng", "satisfied"),
    "not_satisfied": ("không hài lòng", "not satisfied"),
    "very_satisfied": ("rất hài lòng", "very satisfied"),
    "off": ("nghỉ", "day off"),
    "working": ("làm việc", "working day"),
    "nonconformity": ("sự không phù hợp", "nonconformity"),
    "observation": ("khuyến nghị", "observation"),
    "opportunity": ("cơ hội cải tiến", "opportunity"),
    "open": ("mới ghi nhận", "open"),
    "planned": ("đã lập kế hoạch", "planned"),
    "done": ("đã thực hiện", "done"),
    "closed": ("đã đóng", "closed"),
    "conform": ("phù hợp", "conforms"),
    "nonconform": ("không phù hợp", "nonconformity"),
    "na": ("không áp dụng", "not applicable"),
    "print": ("in ra giấy", "printed"),
    "save": ("lưu tệp PDF", "saved as PDF"),
    "a5": ("A5", "A5"),
    "a4": ("A4", "A4"),
    "drafted": ("soạn thảo", "drafted"),
    "reviewed": ("xem xét", "reviewed"),
    "approved": ("phê duyệt", "approved"),
    "periodic": ("xem xét định kỳ", "periodic review"),
    "on_time_rate": ("tỷ lệ đúng hạn", "on-time rate"),
    "satisfaction_rate": ("tỷ lệ hài lòng", "satisfaction rate"),
    "online_share": ("tỷ lệ nộp trực tuyến", "online share"),
    "month": ("tháng", "month"),
    "quarter": ("quý", "quarter"),
    "all": ("toàn đơn vị", "whole unit"),
}

_ISO_MOMENT = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$")
_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_HEX = re.compile(r"^[0-9a-f]{40,}$")
_MONEY = ("fee", "amount", "price")


def _pick(pair: tuple[str, str], lang: Lang) -> str:
    return pair[1] if lang == "en" else pair[0]


def action_label(code: str, lang: Lang = "vi") -> str:
    """The action as a phrase; a code the table does not know is shown as it is."""
    pair = ACTIONS.get(code)
    return _pick(pair, lang) if pair else code


def event_phrase(code: str, after: dict[str, Any] | None, lang: Lang = "vi") -> str:
    """The action with what makes it particular: the issue approved, a print or a reprint."""
    phrase = action_label(code, lang)
    after = after or {}
    if code in ("document.approve", "document.submit", "document.revision.start"):
        issue = after.get("issue")
        if isinstance(issue, int):
            phrase += f" {issue:02d}"
    if after.get("reprint") is True:
        phrase += " (reprint)" if lang == "en" else " (bản in lại)"
    return phrase


def entity_label(entity: str, lang: Lang = "vi") -> str:
    pair = ENTITIES.get(entity)
    return _pick(pair, lang) if pair else entity


def field_label(name: str, lang: Lang = "vi") -> str:
    pair = FIELDS.get(name)
    return _pick(pair, lang) if pair else name.replace("_", " ")


def short_hash(value: str) -> str:
    return f"{value[:8]}…{value[-4:]}"


def value_text(name: str, value: Any, lang: Lang = "vi", *, full: bool = False) -> str:
    """A value as people write it. Times of the log's events are local (as recorded by the
    counter); hashes are shortened unless ``full``."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return ("có" if value else "không") if lang != "en" else ("yes" if value else "no")
    if isinstance(value, int | float) and any(m in name for m in _MONEY):
        text = f"{value:,.0f}"
        return text.replace(",", ".") + " đ" if lang != "en" else text + " VND"
    if isinstance(value, str):
        if _ISO_MOMENT.match(value):
            moment = dt.datetime.fromisoformat(value)
            return moment.strftime("%d/%m/%Y %H:%M")
        if _ISO_DAY.match(value):
            return dt.date.fromisoformat(value).strftime("%d/%m/%Y")
        if _HEX.match(value):
            return value if full else short_hash(value)
        if value in VALUES:
            return _pick(VALUES[value], lang)
        return value
    if isinstance(value, list):
        return ", ".join(value_text(name, v, lang, full=full) for v in value)
    if isinstance(value, dict):
        return "; ".join(
            f"{field_label(k, lang)}: {value_text(k, v, lang, full=full)}" for k, v in value.items()
        )
    return str(value)


def business_moment(after: dict[str, Any] | None) -> dt.datetime | None:
    """When the thing an event records happened at the counter (local time), if the event
    says: the moment a dossier was received, a step taken, a paper printed. A late entry
    (ghi muộn) is recorded later than it happened."""
    if not after:
        return None
    for key in ("received_at", "at", "printed_at"):
        text = after.get(key)
        if isinstance(text, str) and _ISO_MOMENT.match(text):
            return dt.datetime.fromisoformat(text)
    return None
