import datetime as dt

import pytest

from isoqms.domain.errors import ValidationError
from isoqms.domain.office_hours import OfficeHours, parse_time


def test_parse_default_hours() -> None:
    hours = OfficeHours.parse("07:00-11:30, 13:30-17:00")
    assert hours.intervals == ((dt.time(7), dt.time(11, 30)), (dt.time(13, 30), dt.time(17)))
    assert str(hours) == "07:00-11:30,13:30-17:00"
    assert hours.minutes_per_day() == 8 * 60
    assert (hours.opening, hours.closing) == (dt.time(7), dt.time(17))


def test_intervals_are_sorted() -> None:
    assert str(OfficeHours.parse("13:30-17:00,07:00-11:30")) == "07:00-11:30,13:30-17:00"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("07:00-11:30,11:00-17:00", "chồng lên nhau"),
        ("11:30-07:00", "kết thúc không sau khi bắt đầu"),
        ("7h-11h", "không đúng dạng"),
        ("07:00", "không đúng dạng"),
        ("25:00-26:00", "không tồn tại"),
        ("", "Chưa nhập"),
    ],
)
def test_bad_office_hours_are_refused_in_vietnamese(text: str, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        OfficeHours.parse(text)


def test_parse_time() -> None:
    assert parse_time("15:00") == dt.time(15)
    with pytest.raises(ValidationError):
        parse_time("15h")
