import datetime as dt

import pytest

from isoqms.domain.calendar import Duration
from isoqms.domain.errors import ValidationError
from isoqms.domain.procedure import (
    Paper,
    ProcedureContent,
    Step,
    check_procedure_code,
    content_changes,
)


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
    assert content.duration_text == (
        "03 ngày làm việc (nhận sau 15:00 tính từ ngày làm việc tiếp theo)"
    )
    same_day = ProcedureContent(duration=Duration.same_day(), cutoff=dt.time(15))
    assert same_day.duration_text == "trong ngày (nhận sau 15:00 trả trong ngày làm việc tiếp theo)"
    assert content.papers[1].quantity_text() == "01 bản sao chứng thực, 02 bản sao"


def test_fee_per_channel_and_stable_hashes() -> None:
    """A publishing decision may set another fee online or by post; contents that have
    none keep the JSON form (and so the stored hash) they had."""
    desk = ProcedureContent(duration=Duration.calendar_days(15), fee="8.000 đồng")
    assert "fee_online" not in desk.to_dict() and "fee_postal" not in desk.to_dict()
    assert desk.fee_for("online") == desk.fee_for("postal") == "8.000 đồng"
    assert desk.fee_text == "8.000 đồng" and desk.duration_text == "15 ngày"
    online = ProcedureContent(
        duration=Duration.calendar_days(15), fee="8.000 đồng", fee_online="4.000 đồng"
    )
    assert ProcedureContent.from_dict(online.to_dict()) == online
    assert online.fee_for("online") == "4.000 đồng" and online.fee_for("direct") == "8.000 đồng"
    assert online.fee_text == "8.000 đồng; nộp trực tuyến: 4.000 đồng"
    assert [c.what for c in content_changes(desk, online)] == ["Phí, lệ phí nộp trực tuyến"]
    assert ProcedureContent(duration=Duration.days(1)).fee_text == "Không"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "thiếu thời hạn"),
        ({"duration": {"unit": "weeks", "amount": 1}}, "days/calendar-days/hours/same-day"),
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
