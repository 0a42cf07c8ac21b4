import pytest

from isoqms.domain.errors import ValidationError
from isoqms.domain.roles import GRANTS, READ_ONLY, Permission, Role, parse_role, permissions_of


def test_auditor_holds_only_read_permissions() -> None:
    assert GRANTS[Role.AUDITOR] <= READ_ONLY


def test_permissions_add_up_over_roles() -> None:
    both = permissions_of([Role.CLERK, Role.ISO_SECRETARY])
    assert Permission.INTAKE in both and Permission.DOCS_DRAFT in both
    assert Permission.USERS_MANAGE not in both


def test_every_role_has_a_vietnamese_label() -> None:
    assert Role.CLERK.label == "Công chức tiếp nhận"
    assert all(role.label for role in Role)


def test_parse_role() -> None:
    assert parse_role(" Clerk ") is Role.CLERK
    with pytest.raises(ValidationError, match="Vai trò không hợp lệ"):
        parse_role("boss")
