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

from isoqms.domain.calendar import MAX_YEAR, MIN_YEAR, CalendarEntry, parse_kind
from isoqms.domain.errors import ValidationError
from isoqms.domain.text import check_text

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


def _csv_problem(exc: csv.Error) -> str:
    """The csv module's complaint in Vietnamese."""
    text = str(exc)
    if "unexpected end of data" in text or "EOF" in text:
        return 'dấu ngoặc kép (") mở mà không đóng'
    if "field larger than field limit" in text:
        return "một ô quá dài"
    if "NUL" in text or "null byte" in text:
        return "có ký tự NUL"
    if "expected" in text and "after" in text:
        return "sau dấu ngoặc kép đóng còn ký tự khác (thiếu dấu phẩy?)"
    return "không đúng định dạng CSV"


def parse_schedule(
    text: str, *, name_length: int = 300, source_length: int = 500
) -> list[CalendarEntry]:
    """Entries of a schedule file; :class:`ValidationError` naming every bad line.

    Strict CSV: a quote opened and never closed refuses the file (a lenient reader would
    swallow the rest of the file into one cell). Names and sources are checked for
    control characters and their length (``name_length``, ``source_length``), dates for
    the years the calendar computes."""
    body = text.lstrip("\ufeff")
    if not body.strip():
        raise ValidationError("Tệp lịch trống.")
    reader = csv.reader(io.StringIO(body), strict=True)
    try:
        header = [h.strip().lower() for h in next(reader)]
    except csv.Error as exc:
        raise ValidationError(f"Tệp lịch không đọc được: dòng 1: {_csv_problem(exc)}.") from None
    missing = [c for c in COLUMNS[:3] if c not in header]
    if missing:
        raise ValidationError(
            "Tệp lịch thiếu cột " + ", ".join(missing) + " (cần các cột: date, kind, name, source)."
        )
    index = {name: header.index(name) for name in COLUMNS if name in header}
    entries: list[CalendarEntry] = []
    errors: list[str] = []
    seen: dict[dt.date, int] = {}
    row_ends = reader.line_num  # a row may span lines (a quoted line break)
    try:
        for row in reader:
            line_no, row_ends = row_ends + 1, reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            try:
                cells = {name: row[i] if i < len(row) else "" for name, i in index.items()}
                day = parse_date(cells["date"])
                if not MIN_YEAR <= day.year <= MAX_YEAR:
                    raise ValidationError(
                        f"ngày {day.isoformat()} ngoài các năm {MIN_YEAR}–{MAX_YEAR} lịch tính"
                    )
                kind = parse_kind(cells["kind"])
                name = check_text(cells["name"], "tên ngày", max_length=name_length)
                if not name:
                    raise ValidationError("thiếu tên ngày")
                source = check_text(
                    cells.get("source", ""), "văn bản căn cứ", max_length=source_length
                )
                if day in seen:
                    raise ValidationError(f"ngày {day:%d/%m/%Y} đã có ở dòng {seen[day]}")
                seen[day] = line_no
                entries.append(CalendarEntry(day, kind, name, source))
            except ValidationError as exc:
                errors.append(f"dòng {line_no}: {exc.message.rstrip('.')}")
    except csv.Error as exc:
        errors.append(f"dòng {row_ends + 1}: {_csv_problem(exc)}")
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
