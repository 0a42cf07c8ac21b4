"""The tracking book and the quarterly report on a large desk, against hand-written SQL.

    python benchmarks/dossiers_scale.py [--dossiers 1000000] [--db URL|PATH] [--keep]

Fills a database (default: a new SQLite file in a temporary folder) with a realistic mix
of N dossiers over five years and seven fields — mostly resolved before or on time, some
late (half of them with an apology's new appointment), some paused for a supplement,
stopped or cancelled, the last weeks still open — then measures, in one run:

* the tracking book's first page (100 rows in book order and the year's row count), as
  ``services.ledger.page`` returns it, against the same queries written directly in SQL;
* a quarterly report by field, as ``services.statistics.report`` computes it, against the
  same counts written directly in SQL.

Each figure is the median of several warm runs; the ratio is ours / hand-written.
The generator writes rows in bulk (it is test data, not the desk's work: no audit events).
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics as stats
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import func, insert, select, text

from isoqms.db.engine import Database
from isoqms.db.models import Dossier, DossierEvent, Procedure, ProcedureRevision
from isoqms.services import demo, ledger
from isoqms.services import statistics as statistics_service
from isoqms.services.calendar import unit_schedule
from isoqms.services.users import authenticate

FIELDS = ("Đất đai", "Xây dựng", "Lao động - Thương binh và Xã hội", "Kinh tế", "Y tế")
YEARS = (2022, 2023, 2024, 2025, 2026)
END = dt.datetime(2026, 11, 20, 17, 0)


def add_procedures(db: Database) -> list[tuple[int, int, int]]:
    """Two synthetic procedures per extra field (the demo has civil status and
    certification); returns (procedure id, revision id, working days) for each."""
    with db.engine.begin() as conn:
        template = conn.execute(select(ProcedureRevision).limit(1)).first()
        assert template is not None
        for i, field in enumerate(FIELDS):
            for j in range(2):
                code = f"9.{i:02d}{j:03d}"
                pid = conn.execute(
                    insert(Procedure)
                    .values(
                        code=code,
                        name=f"Thủ tục mẫu {j + 1} lĩnh vực {field}",
                        search_key=code,
                        field=field,
                        level="Cấp xã",
                        agency="Ủy ban nhân dân cấp xã",
                        issuer="",
                        decision="",
                        active=True,
                        updated_at=END,
                    )
                    .returning(Procedure.id)
                ).scalar_one()
                conn.execute(
                    insert(ProcedureRevision).values(
                        procedure_id=pid,
                        number=1,
                        status="approved",
                        effective_from=dt.datetime(2020, 1, 1),
                        content=template.content,
                        content_hash=template.content_hash,
                        created_at=END,
                    )
                )
        rows = conn.execute(
            select(Procedure.id, func.min(ProcedureRevision.id))
            .join(ProcedureRevision, ProcedureRevision.procedure_id == Procedure.id)
            .group_by(Procedure.id)
        ).all()
    rng = random.Random(7)
    return [(pid, rid, rng.choice((0, 1, 3, 5, 7, 10, 15))) for pid, rid in rows]


def generate(db: Database, n: int) -> None:
    procedures = add_procedures(db)
    schedule = unit_schedule(db).schedule
    days = [
        d
        for y in YEARS
        for d in (dt.date(y, 1, 1) + dt.timedelta(days=k) for k in range(366))
        if d.year == y and d <= END.date() and schedule.calendar.is_working_day(d)
    ]
    per_day = n / len(days)
    rng = random.Random(2026)
    clerk_id = 5
    due_cache: dict[tuple[dt.date, int], dt.datetime] = {}

    def due_of(day: dt.date, working_days: int) -> dt.datetime:
        key = (day, working_days)
        if key not in due_cache:
            d = day
            for _ in range(working_days):
                d = schedule.calendar.next_working_day(d)
            due_cache[key] = dt.datetime.combine(d, dt.time(17, 0))
        return due_cache[key]

    rows: list[dict[str, Any]] = []
    events: list[dict[str, Any]] = []
    number = 0
    book_numbers: dict[int, int] = {}
    started = time.perf_counter()
    dossier_id = 0
    carry = 0.0
    for day in days:
        carry += per_day
        today = int(carry)
        carry -= today
        for k in range(today):
            if number >= n:
                break
            number += 1
            dossier_id += 1
            pid, rid, wd = procedures[rng.randrange(len(procedures))]
            received = dt.datetime.combine(day, dt.time(7 + rng.randrange(10), rng.randrange(60)))
            due = due_of(day, wd)
            year = day.year
            book_numbers[year] = book_numbers.get(year, 0) + 1
            roll = rng.random()
            state, result_at, outcome, finished, returned, promised = (
                "in_process",
                None,
                None,
                None,
                None,
                None,
            )
            paused = roll < 0.05
            if roll > 0.985:
                state = "cancelled" if roll > 0.993 else "stopped"
                finished = received + dt.timedelta(days=1)
            else:
                if roll < 0.80:
                    result_at = due - dt.timedelta(days=rng.choice((1, 2, 3)), hours=2)
                    result_at = max(result_at, received + dt.timedelta(hours=2))
                elif roll < 0.95:
                    result_at = due - dt.timedelta(hours=rng.choice((1, 3, 5)))
                else:
                    result_at = due + dt.timedelta(days=rng.choice((1, 2, 4)))
                    if rng.random() < 0.5:
                        promised = due + dt.timedelta(days=3)
                if result_at > END:
                    result_at = None  # still open
                else:
                    outcome = (
                        "late"
                        if result_at > due
                        else ("before" if result_at.date() < due.date() else "on_time")
                    )
                    state, finished = "result_ready", result_at
                    if rng.random() < 0.9 and result_at + dt.timedelta(hours=20) < END:
                        state, returned = "returned", result_at + dt.timedelta(hours=20)
            if paused and (finished is None or finished > received + dt.timedelta(hours=3)):
                pause = received + dt.timedelta(hours=1)
                resume = pause + dt.timedelta(days=1)
                events.append(_event(dossier_id, "request-supplement", pause, "waiting_supplement"))
                if resume < END:
                    events.append(
                        _event(dossier_id, "supplement-received", resume, "in_process", due)
                    )
            rows.append(
                {
                    "id": dossier_id,
                    "code": f"000.00.38.H47-{day:%y%m%d}-{k + 1:04d}",
                    "unit_code": "000.00.38.H47",
                    "receipt_day": day,
                    "daily_number": k + 1,
                    "book_year": year,
                    "book": 1,
                    "book_number": book_numbers[year],
                    "procedure_id": pid,
                    "revision_id": rid,
                    "applicant_name": "Nguyễn Văn A",
                    "applicant_key": "nguyen van a",
                    "id_number": "",
                    "phone": "",
                    "email": "",
                    "address": "",
                    "representative": "",
                    "papers": "[]",
                    "sets": 1,
                    "channel": rng.choices(("direct", "online", "postal"), (70, 27, 3))[0],
                    "delivery": "desk",
                    "note": "",
                    "received_at": received,
                    "effective_received_at": received,
                    "appointment": due,
                    "duration_text": f"{wd} ngày làm việc",
                    "policy": "day-end",
                    "regime": "2025" if day >= dt.date(2025, 7, 1) else "2018",
                    "form_revision": "BM.MC.2025.01@1",
                    "state": state,
                    "backdated": False,
                    "clerk_id": clerk_id,
                    "recorded_at": received,
                    "due_at": due,
                    "promised_at": promised,
                    "holder_id": 6,
                    "paused_at": None,
                    "was_paused": paused,
                    "result_at": result_at,
                    "outcome": outcome,
                    "finished_at": finished,
                    "open_days": (finished.date() - day).days if finished else None,
                    "returned_at": returned,
                    "returned_to": "",
                    "rating": rng.choices(
                        ("not_satisfied", "satisfied", "very_satisfied"), (2, 60, 38)
                    )[0]
                    if returned
                    else None,
                    "rating_comment": "",
                    "complaint": False,
                }
            )
            if len(rows) >= 20_000:
                _flush(db, rows, events)
        if number >= n:
            break
    _flush(db, rows, events)
    print(f"generated {number:,} dossiers in {time.perf_counter() - started:.1f} s")


def _event(
    dossier_id: int, action: str, at: dt.datetime, state: str, due: dt.datetime | None = None
) -> dict[str, Any]:
    return {
        "dossier_id": dossier_id,
        "action": action,
        "at": at,
        "recorded_at": at,
        "actor_id": 5,
        "to_name": "",
        "reason": "",
        "state_after": state,
        "backdated": False,
        "form_revision": "",
        "due_before": due,
        "due_after": due + dt.timedelta(days=1) if due else None,
    }


def _flush(db: Database, rows: list[dict[str, Any]], events: list[dict[str, Any]]) -> None:
    if not rows:
        return
    with db.engine.begin() as conn:
        conn.execute(insert(Dossier), rows)
        if events:
            conn.execute(insert(DossierEvent), events)
    rows.clear()
    events.clear()


def median_ms(fn: Any, runs: int) -> float:
    fn()  # warm
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return stats.median(times)


# ---------------------------------------------------------------------- hand-written SQL

LEDGER_PAGE = text(
    "SELECT d.*, p.name, p.agency FROM dossier d JOIN procedure p ON p.id = d.procedure_id "
    "WHERE d.book_year = :year AND d.book = 1 ORDER BY d.book_number LIMIT 100 OFFSET 0"
)
LEDGER_COUNT = text("SELECT count(*) FROM dossier WHERE book_year = :year AND book = 1")


def ledger_sql(db: Database, year: int) -> None:
    with db.engine.connect() as conn:
        rows = conn.execute(LEDGER_PAGE, {"year": year}).all()
        ids = ",".join(str(r.id) for r in rows)
        conn.execute(
            text(
                "SELECT dossier_id, min(at) FROM dossier_event WHERE action = 'handover' "
                f"AND dossier_id IN ({ids}) GROUP BY dossier_id"
            )
        ).all()
        conn.execute(LEDGER_COUNT, {"year": year}).scalar()


#: "open at {m}", split as services.statistics does so each part uses one index; grouped
#: by "procedure_id + 0" as there, so SQLite does not walk the procedure index instead
OPEN_AT = (
    "received_at >= {w} AND received_at < {m} AND (finished_at >= {m} OR finished_at IS NULL)",
    "finished_at IS NULL AND received_at < {w}",
    "open_days > 60 AND received_at < {w} AND finished_at >= {m}",
)
REPORT_SQL = [
    "SELECT procedure_id + 0 AS pid, channel, count(*) FROM dossier WHERE received_at >= :s "
    "AND received_at < :e GROUP BY pid, channel",
    *(
        f"SELECT procedure_id + 0 AS pid, count(*) FROM dossier WHERE {c.format(m=':s', w=':sw')} "
        "GROUP BY pid"
        for c in OPEN_AT
    ),
    "SELECT procedure_id + 0 AS pid, state, outcome, count(*), "
    "sum(CASE WHEN outcome = 'late' AND promised_at IS NOT NULL AND result_at <= promised_at "
    "THEN 1 ELSE 0 END), "
    "sum(CASE WHEN outcome = 'late' AND promised_at IS NOT NULL AND result_at > promised_at "
    "THEN 1 ELSE 0 END), "
    "sum(CASE WHEN rating = 'not_satisfied' OR complaint THEN 1 ELSE 0 END) "
    "FROM dossier WHERE finished_at >= :s AND finished_at < :e "
    "GROUP BY pid, state, outcome",
    "SELECT procedure_id + 0 AS pid, count(*) FROM dossier "
    "WHERE returned_at >= :s AND returned_at < :e GROUP BY pid",
    *(
        "SELECT procedure_id + 0 AS pid, "
        "sum(CASE WHEN NOT was_paused AND due_at < :e THEN 1 ELSE 0 END), "
        "sum(CASE WHEN NOT was_paused AND due_at >= :e THEN 1 ELSE 0 END) FROM dossier "
        f"WHERE {c.format(m=':e', w=':ew')} GROUP BY pid"
        for c in OPEN_AT
    ),
    *(
        f"SELECT id, procedure_id, appointment FROM dossier WHERE {c.format(m=':e', w=':ew')} "
        "AND was_paused"
        for c in OPEN_AT
    ),
    "SELECT id, code, name, field FROM procedure",
]


def report_sql(db: Database, start: dt.datetime, end: dt.datetime) -> None:
    with db.engine.connect() as conn:
        for sql in REPORT_SQL:
            window = dt.timedelta(days=60)
            bounds = {"s": start, "e": end, "sw": start - window, "ew": end - window}
            conn.execute(text(sql), {k: v for k, v in bounds.items() if f":{k}" in sql}).all()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dossiers", type=int, default=1_000_000)
    parser.add_argument("--db", help="database URL or SQLite path (default: a temp file)")
    parser.add_argument("--keep", action="store_true", help="reuse --db if already filled")
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    folder = tempfile.mkdtemp(prefix="isoqms-scale-")
    db = Database.open(args.db or str(Path(folder) / "scale.sqlite3"))
    with db.read() as session:
        filled = session.execute(select(func.count(Dossier.id))).scalar_one()
    if filled and args.keep:
        print(f"reusing {filled:,} dossiers in {db.describe()}")
    else:
        demo.init_demo(db)
        generate(db, args.dossiers)
        if db.backend == "postgresql":
            with db.engine.begin() as conn:
                conn.execute(text("ANALYZE"))
        else:
            with db.engine.begin() as conn:
                conn.execute(text("ANALYZE"))
    actor, _ = authenticate(db, "auditor", demo.DEMO_PASSWORD, record_login=False)
    print(f"database: {db.describe()} ({db.backend})")

    year = 2025
    f = ledger.LedgerFilter(year=year)
    page = ledger.page(db, actor, f)
    assert len(page.rows) == 100
    ours = median_ms(lambda: ledger.page(db, actor, f), args.runs)
    base = median_ms(lambda: ledger_sql(db, year), args.runs)
    print(
        f"tracking book {year}, first page of {page.total:,}: isoqms {ours:7.1f} ms   "
        f"hand-written SQL {base:7.1f} ms   ratio {ours / base:4.2f}×"
    )

    period = statistics_service.Period.quarter(2025, 2)
    result = statistics_service.report(db, actor, period, "field").total
    ours = median_ms(lambda: statistics_service.report(db, actor, period, "field"), args.runs)
    base = median_ms(lambda: report_sql(db, period.start_at, period.end_at), args.runs)
    print(
        f"quarterly report {period.label} by field ({result.received:,} received, "
        f"{result.resolved:,} resolved, on time {result.on_time_rate} %): isoqms {ours:7.1f} ms"
        f"   hand-written SQL {base:7.1f} ms   ratio {ours / base:4.2f}×"
    )
    db.dispose()


if __name__ == "__main__":
    main()
