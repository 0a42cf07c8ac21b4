"""One print pipeline for every paper the program prints — receipts, counter notices,
dossier papers, controlled copies.

1. **Draw** once, from a frozen record, outside any write transaction (a ``*_printout``
   function of the paper's service): the PDF and everything its log row will say,
   including whether it is a reprint.
2. **Output** it: the printer, or the file the user chose.
3. **Log** it (:func:`log`): one write that checks the reprint state is still the one
   drawn, stores the PDF by its hash, adds the print-log row and the audit event.

A print that fails to reach its file never reaches step 3, so it leaves no log row and
never turns the next print into a reprint. :func:`deliver` does the three steps for a
file, drawing again if someone else printed the same paper meanwhile.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from isoqms.db.engine import Database
from isoqms.db.models import PrintLog, utcnow
from isoqms.domain.errors import Conflict
from isoqms.domain.roles import Permission
from isoqms.services import files
from isoqms.services.uow import AUDIT_CHAIN_LOCK, Actor, require, write

PURPOSES = ("print", "save")


class StalePrintout(Conflict):
    """The paper was printed by someone else after it was drawn: draw it again."""


@dataclass(frozen=True)
class Printout:
    """A paper drawn and ready to output, not logged yet."""

    pdf: bytes
    sha256: str
    permission: Permission  # what logging its print takes
    form_code: str
    form_revision: str
    copies: str  # "Liên 1, Liên 2", "01 bản", "Bản có kiểm soát số 3"
    paper: str
    reprint: bool
    #: the audit event: action, entity, id and what it records besides the print's facts
    action: str
    entity: str
    entity_id: str
    details: dict[str, Any] = field(default_factory=dict)
    dossier_id: int | None = None
    notice_id: int | None = None
    copy_id: int | None = None
    file_name: str = ""


def printed_before(
    session: Session,
    *,
    dossier_id: int | None = None,
    form_code: str | None = None,
    notice_id: int | None = None,
    copy_id: int | None = None,
) -> bool:
    """Whether this paper was printed already (every later print is a reprint): a
    dossier's paper by its form, a notice, a controlled copy."""
    query = select(func.count(PrintLog.id))
    if dossier_id is not None:
        query = query.where(PrintLog.dossier_id == dossier_id, PrintLog.form_code == form_code)
    elif notice_id is not None:
        query = query.where(PrintLog.notice_id == notice_id)
    elif copy_id is not None:
        query = query.where(PrintLog.copy_id == copy_id)
    else:
        raise ValueError("printed_before needs a dossier, a notice or a copy")
    return int(session.execute(query).scalar_one()) > 0


def _printed_before(session: Session, p: Printout) -> bool:
    return printed_before(
        session,
        dossier_id=p.dossier_id,
        form_code=p.form_code,
        notice_id=p.notice_id,
        copy_id=p.copy_id,
    )


def check(db: Database, actor: Actor, printout: Printout) -> None:
    """Refuse, before anything is printed, a person who may not print this paper."""
    with db.read() as session:
        require(session, actor, printout.permission)


def log(
    db: Database, actor: Actor, printout: Printout, *, purpose: str, strict: bool = True
) -> str:
    """Record a print that reached its printer or file; returns the stored PDF's hash.

    ``strict``: refuse (:class:`StalePrintout`) when the paper was printed by someone else
    since it was drawn, so the caller draws it again with its reprint mark; a paper that is
    already out (a printer) is recorded as it was printed."""
    if purpose not in PURPOSES:
        raise ValueError(purpose)
    with write(db, actor, printout.permission) as uow:
        session = uow.session
        if db.backend == "postgresql":  # two first prints at once: one is the reprint
            session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": AUDIT_CHAIN_LOCK})
        if strict and _printed_before(session, printout) != printout.reprint:
            raise StalePrintout(
                "Giấy này vừa được in ở nơi khác; chương trình in lại với dấu “Bản in lại”."
            )
        digest = files.store(session, printout.pdf, "application/pdf")
        assert uow.actor is not None
        session.add(
            PrintLog(
                dossier_id=printout.dossier_id,
                notice_id=printout.notice_id,
                copy_id=printout.copy_id,
                form_code=printout.form_code,
                form_revision=printout.form_revision,
                copies=printout.copies,
                paper=printout.paper,
                reprint=printout.reprint,
                purpose=purpose,
                printed_by=uow.actor.user_id,
                printed_at=utcnow(),
                sha256=digest,
            )
        )
        uow.record(
            printout.action,
            printout.entity,
            printout.entity_id,
            after={
                **printout.details,
                "form_revision": printout.form_revision,
                "copies": printout.copies,
                "paper": printout.paper,
                "reprint": printout.reprint,
                "purpose": purpose,
                "sha256": digest,
            },
        )
    return digest


def deliver(
    db: Database,
    actor: Actor,
    draw: Callable[[], Printout],
    output: Callable[[bytes], None],
    *,
    purpose: str = "save",
) -> tuple[Printout, str]:
    """Draw, output, log — drawing again if someone else printed the paper meanwhile.
    ``output`` raising (an unwritable file) leaves the log unchanged; so does a person
    who may see the paper but not print it (refused before anything is output)."""
    for _attempt in range(3):
        printout = draw()
        check(db, actor, printout)
        output(printout.pdf)
        try:
            return printout, log(db, actor, printout, purpose=purpose)
        except StalePrintout:
            continue
    return printout, log(db, actor, printout, purpose=purpose, strict=False)
