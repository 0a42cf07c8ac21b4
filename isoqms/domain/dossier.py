"""Dossier facts: the code (Circular 01/2018 art. 19), channels, ID numbers."""

from __future__ import annotations

import datetime as dt
import enum
import re

from isoqms.domain.errors import ValidationError

CODE_PATTERN = re.compile(r"^(?P<unit>[0-9A-Z]+(?:\.[0-9A-Z]+)*)-(?P<date>\d{6})-(?P<no>\d{4})$")


def dossier_code(unit_code: str, day: dt.date, number: int) -> str:
    """``000.00.38.H47-260315-0012``: unit, receipt date YYMMDD, daily running number."""
    if not 1 <= number <= 9999:
        raise ValidationError("Số hồ sơ trong ngày đã vượt 9999.")
    return f"{unit_code}-{day:%y%m%d}-{number:04d}"


def parse_dossier_code(code: str) -> tuple[str, dt.date, int]:
    match = CODE_PATTERN.match((code or "").strip().upper())
    if not match:
        raise ValidationError(f"Mã hồ sơ “{code}” không đúng dạng <mã đơn vị>-YYMMDD-XXXX.")
    day = dt.datetime.strptime(match["date"], "%y%m%d").date()
    return match["unit"], day, int(match["no"])


class Channel(enum.StrEnum):
    DIRECT = "direct"
    ONLINE = "online"
    POSTAL = "postal"

    @property
    def label(self) -> str:
        return {
            "direct": "Trực tiếp",
            "online": "Trực tuyến",
            "postal": "Dịch vụ bưu chính công ích",
        }[self.value]


class Delivery(enum.StrEnum):
    DESK = "desk"
    POST = "post"

    @property
    def label(self) -> str:
        return {
            "desk": "Tại Bộ phận tiếp nhận và trả kết quả",
            "post": "Qua dịch vụ bưu chính công ích",
        }[self.value]


def check_id_number(value: str) -> str:
    """A 12-digit citizen ID (CCCD / số định danh cá nhân) or a 9-digit old ID (CMND).

    For 12 digits the first three are a province code (001–096) and the fourth encodes
    sex and century (0–9); digits only in both cases.
    """
    text = re.sub(r"[\s.-]", "", value or "")
    if not re.fullmatch(r"[0-9]{9}|[0-9]{12}", text):  # ASCII digits: "²" is a digit too
        raise ValidationError(
            f"Số giấy tờ tùy thân “{value}” không hợp lệ: cần 12 chữ số (căn cước) "
            "hoặc 9 chữ số (chứng minh nhân dân cũ)."
        )
    if len(text) == 12:
        province = int(text[:3])
        if not 1 <= province <= 96:
            raise ValidationError(
                f"Số căn cước “{value}” không hợp lệ: ba chữ số đầu ({text[:3]}) không phải "
                "mã tỉnh (001–096)."
            )
    return text


def check_phone(value: str) -> str:
    text = re.sub(r"[\s.()-]", "", value or "")
    if text.startswith("+84"):
        text = "0" + text[3:]
    if not re.fullmatch(r"0[0-9]{9,10}", text):
        raise ValidationError(
            f"Số điện thoại “{value}” không hợp lệ (10 hoặc 11 chữ số, bắt đầu bằng 0)."
        )
    return text


def check_email(value: str) -> str:
    text = (value or "").strip()
    if not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", text):
        raise ValidationError(f"Địa chỉ thư điện tử “{value}” không hợp lệ.")
    return text


#: The legal regime of the one-stop forms by receipt date (DESIGN.md §1.1).
REGIME_2025_FROM = dt.date(2025, 7, 1)


def regime_for(day: dt.date) -> str:
    return "2025" if day >= REGIME_2025_FROM else "2018"
