"""Run as ``python -m tests.concurrent_intake URL COUNT``: one counter receiving COUNT
dossiers as fast as it can (several of these run at once in the concurrency test)."""

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
    for _ in range(count):
        print(intake.receive(db, actor, draft, now=RECEIVED).code, flush=True)
    db.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
