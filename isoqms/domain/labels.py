"""The domain's values in words, in both languages, in one place.

Every enum the user sees carries a code (its value) and a Vietnamese label (its ``label``
property: what the command line prints and the printed forms use, which stay Vietnamese
in both interfaces). This table holds their English names; ``label(value, language)``
picks one. The user interface shows a value through ``isoqms.ui.labels.shown``, which asks
for the interface's language; a test checks every labelled value has its English name.
"""

from __future__ import annotations

import enum
from typing import Literal

from isoqms.domain.calendar import DayKind
from isoqms.domain.documents import DocumentKind, Meaning, Standing
from isoqms.domain.dossier import Channel, Delivery
from isoqms.domain.findings import FindingKind, FindingSource, FindingState
from isoqms.domain.internal_audit import AuditState, ItemSource, Result
from isoqms.domain.journey import Action, DossierState, Outcome, Rating, SupplementRule
from isoqms.domain.risks import RiskKind
from isoqms.domain.roles import Role

Language = Literal["vi", "en"]

#: Every enum whose members have a ``label`` a user reads.
LABELLED: tuple[type[enum.Enum], ...] = (
    DayKind,
    DocumentKind,
    Meaning,
    Standing,
    Channel,
    Delivery,
    FindingKind,
    FindingSource,
    FindingState,
    AuditState,
    ItemSource,
    Result,
    Action,
    DossierState,
    Outcome,
    Rating,
    SupplementRule,
    RiskKind,
    Role,
)

ENGLISH: dict[enum.Enum, str] = {
    DayKind.OFF: "day off",
    DayKind.WORKING: "working day",
    DocumentKind.POLICY: "Quality policy and objectives",
    DocumentKind.MANUAL: "Quality manual",
    DocumentKind.PROCEDURE: "Internal procedure",
    DocumentKind.PROCESS: "Administrative procedure process",
    DocumentKind.INSTRUCTION: "Instruction",
    DocumentKind.FORM: "Form",
    DocumentKind.RECORD_LIST: "Records list",
    DocumentKind.EXTERNAL: "External document",
    Meaning.DRAFTED: "Drafted",
    Meaning.REVIEWED: "Reviewed",
    Meaning.APPROVED: "Approved",
    Meaning.PERIODIC: "Periodic review",
    Standing.DRAFT: "Draft",
    Standing.IN_REVIEW: "In review",
    Standing.APPROVED: "Approved",
    Standing.EFFECTIVE: "In force",
    Standing.SUPERSEDED: "No longer in force (superseded)",
    Standing.WITHDRAWN: "Withdrawn",
    Channel.DIRECT: "In person",
    Channel.ONLINE: "Online",
    Channel.POSTAL: "Public postal service",
    Delivery.DESK: "At the one-stop desk",
    Delivery.POST: "By public postal service",
    FindingKind.NONCONFORMITY: "Nonconformity",
    FindingKind.OBSERVATION: "Observation",
    FindingKind.OPPORTUNITY: "Opportunity for improvement",
    FindingSource.AUDIT: "Internal audit",
    FindingSource.COMPLAINT: "Feedback or complaint",
    FindingSource.LATE_DOSSIER: "Late dossier",
    FindingSource.OBJECTIVE: "Quality objective not met",
    FindingSource.REVIEW: "Management review decision",
    FindingSource.OTHER: "Other",
    FindingState.OPEN: "Newly raised",
    FindingState.PLANNED: "Being corrected",
    FindingState.DONE: "Awaiting effectiveness check",
    FindingState.CLOSED: "Closed",
    AuditState.PLANNED: "Planned",
    AuditState.IN_PROGRESS: "Being audited",
    AuditState.REPORTED: "Reported",
    ItemSource.CLAUSE: "TCVN ISO 9001:2015 clause",
    ItemSource.STEP: "Process step",
    ItemSource.INSPECTION: "Inspection item (Circular 26/2014 art. 36)",
    Result.CONFORM: "Conforms",
    Result.NONCONFORM: "Does not conform",
    Result.OBSERVATION: "Observation",
    Result.NOT_APPLICABLE: "Not applicable",
    Action.HANDOVER: "hand over",
    Action.REQUEST_SUPPLEMENT: "request a supplement",
    Action.SUPPLEMENT_RECEIVED: "receive the supplement",
    Action.RESULT_READY: "record the result",
    Action.RETURN: "return the result",
    Action.APOLOGIZE: "apologise, new appointment",
    Action.STOP: "stop processing",
    Action.CANCEL: "cancel the dossier",
    DossierState.RECEIVED: "Newly received",
    DossierState.IN_PROCESS: "In process",
    DossierState.WAITING_SUPPLEMENT: "Waiting for supplement",
    DossierState.RESULT_READY: "Result ready, to return",
    DossierState.RETURNED: "Result returned",
    DossierState.STOPPED: "Processing stopped",
    DossierState.CANCELLED: "Cancelled",
    Outcome.BEFORE: "Before time",
    Outcome.ON_TIME: "On time",
    Outcome.LATE: "Late",
    Rating.NOT_SATISFIED: "Not satisfied",
    Rating.SATISFIED: "Satisfied",
    Rating.VERY_SATISFIED: "Very satisfied",
    SupplementRule.RESTART: "counted again from the start",
    SupplementRule.PAUSE: "paused while waiting",
    RiskKind.RISK: "Risk",
    RiskKind.OPPORTUNITY: "Opportunity",
    Role.ADMIN: "System administrator",
    Role.ISO_SECRETARY: "ISO secretary",
    Role.REVIEWER: "Reviewer",
    Role.APPROVER: "Approver",
    Role.CLERK: "Counter clerk",
    Role.OFFICER: "Processing officer",
    Role.AUDITOR: "Auditor",
    Role.INTERNAL_AUDITOR: "Internal auditor",
}


def label(value: enum.Enum, language: str) -> str:
    """``value``'s name in ``language`` ("vi": its Vietnamese label; else English)."""
    vietnamese: str = value.label  # type: ignore[attr-defined]
    if language == "vi":
        return vietnamese
    return ENGLISH.get(value, vietnamese)


def pairs() -> list[tuple[str, str]]:
    """(Vietnamese, English) for every labelled value: what the language test looks for."""
    return [
        (member.label, ENGLISH[member])  # type: ignore[attr-defined]
        for kind in LABELLED
        for member in kind
    ]
