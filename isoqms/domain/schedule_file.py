"""The official-schedule file: CSV with the columns ``date,kind,name,source``.

The format the program ships (``resources/calendar/official-schedule.csv``), imports and
exports. Dates as ``YYYY-MM-DD`` (``dd/mm/yyyy`` is accepted on import), kind ``off`` or
``working``. Parsing is all or nothing: any bad line refuses the whole file, naming the line.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable

from isoqms.domain.calendar import CalendarEntry, parse_kind
from isoqms.domain.errors import ValidationError
from isoqms.domain.text import nfc

COLUMNS = ("date", "kind", "name", "source")
MAX_ERRORS_SHOWN = 5


def parse_date(text: str) -> dt.date:
    value = (text or "").strip()
    for fmt in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    raise ValidationError(f"ngày “{value}” không đúng dạng YYYY-MM-DD")


def parse_schedule(text: str) -> list[CalendarEntry]:
    """Entries of a schedule file; :class:`ValidationError` naming every bad line."""
    body = text.lstrip("\ufeff")
    if not body.strip():
        raise ValidationError("Tệp lịch trống.")
    reader = csv.reader(io.StringIO(body))
    try:
        header = [h.strip().lower() for h in next(reader)]
    except csv.Error as exc:
        raise ValidationError(f"Tệp lịch không đọc được: {exc}.") from None
    missing = [c for c in COLUMNS[:3] if c not in header]
    if missing:
        raise ValidationError(
            "Tệp lịch thiếu cột " + ", ".join(missing) + " (cần các cột: date, kind, name, source)."
        )
    index = {name: header.index(name) for name in COLUMNS if name in header}
    entries: list[CalendarEntry] = []
    errors: list[str] = []
    seen: dict[dt.date, int] = {}
    try:
        for line_no, row in enumerate(reader, start=2):
            if not any(cell.strip() for cell in row):
                continue
            try:
                cells = {name: row[i] if i < len(row) else "" for name, i in index.items()}
                day = parse_date(cells["date"])
                kind = parse_kind(cells["kind"])
                name = nfc(cells["name"])
                if not name:
                    raise ValidationError("thiếu tên ngày")
                if day in seen:
                    raise ValidationError(f"ngày {day:%d/%m/%Y} đã có ở dòng {seen[day]}")
                seen[day] = line_no
                entries.append(CalendarEntry(day, kind, name, nfc(cells.get("source", ""))))
            except ValidationError as exc:
                errors.append(f"dòng {line_no}: {exc.message}")
    except csv.Error as exc:
        errors.append(f"dòng {reader.line_num}: {exc}")
    if errors:
        shown = "; ".join(errors[:MAX_ERRORS_SHOWN])
        more = (
            f" (và {len(errors) - MAX_ERRORS_SHOWN} lỗi khác)"
            if len(errors) > MAX_ERRORS_SHOWN
            else ""
        )
        raise ValidationError(f"Tệp lịch có lỗi, không nhập gì: {shown}{more}.")
    return sorted(entries)


def format_schedule(entries: Iterable[CalendarEntry]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for entry in sorted(entries):
        writer.writerow([entry.day.isoformat(), entry.kind.value, entry.name, entry.source])
    return out.getvalue()
