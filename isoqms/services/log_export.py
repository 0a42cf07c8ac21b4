"""The filtered audit log taken away as .xlsx or a sign-ready PDF, in words (screen, command
line and file read the same table of labels)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from isoqms.db.engine import Database
from isoqms.domain import clock
from isoqms.domain.errors import ValidationError
from isoqms.domain.roles import Permission
from isoqms.render import audit_log as render
from isoqms.services import integrity
from isoqms.services.auditor import TimelineEntry, TimelineFilter
from isoqms.services.exports import check_target, save
from isoqms.services.unit import get_unit
from isoqms.services.uow import Actor, require

COLUMNS = {
    "vi": ("Số", "Thời điểm", "Người thực hiện", "Việc làm", "Đối tượng", "Nội dung"),
    "en": ("No.", "When", "By", "Action", "Object", "Details"),
}


def _local(at: dt.datetime) -> str:
    return at.replace(tzinfo=dt.UTC).astimezone().strftime("%d/%m/%Y %H:%M")


def entry_row(e: TimelineEntry, lang: str = "vi") -> tuple[str, ...]:
    """One event as a row of words: a late entry shows when it happened and when it was
    recorded."""
    when = _local(e.at)
    if e.late and e.happened_at is not None:
        late = "recorded late" if lang == "en" else "ghi muộn lúc"
        when = f"{e.happened_at:%d/%m/%Y %H:%M}\n({late} {when})"
    details = "\n".join(
        f"{c.label}: "
        + (f"{c.before_text} → {c.after_text or '—'}" if c.before_text else c.after_text)
        for c in e.changes
    )
    return (str(e.seq), when, e.who, e.action_label, e.what, details)


def filter_text(flt: TimelineFilter) -> str:
    parts = []
    if flt.kind:
        parts.append(f"{flt.kind} {flt.key or ''}".strip())
    if flt.date_from or flt.date_to:
        start = f"{flt.date_from:%d/%m/%Y}" if flt.date_from else "…"
        end = f"{flt.date_to:%d/%m/%Y}" if flt.date_to else "…"
        parts.append(f"từ {start} đến {end} (theo ngày làm việc và ngày ghi)")
    if flt.person:
        parts.append(f"người thực hiện {flt.person}")
    if flt.action:
        parts.append(f"việc {flt.action}")
    if flt.late_only:
        parts.append("chỉ việc ghi muộn")
    return "; ".join(parts) or "toàn bộ nhật ký"


def export_log(
    db: Database,
    actor: Actor,
    entries: list[TimelineEntry],
    flt: TimelineFilter,
    path: Path,
    *,
    lang: str = "vi",
) -> int:
    """Write the events (as filtered and ordered) to ``path`` (.xlsx or .pdf); how many."""
    writers = {".xlsx": render.to_xlsx, ".pdf": render.to_pdf}
    writer = writers.get(path.suffix.lower())
    if writer is None:
        raise ValidationError("Tệp nhật ký phải có đuôi .xlsx hoặc .pdf.")
    check_target(path, "nhật ký")
    with db.read() as session:
        require(session, actor, Permission.AUDIT_READ)
    chain = integrity.verify(db, save=False)
    doc = render.LogDoc(
        unit=get_unit(db).display_name,
        title="TRÍCH NHẬT KÝ KIỂM TRA" if lang != "en" else "AUDIT LOG EXTRACT",
        facts=(
            ("Điều kiện lọc", filter_text(flt)),
            ("Số sự kiện", str(len(entries))),
            ("Người trích xuất", actor.signature),
            ("Thời điểm", clock.now().strftime("%H:%M ngày %d/%m/%Y")),
            ("Tình trạng nhật ký", chain.summary()),
        ),
        columns=COLUMNS.get(lang, COLUMNS["vi"]),
        rows=tuple(entry_row(e, lang) for e in entries),
        signer=actor.full_name,
    )
    save(path, writer(doc))
    return len(entries)
