from __future__ import annotations

import dataclasses

import pytest

from isoqms.db.engine import Database
from isoqms.domain.errors import PermissionDenied, ValidationError
from isoqms.services import unit as svc
from isoqms.services.uow import Actor
from tests.helpers import audit_count, login


def test_demo_unit_profile(demo_db: Database) -> None:
    info = svc.get_unit(demo_db)
    assert info.unit_code == "000.00.38.H47"
    assert info.desk_name == "Trung tâm Phục vụ hành chính công xã Bình Minh"
    assert info.office_hours == "07:00-11:30,13:30-17:00"
    assert len(info.counters) == 3
    assert svc.is_demo(demo_db)


def test_admin_updates_the_profile_normalised(demo_db: Database, admin: Actor) -> None:
    info = dataclasses.replace(
        svc.get_unit(demo_db),
        commune_name="Phu\u031bo\u031b\u0300ng Ba Đình",  # NFD input
        unit_code="000.00.01.h01",
        office_hours="13:30-17:00,07:30-11:30",
        default_cutoff="15:30",
    )
    saved = svc.update_unit(demo_db, admin, info)
    assert saved.commune_name == "Phường Ba Đình"
    assert saved.unit_code == "000.00.01.H01"
    assert saved.office_hours == "07:30-11:30,13:30-17:00"
    assert svc.get_unit(demo_db) == saved


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"unit_code": "000-00-H47"}, "Mã định danh"),
        ({"unit_code": "A" * 36}, "Mã định danh"),
        ({"office_hours": "07:00-12:00,11:00-17:00"}, "chồng lên nhau"),
        ({"default_cutoff": "3 giờ chiều"}, "HH:MM"),
        ({"email": "khong-phai-thu"}, "thư điện tử"),
        ({"counters": ("Quầy 1", "Quầy 1")}, "bị trùng"),
    ],
)
def test_bad_profile_is_refused_and_changes_nothing(
    demo_db: Database, admin: Actor, change: dict[str, object], message: str
) -> None:
    before, events = svc.get_unit(demo_db), audit_count(demo_db)
    with pytest.raises(ValidationError, match=message):
        svc.update_unit(demo_db, admin, dataclasses.replace(before, **change))  # type: ignore[arg-type]
    assert svc.get_unit(demo_db) == before
    assert audit_count(demo_db) == events


@pytest.mark.parametrize("role", ["clerk", "auditor", "officer"])
def test_only_admin_edits_the_profile(demo_db: Database, role: str) -> None:
    with pytest.raises(PermissionDenied, match="sửa thông tin đơn vị"):
        svc.update_unit(demo_db, login(demo_db, role), svc.get_unit(demo_db))
