"""Risks and opportunities (TCVN ISO 9001:2015 clause 6.1): each rated by likelihood and
impact on a scale of 1 to 3, with the action taken and the day it is next reviewed."""

from __future__ import annotations

import datetime as dt
import enum

from isoqms.domain.errors import ValidationError


class RiskKind(enum.StrEnum):
    RISK = "risk"
    OPPORTUNITY = "opportunity"

    @property
    def label(self) -> str:
        return "Rủi ro" if self is RiskKind.RISK else "Cơ hội"


def check_rating(value: int, what: str) -> int:
    if not 1 <= value <= 3:
        raise ValidationError(f"{what} phải từ 1 (thấp) đến 3 (cao).")
    return value


#: a level's name in the English interface
LEVEL_EN = {"Cao": "High", "Trung bình": "Medium", "Thấp": "Low"}


def level(likelihood: int, impact: int) -> str:
    """The level of likelihood × impact: thấp (1–2), trung bình (3–4), cao (6–9)."""
    score = likelihood * impact
    return "Cao" if score >= 6 else "Trung bình" if score >= 3 else "Thấp"


def review_overdue(review_on: dt.date, today: dt.date) -> bool:
    return review_on < today
