"""The one-stop forms the slips are drawn from (``forms/``), chosen by receipt date."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from functools import cache
from typing import Any

from isoqms import paths
from isoqms.domain.errors import NotFound


@dataclass(frozen=True)
class FormTexts:
    code: str
    kind: str
    regime: str
    number: str
    name: str
    legal_basis: str
    effective_from: dt.date
    effective_to: dt.date | None
    revision: int
    texts: dict[str, Any]

    @property
    def revision_key(self) -> str:
        """What a dossier records: ``BM.MC.2025.01@1``."""
        return f"{self.code}@{self.revision}"

    def text(self, key: str, **values: object) -> str:
        value = self.texts[key]
        return str(value).format(**values) if values else str(value)

    def in_force(self, day: dt.date) -> bool:
        return self.effective_from <= day and (
            self.effective_to is None or day <= self.effective_to
        )


@cache
def all_forms() -> tuple[FormTexts, ...]:
    forms = []
    for manifest in sorted(paths.forms_dir().glob("*/manifest.json")):
        data = json.loads(manifest.read_text(encoding="utf-8"))
        forms.append(
            FormTexts(
                code=data["code"],
                kind=data["kind"],
                regime=data["regime"],
                number=data["number"],
                name=data["name"],
                legal_basis=data["legal_basis"],
                effective_from=dt.date.fromisoformat(data["effective_from"]),
                effective_to=dt.date.fromisoformat(data["effective_to"])
                if data.get("effective_to")
                else None,
                revision=int(data["revision"]),
                texts=data["texts"],
            )
        )
    return tuple(forms)


def form_for(kind: str, day: dt.date) -> FormTexts:
    """The form of ``kind`` in force on ``day``."""
    for form in all_forms():
        if form.kind == kind and form.in_force(day):
            return form
    raise NotFound(f"Không có biểu mẫu “{kind}” có hiệu lực ngày {day:%d/%m/%Y}.")


def form_by_revision(key: str) -> FormTexts:
    """The exact form revision a dossier was received under (for reprints)."""
    for form in all_forms():
        if form.revision_key == key:
            return form
    raise NotFound(f"Không tìm thấy biểu mẫu {key}.")
