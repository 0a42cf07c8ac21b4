"""Migrations from empty on both databases; models and migrations agree."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text

from isoqms.db.engine import Database, resolve_url
from isoqms.db.migrate import alembic_config, current_revision, head_revision
from isoqms.db.models import Base
from isoqms.domain.errors import DatabaseUnavailable
from tests.helpers import raw_sql


def test_migrations_create_every_table_from_empty(db_url: str) -> None:
    db = Database.open(db_url)
    try:
        tables = set(inspect(db.engine).get_table_names())
        assert set(Base.metadata.tables) <= tables
        assert current_revision(db.engine) == head_revision()
    finally:
        db.dispose()


def test_the_head_the_program_knows_is_alembics() -> None:
    """migrate.HEAD names the newest file in migrations/versions: a new migration moves it."""
    script = ScriptDirectory.from_config(alembic_config())
    assert head_revision() == script.get_current_head()


def test_a_database_at_head_opens_without_loading_alembic(tmp_path: Path) -> None:
    """Alembic and the migration files are loaded only when there is something to
    upgrade: the other starts do without them (a process of its own: this one has
    loaded Alembic already)."""
    path = tmp_path / "at-head.sqlite3"
    Database.open(str(path)).dispose()
    probe = (
        "import sys; from isoqms.db.engine import Database; "
        f"Database.open({str(path)!r}).dispose(); "
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'alembic'))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_models_match_migrations(db: Database) -> None:
    with db.engine.connect() as conn:
        diff = compare_metadata(
            MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata
        )
    assert diff == []


def test_opening_again_is_a_no_op(db: Database) -> None:
    before = current_revision(db.engine)
    again = Database.open(db.url.render_as_string(hide_password=False))
    try:
        assert current_revision(again.engine) == before
    finally:
        again.dispose()


def test_database_from_a_newer_program_is_refused(db: Database) -> None:
    raw_sql(db, "UPDATE alembic_version SET version_num = 'f999'")
    with pytest.raises(DatabaseUnavailable, match="phiên bản isoqms mới hơn"):
        Database.open(db.url.render_as_string(hide_password=False))


def test_a_version_table_with_two_rows_is_refused_in_words(db: Database) -> None:
    """Alembic writes one row; two were written outside the program."""
    raw_sql(db, "INSERT INTO alembic_version (version_num) VALUES ('0001')")
    with pytest.raises(DatabaseUnavailable, match="nhiều hơn một dòng"):
        Database.open(db.url.render_as_string(hide_password=False))


def test_sqlite_runs_with_wal_and_foreign_keys(tmp_path: object) -> None:
    db = Database.open(f"{tmp_path}/plain-path.sqlite3")
    try:
        assert db.backend == "sqlite"
        with db.engine.connect() as conn:
            assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
            assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
            assert conn.execute(text("PRAGMA busy_timeout")).scalar() >= 5000
    finally:
        db.dispose()


def test_url_resolution() -> None:
    assert resolve_url("postgresql://u@h/d").drivername == "postgresql+psycopg"
    with pytest.raises(DatabaseUnavailable, match="Chỉ hỗ trợ SQLite và PostgreSQL"):
        resolve_url("mysql://u@h/d")
