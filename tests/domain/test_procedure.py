import datetime as dt

import pytest

from isoqms.domain.calendar import Duration
from isoqms.domain.errors import ValidationError
from isoqms.domain.procedure import Paper, ProcedureContent, Step, check_procedure_code


def test_content_round_trips_through_its_json_form() -> None:
    content = ProcedureContent(
        duration=Duration.days(3),
        cutoff=dt.time(15),
        fee="Miễn lệ phí",
        papers=(
            Paper("Tờ khai", 1, 0, 0, "Mẫu tờ khai"),
            Paper("Bản sao", 0, 1, 2, required=False),
        ),
        sets=1,
        result="Giấy xác nhận",
        legal_basis=("Luật Hộ tịch",),
        steps=(Step(1, "Tiếp nhận", "Công chức", "Ngay"),),
    )
    assert ProcedureContent.from_dict(content.to_dict()) == content
    assert content.duration_text.startswith("03 ngày làm việc (nhận sau 15:00")
    assert content.papers[1].quantity_text() == "01 bản sao chứng thực, 02 bản sao"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "thiếu thời hạn"),
        ({"duration": {"unit": "weeks", "amount": 1}}, "days/hours/same-day"),
        ({"duration": {"unit": "days", "amount": -2}}, "âm"),
        ({"duration": {"unit": "days", "amount": 1}, "cutoff": "3pm"}, "HH:MM"),
        ({"duration": {"unit": "days", "amount": 1}, "papers": [{"originals": 1}]}, "thiếu tên"),
        (
            {"duration": {"unit": "days", "amount": 1}, "papers": [{"name": "A", "copies": -1}]},
            "bị âm",
        ),
        ({"duration": {"unit": "days", "amount": 1}, "sets": 0}, "số bộ"),
    ],
)
def test_bad_content_is_refused_with_the_field_named(data: dict[str, object], message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        ProcedureContent.from_dict(data, where="thử")


def test_procedure_codes() -> None:
    assert check_procedure_code(" 1.001193 ") == "1.001193"
    with pytest.raises(ValidationError, match="không đúng dạng"):
        check_procedure_code("1001193")
