"""``iso``: the yearly ISO cycle — what the quality system owes to the law and the year."""

from __future__ import annotations

import argparse
import datetime as dt
from dataclasses import asdict
from pathlib import Path
from typing import Any

from isoqms.cli.common import Commands, Context, emit_json, parse_date, write_file
from isoqms.domain import clock
from isoqms.domain.errors import ValidationError


def cmd_iso_legal_updates(ctx: Context) -> int:
    from isoqms.services.iso_cycle import pending_legal_updates

    day = ctx.args.as_of or clock.today()
    updates = pending_legal_updates(ctx.db, ctx.actor, day)
    if ctx.args.json:
        emit_json(
            [
                {
                    "document": u.document,
                    "title": u.title,
                    "external": u.external,
                    "external_title": u.external_title,
                    "changed_on": u.changed_on,
                    "what": u.what,
                    "due": u.due,
                    "overdue": u.overdue(day),
                    "label": u.label,
                }
                for u in updates
            ]
        )
        return 0
    if not updates:
        print("Không có quy trình nào phải cập nhật theo văn bản pháp luật đã thay đổi.")
    for u in updates:
        late = "  QUÁ HẠN" if u.overdue(day) else ""
        print(f"{u.document:<12} {u.label}{late}")
    return 0


def cmd_iso_declaration(ctx: Context) -> int:
    from isoqms.services.iso_cycle import declare

    out = Path(ctx.args.out)
    if out.suffix.lower() != ".docx":
        raise ValidationError(
            "Quyết định công bố được ghi ra tệp Word: tên tệp phải có đuôi .docx."
        )
    view, _data = declare(ctx.db, ctx.actor, ctx.args.number or "", out=out)
    if ctx.args.json:
        emit_json({**asdict(view), "out": str(out)})
        return 0
    print(
        f"Đã công bố ngày {view.declared_on:%d/%m/%Y} ({view.standard}), phạm vi "
        f"{len(view.procedures)} thủ tục; quyết định ghi vào {out}."
    )
    return 0


def cmd_iso_status(ctx: Context) -> int:
    from isoqms.services.document_reviews import reminders
    from isoqms.services.iso_cycle import declaration_status, pending_legal_updates

    day = ctx.args.as_of or clock.today()
    declaration = declaration_status(ctx.db, ctx.actor, day)
    updates = pending_legal_updates(ctx.db, ctx.actor, day)
    todo = reminders(ctx.db, ctx.actor, day)
    from isoqms.services.findings import findings

    open_findings = findings(ctx.db, ctx.actor, open_only=True, today=day)
    from isoqms.services.risks import risks

    register = risks(ctx.db, ctx.actor, day)
    from isoqms.services.internal_audit import programme
    from isoqms.services.management_review import reviews
    from isoqms.services.objectives import for_period
    from isoqms.services.statistics import Period

    audits = programme(ctx.db, ctx.actor, day.year, day)
    upcoming = sorted(a.planned_on for a in audits.audits if a.reported_on is None)
    held = [r for r in reviews(ctx.db, ctx.actor, day.year) if r.held_on <= day]
    meeting = held[-1] if held else None
    decisions_open = (
        sum(1 for f in open_findings if f.number in meeting.decisions) if meeting else 0
    )
    aims = for_period(ctx.db, ctx.actor, Period.custom(dt.date(day.year, 1, 1), day))
    count = {what: sum(1 for r in todo if r.what == what) for what in REMINDER_KINDS}
    last = declaration.last
    status = {
        "as_of": day,
        "year": day.year,
        "declaration": {
            "declared": last is not None,
            "number": last.number if last else None,
            "declared_on": last.declared_on if last else None,
            "standard": last.standard if last else None,
            "procedures_declared": len(last.procedures) if last else 0,
            "procedures_in_scope": len(declaration.scope.covered),
            "procedures_missing": [code for code, _name in declaration.scope.missing],
            "due": declaration.due,
            "reasons": list(declaration.reasons),
        },
        "legal_updates": {
            "pending": len(updates),
            "overdue": sum(1 for u in updates if u.overdue(day)),
            "documents": sorted({u.document for u in updates}),
        },
        "documents": count,
        "findings": {
            "open": len(open_findings),
            "overdue": [f.number for f in open_findings if f.overdue],
            "to_verify": [f.number for f in open_findings if f.state == "done"],
        },
        "risks": {
            "lines": len(register),
            "high": sum(1 for r in register if r.level == "Cao"),
            "review_overdue": [r.id for r in register if r.review_overdue],
        },
        "audits": {
            "programme_approved": audits.approved,
            "planned": audits.planned,
            "done": audits.done,
            "next_planned_on": upcoming[0] if upcoming else None,
        },
        "review": {
            "done": meeting is not None,
            "number": meeting.number if meeting else None,
            "held_on": meeting.held_on if meeting else None,
            "approved": meeting is not None and meeting.approved_on is not None,
            "decisions_open": decisions_open,
        },
        "objectives": {
            "lines": len(aims),
            "met": sum(1 for o in aims if o.met == "Đạt"),
            "not_met": sum(1 for o in aims if o.met == "Không đạt"),
        },
    }
    if ctx.args.json:
        emit_json(status)
        return 0
    print(f"Chu kỳ ISO năm {day.year} (tại ngày {day:%d/%m/%Y})")
    if last is None:
        print("- Công bố: chưa có.")
    else:
        print(
            f"- Công bố: quyết định {last.number.strip()} ngày {last.declared_on:%d/%m/%Y}, "
            f"{len(last.procedures)} thủ tục."
        )
    again = "Cần công bố" if last is None else "Cần công bố lại"
    for reason in declaration.reasons:
        print(f"  → {again}: {reason}")
    overdue = status["legal_updates"]["overdue"]  # type: ignore[index]
    print(
        f"- Cập nhật theo văn bản pháp luật: {len(updates)} quy trình"
        + (f", {overdue} quá hạn" if overdue else "")
        + ("" if not updates else " → isoqms iso legal-updates")
    )
    print(
        f"- Tài liệu: {count['review_due']} đến hạn xem xét định kỳ, "
        f"{count['waiting_review']} chờ xem xét, {count['waiting_approval']} chờ phê duyệt, "
        f"{count['returned_draft']} bị trả lại, {count['recall_copy']} bản cần thu hồi, "
        f"{count['acknowledge_copy']} bản chờ ký nhận."
    )
    overdue_findings = [f.number for f in open_findings if f.overdue]
    print(
        f"- Phát hiện, hành động khắc phục: {len(open_findings)} đang mở"
        + (f", quá hạn: {', '.join(overdue_findings)}" if overdue_findings else "")
        + ("" if not open_findings else " → isoqms iso findings --open")
    )
    late_risks = [r for r in register if r.review_overdue]
    print(
        f"- Rủi ro và cơ hội: {len(register)} dòng"
        + (f", {len(late_risks)} quá hạn xem xét lại" if late_risks else "")
        + " → isoqms iso risks"
    )
    print(
        f"- Đánh giá nội bộ: {audits.planned} cuộc theo kế hoạch, {audits.done} đã báo cáo; "
        + ("chương trình đã phê duyệt" if audits.approved else "chương trình chưa phê duyệt")
        + (f"; cuộc tiếp theo ngày {upcoming[0]:%d/%m/%Y}" if upcoming else "")
        + " → isoqms iso audits"
    )
    if meeting is None:
        print("- Xem xét của lãnh đạo: chưa họp năm nay → isoqms iso review-report")
    else:
        print(
            f"- Xem xét của lãnh đạo: {meeting.number} ngày {meeting.held_on:%d/%m/%Y}, "
            + ("biên bản đã phê duyệt" if meeting.approved_on else "biên bản chưa phê duyệt")
            + f"; {decisions_open} quyết định còn mở → isoqms iso reviews"
        )
    status_of = status["objectives"]
    print(
        f"- Mục tiêu chất lượng: {status_of['met']} đạt, "  # type: ignore[index]
        f"{status_of['not_met']} không đạt trên {len(aims)} mục tiêu."  # type: ignore[index]
    )
    return 0


def _finding_out(ctx: Context, view: Any, done: str) -> int:
    if ctx.args.json:
        emit_json(view)
        return 0
    print(f"{done}: {view.number} — {view.state_label}.")
    return 0


def cmd_iso_findings(ctx: Context) -> int:
    from isoqms.services.findings import findings

    rows = findings(ctx.db, ctx.actor, open_only=ctx.args.open)
    if ctx.args.json:
        emit_json(rows)
        return 0
    if not rows:
        print("Không có phát hiện nào" + (" đang mở." if ctx.args.open else "."))
    for f in rows:
        due = f" hạn {f.due_on:%d/%m/%Y}" if f.due_on else ""
        late = " QUÁ HẠN" if f.overdue else ""
        owner = f" ({f.owner_name})" if f.owner_name else ""
        print(f"{f.number}  {f.kind_label:<16} {f.state_label:<22}{due}{owner}{late}")
        print(f"    {f.description}")
    return 0


def cmd_iso_finding_raise(ctx: Context) -> int:
    from isoqms.services.findings import FindingDraft, raise_finding

    a = ctx.args
    draft = FindingDraft(
        a.kind, a.description, a.source, a.clause or "", a.process or "", a.evidence or ""
    )
    return _finding_out(ctx, raise_finding(ctx.db, ctx.actor, draft), "Đã ghi phát hiện")


def cmd_iso_finding_plan(ctx: Context) -> int:
    from isoqms.services.findings import ActionPlan, plan_action

    a = ctx.args
    plan = ActionPlan(a.correction or "", a.cause or "", a.action, a.owner, a.due)
    view = plan_action(ctx.db, ctx.actor, a.number, plan)
    return _finding_out(ctx, view, "Đã giao hành động khắc phục")


def cmd_iso_finding_done(ctx: Context) -> int:
    from isoqms.services.findings import record_done

    view = record_done(ctx.db, ctx.actor, ctx.args.number, ctx.args.note)
    return _finding_out(ctx, view, "Đã ghi kết quả thực hiện")


def cmd_iso_finding_verify(ctx: Context) -> int:
    from isoqms.services.findings import verify

    if ctx.args.effective == ctx.args.not_effective:
        raise ValidationError("Chọn một: --effective (có hiệu lực) hoặc --not-effective.")
    view = verify(
        ctx.db, ctx.actor, ctx.args.number, effective=ctx.args.effective, note=ctx.args.note
    )
    return _finding_out(ctx, view, "Đã ghi đánh giá hiệu lực")


def cmd_iso_finding_close(ctx: Context) -> int:
    from isoqms.services.findings import close_finding

    view = close_finding(ctx.db, ctx.actor, ctx.args.number, ctx.args.note)
    return _finding_out(ctx, view, "Đã đóng phát hiện")


def cmd_iso_review_report(ctx: Context) -> int:
    from isoqms.services.management_review import review_report_docx

    out = Path(ctx.args.out)
    if out.suffix.lower() != ".docx":
        raise ValidationError("Báo cáo xem xét được ghi ra tệp Word: tên tệp phải có đuôi .docx.")
    inputs, data = review_report_docx(ctx.db, ctx.actor, ctx.args.year, review=ctx.args.review)
    write_file(ctx.args.out, data)
    if ctx.args.json:
        emit_json(
            {
                "year": inputs.year,
                "review": ctx.args.review,
                "audits_planned": inputs.audits.planned if inputs.audits else 0,
                "audits_done": inputs.audits.done if inputs.audits else 0,
                "previous_review": inputs.previous.number if inputs.previous else None,
                "previous_actions": {f.number: f.state for f in inputs.previous_actions},
                "from": inputs.period.start,
                "to": inputs.period.end,
                "out": str(out),
                "objectives": inputs.objectives,
                "report": inputs.total.to_dict(),
                "findings": len(inputs.findings),
                "legal_updates": len(inputs.legal_updates),
                "declaration_due": inputs.declaration.due,
            }
        )
        return 0
    what = (
        f"biên bản họp xem xét của lãnh đạo {ctx.args.review}"
        if ctx.args.review
        else "báo cáo đầu vào xem xét của lãnh đạo"
    )
    print(f"Đã ghi {what} năm {inputs.year} ({inputs.period.label}) vào {out}.")
    return 0


def _review_line(r: Any) -> str:
    approved = (
        f"phê duyệt {r.approved_on:%d/%m/%Y} ({r.approved_by})"
        if r.approved_on
        else "chưa phê duyệt"
    )
    return (
        f"{r.number}  {r.held_on:%d/%m/%Y}  chủ trì {r.chair}; {approved}; "
        f"quyết định: {', '.join(r.decisions) or 'không có'}"
    )


def cmd_iso_reviews(ctx: Context) -> int:
    from isoqms.services.management_review import reviews

    found = reviews(ctx.db, ctx.actor, ctx.args.year)
    if ctx.args.json:
        emit_json(found)
        return 0
    if not found:
        print("Chưa ghi cuộc họp xem xét của lãnh đạo nào.")
    for r in found:
        print(_review_line(r))
    return 0


def _decision(text: str) -> Any:
    from isoqms.services.management_review import ReviewDecision

    parts = text.split("|")
    if len(parts) != 3:
        raise ValidationError(
            "Mỗi --decision có dạng “nội dung|tên đăng nhập người thực hiện|YYYY-MM-DD”."
        )
    try:
        due = parse_date(parts[2].strip())
    except argparse.ArgumentTypeError as error:
        raise ValidationError(f"Hạn của quyết định: {error}.") from None
    return ReviewDecision(parts[0], parts[1].strip(), due)


def cmd_iso_review_record(ctx: Context) -> int:
    from isoqms.services.management_review import ReviewRecord, record_review

    a = ctx.args
    record = ReviewRecord(
        a.held_on,
        a.chair,
        a.participants,
        a.conclusion,
        tuple(_decision(d) for d in a.decision),
    )
    view = record_review(ctx.db, ctx.actor, record)
    if ctx.args.json:
        emit_json(view)
        return 0
    print(f"Đã ghi biên bản {_review_line(view)}")
    return 0


def cmd_iso_review_approve(ctx: Context) -> int:
    from isoqms.services.management_review import approve_review

    if ctx.args.sign:
        from isoqms.cli.common import read_secret
        from isoqms.services.token_signing import approve_review_with_token

        pin = read_secret("ISOQMS_PIN", "Mã PIN của thiết bị ký số: ")
        view = approve_review_with_token(ctx.db, ctx.actor, ctx.args.number, pin)
    else:
        view = approve_review(ctx.db, ctx.actor, ctx.args.number)
    if ctx.args.json:
        emit_json(view)
        return 0
    print(f"Đã phê duyệt biên bản {_review_line(view)}")
    return 0


def _audit_line(a: Any) -> str:
    second = f", {a.second_name}" if a.second_name else ""
    return (
        f"{a.number}  {a.planned_on:%d/%m/%Y}  {a.state_label:<16} {a.answered}/{a.questions} "
        f"câu  KPH {a.nonconformities}  KN {a.observations}  ({a.lead_name}{second})\n"
        f"    {a.title}: {', '.join(a.processes)}"
    )


def cmd_iso_audits(ctx: Context) -> int:
    from isoqms.services.internal_audit import programme

    view = programme(ctx.db, ctx.actor, ctx.args.year)
    if ctx.args.json:
        emit_json({**asdict(view), "planned": view.planned, "done": view.done})
        return 0
    approved = (
        f"đã phê duyệt ngày {view.approved_on:%d/%m/%Y} ({view.approved_by})"
        if view.approved_on
        else "chưa phê duyệt"
    )
    print(
        f"Chương trình đánh giá nội bộ năm {view.year}: {view.planned} cuộc, "
        f"{view.done} đã báo cáo; {approved}."
    )
    for a in view.audits:
        print(_audit_line(a))
    return 0


def cmd_iso_audit_plan(ctx: Context) -> int:
    from isoqms.services.internal_audit import AuditPlan, plan_audit

    a = ctx.args
    codes = tuple(c.strip() for p in a.process for c in p.split(",") if c.strip())
    plan = AuditPlan(a.title, codes, a.date, a.lead, a.second or "", a.criteria or "")
    view = plan_audit(ctx.db, ctx.actor, plan)
    if ctx.args.json:
        emit_json(view)
        return 0
    print(f"Đã lập kế hoạch đánh giá {view.number}: {view.questions} câu hỏi.")
    return 0


def cmd_iso_audit_approve(ctx: Context) -> int:
    from isoqms.services.internal_audit import approve_programme

    view = approve_programme(ctx.db, ctx.actor, ctx.args.year, ctx.args.note or "")
    if ctx.args.json:
        emit_json({**asdict(view), "planned": view.planned, "done": view.done})
        return 0
    print(f"Đã phê duyệt chương trình đánh giá nội bộ năm {view.year} ({view.planned} cuộc).")
    return 0


def cmd_iso_audit_checklist(ctx: Context) -> int:
    from isoqms.services.internal_audit import audit

    view = audit(ctx.db, ctx.actor, ctx.args.number)
    if ctx.args.json:
        emit_json(view)
        return 0
    print(_audit_line(view))
    for i in view.items:
        result = i.result_label or "chưa trả lời"
        finding = f" → {i.finding}" if i.finding else ""
        print(f"{i.seq:>3}. [{i.ref}] {i.question}")
        print(f"     {result}{finding}" + (f": {i.note}" if i.note else ""))
        for e in i.evidence:
            print(f"     · {e.label}")
    return 0


def cmd_iso_audit_answer(ctx: Context) -> int:
    from isoqms.services.internal_audit import Answer, answer

    a = ctx.args
    view = answer(
        ctx.db, ctx.actor, a.number, a.seq, Answer(a.result, a.note or "", tuple(a.evidence))
    )
    item = view.items[a.seq - 1]
    if ctx.args.json:
        emit_json(item)
        return 0
    print(
        f"Đã ghi câu {item.seq} của {view.number}: {item.result_label}"
        + (f"; phát hiện {item.finding}" if item.finding else "")
        + f" ({view.answered}/{view.questions} câu)."
    )
    return 0


def cmd_iso_audit_report(ctx: Context) -> int:
    from isoqms.services.internal_audit import audit_report_docx, close_audit

    out = Path(ctx.args.out)
    if out.suffix.lower() != ".docx":
        raise ValidationError("Báo cáo đánh giá được ghi ra tệp Word: tên tệp phải có đuôi .docx.")
    if ctx.args.conclusion is not None:
        close_audit(ctx.db, ctx.actor, ctx.args.number, ctx.args.conclusion)
    view, data = audit_report_docx(ctx.db, ctx.actor, ctx.args.number)
    write_file(ctx.args.out, data)
    if ctx.args.json:
        emit_json({**asdict(view), "out": str(out)})
        return 0
    draft = "" if view.reported_on else " (dự thảo: cuộc đánh giá chưa kết thúc)"
    print(f"Đã ghi báo cáo đánh giá {view.number}{draft} vào {out}.")
    return 0


def cmd_iso_risks(ctx: Context) -> int:
    from isoqms.services.risks import risks

    rows = risks(ctx.db, ctx.actor)
    if ctx.args.json:
        emit_json(rows)
        return 0
    if not rows:
        print("Sổ rủi ro và cơ hội chưa có dòng nào.")
    for r in rows:
        late = "  QUÁ HẠN XEM XÉT" if r.review_overdue else ""
        print(
            f"{r.id:>3}  {r.kind_label:<7} {r.process:<11} mức {r.level:<10} "
            f"xem xét lại {r.review_on:%d/%m/%Y}{late}"
        )
        print(f"     {r.description}")
    return 0


def _risk_draft(ctx: Context, line: Any = None) -> Any:
    """The line from the options; on a review, what is not given stays as it was."""
    from isoqms.services.risks import RiskDraft

    a = ctx.args

    def kept(value: Any, name: str, default: Any) -> Any:
        if value is not None:
            return value
        return getattr(line, name) if line is not None else default

    return RiskDraft(
        a.description,
        a.likelihood,
        a.impact,
        kept(a.action, "action", ""),
        a.review,
        kept(a.process, "process", ""),
        kept(a.kind, "kind", "risk"),
    )


def cmd_iso_risk_add(ctx: Context) -> int:
    from isoqms.services.risks import add_risk

    view = add_risk(ctx.db, ctx.actor, _risk_draft(ctx))
    if ctx.args.json:
        emit_json(view)
        return 0
    print(f"Đã ghi dòng {view.id} vào sổ rủi ro và cơ hội (mức {view.level}).")
    return 0


def cmd_iso_risk_review(ctx: Context) -> int:
    from isoqms.domain.errors import NotFound
    from isoqms.services.risks import review_risk, risks

    line = next((r for r in risks(ctx.db, ctx.actor) if r.id == ctx.args.id), None)
    if line is None:
        raise NotFound(f"Không có dòng rủi ro số {ctx.args.id}.")
    view = review_risk(ctx.db, ctx.actor, ctx.args.id, _risk_draft(ctx, line))
    if ctx.args.json:
        emit_json(view)
        return 0
    print(f"Đã xem xét dòng {view.id}: mức {view.level}, xem xét lại {view.review_on:%d/%m/%Y}.")
    return 0


REMINDER_KINDS = (
    "review_due",
    "waiting_review",
    "waiting_approval",
    "returned_draft",
    "recall_copy",
    "acknowledge_copy",
)


def register(commands: Commands, common: argparse.ArgumentParser) -> None:
    iso = commands.add_parser("iso", help="chu kỳ ISO hằng năm").add_subparsers(
        dest="iso_command", metavar="ACTION", required=True
    )
    p = iso.add_parser(
        "legal-updates",
        help="quy trình phải cập nhật trong 3 tháng vì văn bản viện dẫn đã thay đổi",
        parents=[common],
    )
    p.add_argument("--as-of", type=parse_date, metavar="YYYY-MM-DD", help="như tại ngày này")
    p.set_defaults(run=cmd_iso_legal_updates)
    p = iso.add_parser(
        "status", help="chu kỳ ISO năm nay: công bố, cập nhật pháp luật, tài liệu", parents=[common]
    )
    p.add_argument("--as-of", type=parse_date, metavar="YYYY-MM-DD", help="như tại ngày này")
    p.set_defaults(run=cmd_iso_status)
    p = iso.add_parser(
        "declaration",
        help="công bố hệ thống quản lý chất lượng (người phê duyệt): ghi quyết định và phạm vi",
        parents=[common],
    )
    p.add_argument("--out", required=True, metavar="FILE.docx")
    p.add_argument("--number", help="số quyết định (mặc định để trống cho văn thư ghi)")
    p.set_defaults(run=cmd_iso_declaration)
    p = iso.add_parser(
        "review-report",
        help="báo cáo đầu vào xem xét của lãnh đạo (số liệu của năm, .docx)",
        parents=[common],
    )
    p.add_argument("--year", type=int, required=True, metavar="YYYY")
    p.add_argument("--out", required=True, metavar="FILE.docx")
    p.add_argument("--review", metavar="SỐ", help="biên bản của cuộc họp đã ghi (số XX-YYYY-NN)")
    p.set_defaults(run=cmd_iso_review_report)
    p = iso.add_parser("reviews", help="các cuộc họp xem xét của lãnh đạo đã ghi", parents=[common])
    p.add_argument("--year", type=int, metavar="YYYY")
    p.set_defaults(run=cmd_iso_reviews)
    review = iso.add_parser(
        "review", help="ghi, phê duyệt biên bản họp xem xét của lãnh đạo"
    ).add_subparsers(dest="review_command", metavar="STEP", required=True)
    p = review.add_parser(
        "record", help="ghi biên bản cuộc họp và các quyết định (thư ký ISO)", parents=[common]
    )
    p.add_argument("--held-on", type=parse_date, required=True, metavar="YYYY-MM-DD")
    p.add_argument("--chair", required=True, help="người chủ trì")
    p.add_argument("--participants", required=True, help="thành phần tham dự")
    p.add_argument("--conclusion", required=True, help="kết luận của cuộc họp")
    p.add_argument(
        "--decision",
        action="append",
        default=[],
        metavar="NỘI DUNG|NGƯỜI|YYYY-MM-DD",
        help="quyết định: nội dung, tên đăng nhập người thực hiện, hạn (lặp lại được)",
    )
    p.set_defaults(run=cmd_iso_review_record)
    p = review.add_parser("approve", help="phê duyệt biên bản (người phê duyệt)", parents=[common])
    p.add_argument("number", metavar="SỐ")
    p.add_argument(
        "--sign",
        action="store_true",
        help="ký số biên bản bằng thiết bị ký số đã chọn (mã PIN từ ISOQMS_PIN hoặc hỏi)",
    )
    p.set_defaults(run=cmd_iso_review_approve)
    p = iso.add_parser("risks", help="sổ rủi ro và cơ hội của các quá trình", parents=[common])
    p.set_defaults(run=cmd_iso_risks)
    risk = iso.add_parser("risk", help="ghi, xem xét một dòng sổ rủi ro").add_subparsers(
        dest="risk_command", metavar="STEP", required=True
    )
    for step, handler in (("add", cmd_iso_risk_add), ("review", cmd_iso_risk_review)):
        p = risk.add_parser(
            step,
            help="ghi dòng mới" if step == "add" else "xem xét lại dòng số ID",
            parents=[common],
        )
        if step == "review":
            p.add_argument("id", type=int, metavar="ID")
        p.add_argument("--description", required=True)
        p.add_argument("--likelihood", type=int, required=True, choices=[1, 2, 3])
        p.add_argument("--impact", type=int, required=True, choices=[1, 2, 3])
        p.add_argument("--action", help="biện pháp xử lý")
        p.add_argument("--review", type=parse_date, required=True, metavar="YYYY-MM-DD")
        p.add_argument("--process", metavar="MÃ TÀI LIỆU")
        p.add_argument("--kind", choices=["risk", "opportunity"], help="mặc định: risk / như cũ")
        p.set_defaults(run=handler)
    p = iso.add_parser(
        "audits", help="chương trình đánh giá nội bộ của năm và các cuộc đánh giá", parents=[common]
    )
    p.add_argument("--year", type=int, metavar="YYYY", help="mặc định: năm nay")
    p.set_defaults(run=cmd_iso_audits)
    audit = iso.add_parser(
        "audit", help="lập kế hoạch, ghi kết quả, báo cáo một cuộc đánh giá nội bộ"
    ).add_subparsers(dest="audit_command", metavar="STEP", required=True)
    p = audit.add_parser(
        "plan", help="thêm cuộc đánh giá vào chương trình (thư ký ISO)", parents=[common]
    )
    p.add_argument("--title", required=True)
    p.add_argument(
        "--process",
        action="append",
        required=True,
        metavar="MÃ TÀI LIỆU",
        help="quy trình được đánh giá (lặp lại hoặc cách nhau dấu phẩy)",
    )
    p.add_argument("--date", type=parse_date, required=True, metavar="YYYY-MM-DD")
    p.add_argument("--lead", required=True, metavar="TÊN ĐĂNG NHẬP", help="trưởng đoàn đánh giá")
    p.add_argument("--second", metavar="TÊN ĐĂNG NHẬP", help="người đánh giá thứ hai")
    p.add_argument("--criteria", help="căn cứ đánh giá")
    p.set_defaults(run=cmd_iso_audit_plan)
    p = audit.add_parser(
        "approve-programme",
        help="phê duyệt chương trình đánh giá của năm (người phê duyệt)",
        parents=[common],
    )
    p.add_argument("--year", type=int, required=True, metavar="YYYY")
    p.add_argument("--note")
    p.set_defaults(run=cmd_iso_audit_approve)
    p = audit.add_parser("checklist", help="danh mục câu hỏi và câu trả lời", parents=[common])
    p.add_argument("number", metavar="SỐ")
    p.set_defaults(run=cmd_iso_audit_checklist)
    p = audit.add_parser(
        "answer", help="ghi câu trả lời (người đánh giá của cuộc đánh giá)", parents=[common]
    )
    p.add_argument("number", metavar="SỐ")
    p.add_argument("seq", type=int, metavar="CÂU")
    p.add_argument(
        "--result", required=True, choices=["conform", "nonconform", "observation", "na"]
    )
    p.add_argument("--note")
    p.add_argument(
        "--evidence",
        action="append",
        default=[],
        metavar="LOẠI:THAM CHIẾU",
        help="dossier:MÃ, document:MÃ, event:SỐ hoặc file:ĐƯỜNG DẪN (lặp lại được)",
    )
    p.set_defaults(run=cmd_iso_audit_answer)
    p = audit.add_parser(
        "report",
        help="báo cáo đánh giá (.docx); --conclusion kết thúc cuộc đánh giá",
        parents=[common],
    )
    p.add_argument("number", metavar="SỐ")
    p.add_argument("--out", required=True, metavar="FILE.docx")
    p.add_argument("--conclusion", help="kết luận của trưởng đoàn: kết thúc cuộc đánh giá")
    p.set_defaults(run=cmd_iso_audit_report)
    p = iso.add_parser(
        "findings", help="phát hiện, sự không phù hợp và hành động khắc phục", parents=[common]
    )
    p.add_argument("--open", action="store_true", help="chỉ những phát hiện chưa đóng")
    p.set_defaults(run=cmd_iso_findings)
    finding = iso.add_parser(
        "finding", help="ghi một phát hiện và theo dõi hành động khắc phục"
    ).add_subparsers(dest="finding_command", metavar="STEP", required=True)
    p = finding.add_parser("raise", help="ghi phát hiện (Ban chỉ đạo ISO)", parents=[common])
    p.add_argument("--kind", required=True, choices=["nonconformity", "observation", "opportunity"])
    p.add_argument(
        "--source",
        default="audit",
        choices=["audit", "complaint", "late_dossier", "objective", "other"],
    )
    p.add_argument("--description", required=True)
    p.add_argument("--clause", help="điều khoản TCVN ISO 9001:2015, ví dụ 8.5.1")
    p.add_argument("--process", metavar="MÃ TÀI LIỆU", help="quy trình liên quan")
    p.add_argument("--evidence", help="bằng chứng")
    p.set_defaults(run=cmd_iso_finding_raise)
    p = finding.add_parser(
        "plan", help="giao hành động khắc phục: người thực hiện, hạn", parents=[common]
    )
    p.add_argument("number", metavar="SỐ")
    p.add_argument("--action", required=True, help="hành động khắc phục")
    p.add_argument("--owner", required=True, metavar="TÊN ĐĂNG NHẬP")
    p.add_argument("--due", type=parse_date, required=True, metavar="YYYY-MM-DD")
    p.add_argument("--correction", help="khắc phục tức thời")
    p.add_argument("--cause", help="nguyên nhân gốc")
    p.set_defaults(run=cmd_iso_finding_plan)
    p = finding.add_parser("done", help="người thực hiện ghi kết quả", parents=[common])
    p.add_argument("number", metavar="SỐ")
    p.add_argument("--note", required=True)
    p.set_defaults(run=cmd_iso_finding_done)
    p = finding.add_parser(
        "verify", help="đánh giá hiệu lực (người khác người thực hiện)", parents=[common]
    )
    p.add_argument("number", metavar="SỐ")
    p.add_argument("--effective", action="store_true")
    p.add_argument("--not-effective", action="store_true")
    p.add_argument("--note", required=True)
    p.set_defaults(run=cmd_iso_finding_verify)
    p = finding.add_parser("close", help="đóng khuyến nghị / cơ hội cải tiến", parents=[common])
    p.add_argument("number", metavar="SỐ")
    p.add_argument("--note", required=True)
    p.set_defaults(run=cmd_iso_finding_close)
