"""The internal audit (clause 9.2): the year's programme kept by the ISO secretary and
approved by the committee's chair; each audit planned for process documents in force, on a
day, by auditors who did not make those processes; its checklist answered by those
auditors with evidence (a dossier, a document, an audit-log event, an attached file); a
nonconformity or observation answered becomes a finding at once; the report closes the
audit. The rules are ``domain.internal_audit``; every change is audited."""

from __future__ import annotations

import datetime as dt
import json
import mimetypes
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from isoqms.db.engine import Database
from isoqms.db.models import (
    AuditEvent,
    Dossier,
    IsoAudit,
    IsoAuditItem,
    IsoAuditProgramme,
    IsoFinding,
    ProcedureRevision,
    RevisionSignature,
    User,
    utcnow,
)
from isoqms.domain import clock
from isoqms.domain.documents import DocumentKind, Standing, standings
from isoqms.domain.errors import Conflict, NotFound, PermissionDenied, ValidationError
from isoqms.domain.findings import FindingKind, FindingSource, FindingState
from isoqms.domain.internal_audit import (
    AuditedProcess,
    AuditState,
    ItemSource,
    Result,
    build_checklist,
    check_answerable,
    check_independent,
    check_planned_day,
    check_reportable,
    parse_result,
)
from isoqms.domain.procedure import ProcedureContent
from isoqms.domain.roles import Permission
from isoqms.services import files, limits, lookup
from isoqms.services.documents import _dates, _document, _revisions_by_document
from isoqms.services.intake import _lock
from isoqms.services.uow import Actor, UnitOfWork, require, write

#: The largest file taken as evidence.
EVIDENCE_MAX_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True)
class AuditPlan:
    title: str
    processes: tuple[str, ...]  # document codes of process documents in force
    planned_on: dt.date
    lead: str  # user name of the lead auditor
    second: str = ""  # user name of a second auditor, if any
    criteria: str = ""


@dataclass(frozen=True)
class Evidence:
    kind: str  # dossier | document | event | file
    ref: str  # the dossier or document code, the event id, the stored file's SHA-256
    label: str

    def as_dict(self) -> dict[str, str]:
        return {"kind": self.kind, "ref": self.ref, "label": self.label}


@dataclass(frozen=True)
class Answer:
    result: Result | str
    note: str = ""
    evidence: tuple[str, ...] = ()  # dossier:CODE · document:CODE · event:ID · file:PATH


@dataclass(frozen=True)
class ItemView:
    seq: int
    source: str
    source_label: str
    ref: str
    process: str
    question: str
    result: str  # empty: not answered
    result_label: str
    note: str
    evidence: tuple[Evidence, ...]
    finding: str  # the finding's number, when the answer raised one
    answered_by: str


@dataclass(frozen=True)
class AuditView:
    id: int
    number: str
    year: int
    title: str
    processes: tuple[str, ...]
    criteria: str
    planned_on: dt.date
    lead: str  # user name
    lead_name: str
    second: str
    second_name: str
    state: str
    state_label: str
    conclusion: str
    reported_on: dt.date | None
    questions: int
    answered: int
    nonconformities: int
    observations: int
    items: tuple[ItemView, ...] = ()


@dataclass(frozen=True)
class ProgrammeView:
    year: int
    approved: bool
    approved_by: str
    approved_on: dt.date | None
    note: str
    audits: tuple[AuditView, ...]

    @property
    def planned(self) -> int:
        return len(self.audits)

    @property
    def done(self) -> int:
        return sum(1 for a in self.audits if a.state == AuditState.REPORTED)


# ------------------------------------------------------------------ reading


def _name(session: Session, user_id: int | None) -> tuple[str, str]:
    user = session.get(User, user_id) if user_id is not None else None
    return (user.username, user.full_name) if user else ("", "")


def _items(session: Session, audit: IsoAudit) -> list[IsoAuditItem]:
    return list(
        session.execute(
            select(IsoAuditItem).where(IsoAuditItem.audit_id == audit.id).order_by(IsoAuditItem.seq)
        ).scalars()
    )


def _item_view(session: Session, item: IsoAuditItem) -> ItemView:
    source = ItemSource(item.source)
    result = Result(item.result) if item.result else None
    finding = session.get(IsoFinding, item.finding_id) if item.finding_id else None
    return ItemView(
        item.seq, source.value, source.label, item.ref, item.process, item.question,
        result.value if result else "", result.label if result else "", item.note,
        tuple(Evidence(**e) for e in json.loads(item.evidence or "[]")),
        finding.number if finding else "", _name(session, item.answered_by)[1],
    )  # fmt: skip


def _view(session: Session, audit: IsoAudit, *, with_items: bool = False) -> AuditView:
    rows = _items(session, audit)
    lead, second = _name(session, audit.lead_id), _name(session, audit.second_id)
    state = AuditState(audit.state)
    return AuditView(
        audit.id, audit.number, audit.year, audit.title,
        tuple(json.loads(audit.processes)), audit.criteria, audit.planned_on,
        lead[0], lead[1], second[0], second[1], state.value, state.label, audit.conclusion,
        audit.reported_on, len(rows), sum(1 for r in rows if r.result),
        sum(1 for r in rows if r.result == Result.NONCONFORM),
        sum(1 for r in rows if r.result == Result.OBSERVATION),
        tuple(_item_view(session, r) for r in rows) if with_items else (),
    )  # fmt: skip


def _audit(session: Session, number: str) -> IsoAudit:
    """By its number (DG-2026-01) or, as ``--json`` shows it, its id."""
    found = lookup.by_number(session, IsoAudit, number)
    if found is None:
        raise NotFound(f"Không có cuộc đánh giá nội bộ số “{number}”.")
    return found


def _check_year(year: int, day: dt.date) -> None:
    if not 2000 <= year <= day.year + 1:
        raise ValidationError(f"Năm {year} không hợp lệ: từ 2000 đến {day.year + 1}.")


def programme(
    db: Database, actor: Actor, year: int | None = None, today: dt.date | None = None
) -> ProgrammeView:
    """The year's programme: its audits and whether the chair approved it."""
    day = today or clock.today()
    year = year or day.year
    _check_year(year, day)
    with db.read() as session:
        require(session, actor, Permission.RECORDS_READ)
        row = session.execute(
            select(IsoAuditProgramme).where(IsoAuditProgramme.year == year)
        ).scalar_one_or_none()
        audits = session.execute(
            select(IsoAudit).where(IsoAudit.year == year).order_by(IsoAudit.planned_on, IsoAudit.id)
        ).scalars()
        approved = row is not None and row.approved_on is not None
        return ProgrammeView(
            year,
            approved,
            _name(session, row.approved_by)[1] if row else "",
            row.approved_on if row else None,
            row.note if row else "",
            tuple(_view(session, a) for a in audits),
        )


def audit(db: Database, actor: Actor, number: str) -> AuditView:
    """One audit with its checklist."""
    with db.read() as session:
        require(session, actor, Permission.RECORDS_READ)
        return _view(session, _audit(session, number), with_items=True)


# ------------------------------------------------------------------ planning


def _process(session: Session, code: str, day: dt.date) -> tuple[AuditedProcess, set[int]]:
    """The process document ``code`` in force on ``day``, and who signed that issue."""
    doc = _document(session, code)
    if doc.kind != DocumentKind.PROCESS or doc.procedure_id is None:
        raise ValidationError(f"{doc.code} không phải quy trình giải quyết TTHC.")
    revs = _revisions_by_document(session, [doc])[doc.id]
    state = standings(_dates(revs), day)
    in_force = [r for r in revs if state[r.id][0] is Standing.EFFECTIVE]
    if not in_force:
        raise ValidationError(
            f"{doc.code} không có lần ban hành hiệu lực vào ngày {day:%d/%m/%Y}: "
            "chỉ đánh giá quy trình đang áp dụng."
        )
    rev = max(in_force, key=lambda r: (r.effective_from or dt.date.min, r.id))
    proc_rev = (
        session.get(ProcedureRevision, rev.procedure_revision_id)
        if rev.procedure_revision_id
        else None
    )
    steps = ProcedureContent.from_dict(json.loads(proc_rev.content)).steps if proc_rev else ()
    issue = f"{rev.issue:02d}" + (f".{rev.amendment}" if rev.amendment else "")
    signers = set(
        session.execute(
            select(RevisionSignature.user_id).where(RevisionSignature.revision_id == rev.id)
        ).scalars()
    )
    return AuditedProcess(doc.code, doc.title, issue, steps), signers


def _auditor(session: Session, username: str, what: str) -> User:
    user = lookup.active_user(session, username)
    if user is None:
        raise NotFound(f"Không có người dùng “{username}” làm {what}.")
    if not lookup.holds(session, user, Permission.AUDITS_RECORD):
        raise ValidationError(
            f"Người dùng “{user.username}” không có vai trò chuyên gia đánh giá nội bộ: "
            "quản trị viên gán vai trò internal_auditor trước."
        )
    return user


def _snapshot(a: IsoAudit) -> dict[str, object]:
    return {
        "number": a.number, "title": a.title, "processes": json.loads(a.processes),
        "planned_on": a.planned_on, "lead_id": a.lead_id, "second_id": a.second_id,
        "state": a.state, "conclusion": a.conclusion, "reported_on": a.reported_on,
    }  # fmt: skip


def plan_audit(
    db: Database, actor: Actor, plan: AuditPlan, today: dt.date | None = None
) -> AuditView:
    """Add an audit to its year's programme, with its checklist built from the clauses,
    the steps of the process documents in force on the audit's day and the inspection
    items. A programme already approved must be approved again."""
    day = today or clock.today()
    title = limits.text(plan.title, IsoAudit.title, "tên cuộc đánh giá", required=True)
    criteria = limits.text(plan.criteria, IsoAudit.criteria, "căn cứ đánh giá", multiline=True)
    codes = [c for c in (limits.key(p) for p in plan.processes) if c]
    if not codes:
        raise ValidationError("Chọn ít nhất một quy trình để đánh giá.")
    if len(codes) > 60:
        raise ValidationError("Một cuộc đánh giá không quá 60 quy trình: chia thành nhiều cuộc.")
    year = plan.planned_on.year
    _check_year(year, day)
    check_planned_day(plan.planned_on, year)
    with write(db, actor, Permission.AUDITS_PLAN) as uow:
        session = uow.session
        lead = _auditor(session, plan.lead, "trưởng đoàn đánh giá")
        second = _auditor(session, plan.second, "người đánh giá") if plan.second.strip() else None
        if second is not None and second.id == lead.id:
            raise ValidationError("Người đánh giá thứ hai phải khác trưởng đoàn.")
        processes: list[AuditedProcess] = []
        own: dict[int, list[str]] = {lead.id: [], **({second.id: []} if second else {})}
        for code in dict.fromkeys(codes):
            process, signers = _process(session, code, plan.planned_on)
            processes.append(process)
            for user_id in own:
                if user_id in signers:
                    own[user_id].append(process.code)
        check_independent(lead.full_name, own[lead.id])
        if second is not None:
            check_independent(second.full_name, own[second.id])
        _lock(session, db)  # two planned at once must not take the same number
        prefix = f"DG-{year}-"
        count = session.execute(
            select(func.count(IsoAudit.id)).where(IsoAudit.number.like(prefix + "%"))
        ).scalar_one()
        row = IsoAudit(
            number=f"{prefix}{count + 1:02d}", year=year, title=title,
            processes=json.dumps([p.code for p in processes]), criteria=criteria,
            planned_on=plan.planned_on, lead_id=lead.id,
            second_id=second.id if second else None, state=AuditState.PLANNED.value,
            conclusion="", created_by=actor.user_id, created_at=utcnow(),
        )  # fmt: skip
        session.add(row)
        session.flush()
        for seq, item in enumerate(build_checklist(processes), start=1):
            session.add(
                IsoAuditItem(
                    audit_id=row.id,
                    seq=seq,
                    source=item.source.value,
                    ref=item.ref,
                    process=item.process,
                    question=item.question,
                    result="",
                    note="",
                    evidence="[]",
                )
            )
        session.flush()
        uow.record("audit.plan", "iso_audit", row.id, after=_snapshot(row))
        prog = session.execute(
            select(IsoAuditProgramme).where(IsoAuditProgramme.year == year)
        ).scalar_one_or_none()
        if prog is not None and prog.approved_on is not None:
            before = {"approved_by": prog.approved_by, "approved_on": prog.approved_on}
            prog.approved_by, prog.approved_on = None, None
            uow.record(
                "audit_programme.reopen", "iso_audit_programme", prog.id, before=before,
                after={"reason": f"thêm cuộc đánh giá {row.number}"},
            )  # fmt: skip
        return _view(session, row)


def approve_programme(
    db: Database, actor: Actor, year: int, note: str = "", today: dt.date | None = None
) -> ProgrammeView:
    """The committee's chair approves the year's programme (its audits as planned now)."""
    day = today or clock.today()
    _check_year(year, day)
    text = limits.text(note, IsoAuditProgramme.note, "ghi chú", multiline=True)
    with write(db, actor, Permission.DOCS_APPROVE) as uow:
        session = uow.session
        audits = list(session.execute(select(IsoAudit).where(IsoAudit.year == year)).scalars())
        if not audits:
            raise Conflict(f"Chương trình đánh giá năm {year} chưa có cuộc đánh giá nào.")
        prog = session.execute(
            select(IsoAuditProgramme).where(IsoAuditProgramme.year == year)
        ).scalar_one_or_none()
        if prog is None:
            prog = IsoAuditProgramme(year=year, note="")
            session.add(prog)
        if prog.approved_on is not None:
            raise Conflict(f"Chương trình đánh giá năm {year} đã được phê duyệt.")
        prog.note, prog.approved_by, prog.approved_on = text, actor.user_id, day
        session.flush()
        uow.record(
            "audit_programme.approve", "iso_audit_programme", prog.id,
            after={"year": year, "audits": [a.number for a in audits], "note": text},
        )  # fmt: skip
    return programme(db, actor, year, day)


# ------------------------------------------------------------------ answering


def _evidence(session: Session, text: str) -> Evidence:
    kind, sep, ref = text.partition(":")
    kind, ref = kind.strip().lower(), ref.strip()
    if not sep or not ref:
        raise ValidationError(
            "Bằng chứng ghi dạng dossier:MÃ-HỒ-SƠ, document:MÃ-TÀI-LIỆU, event:SỐ hoặc "
            "file:ĐƯỜNG-DẪN."
        )
    if kind == "dossier":
        code = limits.key(ref) or ""
        if session.execute(select(Dossier.id).where(Dossier.code == code)).first() is None:
            raise NotFound(f"Không có hồ sơ mã “{ref}”.")
        return Evidence("dossier", code, f"Hồ sơ {code}")
    if kind == "document":
        doc = _document(session, ref)
        return Evidence("document", doc.code, f"Tài liệu {doc.code} – {doc.title}")
    if kind == "event":
        if not ref.isdecimal() or len(ref) > 12 or session.get(AuditEvent, int(ref)) is None:
            raise NotFound(f"Không có sự kiện nhật ký số “{ref}”.")
        return Evidence("event", ref, f"Sự kiện nhật ký số {ref}")
    if kind == "file":
        path = Path(ref)
        try:
            if path.stat().st_size > EVIDENCE_MAX_BYTES:
                raise ValidationError(f"Tệp “{path.name}” lớn hơn 20 MB.")
            data = path.read_bytes()
        except OSError:
            raise ValidationError(f"Không đọc được tệp “{path.name}”.") from None
        media = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        digest = files.store(session, data, media)
        return Evidence("file", digest, f"Tệp {path.name} (SHA-256 {digest[:12]}…)")
    raise ValidationError(
        f"Loại bằng chứng “{kind[:20]}” không hợp lệ: dossier, document, event hoặc file."
    )


def answer(
    db: Database,
    actor: Actor,
    number: str,
    seq: int,
    reply: Answer,
    today: dt.date | None = None,
) -> AuditView:
    """One question answered by one of the audit's auditors. A nonconformity or an
    observation is a finding of its own (raised at once, numbered PH-YYYY-NN, with the
    question's clause and process); once raised it stays — the answer's note and evidence
    may still be completed."""
    day = today or clock.today()
    result = parse_result(reply.result) if isinstance(reply.result, str) else reply.result
    note = limits.text(reply.note, IsoAuditItem.note, "ghi chú", multiline=True)
    if result.raises and not note:
        raise ValidationError(
            "Ghi rõ điều không phù hợp hoặc khuyến nghị: đó là nội dung của phát hiện."
        )
    if len(reply.evidence) > 20:
        raise ValidationError("Một câu trả lời không quá 20 bằng chứng.")
    with write(db, actor, Permission.AUDITS_RECORD) as uow:
        session = uow.session
        row = _audit(session, number)
        if actor.user_id not in (row.lead_id, row.second_id):
            raise PermissionDenied(f"Chỉ người đánh giá của {row.number} ghi câu trả lời.")
        check_answerable(AuditState(row.state))
        item = session.execute(
            select(IsoAuditItem).where(IsoAuditItem.audit_id == row.id, IsoAuditItem.seq == seq)
        ).scalar_one_or_none()
        if item is None:
            raise NotFound(f"{row.number} không có câu hỏi số {seq}.")
        # a file already kept with this answer is named again by its SHA-256
        kept = {
            f"file:{e['ref']}": e for e in json.loads(item.evidence or "[]") if e["kind"] == "file"
        }
        evidence = [
            kept.get(e.strip()) or _evidence(session, e).as_dict()
            for e in reply.evidence
            if e.strip()
        ]
        before = {"seq": seq, "result": item.result, "note": item.note, "evidence": item.evidence}
        if item.finding_id is not None and Result(item.result) is not result:
            finding = session.get(IsoFinding, item.finding_id)
            raise Conflict(
                f"Câu hỏi {seq} đã lập phát hiện {finding.number if finding else ''}: "
                "không đổi kết quả được (ghi chú, bằng chứng thì bổ sung được)."
            )
        item.result, item.note, item.evidence = result.value, note, json.dumps(evidence)
        item.answered_by, item.answered_at = actor.user_id, utcnow()
        if row.state == AuditState.PLANNED:
            row.state = AuditState.IN_PROGRESS.value
        uow.record(
            "audit.answer", "iso_audit", row.id, before=before,
            after={"seq": seq, "result": item.result, "note": note, "evidence": evidence},
        )  # fmt: skip
        if result.raises and item.finding_id is None:
            item.finding_id = _raise(uow, session, db, row, item, result, evidence, day)
        return _view(session, row, with_items=True)


def _raise(
    uow: UnitOfWork,
    session: Session,
    db: Database,
    audit_row: IsoAudit,
    item: IsoAuditItem,
    result: Result,
    evidence: list[dict[str, str]],
    day: dt.date,
) -> int:
    from isoqms.services.findings import _snapshot as finding_snapshot

    _lock(session, db)
    prefix = f"PH-{day.year}-"
    count = session.execute(
        select(func.count(IsoFinding.id)).where(IsoFinding.number.like(prefix + "%"))
    ).scalar_one()
    kind = FindingKind.NONCONFORMITY if result is Result.NONCONFORM else FindingKind.OBSERVATION
    # a step not carried out as written is the service not delivered as planned (8.5.1)
    clause = {ItemSource.CLAUSE: item.ref, ItemSource.STEP: "8.5.1"}.get(
        ItemSource(item.source), ""
    )
    finding = IsoFinding(
        number=f"{prefix}{count + 1:02d}", kind=kind.value, source=FindingSource.AUDIT.value,
        clause=clause, process=item.process, description=item.note,
        evidence="; ".join([f"{audit_row.number}, câu {item.seq} ({item.ref})"]
                           + [e["label"] for e in evidence])[:4000],
        state=FindingState.OPEN.value, correction="", root_cause="", action="",
        done_note="", verification_note="", raised_on=day, raised_by=item.answered_by,
        created_at=utcnow(), origin=audit_row.number,
    )  # fmt: skip
    session.add(finding)
    session.flush()
    uow.record("finding.raise", "iso_finding", finding.id, after=finding_snapshot(finding))
    return finding.id


# ------------------------------------------------------------------ reporting


def close_audit(
    db: Database, actor: Actor, number: str, conclusion: str, today: dt.date | None = None
) -> AuditView:
    """The lead auditor reports: every question answered, a conclusion written; the audit
    is then closed to changes."""
    day = today or clock.today()
    text = limits.text(conclusion, IsoAudit.conclusion, "kết luận", multiline=True)
    with write(db, actor, Permission.AUDITS_RECORD) as uow:
        session = uow.session
        row = _audit(session, number)
        state = AuditState(row.state)
        if state is AuditState.REPORTED:
            raise Conflict(f"{row.number} đã báo cáo ngày {row.reported_on:%d/%m/%Y}.")
        if actor.user_id != row.lead_id:
            raise PermissionDenied(f"Trưởng đoàn đánh giá của {row.number} lập báo cáo.")
        check_reportable(state, [i.result for i in _items(session, row)], text)
        before = _snapshot(row)
        row.state, row.conclusion, row.reported_on = AuditState.REPORTED.value, text, day
        uow.record("audit.report", "iso_audit", row.id, before=before, after=_snapshot(row))
        return _view(session, row, with_items=True)


def audit_report_docx(db: Database, actor: Actor, number: str) -> tuple[AuditView, bytes]:
    """The audit report as a sign-ready .docx (a report not yet closed prints as a draft)."""
    from isoqms.render.audit_report import AuditReport, render_audit_report
    from isoqms.services.unit import get_unit
    from isoqms.services.users import list_users

    view = audit(db, actor, number)
    unit = get_unit(db)
    head = next(
        (u.full_name for u in list_users(db, actor) if u.active and "approver" in u.roles), ""
    )
    place = unit.commune_name or unit.display_name
    data = render_audit_report(
        AuditReport(
            authority=f"UBND {place}",
            place=place,
            number=view.number,
            title=view.title,
            criteria=view.criteria,
            processes=view.processes,
            planned_on=view.planned_on,
            reported_on=view.reported_on,
            lead=view.lead_name,
            second=view.second_name,
            conclusion=view.conclusion,
            items=tuple(
                (
                    i.ref,
                    i.question,
                    i.result_label,
                    i.note,
                    "; ".join(e.label for e in i.evidence),
                    i.finding,
                )
                for i in view.items
            ),
            head_name=head,
        )
    )
    return view, data
