"""The unit profile (đơn vị): the commune's desk, its code, its hours and counters."""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, fields, replace
from pathlib import PurePosixPath, PureWindowsPath
from typing import Any

from sqlalchemy.orm import Session

from isoqms.db.engine import Database
from isoqms.db.models import Setting, UnitProfile, utcnow
from isoqms.domain.calendar import Policy
from isoqms.domain.errors import ValidationError
from isoqms.domain.journey import SupplementRule
from isoqms.domain.office_hours import DEFAULT_OFFICE_HOURS, OfficeHours, format_time, parse_time
from isoqms.domain.roles import Permission
from isoqms.domain.text import check_text
from isoqms.services import limits
from isoqms.services.uow import Actor, write

#: Circular 01/2018 art. 19: the unit's electronic identifier, dotted, up to 35 characters.
_UNIT_CODE = re.compile(r"^[0-9A-Z]+(\.[0-9A-Z]+)*$")
DEMO_KEY = "demo"


@dataclass(frozen=True)
class UnitInfo:
    commune_name: str = ""
    district_name: str = ""
    province_name: str = ""
    unit_code: str = ""
    desk_name: str = ""
    address: str = ""
    phone: str = ""
    email: str = ""
    office_hours: str = DEFAULT_OFFICE_HOURS
    default_cutoff: str | None = None
    counters: tuple[str, ...] = ()
    deadline_policy: str = "day-end"
    #: a result not collected this many days after it was ready is marked at the desk
    result_waiting_days: int = 30
    #: where automatic backups go ("" = the data folder's ``backups``), how many are kept
    backup_folder: str = ""
    backup_keep: int = 14
    #: a supplement during processing (Decree 61/2018 art. 19(4)), per legal regime
    supplement_rule_2018: str = "restart"
    supplement_rule_2025: str = "restart"

    def supplement_rule(self, regime: str) -> SupplementRule:
        """The rule for a dossier received under ``regime`` ("2018" or "2025")."""
        code = self.supplement_rule_2025 if regime == "2025" else self.supplement_rule_2018
        return SupplementRule(code or SupplementRule.RESTART.value)

    @property
    def display_name(self) -> str:
        return self.commune_name or "(chưa đặt tên đơn vị)"


#: The profile's texts as a refusal names them (the limits are the columns').
_TEXT_NAMES = {
    "commune_name": "tên xã/phường",
    "district_name": "tên huyện",
    "province_name": "tên tỉnh/thành phố",
    "unit_code": "mã định danh đơn vị",
    "desk_name": "tên bộ phận một cửa",
    "address": "địa chỉ đơn vị",
    "phone": "số điện thoại đơn vị",
    "email": "thư điện tử đơn vị",
    "office_hours": "giờ làm việc",
    "default_cutoff": "giờ chốt nhận hồ sơ",
    "deadline_policy": "cách tính ngày hẹn",
    "backup_folder": "thư mục sao lưu",
}
#: Texts read into a value below (a code, hours, a time, a choice), which then fit.
_READ_BELOW = frozenset(
    {
        "unit_code",
        "office_hours",
        "default_cutoff",
        "deadline_policy",
        "supplement_rule_2018",
        "supplement_rule_2025",
    }
)
#: A counter's name, and how many counters a desk may list.
COUNTER_LENGTH = 200
MAX_COUNTERS = 50


def validate_unit(info: UnitInfo) -> UnitInfo:
    """Normalise and check every field; returns the cleaned profile."""
    texts: dict[str, Any] = {}
    for f in fields(UnitInfo):
        value = getattr(info, f.name)
        if not isinstance(value, str):
            continue
        what = _TEXT_NAMES.get(f.name, f.name)
        if f.name in _READ_BELOW:  # its own check below says what form it takes
            texts[f.name] = check_text(value, what, max_length=limits.QUERY)
        else:
            texts[f.name] = limits.text(value, getattr(UnitProfile, f.name), what)
    clean = replace(info, **texts)
    code = clean.unit_code.upper()
    if code and (len(code) > 35 or not _UNIT_CODE.match(code)):
        raise ValidationError(
            "Mã định danh đơn vị phải gồm chữ in hoa và số, ngăn bởi dấu chấm, tối đa 35 ký tự "
            "(ví dụ 000.00.38.H47)."
        )
    hours = limits.text(
        str(OfficeHours.parse(clean.office_hours)), UnitProfile.office_hours, "giờ làm việc"
    )
    cutoff = clean.default_cutoff
    cutoff = format_time(parse_time(cutoff, what="giờ chốt nhận hồ sơ")) if cutoff else None
    if clean.email and ("@" not in clean.email or " " in clean.email):
        raise ValidationError(f"Địa chỉ thư điện tử “{clean.email}” không hợp lệ.")
    try:
        policy = Policy(clean.deadline_policy).value
    except ValueError:
        raise ValidationError(
            f"Cách tính ngày hẹn “{clean.deadline_policy}” không hợp lệ: chọn “day-end” (cuối "
            "ngày làm việc thứ N) hoặc “hours” (tính theo giờ làm việc)."
        ) from None
    rules = {}
    for name in ("supplement_rule_2018", "supplement_rule_2025"):
        try:
            rules[name] = SupplementRule(getattr(clean, name)).value
        except ValueError:
            raise ValidationError(
                f"Cách tính thời hạn sau khi bổ sung hồ sơ “{getattr(clean, name)}” không hợp "
                "lệ: chọn “restart” (tính lại từ đầu, Nghị định 61/2018 Điều 19 khoản 4) hoặc "
                "“pause” (tạm dừng, cộng thời gian chờ)."
            ) from None
    names = (check_text(c, "tên quầy", max_length=COUNTER_LENGTH) for c in info.counters)
    counters = tuple(c for c in names if c)
    if len(counters) > MAX_COUNTERS:
        raise ValidationError(f"Đơn vị có nhiều nhất {MAX_COUNTERS} quầy tiếp nhận.")
    if len(set(counters)) != len(counters):
        raise ValidationError("Tên các quầy tiếp nhận bị trùng nhau.")
    if not 1 <= int(clean.result_waiting_days) <= 365:
        raise ValidationError(
            "Số ngày kết quả chờ công dân đến nhận trước khi được đánh dấu phải từ 1 đến 365."
        )
    if not 1 <= int(clean.backup_keep) <= 365:
        raise ValidationError("Số bản sao lưu tự động được giữ phải từ 1 đến 365.")
    folder = clean.backup_folder.strip()
    if folder and not (
        PurePosixPath(folder).is_absolute() or PureWindowsPath(folder).is_absolute()
    ):
        # a relative folder would follow wherever the program happens to be started from;
        # a missing one is allowed (a USB disk not plugged in now): said at each backup
        raise ValidationError(
            "Thư mục sao lưu phải là đường dẫn đầy đủ, ví dụ E:\\SaoLuu hoặc "
            "\\\\may-chu\\SaoLuu (Windows), /media/usb/SaoLuu."
        )
    return replace(
        clean,
        unit_code=code,
        office_hours=hours,
        default_cutoff=cutoff,
        counters=counters,
        deadline_policy=policy,
        result_waiting_days=int(clean.result_waiting_days),
        backup_folder=folder,
        backup_keep=int(clean.backup_keep),
        **rules,
    )


def _info(row: UnitProfile | None) -> UnitInfo:
    if row is None:
        return UnitInfo()
    return UnitInfo(
        commune_name=row.commune_name,
        district_name=row.district_name,
        province_name=row.province_name,
        unit_code=row.unit_code,
        desk_name=row.desk_name,
        address=row.address,
        phone=row.phone,
        email=row.email,
        office_hours=row.office_hours,
        default_cutoff=row.default_cutoff,
        counters=tuple(json.loads(row.counters or "[]")),
        deadline_policy=row.deadline_policy,
        result_waiting_days=row.result_waiting_days or 30,
        backup_folder=row.backup_folder or "",
        backup_keep=row.backup_keep or 14,
        supplement_rule_2018=row.supplement_rule_2018 or "restart",
        supplement_rule_2025=row.supplement_rule_2025 or "restart",
    )


def get_unit(db: Database) -> UnitInfo:
    """Readable by anyone who can open the database: it is printed on every slip."""
    with db.read() as session:
        return unit_in(session)


def unit_in(session: Session) -> UnitInfo:
    return _info(session.get(UnitProfile, 1))


def store_unit(row: UnitProfile, info: UnitInfo) -> UnitProfile:
    """Copy a validated profile onto its row (for services inside their unit of work)."""
    for f in fields(UnitInfo):
        value = getattr(info, f.name)
        if f.name == "counters":
            value = json.dumps(list(value), ensure_ascii=False)
        setattr(row, f.name, value)
    row.updated_at = utcnow()
    return row


def update_unit(db: Database, actor: Actor, info: UnitInfo) -> UnitInfo:
    clean = validate_unit(info)
    with write(db, actor, Permission.UNIT_MANAGE) as uow:
        existing = uow.session.get(UnitProfile, 1)
        before = asdict(_info(existing)) if existing else None
        uow.session.add(store_unit(existing or UnitProfile(id=1), clean))
        uow.record("unit.update", "unit", 1, before=before, after=asdict(clean))
    return clean


def is_demo(db: Database) -> bool:
    with db.read() as session:
        setting = session.get(Setting, DEMO_KEY)
        return setting is not None and setting.value == "1"
