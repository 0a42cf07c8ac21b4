"""Roles (DESIGN.md §2) and the permissions each grants.

A user may hold several roles. Services ask for a :class:`Permission`, never for a role, so
the mapping below is the one place that says who may do what. The auditor role grants only
read permissions: every service that writes demands a permission the auditor lacks.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable


class Role(enum.StrEnum):
    ADMIN = "admin"
    ISO_SECRETARY = "iso_secretary"
    REVIEWER = "reviewer"
    APPROVER = "approver"
    CLERK = "clerk"
    OFFICER = "officer"
    AUDITOR = "auditor"
    INTERNAL_AUDITOR = "internal_auditor"

    @property
    def label(self) -> str:
        """Vietnamese name of the role, as printed and shown by default."""
        return ROLE_LABELS[self]


ROLE_LABELS: dict[Role, str] = {
    Role.ADMIN: "Quản trị hệ thống",
    Role.ISO_SECRETARY: "Thư ký ISO",
    Role.REVIEWER: "Người xem xét",
    Role.APPROVER: "Người phê duyệt",
    Role.CLERK: "Công chức tiếp nhận",
    Role.OFFICER: "Công chức xử lý",
    Role.AUDITOR: "Đánh giá viên",
    Role.INTERNAL_AUDITOR: "Chuyên gia đánh giá nội bộ",
}


class Permission(enum.StrEnum):
    # administration
    USERS_MANAGE = "users.manage"
    UNIT_MANAGE = "unit.manage"
    CALENDAR_MANAGE = "calendar.manage"
    BACKUP = "backup"
    # reading
    AUDIT_READ = "audit.read"
    RECORDS_READ = "records.read"
    # ISO documents
    DOCS_DRAFT = "docs.draft"
    DOCS_REVIEW = "docs.review"
    DOCS_APPROVE = "docs.approve"
    DOCS_DISTRIBUTE = "docs.distribute"
    # counter and dossiers
    INTAKE = "intake"
    DOSSIER_PROCESS = "dossier.process"
    DOSSIER_DECIDE = "dossier.decide"  # the leader's decisions: stopping a dossier
    # quality objectives
    OBJECTIVES_MANAGE = "objectives.manage"
    # the ISO cycle: findings raised, planned, verified (the committee) and the actions
    # carried out (whoever owns one)
    FINDINGS_MANAGE = "findings.manage"
    FINDINGS_ACT = "findings.act"
    # the internal audit (clause 9.2): the programme and the audits' plans kept by the
    # secretary, the checklists answered and reported by the audits' own auditors
    AUDITS_PLAN = "audits.plan"
    AUDITS_RECORD = "audits.record"
    # the management review's meeting recorded by the secretary (approved by the chair)
    REVIEWS_RECORD = "reviews.record"


_READ = {Permission.RECORDS_READ}

GRANTS: dict[Role, frozenset[Permission]] = {
    Role.ADMIN: frozenset(
        _READ
        | {
            Permission.USERS_MANAGE,
            Permission.UNIT_MANAGE,
            Permission.CALENDAR_MANAGE,
            Permission.BACKUP,
            Permission.AUDIT_READ,
        }
    ),
    Role.ISO_SECRETARY: frozenset(
        _READ
        | {
            Permission.DOCS_DRAFT,
            Permission.DOCS_DISTRIBUTE,
            Permission.OBJECTIVES_MANAGE,
            Permission.FINDINGS_MANAGE,
            Permission.FINDINGS_ACT,
            Permission.AUDITS_PLAN,
            Permission.REVIEWS_RECORD,
        }
    ),
    Role.REVIEWER: frozenset(
        _READ | {Permission.DOCS_REVIEW, Permission.FINDINGS_MANAGE, Permission.FINDINGS_ACT}
    ),
    Role.APPROVER: frozenset(
        _READ
        | {
            Permission.DOCS_APPROVE,
            Permission.DOSSIER_DECIDE,
            Permission.FINDINGS_MANAGE,
            Permission.FINDINGS_ACT,
        }
    ),
    Role.CLERK: frozenset(
        _READ | {Permission.INTAKE, Permission.DOSSIER_PROCESS, Permission.FINDINGS_ACT}
    ),
    Role.OFFICER: frozenset(_READ | {Permission.DOSSIER_PROCESS, Permission.FINDINGS_ACT}),
    Role.AUDITOR: frozenset(_READ | {Permission.AUDIT_READ}),
    # plans and records internal audits and their findings, otherwise reads (DESIGN.md §2)
    Role.INTERNAL_AUDITOR: frozenset(_READ | {Permission.AUDITS_RECORD}),
}

#: Permissions that change nothing; the only ones an auditor holds.
READ_ONLY: frozenset[Permission] = frozenset({Permission.RECORDS_READ, Permission.AUDIT_READ})


def permissions_of(roles: Iterable[Role]) -> frozenset[Permission]:
    granted: set[Permission] = set()
    for role in roles:
        granted |= GRANTS[role]
    return frozenset(granted)


def parse_role(value: str) -> Role:
    from isoqms.domain.errors import ValidationError

    try:
        return Role(value.strip().lower())
    except ValueError:
        known = ", ".join(r.value for r in Role)
        raise ValidationError(f"Vai trò không hợp lệ: “{value}”. Các vai trò: {known}.") from None
