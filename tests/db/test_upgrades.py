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
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, select

from isoqms.db.engine import Database
from isoqms.db.migrate import alembic_config, current_revision, head_revision
from isoqms.db.models import Base, Dossier, PrintLog
from isoqms.domain import clock
from isoqms.domain.dossier import Channel
from isoqms.services import auditor, intake, integrity, statistics
from isoqms.services.intake import Applicant, IntakeDraft
from tests.helpers import login

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

        report = integrity.verify(db, save=False)
        assert report.ok, report.summary()
        assert report.events > 100

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
