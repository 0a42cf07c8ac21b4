"""The demo commune: a working database for a newcomer in one command.

One user per role, named after the role, all with the password ``demo`` (allowed on demo
databases only; the login screen says so). Later areas add their own demo data here.
"""

from __future__ import annotations

from dataclasses import asdict

from argon2 import PasswordHasher, profiles
from sqlalchemy import func, select

from isoqms.db.engine import Database
from isoqms.db.models import Setting, UnitProfile, User
from isoqms.domain.errors import Conflict
from isoqms.domain.roles import Role
from isoqms.services.procedures import load_demo_procedures
from isoqms.services.unit import DEMO_KEY, UnitInfo, store_unit, validate_unit
from isoqms.services.uow import write
from isoqms.services.users import insert_user, user_snapshot

DEMO_PASSWORD = "demo"

DEMO_UNIT = UnitInfo(
    commune_name="Xã Bình Minh",
    province_name="Tỉnh Ninh Bình",
    unit_code="000.00.38.H47",
    desk_name="Trung tâm Phục vụ hành chính công xã Bình Minh",
    address="Thôn Đông, xã Bình Minh, tỉnh Ninh Bình",
    phone="0229 3861 234",
    email="motcua.binhminh@ninhbinh.gov.vn",
    office_hours="07:00-11:30,13:30-17:00",
    default_cutoff="15:00",
    counters=(
        "Quầy 1 — Tư pháp – Hộ tịch",
        "Quầy 2 — Đất đai – Xây dựng",
        "Quầy 3 — Lao động – Xã hội",
    ),
)

#: (role, full name, title); the user name is the role's name.
DEMO_USERS: tuple[tuple[Role, str, str], ...] = (
    (Role.ADMIN, "Trần Quốc Bảo", "Công chức Văn phòng – Thống kê, quản trị hệ thống"),
    (Role.ISO_SECRETARY, "Lê Thị Thu Hương", "Thư ký ISO"),
    (Role.REVIEWER, "Phạm Văn Đức", "Phó Chủ tịch UBND xã, Phó Trưởng ban chỉ đạo ISO"),
    (Role.APPROVER, "Nguyễn Văn Hùng", "Chủ tịch UBND xã, Trưởng ban chỉ đạo ISO"),
    (Role.CLERK, "Đỗ Thị Ngọc Ánh", "Công chức Tư pháp – Hộ tịch, tiếp nhận tại quầy"),
    (Role.OFFICER, "Hoàng Minh Tuấn", "Công chức Địa chính – Xây dựng"),
    (Role.AUDITOR, "Vũ Thị Ủy", "Kiểm tra viên của tỉnh (chỉ xem)"),
    (
        Role.INTERNAL_AUDITOR,
        "Đinh Văn Khải",
        "Công chức Văn hóa – Xã hội, chuyên gia đánh giá nội bộ",
    ),
)


def init_demo(db: Database) -> list[str]:
    """Fill an empty database with the demo commune; returns the user names created."""
    from isoqms.services.startup import prepare_database

    prepare_database(db)
    # The demo's password is public, so its hash need not be costly to check: the demo's
    # document history alone signs 29 times, 5 s with the production parameters. The
    # first sign-in of each demo user rehashes with those (users.authenticate).
    hashed = PasswordHasher.from_parameters(profiles.CHEAPEST).hash(DEMO_PASSWORD)
    unit = validate_unit(DEMO_UNIT)
    with write(db, None, None, system=True) as uow:
        session = uow.session
        if session.execute(select(func.count(User.id))).scalar_one():
            raise Conflict(
                "Cơ sở dữ liệu đã có người dùng: chỉ tạo dữ liệu mẫu trên cơ sở dữ liệu trống."
            )
        session.add(Setting(key=DEMO_KEY, value="1"))
        session.add(store_unit(UnitProfile(id=1), unit))
        uow.record("demo.init", "database", "demo", after={"password": "demo users only"})
        uow.record("unit.update", "unit", 1, after=asdict(unit))
        names: list[str] = []
        for role, full_name, title in DEMO_USERS:
            user = insert_user(
                session,
                username=role.value,
                full_name=full_name,
                password_hash=hashed,
                roles=[role],
                title=title,
            )
            uow.record("user.create", "user", user.id, after=user_snapshot(user))
            names.append(user.username)
    load_demo_procedures(db)
    from isoqms.services.demo_documents import load_demo_documents

    load_demo_documents(db)
    from isoqms.services.demo_lifecycle import run_demo_lifecycle

    run_demo_lifecycle(db, DEMO_PASSWORD)
    return names
