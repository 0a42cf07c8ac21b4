import datetime as dt

import pytest

from isoqms.domain.dossier import (
    check_email,
    check_id_number,
    check_phone,
    dossier_code,
    parse_dossier_code,
    regime_for,
)
from isoqms.domain.errors import ValidationError


def test_code_format_and_parse() -> None:
    code = dossier_code("000.00.00.H38", dt.date(2026, 3, 15), 12)
    assert code == "000.00.00.H38-260315-0012"
    assert parse_dossier_code(code.lower()) == ("000.00.00.H38", dt.date(2026, 3, 15), 12)
    with pytest.raises(ValidationError, match="vượt 9999"):
        dossier_code("X", dt.date(2026, 3, 15), 10000)
    with pytest.raises(ValidationError, match="không đúng dạng"):
        parse_dossier_code("000.00.00.H38-2603-12")


@pytest.mark.parametrize("value", ["001090012345", "079 203 004 567", "123456789"])
def test_valid_id_numbers(value: str) -> None:
    assert check_id_number(value).isdigit()


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("12345678901", "12 chữ số"),
        ("0010900123AB", "12 chữ số"),
        ("000090012345", "mã tỉnh"),
        ("097090012345", "mã tỉnh"),
        ("", "12 chữ số"),
    ],
)
def test_wrong_id_numbers_are_refused(value: str, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        check_id_number(value)


def test_phone_and_email() -> None:
    assert check_phone("+84 912 345 678") == "0912345678"
    with pytest.raises(ValidationError, match="Số điện thoại"):
        check_phone("12345")
    assert check_email("a@b.vn") == "a@b.vn"
    with pytest.raises(ValidationError, match="thư điện tử"):
        check_email("a@b")


def test_regime_changes_on_1_july_2025() -> None:
    assert regime_for(dt.date(2025, 6, 30)) == "2018"
    assert regime_for(dt.date(2025, 7, 1)) == "2025"
