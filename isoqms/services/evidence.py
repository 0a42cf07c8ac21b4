"""Evidence packs: one .zip an auditor takes away and can check offline.

A pack for a document (or for a period) holds:

* ``summary.pdf`` — history, signatures, distribution and acknowledgements, print log,
  and the state of the audit chain when the pack was made;
* ``revisions/…`` — the file of every revision, its form texts or procedure content, and
  ``…-signed-content.json``, the exact text whose SHA-256 each signer signed;
* ``audit-events.jsonl`` — the relevant audit events with every field the chain hashes,
  so each event's own hash can be recomputed without the database;
* ``audit-chain.jsonl`` — every event from the first relevant one to the head of the log
  when the pack was made, so the links between them can be checked too, and that they
  lead to the head the manifest records;
* ``checkpoint.json`` — the checkpoint of the log at that moment
  (:mod:`isoqms.domain.anchor`): checked against a checkpoint the verifier already holds
  (``verify-pack FILE --against CHECKPOINT``), it proves the pack's events belong to the
  log that checkpoint anchors;
* ``manifest.json`` — what the pack covers and the SHA-256 and size of every file, sealed
  by the SHA-256 of its own canonical text; ``SHA256SUMS`` — the same list in the format
  ``sha256sum -c`` reads; ``DOC-TRUOC.txt`` — how to check it.

The zip itself is written deterministically (stored, fixed times and attributes), so
``verify_pack`` can rebuild it from its members and compare every byte: a change anywhere
— in a member, a name, a header, the central directory — fails the check.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import re
import zipfile
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from isoqms.db.engine import Database
from isoqms.db.models import (
    AuditEvent,
    Document,
    DocumentRevision,
    Dossier,
    PrintLog,
    ProcedureRevision,
    SignedFile,
    User,
)
from isoqms.domain import clock
from isoqms.domain.anchor import Anchor
from isoqms.domain.audit import EventRecord, canonical_json, format_at
from isoqms.domain.errors import IsoqmsError, NotFound, ValidationError
from isoqms.domain.roles import Permission
from isoqms.domain.text import fold
from isoqms.render import evidence as render
from isoqms.render.evidence import Section, split_hash
from isoqms.services import anchors, auditor, document_copies, documents, files, limits
from isoqms.services.audit import verify_chain
from isoqms.services.unit import get_unit
from isoqms.services.uow import Actor, require

FORMAT = "isoqms.evidence/1"
MANIFEST = "manifest.json"
SUMS = "SHA256SUMS"
EVENTS = "audit-events.jsonl"
CHAIN = "audit-chain.jsonl"
CHECKPOINT = "checkpoint.json"
README = "DOC-TRUOC.txt"
_ZIP_TIME = (2000, 1, 1, 0, 0, 0)

README_TEXT = """HỒ SƠ CHỨNG CỨ isoqms — cách kiểm tra

1. Bằng isoqms (không cần cơ sở dữ liệu):
       isoqms audit verify-pack TEN-TEP.zip
   Kết quả 0 = nguyên vẹn; 1 = đã bị thay đổi (nêu tệp hoặc sự kiện sai).

2. Không cần isoqms: giải nén, rồi trong thư mục giải nén
       Linux/macOS:  sha256sum -c SHA256SUMS
       Windows:      certutil -hashfile <tệp> SHA256   (so với dòng tương ứng trong SHA256SUMS)
   manifest.json ghi mã băm và kích thước của mọi tệp; trường "seal" là SHA-256 của
   manifest (JSON chuẩn hoá: khoá sắp xếp, không khoảng trắng, UTF-8) khi bỏ trường "seal".

3. Chữ ký: mỗi revisions/*-signed-content.json là đúng nội dung mà người soạn thảo,
   xem xét, phê duyệt đã ký; SHA-256 của tệp đó phải bằng "Mã băm đã ký" trong summary.pdf,
   và trường "file" trong đó phải bằng SHA-256 của tệp văn bản đi kèm.

4. Nhật ký: mỗi dòng của audit-events.jsonl là một sự kiện; SHA-256 của JSON chuẩn hoá
   gồm action, actor, actor_id, after, at, before, entity, entity_id, prev, seq (và rows
   nếu có) phải bằng trường "hash". audit-chain.jsonl chứa mọi sự kiện từ sự kiện liên
   quan đầu tiên tới sự kiện cuối của nhật ký lúc lập gói: trường "prev" của mỗi dòng
   phải bằng "hash" của dòng trước, và dòng cuối phải là sự kiện cuối ghi trong
   manifest.json ("chain").

GÓI NÀY CHỨNG MINH ĐƯỢC GÌ, KHÔNG CHỨNG MINH ĐƯỢC GÌ
- Mã băm và dấu niêm phong ("seal") chỉ cho biết gói không bị sửa SAU KHI LẬP, do người
  không biết cách tính lại. Ai cũng tính lại được chúng: một người cố ý làm giả có thể sửa
  một sự kiện rồi tính lại toàn bộ mà gói vẫn "nguyên vẹn".
- Bằng chứng thật là MỐC KIỂM TRA (checkpoint) do người kiểm tra giữ từ trước, không nằm
  trong gói: mốc in trong biên bản họp Ban chỉ đạo ISO, mốc đi kèm một bản sao lưu, hoặc
  mã SỐ:MÃ-BĂM đọc từ trang in. Chạy
       isoqms audit verify-pack TEN-TEP.zip --against MOC.json   (hoặc --against SỐ:MÃ-BĂM)
  để kiểm tra rằng các sự kiện trong gói thuộc đúng nhật ký mà mốc đó xác nhận. Sự kiện ghi
  trước mốc được chứng minh; sự kiện ghi sau mốc chỉ được chứng minh là nối tiếp nhật ký
  đó (cần một mốc mới hơn để chứng minh chúng).
- Gói không chứng minh rằng dữ liệu trong cơ sở dữ liệu hôm nay vẫn như lúc lập gói; lệnh
  "isoqms audit verify" trên cơ sở dữ liệu mới trả lời điều đó.

DỮ LIỆU CÁ NHÂN
- audit-chain.jsonl chứa ĐẦY ĐỦ mọi sự kiện của nhật ký trong khoảng đó, kể cả sự kiện của
  hồ sơ thủ tục hành chính: họ tên, số định danh, số điện thoại, địa chỉ của công dân (chuỗi
  băm chỉ kiểm được khi có nguyên nội dung). Đây là dữ liệu cá nhân (Nghị định
  13/2023/NĐ-CP): chỉ giao gói cho người có thẩm quyền kiểm tra, không công bố, không gửi
  qua kênh công khai, huỷ khi xong việc.
"""

#: said when a pack is made (the command line, the screen)
PERSONAL_DATA_WARNING = (
    "Lưu ý: gói chứa nguyên phần nhật ký tới lúc lập, kể cả họ tên, số định danh, số điện "
    "thoại của công dân trong các hồ sơ — chỉ giao cho người có thẩm quyền kiểm tra."
)


# ------------------------------------------------------------------ the zip


def _zip(members: list[tuple[str, bytes]]) -> bytes:
    """The deterministic zip of ``members`` (name, bytes), in order."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as archive:
        for name, data in members:
            info = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
            info.create_system = 3
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_STORED
            archive.writestr(info, data)
    return out.getvalue()


def _safe(name: str) -> str:
    folded = fold(name).replace("/", "-")
    return re.sub(r"[^A-Za-z0-9._-]+", "-", folded).strip("-") or "tep"


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _seal(manifest: dict[str, Any]) -> str:
    body = {k: v for k, v in manifest.items() if k != "seal"}
    return _sha(canonical_json(body).encode("utf-8"))


def _sums(entries: list[dict[str, Any]]) -> bytes:
    return "".join(f"{e['sha256']}  {e['path']}\n" for e in entries).encode("utf-8")


def _pack(
    scope: dict[str, Any],
    actor: Actor,
    chain: Chain,
    summary: render.Summary,
    content: list[tuple[str, bytes]],
    events: list[AuditEvent],
) -> bytes:
    """The pack: guide, summary PDF, ``content``, the events, the chain segment, the
    checkpoint, manifest, sums."""
    lines = "".join(_event_line(e) + "\n" for e in events).encode("utf-8")
    members = [
        (README, README_TEXT.encode("utf-8")),
        ("summary.pdf", render.to_pdf(summary)),
        *content,
        (EVENTS, lines),
        (CHAIN, chain.segment),
        (CHECKPOINT, chain.anchor.to_json().encode("utf-8")),
    ]
    entries = [{"path": n, "sha256": _sha(d), "size": len(d)} for n, d in members]
    manifest: dict[str, Any] = {
        "format": FORMAT,
        "scope": scope,
        "created_at": clock.utcnow_aware().isoformat(timespec="seconds"),
        "created_by": actor.username,
        "chain": chain.manifest,
        "files": entries,
    }
    manifest["seal"] = _seal(manifest)
    manifest_bytes = (json.dumps(manifest, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    sums = _sums([*entries, {"path": MANIFEST, "sha256": _sha(manifest_bytes)}])
    return _zip([*members, (MANIFEST, manifest_bytes), (SUMS, sums)])


# ------------------------------------------------------------------ what goes in


def _event_line(e: AuditEvent) -> str:
    line: dict[str, Any] = {
        "seq": e.seq,
        "at": format_at(e.at),
        "actor_id": e.actor_id,
        "actor": e.actor,
        "action": e.action,
        "entity": e.entity,
        "entity_id": e.entity_id,
        "before": e.before,
        "after": e.after,
        "prev": e.prev_hash,
        "hash": e.hash,
    }
    if e.rows is not None:
        line["rows"] = e.rows
    return canonical_json(line)


def _local(at: dt.datetime | None) -> str:
    if at is None:
        return ""
    return at.replace(tzinfo=dt.UTC).astimezone().strftime("%d/%m/%Y %H:%M")


def _day(day: dt.date | None) -> str:
    return f"{day:%d/%m/%Y}" if day else ""


def _late_text(entries: list[auditor.TimelineEntry]) -> str:
    """How many events were entered after the fact, and by whom."""
    late = [e for e in entries if e.late]
    if not late:
        return "không có"
    people: dict[str, int] = {}
    for e in late:
        people[e.who] = people.get(e.who, 0) + 1
    by = "; ".join(f"{who}: {n}" for who, n in sorted(people.items()))
    return f"{len(late)} sự kiện ghi sau thời điểm làm việc ({by})"


def _history_section(entries: list[auditor.TimelineEntry]) -> Section:
    """The events in words (the same labels as the screen and the command line)."""
    from isoqms.services.log_export import entry_row

    rows = []
    for e in entries:
        seq, when, who, what_done, what, details = entry_row(e)
        rows.append((seq, when, who, what_done, what, details[:600]))
    return Section(
        "Lịch sử thay đổi (nhật ký kiểm tra)",
        ("Số", "Thời điểm", "Người thực hiện", "Việc làm", "Đối tượng", "Nội dung"),
        (0.06, 0.13, 0.15, 0.17, 0.2, 0.29),
        tuple(rows),
    )


@dataclass(frozen=True)
class Chain:
    """The log as a pack carries it: its state, the segment from the first relevant event
    to the head, and the checkpoint of that head."""

    manifest: dict[str, Any]
    text: str  # for the summary
    segment: bytes
    anchor: Anchor


def _chain_state(db: Database, actor: Actor, first_seq: int | None) -> Chain:
    """The chain from ``first_seq`` (None: only the head event) to the head, read in one
    snapshot with its checkpoint."""
    result = verify_chain(db)
    engine = db.engine
    if db.backend == "postgresql":
        engine = engine.execution_options(isolation_level="REPEATABLE READ")
    with engine.connect() as conn, conn.begin():
        anchor = anchors.anchor_in(conn, made_by=actor.username, unit=get_unit(db).display_name)
        start = anchor.seq if first_seq is None else min(first_seq, anchor.seq)
        with Session(bind=conn) as session:
            rows = session.execute(
                select(AuditEvent)
                .where(AuditEvent.seq >= max(start, 1), AuditEvent.seq <= anchor.seq)
                .order_by(AuditEvent.seq)
            ).scalars()
            segment = "".join(_event_line(e) + "\n" for e in rows).encode("utf-8")
    manifest = {
        "events": anchor.seq,
        "last_hash": anchor.hash,
        "intact": result.ok,
        "first_seq": max(start, 1) if anchor.seq else 0,
    }
    text = (
        f"nguyên vẹn, {anchor.seq} sự kiện, mã băm cuối {anchor.hash}"
        if result.ok
        else f"BỊ THAY ĐỔI — {result.summary()}"
    )
    return Chain(manifest, text, segment, anchor)


def _revision_members(
    session: Session, doc: Document, rev: DocumentRevision
) -> list[tuple[str, bytes]]:
    issue = f"lan-{rev.issue:02d}" + (f".{rev.amendment}" if rev.amendment else "")
    prefix = f"revisions/{issue}"
    out: list[tuple[str, bytes]] = []
    if rev.file_sha256:
        out.append(
            (f"{prefix}-{_safe(rev.file_name or 'tep')}", files.read_in(session, rev.file_sha256))
        )
    if rev.form_content is not None:
        out.append((f"{prefix}-noi-dung-bieu-mau.json", rev.form_content.encode("utf-8")))
    if rev.procedure_revision_id is not None:
        proc = session.get(ProcedureRevision, rev.procedure_revision_id)
        if proc is not None:
            out.append((f"{prefix}-noi-dung-thu-tuc.json", proc.content.encode("utf-8")))
    out.append(
        (f"{prefix}-signed-content.json", documents.signed_body(session, rev).encode("utf-8"))
    )
    signed = session.execute(
        select(SignedFile.file_sha256)
        .where(SignedFile.kind == "revision", SignedFile.ref_id == rev.id)
        .order_by(SignedFile.id)
    ).scalars()
    for number, sha in enumerate(signed, 1):
        # a folder of its own: no name _safe() makes from an uploaded file can land there
        suffix = f"-{number}" if number > 1 else ""
        out.append((f"ky-so/{issue}{suffix}.pdf", files.read_in(session, sha)))
    return out


def _signature_rows(rows: list[documents.RevisionRow]) -> tuple[tuple[str, ...], ...]:
    out = []
    for r in rows:
        issue = f"{r.issue:02d}" + (f".{r.amendment}" if r.amendment else "")
        for s in r.signatures:
            out.append(
                (
                    issue,
                    s.meaning_label,
                    s.full_name,
                    s.title,
                    _local(s.signed_at),
                    split_hash(s.content_hash),
                    "Khớp" if s.content_hash == r.content_hash else "KHÔNG KHỚP",
                )
            )
    return tuple(out)


SIGNATURE_COLUMNS = ("Lần", "Ý nghĩa", "Người ký", "Chức danh", "Thời điểm", "Mã băm đã ký", "")
SIGNATURE_SHARES = (0.06, 0.11, 0.17, 0.15, 0.12, 0.31, 0.08)


def document_pack(db: Database, actor: Actor, code: str) -> bytes:
    """The evidence pack of one controlled document."""
    key = limits.key(code)  # a NUL, a lone surrogate, too long: no document has it
    with db.read() as session:
        require(session, actor, Permission.AUDIT_READ)
        doc = (
            None
            if key is None
            else session.execute(select(Document).where(Document.code == key)).scalar_one_or_none()
        )
        if doc is None:
            raise NotFound(f"Không có tài liệu mã “{code}”.")
        revs = list(
            session.execute(
                select(DocumentRevision)
                .where(DocumentRevision.document_id == doc.id)
                .order_by(DocumentRevision.issue, DocumentRevision.amendment)
            ).scalars()
        )
        content: list[tuple[str, bytes]] = []
        for rev in revs:
            content += _revision_members(session, doc, rev)
        events = list(
            session.execute(
                select(AuditEvent)
                .where(auditor.scope(session, "document", doc.code))
                .order_by(AuditEvent.seq)
            ).scalars()
        )
        describe = auditor.Describer(session)
        entries = [describe.entry(e) for e in events]
        session.expunge_all()
    history = documents.history(db, actor, doc.code)
    copies = document_copies.copies(db, actor, doc.code)
    chain = _chain_state(db, actor, events[0].seq if events else None)
    chain_text = chain.text
    prints = [e for e in events if e.action == "document.copy.print"]
    copy_no = {str(c.id): c.copy_no for c in copies}
    summary = render.Summary(
        f"HỒ SƠ CHỨNG CỨ — {doc.code}",
        get_unit(db).display_name,
        (
            ("Tài liệu", f"{doc.code} — {doc.title}"),
            ("Người lập", actor.signature),
            ("Thời điểm lập", clock.now().strftime("%H:%M ngày %d/%m/%Y")),
            ("Nhật ký kiểm tra khi lập", chain_text),
            ("Sự kiện kèm theo", f"{len(events)} (tệp {EVENTS})"),
        ),
        (
            Section(
                "Các lần ban hành",
                (
                    "Lần",
                    "Tình trạng",
                    "Hiệu lực từ",
                    "đến",
                    "Nội dung sửa đổi",
                    "Tệp",
                    "Mã băm nội dung",
                ),
                (0.06, 0.11, 0.09, 0.09, 0.22, 0.15, 0.28),
                tuple(
                    (
                        f"{r.issue:02d}" + (f".{r.amendment}" if r.amendment else ""),
                        r.standing_label,
                        _day(r.effective_from),
                        _day(r.effective_to),
                        r.change_summary,
                        r.file_name,
                        split_hash(r.content_hash),
                    )
                    for r in history
                ),
            ),
            Section(
                "Chữ ký (soạn thảo, xem xét, phê duyệt)",
                SIGNATURE_COLUMNS,
                SIGNATURE_SHARES,
                _signature_rows(history),
            ),
            Section(
                "Phân phối và xác nhận",
                ("Số bản", "Nơi nhận", "Lần", "Phân phát", "Xác nhận", "Người xác nhận", "Thu hồi"),
                (0.07, 0.25, 0.07, 0.14, 0.14, 0.19, 0.14),
                tuple(
                    (
                        str(c.copy_no),
                        c.holder,
                        f"{c.issue:02d}" + (f".{c.amendment}" if c.amendment else ""),
                        _local(c.distributed_at),
                        _local(c.acknowledged_at),
                        c.acknowledged_by,
                        _local(c.recalled_at),
                    )
                    for c in copies
                ),
            ),
            Section(
                "Nhật ký in bản có kiểm soát",
                ("Thời điểm", "Người in", "Bản", "Mục đích", "SHA-256 của bản in"),
                (0.15, 0.13, 0.1, 0.1, 0.52),
                tuple(
                    (
                        _local(e.at),
                        e.actor,
                        str(copy_no.get(e.entity_id, e.entity_id)),
                        str((auditor.event_fields(e.after) or {}).get("purpose", "")),
                        str((auditor.event_fields(e.after) or {}).get("sha256", "")),
                    )
                    for e in prints
                ),
            ),
            _history_section(entries),
        ),
    )
    scope = {"kind": "document", "code": doc.code, "title": doc.title}
    return _pack(scope, actor, chain, summary, content, events)


def period_pack(db: Database, actor: Actor, date_from: dt.date, date_to: dt.date) -> bytes:
    """The evidence pack of a period: every event in it, the revisions signed or taking
    effect in it (files, contents, signatures) and every slip or paper printed in it."""
    if date_to < date_from:
        raise ValidationError("Ngày cuối của kỳ không được trước ngày đầu.")
    start, end = auditor.utc_bounds(date_from, date_to)
    assert start is not None and end is not None
    period = auditor.TimelineFilter(date_from=date_from, date_to=date_to)
    with db.read() as session:
        require(session, actor, Permission.AUDIT_READ)
        # recorded in the period, or recording what happened in it (a late entry)
        candidates = session.execute(
            select(AuditEvent).where(AuditEvent.at >= start).order_by(AuditEvent.seq)
        ).scalars()
        events = [e for e in candidates if auditor.in_period(e, start, end, period)]
        # the period's dossiers: their prints belong to it, whenever they were made
        dossier_codes = {
            e.entity_id.split("/", 1)[0] for e in events if e.entity in ("dossier", "print")
        }
        dossier_ids = (
            set(
                session.execute(
                    select(Dossier.id).where(Dossier.code.in_(sorted(dossier_codes)))
                ).scalars()
            )
            if dossier_codes
            else set()
        )
        if dossier_codes:
            seen = {e.seq for e in events}
            later_prints = session.execute(
                select(AuditEvent)
                .where(AuditEvent.entity == "print", AuditEvent.at >= end)
                .order_by(AuditEvent.seq)
            ).scalars()
            events += [
                e
                for e in later_prints
                if e.seq not in seen and e.entity_id.split("/", 1)[0] in dossier_codes
            ]
            events.sort(key=lambda e: e.seq)
        describe = auditor.Describer(session)
        entries = [describe.entry(e) for e in events]
        touched = {
            int(e.entity_id)
            for e in events
            if e.entity == "document_revision" and e.entity_id.isdigit()
        }
        effective = session.execute(
            select(DocumentRevision.id).where(
                DocumentRevision.effective_from >= date_from,
                DocumentRevision.effective_from <= date_to,
            )
        ).scalars()
        touched |= set(effective)
        content: list[tuple[str, bytes]] = []
        codes: list[str] = []
        for rev_id in sorted(touched):
            rev = session.get(DocumentRevision, rev_id)
            if rev is None:
                continue
            doc = session.get(Document, rev.document_id)
            assert doc is not None
            codes.append(doc.code)
            content += [
                (f"{_safe(doc.code)}/{n}", d) for n, d in _revision_members(session, doc, rev)
            ]
        names = dict(session.execute(select(User.id, User.full_name)).all())
        prints = list(
            session.execute(
                select(PrintLog)
                .where(
                    (PrintLog.printed_at >= start) & (PrintLog.printed_at < end)
                    | PrintLog.dossier_id.in_(sorted(dossier_ids))
                )
                .order_by(PrintLog.id)
            ).scalars()
        )
        session.expunge_all()
    histories = {code: documents.history(db, actor, code) for code in dict.fromkeys(codes)}
    signed = [r for rows in histories.values() for r in rows if r.id in touched]
    chain = _chain_state(db, actor, events[0].seq if events else None)
    chain_text = chain.text
    summary = render.Summary(
        f"HỒ SƠ CHỨNG CỨ — từ {date_from:%d/%m/%Y} đến {date_to:%d/%m/%Y}",
        get_unit(db).display_name,
        (
            ("Kỳ", f"từ ngày {date_from:%d/%m/%Y} đến ngày {date_to:%d/%m/%Y}"),
            ("Người lập", actor.signature),
            ("Thời điểm lập", clock.now().strftime("%H:%M ngày %d/%m/%Y")),
            ("Nhật ký kiểm tra khi lập", chain_text),
            (
                "Sự kiện của kỳ",
                f"{len(events)} (tệp {EVENTS}; kể cả bản in làm sau kỳ của hồ sơ trong kỳ)",
            ),
            ("Việc ghi muộn", _late_text(entries)),
            ("Lần ban hành liên quan", str(len(signed))),
        ),
        (
            Section(
                "Chữ ký của các lần ban hành liên quan",
                ("Tài liệu", *SIGNATURE_COLUMNS),
                (0.12, *(s * 0.88 for s in SIGNATURE_SHARES)),
                tuple((r.code, *row) for r in signed for row in _signature_rows([r])),
            ),
            Section(
                "Nhật ký in (phiếu, giấy tờ hồ sơ)",
                ("Thời điểm", "Người in", "Biểu mẫu", "Khổ", "Mục đích", "SHA-256 của bản in"),
                (0.13, 0.11, 0.2, 0.06, 0.08, 0.42),
                tuple(
                    (
                        _local(p.printed_at),
                        names.get(p.printed_by, str(p.printed_by)),
                        p.form_revision + (" (in lại)" if p.reprint else ""),
                        p.paper.upper(),
                        {"print": "in ra giấy", "save": "lưu tệp PDF"}.get(p.purpose, p.purpose),
                        split_hash(p.sha256),
                    )
                    for p in prints
                ),
            ),
            _history_section(entries),
        ),
    )
    scope = {"kind": "period", "from": date_from.isoformat(), "to": date_to.isoformat()}
    return _pack(scope, actor, chain, summary, content, events)


# ------------------------------------------------------------------ checking


@dataclass(frozen=True)
class PackCheck:
    ok: bool
    problems: list[str] = field(default_factory=list)
    files: int = 0
    events: int = 0
    scope: dict[str, Any] = field(default_factory=dict)
    chain_events: int = 0  # events of the chain segment, links checked
    anchored: str = ""  # what the check against the verifier's checkpoint proved
    #: why the pack, intact in itself, could not be checked against that checkpoint (one
    #: newer than the pack, or older than its part of the log): not ok, but not altered
    undecided: str = ""
    #: the digitally signed PDFs it carries: who signed each, checked intact offline (trust
    #: in the signer's root needs the unit's trust store: ``isoqms sign verify``)
    signed_pdfs: list[str] = field(default_factory=list)

    def summary(self) -> str:
        if self.undecided:
            return (
                "Hồ sơ chứng cứ tự nó nguyên vẹn nhưng chưa đối chiếu được với mốc kiểm tra "
                f"đã nêu: {self.undecided}."
            )
        if self.ok:
            scope = self.scope
            what = scope.get("code") or f"{scope.get('from')} – {scope.get('to')}"
            text = (
                f"Hồ sơ chứng cứ nguyên vẹn ({what}): {self.files} tệp khớp mã băm, "
                f"{self.events} sự kiện nhật ký khớp mã băm, {self.chain_events} sự kiện "
                "nối liền nhau tới sự kiện cuối ghi trong gói."
            )
            if self.signed_pdfs:
                text += (
                    f" {len(self.signed_pdfs)} tệp PDF có chữ ký số nguyên vẹn: "
                    + "; ".join(self.signed_pdfs[:5])
                    + "."
                )
            return f"{text} {self.anchored}" if self.anchored else text
        return "Hồ sơ chứng cứ đã bị thay đổi: " + "; ".join(self.problems[:5]) + "."


@dataclass(frozen=True)
class _Line:
    seq: int
    prev: str
    hash: str
    text: str


def _read_line(line: str, number: int, member: str) -> tuple[_Line | None, str | None]:
    """One event line: its own hash recomputed; (line, None) or (None, problem)."""
    try:
        e = json.loads(line)
        if not isinstance(e, dict):
            raise TypeError
        seq, at = e["seq"], e["at"]
        if type(seq) is not int or not isinstance(at, str):
            raise TypeError
        when = dt.datetime.fromisoformat(at)
        if when.tzinfo is not None:
            raise ValueError
        record = EventRecord(
            seq,
            when,
            e["actor_id"],
            e["actor"],
            e["action"],
            e["entity"],
            e["entity_id"],
            e["before"],
            e["after"],
            e["prev"],
            rows=e.get("rows"),
        )
        if record.digest() != e["hash"]:
            return None, f"sự kiện số {seq} (dòng {number} của {member}) không khớp mã băm"
        return _Line(seq, str(e["prev"]), str(e["hash"]), line), None
    except (ValueError, KeyError, TypeError, OverflowError, RecursionError):
        return None, f"dòng {number} của {member} không đọc được"


def _lines(data: bytes) -> list[str]:
    return data.decode("utf-8", errors="replace").splitlines()


def _check_chain(
    by_name: dict[str, bytes], chain: object, events: list[_Line]
) -> tuple[list[str], list[_Line]]:
    """The segment: every line's own hash, each linked to the one before, consecutive, up
    to the head the manifest records; every relevant event found in it unchanged."""
    if CHAIN not in by_name:
        return [f"thiếu {CHAIN}"], []
    problems: list[str] = []
    segment: list[_Line] = []
    for number, text in enumerate(_lines(by_name[CHAIN]), 1):
        line, problem = _read_line(text, number, CHAIN)
        if line is None:
            return [problem or ""], segment
        if segment and line.seq != segment[-1].seq + 1:
            return [f"{CHAIN}: thiếu hoặc thừa sự kiện trước sự kiện số {line.seq}"], segment
        if segment and line.prev != segment[-1].hash:
            return [
                f"{CHAIN}: sự kiện số {line.seq} không nối với sự kiện liền trước "
                "(bị chèn, xoá hoặc thay)"
            ], segment
        segment.append(line)
    if not isinstance(chain, dict):
        return ["manifest.json thiếu trạng thái nhật ký (chain)"], segment
    head_seq, head_hash = chain.get("events"), chain.get("last_hash")
    if segment and (segment[-1].seq != head_seq or segment[-1].hash != head_hash):
        problems.append(f"{CHAIN} không dẫn tới sự kiện cuối ghi trong manifest.json")
    if not segment and head_seq not in (0, None):
        problems.append(f"{CHAIN} trống")
    texts = {line.seq: line.text for line in segment}
    for e in events:
        if texts.get(e.seq) != e.text:
            problems.append(f"sự kiện số {e.seq} của {EVENTS} không có trong {CHAIN}")
            break
    return problems, segment


def _check_against(
    segment: list[_Line], events: list[_Line], by_name: dict[str, bytes], against: Anchor
) -> tuple[str | None, str, str]:
    """Do the pack's events belong to the log ``against`` anchors? (a problem, what was
    proven, or why the checkpoint cannot decide — one newer than the pack, or older than
    its part of the log: not a sign of tampering)"""
    own = by_name.get(CHECKPOINT)
    if own is not None and against.first_hash is not None:
        try:
            pack_anchor = anchors.anchor_from_json(json.loads(own.decode("utf-8")), CHECKPOINT)
        except (ValueError, UnicodeDecodeError, IsoqmsError):
            return f"{CHECKPOINT} không đọc được", "", ""
        if pack_anchor.first_hash not in (None, against.first_hash):
            return "hồ sơ lập từ một nhật ký khác với nhật ký của mốc kiểm tra", "", ""
    if not segment:
        return "hồ sơ không có sự kiện nào để đối chiếu với mốc", "", ""
    first, last = segment[0], segment[-1]
    if against.seq > last.seq:
        return (
            None,
            "",
            f"mốc kiểm tra (sự kiện số {against.seq}) mới hơn hồ sơ (lập ở sự kiện số "
            f"{last.seq}): hãy đối chiếu với một mốc lập trước khi lập hồ sơ",
        )
    if against.seq < first.seq - 1:
        return (
            None,
            "",
            f"mốc kiểm tra (sự kiện số {against.seq}) cũ hơn phần nhật ký trong hồ sơ (từ số "
            f"{first.seq}): hãy đối chiếu với một mốc mới hơn",
        )
    anchored = (
        first.prev
        if against.seq == first.seq - 1
        else next(line.hash for line in segment if line.seq == against.seq)
    )
    if anchored != against.hash:
        return (
            f"sự kiện số {against.seq} trong hồ sơ khác với mốc kiểm tra (nhật ký trong hồ sơ "
            "không phải nhật ký mốc xác nhận)",
            "",
            "",
        )
    before = sum(1 for e in events if e.seq <= against.seq)
    after = len(events) - before
    text = f"Khớp mốc kiểm tra (sự kiện số {against.seq}): {before} sự kiện của hồ sơ ghi trước mốc"
    text += (
        f", {after} sự kiện ghi sau mốc (nối tiếp nhật ký đó, cần mốc mới hơn để chứng minh)."
        if after
        else "."
    )
    return None, text, ""


def verify_pack(data: bytes, *, against: Anchor | None = None) -> PackCheck:
    """Check a pack without the database: every byte, every file hash, the manifest's
    seal, every event's own hash, the links of the chain segment up to the head it
    records, every signed content against the signatures' hash — and, ``against`` a
    checkpoint the verifier holds, that its events belong to the log that anchors.

    Any bytes at all give a result, never an error."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
            if len(infos) > 100_000 or sum(i.file_size for i in infos) > 4 * 1024**3:
                return PackCheck(False, ["tệp nén quá lớn để là hồ sơ chứng cứ"])
            members = [(i.filename, archive.read(i)) for i in infos]
    except Exception:  # untrusted bytes: any failure to read them is a finding
        return PackCheck(False, ["tệp nén hỏng hoặc đã bị sửa"])
    problems: list[str] = []
    by_name = dict(members)
    if len(by_name) != len(members):
        problems.append("có tệp trùng tên trong gói")
    try:
        manifest = json.loads(by_name[MANIFEST].decode("utf-8"))
        if not isinstance(manifest, dict):
            raise TypeError
        entries = manifest["files"]
        scope = manifest["scope"]
        if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
            raise TypeError
        if manifest.get("format") != FORMAT:
            problems.append("không phải hồ sơ chứng cứ isoqms")
    except (KeyError, ValueError, TypeError, UnicodeDecodeError, RecursionError):
        return PackCheck(False, ["thiếu hoặc hỏng manifest.json"])
    try:
        sealed = manifest.get("seal") == _seal(manifest)
    except (TypeError, ValueError, RecursionError):
        sealed = False
    if not sealed:
        problems.append("manifest.json đã bị sửa (dấu niêm phong không khớp)")
    listed = set()
    for entry in entries:
        name = entry.get("path")
        if not isinstance(name, str):
            problems.append("manifest.json ghi một tệp không tên")
            continue
        listed.add(name)
        if name not in by_name:
            problems.append(f"thiếu tệp {name}")
        elif _sha(by_name[name]) != entry.get("sha256") or len(by_name[name]) != entry.get("size"):
            problems.append(f"tệp {name} đã bị sửa (mã băm không khớp)")
    extra = set(by_name) - listed - {MANIFEST, SUMS}
    problems += [f"tệp {name} không có trong danh sách" for name in sorted(extra)]
    try:
        expected_sums = _sums([*entries, {"path": MANIFEST, "sha256": _sha(by_name[MANIFEST])}])
    except (KeyError, TypeError):
        expected_sums = b""
    if by_name.get(SUMS) != expected_sums:
        problems.append(f"{SUMS} không khớp với manifest.json")
    events: list[_Line] = []
    lines = _lines(by_name.get(EVENTS, b""))
    for number, text in enumerate(lines, 1):
        line, problem = _read_line(text, number, EVENTS)
        if line is None:
            problems.append(problem or "")
            break
        events.append(line)
    chain_problems, segment = _check_chain(by_name, manifest.get("chain"), events)
    problems += chain_problems
    problems += _signature_problems(by_name)
    signed_pdfs, pdf_problems = _digital_signatures(by_name)
    problems += pdf_problems
    if not problems and _zip(members) != data:
        problems.append("cấu trúc tệp nén đã bị sửa (khác với gói do isoqms lập)")
    anchored = undecided = ""
    if against is not None and not problems:
        problem, anchored, undecided = _check_against(segment, events, by_name, against)
        if problem:
            problems.append(problem)
    return PackCheck(
        not problems and not undecided,
        problems,
        len(entries),
        len(lines),
        scope if isinstance(scope, dict) else {},
        len(segment),
        anchored,
        undecided,
        signed_pdfs,
    )


def _digital_signatures(by_name: dict[str, bytes]) -> tuple[list[str], list[str]]:
    """The signed PDFs a pack carries (``ky-so/lan-NN.pdf``, in a period pack under the
    document's folder), each checked intact and valid offline; who signed each, and what
    is wrong."""
    from isoqms.services.signing import verify_pdf

    found: list[str] = []
    problems: list[str] = []
    for name, data in by_name.items():
        if not re.fullmatch(r"(?:[^/]+/)?ky-so/lan-[0-9.]+(?:-\d+)?\.pdf", name):
            continue
        try:
            checks = verify_pdf(data, [])
        except Exception:  # untrusted bytes: whatever they are, the answer is a finding
            checks = []
        if not checks or not all(c.intact and c.valid and c.covers_whole for c in checks):
            problems.append(f"chữ ký số của {name} không hợp lệ (tệp bị sửa sau khi ký)")
            continue
        found.append(
            f"{name} ({', '.join(c.signer.subject for c in checks if c.signer is not None)})"
        )
    return found, problems


def _signature_problems(by_name: dict[str, bytes]) -> list[str]:
    """Each revision's signed content names the file beside it by its hash."""
    problems = []
    for name, data in by_name.items():
        if not name.endswith("-signed-content.json"):
            continue
        prefix = name.removesuffix("-signed-content.json")
        try:
            body = json.loads(data.decode("utf-8"))
            if not isinstance(body, dict):
                raise TypeError
        except (ValueError, TypeError, UnicodeDecodeError, RecursionError):
            problems.append(f"{name} không đọc được")
            continue
        beside = [
            n
            for n in by_name
            if n.startswith(prefix + "-")
            and n != name
            and not n.endswith(("-noi-dung-bieu-mau.json", "-noi-dung-thu-tuc.json"))
        ]
        signed_file = body.get("file")
        if signed_file and not any(_sha(by_name[n]) == signed_file for n in beside):
            problems.append(f"tệp văn bản của {prefix} không phải tệp đã ký")
    return problems
