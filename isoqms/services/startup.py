"""What every start does after the migrations: load the reference data the program ships
(the official working-day schedule, the stock forms) into the database, once each.
Cheap when there is nothing new: a setting and a code list are read."""

from __future__ import annotations

from isoqms.db.engine import Database
from isoqms.services.calendar import ensure_shipped_schedule
from isoqms.services.documents import ensure_stock_forms


def prepare_database(db: Database) -> None:
    ensure_shipped_schedule(db)
    ensure_stock_forms(db)
