"""Databases made by earlier versions open in this one, with all their rows and a verifying
chain.

``tests/db/upgrade/`` holds one SQLite file per schema head, made by that commit's own
program (``python tools/make_upgrade_fixture.py COMMIT``): the demo commune with its
dossiers, a receipt printed twice, a form amended through three signatures, a controlled
copy, counter notices. Each is upgraded to the newest head here.
"""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, select

from isoqms.db.engine import Database, resolve_url
from isoqms.db.migrate import alembic_config, current_revision, head_revision
from isoqms.db.models import Base, Dossier, PrintLog
from isoqms.domain import clock
from isoqms.domain.dossier import Channel
from isoqms.domain.errors import DatabaseUnavailable
from isoqms.services import auditor, intake, integrity, statistics
from isoqms.services.intake import Applicant, IntakeDraft
from isoqms.services.startup import seal_after_upgrade
from tests.helpers import login, raw_sql
from tests.helpers_journey import Desk

UNSEALED_TABLES = {"alembic_version", "audit_event", "audit_head"}
FIXTURES = sorted((Path(__file__).parent / "upgrade").glob("*.sqlite3"))


def _rows(path: Path) -> dict[str, int]:
    conn = sqlite3.connect(path)
    try:
        tables = [
            name
            for (name,) in conn.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        return {t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}
    finally:
        conn.close()


def _dossiers(path: Path) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(
            "SELECT code, applicant_name, appointment, received_at FROM dossier ORDER BY id"
        ).fetchall()
    finally:
        conn.close()


def test_there_is_a_file_for_every_head_since_0006() -> None:
    """Migrations are immutable once on main; each head keeps the database its program
    made, so the next migration is tested on real data (make_upgrade_fixture.py)."""
    script = ScriptDirectory.from_config(alembic_config())
    heads = [r.revision for r in script.walk_revisions() if r.revision >= "0006"]
    assert set(heads) <= {p.name.split("-")[0] for p in FIXTURES}
    assert any(p.name == "0007-527cf27.sqlite3" for p in FIXTURES)  # the main of 01/12/2026


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda p: p.stem)
def test_an_earlier_database_opens_with_all_its_rows(fixture: Path, tmp_path: Path) -> None:
    path = tmp_path / fixture.name
    shutil.copyfile(fixture, path)
    before, dossiers = _rows(path), _dossiers(path)
    assert before["print_log"] >= 2 and before["dossier"] >= 1, "the fixture lost its prints"

    db = Database.open(str(path))
    try:
        assert current_revision(db.engine) == head_revision()
        after = _rows(path)
        assert {t: after[t] for t in before if t != "alembic_version"} == {
            t: n for t, n in before.items() if t != "alembic_version"
        }
        assert _dossiers(path) == dossiers
        with db.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall() == []
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            # the schema is exactly what the models say: nothing an earlier text lacked
            diff = compare_metadata(
                MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata
            )
        assert diff == []
        assert "open_days" in {c["name"] for c in inspect(db.engine).get_columns("dossier")}

        # the first start after the upgrade seals every row as the upgrade left it, once;
        # a database the newest head made needs no upgrade: its rows were sealed as written
        rows = sum(n for t, n in after.items() if t not in UNSEALED_TABLES)
        if fixture.name[:4] == head_revision():
            assert db.upgraded_from is None
            assert seal_after_upgrade(db) == 0
            sealed = rows
        else:
            assert db.upgraded_from == fixture.name[:4]
            # a database from before 0010 had no seals: all its rows are sealed now; from
            # 0010 on rows were sealed as written, and a migration that changes none (0011
            # adds a table) leaves nothing to seal; one that adds a column to a table with
            # rows (0014: the finding's origin; 0015: the unit's supplement rules and each
            # dossier event's rule) changes those rows, which are sealed anew
            expected = rows if fixture.name[:4] < "0010" else 0
            if "0010" <= fixture.name[:4] < "0014":
                expected += before.get("iso_finding", 0)
            if "0010" <= fixture.name[:4] < "0015":
                expected += before.get("unit_profile", 0) + before.get("dossier_event", 0)
            assert seal_after_upgrade(db) == expected
            assert seal_after_upgrade(db) == 0
            sealed = rows
        report = integrity.verify(db, save=False)
        assert report.ok, report.summary()
        assert report.events > 100 and report.rows == sealed

        # the printed dossier still traces to its prints, intact
        auditor_ = login(db, "auditor")
        with db.read() as session:
            printed = session.execute(
                select(Dossier.code).join(PrintLog, PrintLog.dossier_id == Dossier.id).limit(1)
            ).scalar_one()
        trace = auditor.trace(db, auditor_, printed)
        assert len(trace.prints) >= 2 and all(p.intact for p in trace.prints)

        # and the desk goes on: a new receipt takes the next number, the statistics run
        clerk = login(db, "clerk")
        with clock.travel(dt.datetime(2027, 1, 5, 9, 0)):
            view = intake.receive(
                db, clerk, IntakeDraft("1.001193", Applicant("Lê Văn Mới"), channel=Channel.DIRECT)
            )
        assert view.code not in {d[0] for d in dossiers}
        first = dt.datetime.fromisoformat(str(dossiers[0][3])).date()
        report_ = statistics.report(
            db, clerk, statistics.Period.custom(first, view.received_at.date())
        )
        assert report_.total.received >= len(dossiers)
    finally:
        db.dispose()


def test_an_upgrade_that_would_leave_a_dangling_reference_changes_nothing(
    tmp_path: Path,
) -> None:
    fixture = next(p for p in FIXTURES if p.name.startswith("0006-"))
    path = tmp_path / fixture.name
    shutil.copyfile(fixture, path)
    conn = sqlite3.connect(path)
    try:  # a print-log row of a dossier no longer there (raw SQL, foreign keys off)
        conn.execute("UPDATE print_log SET dossier_id = 999999 WHERE id = 1")
        conn.commit()
    finally:
        conn.close()
    before = _rows(path)
    for _attempt in range(2):  # refused every time, not only the first
        with pytest.raises(DatabaseUnavailable, match="print_log") as refused:
            Database.open(str(path))
        assert "999999" not in refused.value.message  # no row data in the message
        conn = sqlite3.connect(path)
        try:
            assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == ("0006",)
        finally:
            conn.close()
        assert _rows(path) == before


def test_a_failed_upgrade_leaves_foreign_keys_on(tmp_path: Path) -> None:
    fixture = next(p for p in FIXTURES if p.name.startswith("0006-"))
    path = tmp_path / fixture.name
    shutil.copyfile(fixture, path)
    conn = sqlite3.connect(path)
    try:
        conn.execute("UPDATE print_log SET dossier_id = 999999 WHERE id = 1")
        conn.commit()
    finally:
        conn.close()
    db = Database(resolve_url(str(path)))
    try:
        with pytest.raises(DatabaseUnavailable):
            db.migrate()
        with db.engine.connect() as conn2:
            assert conn2.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    finally:
        db.dispose()


def test_0008_repairs_a_database_made_by_the_first_text_of_0007(desk: Desk) -> None:
    """On both backends: the desk's dossiers (finished over several days), with the
    schema the first text of 0007 made — no open_days, no index on it or on returned_at."""
    db = desk.db
    url = db.url.render_as_string(hide_password=False)
    with db.read() as session:
        finished = {
            code: (finished_at.date() - received_at.date()).days
            for code, received_at, finished_at in session.execute(
                select(Dossier.code, Dossier.received_at, Dossier.finished_at).where(
                    Dossier.finished_at.is_not(None)
                )
            )
        }
    assert max(finished.values()) >= 3, "the desk should hold dossiers open several days"
    command.downgrade(alembic_config(db.engine), "0008")  # back to 0008's schema, data kept
    db.dispose()
    raw_sql(
        db,
        "DROP INDEX ix_dossier_open_days",
        "DROP INDEX ix_dossier_returned_at",
        "ALTER TABLE dossier DROP COLUMN open_days",
        "UPDATE alembic_version SET version_num = '0007'",
    )
    again = Database.open(url)
    try:
        assert current_revision(again.engine) == head_revision()
        with again.engine.connect() as conn:
            diff = compare_metadata(
                MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata
            )
        assert diff == []
        with again.read() as session:
            repaired = dict(
                session.execute(
                    select(Dossier.code, Dossier.open_days).where(Dossier.finished_at.is_not(None))
                ).all()
            )
        assert repaired == finished
    finally:
        again.dispose()
