"""A row of the tracking book (Sổ theo dõi hồ sơ), as the screen, the workbook and the
PDF show it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


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
