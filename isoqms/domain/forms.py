"""A form's revision as the program prints it: its texts and when it is in force (the
stock library in ``forms/`` and the register's controlled revisions, read by
:mod:`isoqms.services.forms`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from isoqms.domain.audit import canonical_json

FORM_SCHEMA = "isoqms.form/1"


@dataclass(frozen=True)
class FormTexts:
    """One revision of a form: what it prints and when it is in force."""

    code: str
    kind: str
    regime: str
    number: str
    name: str
    legal_basis: str
    effective_from: dt.date
    effective_to: dt.date | None
    revision: int  # the issue number (lần ban hành)
    texts: dict[str, Any]
    amendment: int = 0
    paper: str = "A5"

    @property
    def revision_key(self) -> str:
        """What a dossier records: ``BM.MC.2025.01@1`` (``@2.1`` for an amendment)."""
        suffix = f".{self.amendment}" if self.amendment else ""
        return f"{self.code}@{self.revision}{suffix}"

    def text(self, key: str, **values: object) -> str:
        value = self.texts[key]
        return str(value).format(**values) if values else str(value)

    def content_json(self) -> str:
        """The revision content stored in the register."""
        return canonical_json(
            {
                "schema": FORM_SCHEMA,
                "kind": self.kind,
                "regime": self.regime,
                "number": self.number,
                "name": self.name,
                "legal_basis": self.legal_basis,
                "paper": self.paper,
                "texts": self.texts,
            }
        )


# ---------------------------------------------------------------------- the stock library
