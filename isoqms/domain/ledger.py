"""A row of the tracking book (Sổ theo dõi hồ sơ), as the screen, the workbook and the
PDF show it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from isoqms.domain.dossier import Channel
from isoqms.domain.journey import DossierState, Outcome
from isoqms.domain.labels import label


@dataclass(frozen=True)
class LedgerRow:
    number: int
    code: str
    procedure: str
    sets: int
    applicant: str
    address_phone: str
    agency: str
    received_at: dt.datetime
    appointment: dt.datetime
    handed_over_at: dt.datetime | None
    result_at: dt.datetime | None
    returned_at: dt.datetime | None
    note: str
    #: what the note says, as codes: the screen writes it in the interface's language
    state: str = ""
    outcome: str = ""
    promised_at: dt.datetime | None = None
    channel: str = ""

    def note_in(self, language: str) -> str:
        if language == "vi" or not self.state:
            return self.note
        return note(self.state, self.outcome, self.promised_at, self.channel, language)


def note(
    state: str,
    outcome: str | None,
    promised_at: dt.datetime | None,
    channel: str,
    language: str = "vi",
) -> str:
    """The book's "Ghi chú": the state, the outcome, an apology's new appointment and a
    channel other than in person (the printed book: Vietnamese)."""
    parts = [label(DossierState(state), language)]
    if outcome:
        parts.append(label(Outcome(outcome), language).lower())
    if promised_at:
        again = "hẹn lại" if language == "vi" else "new appointment"
        parts.append(f"{again} {promised_at:%H:%M %d/%m/%Y}")
    if channel != Channel.DIRECT.value:
        parts.append(label(Channel(channel), language).lower())
    return "; ".join(parts)
