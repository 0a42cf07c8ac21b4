"""What every start does after the migrations: load the reference data the program ships
(the official working-day schedule, the stock forms) into the database, once each.
Cheap when there is nothing new: a setting and a code list are read."""

from __future__ import annotations

from isoqms.db.engine import Database
from isoqms.services import seals
from isoqms.services.calendar import ensure_shipped_schedule
from isoqms.services.existing_documents import ensure_stock_forms
from isoqms.services.uow import write


def prepare_database(db: Database) -> None:
    seal_after_upgrade(db)
    ensure_shipped_schedule(db)
    ensure_stock_forms(db)


def seal_after_upgrade(db: Database) -> int:
    """Seal the rows a schema upgrade left as they are (one ``audit.seal`` event): a
    database from before row seals, once; after a later upgrade, the rows whose digest a
    migration changed. Cheap when nothing is pending: one read of the newest event.

    Tampering done before the upgrade is sealed with the rest — the log says from which
    event on the rows are vouched for. Returns the number of rows sealed."""
    if not (db.upgraded_from is not None or seals.sealing_pending(db)):
        return 0
    with write(db, None, None, system=True) as uow:
        missing = seals.unsealed_in(uow.session.connection())
        if not missing:
            return 0
        count = sum(len(keys) for keys in missing.values())
        uow.seal(missing)
        uow.record(
            "audit.seal",
            "database",
            "rows",
            after={
                "reason": "upgrade" if db.upgraded_from is not None else "unsealed",
                "schema_from": db.upgraded_from or "",
                "rows": count,
                "tables": {t: len(k) for t, k in sorted(missing.items())},
            },
        )
    return count
