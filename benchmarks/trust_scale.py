"""The row check, the integrity check and backups on a large desk, against baselines.

    python benchmarks/trust_scale.py [--dossiers 100000] [--db URL|PATH] [--runs 3]

Fills a database (default: a new SQLite file in a temporary folder) with the demo commune
and N dossiers as ``dossiers_scale.py`` makes them, seals every row once (what the first
start after the upgrade to schema 0010 does), then measures in one run:

* ``seals.check_rows`` — every business row read, digested and compared with the seal its
  last change left in the log — against reading the same rows alone with the DB-API
  cursor, and against reading them and hashing each one's text with hashlib (the least a
  row check must do);
* ``integrity.verify`` in full — the chain, the stored files, the rows: what the window
  runs at every start, on a reader thread;
* ``backup.make`` — a checked snapshot into one file — against copying the database file
  with ``shutil.copyfile`` (SQLite; the copy alone is not consistent while the program
  writes); ``backup.check`` (everything a restore checks first); a restore into a new
  SQLite file.

Each figure is the median of ``--runs`` runs; ratios are ours / baseline.
"""

from __future__ import annotations

import argparse
import hashlib
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import func, select, text

from benchmarks.audit_verify import median_time as median
from benchmarks.dossiers_scale import generate
from isoqms.db.engine import Database
from isoqms.db.models import AuditEvent, Dossier
from isoqms.services import backup, demo, integrity, seals
from isoqms.services.backup import RestorePlan
from isoqms.services.startup import seal_after_upgrade
from isoqms.services.users import authenticate


def read_rows(db: Database, digest: bool) -> int:
    """Every row of the sealed tables through the DB-API cursor (and its text hashed)."""
    n = 0
    sha256 = hashlib.sha256
    with db.engine.connect() as conn:
        quote = conn.dialect.identifier_preparer.quote
        for table in seals.sealed_tables():
            cols = ", ".join(quote(c.name) for c in table.columns)
            cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
            cursor.execute(f"SELECT {cols} FROM {quote(table.name)}")
            while batch := cursor.fetchmany(2000):
                n += len(batch)
                if digest:
                    for row in batch:
                        sha256(repr(row).encode()).hexdigest()
            cursor.close()
    return n


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dossiers", type=int, default=100_000)
    parser.add_argument("--db", help="database URL or SQLite path (default: a temp file)")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="isoqms-trust-"))
    db = Database.open(args.db or str(folder / "trust.sqlite3"))
    try:
        t0 = time.perf_counter()
        demo.init_demo(db)
        generate(db, args.dossiers)
        made = time.perf_counter() - t0
        t0 = time.perf_counter()
        sealed = seal_after_upgrade(db)
        seal_s = time.perf_counter() - t0
        with db.read() as session:
            dossiers = session.execute(select(func.count(Dossier.id))).scalar_one()
            events = session.execute(select(func.count(AuditEvent.id))).scalar_one()
        with db.engine.begin() as conn:
            conn.execute(text("ANALYZE"))
        print(f"database: {db.describe()} ({db.backend}), filled in {made:.0f} s")
        print(
            f"{dossiers:,} dossiers, {sealed:,} rows sealed in one event ({seal_s:.1f} s), "
            f"{events:,} audit events"
        )

        runs = args.runs
        rows_s, result = median(lambda: seals.check_rows(db), runs)
        assert isinstance(result, seals.RowsResult) and result.problem is None, result
        read_s, n = median(lambda: read_rows(db, digest=False), runs)
        hash_s, _ = median(lambda: read_rows(db, digest=True), runs)
        assert n == result.rows, (n, result.rows)
        per = 1e6 / result.rows
        print(
            f"reading the {n:,} sealed rows alone (DB-API cursor): {read_s:.2f} s "
            f"({read_s * per:.1f} µs/row)"
        )
        print(
            f"reading them and hashing each with hashlib: {hash_s:.2f} s "
            f"({hash_s * per:.1f} µs/row)"
        )
        print(
            f"seals.check_rows (read, convert by column type, digest, compare): {rows_s:.2f} s "
            f"({rows_s * per:.1f} µs/row)"
        )
        print(
            f"ratio to reading + hashlib: {rows_s / hash_s:.2f}x   "
            f"to reading alone: {rows_s / read_s:.2f}x"
        )

        full_s, report = median(lambda: integrity.verify(db, save=False), runs)
        assert isinstance(report, integrity.IntegrityReport) and report.ok, report
        print(
            f"integrity.verify in full (chain, {report.files} files, rows), what every "
            f"start runs: {full_s:.2f} s"
        )

        if db.backend == "sqlite":
            admin, _ = authenticate(db, "admin", demo.DEMO_PASSWORD, record_login=False)
            source = Path(str(db.engine.url.database))
            size = source.stat().st_size

            def copy() -> None:
                shutil.copyfile(source, folder / "copy.sqlite3")

            counter = iter(range(1000))

            def make() -> backup.BackupInfo:
                return backup.make(db, admin, folder / f"b{next(counter)}{backup.SUFFIX}")

            copy_s, _ = median(copy, runs)
            make_s, info = median(make, runs)
            assert isinstance(info, backup.BackupInfo)
            print(f"database file {size / 1e6:.0f} MB; backup file {info.size / 1e6:.0f} MB")
            print(f"shutil.copyfile of the database file: {copy_s:.2f} s")
            print(
                f"backup.make (online snapshot, manifest, checkpoint, zip): {make_s:.2f} s  "
                f"ratio {make_s / copy_s:.1f}x"
            )
            check_s, _ = median(lambda: backup.check(Path(info.file)), runs)
            print(f"backup.check (unzip, chain, rows, files): {check_s:.2f} s")

            def authorise(_plan: RestorePlan, _backup_db: Database) -> str:
                return "admin (benchmark)"

            targets = iter(range(1000))

            def restore() -> object:
                target = folder / f"r{next(targets)}.sqlite3"
                return backup.restore(Path(info.file), str(target), authorise=authorise)

            restore_s, _ = median(restore, runs)
            print(f"backup.restore into a new SQLite file (check, copy, verify): {restore_s:.2f} s")
    finally:
        db.dispose()
        if not args.db:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
