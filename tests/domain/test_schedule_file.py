import datetime as dt

import pytest

from isoqms.domain.calendar import CalendarEntry, DayKind
from isoqms.domain.errors import ValidationError
from isoqms.domain.schedule_file import format_schedule, parse_schedule

GOOD = (
    "\ufeffdate,kind,name,source\n"
    '2027-02-04,off,Nghỉ Tết Đinh Mùi,"Thông báo số …, ngày …"\n'
    "13/02/2027,working,Làm bù,\n"
)


def test_parse_and_format_round_trip() -> None:
    entries = parse_schedule(GOOD)
    assert entries == [
        CalendarEntry(
            dt.date(2027, 2, 4), DayKind.OFF, "Nghỉ Tết Đinh Mùi", "Thông báo số …, ngày …"
        ),
        CalendarEntry(dt.date(2027, 2, 13), DayKind.WORKING, "Làm bù", ""),
    ]
    assert parse_schedule(format_schedule(entries)) == entries


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "trống"),
        ("ngay,loai\n2027-01-01,off\n", "thiếu cột date, kind, name"),
        ("date,kind,name\n2027-01-01,holiday,Tết\n", r"dòng 2: Loại ngày “holiday” không hợp lệ"),
        ("date,kind,name\n2027-13-01,off,Tết\n", r"dòng 2: ngày “2027-13-01” không đúng dạng"),
        ("date,kind,name\n2027-01-01,off,\n", "dòng 2: thiếu tên ngày"),
        (
            "date,kind,name\n2027-01-01,off,A\n2027-01-01,off,B\n",
            "dòng 3: ngày 01/01/2027 đã có ở dòng 2",
        ),
        # a quote never closed: a lenient reader took the rest of the file as one name
        ('date,kind,name\n2027-01-04,off,"Tết\n2027-01-05,off,B\n', "dòng 2: dấu ngoặc kép"),
        ('date,kind,name\n2027-01-04,off,"Tết"x\n', "dòng 2: sau dấu ngoặc kép"),
        ("date,kind,name\n2027-01-04,off,A\x00B\n", "dòng 2: Tên ngày có ký tự điều khiển"),
        ("date,kind,name\n2027-01-04,off,A\x07B\n", "dòng 2: Tên ngày có ký tự điều khiển"),
        ("date,kind,name\n2027-01-04,off," + "x" * 301 + "\n", "dòng 2: Tên ngày quá dài"),
        ("date,kind,name,source\n2027-01-04,off,A," + "x" * 501 + "\n", "Văn bản căn cứ quá dài"),
        ("date,kind,name\n0001-01-01,off,A\n", "dòng 2: ngày 0001-01-01 ngoài các năm"),
        ("date,kind,name\n2027-01-04,off," + "x" * 200_000 + "\n", "dòng 2: một ô quá dài"),
    ],
)
def test_bad_files_are_refused_naming_the_line(text: str, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        parse_schedule(text)


def test_many_errors_are_summarised() -> None:
    rows = "".join(f"2027-01-{d:02d},xx,A\n" for d in range(1, 9))
    with pytest.raises(ValidationError, match=r"và 3 lỗi khác"):
        parse_schedule("date,kind,name\n" + rows)
