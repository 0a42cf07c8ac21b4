"""Run as ``python -m tests.concurrent_intake URL COUNT [print]``: one counter receiving
COUNT dossiers as fast as it can, each code printed once committed (several of these run
at once in the concurrency test); with ``print``, each receipt's slip is printed too."""

from __future__ import annotations

import datetime as dt
import sys

from isoqms.db.engine import Database
from isoqms.services import intake
from isoqms.services.users import authenticate

RECEIVED = dt.datetime(2026, 11, 23, 9, 0)


def main() -> int:
    url, count = sys.argv[1], int(sys.argv[2])
    db = Database.open(url)
    actor, _ = authenticate(db, "clerk", "demo", record_login=False)
    draft = intake.IntakeDraft(
        "2.000815", intake.Applicant("Người nộp đồng thời"), received_at=RECEIVED
    )
    slips = sys.argv[3:] == ["print"]
    for _ in range(count):
        code = intake.receive(db, actor, draft, now=RECEIVED).code
        if slips:
            intake.print_receipt(db, actor, code)
        print(code, flush=True)
    db.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
